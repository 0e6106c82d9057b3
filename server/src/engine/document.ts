// One YAML file, parsed once and shared by every feature.
//
// Values come from js-yaml (about 8× faster than building `yaml`'s document model, see
// bench/README.md); the `yaml` package's document model, which keeps comments and exact ranges, is
// built lazily, only when something must point into the file (a finding, or an editor feature).
// Both parsers use the YAML 1.2 core schema, so they read the same values.
import * as jsyaml from 'js-yaml';
import * as YAML from 'yaml';
import { closesOnLine, fastLoad } from './fastYaml';
import { detectKind, kindFromName } from './kinds';
import { LineIndex } from './lines';
import { attachSource, type RawFinding } from './locate';
import type { FileKind } from './types';

/** Deepest nesting Pactline reads; deeper documents are refused before parsing (parsers recurse). */
export const MAX_DEPTH = 1000;
/** Most nodes a document may expand to through aliases. */
export const MAX_EXPANDED_NODES = 1_000_000;
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export interface ParseOptions {
  /** Largest text, in UTF-8 bytes (as on disk), that is parsed. */
  maxFileSize?: number;
  /** The kind, when the caller knows it better than the file name (`--config other.yaml`). */
  kind?: FileKind;
  /** False: read values with js-yaml alone, as before the fast reader (tests and benchmarks compare). */
  fastReader?: boolean;
}

export interface ParsedDocument {
  /** The path the caller knows the file by (relative or absolute, forward slashes). */
  readonly path: string;
  readonly text: string;
  readonly kind: FileKind | undefined;
  /** The document's value; undefined when it could not be read as one YAML document. */
  readonly value: unknown;
  /** True for a stream of several YAML documents: Pactline skips those. */
  readonly multiDocument: boolean;
  /**
   * True when the host refused to read the file (a link out of the workspace, a FIFO or device):
   * its finding is reported whatever its kind, since nothing of it could be read to tell.
   */
  readonly refused?: boolean;
  /** Problems with the file itself (rule family `yaml/`). */
  readonly problems: readonly RawFinding[];
  readonly lines: LineIndex;
  /** The `yaml` document model, with comments and ranges; built on first use. */
  ast(): YAML.Document.Parsed | undefined;
}

export function parseDocument(path: string, text: string, options: ParseOptions = {}): ParsedDocument {
  const kind = options.kind ?? detectKind(path, text);
  const lines = new LineIndex(text);
  const problems: RawFinding[] = [];
  let value: unknown;
  let multiDocument = false;
  let astAllowed = true;

  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  // A text of at most a third of the limit in UTF-16 units fits whatever it holds: not counted.
  const size = text.length * 3 <= maxFileSize ? text.length : utf8Size(text);
  if (size > maxFileSize) {
    problems.push(tooLarge(size, maxFileSize));
    astAllowed = false;
  } else {
    const depth = textNestingDepth(text);
    if (depth.depth > MAX_DEPTH) {
      problems.push({
        rule: 'yaml/too-deep',
        message:
          `This document nests more than ${MAX_DEPTH} levels deep; Pactline does not read it. ` +
          'Data contracts never need this depth: check for a generated or corrupted file.',
        at: { range: lines.lineContentRange(lines.positionAt(depth.offset).line) },
      });
      astAllowed = false;
    } else {
      // The fast reader gives js-yaml's value for the common shapes, or nothing and js-yaml runs.
      // What it accepts has no aliases and at most MAX_EXPANDED_NODES values, nested less deeply
      // than MAX_DEPTH: measuring its shape could find nothing. Only lines in its `laxRegions` can
      // look unclosed to the check below.
      const fast = options.fastReader === false ? undefined : fastLoad(text, MAX_EXPANDED_NODES);
      let result: LoadResult = fast ? { ok: true, value: fast.value } : loadValue(text);
      // js-yaml accepts a quoted string or flow collection whose continuation line is not indented
      // past its key; YAML 1.2 (and the `yaml` package, other tools) end the value there and reject
      // the file. Only when the text has such a line does the stricter parser get asked.
      if (result.ok && hasUnderIndentedContinuation(text, fast?.laxRegions)) {
        const strict = YAML.parseDocument(text, { uniqueKeys: false });
        if (strict.errors.length) result = { ok: false, multiDocument: false, error: strict.errors[0] };
      }
      if (result.ok) {
        const shape = !fast && mayUseAliases(text) ? measureValue(result.value) : {};
        if (shape.problem) {
          problems.push({
            rule: shape.problem === 'depth' ? 'yaml/too-deep' : 'yaml/alias-expansion',
            message: shape.message,
            at: { range: firstAliasRange(text, lines) },
          });
          astAllowed = shape.problem !== 'depth';
        } else {
          value = result.value;
        }
      } else if (result.multiDocument) {
        multiDocument = true;
      } else if (result.error instanceof RangeError) {
        // The parser ran out of stack before the documented limit (a smaller stack than Node's default).
        problems.push({
          rule: 'yaml/too-deep',
          message:
            'This document nests too deeply for Pactline to read it. Data contracts never need this depth: check for a generated or corrupted file.',
          at: { range: lines.lineContentRange(lines.positionAt(depth.offset).line) },
        });
        astAllowed = false;
      } else {
        problems.push(...syntaxProblems(text, lines, result.error));
      }
    }
  }

  return assemble(path, text, kind, value, multiDocument, problems, lines, astAllowed);
}

