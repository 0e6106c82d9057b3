// Issue 13's rules through git: servers (both directions), quality checks compared by meaning (each
// rewrite next to a real tightening), a logical rename that keeps the stored column, a dangling DCS
// `$ref` as one finding. Each case commits a base to a temporary repository, edits the working tree
// and runs `pactline breaking --against HEAD` in-process.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { breaking, odcs, Repo, type JsonFinding } from './helpers';

const C = 'contracts/orders.odcs.yaml';
const PROPS = '- name: order_id\n  logicalType: string\n  required: true\n- name: amount\n  logicalType: number';

/** An ODCS contract with the given `servers:` list (YAML, indented under `servers:`). */
function withServers(servers: string, version = '1.0.0'): string {
  return odcs(PROPS, {
    version,
    extra: `servers:\n${servers
      .trimEnd()
      .split('\n')
      .map((l) => '  ' + l)
      .join('\n')}`,
  });
}

async function run(
  before: Record<string, string>,
  after: Record<string, string | null>,
  compat?: 'forward' | 'backward' | 'full' | 'none',
): Promise<JsonFinding[]> {
  const repo = Repo.init(before);
  repo.write(after);
  const result = await breaking(repo.dir, 'HEAD', { compat });
  assert.equal(result.error, undefined);
  return result.findings;
}

const rules = (findings: readonly JsonFinding[]) => findings.map((f) => `${f.rule}:${f.severity}`).sort();

describe('server rules', () => {
  const S3 = '- server: production\n  type: s3\n  environment: prod\n  location: s3://orders/data/\n  format: json';
  const cases: { name: string; before: string; after: string; forward: string[]; reverse: string[] }[] = [
    {
      name: 's3 location moved (data/ → v2/)',
      before: S3,
      after: S3.replace('data/', 'v2/'),
      forward: ['breaking/server-location-changed:error'],
      reverse: ['breaking/server-location-changed:error'],
    },
    {
      name: 'postgres host, port, database and schema',
      before: '- server: pg\n  type: postgres\n  host: db1\n  port: 5432\n  database: shop\n  schema: public',
      after: '- server: pg\n  type: postgres\n  host: db2\n  port: 5433\n  database: shop2\n  schema: sales',
      forward: ['breaking/server-location-changed:error'],
      reverse: ['breaking/server-location-changed:error'],
    },
    {
      name: 'kafka topic',
      before: '- server: events\n  type: kafka\n  host: broker:9092\n  topic: orders.v1',
      after: '- server: events\n  type: kafka\n  host: broker:9092\n  topic: orders.v2',
      forward: ['breaking/server-location-changed:error'],
      reverse: ['breaking/server-location-changed:error'],
    },
    {
      name: 'bigquery project/dataset, snowflake account, databricks catalog',
      before:
        '- server: bq\n  type: bigquery\n  project: p1\n  dataset: d1\n- server: sf\n  type: snowflake\n  account: acme\n  database: DB\n  schema: S\n- server: dbx\n  type: databricks\n  catalog: main\n  schema: s',
      after:
        '- server: bq\n  type: bigquery\n  project: p2\n  dataset: d1\n- server: sf\n  type: snowflake\n  account: acme2\n  database: DB\n  schema: S\n- server: dbx\n  type: databricks\n  catalog: dev\n  schema: s',
      forward: [
        'breaking/server-location-changed:error',
        'breaking/server-location-changed:error',
        'breaking/server-location-changed:error',
      ],
      reverse: [
        'breaking/server-location-changed:error',
        'breaking/server-location-changed:error',
        'breaking/server-location-changed:error',
      ],
    },
    {
      name: 'type and format changed',
      before: S3,
      after: S3.replace('format: json', 'format: parquet'),
      forward: ['breaking/server-type-changed:error'],
      reverse: ['breaking/server-type-changed:error'],
    },
    {
      name: 'a server removed ↔ added',
      before: `${S3}\n- server: dev\n  type: s3\n  environment: dev\n  location: s3://orders-dev/`,
      after: S3,
      forward: ['breaking/server-removed:error'],
      reverse: ['breaking/server-added:info'],
    },
    {
      name: "a production server's environment changed ↔ a server promoted to production",
      before: S3,
      after: S3.replace('environment: prod', 'environment: staging'),
      forward: ['breaking/server-environment-changed:error'],
      reverse: ['breaking/server-environment-changed:info'],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const forward = await run({ [C]: withServers(c.before) }, { [C]: withServers(c.after) });
      assert.deepEqual(rules(forward), c.forward);
      const reverse = await run({ [C]: withServers(c.after) }, { [C]: withServers(c.before) });
      assert.deepEqual(rules(reverse), c.reverse);
    });
  }

  it('location: the finding says what moved, points at the new value, names the consumers, and is not breaking under backward', async () => {
    const product = [
      'apiVersion: v1.0.0',
      'kind: DataProduct',
      'id: shop',
      'name: shop',
      'status: active',
      'inputPorts:',
      '  - name: orders',
      '    version: 1.0.0',
      '    contractId: orders',
      '',
    ].join('\n');
    const repo = Repo.init({ [C]: withServers(S3), 'products/shop.odps.yaml': product });
    repo.write({ [C]: withServers(S3.replace('data/', 'v2/')) });
    const [finding] = (await breaking(repo.dir, 'HEAD')).findings;
    assert.equal(finding.rule, 'breaking/server-location-changed');
    assert.match(
      finding.message,
      /Server `production` \(s3\): its bucket and path \(`location`\) changed from `s3:\/\/orders\/data\/` to `s3:\/\/orders\/v2\/`/,
    );
    assert.match(finding.message, /breaks 1 consumer: product `shop`/);
    assert.deepEqual(
      finding.impact?.map((i) => i.id),
      ['shop'],
    );
    assert.equal(finding.range.start.line, 10); // `location:` of the new file
    const backward = await breaking(repo.dir, 'HEAD', { compat: 'backward' });
    assert.deepEqual(rules(backward.findings), ['breaking/server-location-changed:info']);
  });

  it('DCS servers are matched by their key', async () => {
    const dcs = (location: string) =>
      [
        'dataContractSpecification: 1.2.1',
        'id: orders',
        'info:',
        '  title: Orders',
        '  version: 1.0.0',
        'servers:',
        '  production:',
        '    type: s3',
        '    environment: prod',
        `    location: ${location}`,
        '    format: json',
        'models:',
        '  orders:',
        '    fields:',
        '      order_id:',
        '        type: string',
        '',
      ].join('\n');
    const findings = await run(
      { 'datacontract.yaml': dcs('s3://o/data/{model}/*.json') },
      { 'datacontract.yaml': dcs('s3://o/v2/{model}/*.json') },
    );
    assert.deepEqual(rules(findings), ['breaking/server-location-changed:error']);
    const same = await run(
      { 'datacontract.yaml': dcs('s3://o/data/') },
      { 'datacontract.yaml': dcs('s3://o/data/') + '# a comment\n' },
    );
    assert.deepEqual(findings.length && same, []);
  });
});

