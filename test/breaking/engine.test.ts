// The engine half on its own (no git): the catalogue matches the rule list, the engine stays pure,
// the type lattice and amounts, impact (consumers, producers, relationships, mapped columns), and the
// API the editor calls (`breakingDiagnostics` over a LanguageService, one file at a time).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  BREAKING_RULE_IDS,
  breakingDiagnostics,
  compareSnapshots,
  nameSimilarity,
  VERDICTS,
} from '../../server/src/engine/breaking';
import { parsePercent } from '../../server/src/engine/breaking/model';
import { durationOf as parseDuration } from '../../server/src/engine/duration';
import {
  classificationRank,
  isMajorBump,
  logicalTypeDirection,
  physicalTypeDirection,
} from '../../server/src/engine/breaking/typeRules';
import { parseDocument, type ParsedDocument } from '../../server/src/engine/document';
import { RULES } from '../../server/src/engine/rules';
import { LanguageService } from '../../server/src/engine/service';
import { WorkspaceIndex } from '../../server/src/engine/workspace';
import { odcs, ROOT } from './helpers';

describe('catalogue', () => {
  it('every breaking rule is in RULES (and the README table), and every RULES breaking entry is implemented', () => {
    const listed = RULES.map((r) => r.id as string).filter((id) => id.startsWith('breaking/'));
    assert.deepEqual([...listed].sort(), [...BREAKING_RULE_IDS].sort());
    assert.deepEqual(Object.keys(VERDICTS).sort(), [...BREAKING_RULE_IDS].sort());
  });

  it('the engine half is pure: no file system, process, child processes or network', () => {
    const dir = path.join(ROOT, 'server/src/engine/breaking');
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    assert.ok(files.includes(path.join('rules', 'server.ts')));
    for (const file of files) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      // The SQL parser is pure (text in, syntax tree out), loaded lazily: the only require allowed.
      assert.doesNotMatch(
        text,
        /from 'node:|require\((?!'node-sql-parser\/build\/postgresql'\))|\bprocess\.|from '(fs|child_process|path|os|net|http)'|\.\.\/\.\.\/(\.\.\/)?git|\.\.\/\.\.\/(\.\.\/)?cli/,
        file,
      );
    }
  });
});

describe('directions', () => {
  it('logical types: widening, narrowing, unrelated', () => {
    assert.equal(logicalTypeDirection('integer', 'number'), 'wider');
    assert.equal(logicalTypeDirection('number', 'integer'), 'narrower');
    assert.equal(logicalTypeDirection('date', 'timestamp'), 'wider');
    assert.equal(logicalTypeDirection('string', 'date'), 'other');
    assert.equal(logicalTypeDirection('int', 'decimal'), 'wider'); // DCS, through long
    assert.equal(logicalTypeDirection('float', 'double'), 'wider');
  });

  it('physical types', () => {
    const cases: [string, string, string][] = [
      ['varchar(50)', 'VARCHAR(100)', 'wider'],
      ['varchar(100)', 'varchar(50)', 'narrower'],
      ['varchar(50)', 'text', 'wider'],
      ['decimal(10,2)', 'decimal(12,2)', 'wider'],
      ['decimal(10,2)', 'decimal(12,4)', 'wider'],
      ['decimal(10,2)', 'decimal(10,4)', 'other'],
      ['int', 'bigint', 'wider'],
      ['BIGINT', 'INTEGER', 'narrower'],
      ['real', 'double', 'wider'],
      ['INT64', 'STRING', 'other'],
      ['timestamp(3)', 'timestamp(6)', 'wider'],
      ['timestamp', 'timestamp with time zone', 'other'],
      ['date', 'timestamp', 'wider'],
      ['char(3)', 'char(4)', 'other'],
      ['NUMBER(38,0)', 'number(38,0)', 'equal'],
    ];
    for (const [a, b, expected] of cases) assert.equal(physicalTypeDirection(a, b), expected, `${a} → ${b}`);
  });

  it('durations, percentages, classifications, versions', () => {
    assert.equal(parseDuration('25h'), 25 * 3_600_000);
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('1 year'), 365 * 86_400_000);
    assert.equal(parseDuration('P1D'), 86_400_000);
    assert.equal(parseDuration('PT1H30M'), 5_400_000);
    assert.equal(parseDuration('4', 'h'), 4 * 3_600_000);
    assert.equal(parseDuration('soon'), undefined);
    assert.equal(parsePercent('99.9%'), 99.9);
    assert.ok(classificationRank('restricted')! > classificationRank('internal')!);
    assert.ok(classificationRank('Confidential')! > classificationRank('public')!);
    assert.equal(classificationRank('blue'), undefined);
    assert.equal(isMajorBump('1.4.0', '2.0.0'), true);
    assert.equal(isMajorBump('1.4.0', '1.5.0'), false);
    assert.equal(isMajorBump('0.3.0', '0.4.0'), true);
    assert.equal(isMajorBump('2.0.0', '1.0.0'), false);
    assert.equal(isMajorBump(undefined, '2.0.0'), false);
  });

  it('name similarity finds abbreviations and typos, not unrelated names', () => {
    assert.ok(nameSimilarity('cust_id', 'customer_id') >= 0.5);
    assert.ok(nameSimilarity('custId', 'customer_id') >= 0.5);
    assert.ok(nameSimilarity('adress', 'address') >= 0.5);
    assert.ok(nameSimilarity('status', 'amount') < 0.5);
  });
});

