// Re-parsing only what an edit changed, for large documents.
//
// The engine parses a whole document on every change: js-yaml for the value (~100 ms on a 1.4 MB,
// 35,000-line contract) and, as soon as one finding must be located or a feature needs it, the
// `yaml` document model (~300–700 ms). Typing in such a file would wait for both after every
// keystroke. Here the previous parse is kept and only the smallest block-collection entry that holds
// the edit (a property of a schema object, one key of it, a list item) is parsed again — alone,
// with both parsers — and spliced into the previous value and document model; the nodes after it
// are shifted. The result is handed to the engine as a `ParsedDocument` that is exactly what
// `parseDocument` would have built from the new text, or the edit falls back to a full parse.
//
// It declines (full parse) whenever equivalence is not evident: the previous version had a problem
// or no document model yet, the document uses aliases, directives or document markers, the new span
// does not parse cleanly on its own, an entry changes indentation or kind, keys would collide, ...
// The tests (test/lsp/incremental.test.ts) compare it with a full parse over thousands of edits.
import * as jsyaml from 'js-yaml';
import * as YAML from 'yaml';
import { MAX_DEPTH, parseDocument, textNestingDepth, type ParsedDocument } from './document';
import { documentOf } from './features/shared';
import { detectKind, isRecord } from './kinds';
import { LineIndex } from './lines';
import { attachSource, valueAt, type PathSegment } from './locate';
import type { LanguageService } from './service';

/** Below this size a full parse is cheap enough (a few ms): no splicing, no background model. */
export const INCREMENTAL_MIN_SIZE = 32 * 1024;

interface Tracked {
  /** The `yaml` document model, once built (by the engine, a feature, the warm-up or a splice). */
  ast: YAML.Document.Parsed | undefined;
  /** Whether the document model holds an alias or an anchor (computed once, on the first splice). */
  anchors?: boolean;
}

/** Where a change is, as a run of entries of one block collection. */
interface Unit {
  collection: YAML.YAMLMap | YAML.YAMLSeq;
  /** Data path of the collection (keys and indices, as the value is addressed). */
  path: PathSegment[];
  first: number;
  last: number;
  /** Offsets in the old text: the line start of the first entry, the end of the last one's content. */
  start: number;
  end: number;
  /** Column of the entries (of the `-` of list items, of the keys of a mapping). */
  column: number;
}

export interface IncrementalStats {
  spliced: number;
  full: number;
  /** Documents opened with the text the index had read from disk: that parse is kept. */
  reused: number;
  /** Why the last full parse was chosen (for the log and the tests). */
  lastReason: string;
}

export class IncrementalParser {
  private readonly tracked = new WeakMap<ParsedDocument, Tracked>();
  readonly stats: IncrementalStats = { spliced: 0, full: 0, reused: 0, lastReason: '' };

  constructor(private readonly minSize = INCREMENTAL_MIN_SIZE) {}

  /** Hands `text` to the service for `path`: spliced into the previous parse when possible, else parsed in full. */
  update(service: LanguageService, path: string, text: string): ParsedDocument {
    const previous = service.getDocument(path);
    // Opening a file the index read from disk: the same text gives the same parse (under the same
    // limits: one that had a problem, or that the size limit now refuses, is parsed again). Keep it,
    // and track it from now on so that the next edit can be spliced.
    if (
      previous &&
      previous.text === text &&
      !this.tracked.has(previous) &&
      !previous.problems.length &&
      !previous.multiDocument &&
      text.length <= service.config.maxFileSize
    ) {
      this.tracked.set(previous, { ast: undefined });
      this.stats.reused++;
      return previous;
    }
    const spliced = previous && text.length >= this.minSize ? this.splice(service, previous, text) : undefined;
    if (spliced) {
      service.setParsedDocument(spliced);
      // The previous version's document model now describes the new text: make sure no feature
      // remembers the previous version as its "last good parse".
      documentOf(service, path);
      this.stats.spliced++;
      return spliced;
    }
    this.stats.full++;
    if (previous && text.length >= this.minSize) this.stats.lastReason ||= 'no previous parse';
    return service.setParsedDocument(
      this.track(parseDocument(path, text, { maxFileSize: service.config.maxFileSize })),
    );
  }

