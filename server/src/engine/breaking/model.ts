// ODCS and DCS contracts read into ONE shape for comparison: schema objects (ODCS `schema[]`, DCS
// `models`), properties (ODCS `properties[]`, DCS `fields`) with their nested properties, array
// elements and map parts, and the attributes that matter for compatibility, each with the DATA PATH
// of the value it came from (so a finding can point at it). Metadata (descriptions, tags, examples,
// owners...) is not read: editing it is never a breaking change.
//
// Pure: from a parsed document's value to plain data; never throws on user input.
import type { ParsedDocument } from '../document';
import { isRecord } from '../kinds';
import type { DataPath } from '../workspace';
import { canonicalDcsType } from './typeRules';
import { durationOf } from '../duration';
import { checkMeaning, thresholdOperator, type CheckOwner } from './rules/qualityMeaning';
import { splitSodaCl } from './rules/sodaChecks';

/** One attribute value and where it is written. */
export interface Attr {
  value: unknown;
  path: DataPath;
  /** As written, when `value` is normalized (DCS `integer` compares as `int`). */
  shown?: unknown;
}

/**
 * A property, or the element of an array (`name` ends in `[]`), or a part of a map (`[key]`,
 * `[value]`). Children of an array's element belong to the array property itself, as in the
 * workspace index: the properties of `lines: { items: { properties: [sku] } }` are `lines.sku`.
 */
export interface NProperty {
  name: string;
  /** ODCS stable `id` of the property. */
  id?: string;
  /** ODCS: data path of its `name` value (DCS names are keys: the property's own path). */
  namePath?: DataPath;
  /** Data path of the property's mapping. */
  path: DataPath;
  /** Normalized attributes (see ATTRIBUTE_NAMES), each with its value's path. */
  attrs: Map<string, Attr>;
  children: NProperty[];
  /** Where the children are listed (ODCS `properties`, DCS `fields`), when they are. */
  childrenPath?: DataPath;
  items?: NProperty;
  mapKey?: NProperty;
  mapValue?: NProperty;
  quality: NQuality[];
  /** DCS: the field's `$ref`, and whether it resolves to a local definition. */
  ref?: { value: string; resolved: boolean; path: DataPath };
}

export interface NObject {
  name: string;
  /** ODCS: data path of its `name` value. */
  namePath?: DataPath;
  id?: string;
  physicalName?: string;
  path: DataPath;
  propertiesPath?: DataPath;
  properties: NProperty[];
  quality: NQuality[];
  /** Dotted names of the primary key, in key order. */
  primaryKey: string[];
  /** Where the key is declared (DCS model `primaryKey`), when not on the properties. */
  primaryKeyPath?: DataPath;
  /** Dotted names of the partition columns, in order. */
  partition: string[];
}

export interface NQuality {
  /** Identity across versions: id, name, metric, or type and position. */
  key: string;
  /** For messages: `row_count`, `nullValues`, `sql check #2`. */
  label: string;
  thresholds: Record<string, unknown>;
  /** Canonical JSON of what the check means (query normalised, metric...), thresholds and metadata aside. */
  body: string;
  /** Canonical JSON of the check as written (metadata aside): differs from another's while `body` is equal → a rewrite. */
  raw: string;
  path: DataPath;
}

export type SlaKind = 'latency' | 'freshness' | 'frequency' | 'retention' | 'availability';

export interface NSla {
  /** `latency`, `retention@orders.created_at`. */
  key: string;
  kind: SlaKind;
  /** As written, for messages: `4 h`, `99.9%`. */
  text: string;
  /** Milliseconds for durations, percent for availability; undefined when unreadable. */
  amount?: number;
  path: DataPath;
}

export interface NContract {
  format: 'odcs' | 'dcs';
  id: string;
  file: string;
  version?: string;
  versionPath: DataPath;
  status?: string;
  statusPath: DataPath;
  /** The compatibility the contract declares for itself, when it does. */
  compatibility?: string;
  objects: NObject[];
  sla: NSla[];
  /** Checks that belong to the contract as a whole (DCS 0.9 top-level `quality`). */
  quality: NQuality[];
  doc: ParsedDocument;
}