describe('quality checks compared by meaning, a real change next to each rewrite', () => {
  const objQuality = (q: string) =>
    odcs(PROPS, {
      objectExtra: `quality:\n${q
        .trimEnd()
        .split('\n')
        .map((l) => '  ' + l)
        .join('\n')}`,
    });
  const cases: { name: string; before: string; rewrite: string; tightened: string; tightenedRule: string }[] = [
    {
      name: 'SQL re-indented, re-cased, commented',
      before: '- name: no_negatives\n  type: sql\n  query: SELECT COUNT(*) FROM orders WHERE amount < 0\n  mustBe: 0',
      rewrite:
        '- name: no_negatives\n  type: sql\n  query: |\n    select count(*)   -- negative amounts\n      from ORDERS\n     where amount<0\n  mustBe: 0',
      tightened:
        '- name: no_negatives\n  type: sql\n  query: |\n    select count(*)\n      from ORDERS\n     where amount <= 0\n  mustBe: 0',
      tightenedRule: 'breaking/quality-changed:error',
    },
    {
      name: 'DCS threshold spellings (must_be_less_than ≡ mustBeLessThan)',
      before: '- metric: nullValues\n  must_be_less_than: 10',
      rewrite: '- metric: nullValues\n  mustBeLessThan: 10',
      tightened: '- metric: nullValues\n  mustBeLessThan: 20',
      tightenedRule: 'breaking/quality-relaxed:error',
    },
    {
      name: 'ODCS v3.0 rule: nullCheck ≡ v3.1 metric: nullValues, mustBe: 0',
      before: '- rule: nullCheck\n  type: library\n  dimension: completeness',
      rewrite: '- metric: nullValues\n  mustBe: 0\n  dimension: completeness',
      tightened: '- metric: nullValues\n  mustBeLessThan: 5',
      tightenedRule: 'breaking/quality-relaxed:error',
    },
    {
      name: 'row_count ≡ rowCount ≡ SQL count(*)',
      before: '- type: row_count\n  mustBeGreaterThan: 100',
      rewrite: '- type: sql\n  query: SELECT count(*) FROM orders\n  mustBeGreaterThan: 100',
      tightened: '- metric: rowCount\n  mustBeGreaterThan: 50',
      tightenedRule: 'breaking/quality-relaxed:error',
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const rewrite = await run({ [C]: objQuality(c.before) }, { [C]: objQuality(c.rewrite) });
      assert.deepEqual(rules(rewrite), ['breaking/quality-rewritten:info'], JSON.stringify(rewrite, null, 1));
      assert.match(rewrite[0].message, /rewritten, same meaning/);
      const changed = await run({ [C]: objQuality(c.before) }, { [C]: objQuality(c.tightened) });
      assert.deepEqual(rules(changed), [c.tightenedRule], JSON.stringify(changed, null, 1));
      // The same change the other way round is stricter: breaking backward, not forward.
      if (c.tightenedRule === 'breaking/quality-relaxed:error') {
        const stricter = await run({ [C]: objQuality(c.tightened) }, { [C]: objQuality(c.rewrite) });
        assert.deepEqual(rules(stricter), ['breaking/quality-tightened:info']);
        const backward = await run({ [C]: objQuality(c.tightened) }, { [C]: objQuality(c.rewrite) }, 'backward');
        assert.deepEqual(rules(backward), ['breaking/quality-tightened:error']);
      }
    });
  }

  it('a count(*) with a WHERE is not a row count', async () => {
    const findings = await run(
      { [C]: objQuality('- metric: rowCount\n  mustBeGreaterThan: 100') },
      {
        [C]: objQuality('- type: sql\n  query: SELECT count(*) FROM orders WHERE amount > 0\n  mustBeGreaterThan: 100'),
      },
    );
    assert.deepEqual(rules(findings), ['breaking/quality-added:info', 'breaking/quality-removed:error']);
  });
});

