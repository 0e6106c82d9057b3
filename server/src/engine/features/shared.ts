// Helpers shared by the editor features: the document and its last good parse, the schema a
// document is read with, walking the `yaml` AST to the node under the cursor, ranges of scalars.
// Pure engine code: no I/O, no transport.
import * as jsyaml from 'js-yaml';
import * as YAML from 'yaml';
import type { Position, Range } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document';
import { declaredVersion, isRecord } from '../kinds';
import { valueAt, type PathSegment } from '../locate';
import { BUILTIN_SCHEMAS } from '../schemaCatalog';
import type { LanguageService } from '../service';
import type { FileKind } from '../types';
import type { SchemaEntry } from '../validation';
import { SchemaNavigator } from './schemaNav';

// ---- documents and their last good value --------------------------------------------------------

const lastGood = new WeakMap<LanguageService, Map<string, ParsedDocument>>();

/** Whether the document was read without a problem (its value is the text's value). */
export function isClean(doc: ParsedDocument): boolean {
  return doc.problems.length === 0 && !doc.multiDocument;
}

/** The document at `path`, remembered as the last good parse when it is clean. */
export function documentOf(service: LanguageService, path: string): ParsedDocument | undefined {
  const doc = service.getDocument(path);
  if (doc && isClean(doc) && doc.value !== undefined) {
    let map = lastGood.get(service);
    if (!map) lastGood.set(service, (map = new Map()));
    map.set(path, doc);
  }
  return doc;
}

/**
 * The value the features read a document by: its own when it parsed, else the last good parse
 * seen for the same path (the user is typing), else undefined.
 */
export function currentOrLastGoodValue(service: LanguageService, doc: ParsedDocument): unknown {
  if (isClean(doc)) return doc.value;
  return lastGood.get(service)?.get(doc.path)?.value;
}

/** The value of the text with one line blanked: what a half-typed line would parse to without it. */
const repairedCache = new WeakMap<ParsedDocument, { line: number; value: unknown }>();
export function repairedValue(doc: ParsedDocument, line: number): unknown {
  const cached = repairedCache.get(doc);
  if (cached && cached.line === line) return cached.value;
  let value: unknown;
  try {
    const start = doc.lines.lineStart(line);
    const end = doc.lines.lineEnd(line);
    value = jsyaml.load(doc.text.slice(0, start) + doc.text.slice(end), { schema: jsyaml.CORE_SCHEMA });
  } catch {
    value = undefined;
  }
  repairedCache.set(doc, { line, value });
  return value;
}

export { valueAt };

// ---- schemas ----------------------------------------------------------------------------------

const navigators = new WeakMap<object, SchemaNavigator>();

/** The schema a document is validated with (as the service selects it), or the newest of its kind. */
export function schemaEntryFor(service: LanguageService, kind: FileKind, value: unknown): SchemaEntry | undefined {
  // The service keeps its validator private; ask it when it is there (it may hold custom schemas).
  const validator = (
    service as unknown as { validator?: { entryFor?(k: FileKind, v: unknown): SchemaEntry | undefined } }
  ).validator;
  const selected = validator?.entryFor?.(kind, value);
  if (selected) return selected;
  const version = declaredVersion(kind, value);
  const ofKind = BUILTIN_SCHEMAS.filter((e) => e.target.appliesTo.kind === kind);
  return (
    ofKind.find(
      (e) => !e.target.appliesTo.version || (version !== undefined && e.target.appliesTo.version.test(version)),
    ) ?? ofKind[ofKind.length - 1]
  );
}

/** A navigator over a schema, built once per schema object. */
export function navigatorFor(entry: SchemaEntry): SchemaNavigator {
  let nav = navigators.get(entry.schema);
  if (!nav) navigators.set(entry.schema, (nav = new SchemaNavigator(entry.schema)));
  return nav;
}