/** Attributes compared on every property; anything else a property holds is metadata. */
export const CONSTRAINT_NAMES = [
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'requiredProperties',
  'timezone',
  'defaultTimezone',
] as const;

const ODCS_OPTIONS: Record<string, string> = {
  minLength: 'minLength',
  maxLength: 'maxLength',
  pattern: 'pattern',
  format: 'format',
  minimum: 'minimum',
  maximum: 'maximum',
  exclusiveMinimum: 'exclusiveMinimum',
  exclusiveMaximum: 'exclusiveMaximum',
  multipleOf: 'multipleOf',
  minItems: 'minItems',
  maxItems: 'maxItems',
  uniqueItems: 'uniqueItems',
  minProperties: 'minProperties',
  maxProperties: 'maxProperties',
  required: 'requiredProperties',
  timezone: 'timezone',
  defaultTimezone: 'defaultTimezone',
};

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function records(value: unknown): [Record<string, unknown>, number][] {
  return Array.isArray(value)
    ? value.flatMap((item, i) => (isRecord(item) ? [[item, i] as [Record<string, unknown>, number]] : []))
    : [];
}

/** The id of the contract a parsed document declares (cheap: nothing else is read). */
export function contractIdOf(doc: ParsedDocument): string | undefined {
  if ((doc.kind !== 'odcs' && doc.kind !== 'dcs') || doc.multiDocument || !isRecord(doc.value)) return undefined;
  return text(doc.value.id);
}

/** The contract a parsed document declares, or undefined (not a contract, unreadable, no id). */
export function readContract(doc: ParsedDocument): NContract | undefined {
  const id = contractIdOf(doc);
  if (id === undefined) return undefined;
  const value = doc.value as Record<string, unknown>;
  return doc.kind === 'odcs' ? odcsContract(doc, value, id) : dcsContract(doc, value, id);
}

// ---- ODCS ---------------------------------------------------------------------------------------

function odcsContract(doc: ParsedDocument, value: Record<string, unknown>, id: string): NContract {
  const objects: NObject[] = [];
  for (const [object, i] of records(value.schema)) {
    const name = text(object.name);
    if (name === undefined) continue;
    const path = ['schema', i];
    const properties = odcsProperties(object.properties, [...path, 'properties']);
    objects.push({
      name,
      namePath: [...path, 'name'],
      id: text(object.id),
      physicalName: text(object.physicalName),
      path,
      propertiesPath: Array.isArray(object.properties) ? [...path, 'properties'] : undefined,
      properties,
      quality: qualityList(object.quality, [...path, 'quality'], {
        names: [name, ...(text(object.physicalName) ? [text(object.physicalName)!] : [])],
      }),
      primaryKey: keyColumns(properties, 'primaryKey', 'primaryKeyPosition'),
      partition: keyColumns(properties, 'partitioned', 'partitionKeyPosition'),
    });
  }
  return {
    format: 'odcs',
    id,
    file: doc.path,
    doc,
    version: text(value.version),
    versionPath: ['version'],
    status: text(value.status),
    statusPath: ['status'],
    compatibility: customProperty(value.customProperties, 'compatibility'),
    objects,
    sla: odcsSla(value.slaProperties),
    quality: [],
  };
}

function customProperty(list: unknown, name: string): string | undefined {
  for (const [entry] of records(list)) if (entry.property === name) return text(entry.value);
  return undefined;
}

function odcsProperties(list: unknown, listPath: DataPath): NProperty[] {
  const out: NProperty[] = [];
  for (const [prop, i] of records(list)) {
    const name = text(prop.name);
    if (name === undefined) continue;
    out.push(odcsProperty(prop, [...listPath, i], name));
  }
  return out;
}