/** A workspace: base documents and current ones, compared. */
function run(base: Record<string, string>, current: Record<string, string>, compat?: 'forward' | 'backward' | 'full') {
  const index = new WorkspaceIndex();
  const now: ParsedDocument[] = [];
  for (const [p, text] of Object.entries(current)) {
    const doc = parseDocument(p, text);
    now.push(doc);
    index.update(doc);
  }
  const then = Object.entries(base).map(([p, text]) => parseDocument(p, text));
  return compareSnapshots(then, now, index, { compat, baseLabel: 'main' });
}

const C = 'contracts/orders.odcs.yaml';
const ORDERS = odcs(
  '- name: order_id\n  logicalType: string\n  required: true\n- name: customer_id\n  logicalType: string',
);
const pipeline = (inputs: string, columns: string, id = 'p') => `apiVersion: pactline/v1
kind: Pipeline
id: ${id}
owner: team
schedule:
  cron: "0 2 * * *"
steps:
  - id: s
    inputs:
${inputs}
    outputs:
      - contract: out
        columns:
${columns}
`;
const OUT = odcs('- name: k\n  logicalType: string\n- name: other\n  logicalType: string', {
  id: 'out',
  object: 'out',
});

describe('impact', () => {
  it('an aliased input (`as`) with the property mapped to several columns', () => {
    const findings = run(
      { [C]: ORDERS },
      {
        [C]: odcs('- name: order_id\n  logicalType: string\n  required: true'),
        'contracts/out.odcs.yaml': OUT,
        'p.pipeline.yaml': pipeline(
          '      - contract: orders\n        as: o',
          '          k: o.customer_id\n          other: [o.order_id, o.customer_id]',
        ),
      },
    );
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].data?.impact, [
      { kind: 'pipeline', id: 'p', file: 'p.pipeline.yaml', detail: 'step `s` maps `customer_id` to `k`, `other`' },
    ]);
    assert.match(
      findings[0].message,
      /Removing `customer_id` breaks 1 consumer: pipeline `p` step `s` \(maps it to `k`, `other`\)\./,
    );
  });

  it('a step that maps other columns of the input only is not affected', () => {
    const findings = run(
      { [C]: ORDERS },
      {
        [C]: odcs('- name: order_id\n  logicalType: string\n  required: true'),
        'contracts/out.odcs.yaml': OUT,
        'p.pipeline.yaml': pipeline('      - contract: orders', '          k: orders.order_id'),
      },
    );
    assert.equal(findings[0].data?.impact, undefined);
    assert.match(findings[0].message, /It breaks forward compatibility: consumers of the old contract still read it\./);
  });

  it('a required property added breaks the producers (backward), naming those that do not map it', () => {
    const findings = run(
      { 'contracts/out.odcs.yaml': OUT },
      {
        'contracts/out.odcs.yaml': OUT.replace(
          '    properties:\n',
          '    properties:\n      - name: created\n        logicalType: timestamp\n        required: true\n',
        ),
        [C]: ORDERS,
        'p.pipeline.yaml': pipeline('      - contract: orders', '          k: orders.order_id'),
      },
      'backward',
    );
    assert.equal(findings.length, 1);
    assert.equal(findings[0].rule, 'breaking/property-added-required');
    assert.match(
      findings[0].message,
      /Adding required `created` breaks 1 producer: pipeline `p` step `s` \(does not map it\)\./,
    );
  });

  it('a relationship of another contract pointing at the removed property', () => {
    const customers = odcs('- name: id\n  logicalType: string\n- name: email\n  logicalType: string', {
      id: 'customers',
      object: 'customers',
    });
    const referrer = odcs(
      '- name: customer\n  logicalType: string\n  relationships:\n    - to: customers.odcs.yaml#/customers/id',
      { id: 'invoices', object: 'invoices' },
    ).replace('logicalType: string\n  relationships', 'logicalType: string\n        relationships');
    const findings = run(
      { 'contracts/customers.odcs.yaml': customers },
      {
        'contracts/customers.odcs.yaml': odcs('- name: email\n  logicalType: string', {
          id: 'customers',
          object: 'customers',
        }),
        'contracts/invoices.odcs.yaml': referrer,
      },
    );
    assert.equal(findings.length, 1);
    assert.equal(findings[0].data?.impact?.[0]?.kind, 'contract');
    assert.equal(findings[0].data?.impact?.[0]?.id, 'invoices');
  });

  it('a removed contract still referenced: the referrers are listed', () => {
    const findings = run(
      { [C]: ORDERS },
      {
        'products/x.odps.yaml':
          'apiVersion: v1.0.0\nkind: DataProduct\nid: x\nstatus: active\ninputPorts:\n  - name: in\n    version: 1.0.0\n    contractId: orders\n',
      },
    );
    assert.equal(findings[0].rule, 'breaking/contract-removed');
    assert.equal(findings[0].file, C);
    assert.match(findings[0].message, /Removing contract `orders` breaks 1 consumer: product `x` input port `in`\./);
  });
});