/**
 * The document `parseDocument(path, text)` gave earlier, rebuilt from its parts without parsing
 * again: a worker thread parsed it, or a cache kept its value for the same bytes. Only for a
 * document without problems (those are re-parsed: their findings depend on the text's details).
 */
export function documentFromValue(
  path: string,
  text: string,
  kind: FileKind | undefined,
  value: unknown,
  multiDocument: boolean,
): ParsedDocument {
  return assemble(path, text, kind, value, multiDocument, [], new LineIndex(text), true);
}

function assemble(
  path: string,
  text: string,
  kind: FileKind | undefined,
  value: unknown,
  multiDocument: boolean,
  problems: RawFinding[],
  lines: LineIndex,
  astAllowed: boolean,
): ParsedDocument {
  let astCache: YAML.Document.Parsed | undefined | null = null;
  return {
    path,
    text,
    kind,
    value,
    multiDocument,
    problems,
    lines,
    ast() {
      if (astCache === null) {
        astCache = undefined;
        if (astAllowed && !multiDocument) {
          try {
            astCache = YAML.parseDocument(text, { uniqueKeys: false, keepSourceTokens: false });
            attachSource(astCache, text);
          } catch {
            astCache = undefined; // positions fall back to the document start
          }
        }
      }
      return astCache;
    },
  };
}

type LoadResult = { ok: true; value: unknown } | { ok: false; multiDocument: boolean; error: unknown };

function loadValue(text: string): LoadResult {
  try {
    // js-yaml stops at 100 levels by default; the text scan above already bounds the depth.
    return {
      ok: true,
      value: jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, maxDepth: MAX_DEPTH + 10 } as jsyaml.LoadOptions),
    };
  } catch (error) {
    const reason = (error as { reason?: string }).reason ?? '';
    if (reason.includes('expected a single document')) return { ok: false, multiDocument: true, error };
    return { ok: false, multiDocument: false, error };
  }
}

/**
 * The text's size in UTF-8 bytes (what `maxFileSize` counts, as on disk). Each UTF-16 code unit is
 * 1 to 3 bytes (a surrogate pair, 2 units, is 4).
 */
