// ODCS and DCS contracts in ONE shape for comparison: schema objects (ODCS `schema[]`, DCS
// `models`), properties (ODCS `properties[]`, DCS `fields`) with their nested properties, array
// elements and map parts, and the attributes that matter for compatibility, each with the DATA PATH
// of the value it came from (so a finding can point at it). Metadata (descriptions, tags, examples,
// owners...) is not compared: editing it is never a breaking change.
//
// Derived from the document's contract model (../model), which reads the YAML value; nothing here
// reads it again. Pure; never throws on user input.
import type { ParsedDocument } from '../document';
import {
  declaredContractId,
  documentModel,
  type ContractFact,
  type DataPath,
  type PropertyNode,
  type QualityCheckModel,
  type SchemaObjectFact,
} from '../model';
import { canonical, text } from '../model/values';
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

/** The id of the contract a parsed document declares (cheap: nothing else is read). */
export function contractIdOf(doc: ParsedDocument): string | undefined {
  return declaredContractId(doc);
}

/** The contract a parsed document declares, or undefined (not a contract, unreadable, no id). */
export function readContract(doc: ParsedDocument): NContract | undefined {
  const model = documentModel(doc)?.contract;
  // A fresh object each time: the comparison may annotate what it is given.
  return model?.id === undefined ? undefined : fromModel(model, model.id, doc);
}

function fromModel(model: ContractFact, id: string, doc: ParsedDocument): NContract {
  const dcs = model.format === 'dcs';
  const objects = model.schemaObjects.map((o) => object(o, dcs));
  const quality: NQuality[] = [];
  if ('block' in model.quality) {
    // DCS 0.9: one contract-wide block `quality: { type: SodaCL, specification: ... }`; the checks
    // with a metric of their own go to their model or field (./rules/sodaChecks.ts).
    const { checks, rest } = splitSodaCl(model.quality.block.value as Record<string, unknown>);
    for (const check of checks) {
      const owner = objects.find((o) => o.name === check.model);
      const target = check.field !== undefined ? owner?.properties.find((p) => p.name === check.field) : owner;
      if (!target) continue;
      const n = target.quality.filter((q) => q.key === `metric:${check.metric}`).length;
      target.quality.push({
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
        label: `\`quality\` (${text(model.quality.block.value.type) ?? 'untyped'})`,
        thresholds: {},
        body,
        raw: body,
        path: model.quality.block.path,
      });
    }
  } else {
    quality.push(...qualityList(model.quality.checks, NO_OWNER));
  }
  return {
    format: model.format,
    id,
    file: model.file,
    doc,
    version: model.version,
    versionPath: model.versionPath,
    status: model.status,
    statusPath: model.statusPath,
    compatibility: model.compatibility,
    objects,
    sla: dcs ? dcsSla(model) : odcsSla(model),
    quality,
  };
}

function object(o: SchemaObjectFact, dcs: boolean): NObject {
  const properties = o.tree.map((n) => property(n, dcs));
  if (dcs) {
    return {
      name: o.name,
      path: o.path,
      propertiesPath: o.propertiesPath,
      properties,
      quality: qualityList(o.quality, { names: [o.name] }),
      primaryKey: o.primaryKey ? [...o.primaryKey.names] : keyColumns(properties, 'primaryKey', 'primaryKeyPosition'),
      primaryKeyPath: o.primaryKey?.path,
      partition: [],
    };
  }
  return {
    name: o.name,
    namePath: o.namePath,
    id: o.id,
    physicalName: o.physicalName,
    path: o.path,
    propertiesPath: o.propertiesPath,
    properties,
    quality: qualityList(o.quality, { names: [o.name, ...(o.physicalName ? [o.physicalName] : [])] }),
    primaryKey: keyColumns(properties, 'primaryKey', 'primaryKeyPosition'),
    partition: keyColumns(properties, 'partitioned', 'partitionKeyPosition'),
  };
}

/** A property node in comparison shape: types normalized, an array's element's properties hoisted to the array. */
function property(n: PropertyNode, dcs: boolean): NProperty {
  const attrs = new Map<string, Attr>();
  for (const [key, attr] of n.attributes) {
    if (key !== 'type' || typeof attr.value !== 'string') attrs.set(key, attr);
    else if (dcs) attrs.set(key, { value: canonicalDcsType(attr.value), path: attr.path, shown: attr.value });
    else attrs.set(key, { value: attr.value.toLowerCase(), path: attr.path });
  }
  const children = n.children.map((c) => property(c, dcs));
  const quality = qualityList(n.quality, NO_OWNER);
  const node: NProperty = dcs
    ? { name: n.name, path: n.path, attrs, children, childrenPath: n.childrenPath, quality }
    : {
        name: n.name,
        id: n.id,
        namePath: n.namePath,
        path: n.path,
        attrs,
        children,
        childrenPath: n.childrenPath,
        quality,
      };
  if (n.ref) node.ref = n.ref;
  if (n.items) {
    node.items = property(n.items, dcs);
    // The element's properties are the array's own (transparent `items`).
    if (node.items.children.length && !node.children.length) {
      node.children = node.items.children;
      node.childrenPath = node.items.childrenPath;
      node.items.children = [];
    }
  }
  if (n.mapKey) node.mapKey = property(n.mapKey, dcs);
  if (n.mapValue) node.mapValue = property(n.mapValue, dcs);
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

function odcsSla(model: ContractFact): NSla[] {
  const out: NSla[] = [];
  for (const entry of model.sla) {
    const property = entry.property?.toLowerCase();
    const kind = slaKind(property);
    if (!kind) continue;
    const raw = text(entry.value);
    if (raw === undefined) continue;
    out.push({
      key: entry.element ? `${property}@${entry.element}` : property!,
      kind,
      text: entry.unit ? `${raw} ${entry.unit}` : raw,
      amount: kind === 'availability' ? parsePercent(raw) : durationOf(raw, entry.unit),
      path: entry.path,
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

function dcsSla(model: ContractFact): NSla[] {
  const out: NSla[] = [];
  const entry = (kind: SlaKind, key: 'threshold' | 'interval' | 'period' | 'percentage') => {
    const level = model.serviceLevels.find((l) => l.name === kind);
    if (!level) return;
    if (kind === 'retention' && level.unlimited) {
      out.push({
        key: kind,
        kind,
        text: 'unlimited',
        amount: Number.POSITIVE_INFINITY,
        path: [...level.path, 'unlimited'],
      });
      return;
    }
    const raw = text(level.amounts[key]);
    if (raw === undefined) return;
    out.push({
      key: kind,
      kind,
      text: raw,
      amount: kind === 'availability' ? parsePercent(raw) : durationOf(raw),
      path: [...level.path, key],
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

function qualityList(list: readonly QualityCheckModel[], owner: CheckOwner): NQuality[] {
  const out: NQuality[] = [];
  const unnamed = new Map<string, number>();
  for (const { check, path } of list) {
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
    out.push({ key, label, thresholds, body: canonical(body), raw: canonical(raw), path });
  }
  return out;
}

export { canonical } from '../model/values';

// ---- amounts ------------------------------------------------------------------------------------

export function parsePercent(raw: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(raw);
  return match ? Number(match[1]) : undefined;
}
