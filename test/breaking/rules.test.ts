// Every breaking-change rule, end to end through git: a temporary repository commits the base, the
// change is made, and `pactline breaking` compares against HEAD, a tag or `merge-base:main` — in the
// forward, backward, full and none modes, and with the change reversed (as bufbuild/buf tests its
// rules): what breaks forward usually breaks backward once reversed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { breaking, odcs, Repo, type JsonFinding } from './helpers';

type Breaks = 'F' | 'B' | 'FB' | '-';
type RefKind = 'HEAD' | 'tag' | 'merge-base';

interface Expect {
  rule: string;
  path: string;
  breaks: Breaks;
}

interface Case {
  name: string;
  before: Record<string, string | null>;
  after: Record<string, string | null>;
  expect: Expect | null;
  /** What the reverse change (after → before) gives; null: no finding. */
  reverse: Expect | null;
}

const C = 'contracts/orders.odcs.yaml';

/** The base committed, the change made, compared against a HEAD, a tag or the merge base of a branch. */
async function compare(
  before: Record<string, string | null>,
  after: Record<string, string | null>,
  kind: RefKind,
  compat: 'forward' | 'backward' | 'full' | 'none',
) {
  const repo = Repo.init(
    Object.fromEntries(Object.entries(before).filter(([, v]) => v !== null)) as Record<string, string>,
  );
  let ref = 'HEAD';
  if (kind === 'tag') {
    repo.git('tag', 'base-v1');
    repo.write(after).commit('change');
    ref = 'base-v1';
  } else if (kind === 'merge-base') {
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write(after).commit('change on the branch');
    repo.git('checkout', '-q', 'main');
    repo.write({ 'README.md': 'main moved on\n' }).commit('unrelated change on main');
    repo.git('checkout', '-q', 'feature');
    ref = 'merge-base:main';
  } else {
    repo.write(after);
  }
  return breaking(repo.dir, ref, { compat });
}

function expectedSeverity(breaks: Breaks, mode: 'forward' | 'backward' | 'full' | 'none'): 'error' | 'info' {
  if (mode === 'none' || breaks === '-') return 'info';
  if (mode === 'full') return 'error';
  if (mode === 'forward') return breaks.includes('F') ? 'error' : 'info';
  return breaks.includes('B') ? 'error' : 'info';
}

function only(findings: JsonFinding[], expect: Expect): JsonFinding {
  const matching = findings.filter((f) => f.rule === expect.rule);
  assert.equal(
    matching.length,
    1,
    `one ${expect.rule} expected, got:\n${findings.map((f) => `${f.rule} ${f.change?.path}: ${f.message}`).join('\n')}`,
  );
  assert.deepEqual(
    findings.map((f) => f.rule),
    [expect.rule],
    'no other finding',
  );
  assert.equal(matching[0].change?.path, expect.path);
  assert.equal(matching[0].change?.kind, expect.rule.slice('breaking/'.length));
  return matching[0];
}

const P = {
  orderId: '- name: order_id\n  logicalType: string\n  required: true',
  customerIdRequired: '- name: customer_id\n  logicalType: string\n  required: true',
  amount: (type: string, extra = '') => `- name: amount\n  logicalType: ${type}${extra}`,
  text: (extra: string) => `- name: code\n  logicalType: string\n${extra}`,
};

const S3 = '- server: production\n  type: s3\n  environment: prod\n  location: s3://orders/data/\n  format: json';
const servers = (list: string) =>
  odcs(P.orderId, {
    extra: `servers:\n${list
      .split('\n')
      .map((l) => '  ' + l)
      .join('\n')}`,
  });
const dcsRef = (ref: string) =>
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
    '',
  ].join('\n');

const v32 = (properties: string) => odcs(properties).replace('apiVersion: v3.1.0', 'apiVersion: v3.2.0');

