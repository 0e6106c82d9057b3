// What the DCS types in dcs.ts cannot say, added to the generated schema (schemas/dcs.schema.json).
import type { SchemaPatch } from './targets';

type Schema = Record<string, any>;

/** Key pattern of `models` and `links` maps in the official schema. */
const NAME_PATTERN = '^[a-zA-Z0-9_-]+$';
/** Key pattern of `definitions`: also allows `/`, used to encode a domain (`checkout/order_id`). */
const DEFINITION_NAME_PATTERN = '^[a-zA-Z0-9/_-]+$';

/**
 * Keys the official schema marks as deprecated. TS `@deprecated` tags do not reach the schema, so they
 * are repeated here as `deprecationMessage`, which editors show as a strike-through with the hint.
 */
const DEPRECATED: [definition: string, property: string, message: string][] = [
  ['DcsField', 'primary', 'Deprecated: use `primaryKey`.'],
  ['DcsField', 'example', 'Deprecated: use `examples`.'],
  ['DcsDefinition', 'example', 'Deprecated: use `examples`.'],
  ['DcsDefinition', 'domain', 'Deprecated: put the domain into the definition key, e.g. `checkout/order_id`.'],
  ['DcsDefinition', 'name', 'Deprecated: put the name into the definition key.'],
  ['DcsSqlQuality', 'mustBeGreaterThanOrEqualTo', 'Deprecated: use `mustBeGreaterOrEqualTo`.'],
  ['DcsSqlQuality', 'mustBeLessThanOrEqualTo', 'Deprecated: use `mustBeLessOrEqualTo`.'],
  ['DcsLibraryQuality', 'rule', 'Deprecated: use `metric`.'],
  ['DcsLineage', 'transformationDescription', "Deprecated: describe each input field's `transformations`."],
  ['DcsLineage', 'transformationType', "Deprecated: describe each input field's `transformations`."],
];

export const patchDcsSchema: SchemaPatch = (schema) => {
  const defs = schema.definitions as Record<string, Schema>;

  // Servers and quality checks are TS unions keyed on `type`; typescript-json-schema emits an anyOf,
  // which (a) cannot express "any other server type only needs the common keys" and (b) reports the
  // errors of every branch. As in the official schema, each known `type` gets an if/then instead.
  discriminate(defs, 'DcsServer', 'type');
  discriminate(defs, 'DcsQuality', 'type');

  // Map keys: TS index signatures cannot constrain the key, nor carry a format for the value.
  defs.DcsModels.propertyNames = { pattern: NAME_PATTERN };
  defs.DcsDefinitions.propertyNames = { pattern: DEFINITION_NAME_PATTERN };
  defs.DcsLinks.propertyNames = { pattern: NAME_PATTERN };
  defs.DcsLinks.additionalProperties = {
    type: 'string',
    format: 'uri',
    description: 'A URL, e.g. `https://wiki.example.com/orders`.',
  };

  for (const [definition, property, message] of DEPRECATED) {
    const target = defs[definition]?.properties?.[property];
    if (!target) throw new Error(`dcs.patch: ${definition}.${property} not found in the generated schema`);
    target.deprecationMessage = message;
  }
  const version = (schema.properties as Schema).dataContractSpecification.const;
  if (version === '1.1.0' || version === '1.2.0') olderVersion(defs, version);
  return schema;
};

// What 1.1.0 and 1.2.0 differ by from 1.2.1 (official schemas compared).
/** Server types 1.1.0 enumerated (free text with examples since 1.2.0). */
const V110_SERVER_TYPES = [
  'bigquery',
  'BigQuery',
  's3',
  'sftp',
  'redshift',
  'azure',
  'sqlserver',
  'snowflake',
  'databricks',
  'dataframe',
  'glue',
  'postgres',
  'oracle',
  'kafka',
  'pubsub',
  'kinesis',
  'trino',
  'local',
];
/** Field types 1.2.0 added. */
const V120_FIELD_TYPES = ['variant', 'json', 'time'];
/** Threshold spellings 1.2.1 added to SQL checks. */
const V121_SQL_THRESHOLDS = ['mustBeGreaterOrEqualTo', 'mustBeLessOrEqualTo'];

function olderVersion(defs: Record<string, Schema>, version: '1.1.0' | '1.2.0'): void {
  // Library checks name a `rule`; `metric` and `arguments` came with 1.2.1 (checks stay open).
  const library = defs.DcsLibraryQuality;
  delete library.properties.metric;
  delete library.properties.arguments;
  delete library.properties.rule.deprecationMessage;
  library.required = library.required.map((k: string) => (k === 'metric' ? 'rule' : k));
  const sql = defs.DcsSqlQuality;
  for (const k of V121_SQL_THRESHOLDS) delete sql.properties[k];
  for (const k of Object.keys(sql.properties)) {
    if (k.startsWith('must')) delete sql.properties[k].deprecationMessage;
    // 1.2.0 typed SQL thresholds as integers (1.1.0 and 1.2.1 as numbers).
    if (version === '1.2.0' && k.startsWith('must')) {
      const p = sql.properties[k];
      if (p.type === 'number') p.type = 'integer';
      if (p.items?.type === 'number') p.items = { ...p.items, type: 'integer' };
    }
  }
  if (version !== '1.1.0') return;
  const server = defs.DcsServer.allOf as Schema[];
  defs.DcsServer.allOf = server.filter((b) => b.if?.properties?.type?.const !== 'clickhouse');
  defs.DcsServerBase.properties.type = { ...defs.DcsServerBase.properties.type, enum: V110_SERVER_TYPES };
  delete defs.DcsServerBase.properties.type.examples;
  delete defs.DcsClickhouseServer;
  for (const d of [defs.DcsFieldType, defs.DcsField?.properties?.type]) {
    if (d?.enum) d.enum = d.enum.filter((t: string) => !V120_FIELD_TYPES.includes(t));
  }
  delete defs.DcsModel.properties.additionalFields;
}

/**
 * Rewrites the union definition `name` (an anyOf of $refs to interfaces, each fixing `key` to a
 * constant, plus at most one member where `key` is free) into: the free member (or, when there is
 * none, "`key` is required and one of the constants"), then one `if key = c then $ref member` per
 * constant. Validators then check exactly one variant and report only its errors.
 */
function discriminate(defs: Record<string, Schema>, name: string, key: string): void {
  const union = defs[name];
  if (!Array.isArray(union?.anyOf)) throw new Error(`dcs.patch: ${name} is not a union`);
  const branches: Schema[] = [];
  const constants: string[] = [];
  let fallback: Schema | undefined;
  for (const member of union.anyOf as Schema[]) {
    const ref = member.$ref as string;
    const value = defs[ref.replace('#/definitions/', '')]?.properties?.[key]?.const;
    if (typeof value === 'string') {
      constants.push(value);
      branches.push({ if: { properties: { [key]: { const: value } }, required: [key] }, then: { $ref: ref } });
    } else if (!fallback) {
      fallback = { $ref: ref };
    } else {
      throw new Error(`dcs.patch: ${name} has two members without a constant \`${key}\``);
    }
  }
  const base = fallback ?? {
    type: 'object',
    required: [key],
    properties: { [key]: { type: 'string', enum: constants } },
  };
  defs[name] = { ...(union.description ? { description: union.description } : {}), allOf: [base, ...branches] };
}
