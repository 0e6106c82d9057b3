// Completion: schema keys and enum values at the cursor (also on half-typed, unparsable text),
// snippets, and references to the workspace (contracts, schema objects, columns).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { completion } from '../../../server/src/engine/features';
import { cursor, exampleFiles, exampleService, range } from './helpers';

const service = exampleService();
let counter = 0;

/** Completion items at the `|` of an inline document. */
function complete(name: string, marked: string): CompletionItem[] {
  const { text, position } = cursor(marked);
  const path = `inline/${counter++}/${name}`;
  service.setDocument(path, text);
  try {
    return completion(service, path, position).items;
  } finally {
    service.removeDocument(path); // inline documents do not join the workspace
  }
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const edit = (item: CompletionItem | undefined) => item?.textEdit as TextEdit;

const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: inline-contract
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: integer
        required: true
      - name: customer_id
`;

const LOGICAL_TYPES_31 = ['array', 'boolean', 'date', 'integer', 'number', 'object', 'string', 'time', 'timestamp'];
const CONTRACT_IDS = [
  'churn-predictions',
  'dead-letter-events',
  'features-customer-churn',
  'lake-validated-archive',
  'raw-customers-cdc',
  'raw-orders-cdc',
  'raw-payments-cdc',
  'raw-storefront-events',
  'validated-commerce-cdc',
  'validated-storefront-events',
  'warehouse-orders',
  'warehouse-web-sessions',
];

describe('completion: schema values', () => {
  it('offers exactly the logicalType enum after `logicalType: ` (with nothing typed)', () => {
    const items = complete('a.odcs.yaml', CONTRACT + '        logicalType: |\n');
    assert.deepEqual(labels(items), LOGICAL_TYPES_31);
    assert.ok(items.every((i) => i.kind === CompletionItemKind.EnumMember));
    assert.deepEqual(edit(items.find((i) => i.label === 'string')), {
      range: range(12, 21, 12, 21),
      newText: 'string',
    });
  });

  it('follows the version the document declares (v3.2.0 adds `map`)', () => {
    const items = complete('b.odcs.yaml', CONTRACT.replace('v3.1.0', 'v3.2.0') + '        logicalType: |\n');
    assert.deepEqual(labels(items), [
      'array',
      'boolean',
      'date',
      'integer',
      'map',
      'number',
      'object',
      'string',
      'time',
      'timestamp',
    ]);
  });

  it('brings the space when asked right after the colon, and replaces a typed prefix', () => {
    const noSpace = complete('c.odcs.yaml', CONTRACT + '        logicalType:|\n');
    assert.deepEqual(edit(noSpace.find((i) => i.label === 'date')), { range: range(12, 20, 12, 20), newText: ' date' });
    const typed = complete('d.odcs.yaml', CONTRACT + '        logicalType: tim|\n');
    assert.deepEqual(edit(typed.find((i) => i.label === 'timestamp')), {
      range: range(12, 21, 12, 24),
      newText: 'timestamp',
    });
  });

  it('offers true/false for booleans, and the usual values a description lists for free text', () => {
    assert.deepEqual(labels(complete('e.odcs.yaml', CONTRACT + '        required: |\n')), ['true', 'false']);
    const status = complete('f.odcs.yaml', CONTRACT.replace('status: active', 'status: |'));
    assert.deepEqual(labels(status), ['proposed', 'draft', 'active', 'deprecated', 'retired']);
  });

  it('offers the server types, and after `type: snowflake` the Snowflake connection keys (if/then)', () => {
    const base =
      'apiVersion: v3.1.0\nkind: DataContract\nid: s\nversion: 1.0.0\nstatus: active\nservers:\n  - server: prod\n';
    const types = labels(complete('g.odcs.yaml', base + '    type: |\n'));
    assert.equal(types.length, 34);
    assert.ok(types.includes('snowflake') && types.includes('postgres') && types.includes('custom'));
    const snowflake = labels(complete('h.odcs.yaml', base + '    type: snowflake\n    |\n'));
    for (const key of ['account', 'database', 'schema', 'warehouse', 'environment', 'description'])
      assert.ok(snowflake.includes(key), key);
    assert.ok(!snowflake.includes('server') && !snowflake.includes('type'), 'present keys are not offered');
    assert.ok(!snowflake.includes('location'), 'S3 keys are not offered for Snowflake');
    const s3 = labels(complete('i.odcs.yaml', base + '    type: s3\n    |\n'));
    assert.ok(s3.includes('location') && !s3.includes('account'));
  });

  it('offers values inside quotes without quoting them twice', () => {
    const items = complete('j.odcs.yaml', CONTRACT + '        logicalType: "str|"\n');
    assert.deepEqual(edit(items.find((i) => i.label === 'string')), {
      range: range(12, 22, 12, 25),
      newText: 'string',
    });
  });
});

describe('completion: keys', () => {
  it('offers the keys of an ODCS property with their descriptions, without the keys already present', () => {
    const items = complete(
      'k.odcs.yaml',
      CONTRACT + '        logicalType: string\n        |\n        description: x\n',
    );
    const keys = labels(items);
    assert.ok(keys.includes('physicalType') && keys.includes('classification') && keys.includes('primaryKey'));
    for (const present of ['name', 'logicalType', 'description']) assert.ok(!keys.includes(present), present);
    const classification = items.find((i) => i.label === 'classification')!;
    assert.equal(classification.kind, CompletionItemKind.Property);
    assert.match(String((classification.documentation as { value: string }).value), /^Sensitivity of the values/);
    assert.deepEqual(edit(classification), { range: range(13, 8, 13, 8), newText: 'classification: $0' });
    assert.equal(classification.insertTextFormat, InsertTextFormat.Snippet);
    // logicalType: string selects the string options; a key with an enum becomes a choice.
    const primaryKey = items.find((i) => i.label === 'primaryKey')!;
    assert.equal(edit(primaryKey).newText, 'primaryKey: ${1|true,false|}');
  });

  it('works on a half-typed key that makes the document unparsable', () => {
    const marked = CONTRACT + '        logi|\n';
    const probe = exampleService();
    probe.setDocument('probe.odcs.yaml', cursor(marked).text);
    assert.ok(
      probe.diagnose('probe.odcs.yaml').some((d) => d.code === 'yaml/syntax'),
      'the text does not parse',
    );
    const items = complete('l.odcs.yaml', marked);
    const logicalType = items.find((i) => i.label === 'logicalType')!;
    assert.ok(logicalType, 'logicalType offered');
    assert.deepEqual(edit(logicalType), {
      range: range(12, 8, 12, 12),
      newText: `logicalType: \${1|${LOGICAL_TYPES_31.join(',')}|}`,
    });
    assert.ok(!labels(items).includes('name'), 'the property has its name already');
  });

  it('replaces only the key when the cursor is inside an existing `key:`', () => {
    const items = complete('m.odcs.yaml', CONTRACT + '        phys|Type: varchar\n');
    assert.deepEqual(edit(items.find((i) => i.label === 'physicalType')), {
      range: range(12, 8, 12, 16),
      newText: 'physicalType',
    });
  });

  it('offers the top-level keys of an empty contract, required ones first', () => {
    const items = complete('n.odcs.yaml', 'apiVersion: v3.1.0\n|');
    const keys = labels(items);
    assert.ok(
      keys.includes('kind') && keys.includes('schema') && keys.includes('servers') && !keys.includes('apiVersion'),
    );
    assert.deepEqual(edit(items.find((i) => i.label === 'kind')), {
      range: range(1, 0, 1, 0),
      newText: 'kind: DataContract$0',
    });
    assert.deepEqual(edit(items.find((i) => i.label === 'schema')), {
      range: range(1, 0, 1, 0),
      newText: 'schema:\n  - $0',
    });
    const first = [...items]
      .sort((a, b) => a.sortText!.localeCompare(b.sortText!))
      .slice(0, 4)
      .map((i) => i.label)
      .sort();
    assert.deepEqual(first, ['id', 'kind', 'status', 'version']);
  });

  it('offers the keys of the anyOf alternatives of a pipeline schedule', () => {
    const pipeline = 'apiVersion: pactline/v1\nkind: Pipeline\nid: p\nowner: me\nschedule:\n  |\nsteps:\n  - id: a\n';
    assert.deepEqual(labels(complete('o.pipeline.yaml', pipeline)).sort(), [
      'cron',
      'maxLatency',
      'streaming',
      'timezone',
    ]);
  });

  it('says nothing inside a comment or a block scalar', () => {
    assert.deepEqual(complete('p.odcs.yaml', CONTRACT + '        # logi|\n'), []);
    assert.deepEqual(complete('q.odcs.yaml', CONTRACT + '        description: |\n          some te|xt\n'), []);
  });
});

describe('completion: snippets', () => {
  it('offers a new property on a blank line at the `-` of the properties list', () => {
    const items = complete('r.odcs.yaml', CONTRACT + '      |\n');
    const snippet = items.find((i) => i.label === 'New property')!;
    assert.equal(snippet.kind, CompletionItemKind.Snippet);
    assert.deepEqual(edit(snippet), {
      range: range(12, 6, 12, 6),
      newText: `- name: \${1:column_name}\n        logicalType: \${2|string,${LOGICAL_TYPES_31.filter((t) => t !== 'string').join(',')}|}\n        description: \${3:What the column holds.}$0`,
    });
  });

  it('offers a new pipeline step after `- ` in steps, and a new schema object in schema', () => {
    const step = complete(
      's.pipeline.yaml',
      'apiVersion: pactline/v1\nkind: Pipeline\nid: p\nowner: me\nschedule:\n  streaming: true\nsteps:\n  - |\n',
    ).find((i) => i.label === 'New pipeline step')!;
    assert.deepEqual(edit(step), {
      range: range(7, 4, 7, 4),
      newText:
        'id: ${1:step-id}\n    runtime: ${2:dbt}\n    inputs:\n      - contract: ${3:input-contract-id}\n    outputs:\n      - contract: ${4:output-contract-id}\n        columns:\n          ${5:column}: ${6:alias.column}$0',
    });
    const object = complete(
      't.odcs.yaml',
      'apiVersion: v3.1.0\nkind: DataContract\nid: t\nversion: 1.0.0\nstatus: active\nschema:\n  - |\n',
    ).find((i) => i.label === 'New schema object');
    assert.ok(object && edit(object).newText.startsWith('name: ${1:table_name}\n    physicalType: ${2:table}\n'));
  });

  it('offers quality rules with the metric enum of the standard', () => {
    const items = complete('u.odcs.yaml', CONTRACT + '        quality:\n          - |\n');
    const metric = items.find((i) => i.label === 'New quality rule (metric)')!;
    assert.equal(
      edit(metric).newText.split('\n')[0],
      'metric: ${1|nullValues,duplicateValues,invalidValues,missingValues,rowCount|}',
    );
    assert.ok(items.some((i) => i.label === 'New quality rule (SQL)'));
  });
});

describe('completion: workspace references', () => {
  const PIPELINE = `apiVersion: pactline/v1
kind: Pipeline
id: inline-pipeline
owner: me
schedule:
  cron: "0 * * * *"
steps:
  - id: build
    inputs:
      - contract: validated-commerce-cdc
        schema: orders
        as: o
      - contract: validated-commerce-cdc
        schema: order_items
    outputs:
      - contract: warehouse-orders
        schema: fct_orders
        columns:
          order_id: o.order_id
`;

  it('offers every contract id of the workspace for a pipeline input `contract`', () => {
    const items = complete(
      'a.pipeline.yaml',
      PIPELINE.replace(
        'contract: validated-commerce-cdc\n        schema: orders',
        'contract: val|\n        schema: orders',
      ),
    );
    assert.deepEqual(labels(items), CONTRACT_IDS);
    const item = items.find((i) => i.label === 'validated-commerce-cdc')!;
    assert.equal(item.detail, 'Commerce change streams (validated) · v3.0.0 · active');
    assert.deepEqual(edit(item), { range: range(9, 18, 9, 21), newText: 'validated-commerce-cdc' });
  });

  it('offers the schema objects of the contract the input names', () => {
    const items = complete('b.pipeline.yaml', PIPELINE.replace('schema: orders', 'schema: |'));
    assert.deepEqual(labels(items), ['orders', 'order_items', 'customers', 'payments']);
  });

  it("offers the output schema object's columns not yet mapped as `columns` keys, also while the line does not parse", () => {
    const items = complete('c.pipeline.yaml', PIPELINE + '          ord|\n');
    assert.deepEqual(labels(items), [
      'customer_key',
      'order_status',
      'order_total',
      'order_total_eur',
      'currency',
      'item_count',
      'discount_total',
      'shipping_country',
      'ordered_at',
      'order_date',
      'last_changed_at',
    ]);
    assert.deepEqual(edit(items[1]), { range: range(19, 10, 19, 13), newText: 'order_status: ' });
  });

  it('offers `alias.column` of every input of the step as a column source (value, flow list, block list)', () => {
    const value = complete('d.pipeline.yaml', PIPELINE + '          customer_key: o.|\n');
    const expected = [
      'o.order_id',
      'o.customer_id',
      'o.order_status',
      'o.order_total',
      'o.currency',
      'o.shipping_country',
      'o.created_at',
      'o.updated_at',
      'o.cdc_op',
      'o.cdc_source_ts',
      'o.is_deleted',
      'order_items.order_item_id',
      'order_items.order_id',
      'order_items.product_sku',
      'order_items.quantity',
      'order_items.unit_price',
      'order_items.discount_amount',
      'order_items.cdc_op',
      'order_items.cdc_source_ts',
      'order_items.is_deleted',
    ];
    assert.deepEqual(labels(value), expected);
    assert.deepEqual(edit(value[1]), { range: range(19, 24, 19, 26), newText: 'o.customer_id' });
    assert.deepEqual(
      labels(complete('e.pipeline.yaml', PIPELINE + '          order_total_eur: [o.order_total, |]\n')),
      expected,
    );
    assert.deepEqual(
      labels(complete('f.pipeline.yaml', PIPELINE + '          order_total_eur:\n            - o.cu|\n')),
      expected,
    );
  });

  it('offers contract ids for ODPS `contractId` and `inputContracts[].id`', () => {
    const product =
      'apiVersion: v1.0.0\nkind: DataProduct\nid: p\nname: p\nstatus: active\noutputPorts:\n  - name: out\n    version: 1.0.0\n';
    assert.deepEqual(labels(complete('g.odps.yaml', product + '    contractId: |\n')), CONTRACT_IDS);
    assert.deepEqual(labels(complete('h.odps.yaml', product + '    inputContracts:\n      - id: |\n')), CONTRACT_IDS);
  });

  it('offers `table.column` of the contract for an ODCS relationship `to`', () => {
    const items = complete(
      'i.odcs.yaml',
      CONTRACT +
        `        relationships:
          - to: |
  - name: customers
    properties:
      - name: id
        logicalType: string
`,
    );
    assert.deepEqual(labels(items), ['orders.order_id', 'orders.customer_id', 'customers.id']);
  });

  it("offers rule ids and families as keys of the configuration's `rules`, and their severities", () => {
    const keys = labels(complete('pactline.yaml', 'rules:\n  schema/enum: warning\n  |\n'));
    assert.ok(
      keys.includes('schema/type') &&
        keys.includes('ref/unknown-column') &&
        keys.includes('lineage/unproduced-dataset'),
    );
    // Families are those of the catalogue (engine/rules.ts), no more: `policy/` has no rule yet.
    assert.ok(keys.includes('lineage') && keys.includes('breaking') && !keys.includes('policy'));
    assert.ok(keys.includes('schema') && keys.includes('ref') && !keys.includes('schema/enum'));
    assert.deepEqual(labels(complete('pactline.yaml', 'rules:\n  schema/enum: |\n')), [
      'error',
      'info',
      'off',
      'warning',
    ]);
  });

  it('answers from the last good parse while the document does not parse', () => {
    const path = 'inline/last-good.pipeline.yaml';
    service.setDocument(path, PIPELINE);
    completion(service, path, { line: 0, character: 0 }); // the editor asked something while the text parsed
    const broken = PIPELINE.replace('schema: orders', 'schema: orders\n        as o') + '          order_st\n';
    service.setDocument(path, broken);
    assert.notEqual(service.getDocument(path)!.problems.length, 0);
    const items = completion(service, path, { line: 20, character: 18 }).items;
    assert.ok(labels(items).includes('order_status'));
  });

  it('works on every example file without throwing, at every line start', () => {
    for (const [path, text] of exampleFiles()) {
      const lines = text.split('\n');
      for (let line = 0; line < lines.length; line += 3) {
        completion(service, path, { line, character: lines[line].length });
      }
    }
  });
});

describe('completion: each version by its own schema', () => {
  const V30 = CONTRACT.replace('v3.1.0', 'v3.0.2');

  it('offers the logical types of v3.0.x (no `timestamp`/`time`)', () => {
    assert.deepEqual(labels(complete('v30a.odcs.yaml', V30 + '        logicalType: |\n')), [
      'array',
      'boolean',
      'date',
      'integer',
      'number',
      'object',
      'string',
    ]);
  });

  it('offers the server types of the declared version (`hive`, `impala`, `zen` came with v3.1.0)', () => {
    const server = (api: string) =>
      labels(
        complete(
          `srv-${api}.odcs.yaml`,
          `apiVersion: ${api}\nkind: DataContract\nid: s\nversion: 1.0.0\nstatus: active\nservers:\n  - server: x\n    type: |\n`,
        ),
      );
    assert.ok(server('v3.1.0').includes('hive'));
    assert.ok(!server('v3.0.2').includes('hive') && server('v3.0.2').includes('postgres'));
  });

  it('offers the keys of the declared version: `relationships` since v3.1.0, `physicalName` since v3.0.2', () => {
    const keys = (api: string) =>
      labels(complete(`keys-${api}.odcs.yaml`, CONTRACT.replace('v3.1.0', api) + '        |\n'));
    assert.ok(keys('v3.1.0').includes('relationships'));
    assert.ok(!keys('v3.0.2').includes('relationships') && keys('v3.0.2').includes('physicalName'));
    assert.ok(!keys('v3.0.1').includes('physicalName'));
  });

  it('offers a v3.0.x library quality rule by `rule`, a v3.1.0 one by `metric`', () => {
    const snippet = (text: string) =>
      complete('q30.odcs.yaml', text + '        quality:\n          - |\n').filter((i) =>
        /New quality rule \((library|metric)\)/.test(i.label),
      );
    assert.equal(edit(snippet(V30)[0]).newText.split('\n')[1].trim(), 'rule: ${1:nullCheck}');
    assert.ok(edit(snippet(CONTRACT)[0]).newText.startsWith('metric: '));
  });

  it('offers the DCS field types of the declared version (`variant` came with 1.2.0)', () => {
    const types = (v: string) =>
      labels(
        complete(
          `dcs-${v}/datacontract.yaml`,
          `dataContractSpecification: ${v}\nid: c\ninfo:\n  title: t\n  version: 1.0.0\nmodels:\n  m:\n    fields:\n      f:\n        type: |\n`,
        ),
      );
    assert.ok(types('1.2.1').includes('variant'));
    assert.ok(!types('1.1.0').includes('variant') && types('1.1.0').includes('string'));
  });
});