function odcsProperty(prop: Record<string, unknown>, path: DataPath, name: string): NProperty {
  const attrs = new Map<string, Attr>();
  const set = (attr: string, key: string, value: unknown = prop[key]) => {
    if (value !== undefined && value !== null) attrs.set(attr, { value, path: [...path, key] });
  };
  if (typeof prop.logicalType === 'string') set('type', 'logicalType', prop.logicalType.toLowerCase());
  set('physicalType', 'physicalType');
  set('physicalName', 'physicalName');
  set('required', 'required');
  set('unique', 'unique');
  set('primaryKey', 'primaryKey');
  set('primaryKeyPosition', 'primaryKeyPosition');
  set('partitioned', 'partitioned');
  set('partitionKeyPosition', 'partitionKeyPosition');
  set('classification', 'classification');
  if (isRecord(prop.logicalTypeOptions)) {
    for (const [key, attr] of Object.entries(ODCS_OPTIONS)) {
      const v = prop.logicalTypeOptions[key];
      if (v !== undefined && v !== null) attrs.set(attr, { value: v, path: [...path, 'logicalTypeOptions', key] });
    }
  }
  if (Array.isArray(prop.enum)) {
    // ODCS 3.2: `- value: EUR` entries (a bare scalar is read as its own value).
    const values = prop.enum.map((e) => (isRecord(e) ? e.value : e));
    attrs.set('enum', { value: values, path: [...path, 'enum'] });
  } else {
    // Before 3.2, datacontract-cli writes a DCS `enum` as the custom property `enum` (a list, or a
    // JSON list in a string): the same restriction.
    const custom = records(prop.customProperties).find(([entry]) => entry.property === 'enum');
    if (custom) {
      let values: unknown = custom[0].value;
      if (typeof values === 'string') {
        try {
          values = JSON.parse(values);
        } catch {
          values = undefined;
        }
      }
      if (Array.isArray(values))
        attrs.set('enum', { value: values, path: [...path, 'customProperties', custom[1], 'value'] });
    }
  }
  const node: NProperty = {
    name,
    id: text(prop.id),
    namePath: prop.name !== undefined ? [...path, 'name'] : undefined,
    path,
    attrs,
    children: odcsProperties(prop.properties, [...path, 'properties']),
    childrenPath: Array.isArray(prop.properties) ? [...path, 'properties'] : undefined,
    quality: qualityList(prop.quality, [...path, 'quality'], NO_OWNER),
  };
  if (isRecord(prop.items)) {
    node.items = odcsProperty(prop.items, [...path, 'items'], `${name}[]`);
    // The element's properties are the array's own (transparent `items`).
    if (node.items.children.length && !node.children.length) {
      node.children = node.items.children;
      node.childrenPath = node.items.childrenPath;
      node.items.children = [];
    }
  }
  if (isRecord(prop.map)) {
    if (isRecord(prop.map.key)) node.mapKey = odcsProperty(prop.map.key, [...path, 'map', 'key'], `${name}[key]`);
    if (isRecord(prop.map.value))
      node.mapValue = odcsProperty(prop.map.value, [...path, 'map', 'value'], `${name}[value]`);
  }
  return node;
}

/** Dotted names of the properties flagged `flag`, ordered by `position` then document order. */
function keyColumns(properties: readonly NProperty[], flag: string, position: string): string[] {
  const found: { name: string; position: number; order: number }[] = [];
  const walk = (list: readonly NProperty[], prefix: string) => {
    for (const p of list) {
      const dotted = prefix ? `${prefix}.${p.name}` : p.name;
      if (p.attrs.get(flag)?.value === true) {
        const pos = p.attrs.get(position)?.value;
        found.push({
          name: dotted,
          position: typeof pos === 'number' && pos >= 0 ? pos : Number.MAX_SAFE_INTEGER,
          order: found.length,
        });
      }
      walk(p.children, dotted);
    }
  };
  walk(properties, '');
  return found.sort((a, b) => a.position - b.position || a.order - b.order).map((f) => f.name);
}