describe('the editor API', () => {
  it('breakingDiagnostics over a LanguageService: per file, located, configured', () => {
    const service = new LanguageService();
    service.setDocument(C, odcs('- name: order_id\n  logicalType: string\n  required: true'));
    service.setDocument('contracts/other.odcs.yaml', odcs('- name: a\n  logicalType: integer', { id: 'other' }));
    const base = [
      parseDocument(C, ORDERS),
      parseDocument('contracts/other.odcs.yaml', odcs('- name: a\n  logicalType: string', { id: 'other' })),
    ];
    const all = breakingDiagnostics(service, base, { baseLabel: 'HEAD' });
    assert.deepEqual([...all.keys()].sort(), ['contracts/orders.odcs.yaml', 'contracts/other.odcs.yaml']);
    const one = breakingDiagnostics(service, base, { onlyFile: C });
    assert.deepEqual([...one.keys()], [C]);
    const [finding] = one.get(C)!;
    assert.equal(finding.code, 'breaking/property-removed');
    assert.equal(finding.source, 'pactline');
    assert.equal(finding.data?.change?.path, 'orders.customer_id');
  });

  it('a file with a syntax error right now is not a removed contract', () => {
    const service = new LanguageService();
    service.setDocument(C, 'apiVersion: v3.1.0\nkind: DataContract\nid: orders\nschema: [\n');
    assert.equal(breakingDiagnostics(service, [parseDocument(C, ORDERS)]).size, 0);
  });

  it('never throws on odd input', () => {
    const odd = [
      'id: x\nkind: DataContract\napiVersion: v3.1.0\nschema: 5',
      'kind: DataContract\napiVersion: v3.1.0\nid: x\nschema:\n  - name: t\n    properties: {a: 1}',
      'kind: DataContract\napiVersion: v3.1.0\nid: x\nschema:\n  - name: t\n    properties:\n      - name: a\n        logicalTypeOptions: [1]\n        enum: 3\n        quality: {x: 1}\n        items: []',
      'dataContractSpecification: 1.2.1\nid: x\nmodels:\n  t:\n    fields:\n      a:\n        $ref: "#/definitions/a"\ndefinitions:\n  a:\n    $ref: "#/definitions/a"\n',
    ];
    for (const a of odd)
      for (const b of odd) {
        const name = a.startsWith('data') ? 'datacontract.yaml' : 'x.odcs.yaml';
        run({ [name]: a }, { [name]: b });
      }
  });
});
