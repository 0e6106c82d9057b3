// Our generated DCS and ODPS schemas (schemas/dcs.schema.json, schemas/odps.schema.json) against the
// official ones and the standards' own examples in the shared conformance corpus:
//   - every official ODPS example validates;
//   - the DCS files of datacontract-cli's lint fixtures validate or not as their names say;
//   - every DCS file of the breaking-change fixtures validates;
//   - seeded, deterministic mutations of those examples (and of one richer document per format,
//     written here to reach servers, quality checks, lineage, service levels…) get the same
//     accept/reject verdict from our schema as from the official schema. Deliberate differences
//     are listed, with the reason, in dcs-odps-known-disagreements.ts.
// The corpus lives outside the repository (../shared); without it the test skips.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { CORE_SCHEMA, load } from 'js-yaml';
import { needsCorpus } from '../corpus';
import { KNOWN_DISAGREEMENTS } from './dcs-odps-known-disagreements';

const repoRoot = path.resolve(__dirname, '..', '..');
const shared = path.resolve(repoRoot, '..', 'shared');
const corpus = path.join(shared, 'conformance');
const SKIP = needsCorpus(
  "that our DCS and ODPS schemas give the official schemas' verdicts on the official examples, the fixtures and seeded mutations",
);

/**
 * Mutations per format. The PRNG stream is fixed, so a larger count only appends mutations:
 * PACTLINE_MUTATION_SCALE=20 runs a 20× longer sweep with the same first 150.
 */
const SCALE = Math.max(1, Number(process.env.PACTLINE_MUTATION_SCALE) || 1);
const MUTATIONS = { dcs: 200 * SCALE, odps: 200 * SCALE };
/** The DCS versions Pactline validates, each against its own official schema. */
const DCS_VERSIONS = ['1.1.0', '1.2.0', '1.2.1'] as const;
type DcsVersion = (typeof DCS_VERSIONS)[number];
const SEED = 0x5eed_d0c5;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Format = 'dcs' | 'odps';
type Verdict = 'accept' | 'reject';
interface Seed {
  name: string;
  value: Json;
}

function readYaml(file: string): Json {
  return load(fs.readFileSync(file, 'utf8'), { schema: CORE_SCHEMA }) as Json;
}

