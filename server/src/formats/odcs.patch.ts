// What the ODCS types in odcs.ts cannot say, added to the generated schema: rules that depend on
// a discriminator (server `type`, quality `type`, `logicalType`), "exactly one threshold", and
// what each older edition differs by (v3.2.0-only members trimmed for v3.1.0 and older; the
// v3.0.x tables below). Each step mirrors a rule of the official ODCS JSON Schema of that edition;
// test/conformance/odcs-agreement.test.ts checks that both agree, edition by edition.
import type { SchemaPatch } from './targets';

type Json = Record<string, any>;

const REF = '#/definitions/';

export const patchOdcsSchema: SchemaPatch = (schema) => {
  const defs = schema.definitions as Record<string, Json>;
  const apiVersion = (schema.properties as Json).apiVersion;
  const versions: string[] = apiVersion.enum ?? [apiVersion.const];
  const v32 = versions.includes('v3.2.0');
  const v30 = versions.find((v) => /^v3\.0\.\d+$/.test(v));

  discriminate(defs, 'Server', 'type');
  discriminate(defs, 'DataQuality', 'type');
  libraryIsTheDefaultQualityType(defs);
  exactlyOneThreshold(defs, ['LibraryQualityCheck', 'SqlQualityCheck']);
  logicalTypeRules(defs, ['SchemaProperty', 'SchemaPropertyBase'], v32);
  relationshipEndsMatch(defs);
  if (!v32) trimToV31(schema, defs);
  if (v30) trimToV30(schema, defs, Number(v30.split('.')[2]));
  pruneUnreferenced(schema);
  return schema;
};

/**
 * A discriminated union (`anyOf` of variants, one `const` of `key` each) becomes one object with
 * the shared fields plus one `if key = X then <variant>` per variant, closed with
 * `unevaluatedProperties: false`. Same verdicts as the official schema, and a wrong field is
 * reported against the branch of the declared `type` instead of against every variant.
 */
function discriminate(defs: Record<string, Json>, name: string, key: string): void {
  const names: string[] = defs[name].anyOf.map((r: Json) => refName(r.$ref));
  const variants = names.map((n) => defs[n]);
  const first = variants[0];
  const same = (p: string) => variants.every((v) => v.properties?.[p] && eq(v.properties[p], first.properties[p]));
  const shared = Object.keys(first.properties).filter((p) => p !== key && same(p));
  const sharedRequired: string[] = (first.required ?? []).filter((r: string) =>
    variants.every((v) => v.required?.includes(r)),
  );
  const values = variants.flatMap((v) => v.properties[key].enum ?? [v.properties[key].const]);

  const properties: Json = { [key]: { description: first.properties[key].description, type: 'string', enum: values } };
  for (const p of shared) properties[p] = first.properties[p];
  const allOf: Json[] = [];
  names.forEach((n, i) => {
    const v = variants[i];
    const { description: _d, ...when } = v.properties[key];
    for (const p of [key, ...shared]) delete v.properties[p];
    v.required = (v.required ?? []).filter((r: string) => r !== key && !sharedRequired.includes(r));
    if (!v.required.length) delete v.required;
    delete v.additionalProperties; // the union's unevaluatedProperties closes the object
    if (!Object.keys(v.properties).length && !v.required) return; // nothing to add (text checks)
    allOf.push({ if: { properties: { [key]: when }, required: [key] }, then: { $ref: REF + n } });
  });
  defs[name] = {
    description: defs[name].description,
    type: 'object',
    properties,
    ...(sharedRequired.length ? { required: sharedRequired } : {}),
    allOf,
    unevaluatedProperties: false,
  };
}

/** A check without `type` but with a `metric` is a library check (library is the default type). */
function libraryIsTheDefaultQualityType(defs: Record<string, Json>): void {
  const branch = defs.DataQuality.allOf.find((b: Json) => b.then.$ref === REF + 'LibraryQualityCheck');
  branch.if = { anyOf: [branch.if, { properties: { metric: { type: 'string' } }, required: ['metric'] }] };
}

/** Library and SQL checks state their expected result with exactly one `mustBe...` threshold. */
function exactlyOneThreshold(defs: Record<string, Json>, checks: string[]): void {
  const oneOf: Json[] = [];
  for (const [p, s] of Object.entries(defs[checks[0]].properties as Json)) {
    if (p.startsWith('must')) oneOf.push({ properties: { [p]: s }, required: [p] });
  }
  defs.QualityThresholds = { description: 'Exactly one expected result (`mustBe...`) per check.', oneOf };
  for (const c of checks) {
    for (const p of Object.keys(defs[c].properties)) if (p.startsWith('must')) delete defs[c].properties[p];
    defs[c].allOf = [{ $ref: REF + 'QualityThresholds' }];
  }
}

