// Completion: the keys the schema allows at the cursor (with their descriptions), the values an
// enum allows, snippets for the things people add most (a schema object, a property, a quality
// rule, a pipeline step...), and, where a reference is expected, the contracts, schema objects and
// columns the workspace declares.
//
// Reads the cursor's place from the text's indentation (lineContext.ts), so it works on the
// half-typed text it is asked about; values come from the document, or while it does not parse
// from its last good parse (or the text without the cursor's line). No validation runs here.
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
} from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document';
import { isRecord } from '../kinds';
import type { PathSegment } from '../locate';
import { RULES } from '../rules';
import type { LanguageService } from '../service';
import { contractSummary, propertySummary, typeLine } from './hover';
import { lineContext, scalarValue, type LineContext } from './lineContext';
import type { Schema, SchemaNavigator } from './schemaNav';
import {
  idFromFileName,
  skeleton,
  skeletonKindsFor,
  SKELETON_SERVER_TYPES,
  SKELETON_VERSIONS,
  type SkeletonOptions,
} from './skeletons';
import {
  currentOrLastGoodValue,
  documentOf,
  isClean,
  navigatorFor,
  repairedValue,
  samePath,
  schemaEntryFor,
  text,
  valueAt,
  versionProbe,
} from './shared';

const EMPTY: CompletionList = { isIncomplete: false, items: [] };
/** Indentation of a nested block in inserted text (the examples' and most repositories' style). */
const STEP = 2;

export function completion(service: LanguageService, path: string, position: Position): CompletionList {
  const doc = documentOf(service, path);
  if (!doc) return EMPTY;
  // An empty file: a whole contract, product or pipeline first (then, for a known kind, its keys).
  const skeletonItems = doc.text.trim() === '' ? fileSkeletons(service, doc) : [];
  if (!doc.kind || doc.multiDocument) return { isIncomplete: false, items: skeletonItems };
  const ctx = lineContext(doc.text, doc.lines, position);
  if (!ctx) return EMPTY;
  const root = rootValue(service, doc, ctx.replace.start.line);
  const valueOf = (p: readonly PathSegment[]) => overlaid(root, ctx, p);
  const entry = schemaEntryFor(service, doc.kind, versionProbe(doc, root));
  const nav = entry ? navigatorFor(entry) : undefined;
  const c: Completer = { service, doc, ctx, nav, valueOf, items: [] };
  switch (ctx.mode) {
    case 'key':
      keyCompletions(c);
      break;
    case 'value':
      if (!/\s/.test(ctx.prefix) || ctx.flowItem) valueCompletions(c);
      break;
    case 'item':
      itemCompletions(c);
      break;
    case 'newItem':
      newItemCompletions(c, ctx.containerPath);
      break;
  }
  return { isIncomplete: false, items: [...skeletonItems, ...c.items] };
}

/**
 * The skeletons an empty file can start from: every version of its kind's standard (any kind's
 * when the name does not tell), and for a contract of the default version, each server type.
 */
function fileSkeletons(service: LanguageService, doc: ParsedDocument): CompletionItem[] {
  const id = idFromFileName(doc.path);
  const inputContract = service.index.contractIds()[0];
  const options: SkeletonOptions[] = [];
  const kinds = skeletonKindsFor(doc.kind);
  for (const kind of kinds) {
    const versions = kinds.length > 1 && kind === 'dcs' ? SKELETON_VERSIONS.dcs.slice(0, 1) : SKELETON_VERSIONS[kind];
    for (const version of versions) options.push({ kind, version, id, inputContract });
    if (kind === 'odcs' || (kind === 'dcs' && kinds.length === 1)) {
      for (const serverType of SKELETON_SERVER_TYPES) options.push({ kind, serverType, id });
    }
  }
  const end = doc.lines.positionAt(doc.text.length);
  return options.map((o, i) => {
    const s = skeleton(o);
    return {
      label: s.label,
      kind: CompletionItemKind.Snippet,
      detail: s.detail,
      sortText: `000_${String(i).padStart(3, '0')}`,
      filterText: `${o.kind} ${s.label}`,
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.asIs,
      textEdit: { range: { start: { line: 0, character: 0 }, end }, newText: s.snippet },
    };
  });
}