function compile(draft: '2019-09' | 'draft-07', schema: object): ValidateFunction {
  const ajv =
    draft === 'draft-07'
      ? new Ajv({ strict: false, allErrors: true })
      : new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

function loadValidators() {
  const json = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as object;
  return {
    dcs: {
      ours: compile('draft-07', json(path.join(repoRoot, 'schemas', 'dcs.schema.json'))),
      official: compile(
        'draft-07',
        json(path.join(corpus, 'schemas', 'datacontract-specification-v1.2.1.schema.json')),
      ),
    },
    odps: {
      ours: compile('2019-09', json(path.join(repoRoot, 'schemas', 'odps.schema.json'))),
      official: compile('2019-09', json(path.join(corpus, 'schemas', 'odps-json-schema-v1.0.0.json'))),
    },
  };
}

function verdict(validate: ValidateFunction, value: Json): Verdict {
  return validate(structuredClone(value)) ? 'accept' : 'reject';
}

function errorsOf(validate: ValidateFunction, value: Json): string {
  validate(value);
  return (validate.errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '/'} ${e.message}`)
    .join('; ');
}

const isDcs = (v: Json): v is { [key: string]: Json } => isObject(v) && 'dataContractSpecification' in v;
function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const yamlFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();

// ---------------------------------------------------------------------------------------------
// The checked-in examples

test('every official ODPS example validates against our ODPS schema', { skip: SKIP }, () => {
  const v = loadValidators();
  const dir = path.join(corpus, 'odps', 'valid');
  const files = yamlFiles(dir);
  assert.ok(files.length > 0, `no ODPS examples in ${dir}`);
  for (const file of files) {
    const doc = readYaml(path.join(dir, file));
    assert.equal(verdict(v.odps.ours, doc), 'accept', `${file}: ${errorsOf(v.odps.ours, doc)}`);
  }
  console.log(`ODPS examples accepted: ${files.length}`);
});

test('the DCS lint fixtures validate or not as their names say', { skip: SKIP }, () => {
  const v = loadValidators();
  const dir = path.join(corpus, 'dcs', 'lint');
  let checked = 0;
  for (const file of yamlFiles(dir)) {
    const doc = readYaml(path.join(dir, file));
    if (!isDcs(doc)) continue; // the ODCS fixtures of the same folder belong to the ODCS checks
    const ours = verdict(v.dcs.ours, doc);
    // Files named neither valid_* nor invalid_* (custom_*) are checked against the official verdict.
    const expected: Verdict = file.startsWith('valid_')
      ? 'accept'
      : file.startsWith('invalid_')
        ? 'reject'
        : verdict(v.dcs.official, doc);
    assert.equal(
      ours,
      expected,
      `${file}: expected ${expected}, ours says ${ours}${ours === 'reject' ? `: ${errorsOf(v.dcs.ours, doc)}` : ''}`,
    );
    checked++;
  }
  assert.ok(checked >= 4, `expected the DCS lint fixtures in ${dir}, found ${checked}`);
  console.log(`DCS lint fixtures checked: ${checked}`);
});

test('every DCS file of the breaking-change fixtures validates', { skip: SKIP }, () => {
  const v = loadValidators();
  const dir = path.join(corpus, 'dcs', 'breaking-pairs');
  let checked = 0;
  for (const file of yamlFiles(dir)) {
    const doc = readYaml(path.join(dir, file));
    if (!isDcs(doc)) continue;
    assert.equal(verdict(v.dcs.ours, doc), 'accept', `${file}: ${errorsOf(v.dcs.ours, doc)}`);
    checked++;
  }
  assert.ok(checked > 0, `no DCS files in ${dir}`);
  console.log(`DCS breaking-change fixtures accepted: ${checked}`);
});

// ---------------------------------------------------------------------------------------------
// Mutations

/** Richer DCS document than the fixtures, so that mutations reach every server type, quality kind, lineage… */
const RICH_DCS = `
dataContractSpecification: 1.2.1
id: urn:datacontract:fulfilment:shipments
info:
  title: Shipments
  version: 3.1.0
  status: active
  description: One record per parcel handed to a carrier.
  owner: Fulfilment Team
  contact: { name: Fulfilment Data, url: 'https://chat.example.com/fulfilment', email: fulfilment-data@example.com }
servers:
  warehouse: { type: postgres, host: pg.internal, port: 5432, database: logistics, schema: public, environment: prod, roles: [{ name: reader, description: read only }] }
  lake: { type: s3, location: 's3://acme-shipments/v3/shipments.json', endpointUrl: 'https://minio.example.com', format: json, delimiter: new_line }
  drop: { type: sftp, location: 'sftp://files.example.com/out/shipments.csv', format: csv }
  bq: { type: bigquery, project: acme-analytics, dataset: shipments }
  rs: { type: redshift, account: '123456789012', database: dwh, schema: fulfilment, port: 5439, clusterIdentifier: dwh-eu }
  adls: { type: azure, location: 'abfss://shipments/v3/data.parquet', format: parquet }
  mssql: { type: sqlserver, host: sql.internal, port: 1433, database: logistics, schema: dbo }
  snow: { type: snowflake, account: acme-eu1, database: LOGISTICS, schema: SHIPMENTS }
  dbx: { type: databricks, host: dbc-1.cloud.databricks.com, catalog: main, schema: shipments }
  df: { type: dataframe }
  catalog: { type: glue, account: '1234-5678-9012', database: shipments, location: 's3://acme-shipments/glue', format: parquet }
  ora: { type: oracle, host: ora.internal, port: 1521, serviceName: LOGI }
  events: { type: kafka, host: 'broker-1.example.com:9092', topic: shipments.v3, format: avro }
  ps: { type: pubsub, project: acme-events, topic: shipments }
  stream: { type: kinesis, stream: shipments, region: eu-central-1, format: json }
  adhoc: { type: trino, host: trino.internal, port: 8080, catalog: hive, schema: shipments }
  olap: { type: clickhouse, host: ch.internal, port: 8123, database: logistics }
  dev: { type: local, path: ./data/shipments.parquet, format: parquet }
  other: { type: athena, description: a type the schema has no variant for }
terms:
  usage: Operational reporting on carrier performance.
  limitations: No personal data may be joined in.
  policies: [{ type: privacy, description: No re-identification., url: 'https://policies.example.com/privacy' }]
  billing: free
  noticePeriod: P1M
models:
  shipments:
    type: table
    title: Shipments
    description: One row per parcel.
    primaryKey: [shipment_id]
    additionalFields: false
    config: { avroNamespace: com.example.shipments, owner: fulfilment }
    examples: [{ shipment_id: S-1, weight_kg: 1.5 }]
    quality:
      - { type: text, description: Every parcel has a carrier. }
      - { type: sql, query: 'SELECT COUNT(*) FROM {model}', dialect: postgres, mustBeGreaterThan: 0, mustBeBetween: [1, 1000000] }
      - { type: library, metric: rowCount, arguments: { column: shipment_id }, mustBe: 10, mustNotBeBetween: [0, 5] }
      - { type: custom, engine: soda, implementation: { type: row_count, must_be_greater_than: 0 } }
    fields:
      shipment_id:
        $ref: '#/definitions/shipment_id'
        type: string
        required: true
        unique: true
        primaryKey: true
        pattern: '^S-[0-9]+$'
        minLength: 3
        maxLength: 20
        links: { spec: 'https://wiki.example.com/shipment-id' }
      status:
        type: string
        enum: [created, in_transit, delivered]
        classification: internal
        tags: [lifecycle]
        quality: [{ type: text, description: Never goes back to created. }]
      weight_kg:
        type: decimal
        precision: 8
        scale: 3
        minimum: 0
        exclusiveMaximum: 1000
        examples: [1.5, 12.25]
        config: { bigqueryType: 'NUMERIC(8, 3)', snowflakeType: 'NUMBER(8,3)' }
      carrier_email:
        type: string
        format: email
        pii: true
        lineage:
          inputFields:
            - namespace: com.example.carriers
              name: carriers_db.contacts
              field: email
              transformations: [{ type: DIRECT, subtype: IDENTITY, description: copied, masking: false }]
      address:
        type: object
        fields:
          street: { type: string }
          geo: { type: record, fields: { lat: { type: double }, lon: { type: double } } }
      scans:
        type: array
        items: { type: struct, fields: { at: { type: timestamp_tz, required: true }, place: { type: string } } }
      labels:
        type: map
        keys: { type: string }
        values: { type: string, maxLength: 64 }
definitions:
  shipment_id:
    title: Shipment ID
    type: string
    description: Identifier printed on the parcel label.
    pattern: '^S-[0-9]+$'
    precision: 10
    examples: [S-1001]
    tags: [ids]
    links: { glossary: 'https://glossary.example.com/shipment-id' }
  fulfilment/parcel:
    type: object
    fields: { id: { type: string }, sizes: { type: array, items: { type: int } } }
servicelevels:
  availability: { description: Business hours., percentage: 99.5% }
  retention: { description: Two years., period: P2Y, unlimited: false, timestampField: shipments.created_at }
  latency: { threshold: 1h, sourceTimestampField: shipments.created_at, processedTimestampField: shipments.loaded_at }
  freshness: { threshold: 2h, timestampField: shipments.created_at }
  frequency: { type: batch, interval: hourly, cron: '0 * * * *' }
  support: { time: 24/7, responseTime: 1h }
  backup: { interval: daily, cron: '0 2 * * *', recoveryTime: 4 hours, recoveryPoint: 1 day }
links:
  dashboard: 'https://bi.example.com/shipments'
tags: [fulfilment, logistics]
`;

/** Richer ODPS document than the examples, reaching every object of the standard. */
const RICH_ODPS = `
apiVersion: v1.0.0
kind: DataProduct
id: 0b7c7a7e-3f38-4a8e-9a57-2d1b1f7a9c10
name: Shipment Insights
version: 2.1.0
status: active
domain: fulfilment
tenant: Acme
authoritativeDefinitions: [{ type: businessDefinition, url: 'https://wiki.example.com/shipments', description: glossary entry }]
description:
  purpose: Carrier performance per day.
  limitations: Aggregated, no parcel-level data.
  usage: Dashboards and monthly carrier reviews.
  authoritativeDefinitions: [{ type: tutorial, url: 'https://learn.example.com/shipments' }]
  customProperties: [{ property: reviewCycle, value: monthly }]
customProperties: [{ property: costCenter, value: CC-42, description: who pays }, { property: tiers, value: [gold, silver] }]
tags: [fulfilment]
inputPorts:
  - { name: shipments, version: 3.1.0, contractId: urn:datacontract:fulfilment:shipments, tags: [raw], customProperties: [{ property: sla, value: 1h }], authoritativeDefinitions: [{ type: implementation, url: 'https://git.example.com/ingest' }] }
outputPorts:
  - name: carrier-daily
    description: Daily carrier KPIs.
    type: tables
    version: 2.0.0
    contractId: urn:datacontract:fulfilment:carrier-daily
    sbom: [{ type: external, url: 'https://sbom.example.com/carrier-daily/2.0.0' }]
    inputContracts: [{ id: urn:datacontract:fulfilment:shipments, version: 3.1.0 }]
    tags: [kpi]
    customProperties: [{ property: refresh, value: daily }]
    authoritativeDefinitions: [{ type: implementation, url: 'https://git.example.com/kpis' }]
managementPorts:
  - { name: metrics, content: observability, type: rest, url: 'https://api.example.com/shipment-insights/metrics', description: health and freshness, tags: [ops], customProperties: [{ property: auth, value: oauth }], authoritativeDefinitions: [{ type: implementation, url: 'https://git.example.com/metrics' }] }
  - { name: changes, content: dictionary, type: topic, channel: shipment-insights.changes }
support:
  - { channel: '#shipment-insights', url: 'https://acme.slack.com/archives/C42', description: questions, tool: slack, scope: interactive, invitationUrl: 'https://acme.slack.com/join/C42', tags: [help], customProperties: [{ property: hours, value: 9-17 }], authoritativeDefinitions: [{ type: tutorial, url: 'https://wiki.example.com/support' }] }
team:
  name: Fulfilment Analytics
  description: Builds the carrier KPIs.
  tags: [analytics]
  customProperties: [{ property: slack, value: '#fa' }]
  authoritativeDefinitions: [{ type: businessDefinition, url: 'https://wiki.example.com/fa' }]
  members:
    - { username: ana@example.com, name: Ana, description: owner, role: owner, dateIn: '2023-04-01', tags: [lead], customProperties: [{ property: location, value: Lisbon }], authoritativeDefinitions: [{ type: businessDefinition, url: 'https://people.example.com/ana' }] }
    - { username: bo@example.com, role: data steward, dateIn: '2023-05-01', dateOut: '2024-06-30', replacedByUsername: ana@example.com }
productCreatedTs: '2023-04-01T08:00:00Z'
`;

/**
 * remove-key: drop a key (mostly one the official schema requires); wrong-type: replace a value by one
 * of another JSON type; invalid-value: replace a string the official schema restricts (enum, const,
 * pattern, format) by one it does not allow; unknown-key: add a key that no schema declares.
 */
type Kind = 'remove-key' | 'wrong-type' | 'invalid-value' | 'unknown-key';
const KINDS: Kind[] = ['remove-key', 'wrong-type', 'invalid-value', 'unknown-key'];
type Segment = string | number;
interface Node {
  path: Segment[];
  value: Json;
}
interface Mutation {
  id: string;
  doc: Json;
}

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * A DCS 1.2.1 seed as a document of an older version, valid there: library checks name a `rule`
 * (not a `metric`); 1.1.0 also lacks ClickHouse servers, free server types and `additionalFields`.
 */
function asDcsVersion(value: Json, version: DcsVersion): Json {
  const doc = structuredClone(value) as { [key: string]: Json };
  doc.dataContractSpecification = version;
  if (version === '1.2.1') return doc;
  const visit = (node: Json): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (isObject(node)) {
      if (node.type === 'library' && typeof node.metric === 'string') {
        node.rule = node.metric;
        delete node.metric;
        delete node.arguments;
      }
      if (version === '1.1.0') delete node.additionalFields;
      Object.values(node).forEach(visit);
    }
  };
  visit(doc);
  if (version === '1.1.0' && isObject(doc.servers)) {
    for (const [name, server] of Object.entries(doc.servers)) {
      if (isObject(server) && (server.type === 'clickhouse' || server.type === 'athena')) delete doc.servers[name];
    }
  }
  return doc;
}

/** Real-world DCS files of `version` that its official schema accepts (../shared/conformance/realworld). */
function realWorldDcs(version: DcsVersion): Seed[] {
  const dir = path.join(corpus, 'realworld');
  const manifest = path.join(dir, 'MANIFEST.json');
  if (!fs.existsSync(manifest)) return [];
  const files = (
    JSON.parse(fs.readFileSync(manifest, 'utf8')) as {
      files: { local: string; kind: string; declared_version: string; verdict: string }[];
    }
  ).files;
  return files
    .filter((f) => f.kind === 'dcs' && f.declared_version === version && f.verdict === 'valid')
    .map((f) => ({ name: `realworld/${f.local}`, value: readYaml(path.join(dir, f.local)) }));
}

/** mulberry32: small, fast, and the same sequence on every platform. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function nodes(value: Json, at: Segment[] = []): Node[] {
  const out: Node[] = [{ path: at, value }];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...nodes(v, [...at, i])));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) out.push(...nodes(v, [...at, k]));
  return out;
}

const pointer = (p: Segment[]) => '/' + p.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function parentOf(doc: Json, p: Segment[]): Json {
  let node = doc;
  for (const s of p.slice(0, -1)) node = (node as Record<string | number, Json>)[s];
  return node;
}

type PropertySchema = { enum?: unknown; const?: unknown; pattern?: unknown; format?: unknown; $ref?: unknown };
/**
 * Names of properties whose string values the official schema restricts somewhere (enum, const,
 * pattern, format, or the DCS field type list), found by walking it.
 */
function restrictedKeys(schema: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((s) => restrictedKeys(s, out));
  else if (typeof schema === 'object' && schema !== null) {
    const props = (schema as { properties?: Record<string, PropertySchema> }).properties;
    if (props && typeof props === 'object') {
      for (const [k, p] of Object.entries(props)) {
        if (
          p &&
          (p.enum ||
            p.const !== undefined ||
            p.pattern ||
            p.format ||
            (typeof p.$ref === 'string' && /FieldType/.test(p.$ref)))
        )
          out.add(k);
      }
    }
    for (const v of Object.values(schema)) restrictedKeys(v, out);
  }
  return out;
}

const pick = <T>(rand: () => number, items: T[]): T | undefined => items[Math.floor(rand() * items.length)];

/** Picks uniformly a depth, then uniformly a candidate of that depth, so deep and shallow nodes both get mutated. */
function pickByDepth<T extends { path: Segment[] }>(rand: () => number, candidates: T[]): T | undefined {
  if (!candidates.length) return undefined;
  const depths = [...new Set(candidates.map((c) => c.path.length))].sort((a, b) => a - b);
  const depth = depths[Math.floor(rand() * depths.length)];
  const atDepth = candidates.filter((c) => c.path.length === depth);
  return atDepth[Math.floor(rand() * atDepth.length)];
}

function wrongTypeFor(value: Json): Json {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return 'not-a-number';
  if (typeof value === 'boolean') return 'true';
  if (value === null) return 7;
  if (Array.isArray(value)) return { unexpected: 'mapping' };
  return ['unexpected', 'list'];
}

function mutate(
  rand: () => number,
  seed: Seed,
  kind: Kind,
  restricted: Set<string>,
  official: ValidateFunction,
): Mutation | undefined {
  const doc = structuredClone(seed.value);
  const all = nodes(doc);
  const keyed = all.filter((n) => n.path.length > 0 && typeof n.path[n.path.length - 1] === 'string');
  switch (kind) {
    case 'remove-key': {
      // Mostly keys the official schema requires (removing them must be rejected), sometimes any key.
      const required = keyed.filter((n) => {
        const probe = structuredClone(seed.value);
        delete (parentOf(probe, n.path) as Record<string, Json>)[n.path[n.path.length - 1] as string];
        return !official(probe);
      });
      const target = rand() < 0.7 && required.length ? pick(rand, required) : pickByDepth(rand, keyed);
      if (!target) return undefined;
      delete (parentOf(doc, target.path) as Record<string, Json>)[target.path[target.path.length - 1] as string];
      return { id: `${seed.name}|remove-key|${pointer(target.path)}`, doc };
    }
    case 'wrong-type': {
      const target = pickByDepth(
        rand,
        all.filter((n) => n.path.length > 0),
      );
      if (!target) return undefined;
      const replacement = wrongTypeFor(target.value);
      (parentOf(doc, target.path) as Record<string | number, Json>)[target.path[target.path.length - 1]] = replacement;
      return { id: `${seed.name}|wrong-type|${pointer(target.path)}|${JSON.stringify(replacement)}`, doc };
    }
    case 'invalid-value': {
      const strings = keyed.filter((n) => typeof n.value === 'string');
      const restrictedStrings = strings.filter((n) => restricted.has(n.path[n.path.length - 1] as string));
      // Mostly values the official schema restricts; the others check that free text stays free.
      const target =
        rand() < 0.7 && restrictedStrings.length ? pick(rand, restrictedStrings) : pickByDepth(rand, strings);
      if (!target) return undefined;
      // Not in any list, no URL, e-mail, date or `sftp://` prefix, no `%` sign: breaks every restriction.
      (parentOf(doc, target.path) as Record<string, Json>)[target.path[target.path.length - 1] as string] =
        `not a valid ${target.value as string}`;
      return { id: `${seed.name}|invalid-value|${pointer(target.path)}`, doc };
    }
    case 'unknown-key': {
      const objects = all.filter((n) => isObject(n.value));
      const target = pickByDepth(rand, objects);
      if (!target) return undefined;
      // A third of the time a key that no map key pattern allows (space, dot). The value copies a
      // sibling's, so that in a map (models, servers, fields…) only the key itself can be wrong.
      const key = rand() < 0.33 ? 'bad key.name' : 'xUnknownKey';
      const siblings = Object.values(target.value as Record<string, Json>);
      (target.value as Record<string, Json>)[key] = siblings.length ? structuredClone(siblings[0]) : 'surprise';
      return { id: `${seed.name}|unknown-key|${pointer(target.path)}|${key}`, doc };
    }
  }
}