/**
 * Which `logicalTypeOptions` a property may have, and whether `properties` (object), `items`
 * (array) or `map` (map) may appear, depends on `logicalType`. Like the official schema, the
 * `if`s do not require `logicalType`: a property without one may have nested `properties`,
 * `items` or `map`, and only empty `logicalTypeOptions` (no option fits every type).
 * One deliberate difference: the `map` rule only applies with `logicalType: map`. The v3.2.0
 * schema we compare against lacks that guard and so demands a `map` block on every property
 * without `logicalType`, a bug fixed upstream (bitol-io/open-data-contract-standard#322, #324).
 */
function logicalTypeRules(defs: Record<string, Json>, names: string[], v32: boolean): void {
  const { properties, items, map } = defs.SchemaPropertyBase.properties;
  const rule = (types: string[], options: string, extra: Json = {}): Json => ({
    if: { properties: { logicalType: types.length === 1 ? { const: types[0] } : { enum: types } } },
    then: { properties: { logicalTypeOptions: { $ref: REF + options }, ...extra } },
  });
  const rules = [
    rule(['string'], 'StringTypeOptions'),
    rule(['date'], 'DateTypeOptions'),
    rule(['timestamp', 'time'], 'TimestampTypeOptions'),
    rule(['integer'], 'IntegerTypeOptions'),
    rule(['number'], 'NumberTypeOptions'),
    rule(['object'], 'ObjectTypeOptions', { properties }),
    rule(['array'], 'ArrayTypeOptions', { items }),
  ];
  if (v32) {
    // Guarded with `required`, as upstream fixed it (bitol-io/open-data-contract-standard#322).
    rules.push({
      if: { properties: { logicalType: { const: 'map' } }, required: ['logicalType'] },
      then: { properties: { map }, required: ['map'] },
    });
  }
  defs.LogicalTypeRules = { description: 'What each logicalType allows.', allOf: rules };
  for (const n of names) {
    const d = defs[n];
    for (const p of ['properties', 'items', 'map']) delete d.properties[p];
    d.properties.logicalTypeOptions = { description: d.properties.logicalTypeOptions.description, type: 'object' };
    delete d.additionalProperties;
    d.allOf = [{ $ref: REF + 'LogicalTypeRules' }];
    d.unevaluatedProperties = false;
  }
}

/** A schema-level relationship maps one reference to one, or a list to a list, never mixed. */
function relationshipEndsMatch(defs: Record<string, Json>): void {
  defs.SchemaRelationship.allOf = ['string', 'array'].map((type) => ({
    if: { properties: { from: { type } }, required: ['from'] },
    then: { properties: { to: { type } } },
  }));
}

/** Members that only exist since v3.2.0, removed from the v3.1 target (apiVersion v3.0.x/v3.1.0). */
const V32_ONLY: Record<string, string[]> = {
  SchemaObject: ['synonyms', 'context'],
  SchemaProperty: ['synonyms', 'semanticType', 'enum'],
  SchemaPropertyBase: ['synonyms', 'semanticType', 'enum'],
  AthenaServer: ['workgroup'],
};
const SHORTHAND_V32 = '[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+';
const SHORTHAND_V31 = '[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*';

function trimToV31(schema: Json, defs: Record<string, Json>): void {
  for (const [name, props] of Object.entries(V32_ONLY)) for (const p of props) delete defs[name].properties[p];
  for (const n of ['SchemaProperty', 'SchemaPropertyBase']) {
    const lt = defs[n].properties.logicalType;
    lt.enum = lt.enum.filter((t: string) => t !== 'map');
  }
  // Before v3.2.0 Athena needed the S3 staging directory.
  defs.AthenaServer.required = [...(defs.AthenaServer.required ?? []), 'stagingDir'];
  // Before v3.2.0 the short reference form was exactly `table.column`.
  let replaced = 0;
  walk(schema, (node) => {
    if (typeof node.pattern === 'string' && node.pattern.includes(SHORTHAND_V32)) {
      node.pattern = node.pattern.replace(SHORTHAND_V32, SHORTHAND_V31);
      replaced++;
    }
  });
  if (!replaced) throw new Error('odcs.patch: the property reference pattern changed; update SHORTHAND_V32');
}

