// Formatting: normalizes indentation to the editor's tab size, and changes nothing else.
//
// Why not `YAML.Document.toString()`: on the example workspace it re-flows every folded (`>-`) and
// multi-line scalar into one line and collapses the spaces that align trailing comments, so an
// already well-formatted file would be rewritten. Instead the `yaml` document model decides the
// nesting of every line, and only the leading spaces of lines change: comments, key order, quoting,
// blank lines and scalar line breaks stay byte for byte. Lines inside a block scalar move with
// their key (their content keeps its relative indentation); continuation lines of multi-line
// scalars and flow collections move with the line that starts them; comment lines take the
// indentation of the line they describe. The result is checked to read back as the same value,
// and nothing is changed otherwise. A document with syntax errors is left alone.
import * as jsyaml from 'js-yaml';
import * as YAML from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document';
import type { LanguageService } from '../service';
import { documentOf, trimEnd } from './shared';

export function formatDocument(
  service: LanguageService,
  path: string,
  options: { tabSize: number; insertSpaces: boolean },
): TextEdit[] {
  const doc = documentOf(service, path);
  if (!doc || doc.multiDocument || doc.problems.length || !doc.text) return [];
  const ast = doc.ast();
  if (!ast || ast.errors.length) return [];
  // YAML indentation is spaces only, whatever `insertSpaces` says.
  const tab = Math.max(1, Math.min(8, Math.floor(options.tabSize) || 2));
  const formatted = reindent(doc, ast, tab);
  if (formatted === undefined || formatted === doc.text) return [];
  let value: unknown;
  try {
    value = jsyaml.load(formatted, { schema: jsyaml.CORE_SCHEMA });
  } catch {
    return [];
  }
  if (!sameValue(value, doc.value)) return [];
  return [
    { range: { start: { line: 0, character: 0 }, end: doc.lines.positionAt(doc.text.length) }, newText: formatted },
  ];
}

interface Span {
  /** The line that starts the node; the span's other lines move with it. */
  owner: number;
  first: number;
  last: number;
  /** Block scalars: content is re-based at the owner's new column + tab. */
  block?: { explicitIndent: boolean; ownerColumn: number };
}