/** The version keys of a document read from its text (for a document that does not parse). */
export function versionProbe(doc: ParsedDocument, value: unknown): unknown {
  if (isRecord(value)) return value;
  const probe: Record<string, unknown> = {};
  const api = /^apiVersion:[ \t]*["']?([^"'\s#]+)/m.exec(doc.text);
  if (api) probe.apiVersion = api[1];
  const dcs = /^dataContractSpecification:[ \t]*["']?([^"'\s#]+)/m.exec(doc.text);
  if (dcs) probe.dataContractSpecification = dcs[1];
  return probe;
}

// ---- the AST under the cursor -----------------------------------------------------------------

export interface AstStep {
  /** The collection entered (a map or a sequence). */
  node: YAML.YAMLMap | YAML.YAMLSeq;
  /** Data path of `node`. */
  path: PathSegment[];
}

export interface AstHit {
  /** Data path of the value hit (for a key: the path of its pair's value). */
  path: PathSegment[];
  target: 'key' | 'value';
  /** The node under the cursor: a scalar key or value, or the innermost collection. */
  node: YAML.Node | undefined;
  /** The pair whose key or value holds the cursor, when there is one. */
  pair?: YAML.Pair<unknown, unknown>;
  /** The collections entered, outermost first. */
  ancestors: AstStep[];
}

export function keyText(key: unknown): string {
  if (YAML.isScalar(key)) return String(key.value);
  return String(key);
}

function contains(node: YAML.Node | null | undefined, offset: number): boolean {
  return !!node?.range && node.range[0] <= offset && offset <= node.range[1];
}

/** Walks the AST to the node at `offset`. */
export function hitAt(ast: YAML.Document.Parsed, offset: number): AstHit | undefined {
  let node: unknown = ast.contents;
  const path: PathSegment[] = [];
  const ancestors: AstStep[] = [];
  for (let guard = 0; guard < 10_000; guard++) {
    if (YAML.isMap(node)) {
      ancestors.push({ node, path: [...path] });
      let entered = false;
      for (const pair of node.items) {
        const key = YAML.isNode(pair.key) ? pair.key : undefined;
        if (key && contains(key, offset)) {
          return { path: [...path, keyText(pair.key)], target: 'key', node: key, pair, ancestors };
        }
        const value = YAML.isNode(pair.value) ? pair.value : undefined;
        if (value && contains(value, offset)) {
          path.push(keyText(pair.key));
          if (YAML.isScalar(value) || YAML.isAlias(value))
            return { path, target: 'value', node: value, pair, ancestors };
          node = value;
          entered = true;
          break;
        }
      }
      if (!entered) return { path, target: 'value', node: node as YAML.Node, ancestors: ancestors.slice(0, -1) };
    } else if (YAML.isSeq(node)) {
      ancestors.push({ node, path: [...path] });
      const index = node.items.findIndex((item) => YAML.isNode(item) && contains(item, offset));
      if (index < 0) return { path, target: 'value', node, ancestors: ancestors.slice(0, -1) };
      const item = node.items[index] as YAML.Node;
      path.push(index);
      if (YAML.isScalar(item) || YAML.isAlias(item)) return { path, target: 'value', node: item, ancestors };
      node = item;
    } else if (YAML.isScalar(node)) {
      return { path, target: 'value', node, ancestors };
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** The collection node at a data path (no aliases followed). */
export function nodeAtPath(ast: YAML.Document.Parsed, path: readonly PathSegment[]): YAML.Node | undefined {
  let node: unknown = ast.contents;
  for (const segment of path) {
    if (YAML.isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(segment));
      if (!pair) return undefined;
      node = pair.value;
    } else if (YAML.isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      return undefined;
    }
  }
  return YAML.isNode(node) ? node : undefined;
}

// ---- ranges -----------------------------------------------------------------------------------

export function nodeRange(doc: ParsedDocument, node: YAML.Node): Range {
  const [start, end] = node.range ?? [0, 0];
  return doc.lines.rangeOf(start, trimEnd(doc.text, start, end));
}

/** `end` moved back over trailing whitespace (collections' ranges include the line break). */
export function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

/** Offsets of a scalar's text without its quotes. */
export function innerOffsets(doc: ParsedDocument, node: YAML.Node): [number, number] {
  const [start, end] = node.range ?? [0, 0];
  const first = doc.text[start];
  if ((first === '"' || first === "'") && end - start >= 2 && doc.text[end - 1] === first) return [start + 1, end - 1];
  return [start, end];
}

/**
 * The range of `value.slice(from, to)` inside the scalar written at `range` (quotes allowed),
 * or undefined when the text there is not the value verbatim (escapes, folding).
 */
export function partRange(
  doc: ParsedDocument,
  range: Range,
  value: string,
  from = 0,
  to = value.length,
): Range | undefined {
  const start = doc.lines.offsetAt(range.start);
  const end = doc.lines.offsetAt(range.end);
  const raw = doc.text.slice(start, end);
  const quoted = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") ? 1 : 0;
  if (raw.substr(quoted, value.length) !== value) return undefined;
  return doc.lines.rangeOf(start + quoted + from, start + quoted + to);
}

export function positionIn(range: Range, position: Position): boolean {
  const after =
    position.line > range.start.line ||
    (position.line === range.start.line && position.character >= range.start.character);
  const before =
    position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return after && before;
}

export function samePath(a: readonly PathSegment[], b: readonly PathSegment[]): boolean {
  return a.length === b.length && a.every((s, i) => String(s) === String(b[i]));
}

export function startsWithPath(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => String(s) === String(path[i]));
}

export { text } from '../model/values';

export { code } from '../markdown';

export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