export function utf8Size(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

/** 612 bytes, 3.4 KB, 5.0 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function tooLarge(size: number, limit: number): RawFinding {
  const mb = formatSize;
  return {
    rule: 'yaml/too-large',
    message:
      `This file is ${mb(size)}, larger than the ${mb(limit)} Pactline reads; it was skipped. ` +
      'Raise `maxFileSize` in pactline.yaml to check it.',
    at: { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
  };
}

/**
 * Nesting depth read from the text alone (indentation steps and flow brackets), so that a
 * pathological document is refused before a recursive parser sees it.
 */
export function textNestingDepth(text: string, limit = MAX_DEPTH): { depth: number; offset: number } {
  // Fast path, run on every file: no line indented past the limit and too few brackets to nest
  // that deep means nothing to scan character by character.
  if (!hasDeepLine(text, limit) && countBrackets(text, limit + 1) <= limit) return { depth: 0, offset: 0 };
  let maxDepth = 0;
  let maxOffset = 0;
  let flow = 0;
  let lineStart = 0;
  let inComment = false;
  let quote = '';
  for (let i = 0; i <= text.length; i++) {
    const c = text.charCodeAt(i);
    if (i === text.length || c === 10) {
      // Block nesting: each level needs at least one column of indentation (or a "- ").
      let indent = 0;
      while (
        lineStart + indent < i &&
        (text.charCodeAt(lineStart + indent) === 32 || text.charCodeAt(lineStart + indent) === 45)
      )
        indent++;
      if (indent > maxDepth) {
        if (maxDepth <= limit) maxOffset = lineStart; // report the first place past the limit
        maxDepth = indent;
      }
      lineStart = i + 1;
      inComment = false;
      continue;
    }
    if (inComment) continue;
    if (quote) {
      if (String.fromCharCode(c) === quote) quote = '';
      continue;
    }
    if (c === 35 && (i === 0 || text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) {
      inComment = true;
      continue;
    }
    if (c === 34 || (c === 39 && flow > 0)) {
      quote = String.fromCharCode(c);
      continue;
    }
    if (c === 91 || c === 123) {
      flow++;
      if (flow > maxDepth) {
        if (maxDepth <= limit) maxOffset = i;
        maxDepth = flow;
      }
    } else if ((c === 93 || c === 125) && flow > 0) {
      flow--;
    }
  }
  return { depth: maxDepth, offset: maxOffset };
}

/**
 * Whether a line starts with more than `limit` spaces and dashes (lines as the scan above counts
 * them, after "\n"). A loop over line starts: the equivalent multiline regex tries every offset.
 */
function hasDeepLine(text: string, limit: number): boolean {
  for (let start = 0; start < text.length;) {
    let i = start;
    const stop = start + limit;
    for (let c = text.charCodeAt(i); i <= stop && (c === 32 || c === 45); c = text.charCodeAt(++i));
    if (i > stop) return true;
    const nl = text.indexOf('\n', i);
    if (nl < 0) return false;
    start = nl + 1;
  }
  return false;
}

function countBrackets(text: string, stopAt: number): number {
  let count = 0;
  for (const bracket of ['[', '{']) {
    for (let i = text.indexOf(bracket); i >= 0 && count < stopAt; i = text.indexOf(bracket, i + 1)) count++;
  }
  return count;
}

/** Whether the text may use YAML aliases (`*name`); only then can expansion blow up. */
function mayUseAliases(text: string): boolean {
  return /(^|[\s[{,:-])\*[^\s\]},]/m.test(text);
}

type Shape = { problem?: undefined } | { problem: 'depth' | 'aliases'; message: string };

/** Depth and alias-expanded size of a loaded value, in time proportional to its distinct nodes. */
function measureValue(root: unknown): Shape {
  const sizes = new Map<object, number>();
  const onPath = new Set<object>();
  // Iterative post-order walk: parsers share aliased objects, so memoise by identity.
  const stack: { node: object; children: unknown[]; next: number; size: number }[] = [];
  const enter = (node: unknown): number | 'cycle' | 'push' => {
    if (typeof node !== 'object' || node === null) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (onPath.has(node)) return 'cycle';
    onPath.add(node);
    stack.push({ node, children: Array.isArray(node) ? node : Object.values(node), next: 0, size: 1 });
    return 'push';
  };
  const first = enter(root);
  if (first === 'cycle') return { problem: 'aliases', message: cycleMessage };
  while (stack.length) {
    if (stack.length > MAX_DEPTH) {
      return {
        problem: 'depth',
        message: `This document nests more than ${MAX_DEPTH} levels deep; Pactline does not read it.`,
      };
    }
    const top = stack[stack.length - 1];
    if (top.next < top.children.length) {
      const r = enter(top.children[top.next++]);
      if (r === 'cycle') return { problem: 'aliases', message: cycleMessage };
      if (r !== 'push') top.size += r;
    } else {
      stack.pop();
      onPath.delete(top.node);
      sizes.set(top.node, top.size);
      if (top.size > MAX_EXPANDED_NODES) {
        return {
          problem: 'aliases',
          message:
            `YAML aliases expand this document to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} values ` +
            '(an "alias bomb"); Pactline stops here to protect your editor and CI. Replace the aliases with plain values.',
        };
      }
      if (stack.length) stack[stack.length - 1].size += top.size;
    }
  }
  return {};
}

const cycleMessage =
  'A YAML alias refers to a node that contains it, so the document is infinite. ' +
  'Replace the alias with a plain value.';

function firstAliasRange(text: string, lines: LineIndex) {
  const match = /(^|[\s[{,:-])\*[^\s\]},]+/m.exec(text);
  if (!match) return lines.lineContentRange(0);
  const start = match.index + match[1].length;
  return lines.rangeOf(start, start + match[0].length - match[1].length);
}

/**
 * Whether a line opens a quoted string or flow collection as a value (after `key: ` or `- `), does
 * not close it, and the next non-blank line is indented no further than the line's key: the one
 * shape on which js-yaml is laxer than YAML 1.2. A cheap, linear over-approximation (quotes inside
 * a block scalar look the same); the `yaml` package decides.
 */
export function hasUnderIndentedContinuation(text: string, regions?: readonly number[]): boolean {
  if (!regions) return linesContinueUnderIndented(text, 0, text.length);
  for (let i = 0; i < regions.length; i += 2)
    if (linesContinueUnderIndented(text, regions[i], regions[i + 1])) return true;
  return false;
}

/**
 * The check on the lines from `from` (a line start, or the line break before one) to `to`, and on
 * past `to` until a line decides a value left open: what the whole-text scan would find there,
 * when no line before `from` leaves a value open.
 */
function linesContinueUnderIndented(text: string, from: number, to: number): boolean {
  let pending = -1; // indentation of the key of an unclosed value on an earlier line
  for (let start = from; start < text.length;) {
    if (start >= to && pending < 0) return false;
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    let lead = start;
    while (lead < end && text.charCodeAt(lead) === 32) lead++;
    while (lead + 1 < end && text[lead] === '-' && text[lead + 1] === ' ') {
      lead += 2;
      while (lead < end && text.charCodeAt(lead) === 32) lead++;
    }
    if (lead < end && text[lead] !== '#' && text[lead] !== '\r') {
      if (pending >= 0 && indentOfLine(text, start, end) <= pending) return true;
      pending = -1;
      const value = valueStart(text, lead, end);
      if (value >= 0 && !closesOnLine(text, value, end)) pending = lead - start;
    }
    start = end + 1;
  }
  return false;
}

function indentOfLine(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && text.charCodeAt(i) === 32) i++;
  return i - start;
}

/** Offset of a `"`, `'`, `[` or `{` that starts the value of the line, or -1. */
function valueStart(text: string, lead: number, end: number): number {
  if ('"\'[{'.includes(text[lead])) {
    // A quoted key (`"a b": …`) is not a value; a flow value at the start of a line is.
    const colon = text.indexOf(': ', lead);
    return text[lead] === '"' || text[lead] === "'" ? (colon < 0 || colon > end ? lead : -1) : lead;
  }
  for (let i = lead; i < end - 1; i++) {
    const c = text[i];
    if (c === '#' && text[i - 1] === ' ') return -1;
    if (c === ':' && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
      let v = i + 1;
      while (v < end && (text[v] === ' ' || text[v] === '\t')) v++;
      return v < end && '"\'[{'.includes(text[v]) ? v : -1;
    }
  }
  return -1;
}

/** Turns a parse failure into findings written for a person, pointing where the mistake is. */
function syntaxProblems(text: string, lines: LineIndex, error: unknown): RawFinding[] {
  // A NUL past the binary sniff of the first 8,000 bytes: js-yaml refuses the whole text at line 1.
  const nul = text.indexOf('\u0000');
  if (nul >= 0)
    return [
      {
        rule: 'yaml/syntax',
        message: 'A NUL character (byte 0) is not allowed in YAML text: remove it.',
        at: { range: lines.rangeOf(nul, nul + 1) },
      },
    ];
  const alias = aliasProblem(text, lines, error);
  if (alias) return [alias];
  let doc: YAML.Document.Parsed | undefined;
  try {
    // The parser's own duplicate check scans the mapping for every key (quadratic: minutes for
    // 100,000 keys), so duplicates are found here in one pass instead.
    doc = YAML.parseDocument(text, { uniqueKeys: false });
  } catch {
    doc = undefined;
  }
  const errors = doc ? [...doc.errors, ...duplicateKeys(doc)].sort((a, b) => a.pos[0] - b.pos[0]) : [];
  const found: RawFinding[] = [];
  const tokens = errors.length ? flowTokens(text) : [];
  for (const e of errors) {
    const finding = describeYamlError(text, lines, e, tokens);
    // One mistake gives one finding: the parser often reports follow-on errors at the same place,
    // or on the lines a finding already spans (the continuation of an unclosed string).
    if (
      !found.some(
        (f) =>
          'range' in f.at &&
          'range' in finding.at &&
          finding.at.range.start.line >= f.at.range.start.line &&
          finding.at.range.start.line <= f.at.range.end.line,
      )
    )
      found.push(finding);
    if (found.length >= 5) break;
  }
  if (found.length) return found;
  // The `yaml` package accepted what js-yaml refused: report js-yaml's reason at its mark.
  const mark = (error as { mark?: { line: number; column: number } }).mark;
  const reason = (error as { reason?: string }).reason ?? String((error as Error)?.message ?? error);
  const line = mark ? Math.min(mark.line, lines.lineCount - 1) : 0;
  return [
    {
      rule: 'yaml/syntax',
      message: `YAML syntax error: ${reason}.`,
      at: {
        range: mark
          ? lines.rangeOf(lines.offsetAt({ line, character: mark.column }), lines.lineEnd(line))
          : lines.lineContentRange(0),
      },
    },
  ];
}

/**
 * An alias whose anchor its document does not define, in plain words: anchors reach only within
 * their own document, so one defined before a `---` is a mistake worth naming (the parsers say
 * "unidentified alias" or "Source contains multiple documents").
 */
function aliasProblem(text: string, lines: LineIndex, error: unknown): RawFinding | undefined {
  const name = /^unidentified alias "(.*)"$/s.exec((error as { reason?: string }).reason ?? '')?.[1];
  const end = (error as { mark?: { position?: number } }).mark?.position;
  if (name === undefined || end === undefined) return undefined;
  const start = text.lastIndexOf(`*${name}`, end);
  const range =
    start >= 0 ? lines.rangeOf(start, start + name.length + 1) : lines.lineContentRange(lines.positionAt(end).line);
  const anchorAt = text.search(
    new RegExp(`(^|[\\s\\[{,:-])&${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\\s\\]},]|$)`, 'm'),
  );
  const separator = /^---/m.exec(text.slice(anchorAt >= 0 ? anchorAt : 0, start >= 0 ? start : end));
  const shown = name.length > 60 ? `${name.slice(0, 59)}…` : name;
  const message =
    anchorAt >= 0 && separator
      ? `The alias \`*${shown}\` refers to the anchor \`&${shown}\` of an earlier document in this file (before \`---\`); ` +
        'an anchor reaches only within its own document. Write the value here instead.'
      : `The alias \`*${shown}\` refers to no anchor: no value before it in this document is marked \`&${shown}\`. ` +
        'Mark the value to repeat with the anchor, or write the value here.';
  return { rule: 'yaml/syntax', message, at: { range } };
}

/** Keys that repeat an earlier key of their mapping (by scalar value, as the parser compares them). */
function duplicateKeys(doc: YAML.Document.Parsed): YAML.YAMLError[] {
  const found: YAML.YAMLError[] = [];
  YAML.visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!YAML.isScalar(key) || !key.range || key.value === '<<') continue;
        if (seen.has(key.value))
          found.push(new YAML.YAMLParseError([key.range[0], key.range[1]], 'DUPLICATE_KEY', 'Map keys must be unique'));
        else seen.add(key.value);
      }
    },
  });
  return found;
}

