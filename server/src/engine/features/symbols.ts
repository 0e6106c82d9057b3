// The outline of a document (contract → schema objects → properties; pipeline → steps →
// inputs/outputs → columns; product → ports) and the workspace's symbols (contracts, products,
// pipelines, schema objects) for "go to symbol in workspace".
import * as YAML from 'yaml';
import { SymbolKind, type DocumentSymbol, type Range, type WorkspaceSymbol } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document';
import type { LanguageService } from '../service';
import { commonPrefix, commonSuffix } from '../incremental';
import { baseName, documentOf, keyText, nodeRange, trimEnd } from './shared';

/**
 * The outline of the last version asked for, per document: an editor asks for it several times per
 * version (outline view, breadcrumbs, sticky scroll), and on a 5,000-property contract it is 5,000
 * symbols. A new version is a new `ParsedDocument`, so the entry goes with it.
 */
const outlines = new WeakMap<ParsedDocument, { ast: YAML.Document.Parsed; symbols: DocumentSymbol[] }>();

/**
 * The symbols of the last outline of each large document, by where they were in its text: the next
 * version's outline takes those the edit did not touch instead of building them again (a 5,000-property
 * contract is outlined after every keystroke). A symbol is a function of its text and its role
 * (a property, a server, ...), so one whose text lies wholly before the edited lines, or wholly after
 * them, is the same symbol (moved by the lines the edit added or removed).
 */
const previousOutlines = new WeakMap<LanguageService, globalThis.Map<string, Previous>>();
/** Below this size an outline is built in a few ms: nothing is kept for the next version. */
const REUSE_MIN_SIZE = 32 * 1024;
/** Documents whose last outline is kept (the most recently outlined). */
const REUSE_MAX_DOCUMENTS = 8;

interface Previous {
  text: string;
  lineCount: number;
  entries: globalThis.Map<number, Entry[]>;
}

/** A symbol the builder made for a node at [start, end) of the text, with the ones it made inside it. */
interface Entry {
  role: string;
  start: number;
  end: number;
  symbol: DocumentSymbol;
  inner: Entry[];
}

interface Reuse {
  previous: Previous;
  /** Offsets: the start of the first edited line (same in both texts); the start of the first line after the edit (new text). */
  firstLineStart: number;
  afterStart: number;
  /** Change in length and in lines. */
  delta: number;
  lineDelta: number;
}

export function documentSymbols(service: LanguageService, path: string): DocumentSymbol[] {
  const doc = documentOf(service, path);
  if (!doc || !doc.kind || doc.multiDocument) return [];
  const ast = doc.ast();
  if (!ast || !YAML.isMap(ast.contents)) return [];
  const known = outlines.get(doc);
  if (known?.ast === ast) return known.symbols;
  const root = ast.contents;
  const large = doc.text.length >= REUSE_MIN_SIZE;
  let kept = previousOutlines.get(service);
  const previous = large ? kept?.get(path) : undefined;
  const b = new Builder(doc, previous && reuseFrom(previous, doc), large);
  let symbols: DocumentSymbol[];
  switch (doc.kind) {
    case 'odcs':
      symbols = [b.odcs(root)];
      break;
    case 'dcs':
      symbols = [b.dcs(root)];
      break;
    case 'pipeline':
      symbols = [b.pipeline(root)];
      break;
    case 'odps':
      symbols = [b.product(root)];
      break;
    default:
      symbols = b.topLevel(root);
  }
  outlines.set(doc, { ast, symbols });
  if (!kept) previousOutlines.set(service, (kept = new globalThis.Map()));
  kept.delete(path);
  if (large) {
    kept.set(path, { text: doc.text, lineCount: doc.lines.lineCount, entries: b.entries });
    if (kept.size > REUSE_MAX_DOCUMENTS) kept.delete(kept.keys().next().value!);
  }
  return symbols;
}

