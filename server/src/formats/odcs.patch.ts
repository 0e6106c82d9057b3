// What the ODCS types in odcs.ts cannot say, added to the generated schema: rules that depend on
// a discriminator (server `type`, quality `type`, `logicalType`), "exactly one threshold", and
// the trimming of v3.2.0-only members for the v3.1 target. Each step mirrors a rule of the
// official ODCS JSON Schema; test/conformance/odcs-agreement.test.ts checks that both agree.
import type { SchemaPatch } from './targets';

type Json = Record<string, any>;

const REF = '#/definitions/';

export const patchOdcsSchema: SchemaPatch = (schema) => {
  const defs = schema.definitions as Record<string, Json>;
  const apiVersion = (schema.properties as Json).apiVersion;
  const v32 = (apiVersion.enum ?? [apiVersion.const]).includes('v3.2.0');

  discriminate(defs, 'Server', 'type');
  discriminate(defs, 'DataQuality', 'type');
  libraryIsTheDefaultQualityType(defs);
  exactlyOneThreshold(defs, ['LibraryQualityCheck', 'SqlQualityCheck']);
  logicalTypeRules(defs, ['SchemaProperty', 'SchemaPropertyBase'], v32);
  relationshipEndsMatch(defs);
  if (!v32) trimToV31(schema, defs);
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
  const sharedRequired: string[] = (first.required ?? []).filter((r: string) => variants.every((v) => v.required?.includes(r)));
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

/** Drops definitions nothing points to any more (v3.2.0-only types, empty variants). */
function pruneUnreferenced(schema: Json): void {
  const defs = schema.definitions as Record<string, Json>;
  const seen = new Set<string>();
  const visit = (node: Json) => walk(node, (n) => {
    if (typeof n.$ref === 'string' && n.$ref.startsWith(REF)) {
      const name = refName(n.$ref);
      if (!seen.has(name)) { seen.add(name); visit(defs[name]); }
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
