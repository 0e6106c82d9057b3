// Whole-file skeletons: a contract (ODCS or DCS, of a chosen version, with a server of a chosen
// type), a data product, a pipeline. Offered as completions in an empty file (any LSP editor) and
// used by the editor's "New Contract / Data Product / Pipeline" commands.
//
// Each is a snippet whose placeholders all have a value: a skeleton left as it is is a valid
// document (no empty `description:`), and Tab moves from one field to fill to the next, starting
// with the id.
import type { FileKind } from '../types';

export type SkeletonKind = 'odcs' | 'dcs' | 'odps' | 'pipeline';

/** The standard versions a skeleton can be written for, newest stable first (the default). */
export const SKELETON_VERSIONS: Record<SkeletonKind, readonly string[]> = {
  odcs: ['v3.1.0', 'v3.2.0', 'v3.0.2', 'v3.0.1', 'v3.0.0'],
  dcs: ['1.2.1', '1.2.0', '1.1.0'],
  odps: ['v1.0.0'],
  pipeline: ['pactline/v1'],
};

/** Server types a contract skeleton can start with, and the connection fields each needs. */
export const SKELETON_SERVER_TYPES = [
  'postgres',
  'snowflake',
  'bigquery',
  'databricks',
  's3',
  'kafka',
  'local',
] as const;
export type SkeletonServerType = (typeof SKELETON_SERVER_TYPES)[number];

export interface SkeletonOptions {
  kind: SkeletonKind;
  /** One of SKELETON_VERSIONS[kind]; the first by default. */
  version?: string;
  /** Contracts only: a `servers` entry of this type; none by default. */
  serverType?: SkeletonServerType;
  /** The id to suggest (from the file name); the placeholder the cursor starts on. */
  id?: string;
  /** Pipelines: a contract of the workspace the first step reads (a pipeline names contracts by id). */
  inputContract?: string;
}

export interface Skeleton {
  label: string;
  detail: string;
  /** The snippet (LSP / TextMate syntax: `${1:default}`, `${2|a,b|}`, `$0`). */
  snippet: string;
}

/** Connection fields by server type: [key, default] (a number default is written unquoted). */
const SERVER_FIELDS: Record<
  SkeletonServerType,
  { odcs: [string, string | number][]; dcs: [string, string | number][] }
> = {
  postgres: {
    odcs: [
      ['host', 'localhost'],
      ['port', 5432],
      ['database', 'analytics'],
      ['schema', 'public'],
    ],
    dcs: [
      ['host', 'localhost'],
      ['port', 5432],
      ['database', 'analytics'],
      ['schema', 'public'],
    ],
  },
  snowflake: {
    odcs: [
      ['account', 'my-account'],
      ['database', 'ANALYTICS'],
      ['schema', 'PUBLIC'],
    ],
    dcs: [
      ['account', 'my-account'],
      ['database', 'ANALYTICS'],
      ['schema', 'PUBLIC'],
    ],
  },
  bigquery: {
    odcs: [
      ['project', 'my-project'],
      ['dataset', 'analytics'],
    ],
    dcs: [
      ['project', 'my-project'],
      ['dataset', 'analytics'],
    ],
  },
  databricks: {
    odcs: [
      ['catalog', 'main'],
      ['schema', 'analytics'],
    ],
    dcs: [
      ['catalog', 'main'],
      ['schema', 'analytics'],
    ],
  },
  s3: { odcs: [['location', 's3://my-bucket/path/']], dcs: [['location', 's3://my-bucket/path/']] },
  kafka: {
    odcs: [['host', 'localhost:9092']],
    dcs: [
      ['host', 'localhost:9092'],
      ['topic', 'orders'],
    ],
  },
  local: {
    odcs: [
      ['path', './data/orders.parquet'],
      ['format', 'parquet'],
    ],
    dcs: [
      ['path', './data/orders.parquet'],
      ['format', 'parquet'],
    ],
  },
};

const LOGICAL_TYPES = 'string,integer,number,boolean,date,timestamp,time,object,array';
const DCS_TYPES = 'string,text,integer,long,decimal,number,double,boolean,date,timestamp';

/** Builds the snippet line by line, numbering the placeholders in order. */
class SnippetWriter {
  private n = 0;
  readonly lines: string[] = [];

  /** A placeholder with its default (never empty). */
  field(value: string | number): string {
    return `\${${++this.n}:${escapeSnippet(String(value))}}`;
  }

  /** A choice among values, the first being the default. */
  choice(values: string): string {
    return `\${${++this.n}|${values}|}`;
  }

  line(text: string): this {
    this.lines.push(text);
    return this;
  }

  done(): string {
    return this.lines.join('\n') + '$0\n';
  }
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}

/** A readable id from a file name: `orders.odcs.yaml` → `orders`. */
export function idFromFileName(path: string): string | undefined {
  const name = (path.split(/[\\/]/).pop() ?? '')
    .replace(/\.(odcs|odps|pipeline|datacontract)?\.?ya?ml$/i, '')
    .replace(/\.$/, '');
  if (!name || /^(datacontract|untitled(-\d+)?)$/i.test(name)) return undefined;
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id || undefined;
}