const CASES: Case[] = [
  {
    name: 'property removed ↔ required property added',
    before: { [C]: odcs(`${P.orderId}\n${P.customerIdRequired}`) },
    after: { [C]: odcs(P.orderId) },
    expect: { rule: 'breaking/property-removed', path: 'orders.customer_id', breaks: 'F' },
    reverse: { rule: 'breaking/property-added-required', path: 'orders.customer_id', breaks: 'B' },
  },
  {
    name: 'optional property added ↔ property removed',
    before: { [C]: odcs(P.orderId) },
    after: { [C]: odcs(`${P.orderId}\n- name: note\n  logicalType: string`) },
    expect: { rule: 'breaking/property-added-optional', path: 'orders.note', breaks: '-' },
    reverse: { rule: 'breaking/property-removed', path: 'orders.note', breaks: 'F' },
  },
  {
    name: 'required: false → true ↔ true → false',
    before: { [C]: odcs(P.amount('number', '\n  required: false')) },
    after: { [C]: odcs(P.amount('number', '\n  required: true')) },
    expect: { rule: 'breaking/required-changed', path: 'orders.amount', breaks: 'B' },
    reverse: { rule: 'breaking/required-changed', path: 'orders.amount', breaks: 'F' },
  },
  {
    name: 'logical type widened integer → number ↔ narrowed',
    before: { [C]: odcs(P.amount('integer')) },
    after: { [C]: odcs(P.amount('number')) },
    expect: { rule: 'breaking/logical-type-changed', path: 'orders.amount', breaks: 'F' },
    reverse: { rule: 'breaking/logical-type-changed', path: 'orders.amount', breaks: 'B' },
  },
  {
    name: 'logical type widened date → timestamp ↔ narrowed',
    before: { [C]: odcs('- name: placed\n  logicalType: date') },
    after: { [C]: odcs('- name: placed\n  logicalType: timestamp') },
    expect: { rule: 'breaking/logical-type-changed', path: 'orders.placed', breaks: 'F' },
    reverse: { rule: 'breaking/logical-type-changed', path: 'orders.placed', breaks: 'B' },
  },
  {
    name: 'logical type changed string → boolean (unrelated, both ways)',
    before: { [C]: odcs('- name: flag\n  logicalType: string') },
    after: { [C]: odcs('- name: flag\n  logicalType: boolean') },
    expect: { rule: 'breaking/logical-type-changed', path: 'orders.flag', breaks: 'FB' },
    reverse: { rule: 'breaking/logical-type-changed', path: 'orders.flag', breaks: 'FB' },
  },
  {
    name: 'physical type varchar(50) → varchar(100) ↔ back',
    before: { [C]: odcs('- name: email\n  logicalType: string\n  physicalType: varchar(50)') },
    after: { [C]: odcs('- name: email\n  logicalType: string\n  physicalType: VARCHAR(100)') },
    expect: { rule: 'breaking/physical-type-changed', path: 'orders.email', breaks: 'F' },
    reverse: { rule: 'breaking/physical-type-changed', path: 'orders.email', breaks: 'B' },
  },
  {
    name: 'physical type decimal(10,2) → decimal(12,4) ↔ back',
    before: { [C]: odcs(P.amount('number', '\n  physicalType: decimal(10,2)')) },
    after: { [C]: odcs(P.amount('number', '\n  physicalType: decimal(12,4)')) },
    expect: { rule: 'breaking/physical-type-changed', path: 'orders.amount', breaks: 'F' },
    reverse: { rule: 'breaking/physical-type-changed', path: 'orders.amount', breaks: 'B' },
  },
  {
    name: 'physical type decimal(10,2) → decimal(10,4): fewer integer digits, more decimals (both)',
    before: { [C]: odcs(P.amount('number', '\n  physicalType: decimal(10,2)')) },
    after: { [C]: odcs(P.amount('number', '\n  physicalType: decimal(10,4)')) },
    expect: { rule: 'breaking/physical-type-changed', path: 'orders.amount', breaks: 'FB' },
    reverse: { rule: 'breaking/physical-type-changed', path: 'orders.amount', breaks: 'FB' },
  },
  {
    name: 'maxLength 10 → 20 loosened ↔ tightened',
    before: { [C]: odcs(P.text('  logicalTypeOptions:\n    maxLength: 10')) },
    after: { [C]: odcs(P.text('  logicalTypeOptions:\n    maxLength: 20')) },
    expect: { rule: 'breaking/constraint-loosened', path: 'orders.code', breaks: 'F' },
    reverse: { rule: 'breaking/constraint-tightened', path: 'orders.code', breaks: 'B' },
  },
  {
    name: 'minimum 0 → 5 tightened ↔ loosened',
    before: { [C]: odcs(P.amount('number', '\n  logicalTypeOptions:\n    minimum: 0')) },
    after: { [C]: odcs(P.amount('number', '\n  logicalTypeOptions:\n    minimum: 5')) },
    expect: { rule: 'breaking/constraint-tightened', path: 'orders.amount', breaks: 'B' },
    reverse: { rule: 'breaking/constraint-loosened', path: 'orders.amount', breaks: 'F' },
  },
  {
    name: 'minLength added ↔ dropped',
    before: { [C]: odcs(P.text('  description: a code')) },
    after: { [C]: odcs(P.text('  description: a code\n  logicalTypeOptions:\n    minLength: 3')) },
    expect: { rule: 'breaking/constraint-tightened', path: 'orders.code', breaks: 'B' },
    reverse: { rule: 'breaking/constraint-loosened', path: 'orders.code', breaks: 'F' },
  },
  {
    name: 'pattern changed (neither includes the other)',
    before: { [C]: odcs(P.text('  logicalTypeOptions:\n    pattern: "^[A-Z]{3}$"')) },
    after: { [C]: odcs(P.text('  logicalTypeOptions:\n    pattern: "^[a-z]{3}$"')) },
    expect: { rule: 'breaking/constraint-changed', path: 'orders.code', breaks: 'FB' },
    reverse: { rule: 'breaking/constraint-changed', path: 'orders.code', breaks: 'FB' },
  },
  {
    name: 'integer format i32 → i64 widened ↔ narrowed',
    before: { [C]: odcs('- name: n\n  logicalType: integer') },
    after: { [C]: odcs('- name: n\n  logicalType: integer\n  logicalTypeOptions:\n    format: i64') },
    expect: { rule: 'breaking/constraint-loosened', path: 'orders.n', breaks: 'F' },
    reverse: { rule: 'breaking/constraint-tightened', path: 'orders.n', breaks: 'B' },
  },
  {
    name: 'enum value added ↔ removed (ODCS 3.2)',
    before: { [C]: v32('- name: currency\n  logicalType: string\n  enum:\n    - value: EUR\n    - value: USD') },
    after: {
      [C]: v32(
        '- name: currency\n  logicalType: string\n  enum:\n    - value: EUR\n    - value: USD\n    - value: GBP',
      ),
    },
    expect: { rule: 'breaking/enum-value-added', path: 'orders.currency', breaks: 'F' },
    reverse: { rule: 'breaking/enum-value-removed', path: 'orders.currency', breaks: 'B' },
  },
  {
    name: 'primary key moved to another column',
    before: { [C]: odcs(`${P.orderId}\n  primaryKey: true\n${P.customerIdRequired}`) },
    after: { [C]: odcs(`${P.orderId}\n${P.customerIdRequired}\n  primaryKey: true`) },
    expect: { rule: 'breaking/primary-key-changed', path: 'orders', breaks: 'FB' },
    reverse: { rule: 'breaking/primary-key-changed', path: 'orders', breaks: 'FB' },
  },
  {
    name: 'unique: false → true ↔ back',
    before: { [C]: odcs(`${P.orderId}\n  unique: false`) },
    after: { [C]: odcs(`${P.orderId}\n  unique: true`) },
    expect: { rule: 'breaking/unique-changed', path: 'orders.order_id', breaks: 'B' },
    reverse: { rule: 'breaking/unique-changed', path: 'orders.order_id', breaks: 'F' },
  },
  {
    name: 'partition column changed',
    before: {
      [C]: odcs('- name: country\n  logicalType: string\n  partitioned: true\n- name: region\n  logicalType: string'),
    },
    after: {
      [C]: odcs('- name: country\n  logicalType: string\n- name: region\n  logicalType: string\n  partitioned: true'),
    },
    expect: { rule: 'breaking/partition-changed', path: 'orders', breaks: 'FB' },
    reverse: { rule: 'breaking/partition-changed', path: 'orders', breaks: 'FB' },
  },
  {
    name: 'classification lowered (raising it is no finding)',
    before: { [C]: odcs('- name: email\n  logicalType: string\n  classification: restricted') },
    after: { [C]: odcs('- name: email\n  logicalType: string\n  classification: internal') },
    expect: { rule: 'breaking/classification-lowered', path: 'orders.email', breaks: 'FB' },
    reverse: null,
  },
  {
    name: 'latency 4 h → 8 h loosened (tightening is no finding)',
    before: { [C]: odcs(P.orderId, { extra: 'slaProperties:\n  - property: latency\n    value: 4\n    unit: h' }) },
    after: { [C]: odcs(P.orderId, { extra: 'slaProperties:\n  - property: latency\n    value: 8\n    unit: h' }) },
    expect: { rule: 'breaking/sla-loosened', path: 'sla.latency', breaks: 'F' },
    reverse: null,
  },
  {
    name: 'retention 3 y → 1 y loosened',
    before: { [C]: odcs(P.orderId, { extra: 'slaProperties:\n  - property: retention\n    value: 3\n    unit: y' }) },
    after: { [C]: odcs(P.orderId, { extra: 'slaProperties:\n  - property: retention\n    value: 1\n    unit: y' }) },
    expect: { rule: 'breaking/sla-loosened', path: 'sla.retention', breaks: 'F' },
    reverse: null,
  },
  {
    name: 'availability 99.9% → 99.5% loosened',
    before: { [C]: odcs(P.orderId, { extra: 'slaProperties:\n  - property: availability\n    value: "99.9%"' }) },
    after: { [C]: odcs(P.orderId, { extra: 'slaProperties:\n  - property: availability\n    value: "99.5%"' }) },
    expect: { rule: 'breaking/sla-loosened', path: 'sla.availability', breaks: 'F' },
    reverse: null,
  },
  {
    name: 'quality check removed ↔ added',
    before: {
      [C]: odcs(P.orderId, {
        objectExtra: 'quality:\n  - name: row_count\n    metric: rowCount\n    mustBeGreaterThan: 0',
      }),
    },
    after: { [C]: odcs(P.orderId) },
    expect: { rule: 'breaking/quality-removed', path: 'orders.quality', breaks: 'F' },
    reverse: { rule: 'breaking/quality-added', path: 'orders.quality', breaks: 'B' },
  },
  {
    name: 'quality threshold relaxed ↔ tightened',
    before: { [C]: odcs(`${P.orderId}\n  quality:\n    - metric: nullValues\n      mustBeLessThan: 10`) },
    after: { [C]: odcs(`${P.orderId}\n  quality:\n    - metric: nullValues\n      mustBeLessThan: 20`) },
    expect: { rule: 'breaking/quality-relaxed', path: 'orders.order_id.quality', breaks: 'F' },
    reverse: { rule: 'breaking/quality-tightened', path: 'orders.order_id.quality', breaks: 'B' },
  },
  {
    name: 'quality check query changed',
    before: {
      [C]: odcs(P.orderId, {
        objectExtra:
          'quality:\n  - name: no_negatives\n    type: sql\n    query: SELECT COUNT(*) FROM orders WHERE amount < 0\n    mustBe: 0',
      }),
    },
    after: {
      [C]: odcs(P.orderId, {
        objectExtra:
          'quality:\n  - name: no_negatives\n    type: sql\n    query: SELECT COUNT(*) FROM orders WHERE amount <= 0\n    mustBe: 0',
      }),
    },
    expect: { rule: 'breaking/quality-changed', path: 'orders.quality', breaks: 'FB' },
    reverse: { rule: 'breaking/quality-changed', path: 'orders.quality', breaks: 'FB' },
  },
  {
    name: 'schema object removed (adding one is no finding)',
    before: {
      [C]:
        odcs(P.orderId) + '  - name: refunds\n    properties:\n      - name: refund_id\n        logicalType: string\n',
    },
    after: { [C]: odcs(P.orderId) },
    expect: { rule: 'breaking/schema-object-removed', path: 'refunds', breaks: 'FB' },
    reverse: null,
  },
  {
    name: 'contract removed (adding one is no finding)',
    before: { [C]: odcs(P.orderId), 'contracts/other.odcs.yaml': odcs(P.orderId, { id: 'other' }) },
    after: { [C]: null, 'contracts/other.odcs.yaml': odcs(P.orderId, { id: 'other' }) },
    expect: { rule: 'breaking/contract-removed', path: '', breaks: 'FB' },
    reverse: null,
  },
  {
    name: 'nested property removed (path through the parent)',
    before: {
      [C]: odcs(
        '- name: address\n  logicalType: object\n  properties:\n    - name: street\n      logicalType: string\n    - name: city\n      logicalType: string',
      ),
    },
    after: {
      [C]: odcs('- name: address\n  logicalType: object\n  properties:\n    - name: street\n      logicalType: string'),
    },
    expect: { rule: 'breaking/property-removed', path: 'orders.address.city', breaks: 'F' },
    reverse: { rule: 'breaking/property-added-optional', path: 'orders.address.city', breaks: '-' },
  },
  {
    name: 'array item property type changed (items are transparent)',
    before: {
      [C]: odcs(
        '- name: lines\n  logicalType: array\n  items:\n    logicalType: object\n    properties:\n      - name: qty\n        logicalType: integer',
      ),
    },
    after: {
      [C]: odcs(
        '- name: lines\n  logicalType: array\n  items:\n    logicalType: object\n    properties:\n      - name: qty\n        logicalType: number',
      ),
    },
    expect: { rule: 'breaking/logical-type-changed', path: 'orders.lines.qty', breaks: 'F' },
    reverse: { rule: 'breaking/logical-type-changed', path: 'orders.lines.qty', breaks: 'B' },
  },
  {
    name: 'array element type changed',
    before: { [C]: odcs('- name: tags\n  logicalType: array\n  items:\n    logicalType: string') },
    after: { [C]: odcs('- name: tags\n  logicalType: array\n  items:\n    logicalType: integer') },
    expect: { rule: 'breaking/logical-type-changed', path: 'orders.tags[]', breaks: 'FB' },
    reverse: { rule: 'breaking/logical-type-changed', path: 'orders.tags[]', breaks: 'FB' },
  },
  {
    name: 'DCS field removed ↔ added',
    before: {
      'datacontract.yaml':
        'dataContractSpecification: 1.2.1\nid: dcs-orders\ninfo:\n  title: Orders\n  version: 1.0.0\nmodels:\n  orders:\n    fields:\n      id:\n        type: string\n        required: true\n      note:\n        type: string\n',
    },
    after: {
      'datacontract.yaml':
        'dataContractSpecification: 1.2.1\nid: dcs-orders\ninfo:\n  title: Orders\n  version: 1.0.0\nmodels:\n  orders:\n    fields:\n      id:\n        type: string\n        required: true\n',
    },
    expect: { rule: 'breaking/property-removed', path: 'orders.note', breaks: 'F' },
    reverse: { rule: 'breaking/property-added-optional', path: 'orders.note', breaks: '-' },
  },
  {
    name: 'DCS type int → long widened ↔ narrowed',
    before: {
      'datacontract.yaml':
        'dataContractSpecification: 1.2.1\nid: dcs-orders\ninfo:\n  title: Orders\n  version: 1.0.0\nmodels:\n  orders:\n    fields:\n      n:\n        type: int\n',
    },
    after: {
      'datacontract.yaml':
        'dataContractSpecification: 1.2.1\nid: dcs-orders\ninfo:\n  title: Orders\n  version: 1.0.0\nmodels:\n  orders:\n    fields:\n      n:\n        type: bigint\n',
    },
    expect: { rule: 'breaking/logical-type-changed', path: 'orders.n', breaks: 'F' },
    reverse: { rule: 'breaking/logical-type-changed', path: 'orders.n', breaks: 'B' },
  },
  // Servers (engine/breaking/rules/server.ts).
  {
    name: 'server removed ↔ added',
    before: { [C]: servers(`${S3}\n- server: dev\n  type: s3\n  environment: dev\n  location: s3://orders-dev/`) },
    after: { [C]: servers(S3) },
    expect: { rule: 'breaking/server-removed', path: 'servers.dev', breaks: 'F' },
    reverse: { rule: 'breaking/server-added', path: 'servers.dev', breaks: '-' },
  },
  {
    name: 'server location moved (both ways)',
    before: { [C]: servers(S3) },
    after: { [C]: servers(S3.replace('data/', 'v2/')) },
    expect: { rule: 'breaking/server-location-changed', path: 'servers.production', breaks: 'F' },
    reverse: { rule: 'breaking/server-location-changed', path: 'servers.production', breaks: 'F' },
  },
  {
    name: 'server format changed (both ways)',
    before: { [C]: servers(S3) },
    after: { [C]: servers(S3.replace('format: json', 'format: parquet')) },
    expect: { rule: 'breaking/server-type-changed', path: 'servers.production', breaks: 'F' },
    reverse: { rule: 'breaking/server-type-changed', path: 'servers.production', breaks: 'F' },
  },
  {
    name: 'production server no longer prod ↔ promoted to prod',
    before: { [C]: servers(S3) },
    after: { [C]: servers(S3.replace('environment: prod', 'environment: staging')) },
    expect: { rule: 'breaking/server-environment-changed', path: 'servers.production', breaks: 'F' },
    reverse: { rule: 'breaking/server-environment-changed', path: 'servers.production', breaks: '-' },
  },
  // Equivalence before difference (engine/breaking/rules/qualityMeaning.ts).
  {
    name: 'quality SQL reformatted, same meaning (both ways)',
    before: {
      [C]: odcs(P.orderId, {
        objectExtra:
          'quality:\n  - name: no_negatives\n    type: sql\n    query: SELECT COUNT(*) FROM orders WHERE amount < 0\n    mustBe: 0',
      }),
    },
    after: {
      [C]: odcs(P.orderId, {
        objectExtra:
          'quality:\n  - name: no_negatives\n    type: sql\n    query: |\n      select count(*) -- negative\n        from orders where amount<0\n    must_be: 0',
      }),
    },
    expect: { rule: 'breaking/quality-rewritten', path: 'orders.quality', breaks: '-' },
    reverse: { rule: 'breaking/quality-rewritten', path: 'orders.quality', breaks: '-' },
  },
  // Physical identity: the stored column stays; no consumer reads the name here (graded in realhistory.test.ts).
  {
    name: 'logical rename keeping the stored column (both ways)',
    before: { [C]: odcs('- name: txn_ref_dt\n  logicalType: date') },
    after: { [C]: odcs('- name: transaction_reference_date\n  physicalName: txn_ref_dt\n  logicalType: date') },
    expect: { rule: 'breaking/property-renamed-logical', path: 'orders.txn_ref_dt', breaks: '-' },
    reverse: { rule: 'breaking/property-renamed-logical', path: 'orders.transaction_reference_date', breaks: '-' },
  },
  {
    name: 'DCS $ref left dangling ↔ resolved again',
    before: { 'datacontract.yaml': dcsRef('#/definitions/order_id') },
    after: { 'datacontract.yaml': dcsRef('#/definitions/orderid') },
    expect: { rule: 'breaking/definition-unresolved', path: 'orders.order_id', breaks: 'F' },
    reverse: { rule: 'breaking/logical-type-changed', path: 'orders.order_id', breaks: 'B' },
  },
];