interface Outcome {
  id: string;
  ours: Verdict;
  official: Verdict;
}

function runMutations(
  format: string,
  seeds: Seed[],
  count: number,
  ours: ValidateFunction,
  official: ValidateFunction,
  officialSchema: unknown,
): Outcome[] {
  // 'dcs' (1.2.1) and 'odps' keep the streams they always had; an older DCS version gets its own.
  const rand = prng(SEED ^ (format === 'dcs' ? 0xdc5 : format === 'odps' ? 0x0d95 : hashOf(format)));
  const restricted = restrictedKeys(officialSchema);
  const seen = new Set<string>();
  const outcomes: Outcome[] = [];
  for (let attempt = 0; outcomes.length < count && attempt < count * 20; attempt++) {
    const kind = KINDS[outcomes.length % KINDS.length];
    // Three quarters of the mutations go to the richer document (last seed), which reaches far more of
    // the schema than the small fixtures (no servers, quality checks or service levels in those).
    const seed = rand() < 0.75 ? seeds[seeds.length - 1] : seeds[Math.floor(rand() * (seeds.length - 1))];
    const m = mutate(rand, seed, kind, restricted, official);
    if (!m || seen.has(m.id)) continue;
    seen.add(m.id);
    outcomes.push({ id: `${format}:${m.id}`, ours: verdict(ours, m.doc), official: verdict(official, m.doc) });
  }
  // A long sweep may exhaust the distinct mutations of the small seeds; the default run may not.
  if (SCALE === 1)
    assert.equal(outcomes.length, count, `${format}: could only build ${outcomes.length} distinct mutations`);
  return outcomes;
}

