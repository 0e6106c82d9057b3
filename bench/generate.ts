// Deterministic corpus generator for the lint benchmark (bench/lint.bench.ts).
//
//   node --import tsx bench/generate.ts [OUT_DIR] [--contracts 1000] [--properties 20]
//        [--big-properties 5000] [--pipelines 12] [--products 8] [--mistakes 0] [--hot-readers 0] [--seed 42]
//        [--no-verify]
//
// Writes, under OUT_DIR (default bench/out/corpus, git-ignored):
//   workspace/contracts/<domain>/<id>.odcs.yaml   N ODCS v3.1.0 contracts, P properties each
//   workspace/pipelines/<id>.pipeline.yaml        pipelines reading raw and writing curated contracts
//   workspace/products/<name>.odps.yaml           ODPS v1.0.0 products with ports on those contracts
//   big/big-<M>.odcs.yaml                         one contract with M properties in one schema object
//   manifest.json                                 sizes, line counts, the options and any deliberate mistakes
//
// The same options and seed give byte-identical files. Unless --no-verify, every file is read back with
// both `yaml` and `js-yaml` (the two must agree with the model that was serialised) and validated
// against the official schema (ODCS v3.1.0, ODPS v1.0.0) or the project's schemas/pipeline.schema.json;
// files that carry a deliberate mistake are expected to fail, every other file to pass.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { isPersonal } from '../server/src/engine/lineage/model';
import { cronMaxGap, parseDuration } from '../server/src/engine/lineage/time';

const REPO = resolve(__dirname, '..');
export const ODCS_SCHEMA = join(REPO, '..', 'shared', 'conformance', 'schemas', 'odcs-json-schema-v3.1.0.json');
export const ODPS_SCHEMA = join(REPO, '..', 'shared', 'conformance', 'schemas', 'odps-json-schema-v1.0.0.json');
export const PIPELINE_SCHEMA = join(REPO, 'schemas/pipeline.schema.json');
export const DEFAULT_OUT = join(REPO, 'bench/out/corpus');

export interface GenerateOptions {
  out: string;
  contracts: number;
  properties: number;
  bigProperties: number;
  pipelines: number;
  products: number;
  mistakes: number;
  /** Pipelines that also read one shared raw contract (the language-server workspace benchmark edits it). */
  hotReaders?: number;
  seed: number;
  verify: boolean;
  quiet?: boolean;
}

export const DEFAULTS: GenerateOptions = {
  out: DEFAULT_OUT,
  contracts: 1000,
  properties: 20,
  bigProperties: 5000,
  pipelines: 12,
  products: 8,
  mistakes: 0,
  hotReaders: 0,
  seed: 42,
  verify: true,
};

export interface Mistake {
  file: string;
  kind: string;
  detail: string;
  expect: string;
}