function odcsSla(list: unknown): NSla[] {
  const out: NSla[] = [];
  for (const [entry, i] of records(list)) {
    const property = text(entry.property)?.toLowerCase();
    const kind = slaKind(property);
    if (!kind) continue;
    const element = text(entry.element);
    const unit = text(entry.unit);
    const raw = text(entry.value);
    if (raw === undefined) continue;
    const textValue = unit ? `${raw} ${unit}` : raw;
    out.push({
      key: element ? `${property}@${element}` : property!,
      kind,
      text: textValue,
      amount: kind === 'availability' ? parsePercent(raw) : durationOf(raw, unit),
      path: ['slaProperties', i, 'value'],
    });
  }
  return out;
}

function slaKind(property: string | undefined): SlaKind | undefined {
  switch (property) {
    case 'latency':
    case 'freshness':
    case 'frequency':
    case 'retention':
    case 'availability':
      return property;
    default:
      return undefined;
  }
}

// ---- DCS ----------------------------------------------------------------------------------------

function dcsContract(doc: ParsedDocument, value: Record<string, unknown>, id: string): NContract {
  const info = isRecord(value.info) ? value.info : {};
  const definitions = isRecord(value.definitions) ? value.definitions : {};
  const objects: NObject[] = [];
  if (isRecord(value.models)) {
    for (const [name, model] of Object.entries(value.models)) {
      const path = ['models', name];
      const m = isRecord(model) ? model : {};
      const properties = dcsFields(m.fields, [...path, 'fields'], definitions);
      let primaryKey = keyColumns(properties, 'primaryKey', 'primaryKeyPosition');
      let primaryKeyPath: DataPath | undefined;
      if (Array.isArray(m.primaryKey)) {
        primaryKey = m.primaryKey.flatMap((k) => text(k) ?? []);
        primaryKeyPath = [...path, 'primaryKey'];
      }
      objects.push({
        name,
        path,
        propertiesPath: isRecord(m.fields) ? [...path, 'fields'] : undefined,
        properties,
        quality: qualityList(m.quality, [...path, 'quality'], { names: [name] }),
        primaryKey,
        primaryKeyPath,
        partition: [],
      });
    }
  }
  const quality: NQuality[] = [];
  if (isRecord(value.quality)) {
    // DCS 0.9: one contract-wide block `quality: { type: SodaCL, specification: ... }`; the checks
    // with a metric of their own go to their model or field (./rules/sodaChecks.ts).
    const { checks, rest } = splitSodaCl(value.quality);
    for (const check of checks) {
      const object = objects.find((o) => o.name === check.model);
      const owner = check.field !== undefined ? object?.properties.find((p) => p.name === check.field) : object;
      if (!owner) continue;
      const n = owner.quality.filter((q) => q.key === `metric:${check.metric}`).length;
      owner.quality.push({
        key: n ? `metric:${check.metric}#${n + 1}` : `metric:${check.metric}`,
        label: `\`${check.text}\` (SodaCL)`,
        thresholds: check.thresholds,
        body: canonical({ metric: check.metric }),
        raw: canonical({ sodacl: check.text }),
        path: check.path,
      });
    }
    if (rest) {
      const body = canonical({ ...rest });
      quality.push({
        key: 'quality',
        label: `\`quality\` (${text(value.quality.type) ?? 'untyped'})`,
        thresholds: {},
        body,
        raw: body,
        path: ['quality'],
      });
    }
  } else {
    quality.push(...qualityList(value.quality, ['quality'], NO_OWNER));
  }
  return {
    format: 'dcs',
    id,
    file: doc.path,
    doc,
    version: text(info.version),
    versionPath: ['info', 'version'],
    status: text(info.status),
    statusPath: ['info', 'status'],
    compatibility: text(info['x-compatibility'] ?? info.compatibility),
    objects,
    sla: dcsSla(value.servicelevels),
    quality,
  };
}

const DCS_CONSTRAINTS = [
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
];

