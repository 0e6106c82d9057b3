// Every registered breaking rule as a unit, as bufbuild/buf tests its breaking rules: for each rule a
// minimal base/head pair that triggers it (and nothing else), with the verdict the rule documents,
// and the reverse change (head → base) with what it gives instead (usually another rule, sometimes
// the same one: the rule is symmetric). Through the engine (parse, index, compareSnapshots) in the
// forward and backward modes: a finding that is not `info` in a mode breaks that compatibility.
// The catalogue test fails when a rule is registered without an id, severity, doc, verdict or a
// triggering case here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareSnapshots, VERDICTS, type BreakingRuleId } from '../../server/src/engine/breaking';
import { BREAKING_RULES, BREAKING_RULE_DOCS } from '../../server/src/engine/breaking/rules';
import { parseDocument, type ParsedDocument } from '../../server/src/engine/document';
import { RULES } from '../../server/src/engine/rules';
import { WorkspaceIndex } from '../../server/src/engine/workspace';
import { odcs } from './helpers';

type Breaks = 'F' | 'B' | 'FB' | '-';
type Files = Record<string, string | null>;

interface Verdict {
  rule: BreakingRuleId;
  breaks: Breaks;
}

interface Case {
  name: string;
  base: Files;
  head: Files;
  expect: Verdict;
  /** The change reversed (head → base): its one finding, or null for none. */
  reverse: Verdict | null;
}

const C = 'contracts/orders.odcs.yaml';
const D = 'datacontract.yaml';

/** Files in both versions: who consumes `orders` (a product, a pipeline mapping `txn_ref_dt` by name). */
const CONSUMERS: Record<string, string> = {
  'products/shop.odps.yaml': [
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
  ].join('\n'),
  'contracts/archive.odcs.yaml': odcs('- name: day\n  logicalType: date', { id: 'archive', object: 'archive' }),
  'p.pipeline.yaml': [
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
    '        columns:',
    '          day: txn_ref_dt',
    '',
  ].join('\n'),
};

const ID = '- name: order_id\n  logicalType: string\n  required: true';
const prop = (name: string, yaml = '') => `- name: ${name}\n  logicalType: string${yaml ? '\n' + yaml : ''}`;
const orders = (properties: string, extra?: string) => ({ [C]: odcs(properties, { extra }) });
const withObjectQuality = (check: string) => ({
  [C]: odcs(ID, { objectExtra: `quality:\n${check.replace(/^/gm, '  ')}` }),
});
/** ODCS v3.2, which has `enum`. */
const v32 = (properties: string) => ({ [C]: odcs(properties).replace('apiVersion: v3.1.0', 'apiVersion: v3.2.0') });
const server = (yaml: string) => orders(ID, `servers:\n${yaml.replace(/^/gm, '  ')}`);
const S3 = '- server: production\n  type: s3\n  environment: prod\n  location: s3://orders/data/\n  format: json';
const sla = (property: string, value: string, unit?: string) =>
  orders(ID, `slaProperties:\n  - property: ${property}\n    value: ${value}${unit ? `\n    unit: ${unit}` : ''}`);
const dcs = (field: string) => ({
  [D]: [
    'dataContractSpecification: 1.2.1',
    'id: orders',
    'info:',
    '  title: Orders',
    '  version: 1.0.0',
    'models:',
    '  orders:',
    '    fields:',
    '      order_id:',
    field.replace(/^/gm, '        '),
    'definitions:',
    '  order_id:',
    '    type: string',
    '',
  ].join('\n'),
});