const REF_KINDS: RefKind[] = ['HEAD', 'tag', 'merge-base'];
const MODES = ['forward', 'backward', 'full', 'none'] as const;

describe('each rule, in every mode, and reversed', () => {
  CASES.forEach((c, i) => {
    const kind = REF_KINDS[i % REF_KINDS.length];
    for (const [label, before, after, expect] of [
      ['', c.before, c.after, c.expect],
      [' (reversed)', c.after, c.before, c.reverse],
    ] as const) {
      it(`${c.name}${label}, against ${kind === 'tag' ? 'a tag' : kind}`, async () => {
        for (const mode of MODES) {
          const result = await compare(before, after, kind, mode);
          assert.equal(result.error, undefined, result.error);
          if (!expect) {
            assert.deepEqual(
              result.findings.map((f) => `${f.rule}: ${f.message}`),
              [],
              `${mode}: no finding expected`,
            );
            continue;
          }
          const finding = only(result.findings, expect);
          assert.equal(finding.severity, expectedSeverity(expect.breaks, mode), `${mode}: ${finding.message}`);
          assert.equal(result.exitCode, finding.severity === 'error' ? 1 : 0, `${mode}: exit code`);
        }
      });
    }
  });
});

describe('renames, moves, metadata', () => {
  it('a moved file is the same contract: no finding', async () => {
    const repo = Repo.init({ [C]: odcs(`${P.orderId}\n${P.customerIdRequired}`) });
    repo.move(C, 'elsewhere/deeper/renamed.odcs.yaml');
    const result = await breaking(repo.dir, 'HEAD');
    assert.deepEqual(result.findings, []);
    assert.equal(result.exitCode, 0);
  });

  it('a property renamed by similarity is named as such ("renamed `cust_id` to `customer_id`?")', async () => {
    const repo = Repo.init({
      [C]: odcs(`${P.orderId}\n- name: cust_id\n  logicalType: string\n  description: who ordered`),
    });
    repo.write({ [C]: odcs(`${P.orderId}\n- name: customer_id\n  logicalType: string\n  description: who ordered`) });
    const result = await breaking(repo.dir, 'HEAD');
    const finding = only(result.findings, { rule: 'breaking/property-renamed', path: 'orders.cust_id', breaks: 'F' });
    assert.match(finding.message, /renamed `cust_id` to `customer_id`\?/);
    assert.deepEqual([finding.change?.before, finding.change?.after], ['cust_id', 'customer_id']);
    // Placed on the new name.
    assert.equal(finding.range.start.line, 12);
  });

  it('a property renamed with the same id is a definite rename, and its other changes are reported too', async () => {
    const repo = Repo.init({ [C]: odcs('- id: p_amount\n  name: amt\n  logicalType: integer') });
    repo.write({ [C]: odcs('- id: p_amount\n  name: total_amount\n  logicalType: number') });
    const result = await breaking(repo.dir, 'HEAD');
    assert.deepEqual(result.findings.map((f) => `${f.rule} ${f.change?.path}`).sort(), [
      'breaking/logical-type-changed orders.total_amount',
      'breaking/property-renamed orders.amt',
    ]);
    assert.match(
      result.findings.find((f) => f.rule === 'breaking/property-renamed')!.message,
      /renamed to `total_amount` \(same id `p_amount`\)/,
    );
  });

  it('unrelated names are a removal and an addition, not a rename', async () => {
    const repo = Repo.init({ [C]: odcs(`${P.orderId}\n- name: status\n  logicalType: string`) });
    repo.write({ [C]: odcs(`${P.orderId}\n- name: amount\n  logicalType: number`) });
    const rules = (await breaking(repo.dir, 'HEAD')).findings.map((f) => f.rule).sort();
    assert.deepEqual(rules, ['breaking/property-added-optional', 'breaking/property-removed']);
  });

  it('a schema object renamed by similarity', async () => {
    const props = `${P.orderId}\n${P.customerIdRequired}\n${P.amount('number')}`;
    const repo = Repo.init({ [C]: odcs(props, { object: 'order' }) });
    repo.write({ [C]: odcs(props, { object: 'orders' }) });
    const finding = only((await breaking(repo.dir, 'HEAD')).findings, {
      rule: 'breaking/schema-object-renamed',
      path: 'order',
      breaks: 'FB',
    });
    assert.match(finding.message, /renamed `order` to `orders`\?/);
  });

  it('metadata edits (descriptions, tags, examples, business names) are not changes', async () => {
    const repo = Repo.init({
      [C]: odcs(`${P.orderId}\n  description: old\n  tags: [a]\n  examples: ["1"]\n  businessName: Order`, {
        extra: 'description:\n  purpose: old',
      }),
    });
    repo.write({
      [C]: odcs(
        `${P.orderId}\n  description: new words\n  tags: [a, b]\n  examples: ["2", "3"]\n  businessName: The order`,
        { extra: 'description:\n  purpose: new' },
      ),
    });
    assert.deepEqual((await breaking(repo.dir, 'HEAD')).findings, []);
  });

  it('a contract whose id changed is a removal, placed on the new id', async () => {
    const repo = Repo.init({ [C]: odcs(P.orderId) });
    repo.write({ [C]: odcs(P.orderId, { id: 'orders-v2' }) });
    const finding = only((await breaking(repo.dir, 'HEAD')).findings, {
      rule: 'breaking/contract-removed',
      path: '',
      breaks: 'FB',
    });
    assert.equal(finding.file, C);
    assert.equal(finding.range.start.line, 3);
    assert.match(finding.message, /id changed from `orders` to `orders-v2`/);
  });
});