/** What of `previous` the outline of `doc` can take: undefined when the texts share no whole line. */
function reuseFrom(previous: Previous, doc: ParsedDocument): Reuse | undefined {
  const old = previous.text;
  const text = doc.text;
  // Directives change how every scalar reads: such a document is outlined afresh.
  if (old.startsWith('%') || text.startsWith('%') || old.includes('\n%') || text.includes('\n%')) return undefined;
  const p = commonPrefix(old, text);
  const s = commonSuffix(old, text, Math.min(old.length, text.length) - p);
  const newEnd = text.length - s;
  const lines = doc.lines;
  const firstLineStart = lines.lineStart(lines.positionAt(p).line);
  const lastLine = lines.positionAt(newEnd).line;
  const afterStart = lastLine + 1 < lines.lineCount ? lines.lineStart(lastLine + 1) : text.length + 1;
  return {
    previous,
    firstLineStart,
    afterStart,
    delta: text.length - old.length,
    lineDelta: lines.lineCount - previous.lineCount,
  };
}

function shiftEntry(entry: Entry, delta: number, lineDelta: number): Entry {
  if (!delta && !lineDelta) return entry;
  return {
    role: entry.role,
    start: entry.start + delta,
    end: entry.end + delta,
    symbol: lineDelta ? shiftSymbol(entry.symbol, lineDelta) : entry.symbol,
    inner: entry.inner.map((e) => shiftEntry(e, delta, lineDelta)),
  };
}

function shiftSymbol(symbol: DocumentSymbol, lineDelta: number): DocumentSymbol {
  const range = (r: Range): Range => ({
    start: { line: r.start.line + lineDelta, character: r.start.character },
    end: { line: r.end.line + lineDelta, character: r.end.character },
  });
  return {
    ...symbol,
    range: range(symbol.range),
    selectionRange: range(symbol.selectionRange),
    children: symbol.children?.map((c) => shiftSymbol(c, lineDelta)),
  };
}

type Map = YAML.YAMLMap<unknown, unknown>;

class Builder {
  /** The symbols made (or taken from the previous outline), by start offset: what the next version can take. */
  readonly entries = new globalThis.Map<number, Entry[]>();
  private current: Entry | undefined;

  constructor(
    private readonly doc: ParsedDocument,
    private readonly reuse: Reuse | undefined,
    private readonly keep: boolean,
  ) {}

  /**
   * The symbol `build` makes for the node at [start, end) in its `role`, or the previous outline's for
   * the same text when the edit did not touch it.
   */
  private cached(role: string, start: number, end: number, build: () => DocumentSymbol): DocumentSymbol {
    if (!this.keep) return build();
    const r = this.reuse;
    if (r) {
      const after = start >= r.afterStart;
      if (after || end <= r.firstLineStart) {
        const shift = after ? r.delta : 0;
        const found = r.previous.entries.get(start - shift)?.find((e) => e.role === role && e.end === end - shift);
        if (found) {
          const entry = after ? shiftEntry(found, r.delta, r.lineDelta) : found;
          this.register(entry);
          (this.current?.inner ?? []).push(entry);
          return entry.symbol;
        }
      }
    }
    const entry: Entry = { role, start, end, symbol: undefined as unknown as DocumentSymbol, inner: [] };
    const parent = this.current;
    this.current = entry;
    try {
      entry.symbol = build();
    } finally {
      this.current = parent;
    }
    const at = this.entries.get(start);
    if (at) at.push(entry);
    else this.entries.set(start, [entry]);
    parent?.inner.push(entry);
    return entry.symbol;
  }

  /** Records a taken entry and those inside it for the next version. */
  private register(entry: Entry): void {
    const at = this.entries.get(entry.start);
    if (at) at.push(entry);
    else this.entries.set(entry.start, [entry]);
    for (const e of entry.inner) this.register(e);
  }

  /** `cached` for a node (its range in the text). */
  private node(role: string, node: YAML.Node, build: () => DocumentSymbol): DocumentSymbol {
    const [start, end] = node.range ?? [0, 0];
    return this.cached(role, start, end, build);
  }

  /** `cached` for a `key: value` entry (from its key to the end of its value). */
  private pairNode(role: string, pair: YAML.Pair<unknown, unknown>, build: () => DocumentSymbol): DocumentSymbol {
    const key = YAML.isNode(pair.key) ? pair.key : undefined;
    const value = YAML.isNode(pair.value) ? pair.value : undefined;
    const start = key?.range?.[0] ?? value?.range?.[0] ?? 0;
    const end = Math.max(key?.range?.[1] ?? start, value?.range?.[1] ?? start);
    return this.cached(role, start, end, build);
  }