const CASES: Case[] = [
  {
    name: 'contract removed ↔ added (a new contract is no finding)',
    base: orders(ID),
    head: { [C]: null },
    expect: { rule: 'breaking/contract-removed', breaks: 'FB' },
    reverse: null,
  },
  {
    name: 'status active → retired ↔ back (no finding)',
    base: orders(ID),
    head: { [C]: odcs(ID).replace('status: active', 'status: retired') },
    expect: { rule: 'breaking/status-deprecated', breaks: 'F' },
    reverse: null,
  },
  {
    name: 'latency 4 h → 8 h ↔ back (a tighter SLA is no finding)',
    base: sla('latency', '4', 'h'),
    head: sla('latency', '8', 'h'),
    expect: { rule: 'breaking/sla-loosened', breaks: 'F' },
    reverse: null,
  },
  {
    name: 'object quality check removed ↔ added',
    base: withObjectQuality('- name: rows\n  metric: rowCount\n  mustBeGreaterThan: 0'),
    head: orders(ID),
    expect: { rule: 'breaking/quality-removed', breaks: 'F' },
    reverse: { rule: 'breaking/quality-added', breaks: 'B' },
  },
  {
    name: 'quality threshold relaxed ↔ tightened',
    base: withObjectQuality('- name: rows\n  metric: rowCount\n  mustBeGreaterThan: 10'),
    head: withObjectQuality('- name: rows\n  metric: rowCount\n  mustBeGreaterThan: 5'),
    expect: { rule: 'breaking/quality-relaxed', breaks: 'F' },
    reverse: { rule: 'breaking/quality-tightened', breaks: 'B' },
  },
  {
    name: 'object quality check added ↔ removed',
    base: orders(ID),
    head: withObjectQuality('- name: rows\n  metric: rowCount\n  mustBeGreaterThan: 0'),
    expect: { rule: 'breaking/quality-added', breaks: 'B' },
    reverse: { rule: 'breaking/quality-removed', breaks: 'F' },
  },
  {
    name: 'quality threshold tightened ↔ relaxed',
    base: withObjectQuality('- name: nulls\n  metric: nullValues\n  mustBeLessThan: 20'),
    head: withObjectQuality('- name: nulls\n  metric: nullValues\n  mustBeLessThan: 10'),
    expect: { rule: 'breaking/quality-tightened', breaks: 'B' },
    reverse: { rule: 'breaking/quality-relaxed', breaks: 'F' },
  },
  {
    name: 'quality check definition changed (symmetric)',
    base: withObjectQuality(
      '- name: neg\n  type: sql\n  query: SELECT COUNT(*) FROM orders WHERE amount < 0\n  mustBe: 0',
    ),
    head: withObjectQuality(
      '- name: neg\n  type: sql\n  query: SELECT COUNT(*) FROM orders WHERE amount <= 0\n  mustBe: 0',
    ),
    expect: { rule: 'breaking/quality-changed', breaks: 'FB' },
    reverse: { rule: 'breaking/quality-changed', breaks: 'FB' },
  },
  {
    name: 'quality threshold key respelled, same meaning (symmetric)',
    base: withObjectQuality('- name: rows\n  metric: rowCount\n  mustBeGreaterThan: 0'),
    head: withObjectQuality('- name: rows\n  metric: rowCount\n  must_be_greater_than: 0'),
    expect: { rule: 'breaking/quality-rewritten', breaks: '-' },
    reverse: { rule: 'breaking/quality-rewritten', breaks: '-' },
  },
  {
    name: 'schema object removed ↔ added (no finding for a new object)',
    base: {
      [C]: odcs(ID) + '  - name: refunds\n    properties:\n      - name: refund_id\n        logicalType: string\n',
    },
    head: orders(ID),
    expect: { rule: 'breaking/schema-object-removed', breaks: 'FB' },
    reverse: null,
  },
  {
    name: 'schema object renamed, same physical name (symmetric)',
    base: { [C]: odcs(ID, { objectExtra: 'physicalName: tbl_orders' }) },
    head: { [C]: odcs(ID, { object: 'purchases', objectExtra: 'physicalName: tbl_orders' }) },
    expect: { rule: 'breaking/schema-object-renamed', breaks: 'FB' },
    reverse: { rule: 'breaking/schema-object-renamed', breaks: 'FB' },
  },
  {
    name: 'primary key moved to another column (symmetric)',
    base: orders(`${ID}\n  primaryKey: true\n${prop('code')}`),
    head: orders(`${ID}\n${prop('code', '  primaryKey: true')}`),
    expect: { rule: 'breaking/primary-key-changed', breaks: 'FB' },
    reverse: { rule: 'breaking/primary-key-changed', breaks: 'FB' },
  },
  {
    name: 'primary key dropped ↔ declared',
    base: orders(`${ID}\n  primaryKey: true`),
    head: orders(ID),
    expect: { rule: 'breaking/primary-key-changed', breaks: 'F' },
    reverse: { rule: 'breaking/primary-key-changed', breaks: 'B' },
  },
  {
    name: 'partition column moved (symmetric)',
    base: orders(`${prop('country', '  partitioned: true')}\n${prop('region')}`),
    head: orders(`${prop('country')}\n${prop('region', '  partitioned: true')}`),
    expect: { rule: 'breaking/partition-changed', breaks: 'FB' },
    reverse: { rule: 'breaking/partition-changed', breaks: 'FB' },
  },
  {
    name: 'property removed ↔ required property added',
    base: orders(`${ID}\n${prop('customer_id', '  required: true')}`),
    head: orders(ID),
    expect: { rule: 'breaking/property-removed', breaks: 'F' },
    reverse: { rule: 'breaking/property-added-required', breaks: 'B' },
  },
  {
    name: 'required property added ↔ removed',
    base: orders(ID),
    head: orders(`${ID}\n${prop('customer_id', '  required: true')}`),
    expect: { rule: 'breaking/property-added-required', breaks: 'B' },
    reverse: { rule: 'breaking/property-removed', breaks: 'F' },
  },
  {
    name: 'optional property added ↔ removed',
    base: orders(ID),
    head: orders(`${ID}\n${prop('note')}`),
    expect: { rule: 'breaking/property-added-optional', breaks: '-' },
    reverse: { rule: 'breaking/property-removed', breaks: 'F' },
  },
  {
    name: 'DCS `$ref` resolves to nothing ↔ resolves again (its type is declared again)',
    base: dcs("$ref: '#/definitions/order_id'"),
    head: dcs("$ref: '#/definitions/orderid'"),
    expect: { rule: 'breaking/definition-unresolved', breaks: 'F' },
    // resolving again declares the definition's type where the field had none
    reverse: { rule: 'breaking/logical-type-changed', breaks: 'B' },
  },
  {
    name: 'logical type integer → number ↔ narrowed',
    base: orders('- name: amount\n  logicalType: integer'),
    head: orders('- name: amount\n  logicalType: number'),
    expect: { rule: 'breaking/logical-type-changed', breaks: 'F' },
    reverse: { rule: 'breaking/logical-type-changed', breaks: 'B' },
  },
  {
    name: 'physical type varchar(50) → varchar(100) ↔ narrowed',
    base: orders(prop('email', '  physicalType: varchar(50)')),
    head: orders(prop('email', '  physicalType: varchar(100)')),
    expect: { rule: 'breaking/physical-type-changed', breaks: 'F' },
    reverse: { rule: 'breaking/physical-type-changed', breaks: 'B' },
  },
  {
    name: 'property made required ↔ optional',
    base: orders(prop('note')),
    head: orders(prop('note', '  required: true')),
    expect: { rule: 'breaking/required-changed', breaks: 'B' },
    reverse: { rule: 'breaking/required-changed', breaks: 'F' },
  },
  {
    name: 'property made unique ↔ not unique',
    base: orders(prop('email')),
    head: orders(prop('email', '  unique: true')),
    expect: { rule: 'breaking/unique-changed', breaks: 'B' },
    reverse: { rule: 'breaking/unique-changed', breaks: 'F' },
  },
  {
    name: 'classification restricted → internal ↔ raised (no finding)',
    base: orders(prop('email', '  classification: restricted')),
    head: orders(prop('email', '  classification: internal')),
    expect: { rule: 'breaking/classification-lowered', breaks: 'FB' },
    reverse: null,
  },
  {
    name: 'property renamed, same id, optional (symmetric)',
    base: orders(`${ID}\n${prop('cust', '  id: p_cust')}`),
    head: orders(`${ID}\n${prop('customer', '  id: p_cust')}`),
    expect: { rule: 'breaking/property-renamed', breaks: 'F' },
    reverse: { rule: 'breaking/property-renamed', breaks: 'F' },
  },
  {
    name: 'logical rename keeping the stored column, read by name (symmetric)',
    base: orders('- name: txn_ref_dt\n  logicalType: date'),
    head: orders('- name: transaction_reference_date\n  physicalName: txn_ref_dt\n  logicalType: date'),
    expect: { rule: 'breaking/property-renamed-logical', breaks: 'F' },
    reverse: { rule: 'breaking/property-renamed-logical', breaks: 'F' },
  },
  {
    name: 'maxLength 20 → 10 ↔ loosened',
    base: orders(prop('code', '  logicalTypeOptions:\n    maxLength: 20')),
    head: orders(prop('code', '  logicalTypeOptions:\n    maxLength: 10')),
    expect: { rule: 'breaking/constraint-tightened', breaks: 'B' },
    reverse: { rule: 'breaking/constraint-loosened', breaks: 'F' },
  },
  {
    name: 'minimum dropped ↔ declared',
    base: orders('- name: amount\n  logicalType: number\n  logicalTypeOptions:\n    minimum: 0'),
    head: orders('- name: amount\n  logicalType: number'),
    expect: { rule: 'breaking/constraint-loosened', breaks: 'F' },
    reverse: { rule: 'breaking/constraint-tightened', breaks: 'B' },
  },
  {
    name: 'enum declared ↔ dropped: a whole enum is a constraint',
    base: v32(prop('currency')),
    head: v32(prop('currency', '  enum:\n    - value: EUR\n    - value: USD')),
    expect: { rule: 'breaking/constraint-tightened', breaks: 'B' },
    reverse: { rule: 'breaking/constraint-loosened', breaks: 'F' },
  },
  {
    name: 'pattern replaced by another (symmetric)',
    base: orders(prop('code', '  logicalTypeOptions:\n    pattern: "^[A-Z]+$"')),
    head: orders(prop('code', '  logicalTypeOptions:\n    pattern: "^[0-9]+$"')),
    expect: { rule: 'breaking/constraint-changed', breaks: 'FB' },
    reverse: { rule: 'breaking/constraint-changed', breaks: 'FB' },
  },
  {
    name: 'enum value removed ↔ added (ODCS v3.2)',
    base: v32(prop('currency', '  enum:\n    - value: EUR\n    - value: USD')),
    head: v32(prop('currency', '  enum:\n    - value: EUR')),
    expect: { rule: 'breaking/enum-value-removed', breaks: 'B' },
    reverse: { rule: 'breaking/enum-value-added', breaks: 'F' },
  },
  {
    name: 'enum value added ↔ removed (ODCS v3.2)',
    base: v32(prop('currency', '  enum:\n    - value: EUR')),
    head: v32(prop('currency', '  enum:\n    - value: EUR\n    - value: GBP')),
    expect: { rule: 'breaking/enum-value-added', breaks: 'F' },
    reverse: { rule: 'breaking/enum-value-removed', breaks: 'B' },
  },
  {
    name: 'server added ↔ removed',
    base: orders(ID),
    head: server(S3),
    expect: { rule: 'breaking/server-added', breaks: '-' },
    reverse: { rule: 'breaking/server-removed', breaks: 'F' },
  },
  {
    name: 'server removed ↔ added',
    base: server(S3),
    head: orders(ID),
    expect: { rule: 'breaking/server-removed', breaks: 'F' },
    reverse: { rule: 'breaking/server-added', breaks: '-' },
  },
  {
    name: 'server location moved (symmetric)',
    base: server(S3),
    head: server(S3.replace('data/', 'v2/')),
    expect: { rule: 'breaking/server-location-changed', breaks: 'F' },
    reverse: { rule: 'breaking/server-location-changed', breaks: 'F' },
  },
  {
    name: 'server format json → parquet (symmetric)',
    base: server(S3),
    head: server(S3.replace('json', 'parquet')),
    expect: { rule: 'breaking/server-type-changed', breaks: 'F' },
    reverse: { rule: 'breaking/server-type-changed', breaks: 'F' },
  },
  {
    name: 'production server becomes dev ↔ dev becomes production (information)',
    base: server(S3),
    head: server(S3.replace('environment: prod', 'environment: dev')),
    expect: { rule: 'breaking/server-environment-changed', breaks: 'F' },
    reverse: { rule: 'breaking/server-environment-changed', breaks: '-' },
  },
];