function seedsFrom(dirs: string[], keep: (v: Json) => boolean, rich: string, richName: string): Seed[] {
  const seeds: Seed[] = [];
  for (const dir of dirs) {
    for (const file of yamlFiles(path.join(corpus, dir))) {
      const value = readYaml(path.join(corpus, dir, file));
      if (keep(value) && !file.startsWith('invalid')) seeds.push({ name: `${dir}/${file}`, value });
    }
  }
  seeds.push({ name: richName, value: load(rich, { schema: CORE_SCHEMA }) as Json });
  return seeds;
}

/**
 * Hand-written edge cases that random mutations rarely reach: the rules that hang on a variant's
 * `type`, map key patterns, empty maps, duplicates, integer-only numbers, versions.
 */
function targetedCases(): { id: string; format: Format; doc: Json }[] {
  const dcs = (extra: { [key: string]: Json }): Json => ({
    dataContractSpecification: '1.2.1',
    id: 'c',
    info: { title: 't', version: '1.0.0' },
    ...extra,
  });
  const quality = (q: { [key: string]: Json }): Json => dcs({ models: { m: { quality: [q] } } });
  const server = (s: { [key: string]: Json }): Json => dcs({ servers: { s } });
  const odps = (extra: { [key: string]: Json }): Json => ({
    apiVersion: 'v1.0.0',
    kind: 'DataProduct',
    id: 'p',
    status: 'active',
    ...extra,
  });
  const cases: [string, Format, Json][] = [
    [
      'quality without type, all four variant keys',
      'dcs',
      quality({ description: 'd', query: 'q', metric: 'm', engine: 'e' }),
    ],
    ['quality without type, description only', 'dcs', quality({ description: 'd' })],
    ['text quality without description', 'dcs', quality({ type: 'text' })],
    ['sql quality without query', 'dcs', quality({ type: 'sql', mustBe: 1 })],
    ['sql quality with a text threshold', 'dcs', quality({ type: 'sql', query: 'q', mustBe: 'x' })],
    ['sql quality, equal bounds', 'dcs', quality({ type: 'sql', query: 'q', mustBeBetween: [1, 1] })],
    ['library quality, equal bounds', 'dcs', quality({ type: 'library', metric: 'rowCount', mustBeBetween: [1, 1] })],
    ['library quality with a text threshold', 'dcs', quality({ type: 'library', metric: 'rowCount', mustBe: 'x' })],
    ['library quality, null argument', 'dcs', quality({ type: 'library', metric: 'rowCount', arguments: { a: null } })],
    ['custom quality without engine', 'dcs', quality({ type: 'custom', implementation: 'x' })],
    ['custom quality, numeric implementation', 'dcs', quality({ type: 'custom', engine: 'soda', implementation: 5 })],
    ['text quality with a text threshold', 'dcs', quality({ type: 'text', description: 'd', mustBeGreaterThan: 'x' })],
    ['postgres server without port', 'dcs', server({ type: 'postgres', host: 'h', database: 'd', schema: 's' })],
    [
      'postgres server, fractional port',
      'dcs',
      server({ type: 'postgres', host: 'h', port: 54.32, database: 'd', schema: 's' }),
    ],
    ['azure server without format', 'dcs', server({ type: 'azure', location: 'abfss://c/p' })],
    ['sftp server, non-sftp location', 'dcs', server({ type: 'sftp', location: 'https://example.com/x' })],
    ['s3 server, unknown format', 'dcs', server({ type: 's3', location: 's3://b/k', format: 'avro' })],
    ['kafka server, text port (not a kafka key)', 'dcs', server({ type: 'kafka', host: 'h', topic: 't', port: 'x' })],
    ['server of an unknown type', 'dcs', server({ type: 'athena' })],
    ['server without type', 'dcs', server({ host: 'h' })],
    ['dataframe server', 'dcs', server({ type: 'dataframe' })],
    ['empty models', 'dcs', dcs({ models: {} })],
    ['empty links', 'dcs', dcs({ links: {} })],
    ['link that is not a URL', 'dcs', dcs({ links: { wiki: 'not a url' } })],
    ['model key with a slash', 'dcs', dcs({ models: { 'a/b': {} } })],
    ['definition key with a slash', 'dcs', dcs({ definitions: { 'a/b': { type: 'string' } } })],
    ['definition without type', 'dcs', dcs({ definitions: { d: { title: 'x' } } })],
    ['definition, fractional precision', 'dcs', dcs({ definitions: { d: { type: 'decimal', precision: 1.5 } } })],
    [
      'field, fractional precision',
      'dcs',
      dcs({ models: { m: { fields: { f: { type: 'decimal', precision: 1.5 } } } } }),
    ],
    ['field, duplicate enum values', 'dcs', dcs({ models: { m: { fields: { f: { enum: ['a', 'a'] } } } } })],
    ['field config with null', 'dcs', dcs({ models: { m: { fields: { f: { config: { x: null } } } } } })],
    [
      'nested items without type',
      'dcs',
      dcs({ models: { m: { fields: { f: { type: 'array', items: { fields: { g: { type: 'nope' } } } } } } } }),
    ],
    ['availability without % sign', 'dcs', dcs({ servicelevels: { availability: { percentage: '99.9' } } })],
    ['frequency of an unknown type', 'dcs', dcs({ servicelevels: { frequency: { type: 'hourly' } } })],
    ['specification 0.9.3', 'dcs', dcs({ dataContractSpecification: '0.9.3' })],
    ['specification 1.3.0', 'dcs', dcs({ dataContractSpecification: '1.3.0' })],
    ['ODPS v1.1.0', 'odps', odps({ apiVersion: 'v1.1.0' })],
    ['ODPS custom property without value', 'odps', odps({ customProperties: [{ property: 'p' }] })],
    ['ODPS custom property with null value', 'odps', odps({ customProperties: [{ property: 'p', value: null }] })],
    ['ODPS member, bad date', 'odps', odps({ team: { members: [{ username: 'u', dateIn: '2024-13-01' }] } })],
    ['ODPS output port without version', 'odps', odps({ outputPorts: [{ name: 'o' }] })],
    [
      'ODPS SBOM without url',
      'odps',
      odps({ outputPorts: [{ name: 'o', version: '1', sbom: [{ type: 'external' }] }] }),
    ],
    ['ODPS creation time without zone', 'odps', odps({ productCreatedTs: '2024-01-01T10:00:00' })],
  ];
  return cases.map(([name, format, doc]) => ({ id: `${format}:targeted|${name}`, format, doc }));
}