  odcs(root: Map): DocumentSymbol {
    const children: DocumentSymbol[] = [];
    for (const server of this.items(root, 'servers')) {
      children.push(
        this.node('server', server, () => {
          const name = this.scalar(server, 'server') ?? this.scalar(server, 'type') ?? 'server';
          return this.symbol(
            name,
            SymbolKind.Interface,
            server,
            this.valueNode(server, 'server'),
            this.scalar(server, 'type'),
          );
        }),
      );
    }
    for (const object of this.items(root, 'schema')) {
      children.push(
        this.node('object', object, () => {
          const props = this.odcsProperties(object);
          const detail =
            [this.scalar(object, 'physicalType'), this.scalar(object, 'physicalName')].filter(Boolean).join(' ') ||
            undefined;
          return this.symbol(
            this.scalar(object, 'name') ?? '(unnamed schema object)',
            SymbolKind.Class,
            object,
            this.valueNode(object, 'name'),
            detail,
            props,
          );
        }),
      );
    }
    const id = this.scalar(root, 'id');
    return this.symbol(
      id ?? this.scalar(root, 'name') ?? baseName(this.doc.path),
      SymbolKind.Module,
      root,
      this.valueNode(root, 'id'),
      ['data contract', this.scalar(root, 'version') && `v${this.scalar(root, 'version')}`, this.scalar(root, 'status')]
        .filter(Boolean)
        .join(' · '),
      children,
    );
  }

  private odcsProperties(owner: Map): DocumentSymbol[] {
    const out: DocumentSymbol[] = [];
    for (const prop of this.items(owner, 'properties')) {
      out.push(
        this.node('property', prop, () => {
          const nested = this.odcsProperties(prop);
          // Array items are transparent: their properties belong to the array property.
          let items = this.mapValue(prop, 'items');
          while (items) {
            nested.push(...this.odcsProperties(items));
            items = this.mapValue(items, 'items');
          }
          const type = this.scalar(prop, 'logicalType');
          const kind = type === 'object' || type === 'array' || nested.length ? SymbolKind.Struct : SymbolKind.Field;
          return this.symbol(
            this.scalar(prop, 'name') ?? '(unnamed property)',
            kind,
            prop,
            this.valueNode(prop, 'name'),
            [type, this.scalar(prop, 'physicalType')].filter(Boolean).join(' · ') || undefined,
            nested,
          );
        }),
      );
    }
    return out;
  }

  dcs(root: Map): DocumentSymbol {
    const children: DocumentSymbol[] = [];
    const models = this.mapValue(root, 'models');
    for (const pair of models?.items ?? []) {
      children.push(
        this.pairNode('model', pair, () => {
          const model = YAML.isMap(pair.value) ? pair.value : undefined;
          const fields = model ? this.dcsFields(model) : [];
          return this.pairSymbol(pair, SymbolKind.Class, model ? this.scalar(model, 'type') : undefined, fields);
        }),
      );
    }
    const info = this.mapValue(root, 'info');
    const id = this.scalar(root, 'id');
    return this.symbol(
      id ?? (info && this.scalar(info, 'title')) ?? baseName(this.doc.path),
      SymbolKind.Module,
      root,
      this.valueNode(root, 'id'),
      ['data contract', info && this.scalar(info, 'version') && `v${this.scalar(info, 'version')}`]
        .filter(Boolean)
        .join(' · '),
      children,
    );
  }

  private dcsFields(owner: Map): DocumentSymbol[] {
    const fields = this.mapValue(owner, 'fields');
    return (fields?.items ?? []).map((pair) =>
      this.pairNode('field', pair, () => {
        const field = YAML.isMap(pair.value) ? pair.value : undefined;
        const nested = field ? this.dcsFields(field) : [];
        let items = field ? this.mapValue(field, 'items') : undefined;
        while (items) {
          nested.push(...this.dcsFields(items));
          items = this.mapValue(items, 'items');
        }
        const type = field ? this.scalar(field, 'type') : undefined;
        return this.pairSymbol(pair, nested.length ? SymbolKind.Struct : SymbolKind.Field, type, nested);
      }),
    );
  }