/** The base's files (with the consumers), the head's files (the base with `head` applied), compared in one mode. */
function compare(base: Files, head: Files, compat: 'forward' | 'backward') {
  const parse = (files: Files) =>
    Object.entries({ ...CONSUMERS, ...files })
      .filter((e): e is [string, string] => e[1] !== null)
      .map(([path, text]) => parseDocument(path, text));
  const then = parse(base);
  const now = parse({ ...base, ...head });
  const index = new WorkspaceIndex();
  for (const doc of now) index.update(doc);
  return compareSnapshots(then, now as ParsedDocument[], index, { compat, baseLabel: 'main' });
}

/** The rules found, each with what it breaks: not `info` under `forward` is F, under `backward` B. */
function verdicts(base: Files, head: Files): Verdict[] {
  const forward = compare(base, head, 'forward');
  const backward = compare(base, head, 'backward');
  assert.deepEqual(
    backward.map((f) => f.rule),
    forward.map((f) => f.rule),
    'the same changes in both modes',
  );
  return forward.map((f, i) => {
    const breaks = (f.severity !== 'info' ? 'F' : '') + (backward[i].severity !== 'info' ? 'B' : '');
    return { rule: f.rule as BreakingRuleId, breaks: (breaks || '-') as Breaks };
  });
}