/** The text with every line's indentation normalized; undefined when the document is not plain block YAML. */
export function reindent(doc: ParsedDocument, ast: YAML.Document.Parsed, tab: number): string | undefined {
  const { text, lines } = doc;
  const count = lines.lineCount;
  const lineText = (n: number) => text.slice(lines.lineStart(n), lines.lineEnd(n));
  const oldIndent: number[] = [];
  for (let n = 0; n < count; n++) {
    const t = lineText(n);
    oldIndent.push(t.length - t.trimStart().length);
    if (/^ *\t/.test(t) && t.trim()) return undefined;
  }
  const newIndent: (number | undefined)[] = new Array(count).fill(undefined);
  const spans: Span[] = [];
  const lineOf = (offset: number) => lines.positionAt(offset).line;
  const colOf = (offset: number) => lines.positionAt(offset).character;
  let ok = true;

  /** The line starting at `offset` (its first token) goes to `col`. */
  const setLine = (offset: number, col: number) => {
    const line = lineOf(offset);
    if (offset - lines.lineStart(line) !== oldIndent[line]) return; // not the first token of its line
    if (newIndent[line] === undefined) newIndent[line] = col;
  };
  const dashBefore = (offset: number): number | undefined => {
    let i = offset - 1;
    while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
    return text[i] === '-' ? i : undefined;
  };
  const indentSeq = detectIndentSeq(ast, lines.positionAt.bind(lines));

  /** A value that is not a block collection: its later lines move with the line it starts on. */
  const scalarSpan = (node: YAML.Node, ownerOffset: number) => {
    if (!node.range) return;
    const owner = lineOf(ownerOffset);
    const last = lineOf(trimEnd(text, node.range[0], node.range[1]));
    const first = lineOf(node.range[0]);
    if (last <= owner && first <= owner) return;
    const isBlock = YAML.isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
    if (isBlock) {
      const header = text.slice(node.range[0], lines.lineEnd(first));
      spans.push({
        owner,
        first: first + 1,
        last,
        block: { explicitIndent: /^[|>][+-]?[1-9]|^[|>][1-9]/.test(header.trim()), ownerColumn: colOf(ownerOffset) },
      });
    } else {
      spans.push({ owner, first: Math.max(first, owner + 1), last });
    }
  };

  const place = (node: unknown, col: number): void => {
    if (!ok || !YAML.isNode(node) || !node.range) return;
    if (YAML.isMap(node) && !node.flow) {
      for (const pair of node.items) {
        const key = pair.key;
        if (!YAML.isScalar(key) || !key.range) {
          ok = false;
          return;
        }
        setLine(key.range[0], col);
        const value = pair.value;
        if (!YAML.isNode(value) || !value.range) continue;
        if ((YAML.isMap(value) || YAML.isSeq(value)) && !value.flow) {
          if (lineOf(value.range[0]) > lineOf(key.range[0]))
            place(value, YAML.isSeq(value) ? (indentSeq ? col + tab : col) : col + tab);
          else {
            ok = false;
            return;
          }
        } else {
          scalarSpan(value, key.range[0]);
        }
      }
    } else if (YAML.isSeq(node) && !node.flow) {
      for (const item of node.items) {
        if (!YAML.isNode(item) || !item.range) continue;
        const dash = dashBefore(item.range[0]);
        if (dash === undefined) {
          // `-` alone on its line, the item below it.
          if (YAML.isMap(item) || YAML.isSeq(item)) {
            place(item, col + tab);
            continue;
          }
          ok = false;
          return;
        }
        setLine(dash, col);
        if ((YAML.isMap(item) || YAML.isSeq(item)) && !item.flow) {
          if (lineOf(item.range[0]) === lineOf(dash)) place(item, col + (colOf(item.range[0]) - colOf(dash)));
          else place(item, col + tab);
        } else {
          scalarSpan(item, dash);
        }
      }
    } else {
      scalarSpan(node, node.range[0]);
      setLine(node.range[0], col);
    }
  };
  place(ast.contents, 0);
  if (!ok) return undefined;

  const delta = (line: number) => (newIndent[line] === undefined ? 0 : newIndent[line]! - oldIndent[line]);
  const target: (number | undefined)[] = [...newIndent];
  for (const span of spans) {
    if (span.block) {
      let base: number | undefined;
      for (let n = span.first; n <= span.last; n++)
        if (lineText(n).trim()) {
          base = oldIndent[n];
          break;
        }
      if (base === undefined) continue;
      const shift = span.block.explicitIndent
        ? delta(span.owner)
        : span.block.ownerColumn + delta(span.owner) + tab - base;
      for (let n = span.first; n <= span.last; n++) {
        const t = lineText(n);
        if (!t.trim() && t.length <= base) continue;
        if (target[n] === undefined) target[n] = Math.max(0, oldIndent[n] + shift);
      }
    } else {
      const shift = delta(span.owner);
      for (let n = span.first; n <= span.last; n++) {
        if (!lineText(n).trim()) continue;
        if (target[n] === undefined) target[n] = Math.max(0, oldIndent[n] + shift);
      }
    }
  }
  // Comment lines: like the line they describe (the next one), or the one they close.
  const structural = (n: number) => newIndent[n] !== undefined;
  for (let n = 0; n < count; n++) {
    if (target[n] !== undefined) continue;
    const t = lineText(n).trimStart();
    if (!t.startsWith('#')) continue;
    let next = n + 1;
    while (next < count && !structural(next) && (lineText(next).trimStart().startsWith('#') || !lineText(next).trim()))
      next++;
    let previous = n - 1;
    while (previous >= 0 && !structural(previous)) previous--;
    if (next < count && structural(next) && oldIndent[next] === oldIndent[n]) target[n] = newIndent[next];
    else if (previous >= 0 && oldIndent[previous] === oldIndent[n]) target[n] = newIndent[previous];
    else if (next < count && structural(next)) target[n] = Math.max(0, oldIndent[n] + delta(next));
  }

  let out = '';
  for (let n = 0; n < count; n++) {
    const start = lines.lineStart(n);
    const end = lines.lineEnd(n);
    const nextStart = n + 1 < count ? lines.lineStart(n + 1) : text.length;
    const t = text.slice(start, end);
    const indent = target[n];
    out +=
      (indent === undefined || indent === oldIndent[n] ? t : ' '.repeat(indent) + t.slice(oldIndent[n])) +
      text.slice(end, nextStart);
  }
  return out;
}

/** Whether lists under a key are indented (`key:\n  - a`) or not (`key:\n- a`): as most of the document does. */
function detectIndentSeq(
  ast: YAML.Document.Parsed,
  positionAt: (offset: number) => { line: number; character: number },
): boolean {
  let indented = 0;
  let flush = 0;
  YAML.visit(ast, {
    Pair(_, pair) {
      if (
        !YAML.isScalar(pair.key) ||
        !pair.key.range ||
        !YAML.isSeq(pair.value) ||
        pair.value.flow ||
        !pair.value.range
      )
        return;
      const key = positionAt(pair.key.range[0]);
      const seq = positionAt(pair.value.range[0]);
      if (seq.line === key.line) return;
      if (seq.character > key.character) indented++;
      else flush++;
    },
  });
  return indented >= flush;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