  pipeline(root: Map): DocumentSymbol {
    // A step without an id is named by its place: the place is part of its role.
    const steps = this.items(root, 'steps').map((step, i) =>
      this.node(`step ${i}`, step, () => {
        const children: DocumentSymbol[] = [];
        for (const [key, label] of [
          ['inputs', 'input'],
          ['outputs', 'output'],
        ] as const) {
          for (const ref of this.items(step, key)) children.push(this.node(label, ref, () => this.ref(ref, label)));
        }
        return this.symbol(
          this.scalar(step, 'id') ?? `step ${i + 1}`,
          SymbolKind.Function,
          step,
          this.valueNode(step, 'id'),
          [this.scalar(step, 'name'), this.scalar(step, 'runtime')].filter(Boolean).join(' · ') || undefined,
          children,
        );
      }),
    );
    return this.symbol(
      this.scalar(root, 'id') ?? baseName(this.doc.path),
      SymbolKind.Namespace,
      root,
      this.valueNode(root, 'id'),
      ['pipeline', this.scalar(root, 'owner')].filter(Boolean).join(' · '),
      steps,
    );
  }

  private ref(ref: Map, label: 'input' | 'output'): DocumentSymbol {
    const contract = this.scalar(ref, 'contract') ?? '?';
    const schema = this.scalar(ref, 'schema');
    const as = this.scalar(ref, 'as');
    const dead = this.scalar(ref, 'deadLetter') === 'true';
    const columns = (this.mapValue(ref, 'columns')?.items ?? []).map((pair) =>
      this.pairNode('column', pair, () => {
        const sources = YAML.isSeq(pair.value)
          ? pair.value.items.map((s) => (YAML.isScalar(s) ? String(s.value) : '')).join(', ')
          : YAML.isScalar(pair.value)
            ? String(pair.value.value)
            : undefined;
        return this.pairSymbol(pair, SymbolKind.Field, sources ? `← ${sources}` : undefined);
      }),
    );
    const detail = [dead ? 'dead-letter output' : label, as && `as ${as}`].filter(Boolean).join(' ');
    return this.symbol(
      schema ? `${contract}/${schema}` : contract,
      label === 'input' ? SymbolKind.Variable : SymbolKind.Event,
      ref,
      this.valueNode(ref, 'contract'),
      detail,
      columns,
    );
  }

  product(root: Map): DocumentSymbol {
    const ports: DocumentSymbol[] = [];
    for (const [key, label] of [
      ['inputPorts', 'input port'],
      ['outputPorts', 'output port'],
      ['managementPorts', 'management port'],
    ] as const) {
      for (const port of this.items(root, key)) {
        ports.push(
          this.node(label, port, () => {
            const contract = this.scalar(port, 'contractId');
            return this.symbol(
              this.scalar(port, 'name') ?? label,
              SymbolKind.Interface,
              port,
              this.valueNode(port, 'name'),
              contract ? `${label} · ${contract}` : label,
            );
          }),
        );
      }
    }
    return this.symbol(
      this.scalar(root, 'id') ?? this.scalar(root, 'name') ?? baseName(this.doc.path),
      SymbolKind.Package,
      root,
      this.valueNode(root, 'id'),
      ['data product', this.scalar(root, 'version') && `v${this.scalar(root, 'version')}`].filter(Boolean).join(' · '),
      ports,
    );
  }

  topLevel(root: Map): DocumentSymbol[] {
    return root.items.map((pair) =>
      this.pairNode('entry', pair, () =>
        this.pairSymbol(pair, SymbolKind.Property, YAML.isScalar(pair.value) ? String(pair.value.value) : undefined),
      ),
    );
  }

  // ---- helpers ----

  /** Per mapping, its pairs by key (the first of a repeated key, as a search would find): one pass per mapping. */
  private readonly keys = new WeakMap<Map, globalThis.Map<string, YAML.Pair<unknown, unknown>>>();

  private pair(map: Map, key: string): YAML.Pair<unknown, unknown> | undefined {
    let byKey = this.keys.get(map);
    if (!byKey) {
      byKey = new globalThis.Map();
      for (const p of map.items) {
        const k = keyText(p.key);
        if (!byKey.has(k)) byKey.set(k, p);
      }
      this.keys.set(map, byKey);
    }
    return byKey.get(key);
  }

  private valueNode(map: Map, key: string): YAML.Node | undefined {
    const value = this.pair(map, key)?.value;
    return YAML.isNode(value) && value.range ? value : undefined;
  }

  scalar(map: Map, key: string): string | undefined {
    const value = this.pair(map, key)?.value;
    if (!YAML.isScalar(value) || value.value === null || value.value === undefined) return undefined;
    const s = String(value.value);
    return s === '' ? undefined : s;
  }