describe('semver: a major version bump turns errors into warnings', () => {
  it('error without a bump, warning with one, error again for a minor bump', async () => {
    for (const [version, severity] of [
      ['1.0.0', 'error'],
      ['2.0.0', 'warning'],
      ['1.1.0', 'error'],
    ] as const) {
      const repo = Repo.init({ [C]: odcs(`${P.orderId}\n${P.customerIdRequired}`, { version: '1.0.0' }) });
      repo.write({ [C]: odcs(P.orderId, { version }) });
      const result = await breaking(repo.dir, 'HEAD');
      assert.equal(result.findings[0].severity, severity, `version ${version}`);
      assert.equal(result.exitCode, severity === 'error' ? 1 : 0);
      if (severity === 'warning') assert.match(result.findings[0].message, /major version bump \(1\.0\.0 → 2\.0\.0\)/);
    }
  });

  it('0.x versions: a minor bump is a major one', async () => {
    const repo = Repo.init({ [C]: odcs(`${P.orderId}\n${P.customerIdRequired}`, { version: '0.3.1' }) });
    repo.write({ [C]: odcs(P.orderId, { version: '0.4.0' }) });
    assert.equal((await breaking(repo.dir, 'HEAD')).findings[0].severity, 'warning');
  });
});

describe('status-deprecated: only while consumed', () => {
  const product =
    'apiVersion: v1.0.0\nkind: DataProduct\nid: churn\nstatus: active\ninputPorts:\n  - name: orders\n    version: 1.0.0\n    contractId: orders\n';
  it('deprecated while a product reads it: a warning naming the product; retired: an error', async () => {
    for (const [status, severity] of [
      ['deprecated', 'warning'],
      ['retired', 'error'],
    ] as const) {
      const repo = Repo.init({ [C]: odcs(P.orderId), 'products/churn.odps.yaml': product });
      repo.write({ [C]: odcs(P.orderId).replace('status: active', `status: ${status}`) });
      const finding = only((await breaking(repo.dir, 'HEAD')).findings, {
        rule: 'breaking/status-deprecated',
        path: '',
        breaks: 'F',
      });
      assert.equal(finding.severity, severity);
      assert.deepEqual(
        finding.impact?.map((i) => `${i.kind} ${i.id}`),
        ['product churn'],
      );
    }
  });
  it('deprecated with no consumer: no finding', async () => {
    const repo = Repo.init({ [C]: odcs(P.orderId) });
    repo.write({ [C]: odcs(P.orderId).replace('status: active', 'status: deprecated') });
    assert.deepEqual((await breaking(repo.dir, 'HEAD')).findings, []);
  });
});