/** A field with its `$ref` (a local `#/definitions/<name>`) merged in: the field's own keys win. */
function resolveRef(
  field: Record<string, unknown>,
  path: DataPath,
  definitions: Record<string, unknown>,
): { value: Record<string, unknown>; paths: Map<string, DataPath>; dangling?: boolean } {
  const paths = new Map<string, DataPath>();
  let merged: Record<string, unknown> = {};
  const chain: [Record<string, unknown>, DataPath][] = [[field, path]];
  let current = field;
  let dangling = false;
  for (let depth = 0; depth < 10; depth++) {
    const ref = current.$ref;
    const match = typeof ref === 'string' ? /^#\/definitions\/(.+)$/.exec(ref) : null;
    if (!match) break;
    const target = definitions[match[1]];
    if (!isRecord(target)) {
      dangling = true;
      break;
    }
    chain.push([target, ['definitions', match[1]]]);
    current = target;
  }
  // Deepest definition first, the field itself last.
  for (const [layer, layerPath] of chain.reverse()) {
    merged = { ...merged, ...layer };
    for (const key of Object.keys(layer)) paths.set(key, [...layerPath, key]);
  }
  return { value: merged, paths, dangling };
}

function dcsFields(fields: unknown, fieldsPath: DataPath, definitions: Record<string, unknown>): NProperty[] {
  if (!isRecord(fields)) return [];
  return Object.entries(fields).map(([name, field]) =>
    dcsField(isRecord(field) ? field : {}, [...fieldsPath, name], name, definitions),
  );
}

function dcsField(
  raw: Record<string, unknown>,
  path: DataPath,
  name: string,
  definitions: Record<string, unknown>,
): NProperty {
  const { value: field, paths, dangling } = resolveRef(raw, path, definitions);
  const at = (key: string): DataPath => paths.get(key) ?? [...path, key];
  const attrs = new Map<string, Attr>();
  const set = (attr: string, value: unknown, key: string) => {
    if (value !== undefined && value !== null) attrs.set(attr, { value, path: at(key) });
  };
  if (typeof field.type === 'string')
    attrs.set('type', { value: canonicalDcsType(field.type), path: at('type'), shown: field.type });
  set('required', field.required, 'required');
  set('unique', field.unique, 'unique');
  const primary = field.primaryKey ?? field.primary;
  set('primaryKey', primary, field.primaryKey !== undefined ? 'primaryKey' : 'primary');
  set('classification', field.classification, 'classification');
  set('pii', field.pii, 'pii');
  for (const key of DCS_CONSTRAINTS) set(key, field[key], key);
  if (Array.isArray(field.enum)) set('enum', field.enum, 'enum');
  if (field.precision !== undefined || field.scale !== undefined) {
    // Decimal precision and scale compare like a physical DECIMAL(p,s).
    const p = typeof field.precision === 'number' ? field.precision : undefined;
    const s = typeof field.scale === 'number' ? field.scale : 0;
    if (p !== undefined) attrs.set('physicalType', { value: `decimal(${p},${s})`, path: at('precision') });
  }
  if (isRecord(field.config)) {
    for (const [key, v] of Object.entries(field.config)) {
      if (/Type$/.test(key) && typeof v === 'string')
        attrs.set(`physicalType:${key}`, { value: v, path: [...at('config'), key] });
    }
  }
  const node: NProperty = {
    name,
    path,
    attrs,
    children: dcsFields(field.fields, at('fields'), definitions),
    childrenPath: isRecord(field.fields) ? at('fields') : undefined,
    quality: qualityList(field.quality, at('quality'), NO_OWNER),
  };
  if (typeof raw.$ref === 'string') node.ref = { value: raw.$ref, resolved: !dangling, path: [...path, '$ref'] };
  if (isRecord(field.items)) {
    node.items = dcsField(field.items, at('items'), `${name}[]`, definitions);
    if (node.items.children.length && !node.children.length) {
      node.children = node.items.children;
      node.childrenPath = node.items.childrenPath;
      node.items.children = [];
    }
  }
  if (isRecord(field.keys)) node.mapKey = dcsField(field.keys, at('keys'), `${name}[key]`, definitions);
  if (isRecord(field.values)) node.mapValue = dcsField(field.values, at('values'), `${name}[value]`, definitions);
  return node;
}