  private mapValue(map: Map, key: string): Map | undefined {
    const value = this.pair(map, key)?.value;
    return YAML.isMap(value) ? value : undefined;
  }

  private items(map: Map, key: string): Map[] {
    const value = this.pair(map, key)?.value;
    return YAML.isSeq(value) ? value.items.filter((i): i is Map => YAML.isMap(i)) : [];
  }

  private range(node: YAML.Node): Range {
    return nodeRange(this.doc, node);
  }

  symbol(
    name: string,
    kind: SymbolKind,
    node: YAML.Node,
    selection: YAML.Node | undefined,
    detail?: string,
    children?: DocumentSymbol[],
  ): DocumentSymbol {
    const range = this.range(node);
    let selectionRange = selection ? this.range(selection) : { start: range.start, end: range.start };
    if (!within(selectionRange, range)) selectionRange = { start: range.start, end: range.start };
    return { name: name || '(unnamed)', kind, detail, range, selectionRange, children: children ?? [] };
  }

  /** A symbol for a `key: value` entry: the range runs from the key to the end of the value. */
  pairSymbol(
    pair: YAML.Pair<unknown, unknown>,
    kind: SymbolKind,
    detail?: string,
    children?: DocumentSymbol[],
  ): DocumentSymbol {
    const key = YAML.isNode(pair.key) ? pair.key : undefined;
    const value = YAML.isNode(pair.value) ? pair.value : undefined;
    const start = key?.range?.[0] ?? value?.range?.[0] ?? 0;
    const end = Math.max(key?.range?.[1] ?? start, value?.range?.[1] ?? start);
    const range = this.doc.lines.rangeOf(start, trimEnd(this.doc.text, start, end));
    const selectionRange = key ? this.range(key) : { start: range.start, end: range.start };
    return { name: keyText(pair.key) || '(unnamed)', kind, detail, range, selectionRange, children: children ?? [] };
  }
}

function within(inner: Range, outer: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

// ---- workspace symbols --------------------------------------------------------------------------

export function workspaceSymbols(service: LanguageService, query: string): WorkspaceSymbol[] {
  const index = service.index;
  const found: { symbol: WorkspaceSymbol; score: number }[] = [];
  const consider = (
    name: string,
    kind: SymbolKind,
    file: string,
    path: readonly (string | number)[],
    containerName?: string,
  ) => {
    const score = fuzzyScore(query, name);
    if (score === undefined) return;
    const range = index.locate(file, path, 'value');
    if (!range) return;
    found.push({ symbol: { name, kind, location: { uri: file, range }, containerName }, score });
  };
  for (const facts of index.allFacts()) {
    const { contract, product, pipeline } = facts;
    if (contract) {
      if (contract.id !== undefined) consider(contract.id, SymbolKind.Module, facts.path, contract.idPath, 'contract');
      for (const object of contract.schemaObjects) {
        consider(
          object.name,
          SymbolKind.Class,
          facts.path,
          contract.format === 'odcs' ? [...object.path, 'name'] : object.path,
          contract.id ?? facts.path,
        );
      }
    }
    if (product?.id !== undefined) consider(product.id, SymbolKind.Package, facts.path, product.idPath, 'data product');
    if (pipeline?.id !== undefined)
      consider(pipeline.id, SymbolKind.Namespace, facts.path, pipeline.idPath, 'pipeline');
  }
  return found
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.symbol.name.localeCompare(b.symbol.name) ||
        a.symbol.location.uri.localeCompare(b.symbol.location.uri),
    )
    .map((f) => f.symbol);
}

/**
 * How well `name` matches `query` as a subsequence (case-insensitive); undefined when it does not.
 * Prefix and consecutive matches, and matches at word starts, score higher.
 */
export function fuzzyScore(query: string, name: string): number | undefined {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  const n = name.toLowerCase();
  let score = 0;
  let at = 0;
  let previous = -2;
  for (const ch of q) {
    const found = n.indexOf(ch, at);
    if (found < 0) return undefined;
    score += 1;
    if (found === previous + 1) score += 2;
    if (found === 0 || /[-_./\s]/.test(n[found - 1])) score += 3;
    previous = found;
    at = found + 1;
  }
  if (n.startsWith(q)) score += 10;
  if (n === q) score += 20;
  return score - n.length * 0.01;
}