/** `head` applied to `base` and undone: the head's files become the base, the base's files the head. */
function reversed(c: Case): { base: Files; head: Files } {
  const base = { ...c.base, ...c.head };
  const head: Files = {};
  for (const file of Object.keys(c.head)) head[file] = c.base[file] ?? null;
  return { base, head };
}

describe('every breaking rule: the change and its reverse', () => {
  for (const c of CASES) {
    it(`${c.expect.rule}: ${c.name}`, () => {
      assert.deepEqual(verdicts(c.base, c.head), [c.expect]);
      const r = reversed(c);
      assert.deepEqual(verdicts(r.base, r.head), c.reverse ? [c.reverse] : []);
    });
  }
});

/** Rules whose documented verdict is the usual case; their docs say when it is less. */
const CONDITIONAL: Partial<Record<BreakingRuleId, string>> = {
  'breaking/primary-key-changed': 'a key declared where none was breaks backward only; one dropped, forward only',
  'breaking/partition-changed': 'likewise for partition columns',
  'breaking/property-renamed': 'also backward when the new name is required',
};

describe('the catalogue of breaking rules', () => {
  it('every registered rule has an id, a severity, a one-line doc, a verdict, a check and a case above', () => {
    const covered = new Set(CASES.flatMap((c) => [c.expect.rule, ...(c.reverse ? [c.reverse.rule] : [])]));
    const triggered = new Set(CASES.map((c) => c.expect.rule));
    const missing: string[] = [];
    for (const unit of BREAKING_RULES) {
      assert.ok(unit.rules.length > 0, 'a unit declares at least one rule');
      const hooks = Object.values(unit.checks).flatMap((element) => Object.values(element ?? {}));
      assert.ok(
        hooks.length > 0 && hooks.every((h) => typeof h === 'function'),
        `${unit.rules[0].id}: a unit has a check`,
      );
      for (const rule of unit.rules) {
        assert.match(rule.id, /^breaking\/[a-z]+(-[a-z]+)*$/);
        assert.ok(['error', 'warning', 'info'].includes(rule.severity), `${rule.id}: severity`);
        assert.ok(['F', 'B', 'FB', 'dir', '-'].includes(rule.verdict), `${rule.id}: verdict`);
        assert.ok(rule.description.length > 20 && !rule.description.includes('\n'), `${rule.id}: one-line doc`);
        if (!triggered.has(rule.id)) missing.push(rule.id);
        assert.ok(covered.has(rule.id));
      }
    }
    assert.deepEqual(missing, [], 'rules without a triggering case in CASES');
  });

  it('each case agrees with the verdict its rule documents', () => {
    for (const v of CASES.flatMap((c) => [c.expect, ...(c.reverse ? [c.reverse] : [])])) {
      const documented = VERDICTS[v.rule];
      if (v.rule === 'breaking/server-environment-changed') continue; // information unless production is lost
      if (documented === 'dir' || v.rule in CONDITIONAL) assert.notEqual(v.breaks, '-', `${v.rule} breaks`);
      else assert.equal(v.breaks, documented, v.rule);
    }
  });

  it('ids are unique, and the catalogue, engine/rules.ts and the units list the same rules', () => {
    const ids = BREAKING_RULE_DOCS.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    const listed = RULES.filter((r) => r.id.startsWith('breaking/'));
    assert.deepEqual(
      listed,
      BREAKING_RULE_DOCS.map(({ id, severity, description }) => ({ id, severity, description })),
    );
  });
});