interface Completer {
  service: LanguageService;
  doc: ParsedDocument;
  ctx: LineContext;
  nav: SchemaNavigator | undefined;
  valueOf: (path: readonly PathSegment[]) => unknown;
  items: CompletionItem[];
}

function rootValue(service: LanguageService, doc: ParsedDocument, line: number): unknown {
  if (isClean(doc)) return doc.value;
  return currentOrLastGoodValue(service, doc) ?? repairedValue(doc, line);
}

/** The value at `path`, with the scalars written in the text at that mapping laid over it. */
function overlaid(root: unknown, ctx: LineContext, path: readonly PathSegment[]): unknown {
  const base = valueAt(root, path);
  const written = ctx.scalars.find((s) => samePath(s.path, path));
  if (!written) return base;
  const out: Record<string, unknown> = isRecord(base) ? { ...base } : {};
  for (const [key, raw] of written.values) if (raw !== undefined) out[key] = scalarValue(raw);
  return out;
}

function schemasAt(c: Completer, path: readonly PathSegment[]): Schema[] {
  return c.nav ? c.nav.at(path, (depth) => c.valueOf(path.slice(0, depth))) : [];
}

// ---- keys -------------------------------------------------------------------------------------

function keyCompletions(c: Completer): void {
  const { ctx } = c;
  // Words with a space between them are text (a scalar being written), not a key: nothing pops up.
  if (/\s/.test(ctx.prefix.trim())) return;
  if (!referenceKeys(c)) {
    const schemas = schemasAt(c, ctx.containerPath);
    const isList = schemas.some((s) => s.type === 'array' || isRecord(s.items));
    if (isList && !c.nav?.keys(schemas).size && !ctx.prefix && !ctx.presentKeys.size) {
      // A blank line under `key:` whose value is a list: its first item.
      newItemCompletions(c, ctx.containerPath);
      return;
    }
    addKeys(c, schemas, ctx.presentKeys, '');
    keySnippets(c);
  }
  if (ctx.alsoNewItemOf) newItemCompletions(c, ctx.alsoNewItemOf);
}

function addKeys(c: Completer, schemas: Schema[], present: Set<string>, lead: string): void {
  const nav = c.nav;
  if (!nav) return;
  const required = nav.required(schemas);
  for (const [key, written] of nav.keys(schemas)) {
    if (present.has(key)) continue;
    c.items.push(keyItem(c, nav, key, written, required.has(key), lead));
  }
}