function dcsSla(levels: unknown): NSla[] {
  if (!isRecord(levels)) return [];
  const out: NSla[] = [];
  const entry = (kind: SlaKind, key: string) => {
    const block = levels[kind];
    if (!isRecord(block)) return;
    if (kind === 'retention' && block.unlimited === true) {
      out.push({
        key: kind,
        kind,
        text: 'unlimited',
        amount: Number.POSITIVE_INFINITY,
        path: ['servicelevels', kind, 'unlimited'],
      });
      return;
    }
    const raw = text(block[key]);
    if (raw === undefined) return;
    out.push({
      key: kind,
      kind,
      text: raw,
      amount: kind === 'availability' ? parsePercent(raw) : durationOf(raw),
      path: ['servicelevels', kind, key],
    });
  };
  entry('availability', 'percentage');
  entry('retention', 'period');
  entry('latency', 'threshold');
  entry('freshness', 'threshold');
  entry('frequency', 'interval');
  return out;
}

// ---- quality ------------------------------------------------------------------------------------

export const THRESHOLD_KEYS = [
  'mustBe',
  'mustNotBe',
  'mustBeGreaterThan',
  'mustBeGreaterOrEqualTo',
  'mustBeGreaterThanOrEqualTo',
  'mustBeLessThan',
  'mustBeLessOrEqualTo',
  'mustBeLessThanOrEqualTo',
  'mustBeBetween',
  'mustNotBeBetween',
] as const;

/** Keys of a check that describe it for people, not what it checks. */
const QUALITY_METADATA = new Set([
  'id',
  'name',
  'description',
  'tags',
  'authoritativeDefinitions',
  'businessImpact',
  'customProperties',
  'dimension',
  'method',
  'schedule',
  'scheduler',
  'severity',
  'unit',
  'title',
]);

const NO_OWNER: CheckOwner = { names: [] };

function qualityList(list: unknown, listPath: DataPath, owner: CheckOwner): NQuality[] {
  const out: NQuality[] = [];
  const unnamed = new Map<string, number>();
  for (const [check, i] of records(list)) {
    const thresholds: Record<string, unknown> = {};
    const body: Record<string, unknown> = {};
    const raw: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(check)) if (!QUALITY_METADATA.has(key)) raw[key] = v;
    // Compared by meaning: `must_be_less_than` is `mustBeLessThan`, `rule: nullCheck` is `metric: nullValues, mustBe: 0`.
    for (const [key, v] of Object.entries(checkMeaning(check, owner))) {
      if (thresholdOperator(key) === key) thresholds[key] = v;
      else if (!QUALITY_METADATA.has(key)) body[key] = v;
    }
    const id = text(check.id) ?? text(check.name);
    const metric = text(body.metric) ?? text(body.rule);
    const type = text(body.type) ?? (metric ? 'library' : 'check');
    let key: string;
    let label: string;
    if (id !== undefined) {
      key = `id:${id}`;
      label = `\`${id}\``;
    } else if (metric !== undefined && type === 'library') {
      key = `metric:${metric}`;
      label = `\`${text(check.metric) ?? text(check.rule) ?? metric}\``;
    } else {
      const n = (unnamed.get(type) ?? 0) + 1;
      unnamed.set(type, n);
      key = `${type}#${n}`;
      label = `${type} check #${n}`;
    }
    out.push({ key, label, thresholds, body: canonical(body), raw: canonical(raw), path: [...listPath, i] });
  }
  return out;
}

/** JSON with sorted keys: equal values give equal text. */
export function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      isRecord(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
    ) ?? 'null'
  );
}

// ---- amounts ------------------------------------------------------------------------------------

export function parsePercent(raw: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(raw);
  return match ? Number(match[1]) : undefined;
}