function title(id: string): string {
  return id
    .split(/[-_]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}

/** The skeleton of a new file. */
export function skeleton(options: SkeletonOptions): Skeleton {
  const version = options.version ?? SKELETON_VERSIONS[options.kind][0];
  const id =
    options.id ?? { odcs: 'orders', dcs: 'orders', odps: 'customer-insights', pipeline: 'load-orders' }[options.kind];
  const w = new SnippetWriter();
  const server = options.serverType;
  const on = server ? ` on ${server}` : '';
  switch (options.kind) {
    case 'odcs': {
      const table = id.replace(/-/g, '_');
      w.line(`apiVersion: ${version}`)
        .line('kind: DataContract')
        .line(`id: ${w.field(id)}`)
        .line(`name: ${w.field(title(id))}`)
        .line(`version: ${w.field('1.0.0')}`)
        .line(`status: ${w.choice('draft,active,proposed,deprecated,retired')}`)
        .line(`domain: ${w.field('sales')}`)
        .line('description:')
        .line(`  purpose: ${w.field('What the data is and what it is for.')}`);
      if (server) {
        w.line('servers:')
          .line(`  - server: ${w.field('production')}`)
          .line(`    type: ${server}`);
        for (const [key, value] of SERVER_FIELDS[server].odcs) w.line(`    ${key}: ${w.field(value)}`);
      }
      w.line('schema:')
        .line(`  - name: ${w.field(table)}`)
        .line(`    physicalType: ${w.field('table')}`)
        .line(`    description: ${w.field('What one row holds.')}`)
        .line('    properties:')
        .line(`      - name: ${w.field(`${table}_id`)}`)
        .line(`        logicalType: ${w.choice(LOGICAL_TYPES)}`)
        .line('        required: true')
        .line(`        description: ${w.field('What identifies a row.')}`);
      return {
        label: `ODCS ${version} contract${on}`,
        detail: 'a whole data contract: id, description, a table and its first column',
        snippet: w.done(),
      };
    }
    case 'dcs': {
      const model = id.replace(/-/g, '_');
      w.line(`dataContractSpecification: ${version}`)
        .line(`id: ${w.field(id)}`)
        .line('info:')
        .line(`  title: ${w.field(title(id))}`)
        .line(`  version: ${w.field('1.0.0')}`)
        .line(`  description: ${w.field('What the data is and what it is for.')}`);
      if (server) {
        w.line('servers:')
          .line(`  ${w.field('production')}:`)
          .line(`    type: ${server}`);
        for (const [key, value] of SERVER_FIELDS[server].dcs) w.line(`    ${key}: ${w.field(value)}`);
      }
      w.line('models:')
        .line(`  ${w.field(model)}:`)
        .line('    type: table')
        .line(`    description: ${w.field('What one row holds.')}`)
        .line('    fields:')
        .line(`      ${w.field(`${model}_id`)}:`)
        .line(`        type: ${w.choice(DCS_TYPES)}`)
        .line('        required: true')
        .line(`        description: ${w.field('What identifies a row.')}`);
      return {
        label: `DCS ${version} contract${on}`,
        detail: 'a whole Data Contract Specification contract: info, a model and its first field',
        snippet: w.done(),
      };
    }
    case 'odps': {
      w.line(`apiVersion: ${version}`)
        .line('kind: DataProduct')
        .line(`id: ${w.field(id)}`)
        .line(`name: ${w.field(title(id))}`)
        .line(`status: ${w.choice('draft,proposed,active,deprecated,retired')}`)
        .line(`domain: ${w.field('sales')}`)
        .line('description:')
        .line(`  purpose: ${w.field('What the product offers and to whom.')}`);
      return {
        label: `ODPS ${version} data product`,
        detail: 'a whole data product: id, status, domain, purpose',
        snippet: w.done(),
      };
    }
    case 'pipeline': {
      w.line('apiVersion: pactline/v1')
        .line('kind: Pipeline')
        .line(`id: ${w.field(id)}`)
        .line(`owner: ${w.field('data-engineering')}`)
        .line('schedule:')
        .line(`  cron: "${w.field('0 2 * * *')}"`)
        .line('steps:')
        .line(`  - id: ${w.field('extract')}`)
        .line(`    runtime: ${w.field('dbt')}`);
      if (options.inputContract) w.line('    inputs:').line(`      - contract: ${w.field(options.inputContract)}`);
      return {
        label: 'Pactline pipeline',
        detail: 'a whole pipeline: id, owner, schedule, a first step',
        snippet: w.done(),
      };
    }
  }
}

/** Which skeleton kinds fit a file of this kind (an unknown kind: any of them). */
export function skeletonKindsFor(kind: FileKind | undefined): SkeletonKind[] {
  switch (kind) {
    case 'odcs':
      return ['odcs'];
    case 'dcs':
      return ['dcs'];
    case 'odps':
      return ['odps'];
    case 'pipeline':
      return ['pipeline'];
    case undefined:
      return ['odcs', 'odps', 'pipeline', 'dcs'];
    default:
      return [];
  }
}