  /**
   * What to prepare, after a validation and while the editor is idle, that the next edit of a large
   * document would otherwise wait for (the adapter runs one step per timer tick, so an edit that
   * arrives in between is handled first; a changed document skips the rest): its document model (so that the edit can be
   * spliced and hover does not wait for it), whether the model uses aliases, and the full schema
   * validator its first mistake needs (compiled once per server).
   */
  warmUpSteps(service: LanguageService, path: string): Array<() => void> {
    const doc = service.getDocument(path);
    const tracked = doc && this.tracked.get(doc);
    if (!doc || !tracked || doc.text.length < this.minSize || doc.problems.length || doc.multiDocument) return [];
    const steps: (() => void)[] = [];
    if (!tracked.ast) {
      steps.push(() => {
        tracked.ast = doc.ast();
      });
    }
    if (tracked.anchors === undefined) {
      // The first splice would otherwise walk the whole model for aliases while the editor waits.
      steps.push(() => {
        const ast = doc.ast();
        tracked.ast = ast;
        if (ast && !ast.errors.length) tracked.anchors = usesAnchors(ast.contents);
      });
    }
    if (service.prepareValidation(path, true)) steps.push(() => void service.prepareValidation(path));
    // Each step checks that the document is still the one it was planned for: an edit stops the rest.
    return steps.map((step) => () => {
      if (service.getDocument(path) === doc) step();
    });
  }

  /** Wraps a parsed document so that we know when its document model has been built. */
  private track(doc: ParsedDocument): ParsedDocument {
    const tracked: Tracked = { ast: undefined };
    const wrapped: ParsedDocument = {
      path: doc.path,
      text: doc.text,
      kind: doc.kind,
      value: doc.value,
      multiDocument: doc.multiDocument,
      problems: doc.problems,
      lines: doc.lines,
      ast() {
        if (!tracked.ast) tracked.ast = doc.ast();
        return tracked.ast;
      },
    };
    this.tracked.set(wrapped, tracked);
    return wrapped;
  }

  private decline(reason: string): undefined {
    this.stats.lastReason = reason;
    return undefined;
  }

  /** The new document, or undefined when a full parse is needed. */
  splice(service: LanguageService, previous: ParsedDocument, text: string): ParsedDocument | undefined {
    this.stats.lastReason = '';
    const tracked = this.tracked.get(previous);
    const ast = tracked?.ast;
    if (!tracked || !ast) return this.decline('the previous version has no document model yet');
    if (previous.problems.length || previous.multiDocument || previous.value === undefined || ast.errors.length)
      return this.decline('the previous version has problems');
    if (text.length > service.config.maxFileSize) return this.decline('too large');
    const kind = detectKind(previous.path, text);
    if (kind !== previous.kind) return this.decline('the kind changed');
    if (/^(%|---|\.\.\.)/m.test(text)) return this.decline('directives or document markers');
    // Outside the span the text is unchanged, so the previous model says whether it uses aliases;
    // the span itself is checked when parsed.
    if ((tracked.anchors ??= usesAnchors(ast.contents))) return this.decline('aliases or anchors in the document');

    const old = previous.text;
    if (old === text) return this.decline('same text');
    const p = commonPrefix(old, text);
    const s = commonSuffix(old, text, Math.min(old.length, text.length) - p);
    const oldEnd = old.length - s;
    const delta = text.length - old.length;

    const units = findUnits(ast, old, p, oldEnd);
    if (!units.length) return this.decline('the edit is not inside a block collection entry');
    for (const unit of units) {
      const result = parseSpan(unit, old, text, delta, previous.value);
      if (typeof result === 'string') {
        this.stats.lastReason = this.stats.lastReason ? `${this.stats.lastReason}; ${result}` : result;
        continue;
      }
      // Commit: shift what follows the span, replace the entries, rebuild the value along the path.
      shiftAfter(ast, unit.end, delta);
      const removed = unit.collection.items.slice(unit.first, unit.last + 1);
      copyLeadingTrivia(removed[0], result.items[0], YAML.isMap(unit.collection));
      (unit.collection.items as unknown[]).splice(unit.first, unit.last - unit.first + 1, ...result.items);
      const value = replaceAt(previous.value, unit.path, result.collectionValue);
      attachSource(ast, text);
      const doc: ParsedDocument = {
        path: previous.path,
        text,
        kind,
        value,
        multiDocument: false,
        problems: [],
        lines: LineIndex.afterEdit(previous.lines, text, p, oldEnd, oldEnd + delta),
        ast: () => ast,
      };
      this.tracked.set(doc, { ast, anchors: false });
      return doc;
    }
    return undefined;
  }
}