// ---------------------------------------------------------------------------------------------
// v3.0.x: what it differs by from v3.1.0 (official schemas v3.0.0-v3.0.2 against v3.1.0)

/**
 * Objects v3.0.x leaves open (no `additionalProperties: false`: any other key is accepted), with
 * the keys it defines; the keys v3.1.0 added are dropped. `[key, since patch]` for a key added in
 * a v3.0.x patch release.
 */
const V30_OPEN: Record<string, (string | [string, number])[]> = {
  Server: ['server', 'type', 'description', 'environment', 'roles', 'customProperties'],
  DataQuality: [
    'type',
    'authoritativeDefinitions',
    'businessImpact',
    'customProperties',
    'description',
    'dimension',
    'method',
    'name',
    'schedule',
    'scheduler',
    'severity',
    'tags',
    'unit',
  ],
  Role: ['role', 'access', 'firstLevelApprovers', 'secondLevelApprovers', ['customProperties', 1]],
  CustomProperty: ['property', 'value'],
  AuthoritativeDefinition: ['url', 'type'],
  SupportChannel: ['channel', 'url', 'tool', 'scope', 'invitationUrl'],
  Pricing: ['priceAmount', 'priceCurrency', 'priceUnit'],
  ServiceLevelAgreement: ['property', 'value', 'valueExt', 'unit', 'element', 'driver'],
  TeamMember: ['username', ['name', 2], ['description', 2], 'role', 'dateIn', 'dateOut', 'replacedByUsername'],
};
/** Objects v3.0.x closes, with the keys v3.1.0 added to them. */
const V31_ADDED_TO_CLOSED: Record<string, (string | [string, number])[]> = {
  SchemaObject: ['id', 'relationships'],
  SchemaProperty: ['id', 'relationships', ['physicalName', 2]],
  SchemaPropertyBase: ['id', 'relationships', ['physicalName', 2]],
};
/** Server types v3.1.0 added. */
const V31_SERVER_TYPES = ['hive', 'impala', 'zen'];
/** Logical types v3.1.0 added. */
const V31_LOGICAL_TYPES = ['timestamp', 'time'];
/** File formats and delimiters v3.0.x enumerated for object-store servers (free text since v3.1.0). */
const V30_FILE_FORMATS = ['parquet', 'delta', 'json', 'csv'];
const V30_DELIMITERS = ['new_line', 'array'];
const THRESHOLD_KEYS = [
  'mustBe',
  'mustNotBe',
  'mustBeGreaterThan',
  'mustBeGreaterOrEqualTo',
  'mustBeLessThan',
  'mustBeLessOrEqualTo',
  'mustBeBetween',
  'mustNotBeBetween',
];