describe('physical identity', () => {
  const before = odcs('- name: txn_ref_dt\n  logicalType: date\n  required: true');
  const after = odcs(
    '- name: transaction_reference_date\n  physicalName: txn_ref_dt\n  logicalType: date\n  required: true',
  );
  const pipeline = (column: string, mapped: boolean) =>
    [
      'apiVersion: pactline/v1',
      'kind: Pipeline',
      'id: load',
      'steps:',
      '  - id: copy',
      '    inputs:',
      '      - contract: orders',
      '        schema: orders',
      '    outputs:',
      '      - contract: archive',
      '        schema: archive',
      ...(mapped ? ['        columns:', `          day: ${column}`] : []),
      '',
    ].join('\n');
  const archive = odcs('- name: day\n  logicalType: date', { id: 'archive', object: 'archive' });

  it('no consumer reads it by name: a logical rename, information', async () => {
    const findings = await run({ [C]: before }, { [C]: after });
    assert.deepEqual(rules(findings), ['breaking/property-renamed-logical:info']);
    assert.match(
      findings[0].message,
      /renamed to `transaction_reference_date` in the logical model; its stored column `txn_ref_dt` is unchanged/,
    );
  });

  it('a pipeline that maps the column by name is broken and named; one that reads the table is not', async () => {
    const mapped = await run(
      { [C]: before, 'contracts/archive.odcs.yaml': archive, 'p.pipeline.yaml': pipeline('txn_ref_dt', true) },
      { [C]: after },
    );
    assert.deepEqual(rules(mapped), ['breaking/property-renamed-logical:error']);
    assert.match(
      mapped[0].message,
      /breaks the consumers that read it by name: pipeline `load` step `copy` \(maps it to `day`\)/,
    );
    const physical = await run(
      { [C]: before, 'contracts/archive.odcs.yaml': archive, 'p.pipeline.yaml': pipeline('txn_ref_dt', false) },
      { [C]: after },
    );
    assert.deepEqual(rules(physical), ['breaking/property-renamed-logical:info']);
    assert.match(
      physical[0].message,
      /read the stored column, not the logical name, so none is affected: pipeline `load` step `copy`/,
    );
  });

  it('a rename of the stored column itself is still a breaking rename', async () => {
    const findings = await run(
      { [C]: before },
      { [C]: odcs('- name: transaction_reference_date\n  logicalType: date\n  required: true') },
    );
    assert.deepEqual(rules(findings), ['breaking/property-renamed:error']);
  });
});

describe('a dangling DCS $ref', () => {
  const dcs = (ref: string) =>
    [
      'dataContractSpecification: 1.2.1',
      'id: orders',
      'info:',
      '  title: Orders',
      '  version: 1.0.0',
      'models:',
      '  orders:',
      '    fields:',
      '      order_id:',
      `        $ref: '${ref}'`,
      'definitions:',
      '  order_id:',
      '    type: string',
      '    required: true',
      '    minLength: 8',
      '    maxLength: 16',
      '    pattern: "^O"',
      '',
    ].join('\n');

  it('gives ONE finding on its line, not one per attribute the definition carried', async () => {
    const findings = await run(
      { 'datacontract.yaml': dcs('#/definitions/order_id') },
      { 'datacontract.yaml': dcs('#/definitions/orderid') },
    );
    assert.deepEqual(rules(findings), ['breaking/definition-unresolved:error']);
    assert.equal(findings[0].range.start.line, 10);
    assert.match(
      findings[0].message,
      /refers to `#\/definitions\/orderid`, which resolves to nothing now \(it was `#\/definitions\/order_id`\)/,
    );
  });
});