// Comparing a 1.4 MB text character by character costs 5–50 ms (the editor's text is often a
// concatenation V8 has not flattened yet); comparing slices of a few KB at a time is a memory compare.
const CHUNK = 4096;

/** The length of the longest common prefix of `a` and `b`. */
export function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p + CHUNK <= max && a.slice(p, p + CHUNK) === b.slice(p, p + CHUNK)) p += CHUNK;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p;
}

/** The length of the longest common suffix of `a` and `b`, at most `limit`. */
export function commonSuffix(a: string, b: string, limit: number): number {
  let s = 0;
  while (
    s + CHUNK <= limit &&
    a.slice(a.length - s - CHUNK, a.length - s) === b.slice(b.length - s - CHUNK, b.length - s)
  )
    s += CHUNK;
  while (s < limit && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return s;
}

function usesAnchors(node: unknown): boolean {
  let found = false;
  YAML.visit(node as YAML.Node, {
    Node(_, n) {
      if (YAML.isAlias(n) || (n as YAML.Node).anchor) {
        found = true;
        return YAML.visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

// ---- where the edit is ------------------------------------------------------------------------

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The end of the line holding `offset - 1` (just past its line break), or `offset` when at a line start. */
function lineEndFrom(text: string, offset: number): number {
  if (offset <= 0 || text.charCodeAt(offset - 1) === 10) return offset;
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** The offset where an entry starts: a list item's `-`, a pair's key. */
function entryStart(text: string, collection: YAML.YAMLMap | YAML.YAMLSeq, index: number): number | undefined {
  const item = collection.items[index] as unknown;
  if (YAML.isPair(item)) {
    if (!YAML.isScalar(item.key) || !item.key.range) return undefined;
    return item.key.range[0];
  }
  if (!YAML.isNode(item) || !item.range) return undefined;
  let i = item.range[0] - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return text[i] === '-' ? i : undefined;
}

function entryEnd(text: string, collection: YAML.YAMLMap | YAML.YAMLSeq, index: number): number | undefined {
  const item = collection.items[index] as unknown;
  let end = -1;
  if (YAML.isPair(item)) {
    if (YAML.isNode(item.key) && item.key.range) end = item.key.range[2];
    if (YAML.isNode(item.value) && item.value.range) end = Math.max(end, item.value.range[2]);
  } else if (YAML.isNode(item) && item.range) {
    end = item.range[2];
  }
  return end < 0 ? undefined : lineEndFrom(text, end);
}

function isBlock(node: unknown): node is YAML.YAMLMap | YAML.YAMLSeq {
  return (YAML.isMap(node) || YAML.isSeq(node)) && !node.flow;
}

/** The entries of `collection` that hold [p, oldEnd], widened to a neighbour at a boundary. */
function unitIn(
  text: string,
  collection: YAML.YAMLMap | YAML.YAMLSeq,
  path: PathSegment[],
  p: number,
  oldEnd: number,
): Unit | undefined {
  const n = collection.items.length;
  if (!n) return undefined;
  // first: the last entry whose line starts strictly before p (an edit at a line start also takes the entry before)
  let lo = 0;
  let hi = n - 1;
  let first = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = entryStart(text, collection, mid);
    if (start === undefined) return undefined;
    if (lineStartOf(text, start) < p) {
      first = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (first < 0) return undefined;
  // last: the first entry whose content ends strictly after oldEnd
  lo = first;
  hi = n - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const end = entryEnd(text, collection, mid);
    if (end === undefined) return undefined;
    if (end > oldEnd) {
      last = mid;
      hi = mid - 1;
    } else {
      lo = mid + 1;
    }
  }
  if (last < 0) return undefined;
  const firstStart = entryStart(text, collection, first)!;
  const start = lineStartOf(text, firstStart);
  // An edit on the first line, before where the entry starts, changes the entry's indentation or kind.
  if (p <= firstStart && p > start) return undefined;
  return { collection, path, first, last, start, end: entryEnd(text, collection, last)!, column: firstStart - start };
}

/** The runs of entries holding the edit, deepest first. */
function findUnits(ast: YAML.Document.Parsed, text: string, p: number, oldEnd: number): Unit[] {
  const chain: Unit[] = [];
  let node: unknown = ast.contents;
  const path: PathSegment[] = [];
  for (let depth = 0; depth < MAX_DEPTH && isBlock(node); depth++) {
    const unit = unitIn(text, node, [...path], p, oldEnd);
    if (!unit) break;
    chain.push(unit);
    if (unit.first !== unit.last) break;
    const item = node.items[unit.first] as unknown;
    if (YAML.isPair(item)) {
      path.push(String((item.key as YAML.Scalar).value));
      node = item.value;
    } else {
      path.push(unit.first);
      node = item;
    }
  }
  return chain.reverse();
}

// ---- the span, parsed alone ----------------------------------------------------------------

interface Parsed {
  items: unknown[];
  /** The collection's new value (the whole list or mapping, entries replaced). */
  collectionValue: unknown;
}

const INTEGER_LIKE = /^(0|[1-9]\d*)$/;

function parseSpan(unit: Unit, old: string, text: string, delta: number, root: unknown): Parsed | string {
  const start = unit.start;
  const end = unit.end + delta;
  if (end < start) return 'the span vanished';
  if (end < text.length && text.charCodeAt(end - 1) !== 10 && end !== start) return 'the span no longer ends a line';
  const isMap = YAML.isMap(unit.collection);
  const trivia = triviaAround(old, text, unit, end);
  if (trivia) return trivia;
  // The first line may begin with the `- ` of the list item that holds this mapping: blank it out
  // (same length, so offsets stay the same) so that the span reads as a mapping at its column.
  const raw = text.slice(start, end);
  const lead = raw.slice(0, unit.column);
  if (!/^[ -]*$/.test(lead)) return 'unexpected text before the entry';
  const source = ' '.repeat(lead.length) + raw.slice(lead.length);
  if (/\t/.test(source)) return 'tabs';
  // The previous version's text was within the nesting limit, and a block entry starts outside any
  // flow collection: only the new span can take the text past it (checked here, not the whole text).
  if (textNestingDepth(source).depth > MAX_DEPTH) return 'too deep';

  // Every line is indented at least to the entries' column; at the column, only entries start.
  let entryLines = 0;
  for (let i = 0; i < source.length;) {
    const nl = source.indexOf('\n', i);
    const lineEnd = nl < 0 ? source.length : nl;
    let k = i;
    while (k < lineEnd && source.charCodeAt(k) === 32) k++;
    if (k < lineEnd && source[k] !== '#') {
      const indent = k - i;
      if (indent < unit.column) return 'a line left of the entries';
      if (indent === unit.column) {
        if (!isMap && !(source[k] === '-' && (k + 1 === lineEnd || source[k + 1] === ' ')))
          return "a line at the list's column that is no item";
        entryLines++;
      }
    }
    i = lineEnd + 1;
  }

  let doc: YAML.Document.Parsed;
  try {
    doc = YAML.parseDocument(source, { uniqueKeys: false, keepSourceTokens: false });
  } catch {
    return 'the span does not parse';
  }
  if (doc.errors.length || doc.warnings.length) return 'the span does not parse cleanly';
  const contents = doc.contents as unknown;
  let items: unknown[];
  if (contents === null || contents === undefined) {
    items = [];
  } else if (isMap ? YAML.isMap(contents) && !contents.flow : YAML.isSeq(contents) && !contents.flow) {
    items = (contents as YAML.YAMLMap | YAML.YAMLSeq).items as unknown[];
  } else {
    return 'the span is another kind of collection';
  }
  if (items.length !== entryLines) return 'entries and lines disagree';
  if (usesAnchors(contents)) return 'aliases or anchors in the span';
  // A collection whose last value is empty ends before the line break: the ancestors' ends would differ.
  if (items.length && (contents as YAML.Node).range?.[2] !== source.length) return 'the span ends before its line end';
  if (unit.last === unit.collection.items.length - 1 && unit.collection.range?.[2] !== unit.end)
    return 'the collection ended before its line end';
  const remaining = unit.collection.items.length - (unit.last - unit.first + 1) + items.length;
  if (remaining === 0) return 'the collection would be empty';
  // A comment or blank line just before the span belongs to its first entry (copied over below);
  // with no entry left it would belong to whatever follows.
  if (!items.length && start > 0 && isTriviaLine(text, lineStartOf(text, start - 1)))
    return 'trivia before a removed entry';

  let spanValue: unknown;
  try {
    spanValue = jsyaml.load(source, { schema: jsyaml.CORE_SCHEMA });
  } catch {
    return 'js-yaml refuses the span';
  }
  const oldCollection = valueAt(root, unit.path);
  let collectionValue: unknown;
  if (isMap) {
    const pairs = items as YAML.Pair[];
    const keys: string[] = [];
    for (const pair of pairs) {
      if (!YAML.isScalar(pair.key) || typeof pair.key.value !== 'string' || INTEGER_LIKE.test(pair.key.value))
        return 'a key that is not plain text';
      if (!pair.key.range || pair.key.range[0] - lineStartOf(source, pair.key.range[0]) !== unit.column)
        return 'a key off the column';
      keys.push(pair.key.value);
    }
    const object = spanValue ?? {};
    if (!isRecord(object) || !isRecord(oldCollection)) return 'the mapping has no value';
    const jsKeys = Object.keys(object);
    if (jsKeys.length !== keys.length || jsKeys.some((k, i) => k !== keys[i])) return 'keys read differently';
    const replaced = new Set<string>();
    for (let i = unit.first; i <= unit.last; i++) {
      const key = (unit.collection.items[i] as YAML.Pair).key;
      if (!YAML.isScalar(key) || typeof key.value !== 'string') return 'an old key that is not plain text';
      replaced.add(key.value);
    }
    const oldKeys = Object.keys(oldCollection);
    if (oldKeys.length !== unit.collection.items.length || oldKeys.some((k) => INTEGER_LIKE.test(k)))
      return 'the mapping and its value disagree';
    const kept = oldKeys.filter((k) => !replaced.has(k));
    if (keys.some((k) => kept.includes(k))) return 'a key would be duplicated';
    const rebuilt: Record<string, unknown> = {};
    let inserted = false;
    for (const k of oldKeys) {
      if (replaced.has(k)) {
        if (!inserted) for (const nk of keys) rebuilt[nk] = object[nk];
        inserted = true;
      } else {
        rebuilt[k] = oldCollection[k];
      }
    }
    if (!inserted) return 'nothing replaced';
    collectionValue = rebuilt;
  } else {
    const list = spanValue ?? [];
    if (!Array.isArray(list) || list.length !== items.length) return 'the list has no value';
    if (!Array.isArray(oldCollection) || oldCollection.length !== unit.collection.items.length)
      return 'the list and its value disagree';
    for (const item of items) {
      if (!YAML.isNode(item) || !item.range) return 'an empty list item';
      const dash = entryDash(source, item.range[0]);
      if (dash === undefined || dash - lineStartOf(source, dash) !== unit.column) return 'an item off the column';
    }
    const copy = oldCollection.slice();
    copy.splice(unit.first, unit.last - unit.first + 1, ...list);
    collectionValue = copy;
  }

  // The span's nodes get the document's offsets.
  for (const item of items) shiftNode(item, 0, start);
  void old;
  return { items, collectionValue };
}

/**
 * Where comments and blank lines attach in the `yaml` document model depends on what surrounds
 * them (a trailing comment of the last entry becomes the collection's comment, a blank line gives
 * the next key `spaceBefore`, a commented-out key hands its comment to the next key, ...), which a
 * span parsed alone cannot see. So a span is only re-parsed when neither its old nor its new text
 * holds a `#` or a blank line, and the line right after it is neither.
 */
function triviaAround(old: string, text: string, unit: Unit, end: number): string | undefined {
  if (hasTrivia(old, unit.start, unit.end) || hasTrivia(text, unit.start, end))
    return 'comments or blank lines in the span';
  if (end < text.length && isTriviaLine(text, end)) return 'a comment or blank line after the span';
  return undefined;
}

/** A `#` anywhere, or a line of nothing but spaces, in text[from, to) (one pass over the span only). */
function hasTrivia(text: string, from: number, to: number): boolean {
  let blank = true; // the current line has shown nothing but spaces so far
  let lineStart = from;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 35) return true; // #
    if (c === 10) {
      if (blank) return true;
      blank = true;
      lineStart = k + 1;
    } else if (c !== 32 && c !== 9 && c !== 13) {
      blank = false;
    }
  }
  // a last line of spaces (no line break after it); the empty rest after a final line break is none
  return blank && lineStart < to;
}

/** Whether the line starting at `lineStart` is blank or a comment line. */
function isTriviaLine(text: string, lineStart: number): boolean {
  let k = lineStart;
  while (k < text.length && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9 || text.charCodeAt(k) === 13)) k++;
  return k >= text.length || text.charCodeAt(k) === 10 || text.charCodeAt(k) === 35;
}

function entryDash(text: string, offset: number): number | undefined {
  let i = offset - 1;
  while (i >= 0 && text[i] === ' ') i--;
  return text[i] === '-' ? i : undefined;
}

/** A copy of `root` with the value at `path` replaced (the ancestors copied, nothing else). */
function replaceAt(root: unknown, path: readonly PathSegment[], value: unknown): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = root.slice();
    copy[head as number] = replaceAt(root[head as number], rest, value);
    return copy;
  }
  const object = root as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(object)) copy[k] = k === String(head) ? replaceAt(object[k], rest, value) : object[k];
  return copy;
}

// ---- offsets --------------------------------------------------------------------------------

// Bound once: every `YAML.isX` through the namespace is a getter call, and shifting visits every
// node after the edit (tens of thousands in a large contract).
const { isPair, isNode, isMap, isSeq } = YAML;

/** Adds `delta` to every offset ≥ `from` in a node and its descendants. */
function shiftNode(node: unknown, from: number, delta: number): void {
  if (isPair(node)) {
    shiftNode(node.key, from, delta);
    shiftNode(node.value, from, delta);
    return;
  }
  if (!isNode(node)) return;
  const range = node.range;
  if (range) {
    if (range[2] < from) return; // wholly before: neither it nor its children move
    if (range[0] >= from) range[0] += delta;
    if (range[1] >= from) range[1] += delta;
    if (range[2] >= from) range[2] += delta;
  }
  if (isMap(node) || isSeq(node)) {
    const items = node.items as unknown[];
    for (let i = 0; i < items.length; i++) shiftNode(items[i], from, delta);
  }
}

function shiftAfter(ast: YAML.Document.Parsed, from: number, delta: number): void {
  if (!delta) return;
  shiftNode(ast.contents, from, delta);
  const range = ast.range;
  for (let k = 0; k < range.length; k++) if (range[k] >= from) range[k] += delta;
}

/** Blank lines and comments before the first entry belong to it, and lie outside the span. */
function copyLeadingTrivia(oldEntry: unknown, newEntry: unknown, isMap: boolean): void {
  const oldNode = isMap ? (YAML.isPair(oldEntry) ? oldEntry.key : undefined) : oldEntry;
  const newNode = isMap ? (YAML.isPair(newEntry) ? newEntry.key : undefined) : newEntry;
  if (!YAML.isNode(oldNode) || !YAML.isNode(newNode)) return;
  if (oldNode.spaceBefore) newNode.spaceBefore = true;
  if (oldNode.commentBefore !== undefined && newNode.commentBefore === undefined)
    newNode.commentBefore = oldNode.commentBefore;
}