test(
  'seeded mutations and edge cases get the same verdict from our DCS/ODPS schemas as from the official ones',
  { skip: SKIP },
  () => {
    const v = loadValidators();
    const officialDcs = JSON.parse(
      fs.readFileSync(path.join(corpus, 'schemas', 'datacontract-specification-v1.2.1.schema.json'), 'utf8'),
    );
    const officialOdps = JSON.parse(
      fs.readFileSync(path.join(corpus, 'schemas', 'odps-json-schema-v1.0.0.json'), 'utf8'),
    );
    const dcsSeeds = seedsFrom(['dcs/lint', 'dcs/breaking-pairs'], isDcs, RICH_DCS, 'rich-dcs');
    const odpsSeeds = seedsFrom(['odps/valid'], () => true, RICH_ODPS, 'rich-odps');
    // Each older DCS version: the same seeds rewritten to it, plus its real-world files; the rich
    // document stays last (runMutations gives it most of the mutations).
    const olderDcs = DCS_VERSIONS.filter((ver) => ver !== '1.2.1').map((ver) => {
      const seeds = [
        ...dcsSeeds.slice(0, -1).map((sd) => ({ name: sd.name, value: asDcsVersion(sd.value, ver) })),
        ...realWorldDcs(ver),
        { name: 'rich-dcs', value: asDcsVersion(dcsSeeds[dcsSeeds.length - 1].value, ver) },
      ];
      const officialSchema = JSON.parse(
        fs.readFileSync(path.join(corpus, 'schemas', `datacontract-specification-v${ver}.schema.json`), 'utf8'),
      );
      return {
        format: `dcs-${ver}`,
        seeds,
        officialSchema,
        ours: compile(
          'draft-07',
          JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', `dcs-${ver}.schema.json`), 'utf8')),
        ),
        official: compile('draft-07', officialSchema),
      };
    });

    // The seeds themselves: both schemas must accept every one.
    const seedSets = [
      { format: 'dcs', seeds: dcsSeeds, ...v.dcs },
      { format: 'odps', seeds: odpsSeeds, ...v.odps },
      ...olderDcs,
    ];
    for (const set of seedSets) {
      for (const seed of set.seeds) {
        assert.equal(
          verdict(set.official, seed.value),
          'accept',
          `${set.format} seed ${seed.name} is rejected by the official schema: ${errorsOf(set.official, seed.value)}`,
        );
        assert.equal(
          verdict(set.ours, seed.value),
          'accept',
          `${set.format} seed ${seed.name} is rejected by ours: ${errorsOf(set.ours, seed.value)}`,
        );
      }
    }

    const targeted = targetedCases().map((c) => ({
      id: c.id,
      ours: verdict(v[c.format].ours, c.doc),
      official: verdict(v[c.format].official, c.doc),
    }));
    const outcomes = [
      ...runMutations('dcs', dcsSeeds, MUTATIONS.dcs, v.dcs.ours, v.dcs.official, officialDcs),
      ...olderDcs.flatMap((o) => runMutations(o.format, o.seeds, MUTATIONS.dcs, o.ours, o.official, o.officialSchema)),
      ...runMutations('odps', odpsSeeds, MUTATIONS.odps, v.odps.ours, v.odps.official, officialOdps),
      ...targeted,
    ];
    const disagreements = outcomes.filter((o) => o.ours !== o.official);
    const known = new Map(KNOWN_DISAGREEMENTS.map((k) => [k.id, k]));
    const unexpected = disagreements.filter((d) => {
      const k = known.get(d.id);
      return !k || k.ours !== d.ours || k.official !== d.official;
    });
    const observed = new Set(disagreements.map((d) => d.id));
    const stale = KNOWN_DISAGREEMENTS.filter((k) => !observed.has(k.id));

    const count = (f: (o: Outcome) => boolean) => outcomes.filter(f).length;
    console.log(`seeds: ${seedSets.map((set) => `${set.seeds.length} ${set.format}`).join(', ')}`);
    for (const format of ['dcs', ...olderDcs.map((o) => o.format), 'odps']) {
      const mine = (o: Outcome) => o.id.startsWith(format + ':') && !o.id.includes(':targeted|');
      const byKind = KINDS.map((k) => `${k} ${count((o) => mine(o) && o.id.includes(`|${k}|`))}`).join(', ');
      console.log(
        `${format} mutations: ${count(mine)} (${byKind}); official rejects ${count((o) => mine(o) && o.official === 'reject')}, accepts ${count((o) => mine(o) && o.official === 'accept')}`,
      );
    }
    console.log(
      `targeted edge cases: ${targeted.length} (official rejects ${targeted.filter((o) => o.official === 'reject').length})`,
    );
    console.log(
      `disagreements: ${disagreements.length} (${disagreements.length - unexpected.length} known, ${unexpected.length} unexpected); known entries no longer occurring: ${stale.length}`,
    );

    assert.deepEqual(
      unexpected.map((d) => `${d.id}: ours ${d.ours}, official ${d.official}`),
      [],
      'disagreements not listed in dcs-odps-known-disagreements.ts',
    );
    assert.deepEqual(
      stale.map((k) => k.id),
      [],
      'listed disagreements that no longer occur: remove them from dcs-odps-known-disagreements.ts',
    );
  },
);