function keyItem(
  c: Completer,
  nav: SchemaNavigator,
  key: string,
  written: Schema[],
  required: boolean,
  lead: string,
): CompletionItem {
  const { ctx } = c;
  const summary = nav.summary(written);
  const description = nav.description(written);
  const detail = typeLine(summary).replace(/`/g, '');
  const indent = ' '.repeat(ctx.column + (lead ? 2 : 0) + STEP);
  const name = yamlKey(key);
  let insert = `${escapeSnippet(name)}: $0`;
  const types = summary.types.filter((t) => t !== 'null');
  if (ctx.keyOnly) insert = escapeSnippet(name);
  else if (summary.enumValues.length === 1)
    insert = `${escapeSnippet(name)}: ${escapeSnippet(yamlScalar(summary.enumValues[0]))}$0`;
  else if (summary.enumValues.length > 1 && summary.enumValues.length <= 60)
    insert = `${escapeSnippet(name)}: \${1|${summary.enumValues.map((v) => escapeChoice(yamlScalar(v))).join(',')}|}`;
  else if (types.length === 1 && types[0] === 'boolean') insert = `${escapeSnippet(name)}: \${1|true,false|}`;
  else if (types.length === 1 && types[0] === 'object') insert = `${escapeSnippet(name)}:\n${indent}$0`;
  else if (types.length === 1 && types[0] === 'array') insert = `${escapeSnippet(name)}:\n${indent}- $0`;
  const item: CompletionItem = {
    label: key,
    kind: CompletionItemKind.Property,
    detail: detail || undefined,
    documentation: description ? { kind: MarkupKind.Markdown, value: description } : undefined,
    sortText: `${required ? '0' : '1'}_${key}`,
    filterText: lead + key,
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    textEdit: { range: ctx.replace, newText: lead + insert },
  };
  if (required) item.labelDetails = { description: 'required' };
  if (summary.deprecated) item.tags = [CompletionItemTag.Deprecated];
  return item;
}

// ---- values -----------------------------------------------------------------------------------

function valueCompletions(c: Completer): void {
  const { ctx } = c;
  const key = ctx.key!;
  const valuePath: PathSegment[] = ctx.flowItem
    ? [...ctx.containerPath, key, ctx.index ?? 0]
    : [...ctx.containerPath, key];
  if (referenceValues(c, valuePath)) return;
  if (!c.nav) return;
  const parents = schemasAt(c, ctx.containerPath);
  let written = c.nav.children(parents, key);
  if (ctx.flowItem)
    written = c.nav.children(
      written.flatMap((w) => c.nav!.expand(w, undefined)),
      0,
    );
  addValues(c, written, ctx.needsSpace ? ' ' : '');
}

function addValues(c: Completer, written: Schema[], lead: string): void {
  const nav = c.nav;
  if (!nav || !written.length) return;
  const { ctx } = c;
  const summary = nav.summary(written);
  const quoted =
    ctx.replace.start.character > 0 && /["']/.test(c.doc.text[c.doc.lines.offsetAt(ctx.replace.start) - 1] ?? '');
  const add = (value: unknown, kind: CompletionItemKind, sort: string, detail?: string) => {
    const label = String(value);
    c.items.push({
      label,
      kind,
      detail,
      sortText: `${sort}_${label}`,
      filterText: label,
      textEdit: { range: ctx.replace, newText: lead + (quoted ? label : yamlScalar(value)) },
    });
  };
  const types = summary.types.filter((t) => t !== 'null');
  if (summary.enumValues.length) {
    for (const value of summary.enumValues) add(value, CompletionItemKind.EnumMember, '0');
    return;
  }
  if (types.includes('boolean')) for (const value of [true, false]) add(value, CompletionItemKind.Value, '0');
  for (const value of summary.examples)
    if (typeof value !== 'object') add(value, CompletionItemKind.Value, '1', 'example');
  if (types.includes('string') || !types.length) {
    const description = nav.description(written);
    for (const value of descriptionValues(description)) {
      if (!summary.examples.includes(value)) add(value, CompletionItemKind.Value, '2', 'common value');
    }
  }
}

/** Values a description lists as the usual ones: "usually `a`, `b` or `c`", "e.g. `x`, `y`, `z`". */
export function descriptionValues(description: string | undefined): string[] {
  if (!description) return [];
  const flat = description.replace(/\s+/g, ' ');
  for (const [marker, least] of [
    ['usually ', 2],
    ['e.g. ', 3],
  ] as const) {
    const at = flat.indexOf(marker);
    if (at < 0) continue;
    const rest = flat.slice(at + marker.length);
    const end = rest.search(/\.(\s|$)/);
    const sentence = end < 0 ? rest : rest.slice(0, end);
    if (!sentence.startsWith('`')) continue;
    const values = [...sentence.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    if (values.length >= least && values.every((v) => !/\s/.test(v))) return values;
  }
  return [];
}

// ---- list items ---------------------------------------------------------------------------------

function itemCompletions(c: Completer): void {
  const { ctx } = c;
  const itemPath = [...ctx.containerPath, ctx.index ?? 0];
  if (referenceValues(c, itemPath)) return;
  if (!c.nav) return;
  const parents = schemasAt(c, ctx.containerPath);
  const written = c.nav.children(parents, ctx.index ?? 0);
  const expanded = written.flatMap((w) => c.nav!.expand(w, c.valueOf(itemPath)));
  if (c.nav.keys(expanded).size) {
    addKeys(c, expanded, ctx.presentKeys, '');
    if (!ctx.keyOnly && ctx.presentKeys.size === 0) addSnippets(c, ctx.containerPath, false);
  } else {
    addValues(c, written, '');
  }
}

function newItemCompletions(c: Completer, seqPath: PathSegment[]): void {
  addSnippets(c, seqPath, true);
  if (!c.nav) return;
  const written = c.nav.children(schemasAt(c, seqPath), 0);
  const expanded = written.flatMap((w) => c.nav!.expand(w, undefined));
  addKeys(c, expanded, new Set(), '- ');
}

// ---- snippets ---------------------------------------------------------------------------------

interface Snippet {
  label: string;
  detail: string;
  body: string[];
}

/** Snippets for a new item of the list at `seqPath`; `dash`: the `- ` is not typed yet. */
function addSnippets(c: Completer, seqPath: PathSegment[], dash: boolean): void {
  const snippets = listSnippets(c, seqPath);
  const { ctx } = c;
  const column = dash ? ctx.column + 2 : ctx.column;
  for (const [i, snippet] of snippets.entries()) {
    const body = snippet.body.map((line, n) => (n === 0 ? line : ' '.repeat(column) + line)).join('\n');
    c.items.push({
      label: snippet.label,
      kind: CompletionItemKind.Snippet,
      detail: snippet.detail,
      sortText: `00_${i}`,
      filterText: dash ? '- ' + snippet.body[0].replace(/:.*/, '') : snippet.body[0].replace(/:.*/, ''),
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.asIs,
      textEdit: { range: ctx.replace, newText: (dash ? '- ' : '') + body },
    });
  }
}

function keySnippets(c: Completer): void {
  const { ctx, doc } = c;
  if (doc.kind !== 'dcs' || ctx.keyOnly || ctx.prefix.includes(' ')) return;
  const path = ctx.containerPath;
  const indent = (n: number) => ' '.repeat(ctx.column + n * STEP);
  const types = enumOf(c, [...path, 'x'], 'type');
  let snippet: Snippet | undefined;
  if (samePath(path, ['models'])) {
    snippet = {
      label: 'New model',
      detail: 'a model (table) with one field',
      body: [
        '${1:table_name}:',
        `${indent(1)}type: table`,
        `${indent(1)}description: \${2:What one row holds.}`,
        `${indent(1)}fields:`,
        `${indent(2)}\${3:id}:`,
        `${indent(3)}type: ${choice(enumOf(c, [...path, 'x', 'fields', 'y'], 'type'), 'string', 4)}`,
        `${indent(3)}required: true$0`,
      ],
    };
  } else if (path[path.length - 1] === 'fields') {
    snippet = {
      label: 'New field',
      detail: 'a field with its type',
      body: [
        '${1:field_name}:',
        `${indent(1)}type: ${choice(types, 'string')}`,
        `${indent(1)}description: \${3:What the field holds.}$0`,
      ],
    };
  }
  if (!snippet) return;
  c.items.push({
    label: snippet.label,
    kind: CompletionItemKind.Snippet,
    detail: snippet.detail,
    sortText: '00_0',
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    textEdit: { range: ctx.replace, newText: snippet.body.join('\n') },
  });
}

/** The enum of `key` in the mapping at `path` (for snippet choices). */
function enumOf(c: Completer, path: PathSegment[], key: string, value?: unknown): unknown[] {
  if (!c.nav) return [];
  const parents =
    value === undefined
      ? schemasAt(c, path)
      : c.nav.at(path, (d) => (d === path.length ? value : c.valueOf(path.slice(0, d))));
  return c.nav.summary(c.nav.children(parents, key)).enumValues;
}

/** Whether the schema defines `key` in the object at `path`, were it `value`. */
function knowsKey(c: Completer, path: PathSegment[], key: string, value: unknown): boolean {
  if (!c.nav) return false;
  return (
    c.nav.children(
      c.nav.at(path, (d) => (d === path.length ? value : c.valueOf(path.slice(0, d)))),
      key,
    ).length > 0
  );
}

function choice(values: unknown[], fallback: string, n = 2): string {
  const list = values.map((v) => escapeChoice(yamlScalar(v)));
  if (!list.length) return `\${${n}:${fallback}}`;
  const first = list.indexOf(fallback);
  if (first > 0) list.unshift(...list.splice(first, 1));
  return `\${${n}|${list.join(',')}|}`;
}

function listSnippets(c: Completer, seqPath: PathSegment[]): Snippet[] {
  const last = seqPath[seqPath.length - 1];
  // A reference left as its placeholder should resolve: the workspace's first contract and its first table.
  const contract = c.service.index.contractIds()[0];
  const contractId = escapeSnippet(contract ?? 'contract-id');
  const table = escapeSnippet(
    (contract !== undefined ? c.service.index.contract(contract)?.schemaObjects[0]?.name : undefined) ??
      'schema_object',
  );
  const sub = (n: number) => ' '.repeat(n * STEP);
  const item = [...seqPath, 0];
  switch (c.doc.kind) {
    case 'odcs': {
      if (samePath(seqPath, ['schema'])) {
        const types = enumOf(c, [...item, 'properties', 0], 'logicalType');
        return [
          {
            label: 'New schema object',
            detail: 'a table with its first property',
            body: [
              'name: ${1:table_name}',
              'physicalType: ${2:table}',
              'description: ${3:What one row holds.}',
              'properties:',
              `${sub(1)}- name: \${4:id}`,
              `${sub(2)}logicalType: ${choice(types, 'string', 5)}`,
              `${sub(2)}required: true$0`,
            ],
          },
        ];
      }
      if (last === 'properties') {
        const types = enumOf(c, item, 'logicalType');
        return [
          {
            label: 'New property',
            detail: 'a column with its type',
            body: [
              'name: ${1:column_name}',
              `logicalType: ${choice(types, 'string')}`,
              'description: ${3:What the column holds.}$0',
            ],
          },
        ];
      }
      if (last === 'quality') {
        const dimensions = enumOf(c, item, 'dimension');
        const metrics = enumOf(c, item, 'metric', { metric: 'nullValues' });
        // ODCS v3.0.x names a library check by `rule` (`metric` came with v3.1.0).
        const ruleOnly =
          !knowsKey(c, item, 'metric', { type: 'library' }) && knowsKey(c, item, 'rule', { type: 'library' });
        return [
          ruleOnly
            ? {
                label: 'New quality rule (library)',
                detail: 'a library rule, e.g. no null values',
                body: [
                  'type: library',
                  'rule: ${1:nullCheck}',
                  'mustBe: ${2:0}',
                  `dimension: ${choice(dimensions, 'completeness', 3)}`,
                  'severity: ${4:error}$0',
                ],
              }
            : {
                label: 'New quality rule (metric)',
                detail: 'a library metric, e.g. no null values',
                body: [
                  `metric: ${choice(metrics, 'nullValues', 1)}`,
                  'mustBe: ${2:0}',
                  `dimension: ${choice(dimensions, 'completeness', 3)}`,
                  'severity: ${4:error}$0',
                ],
              },
          {
            label: 'New quality rule (SQL)',
            detail: 'a SQL query and its expected result',
            body: [
              'type: sql',
              'name: ${1:rule_name}',
              'query: ${2:SELECT COUNT(*) FROM ${3:table} WHERE ${4:condition}}',
              'mustBe: ${5:0}',
              `dimension: ${choice(dimensions, 'accuracy', 6)}$0`,
            ],
          },
        ];
      }
      if (samePath(seqPath, ['servers'])) {
        return [
          {
            label: 'New server',
            detail: 'where the data lives',
            body: [
              'server: ${1:production}',
              `type: ${choice(enumOf(c, item, 'type'), 'postgres')}`,
              'environment: ${3:prod}$0',
            ],
          },
        ];
      }
      return [];
    }
    case 'pipeline': {
      if (samePath(seqPath, ['steps'])) {
        return [
          {
            label: 'New pipeline step',
            detail: 'a job with one input and one output',
            body: [
              'id: ${1:step-id}',
              'runtime: ${2:dbt}',
              'inputs:',
              `${sub(1)}- contract: \${3:input-contract-id}`,
              'outputs:',
              `${sub(1)}- contract: \${4:output-contract-id}`,
              `${sub(2)}columns:`,
              `${sub(3)}\${5:column}: \${6:alias.column}$0`,
            ],
          },
        ];
      }
      if (last === 'inputs')
        return [
          {
            label: 'New input',
            detail: 'a dataset the step reads',
            body: [`contract: \${1:${contractId}}`, `schema: \${2:${table}}$0`],
          },
        ];
      if (last === 'outputs') {
        return [
          {
            label: 'New output',
            detail: 'a dataset the step writes, column by column',
            body: [
              'contract: ${1:contract-id}',
              'schema: ${2:schema_object}',
              'columns:',
              `${sub(1)}\${3:column}: \${4:alias.column}$0`,
            ],
          },
        ];
      }
      return [];
    }
    case 'odps': {
      if (samePath(seqPath, ['inputPorts']))
        return [
          {
            label: 'New input port',
            detail: 'a contract the product reads',
            body: ['name: ${1:port-name}', 'version: ${2:1.0.0}', `contractId: \${3:${contractId}}$0`],
          },
        ];
      if (samePath(seqPath, ['outputPorts']))
        return [
          {
            label: 'New output port',
            detail: 'a contract the product publishes',
            body: ['name: ${1:port-name}', 'version: ${2:1.0.0}', `contractId: \${3:${contractId}}$0`],
          },
        ];
      return [];
    }
    case 'dcs': {
      if (last === 'quality')
        return [
          {
            label: 'New quality rule (SQL)',
            detail: 'a SQL query and its expected result',
            body: ['type: sql', 'query: ${1:SELECT COUNT(*) FROM table}', 'mustBe: ${2:0}$0'],
          },
        ];
      return [];
    }
    default:
      return [];
  }
}

// ---- references to the workspace ----------------------------------------------------------------

/** Path pattern: a key, `#` any index, `*` any key, or a list of keys. */
type Pattern = (string | readonly string[])[];

function matches(path: readonly PathSegment[], pattern: Pattern): boolean {
  return (
    path.length === pattern.length &&
    pattern.every((p, i) => {
      const s = path[i];
      if (p === '#') return typeof s === 'number';
      if (p === '*') return typeof s === 'string';
      if (Array.isArray(p)) return typeof s === 'string' && p.includes(s);
      return s === p;
    })
  );
}

/**
 * Keys that are references: the output columns of a pipeline output; rule ids and contract ids in
 * the configuration. True when the place was one.
 */
function referenceKeys(c: Completer): boolean {
  const { ctx, doc, service } = c;
  const path = ctx.containerPath;
  if (doc.kind === 'config' && (samePath(path, ['rules']) || samePath(path, ['breaking', 'contracts']))) {
    const keys =
      path[0] === 'rules'
        ? [
            ...RULES.map((r) => ({ key: r.id, detail: `default ${r.severity}`, doc: r.description })),
            ...[...new Set(RULES.map((r) => r.id.slice(0, r.id.indexOf('/'))))].map((f) => ({
              key: f,
              detail: 'rule family',
              doc: `Every \`${f}/\` rule.`,
            })),
          ]
        : service.index.contractIds().map((id) => ({ key: id, detail: 'contract', doc: '' }));
    for (const { key, detail, doc: documentation } of keys) {
      if (ctx.presentKeys.has(key)) continue;
      c.items.push({
        label: key,
        kind: CompletionItemKind.Property,
        detail,
        sortText: `0_${key}`,
        filterText: key,
        documentation: documentation ? { kind: MarkupKind.Markdown, value: documentation } : undefined,
        textEdit: { range: ctx.replace, newText: ctx.keyOnly ? yamlKey(key) : `${yamlKey(key)}: ` },
      });
    }
    return true;
  }
  if (doc.kind !== 'pipeline' || !matches(path, ['steps', '#', 'outputs', '#', 'columns'])) return false;
  const output = c.valueOf(path.slice(0, -1));
  const dataset = isRecord(output)
    ? service.index.resolveDataset({ contract: text(output.contract), schema: text(output.schema) })
    : undefined;
  if (dataset?.status !== 'resolved') return true;
  for (const property of dataset.object.properties) {
    if (ctx.presentKeys.has(property.name)) continue;
    c.items.push({
      label: property.name,
      kind: CompletionItemKind.Field,
      detail: [property.logicalType, `${dataset.object.name} · ${dataset.contract.id}`].filter(Boolean).join(' · '),
      documentation: {
        kind: MarkupKind.Markdown,
        value: propertySummary(service, dataset.contract, dataset.object, property),
      },
      sortText: `0_${String(property.path.join('.')).padStart(8, '0')}`,
      filterText: property.name,
      textEdit: { range: ctx.replace, newText: ctx.keyOnly ? property.name : `${property.name}: ` },
    });
  }
  return true;
}

/** Values that are references, at the value (or list item) at `path`. True when the place was one. */
function referenceValues(c: Completer, path: PathSegment[]): boolean {
  const { doc } = c;
  if (doc.kind === 'pipeline') {
    if (matches(path, ['steps', '#', ['inputs', 'outputs'], '#', 'contract'])) {
      contractIds(c);
      return true;
    }
    if (matches(path, ['steps', '#', ['inputs', 'outputs'], '#', 'schema'])) {
      const owner = c.valueOf(path.slice(0, -1));
      schemaObjects(c, isRecord(owner) ? text(owner.contract) : undefined);
      return true;
    }
    if (
      matches(path, ['steps', '#', 'outputs', '#', 'columns', '*']) ||
      matches(path, ['steps', '#', 'outputs', '#', 'columns', '*', '#'])
    ) {
      columnSources(c, path.slice(0, 2));
      return true;
    }
  }
  if (doc.kind === 'odps') {
    if (
      matches(path, [['inputPorts', 'outputPorts'], '#', 'contractId']) ||
      matches(path, ['outputPorts', '#', 'inputContracts', '#', 'id'])
    ) {
      contractIds(c);
      return true;
    }
  }
  if (doc.kind === 'odcs') {
    const relationship = path.lastIndexOf('relationships');
    const tail = relationship >= 0 ? path.slice(relationship) : [];
    if (
      relationship >= 0 &&
      path[0] === 'schema' &&
      (matches(tail, ['relationships', '#', ['to', 'from']]) ||
        matches(tail, ['relationships', '#', ['to', 'from'], '#']))
    ) {
      tableColumns(c, false);
      return true;
    }
    if (matches(path, ['slaProperties', '#', 'element']) || matches(path, ['slaDefaultElement'])) {
      tableColumns(c, true);
      return true;
    }
  }
  return false;
}

function valueEdit(c: Completer, value: string): string {
  const { ctx } = c;
  const quoted =
    ctx.replace.start.character > 0 && /["']/.test(c.doc.text[c.doc.lines.offsetAt(ctx.replace.start) - 1] ?? '');
  return (ctx.needsSpace ? ' ' : '') + (quoted ? value : yamlScalar(value));
}

function contractIds(c: Completer): void {
  const { service } = c;
  const ids = service.index.contractIds();
  for (const id of ids) {
    const contract = service.index.contract(id)!;
    const value = service.getDocument(contract.file)?.value;
    const name = isRecord(value)
      ? (text(value.name) ?? (isRecord(value.info) ? text(value.info.title) : undefined))
      : undefined;
    c.items.push({
      label: id,
      kind: CompletionItemKind.Module,
      detail:
        [name, contract.version && `v${contract.version}`, contract.status].filter(Boolean).join(' · ') || undefined,
      documentation: ids.length <= 300 ? { kind: MarkupKind.Markdown, value: contractSummary(service, id) } : undefined,
      sortText: `0_${id}`,
      filterText: id,
      textEdit: { range: c.ctx.replace, newText: valueEdit(c, id) },
    });
  }
}

function schemaObjects(c: Completer, contractId: string | undefined): void {
  const contract = contractId !== undefined ? c.service.index.contract(contractId) : undefined;
  for (const object of contract?.schemaObjects ?? []) {
    c.items.push({
      label: object.name,
      kind: CompletionItemKind.Class,
      detail: `${object.properties.length} properties · ${contract!.id}`,
      sortText: `0_${object.name}`,
      filterText: object.name,
      textEdit: { range: c.ctx.replace, newText: valueEdit(c, object.name) },
    });
  }
}

/** `alias.column` for every column of every input of the step at `stepPath`. */
function columnSources(c: Completer, stepPath: PathSegment[]): void {
  const { service } = c;
  const inputs = c.valueOf([...stepPath, 'inputs']);
  if (!Array.isArray(inputs)) return;
  inputs.forEach((input, i) => {
    if (!isRecord(input)) return;
    const resolution = service.index.resolveDataset({ contract: text(input.contract), schema: text(input.schema) });
    if (resolution.status !== 'resolved') return;
    const alias = text(input.as) ?? text(input.schema) ?? resolution.object.name;
    for (const property of resolution.object.properties) {
      const label = `${alias}.${property.name}`;
      c.items.push({
        label,
        kind: CompletionItemKind.Field,
        detail: [property.logicalType, `${resolution.object.name} · ${resolution.contract.id}`]
          .filter(Boolean)
          .join(' · '),
        sortText: `${i}_${String(resolution.object.properties.indexOf(property)).padStart(8, '0')}`,
        filterText: label,
        textEdit: { range: c.ctx.replace, newText: valueEdit(c, label) },
      });
    }
  });
}

/** `table.column` for the contract's own schema objects (and bare tables where allowed). */
function tableColumns(c: Completer, tables: boolean): void {
  const contract = c.service.index.facts(c.doc.path)?.contract;
  if (!contract) return;
  contract.schemaObjects.forEach((object, i) => {
    if (tables) {
      c.items.push({
        label: object.name,
        kind: CompletionItemKind.Class,
        sortText: `${i}_0`,
        filterText: object.name,
        textEdit: { range: c.ctx.replace, newText: valueEdit(c, object.name) },
      });
    }
    object.properties.forEach((property, k) => {
      const label = `${object.name}.${property.name}`;
      c.items.push({
        label,
        kind: CompletionItemKind.Field,
        detail: property.logicalType,
        sortText: `${i}_${String(k + 1).padStart(8, '0')}`,
        filterText: label,
        textEdit: { range: c.ctx.replace, newText: valueEdit(c, label) },
      });
    });
  });
}

// ---- YAML text ----------------------------------------------------------------------------------

/** A value as YAML writes it: plain when it reads back as the same string, else double-quoted. */
export function yamlScalar(value: unknown): string {
  if (typeof value !== 'string') return String(value);
  if (
    value === '' ||
    /^[\s]|[\s]$/.test(value) ||
    /^[-?:,[\]{}#&*!|>'"%@`]/.test(value) ||
    /: |\s#|:$/.test(value) ||
    /^(true|false|yes|no|on|off|null|~|y|n)$/i.test(value) ||
    /^[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(value) ||
    /^0[xo]/i.test(value) ||
    /^[-+]?\.(inf|nan)$/i.test(value)
  ) {
    return JSON.stringify(value);
  }
  return value;
}

function yamlKey(key: string): string {
  return yamlScalar(key);
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}

function escapeChoice(s: string): string {
  return s.replace(/[\\$}|,]/g, '\\$&');
}
