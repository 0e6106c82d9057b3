// From "what is wrong, and where in the data" to an exact range in the text.
// Rules describe places by data path (`['schema', 0, 'properties', 3, 'logicalType']`), so they
// never need the document model; only findings that survive are located, on the lazily built AST.
import * as YAML from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import type { ParsedDocument } from './document';
import type { FindingData } from './types';
import { isRecord } from './kinds';

export type PathSegment = string | number;

/** The value at a data path, or undefined where the path leaves the document. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else if (isRecord(node)) node = node[String(segment)];
    else return undefined;
  }
  return node;
}

/**
 * Where a finding points.
 * - `key`: the key of the entry at `path` (an unknown key; a reference's key) — or the `-` of a list item;
 * - `value`: the value at `path` (a wrong value);
 * - `mapping`: the mapping at `path` as a whole (a missing key): its parent's key, the `-` of a
 *   list item, or line 1 for the document itself.
 */
export type Location = { range: Range } | { path: readonly PathSegment[]; target: 'key' | 'value' | 'mapping' };

export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

/** A finding before its range is known and its severity is configured. */
export interface RawFinding {
  rule: string;
  message: string;
  at: Location;
  data?: FindingData;
  related?: RelatedLocation[];
  /** `pactline/too-many-findings` only: how many findings it stands for (engine/limits.ts). */
  omitted?: number;
}

interface Resolved {
  /** The deepest node reached; undefined for the document root. */
  node: YAML.Node | null | undefined;
  key: YAML.Node | undefined;
  /** Offset of the item's `-` when the last segment was a list index. */
  dashOffset: number | undefined;
  /** How many segments were resolved. */
  depth: number;
}

export function rangeOf(doc: ParsedDocument, at: Location): Range {
  if ('range' in at) return at.range;
  const ast = doc.ast();
  if (!ast) return documentStart(doc);
  const resolved = resolvePath(ast, at.path);
  const complete = resolved.depth === at.path.length;
  const target = complete ? at.target : 'value';
  if (target === 'mapping' || (target === 'key' && resolved.dashOffset !== undefined)) {
    if (resolved.dashOffset !== undefined) return lineFrom(doc, resolved.dashOffset);
    if (resolved.key) return nodeRange(doc, resolved.key);
    if (resolved.node && resolved.depth > 0) return headRange(doc, resolved.node);
    return documentStart(doc);
  }
  if (target === 'key' && resolved.key) return nodeRange(doc, resolved.key);
  // A value: scalars exactly, collections by their first line; an empty value by its key.
  const node = resolved.node;
  if (node && node.range) {
    if (YAML.isScalar(node) || YAML.isAlias(node)) {
      if (node.range[0] === node.range[1] && resolved.key) return nodeRange(doc, resolved.key);
      return doc.lines.rangeOf(node.range[0], node.range[1]);
    }
    if (resolved.key) return nodeRange(doc, resolved.key);
    if (resolved.dashOffset !== undefined) return lineFrom(doc, resolved.dashOffset);
    return headRange(doc, node);
  }
  if (resolved.key) return nodeRange(doc, resolved.key);
  if (resolved.dashOffset !== undefined) return lineFrom(doc, resolved.dashOffset);
  return documentStart(doc);
}

/** Walks the AST along a data path as far as it goes. */
export function resolvePath(ast: YAML.Document.Parsed, path: readonly PathSegment[]): Resolved {
  let node: YAML.Node | null | undefined = ast.contents;
  let key: YAML.Node | undefined;
  let dashOffset: number | undefined;
  let depth = 0;
  for (const segment of path) {
    if (YAML.isAlias(node)) node = node.resolve(ast) ?? null;
    if (YAML.isMap(node)) {
      const pair = pairOf(ast, node, String(segment));
      if (!pair) break;
      key = YAML.isNode(pair.key) ? pair.key : undefined;
      node = YAML.isNode(pair.value) ? pair.value : null;
      dashOffset = undefined;
    } else if (YAML.isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined) break;
      key = undefined;
      node = YAML.isNode(item) ? item : null;
      dashOffset = node?.range ? dashBefore(ast, node.range[0]) : undefined;
    } else {
      break;
    }
    depth++;
  }
  return { node, key, dashOffset, depth };
}

function dashBefore(ast: YAML.Document.Parsed, offset: number): number | undefined {
  const text = sourceOf(ast);
  if (!text) return undefined;
  let i = offset - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return text[i] === '-' ? i : undefined;
}

// The AST does not keep its source, so the document registers it (see `attachSource`).
const sources = new WeakMap<YAML.Document.Parsed, string>();
export function attachSource(ast: YAML.Document.Parsed, text: string): void {
  sources.set(ast, text);
  // A new text means a new (or, after an incremental re-parse, spliced) AST: its key index is stale.
  keyIndexes.delete(ast);
}

type AnyPair = YAML.Pair<unknown, unknown>;
// Key → entry per mapping, built on the first lookup in that mapping and kept until the AST's text
// changes: locating every finding with a linear scan made 100,000 unknown keys quadratic.
const keyIndexes = new WeakMap<YAML.Document.Parsed, WeakMap<YAML.YAMLMap, Map<string, AnyPair>>>();

function pairOf(ast: YAML.Document.Parsed, map: YAML.YAMLMap, key: string): AnyPair | undefined {
  let maps = keyIndexes.get(ast);
  if (!maps) keyIndexes.set(ast, (maps = new WeakMap()));
  let index = maps.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items as AnyPair[]) {
      const name = YAML.isScalar(item.key) ? String(item.key.value) : String(item.key);
      if (!index.has(name)) index.set(name, item); // the first of duplicate keys, as a scan would find
    }
    maps.set(map, index);
  }
  return index.get(key);
}
function sourceOf(ast: YAML.Document.Parsed): string | undefined {
  return sources.get(ast);
}

/** Line 1's content, or its start when it is blank. */
function documentStart(doc: ParsedDocument): Range {
  const range = doc.lines.lineContentRange(0);
  return range.start.character === range.end.character
    ? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }
    : range;
}

function nodeRange(doc: ParsedDocument, node: YAML.Node): Range {
  if (!node.range) return documentStart(doc);
  return doc.lines.rangeOf(node.range[0], node.range[1]);
}

/** From an offset to the end of its line. */
function lineFrom(doc: ParsedDocument, offset: number): Range {
  const line = doc.lines.positionAt(offset).line;
  return doc.lines.rangeOf(offset, doc.lines.lineEnd(line));
}

/** The first line of a collection node. */
function headRange(doc: ParsedDocument, node: YAML.Node): Range {
  const start = node.range ? node.range[0] : 0;
  return lineFrom(doc, start);
}