function trimToV30(schema: Json, defs: Record<string, Json>, patch: number): void {
  const since = (k: string | [string, number]) => (typeof k === 'string' ? k : k[1] <= patch ? k[0] : undefined);
  for (const [name, keys] of Object.entries(V30_OPEN)) {
    const d = defs[name];
    const keep = new Set(keys.map(since).filter(Boolean));
    for (const p of Object.keys(d.properties)) if (!keep.has(p)) delete d.properties[p];
    delete d.additionalProperties;
    delete d.unevaluatedProperties;
  }
  for (const [name, keys] of Object.entries(V31_ADDED_TO_CLOSED)) {
    for (const k of keys) {
      const key = typeof k === 'string' ? k : k[1] > patch ? k[0] : undefined;
      if (key) delete defs[name].properties[key];
    }
  }
  // No stable ids before v3.1.0; custom properties had no required keys.
  delete defs.CustomProperty.required;
  // `team` is a plain list of members, none of whose keys is required.
  (schema.properties as Json).team = {
    description: (schema.properties as Json).team.description,
    type: 'array',
    items: { $ref: REF + 'TeamMember' },
  };
  delete defs.TeamMember.required;
  // Root `authoritativeDefinitions` came with v3.0.1.
  if (patch < 1) delete (schema.properties as Json).authoritativeDefinitions;
  // Support channels needed a URL.
  defs.SupportChannel.required = ['channel', 'url'];

  // Servers: no hive/impala/zen; object-store formats enumerated; DuckDB's `schema` an integer (sic);
  // Athena's staging directory required as `staging_dir` before v3.0.2 (as the official schema says).
  const server = defs.Server;
  server.properties.type.enum = server.properties.type.enum.filter((t: string) => !V31_SERVER_TYPES.includes(t));
  server.allOf = server.allOf.filter((b: Json) => !V31_SERVER_TYPES.includes(b.if.properties.type.const));
  for (const n of ['AzureServer', 'S3Server', 'SftpServer']) {
    defs[n].properties.format = { ...defs[n].properties.format, enum: V30_FILE_FORMATS };
    defs[n].properties.delimiter = { ...defs[n].properties.delimiter, enum: V30_DELIMITERS };
  }
  defs.DuckdbServer.properties.schema = { ...defs.DuckdbServer.properties.schema, type: 'integer' };
  delete defs.CustomServer.properties.stream;
  if (patch < 2) defs.AthenaServer.required = ['schema', 'staging_dir'];

  // Quality: library checks name a `rule` (no metric list); thresholds are typed keys, not "exactly
  // one"; a check without `type` is a library check; SQL checks have no thresholds of their own.
  const library = defs.DataQuality.allOf.find((b: Json) => b.then.$ref === REF + 'LibraryQualityCheck');
  library.if = { properties: { type: { const: 'library' } } };
  const thresholds: Json = {};
  for (const alt of defs.QualityThresholds.oneOf) Object.assign(thresholds, alt.properties);
  for (const k of THRESHOLD_KEYS) if (!thresholds[k]) throw new Error(`odcs.patch: threshold ${k} not found`);
  for (const k of ['mustBeBetween', 'mustNotBeBetween']) {
    const { items: _tuple, ...rest } = thresholds[k];
    thresholds[k] = { ...rest, items: { type: 'number' } };
  }
  defs.LibraryQualityCheck = {
    description: defs.LibraryQualityCheck.description,
    type: 'object',
    properties: { rule: defs.LibraryQualityCheck.properties.rule, ...thresholds },
    required: ['rule'],
  };
  delete defs.SqlQualityCheck.allOf;

  // Properties: no timestamp/time; exclusive bounds are booleans (the bound is `minimum`/`maximum`).
  for (const n of ['SchemaProperty', 'SchemaPropertyBase']) {
    const lt = defs[n].properties.logicalType;
    lt.enum = lt.enum.filter((t: string) => !V31_LOGICAL_TYPES.includes(t));
  }
  const rules = defs.LogicalTypeRules.allOf as Json[];
  defs.LogicalTypeRules.allOf = rules.filter(
    (r) => !(r.if.properties.logicalType.enum ?? []).some((t: string) => V31_LOGICAL_TYPES.includes(t)),
  );
  // An array's `items` may always have nested `properties`, whatever its logicalType.
  const item = structuredClone(defs.SchemaPropertyBase);
  item.description = 'The element of an array: a property without a name, which may have nested `properties`.';
  item.properties.properties = {
    description: 'Nested properties of the elements (allowed on any array item in v3.0.x).',
    type: 'array',
    items: { $ref: REF + 'SchemaProperty' },
  };
  defs.SchemaItemProperty = item;
  const arrayRule = defs.LogicalTypeRules.allOf.find((r: Json) => r.if.properties.logicalType.const === 'array');
  arrayRule.then.properties.items = { $ref: REF + 'SchemaItemProperty' };
  for (const n of ['DateTypeOptions', 'IntegerTypeOptions', 'NumberTypeOptions']) {
    for (const k of ['exclusiveMinimum', 'exclusiveMaximum']) {
      defs[n].properties[k] = {
        description: `Whether the ${k === 'exclusiveMinimum' ? '`minimum`' : '`maximum`'} itself is excluded (v3.0.x; a bound of its own since v3.1.0).`,
        type: 'boolean',
      };
    }
  }
}

/** Drops definitions nothing points to any more (v3.2.0-only types, empty variants). */
function pruneUnreferenced(schema: Json): void {
  const defs = schema.definitions as Record<string, Json>;
  const seen = new Set<string>();
  const visit = (node: Json) =>
    walk(node, (n) => {
      if (typeof n.$ref === 'string' && n.$ref.startsWith(REF)) {
        const name = refName(n.$ref);
        if (!seen.has(name)) {
          seen.add(name);
          visit(defs[name]);
        }
      }
    });
  const { definitions: _defs, ...root } = schema;
  visit(root);
  for (const name of Object.keys(defs)) if (!seen.has(name)) delete defs[name];
}

function walk(node: unknown, fn: (n: Json) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, fn));
  else if (node && typeof node === 'object') {
    fn(node as Json);
    for (const v of Object.values(node)) walk(v, fn);
  }
}

function refName(ref: string): string {
  return decodeURIComponent(ref.slice(REF.length));
}

function eq(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