function describeYamlError(
  text: string,
  lines: LineIndex,
  e: YAML.YAMLError,
  tokens: readonly FlowToken[],
): RawFinding {
  // The parser reports some errors at the end of the text (an unclosed `[`): never point past it.
  const start = Math.min(e.pos[0], lastContentOffset(text));
  const end = Math.min(Math.max(e.pos[1], start + 1), text.length);
  const here = lines.rangeOf(start, Math.max(end, start));
  const unclosedQuote = e.code === 'MISSING_CHAR' && /Missing closing ("|')quote/.test(e.message);
  const flowEnd = /^Flow (sequence|map) in block collection must be sufficiently indented and end with a/.test(
    e.message,
  );
  const token =
    unclosedQuote || flowEnd ? enclosingToken(tokens, e.pos[0], unclosedQuote ? 'quote' : 'flow') : undefined;
  if (token) {
    const continued = underIndentedLine(text, lines, token);
    const opening = text[token.offset];
    const what =
      token.kind === 'quote'
        ? `${opening === '"' ? 'double' : 'single'}-quoted string`
        : opening === '['
          ? '`[` list'
          : '`{` mapping';
    // A value the CST calls unclosed may close on the under-indented line (`  y]`, `  \ number."`):
    // then the indentation is the mistake; otherwise it is never closed.
    const closing = token.kind === 'quote' ? opening : opening === '[' ? ']' : '}';
    const closesThere =
      continued !== undefined &&
      text.slice(lines.lineStart(continued.line), lines.lineEnd(continued.line)).includes(closing);
    if (continued && (token.closed || closesThere)) {
      return {
        rule: 'yaml/syntax',
        message:
          `This ${what} goes on to line ${continued.line + 1}, which is not indented past ${continued.key ? `its key \`${continued.key}\`` : 'the line it starts on'} (column ${continued.keyColumn + 1}): ` +
          `YAML ends the value at the line break. Indent line ${continued.line + 1} further, or keep the value on one line.`,
        at: { range: lines.rangeOf(token.offset, lines.lineEnd(continued.line)) },
      };
    }
    if (token.kind === 'flow' && !token.closed) {
      const close = opening === '[' ? ']' : '}';
      return {
        rule: 'yaml/syntax',
        message: `This ${what} is never closed: add a \`${close}\` where it ends.`,
        at: { range: lines.rangeOf(token.offset, lines.lineEnd(lines.positionAt(token.offset).line)) },
      };
    }
  }
  const misaligned =
    e.code !== 'DUPLICATE_KEY' && !unclosedQuote
      ? indentationMismatch(text, lines, lines.positionAt(start).line)
      : undefined;
  if (misaligned) {
    return {
      rule: 'yaml/syntax',
      message: `Bad indentation: this line starts in column ${misaligned.column + 1}, but the keys around it start in column ${misaligned.expected + 1}.`,
      at: { range: lines.lineContentRange(misaligned.line) },
    };
  }
  switch (e.code) {
    case 'DUPLICATE_KEY': {
      const key = keyTextAt(text, start);
      const firstLine = findFirstKeyLine(text, lines, start, key);
      return {
        rule: 'yaml/duplicate-key',
        message:
          `Duplicate key \`${key}\`${firstLine !== undefined ? ` (first defined on line ${firstLine + 1})` : ''}. ` +
          'YAML keeps only one of them: remove or rename one.',
        at: { range: lines.rangeOf(start, start + key.length) },
      };
    }
    case 'MISSING_CHAR': {
      const quote = /Missing closing (["'])quote/.exec(e.message)?.[1];
      if (quote) {
        const open = unclosedQuoteOffset(text, quote);
        const at = open ?? start;
        const name = quote === '"' ? 'double' : 'single';
        return {
          rule: 'yaml/syntax',
          message: `This ${name}-quoted string is never closed: add a closing ${quote} at its end.`,
          at: { range: lines.rangeOf(at, lines.lineEnd(lines.positionAt(at).line)) },
        };
      }
      break;
    }
    case 'TAB_AS_INDENT':
      return {
        rule: 'yaml/syntax',
        message: 'A tab is used for indentation; YAML allows only spaces there.',
        at: { range: here },
      };
    case 'BAD_INDENT':
      return {
        rule: 'yaml/syntax',
        message: `Bad indentation: ${firstSentence(e.message)
          .replace(
            /^All mapping items must start at the same column$/,
            'the keys of a mapping must all start in the same column',
          )
          .replace(
            /^Flow (sequence|map) in block collection must be sufficiently indented and end with a .$/,
            (_m, k) =>
              `a \`${k === 'map' ? '{' : '['}\` that goes on to the next lines must indent them more than its key`,
          )}.`,
        at: { range: lines.lineContentRange(lines.positionAt(start).line) },
      };
    case 'BLOCK_AS_IMPLICIT_KEY':
      return {
        rule: 'yaml/syntax',
        message:
          'A second `key:` on the same line: YAML cannot nest a mapping here. Put it on its own line, or quote the value if the colon belongs to it.',
        at: { range: here },
      };
    default:
      break;
  }
  return { rule: 'yaml/syntax', message: `YAML syntax error: ${firstSentence(e.message)}.`, at: { range: here } };
}

/**
 * A line indented one or two columns off from both of its neighbours, which agree with each other:
 * the commonest YAML mistake, which parsers report with confusing messages.
 */
function indentationMismatch(
  text: string,
  lines: LineIndex,
  errorLine: number,
): { line: number; column: number; expected: number } | undefined {
  const indentOf = (line: number) => {
    const content = text.slice(lines.lineStart(line), lines.lineEnd(line));
    const trimmed = content.trimStart();
    if (!trimmed || trimmed.startsWith('#')) return undefined;
    return content.length - trimmed.length + (trimmed.startsWith('- ') ? 2 : 0);
  };
  for (const line of [errorLine, errorLine - 1]) {
    if (line < 1 || line >= lines.lineCount - 1) continue;
    const own = indentOf(line);
    if (own === undefined) continue;
    let before: number | undefined;
    for (let l = line - 1; l >= 0 && before === undefined; l--) before = indentOf(l);
    let after: number | undefined;
    for (let l = line + 1; l < lines.lineCount && after === undefined; l++) after = indentOf(l);
    const content = text.slice(lines.lineStart(line), lines.lineEnd(line)).trimStart();
    const rawOwn = own - (content.startsWith('- ') ? 2 : 0);
    if (
      before !== undefined &&
      after !== undefined &&
      before === after &&
      Math.abs(rawOwn - before) <= 2 &&
      rawOwn !== before &&
      !content.startsWith('- ')
    ) {
      return { line, column: rawOwn, expected: before };
    }
  }
  return undefined;
}

function firstSentence(message: string): string {
  return message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '')
    .replace(/\.$/, '');
}

function keyTextAt(text: string, offset: number): string {
  const match = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:\n#]*?)(?=\s*:)/.exec(text.slice(offset, offset + 500));
  return (match?.[1] ?? '').trim() || text.slice(offset, offset + 20).split(/[:\n]/)[0];
}

/** The line of the earlier sibling with the same key: same indentation, before the duplicate. */
function findFirstKeyLine(text: string, lines: LineIndex, offset: number, key: string): number | undefined {
  const pos = lines.positionAt(offset);
  const indent = pos.character;
  for (let line = pos.line - 1; line >= 0; line--) {
    const start = lines.lineStart(line);
    const content = text.slice(start, lines.lineEnd(line));
    const lead = content.length - content.trimStart().length;
    const trimmed = content.trimStart();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const effective = trimmed.startsWith('- ') ? lead + 2 : lead;
    if (effective < indent) return undefined;
    if (effective === indent && (trimmed.startsWith('- ') ? trimmed.slice(2) : trimmed).startsWith(key + ':'))
      return line;
  }
  return undefined;
}

/** A quoted scalar or flow collection of the CST: where it opens, and whether it is closed. */
interface FlowToken {
  kind: 'quote' | 'flow';
  offset: number;
  end: number;
  closed: boolean;
}

/** The quoted scalars and flow collections of the text, read from the CST. */
function flowTokens(text: string): FlowToken[] {
  const out: FlowToken[] = [];
  try {
    for (const cst of new YAML.Parser().parse(text)) {
      YAML.CST.visit(cst as YAML.CST.Document, (item) => {
        for (const token of [item.key, item.value]) {
          if (!token) continue;
          if (token.type === 'double-quoted-scalar' || token.type === 'single-quoted-scalar') {
            const quote = token.type === 'double-quoted-scalar' ? '"' : "'";
            out.push({
              kind: 'quote',
              offset: token.offset,
              end: token.offset + token.source.length,
              closed: isClosed(token.source, quote),
            });
          } else if (token.type === 'flow-collection') {
            const close = token.start.source === '[' ? ']' : '}';
            const last = token.end.find((t) => t.source === close);
            out.push({
              kind: 'flow',
              offset: token.start.offset,
              end: last ? last.offset + 1 : token.start.offset + 1,
              closed: last !== undefined,
            });
          }
        }
      });
    }
  } catch {
    return out;
  }
  return out;
}

/** The token of `kind` an error at `offset` belongs to: the last one opening at or before it. */
function enclosingToken(tokens: readonly FlowToken[], offset: number, kind: FlowToken['kind']): FlowToken | undefined {
  let best: FlowToken | undefined;
  for (const t of tokens) if (t.kind === kind && t.offset <= offset && (!best || t.offset > best.offset)) best = t;
  return best;
}

/**
 * The first line after the one a quoted string or flow collection opens on that is indented no
 * further than the key it belongs to (YAML 1.2 wants continuation lines indented more than it).
 */
function underIndentedLine(
  text: string,
  lines: LineIndex,
  token: FlowToken,
): { line: number; key: string; keyColumn: number } | undefined {
  const open = lines.positionAt(token.offset).line;
  const head = text.slice(lines.lineStart(open), token.offset);
  const lead = /^[ ]*(?:- +)*/.exec(head)![0].length;
  const key = /^\s*(?:- +)*([^:#]+?):\s*$/.exec(head)?.[1] ?? '';
  for (let line = open + 1; line < lines.lineCount; line++) {
    const content = text.slice(lines.lineStart(line), lines.lineEnd(line));
    if (!content.trim() || content.trimStart().startsWith('#')) continue;
    const indent = content.length - content.trimStart().length;
    // Only lines the value still spans: up to the closing quote or bracket (or the next line).
    if (indent <= lead) return { line, key: key.replace(/^["']|["']$/g, ''), keyColumn: lead };
    if (token.closed && lines.lineStart(line) >= token.end) return undefined;
    if (!token.closed) return undefined;
  }
  return undefined;
}

/** Offset of the last non-blank character of the text (0 for a blank text). */
function lastContentOffset(text: string): number {
  let i = text.length - 1;
  while (i > 0 && /\s/.test(text[i])) i--;
  return Math.max(i, 0);
}

/** Offset of the quote that opens a quoted scalar left unclosed, read from the CST. */
function unclosedQuoteOffset(text: string, quote: string): number | undefined {
  const type = quote === '"' ? 'double-quoted-scalar' : 'single-quoted-scalar';
  let found: number | undefined;
  try {
    for (const cst of new YAML.Parser().parse(text)) {
      YAML.CST.visit(cst as YAML.CST.Document, (item) => {
        for (const token of [item.key, item.value]) {
          if (found === undefined && token && token.type === type && !isClosed(token.source, quote))
            found = token.offset;
        }
      });
      if (found !== undefined) break;
    }
  } catch {
    return undefined;
  }
  return found;
}

function isClosed(source: string, quote: string): boolean {
  if (source.length < 2 || !source.endsWith(quote)) return false;
  if (quote === "'") return true;
  let backslashes = 0;
  for (let i = source.length - 2; i > 0 && source[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0;
}

/** A file that could not be decoded as text: it has a kind (by name) and one problem, no value. */
export function unreadableDocument(
  path: string,
  problem: RawFinding,
  kind: FileKind | undefined = kindFromName(path),
  refused = false,
): ParsedDocument {
  const lines = new LineIndex('');
  return {
    path,
    text: '',
    kind,
    value: undefined,
    multiDocument: false,
    problems: [problem],
    lines,
    refused,
    ast: () => undefined,
  };
}

/**
 * Why the host did not read a file: a symbolic link whose target is outside the workspace, not a
 * regular file (a FIFO, a device, a socket), or over the size limit (with its first bytes, to tell
 * its kind by its top-level keys).
 */
export type ReadRefusal =
  | { reason: 'outside' }
  | { reason: 'special'; type: string }
  | { reason: 'too-large'; size: number; limit: number; head?: Uint8Array };

/** The document of a file the host refused to read: one finding, nothing of its content. */
export function refusedDocument(path: string, refusal: ReadRefusal): ParsedDocument {
  if (refusal.reason === 'too-large') {
    const head = refusal.head ? new TextDecoder('utf-8', { fatal: false }).decode(refusal.head) : '';
    return unreadableDocument(path, tooLarge(refusal.size, refusal.limit), detectKind(path, head));
  }
  const zero = { line: 0, character: 0 };
  const message =
    refusal.reason === 'outside'
      ? 'This is a symbolic link that leads outside the workspace (or lies in a linked folder that does); Pactline does not follow it and read nothing of its target. ' +
        'Commit the file itself, or point the link at a file inside the repository.'
      : `This is ${refusal.type}, not a regular file; Pactline does not read it.`;
  return unreadableDocument(
    path,
    { rule: 'pactline/unsafe-path', message, at: { range: { start: zero, end: zero } } },
    kindFromName(path),
    true,
  );
}