export interface Manifest {
  generator: string;
  options: Omit<GenerateOptions, 'out' | 'verify' | 'quiet'>;
  workspace: string;
  contractsDir: string;
  big: string;
  files: { contracts: number; pipelines: number; products: number };
  /** With --hot-readers N: the shared contract and the pipelines (files) that read it. */
  hot?: { contract: string; file: string; readers: string[] };
  contracts: { bytes: number; lines: number };
  workspaceTotal: { bytes: number; lines: number };
  bigContract: { bytes: number; lines: number; properties: number };
  mistakes: Mistake[];
  verified: boolean;
}

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32) and helpers

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  sample<T>(xs: readonly T[], k: number): T[] {
    const copy = xs.slice();
    const out: T[] = [];
    while (out.length < k && copy.length) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]);
    return out;
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(this.next() * 16).toString(16);
    return s;
  }
  uuid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${this.pick(['8', '9', 'a', 'b'])}${this.hex(3)}-${this.hex(12)}`;
  }
}

const pad = (n: number, w = 4) => String(n).padStart(w, '0');
const title = (s: string) =>
  s
    .split(/[_-]/)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
const date = (r: Rng, y0 = 2021, y1 = 2024) => `${r.int(y0, y1)}-${pad(r.int(1, 12), 2)}-${pad(r.int(1, 28), 2)}`;

// ---------------------------------------------------------------------------------------------
// A tiny block-style YAML emitter: deterministic, readable, quotes everything that could be read as
// something other than a string by YAML 1.1 (js-yaml 3 in ajv-cli) or 1.2 (yaml, js-yaml 4).

type Y = string | number | boolean | null | Y[] | { [k: string]: Y } | Literal;
class Literal {
  constructor(readonly text: string) {}
}
const lit = (text: string) => new Literal(text);

const PLAIN = /^(?:[A-Za-z_/$][A-Za-z0-9_ .,;:#()/@'$%+=<>*|-]*|\d+\.\d+\.\d+)$/;
const RESERVED = /^(y|n|yes|no|on|off|true|false|null|~)$/i;
function scalar(v: string | number | boolean | null): string {
  if (v === null) return 'null';
  if (typeof v !== 'string') return String(v);
  if (
    PLAIN.test(v) &&
    !RESERVED.test(v) &&
    !/\s$/.test(v) &&
    !v.includes(' #') &&
    !v.includes(': ') &&
    !v.endsWith(':')
  )
    return v;
  return JSON.stringify(v);
}
const isScalar = (v: Y): v is string | number | boolean | null => v === null || typeof v !== 'object';

function emit(v: Y, indent: number, out: string[]): void {
  // `v` is a mapping or a sequence at this point; scalars are handled by the caller.
  const sp = ' '.repeat(indent);
  if (Array.isArray(v)) {
    for (const item of v) {
      if (isScalar(item)) out.push(`${sp}- ${scalar(item)}`);
      else if (Array.isArray(item)) {
        out.push(`${sp}-`);
        emit(item, indent + 2, out);
      } else if (item instanceof Literal) {
        out.push(`${sp}- |-`);
        for (const l of item.text.split('\n')) out.push(`${sp}  ${l}`);
      } else {
        const lines: string[] = [];
        emit(item, indent + 2, lines);
        lines[0] = `${sp}- ${lines[0].slice(indent + 2)}`;
        out.push(...lines);
      }
    }
    return;
  }
  for (const [k, val] of Object.entries(v as Record<string, Y>)) {
    const key = scalar(k);
    if (isScalar(val)) out.push(`${sp}${key}: ${scalar(val)}`);
    else if (val instanceof Literal) {
      out.push(`${sp}${key}: |-`);
      for (const l of val.text.split('\n')) out.push(`${sp}  ${l}`);
    } else if (Array.isArray(val) && val.length === 0) out.push(`${sp}${key}: []`);
    else if (
      Array.isArray(val) &&
      val.length <= 5 &&
      val.every((x) => typeof x === 'string' && /^[A-Za-z0-9_.-]+$/.test(x) && !RESERVED.test(x) && !/^[-0-9.]/.test(x))
    ) {
      out.push(`${sp}${key}: [${(val as string[]).join(', ')}]`);
    } else {
      out.push(`${sp}${key}:`);
      emit(val, Array.isArray(val) ? indent + 2 : indent + 2, out);
    }
  }
}
function toYaml(doc: Record<string, Y>, header: string[] = []): string {
  const out: string[] = header.map((h) => `# ${h}`);
  emit(doc, 0, out);
  return out.join('\n') + '\n';
}
/** The plain JS value a YAML parser should give back for a document model. */
function plain(v: Y): unknown {
  if (v instanceof Literal) return v.text;
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const TENANT = 'northwind-threads';
const DOMAINS: Record<string, string[]> = {
  commerce: ['orders', 'order_items', 'carts', 'returns', 'refunds', 'promotions', 'vouchers', 'wishlists'],
  customer: ['customers', 'addresses', 'consents', 'loyalty_accounts', 'segments', 'preferences'],
  payments: ['payments', 'chargebacks', 'settlements', 'payouts', 'payment_methods', 'disputes'],
  logistics: ['shipments', 'parcels', 'carriers', 'deliveries', 'pickups', 'routes', 'depots'],
  inventory: ['stock_levels', 'products', 'skus', 'warehouses', 'purchase_orders', 'suppliers'],
  marketing: ['campaigns', 'email_sends', 'ad_clicks', 'attributions', 'audiences', 'newsletters'],
  finance: ['invoices', 'ledger_entries', 'tax_lines', 'cost_centers', 'budgets', 'fx_rates'],
  support: ['tickets', 'ticket_events', 'chats', 'surveys', 'agents', 'macros'],
  web: ['page_views', 'sessions', 'searches', 'product_views', 'checkouts', 'experiments'],
  people: ['employees', 'positions', 'absences', 'trainings', 'payroll_runs', 'reviews'],
};
const LAYERS = [
  { key: 'raw', label: 'raw CDC', db: 'RAW', wh: 'LOAD_WH', tag: 'bronze' },
  { key: 'validated', label: 'validated', db: 'VALIDATED', wh: 'TRANSFORM_WH', tag: 'silver' },
  { key: 'curated', label: 'curated', db: 'ANALYTICS', wh: 'TRANSFORM_WH', tag: 'gold' },
] as const;
const PEOPLE = [
  'sofia.rossi',
  'daniel.kim',
  'amara.okafor',
  'lukas.meyer',
  'ines.duarte',
  'hiro.tanaka',
  'maja.nowak',
  'omar.haddad',
  'lea.martin',
  'jonas.berg',
  'priya.nair',
  'tomas.novak',
  'eva.lindqvist',
  'mateo.garcia',
  'chloe.dubois',
  'ravi.patel',
];
const ROLES = ['owner', 'data steward', 'analytics engineer', 'data engineer', 'product owner'];
const ATTRS = [
  'status',
  'channel',
  'source',
  'region',
  'category',
  'reason',
  'type',
  'tier',
  'segment',
  'method',
  'provider',
  'brand',
  'stage',
  'priority',
  'language',
  'device',
  'carrier',
  'plan',
  'origin',
  'variant',
];
const MEASURES = [
  'amount',
  'total',
  'net_amount',
  'tax_amount',
  'discount',
  'cost',
  'price',
  'balance',
  'fee',
  'weight_kg',
  'score',
  'margin',
  'duration_seconds',
  'distance_km',
];
const COUNTS = [
  'quantity',
  'item_count',
  'attempt_count',
  'line_number',
  'retry_count',
  'page_count',
  'unit_count',
  'rank',
  'position',
  'version_number',
];
const FLAGS = [
  'is_active',
  'is_deleted',
  'is_test',
  'is_guest',
  'is_flagged',
  'is_refunded',
  'is_primary',
  'has_discount',
  'is_gift',
  'is_b2b',
];
const TIMES = [
  'created_at',
  'updated_at',
  'confirmed_at',
  'cancelled_at',
  'shipped_at',
  'closed_at',
  'processed_at',
  'ingested_at',
  'first_seen_at',
  'last_seen_at',
];
const DATES = ['business_date', 'valid_from', 'valid_to', 'due_date', 'booking_date', 'snapshot_date'];
const PII = ['email', 'phone_number', 'first_name', 'last_name', 'street', 'postal_code', 'date_of_birth', 'iban'];
const CODES = [
  ['country_code', 2, 'DE'],
  ['currency', 3, 'EUR'],
  ['language_code', 2, 'de'],
  ['region_code', 6, 'DE-BE'],
] as const;
const NOTES = [
  '',
  '',
  ' Null until it happens.',
  ' Trimmed and upper-cased at load.',
  ' Do not aggregate across currencies.',
  ' Backfilled for records before 2022.',
  ' See the glossary for the exact definition.',
  ' May change when the source corrects it.',
];
const VERBS = ['Captured', 'Recorded', 'Computed', 'Derived', 'Loaded', 'Copied'];
const WHERE = [
  'in the source system',
  'by the shop backend',
  'at ingestion',
  'by the nightly dbt run',
  'by the streaming job',
  'from the provider webhook',
  'by the ERP export',
];

type Prop = Record<string, Y>;

interface ContractModel {
  i: number;
  id: string;
  domain: string;
  entity: string;
  layer: (typeof LAYERS)[number];
  version: string;
  object: string;
  props: string[];
  types: Record<string, string>;
  file: string;
  doc: Record<string, Y>;
  header: string[];
}

// ---------------------------------------------------------------------------------------------
// One property

function property(
  r: Rng,
  name: string,
  kind: string,
  entity: string,
  objectName: string,
  pk: string,
  lean: boolean,
): Prop {
  const p: Prop = { name };
  const rich = lean ? r.chance(0.95) : r.chance(0.7);
  if (rich && r.chance(0.12)) p.businessName = title(name);
  const desc = () =>
    `${r.pick(VERBS)} ${r.pick(WHERE)}; ${title(name).toLowerCase()} of the ${entity.replace(/_/g, ' ').replace(/s$/, '')}.${r.pick(NOTES)}`;
  let classification = r.pick(['internal', 'internal', 'internal', 'public', 'confidential']);
  let quality: Y[] | undefined;
  let tags: string[] | undefined;
  switch (kind) {
    case 'pk':
      Object.assign(p, {
        logicalType: 'string',
        physicalType: 'varchar(36)',
        required: true,
        primaryKey: true,
        primaryKeyPosition: 1,
        unique: true,
      });
      p.logicalTypeOptions = { format: 'uuid' };
      p.description = `Identifier of the ${entity.replace(/_/g, ' ').replace(/s$/, '')}, a UUID assigned by the source system. Never reused.`;
      quality = [{ metric: 'duplicateValues', mustBe: 0, dimension: 'uniqueness', severity: 'error' }];
      p.criticalDataElement = true;
      break;
    case 'fk':
      Object.assign(p, { logicalType: 'string', physicalType: 'varchar(36)', required: r.chance(0.7) });
      if (rich) p.description = desc();
      if (r.chance(0.35)) p.relationships = [{ to: `${objectName}.${pk}`, type: 'foreignKey' }];
      break;
    case 'attr':
      Object.assign(p, {
        logicalType: 'string',
        physicalType: `varchar(${r.pick([16, 32, 64])})`,
        required: r.chance(0.6),
      });
      if (rich) p.description = desc();
      if (r.chance(0.15)) p.examples = r.sample(['web', 'app', 'store', 'partner', 'b2b', 'marketplace', 'pos'], 2);
      if (r.chance(0.06))
        quality = [
          {
            metric: 'invalidValues',
            mustBe: 0,
            arguments: { validValues: r.sample(['a', 'b', 'c', 'd', 'e'], 3) },
            dimension: 'conformity',
            severity: 'warning',
          },
        ];
      break;
    case 'code': {
      const c = CODES.find((x) => x[0] === name) ?? CODES[0];
      Object.assign(p, { logicalType: 'string', physicalType: `varchar(${c[1]})`, required: true });
      p.logicalTypeOptions = {
        maxLength: c[1],
        pattern: c[1] === 6 ? '^[A-Z]{2}-[A-Z0-9]{1,3}$' : `^[A-Za-z]{${c[1]}}$`,
      };
      if (rich) p.description = `ISO code (${c[1]} characters), e.g. ${c[2]}.`;
      p.examples = [c[2]];
      classification = 'public';
      break;
    }
    case 'pii':
      Object.assign(p, {
        logicalType: name === 'date_of_birth' ? 'date' : 'string',
        physicalType: name === 'date_of_birth' ? 'date' : 'varchar(255)',
        required: false,
      });
      p.description = `Personal data (${name.replace(/_/g, ' ')}); erased within 30 days of an erasure request.`;
      classification = 'restricted';
      tags = ['pii', 'gdpr'];
      if (name === 'email') p.logicalTypeOptions = { format: 'email' };
      break;
    case 'measure':
      Object.assign(p, {
        logicalType: 'number',
        physicalType: r.pick(['decimal(12,2)', 'decimal(18,4)', 'double']),
        required: r.chance(0.7),
      });
      if (rich) p.description = desc();
      if (r.chance(0.25)) p.logicalTypeOptions = { minimum: 0 };
      if (r.chance(0.1))
        quality = [
          {
            type: 'sql',
            query: `SELECT COUNT(*) FROM \${object} WHERE ${name} < 0`,
            mustBe: 0,
            dimension: 'accuracy',
            severity: 'error',
          },
        ];
      if (r.chance(0.2)) tags = ['finance'];
      break;
    case 'count':
      Object.assign(p, {
        logicalType: 'integer',
        physicalType: r.pick(['integer', 'bigint', 'number(9,0)']),
        required: r.chance(0.8),
      });
      if (rich) p.description = desc();
      if (r.chance(0.2)) p.logicalTypeOptions = { minimum: 0, format: 'i32' };
      break;
    case 'flag':
      Object.assign(p, { logicalType: 'boolean', physicalType: 'boolean', required: true });
      if (rich)
        p.description = `True when the ${entity.replace(/_/g, ' ').replace(/s$/, '')} ${name.replace(/^(is|has)_/, (m) => (m === 'is_' ? 'is ' : 'has ')).replace(/_/g, ' ')}.`;
      break;
    case 'time':
      Object.assign(p, {
        logicalType: 'timestamp',
        physicalType: r.pick(['timestamp_ntz', 'timestamp_tz', 'timestamptz']),
        required: name === 'created_at' || r.chance(0.4),
      });
      if (rich) p.description = desc();
      if (r.chance(0.1)) p.logicalTypeOptions = { format: 'yyyy-MM-dd HH:mm:ss' };
      if (name === 'created_at' && r.chance(0.2))
        quality = [{ metric: 'nullValues', mustBe: 0, dimension: 'completeness', severity: 'error' }];
      break;
    case 'date':
      Object.assign(p, { logicalType: 'date', physicalType: 'date', required: r.chance(0.5) });
      if (rich) p.description = desc();
      if (r.chance(0.3)) p.partitioned = true;
      break;
  }
  if (p.required === false && !lean && r.chance(0.8)) delete p.required; // false is the default: most authors leave it out
  p.classification = classification;
  if (!tags && rich && kind !== 'pk' && r.chance(lean ? 0.35 : 0.1))
    tags = r.sample(['core', 'reporting', 'ml-feature', 'kpi', 'audit'], r.int(1, 2));
  if (tags) p.tags = tags;
  if (quality) p.quality = quality;
  return p;
}

/** Names and kinds of `n` properties for an entity: the key first, then a realistic mix. */
function columns(r: Rng, entity: string, n: number): Array<[string, string]> {
  const singular = entity.replace(/ies$/, 'y').replace(/s$/, '');
  const cols: Array<[string, string]> = [[`${singular}_id`, 'pk']];
  const used = new Set(cols.map((c) => c[0]));
  const kinds: Array<[string, readonly string[] | (() => string)]> = [
    ['fk', () => `${r.pick(['customer', 'order', 'product', 'account', 'session', 'store', 'parent', 'batch'])}_id`],
    ['attr', ATTRS],
    ['attr', ATTRS],
    ['measure', MEASURES],
    ['count', COUNTS],
    ['flag', FLAGS],
    ['time', TIMES],
    ['time', TIMES],
    ['date', DATES],
    ['code', CODES.map((c) => c[0])],
    ['pii', PII],
  ];
  let guard = 0;
  while (cols.length < n) {
    const [kind, src] = r.pick(kinds);
    let name = typeof src === 'function' ? src() : r.pick(src);
    if (used.has(name)) {
      if (++guard < 30) continue;
      name = `${name}_${cols.length}`; // large contracts run out of words: number them, like wide tables do
      if (kind === 'code') {
        cols.push([name, 'attr']);
        used.add(name);
        continue;
      }
    }
    guard = 0;
    used.add(name);
    cols.push([name, kind]);
  }
  return cols;
}

// ---------------------------------------------------------------------------------------------
// One contract

function contract(
  r: Rng,
  i: number,
  domain: string,
  entity: string,
  layer: (typeof LAYERS)[number],
  nProps: number,
  lean = false,
): ContractModel {
  const id = `${domain}-${entity.replace(/_/g, '-')}-${layer.key}-${pad(i)}`;
  const version = `${r.int(1, 4)}.${r.int(0, 12)}.${r.int(0, 9)}`;
  const object = entity;
  const cols = columns(r, entity, nProps);
  const pk = cols[0][0];
  const props = cols.map(([name, kind]) => property(r, name, kind, entity, object, pk, lean));
  const nice = title(entity);
  const upper = entity.toUpperCase();
  const servers: Y[] = [];
  const platform = r.pick(['snowflake', 'snowflake', 'postgres', 'kafka', 'databricks', 's3', 'bigquery']);
  for (const env of r.chance(0.3) ? ['prod', 'dev'] : ['prod']) {
    const s: Record<string, Y> = { server: `${platform}-${env}`, type: platform, environment: env };
    if (platform === 'snowflake')
      Object.assign(s, {
        account: 'nwt-eu1',
        database: env === 'prod' ? layer.db : `${layer.db}_DEV`,
        schema: domain.toUpperCase(),
        warehouse: layer.wh,
      });
    if (platform === 'postgres')
      Object.assign(s, {
        host: `${domain}-db.${env}.internal.${TENANT}.example`,
        port: 5432,
        database: domain,
        schema: 'public',
      });
    if (platform === 'kafka')
      Object.assign(s, { host: `kafka-${env}.${TENANT}.example:9092`, format: r.pick(['avro', 'json', 'protobuf']) });
    if (platform === 'databricks')
      Object.assign(s, {
        host: `dbc-${r.hex(8)}-${r.hex(4)}.cloud.databricks.com`,
        catalog: `${layer.key}_${env}`,
        schema: domain,
      });
    if (platform === 's3')
      Object.assign(s, {
        location: `s3://nwt-${env}-${layer.key}/${domain}/${entity}/`,
        format: r.pick(['parquet', 'delta']),
      });
    if (platform === 'bigquery')
      Object.assign(s, { project: `nwt-${env}-analytics`, dataset: `${domain}_${layer.key}` });
    servers.push(s);
  }
  const team: Y[] = r.sample(PEOPLE, r.chance(0.05) ? 3 : 2).map((u, k) => {
    const m: Record<string, Y> = {
      username: `${u}@${TENANT}.example`,
      name: title(u.replace('.', '_')),
      role: k === 0 ? 'owner' : r.pick(ROLES),
      dateIn: date(r),
    };
    return m;
  });
  const timeCol = cols.find((c) => c[1] === 'time')?.[0] ?? pk;
  const objectDoc: Record<string, Y> = {
    id: object,
    name: object,
    physicalName: upper,
    physicalType: platform === 'kafka' ? 'topic' : platform === 's3' ? 'file' : 'table',
    logicalType: 'object',
    businessName: nice,
    description: `One record per ${entity.replace(/_/g, ' ').replace(/s$/, '')} (${layer.label}). Late updates are merged on ${pk}.`,
    dataGranularityDescription: `One row per ${pk}`,
    properties: props,
    quality: [
      {
        metric: 'rowCount',
        mustBeGreaterThan: 0,
        arguments: { filter: `${timeCol} >= current_date - 1` },
        dimension: 'completeness',
        severity: 'error',
        schedule: `${r.int(0, 59)} ${r.int(1, 7)} * * *`,
        scheduler: 'cron',
      },
      ...(r.chance(0.2)
        ? [
            {
              type: 'sql',
              name: `${entity}_reconcile_with_source`,
              description: 'Every source record of yesterday arrived.',
              query: lit(
                `SELECT COUNT(*) FROM ${layer.db}.${domain.toUpperCase()}.${upper} t\nWHERE t.${timeCol} >= current_date - 1\n  AND t.${pk} IS NULL`,
              ),
              mustBe: 0,
              method: 'reconciliation',
              dimension: 'completeness',
              severity: 'error',
            } as Record<string, Y>,
          ]
        : []),
    ],
  };
  const doc: Record<string, Y> = {
    apiVersion: 'v3.1.0',
    kind: 'DataContract',
    id,
    name: `${nice} (${layer.label})`,
    version,
    status: r.pick(['active', 'active', 'active', 'draft', 'deprecated']),
    domain,
    dataProduct: `${domain}-${layer.key}`,
    tenant: TENANT,
    tags: [domain, layer.key, layer.tag, ...(r.chance(0.3) ? ['tier-1'] : [])],
    contractCreatedTs: `${date(r)}T${pad(r.int(0, 23), 2)}:${pad(r.int(0, 59), 2)}:00Z`,
    description: {
      purpose: `${nice} of the ${domain} domain, ${layer.label}, for downstream models and reporting. Owned by the ${domain}-data team; questions go to #${domain}-data.`,
      usage: `Join on ${pk}. Filter on ${timeCol} for incremental loads; ${layer.key === 'raw' ? 'expect duplicates from CDC replays.' : 'duplicates are removed.'}`,
      limitations: `The last hour may be incomplete. Restricted columns are masked for readers without the ${domain.toUpperCase()}_PII role.`,
      authoritativeDefinitions: [
        { type: 'businessDefinition', url: `https://wiki.${TENANT}.example/data/glossary/${entity}` },
        ...(r.chance(0.5)
          ? [{ type: 'implementation', url: `https://git.${TENANT}.example/data/${domain}-pipelines` }]
          : []),
      ],
    },
    servers,
    schema: [objectDoc],
    team: { name: `${domain}-data`, members: team },
    roles: [
      {
        role: `${domain.toUpperCase()}_${layer.key.toUpperCase()}_READER`,
        access: 'read',
        firstLevelApprovers: `${domain}-data lead`,
      },
      ...(r.chance(0.15)
        ? [
            {
              role: `${domain.toUpperCase()}_${layer.key.toUpperCase()}_WRITER`,
              access: 'write',
              firstLevelApprovers: `${domain}-data lead`,
              secondLevelApprovers: 'data-platform',
            },
          ]
        : []),
    ],
    support: [
      {
        channel: `#${domain}-data`,
        tool: 'slack',
        scope: 'interactive',
        url: `https://${TENANT}.slack.com/archives/C${r.hex(8).toUpperCase()}`,
      },
      ...(r.chance(0.2)
        ? [
            {
              channel: `${domain}-data@${TENANT}.example`,
              tool: 'email',
              scope: 'announcements',
              url: `mailto:${domain}-data@${TENANT}.example`,
            },
          ]
        : []),
    ],
    slaProperties: [
      { property: 'frequency', value: r.pick([1, 15, 24]), unit: r.pick(['h', 'm']) },
      {
        property: 'latency',
        value: r.int(5, 120),
        unit: 'm',
        element: `${object}.${timeCol}`,
        description: 'A change in the source is here at most this much later.',
      },
      {
        property: 'retention',
        value: r.int(1, 10),
        unit: 'y',
        driver: r.pick(['regulatory', 'analytics', 'operational']),
      },
      ...(r.chance(0.15)
        ? [
            {
              property: 'timeOfAvailability',
              value: `0${r.int(4, 8)}:00+01:00`,
              element: `${object}.${timeCol}`,
              driver: 'analytics',
            },
          ]
        : []),
    ],
    ...(r.chance(0.3) ? { customProperties: [{ property: 'costCenter', value: `CC-${r.int(1000, 9999)}` }] } : {}),
  };
  const header = [
    `${nice} (${layer.label}) in the ${domain} domain.`,
    `Generated by bench/generate.ts: synthetic, deterministic, for benchmarks only.`,
  ];
  const types = Object.fromEntries(props.map((p) => [p.name as string, p.logicalType as string]));
  return { i, id, domain, entity, layer, version, object, props: cols.map((c) => c[0]), types, file: '', doc, header };
}

// ---------------------------------------------------------------------------------------------
// Pipelines and products over the contracts

/** Lineage bookkeeping shared by all pipelines, so the generated graph is clean: every dataset has at
 * most one writer, data only flows up the layers (raw → validated → curated, so no cycles), and
 * dead-letter destinations are raw datasets that nothing else reads or writes. */
interface LineageState {
  written: Set<string>;
  read: Set<string>;
  deadLetters: Set<string>;
}

const LAYER_RANK = { raw: 0, validated: 1, curated: 2 } as const;

function pipeline(r: Rng, k: number, contracts: ContractModel[], st: LineageState): Record<string, Y> {
  const domain = Object.keys(DOMAINS)[k % Object.keys(DOMAINS).length];
  const inDomain = contracts.filter((c) => c.domain === domain);
  const pool = inDomain.length >= 6 ? inDomain : contracts;
  const steps: Y[] = [];
  const nSteps = r.int(2, 4);
  for (let s = 0; s < nSteps; s++) {
    const sinks = pool.filter((c) => c.layer.key !== 'raw' && !st.written.has(c.id) && !st.read.has(c.id));
    if (!sinks.length) break;
    const outC = r.pick(sinks);
    const sources = pool.filter(
      (c) => LAYER_RANK[c.layer.key] < LAYER_RANK[outC.layer.key] && !st.deadLetters.has(c.id),
    );
    if (!sources.length) break;
    const ins = r.sample(sources, r.int(1, 3));
    st.written.add(outC.id);
    for (const c of ins) st.read.add(c.id);
    const aliases = ins.map((c, j) => `${c.entity.replace(/[^A-Za-z0-9_]/g, '_')}${j ? j + 1 : ''}`);
    const mapping: Record<string, Y> = {};
    for (const col of r.sample(outC.props, Math.min(6, outC.props.length))) {
      if (Object.keys(mapping).length >= 4) break;
      const type = outC.types[col];
      const candidates: string[] = [];
      ins.forEach((c, j) =>
        c.props.forEach((p) => {
          if (c.types[p] === type) candidates.push(`${aliases[j]}.${p}`);
        }),
      );
      if (!candidates.length) continue;
      mapping[col] = candidates.length > 1 && r.chance(0.2) ? r.sample(candidates, 2) : r.pick(candidates);
    }
    const output: Record<string, Y> = { contract: outC.id, schema: outC.object, columns: mapping };
    if (r.chance(0.5))
      output.transform = lit(
        `SELECT ${Object.values(mapping).flat().slice(0, 3).join(', ')}\nFROM ${aliases.map((a, j) => `${ins[j].object} ${a}`).join('\nJOIN ')}`,
      );
    const outputs: Y[] = [output];
    const dlPool = pool.filter((c) => c.layer.key === 'raw' && !st.read.has(c.id) && !st.written.has(c.id));
    if (dlPool.length && r.chance(0.25)) {
      const dl = r.pick(dlPool);
      st.written.add(dl.id);
      st.deadLetters.add(dl.id);
      outputs.push({ contract: dl.id, schema: dl.object, deadLetter: true });
    }
    steps.push({
      id: `step-${s + 1}-${outC.entity.replace(/_/g, '-')}`,
      name: `Build ${title(outC.entity).toLowerCase()}`,
      runtime: r.pick(['dbt', 'spark', 'flink', 'python']),
      inputs: ins.map((c, j) => ({ contract: c.id, schema: c.object, as: aliases[j] })),
      outputs,
    });
  }
  return {
    apiVersion: 'pactline/v1',
    kind: 'Pipeline',
    id: `${domain}-pipeline-${pad(k + 1, 2)}`,
    name: `${title(domain)} pipeline ${k + 1}`,
    description: `Builds validated and curated ${domain} datasets from the raw feeds.`,
    owner: `${domain}-data`,
    version: `1.${r.int(0, 9)}.0`,
    schedule: r.chance(0.3)
      ? { streaming: true, maxLatency: '5m' }
      : { cron: `${r.int(0, 59)} ${r.int(0, 5)} * * *`, timezone: 'Europe/Berlin' },
    tags: [domain, 'generated'],
    steps,
  };
}

function product(r: Rng, k: number, contracts: ContractModel[]): Record<string, Y> {
  const domain = Object.keys(DOMAINS)[(k * 3) % Object.keys(DOMAINS).length];
  const inDomain = contracts.filter((c) => c.domain === domain);
  const pool = inDomain.length >= 4 ? inDomain : contracts;
  const ins = r.sample(
    pool.filter((c) => c.layer.key !== 'curated'),
    r.int(2, 4),
  );
  const outs = r.sample(
    pool.filter((c) => c.layer.key === 'curated'),
    r.int(1, 2),
  );
  if (!outs.length) outs.push(r.pick(pool));
  return {
    apiVersion: 'v1.0.0',
    kind: 'DataProduct',
    id: r.uuid(),
    name: `${title(domain)} data product ${k + 1}`,
    version: `${r.int(1, 3)}.${r.int(0, 9)}.0`,
    status: 'active',
    domain,
    tenant: TENANT,
    description: {
      purpose: `Curated ${domain} data for reporting and machine learning.`,
      limitations: 'Generated for benchmarks.',
      usage: 'Read the output ports; never the inputs directly.',
    },
    tags: [domain, 'generated'],
    inputPorts: ins.map((c) => ({ name: c.entity, version: c.version, contractId: c.id })),
    outputPorts: outs.map((c) => ({
      name: c.entity,
      description: `${title(c.entity)}, curated.`,
      type: 'tables',
      version: c.version,
      contractId: c.id,
      inputContracts: ins.map((x) => ({ id: x.id, version: x.version })),
    })),
    managementPorts: [
      {
        name: `${domain}-metrics`,
        content: 'observability',
        type: 'rest',
        url: `https://api.${TENANT}.example/products/${domain}/metrics`,
      },
    ],
    support: [
      {
        channel: `#${domain}-data`,
        tool: 'slack',
        scope: 'interactive',
        url: `https://${TENANT}.slack.com/archives/C${r.hex(8).toUpperCase()}`,
      },
    ],
    team: {
      name: `${domain}-data`,
      members: r.sample(PEOPLE, 2).map((u, j) => ({
        username: `${u}@${TENANT}.example`,
        name: title(u.replace('.', '_')),
        role: j ? 'data engineer' : 'owner',
      })),
    },
    productCreatedTs: `${date(r)}T09:00:00Z`,
  };
}

/**
 * One raw contract read by `n` pipelines (an extra input of their first step, no column mappings):
 * the shape of a company's central feed (orders, customers) that hundreds of jobs read. A raw
 * contract nothing writes and no step uses as a dead-letter destination, so the lineage stays clean
 * (it is a source by its `raw` tag; settleLineage adds the dead-letter outputs streaming readers need).
 */
function addHotReaders(
  contracts: ContractModel[],
  pipes: { file: string; doc: Record<string, Y> }[],
  n: number,
  st: LineageState,
): { contract: ContractModel; readers: string[] } {
  const hot = contracts.find((c) => c.layer.key === 'raw' && !st.written.has(c.id) && !st.deadLetters.has(c.id));
  if (!hot) throw new Error('--hot-readers needs a raw contract that no pipeline writes');
  st.read.add(hot.id);
  const readers: string[] = [];
  for (const p of pipes) {
    if (readers.length >= n) break;
    const first = (p.doc.steps as Array<{ inputs?: Array<Record<string, Y>> }>)[0];
    if (!first || first.inputs?.some((i) => i.contract === hot.id)) continue;
    first.inputs = [...(first.inputs ?? []), { contract: hot.id, schema: hot.object, as: 'hot_feed' }];
    readers.push(p.file);
  }
  if (readers.length < n) throw new Error(`--hot-readers ${n}: only ${readers.length} pipelines have a step`);
  return { contract: hot, readers };
}

/**
 * Makes the workspace clean under the lineage/ rules too, as a real one would be, so that the
 * benchmark times linting a healthy workspace (the deliberate mistakes come only from --mistakes):
 * - a contract that is read but written by nothing here, and is not raw, is declared a source
 *   (`tags: [..., source]`: another team's workspace produces it);
 * - every step of a streaming pipeline that reads a source gets a dead-letter output (an unused raw
 *   dataset, or one already used as a dead-letter destination: sharing those is allowed);
 * - latency promises are raised to what the writing step can deliver (its cron's longest gap or
 *   its maxLatency, and its inputs' own promises), up the layers until nothing changes;
 * - a column copied unchanged from personal data keeps the source's classification.
 * The engine's own duration and classification functions decide, so the two cannot disagree.
 */
function settleLineage(
  contracts: ContractModel[],
  pipes: Record<string, Y>[],
  prods: Record<string, Y>[],
  st: LineageState,
): void {
  const byId = new Map(contracts.map((c) => [c.id, c]));
  type Ref = { contract: string; schema?: string; as?: string; columns?: Record<string, Y>; deadLetter?: boolean };
  type Step = { inputs?: Ref[]; outputs: Ref[] };
  const read = new Set<string>();
  const written = new Set<string>();
  for (const p of pipes)
    for (const step of p.steps as Step[]) {
      for (const i of step.inputs ?? []) read.add(i.contract);
      for (const o of step.outputs) written.add(o.contract);
    }
  for (const p of prods) for (const port of p.inputPorts as Array<{ contractId: string }>) read.add(port.contractId);
  for (const p of prods)
    for (const port of p.outputPorts as Array<{ contractId: string }>) written.add(port.contractId);
  const isSource = (c: ContractModel) => (c.doc.tags as string[]).some((t) => t === 'raw' || t === 'source');
  for (const id of read) {
    const c = byId.get(id);
    if (c && !written.has(id) && !isSource(c)) (c.doc.tags as string[]).push('source');
  }

  for (const p of pipes) {
    if (!(p.schedule as Record<string, Y>).streaming) continue;
    for (const step of p.steps as Step[]) {
      if (step.outputs.some((o) => o.deadLetter)) continue;
      if (!(step.inputs ?? []).some((i) => byId.get(i.contract) && isSource(byId.get(i.contract)!))) continue;
      const fresh = contracts.find(
        (c) => c.layer.key === 'raw' && !read.has(c.id) && !written.has(c.id) && !st.deadLetters.has(c.id),
      );
      const dl = fresh ?? byId.get([...st.deadLetters][0]);
      if (!dl) continue;
      st.deadLetters.add(dl.id);
      written.add(dl.id);
      step.outputs.push({ contract: dl.id, schema: dl.object, deadLetter: true });
    }
  }

  const latencyOf = (c: ContractModel) =>
    (c.doc.slaProperties as Array<Record<string, Y>>).find((s) => s.property === 'latency');
  const ms = (sla: Record<string, Y>) => parseDuration(`${sla.value as number}${sla.unit as string}`) ?? 0;
  for (let changed = true, rounds = 0; changed && rounds < 20; rounds++) {
    changed = false;
    for (const p of pipes) {
      const schedule = p.schedule as Record<string, Y>;
      const gap =
        schedule.cron !== undefined
          ? (cronMaxGap(schedule.cron as string) ?? 0)
          : (parseDuration(String(schedule.maxLatency)) ?? 0);
      for (const step of p.steps as Step[]) {
        const inputs = (step.inputs ?? []).map((i) => byId.get(i.contract)).filter((c): c is ContractModel => !!c);
        const bound = Math.max(
          gap,
          ...inputs.map((c) => {
            const l = latencyOf(c);
            return l ? ms(l) : 0;
          }),
        );
        for (const o of step.outputs) {
          const sla = byId.get(o.contract) && latencyOf(byId.get(o.contract)!);
          if (!sla || ms(sla) >= bound) continue;
          const minutes = Math.ceil(bound / 60_000);
          if (minutes % 60 === 0) Object.assign(sla, { value: minutes / 60, unit: 'h' });
          else Object.assign(sla, { value: minutes, unit: 'm' });
          changed = true;
        }
      }
    }
  }

  const propsOf = (c: ContractModel) =>
    ((c.doc.schema as Y[])[0] as Record<string, Y>).properties as Array<Record<string, Y>>;
  for (const p of pipes)
    for (const step of p.steps as Step[]) {
      const byAlias = new Map((step.inputs ?? []).map((i) => [i.as ?? i.contract, byId.get(i.contract)]));
      for (const o of step.outputs) {
        const target = byId.get(o.contract);
        if (!target || !o.columns) continue;
        for (const [column, from] of Object.entries(o.columns)) {
          if (typeof from !== 'string') continue;
          const [alias, name] = from.split('.');
          const source = byAlias.get(alias);
          if (!source || name !== column) continue;
          const sp = propsOf(source).find((x) => x.name === name);
          const tp = propsOf(target).find((x) => x.name === column);
          if (!sp || !tp || !isPersonal(sp.classification as string | undefined, sp.tags as string[] | undefined))
            continue;
          if (isPersonal(tp.classification as string | undefined, tp.tags as string[] | undefined)) continue;
          tp.classification = sp.classification;
        }
      }
    }
}

// ---------------------------------------------------------------------------------------------
// Deliberate mistakes (--mistakes K): each one breaks exactly one file in one place

const MISTAKE_KINDS = [
  'unknown-key',
  'bad-enum',
  'wrong-type',
  'missing-required',
  'pipeline-unknown-contract',
  'product-unknown-contract',
  'pipeline-unknown-column',
] as const;

function applyMistake(
  kind: (typeof MISTAKE_KINDS)[number],
  n: number,
  contracts: ContractModel[],
  pipes: Array<{ file: string; doc: Record<string, Y> }>,
  prods: Array<{ file: string; doc: Record<string, Y> }>,
): Mistake {
  const c = contracts[(n * 97 + 13) % contracts.length];
  const props = ((c.doc.schema as Y[])[0] as Record<string, Y>).properties as Array<Record<string, Y>>;
  const prop = props[(n % (props.length - 1)) + 1];
  switch (kind) {
    case 'unknown-key': {
      const entries = Object.entries(prop).map(([k, v]) => [k === 'classification' ? 'clasification' : k, v] as const);
      for (const k of Object.keys(prop)) delete prop[k];
      Object.assign(prop, Object.fromEntries(entries));
      return {
        file: c.file,
        kind,
        detail: `schema[0].properties[name=${prop.name}]: classification misspelt "clasification"`,
        expect: 'schema/ (unknown key, at the key)',
      };
    }
    case 'bad-enum':
      prop.logicalType = 'strng';
      return {
        file: c.file,
        kind,
        detail: `schema[0].properties[name=${prop.name}].logicalType: "strng"`,
        expect: 'schema/ (enum, at the value)',
      };
    case 'wrong-type':
      prop.required = 'yes';
      return {
        file: c.file,
        kind,
        detail: `schema[0].properties[name=${prop.name}].required: "yes" (a string)`,
        expect: 'schema/ (type, at the value)',
      };
    case 'missing-required':
      delete c.doc.status;
      return { file: c.file, kind, detail: 'top-level status removed', expect: 'schema/ (required, line 1)' };
    case 'pipeline-unknown-contract': {
      const p = pipes[n % pipes.length];
      const step = (p.doc.steps as Array<Record<string, Y>>)[0];
      const input = (step.inputs as Array<Record<string, Y>>)[0];
      input.contract = `${input.contract as string}-gone`;
      return {
        file: p.file,
        kind,
        detail: `steps[0].inputs[0].contract: ${input.contract}`,
        expect: 'ref/ (unknown contract)',
      };
    }
    case 'product-unknown-contract': {
      const p = prods[n % prods.length];
      const port = (p.doc.inputPorts as Array<Record<string, Y>>)[0];
      port.contractId = `${port.contractId as string}-gone`;
      return {
        file: p.file,
        kind,
        detail: `inputPorts[0].contractId: ${port.contractId}`,
        expect: 'ref/ (unknown contract)',
      };
    }
    case 'pipeline-unknown-column': {
      const p = pipes[(n + 1) % pipes.length];
      const step = (p.doc.steps as Array<Record<string, Y>>)[0];
      const out = (step.outputs as Array<Record<string, Y>>)[0];
      const cols = out.columns as Record<string, Y>;
      const first = Object.keys(cols)[0];
      const alias = (step.inputs as Array<Record<string, Y>>)[0].as as string;
      cols[first] = `${alias}.no_such_column`;
      return {
        file: p.file,
        kind,
        detail: `steps[0].outputs[0].columns.${first}: ${alias}.no_such_column`,
        expect: 'ref/ (unknown column)',
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
const countLines = (s: string) => {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
};

export function generate(opts: GenerateOptions): Manifest {
  const out = resolve(opts.out);
  if (existsSync(out) && readdirSync(out).length && !existsSync(join(out, 'manifest.json'))) {
    throw new Error(`${out} is not empty and holds no manifest.json: refusing to overwrite it`);
  }
  rmSync(out, { recursive: true, force: true });
  const ws = join(out, 'workspace');
  const r = new Rng(opts.seed);
  const log = (s: string) => {
    if (!opts.quiet) console.error(s);
  };

  // Contracts: cycle through domain × entity × layer so ids are unique and every domain has all layers.
  const combos: Array<[string, string, (typeof LAYERS)[number]]> = [];
  for (const [d, es] of Object.entries(DOMAINS)) for (const e of es) for (const l of LAYERS) combos.push([d, e, l]);
  const contracts: ContractModel[] = [];
  for (let i = 0; i < opts.contracts; i++) {
    const [d, e, l] = combos[i % combos.length];
    const c = contract(r, i + 1, d, e, l, opts.properties);
    c.file = join(ws, 'contracts', d, `${c.id}.odcs.yaml`);
    contracts.push(c);
  }
  const lineage: LineageState = { written: new Set(), read: new Set(), deadLetters: new Set() };
  const pipes = Array.from({ length: opts.contracts ? opts.pipelines : 0 }, (_, k) => {
    const doc = pipeline(r, k, contracts, lineage);
    return { file: join(ws, 'pipelines', `${doc.id as string}.pipeline.yaml`), doc };
  });
  const prods = Array.from({ length: opts.contracts ? opts.products : 0 }, (_, k) => {
    const doc = product(r, k, contracts);
    return { file: join(ws, 'products', `${doc.domain as string}-product-${pad(k + 1, 2)}.odps.yaml`), doc };
  });
  const hot = opts.hotReaders ? addHotReaders(contracts, pipes, opts.hotReaders, lineage) : undefined;
  settleLineage(
    contracts,
    pipes.map((p) => p.doc),
    prods.map((p) => p.doc),
    lineage,
  );
  const mistakes: Mistake[] = [];
  for (let n = 0; n < opts.mistakes && contracts.length; n++) {
    const kind = MISTAKE_KINDS[n % MISTAKE_KINDS.length];
    if ((kind.startsWith('pipeline') && !pipes.length) || (kind.startsWith('product') && !prods.length)) continue;
    mistakes.push(applyMistake(kind, n, contracts, pipes, prods));
  }

  // The large contract: one schema object, lean properties (as a wide table usually is).
  const big = contract(new Rng(opts.seed ^ 0x5eed), 1, 'web', 'page_views', LAYERS[0], opts.bigProperties, true);
  big.doc.id = `web-page-views-wide-${opts.bigProperties}`;
  big.file = join(out, 'big', `big-${opts.bigProperties}.odcs.yaml`);

  const stats = { contracts: { bytes: 0, lines: 0 }, all: { bytes: 0, lines: 0 } };
  const texts = new Map<string, { text: string; doc: Record<string, Y>; kind: 'odcs' | 'odps' | 'pipeline' }>();
  for (const c of contracts) {
    const text = toYaml(c.doc, c.header);
    texts.set(c.file, { text, doc: c.doc, kind: 'odcs' });
    stats.contracts.bytes += Buffer.byteLength(text);
    stats.contracts.lines += countLines(text);
  }
  for (const p of pipes)
    texts.set(p.file, { text: toYaml(p.doc, ['Generated by bench/generate.ts.']), doc: p.doc, kind: 'pipeline' });
  for (const p of prods)
    texts.set(p.file, { text: toYaml(p.doc, ['Generated by bench/generate.ts.']), doc: p.doc, kind: 'odps' });
  for (const [file, t] of texts) {
    write(file, t.text);
    stats.all.bytes += Buffer.byteLength(t.text);
    stats.all.lines += countLines(t.text);
  }
  const bigText = toYaml(big.doc, big.header);
  write(big.file, bigText);
  texts.set(big.file, { text: bigText, doc: big.doc, kind: 'odcs' });

  if (opts.verify) verify(texts, new Set(mistakes.map((m) => m.file)), log);

  const manifest: Manifest = {
    generator: 'bench/generate.ts',
    options: {
      contracts: opts.contracts,
      properties: opts.properties,
      bigProperties: opts.bigProperties,
      pipelines: opts.pipelines,
      products: opts.products,
      mistakes: opts.mistakes,
      hotReaders: opts.hotReaders,
      seed: opts.seed,
    },
    workspace: ws,
    contractsDir: join(ws, 'contracts'),
    big: big.file,
    files: { contracts: contracts.length, pipelines: pipes.length, products: prods.length },
    hot: hot && {
      contract: hot.contract.id,
      file: relative(out, hot.contract.file),
      readers: hot.readers.map((f) => relative(out, f)),
    },
    contracts: stats.contracts,
    workspaceTotal: stats.all,
    bigContract: { bytes: Buffer.byteLength(bigText), lines: countLines(bigText), properties: opts.bigProperties },
    mistakes: mistakes.map((m) => ({ ...m, file: relative(out, m.file) })),
    verified: opts.verify,
  };
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  log(
    `generated ${contracts.length} contracts (${(stats.contracts.bytes / 1e6).toFixed(2)} MB, ${stats.contracts.lines} lines), ` +
      `${pipes.length} pipelines, ${prods.length} products, ${mistakes.length} mistakes; big contract ${opts.bigProperties} properties ` +
      `(${(manifest.bigContract.bytes / 1e6).toFixed(2)} MB, ${manifest.bigContract.lines} lines) in ${out}`,
  );
  return manifest;
}

function verify(
  texts: Map<string, { text: string; doc: Record<string, Y>; kind: 'odcs' | 'odps' | 'pipeline' }>,
  broken: Set<string>,
  log: (s: string) => void,
): void {
  const Ajv2019 = require('ajv/dist/2019').default;
  const addFormats = require('ajv-formats').default ?? require('ajv-formats');
  const YAML = require('yaml');
  const jsyaml = require('js-yaml');
  const { isDeepStrictEqual } = require('node:util');
  const ajv = new Ajv2019({ allErrors: false, strict: false });
  addFormats(ajv);
  const load = (f: string) => JSON.parse(readFileSync(f, 'utf8'));
  const validators = {
    odcs: ajv.compile(load(ODCS_SCHEMA)),
    odps: ajv.compile(load(ODPS_SCHEMA)),
    pipeline: ajv.compile(load(PIPELINE_SCHEMA)),
  };
  const problems: string[] = [];
  for (const [file, t] of texts) {
    const expected = plain(t.doc);
    const a = YAML.parse(t.text, { uniqueKeys: true });
    const b = jsyaml.load(t.text);
    if (!isDeepStrictEqual(a, expected)) problems.push(`${file}: yaml.parse does not give back the model`);
    if (!isDeepStrictEqual(b, expected)) problems.push(`${file}: js-yaml does not give back the model`);
    const validate = validators[t.kind];
    const ok = validate(a);
    if (!ok && !broken.has(file))
      problems.push(`${file}: invalid against the ${t.kind} schema: ${ajv.errorsText(validate.errors)}`);
    if (ok && broken.has(file) && t.kind !== 'pipeline' && !(t.kind === 'odps'))
      problems.push(`${file}: carries a deliberate mistake but is valid`);
  }
  if (problems.length)
    throw new Error(
      `verification failed:\n  ${problems.slice(0, 10).join('\n  ')}${problems.length > 10 ? `\n  … ${problems.length - 10} more` : ''}`,
    );
  log(
    `verified ${texts.size} files: yaml and js-yaml read back the model; schemas pass (ODCS v3.1.0 official, ODPS v1.0.0 official, pipeline)`,
  );
}

// ---------------------------------------------------------------------------------------------

export function parseArgs(argv: string[]): GenerateOptions {
  const o: GenerateOptions = { ...DEFAULTS };
  const num = (v: string | undefined, flag: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a non-negative integer, got ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const val = () => inline ?? argv[++i];
    switch (flag) {
      case '--contracts':
        o.contracts = num(val(), flag);
        break;
      case '--properties':
        o.properties = Math.max(2, num(val(), flag));
        break;
      case '--big-properties':
        o.bigProperties = Math.max(2, num(val(), flag));
        break;
      case '--pipelines':
        o.pipelines = num(val(), flag);
        break;
      case '--products':
        o.products = num(val(), flag);
        break;
      case '--mistakes':
        o.mistakes = num(val(), flag);
        break;
      case '--hot-readers':
        o.hotReaders = num(val(), flag);
        break;
      case '--seed':
        o.seed = num(val(), flag);
        break;
      case '--no-verify':
        o.verify = false;
        break;
      case '--out':
        o.out = resolve(val());
        break;
      case '-h':
      case '--help':
        console.log(
          'usage: node --import tsx bench/generate.ts [OUT_DIR] [--contracts N] [--properties P] [--big-properties M] [--pipelines N] [--products N] [--mistakes K] [--hot-readers N] [--seed S] [--no-verify]',
        );
        process.exit(0);
      // eslint-disable-next-line no-fallthrough
      default:
        if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
        o.out = resolve(a);
    }
  }
  return o;
}

if (require.main === module) {
  try {
    generate(parseArgs(process.argv.slice(2)));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