describe('compatibility: configuration, the contract itself, --compat', () => {
  const before = { [C]: odcs(P.amount('number', '\n  required: false')) };
  const after = (extra?: string) => ({ [C]: odcs(P.amount('number', '\n  required: true'), extra ? { extra } : {}) });
  const severity = async (
    files: Record<string, string>,
    changed: Record<string, string>,
    compat?: 'forward' | 'backward' | 'full' | 'none',
  ) => {
    const repo = Repo.init(files);
    repo.write(changed);
    return (await breaking(repo.dir, 'HEAD', { compat })).findings.map((f) => f.severity);
  };
  it('default forward: a newly required property is information', async () => {
    assert.deepEqual(await severity(before, after()), ['info']);
  });
  it('breaking.compatibility in pactline.yaml', async () => {
    assert.deepEqual(
      await severity({ ...before, 'pactline.yaml': 'breaking:\n  compatibility: backward\n' }, after()),
      ['error'],
    );
  });
  it('breaking.contracts[id] wins over breaking.compatibility', async () => {
    assert.deepEqual(
      await severity(
        { ...before, 'pactline.yaml': 'breaking:\n  compatibility: backward\n  contracts:\n    orders: forward\n' },
        after(),
      ),
      ['info'],
    );
  });
  it("the contract's own customProperties compatibility", async () => {
    assert.deepEqual(
      await severity(before, after('customProperties:\n  - property: compatibility\n    value: backward')),
      ['error'],
    );
  });
  it('--compat overrides both', async () => {
    assert.deepEqual(
      await severity({ ...before, 'pactline.yaml': 'breaking:\n  compatibility: backward\n' }, after(), 'forward'),
      ['info'],
    );
    assert.deepEqual(
      await severity(before, after('customProperties:\n  - property: compatibility\n    value: backward')),
      ['error'],
    );
  });
});

describe('configuration and suppression', () => {
  const base = { [C]: odcs(`${P.orderId}\n${P.customerIdRequired}`) };
  it('a configured severity replaces error; off silences the rule', async () => {
    for (const [setting, expected] of [
      ['warning', ['warning']],
      ['off', []],
    ] as const) {
      const repo = Repo.init({ ...base, 'pactline.yaml': `rules:\n  breaking/property-removed: ${setting}\n` });
      repo.write({ [C]: odcs(P.orderId) });
      assert.deepEqual(
        (await breaking(repo.dir, 'HEAD')).findings.map((f) => f.severity),
        expected,
      );
    }
  });
  it('a suppression comment on the line above the finding', async () => {
    const repo = Repo.init(base);
    repo.write({
      [C]: odcs(P.orderId).replace(
        '    properties:',
        '    # pactline-disable-next-line breaking/property-removed -- moved to the customers contract\n    properties:',
      ),
    });
    assert.deepEqual((await breaking(repo.dir, 'HEAD')).findings, []);
  });
});

describe('placement and related information', () => {
  it('a removed property is reported on its parent, with where it was in the base', async () => {
    const { compareSnapshots, locateBreaking } = await import('../../server/src/engine/breaking');
    const { parseDocument } = await import('../../server/src/engine/document');
    const { WorkspaceIndex } = await import('../../server/src/engine/workspace');
    const base = parseDocument(C, odcs(`${P.orderId}\n${P.customerIdRequired}`));
    const current = parseDocument(C, odcs(P.orderId));
    const index = new WorkspaceIndex();
    index.update(current);
    const findings = locateBreaking(compareSnapshots([base], [current], index, { baseLabel: 'HEAD~1' })).get(C)!;
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].range.start, { line: 7, character: 4 }); // `properties:` of `orders`
    const related = findings[0].relatedInformation![0];
    assert.equal(related.location.uri, C);
    assert.equal(related.location.range.start.line, 11); // the `-` of customer_id at HEAD~1
    assert.match(
      related.message,
      /^At HEAD~1, contracts\/orders\.odcs\.yaml:12:\n- name: customer_id\n {2}logicalType: string\n {2}required: true$/,
    );
  });
});
