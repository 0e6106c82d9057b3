// The workspace index and the cross-file rules (`ref/`): for each rule, a workspace that triggers
// it and one that does not, with the exact data path (and, for some, the exact range); then the
// index's incremental behaviour and its lookups.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument, type ParsedDocument } from '../../server/src/engine/document';
import { rangeOf, type RawFinding } from '../../server/src/engine/locate';
import type { Range } from '../../server/src/engine/types';
import { WorkspaceIndex } from '../../server/src/engine/workspace';

/** A workspace built from inline files; `findings(path, rule?)` are the file's ref/ findings. */
class Workspace {
  readonly index = new WorkspaceIndex();
  readonly docs = new Map<string, ParsedDocument>();

  constructor(files: Record<string, string> = {}) {
    for (const [path, text] of Object.entries(files)) this.set(path, text);
  }

  set(path: string, text: string): void {
    const doc = parseDocument(path, text);
    this.docs.set(path, doc);
    this.index.update(doc);
  }

  remove(path: string): void {
    this.docs.delete(path);
    this.index.remove(path);
  }

  findings(path: string, rule?: string): RawFinding[] {
    return this.index.findingsFor(path).filter((f) => rule === undefined || f.rule === rule);
  }

  /** Every finding of every file, as `file rule` lines (to assert a workspace is clean). */
  all(): string[] {
    return [...this.docs.keys()].flatMap((p) => this.findings(p).map((f) => `${p} ${f.rule}: ${f.message}`));
  }

  range(path: string, finding: RawFinding): Range {
    return rangeOf(this.docs.get(path)!, finding.at);
  }
}

function pathOf(finding: RawFinding): unknown {
  assert.ok('path' in finding.at, 'finding placed by data path');
  return { path: finding.at.path, target: finding.at.target };
}

function range(line: number, start: number, endLine: number, end: number): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

// ---- fixtures (line numbers in comments are 0-based) --------------------------------------------

const RAW_ORDERS = `apiVersion: v3.1.0
kind: DataContract
id: raw-orders
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: string
      - name: customer_id
        logicalType: string
      - name: address
        logicalType: object
        properties:
          - name: city
            logicalType: string
      - name: lines
        logicalType: array
        items:
          logicalType: object
          properties:
            - name: sku
              logicalType: string
`;

const DWH_ORDERS = `apiVersion: v3.1.0
kind: DataContract
id: dwh-orders
version: 1.0.0
status: active
schema:
  - name: fact_orders
    properties:
      - name: order_key
        logicalType: string
      - name: customer_key
        logicalType: string
      - name: city
        logicalType: string
  - name: dim_customer
    properties:
      - name: customer_key
        logicalType: string
`;

/** A pipeline document; `steps` is the YAML of its steps (items indented by two spaces). */
function pipeline(id: string, steps: string): string {
  return `apiVersion: pactline/v1
kind: Pipeline
id: ${id}
owner: data-eng
schedule:
  cron: "0 2 * * *"
steps:
${steps}`;
}

// Lines: 7 "  - id: load", 8 "    inputs:", 9 "      - contract: raw-orders", 10 "    outputs:",
// 11 "      - contract: dwh-orders", 12 "        schema: fact_orders", 13 "        columns:", 14.. the mappings.
const LOAD_STEP = `  - id: load
    inputs:
      - contract: raw-orders
    outputs:
      - contract: dwh-orders
        schema: fact_orders
        columns:
          order_key: orders.order_id
          customer_key: [orders.customer_id]
          city: orders.address.city
`;

const GOOD = () => ({
  'contracts/raw-orders.odcs.yaml': RAW_ORDERS,
  'contracts/dwh-orders.odcs.yaml': DWH_ORDERS,
  'pipelines/load.pipeline.yaml': pipeline('orders-load', LOAD_STEP),
});

const PIPE = 'pipelines/load.pipeline.yaml';

// ---- the rules ----------------------------------------------------------------------------------

describe('a consistent workspace', () => {
  it('has no ref/ findings', () => {
    const ws = new Workspace(GOOD());
    assert.deepEqual(ws.all(), []);
  });
});

describe('ref/duplicate-id', () => {
  it('reports two contracts with one id in each file, at its id, naming the other file', () => {
    const ws = new Workspace({
      'a.odcs.yaml': RAW_ORDERS,
      'b.odcs.yaml': RAW_ORDERS.replace('version: 1.0.0', 'version: 2.0.0'),
    });
    for (const [file, other] of [
      ['a.odcs.yaml', 'b.odcs.yaml'],
      ['b.odcs.yaml', 'a.odcs.yaml'],
    ]) {
      const [f, ...rest] = ws.findings(file);
      assert.equal(rest.length, 0);
      assert.equal(f.rule, 'ref/duplicate-id');
      assert.deepEqual(pathOf(f), { path: ['id'], target: 'value' });
      assert.match(
        f.message,
        new RegExp(`^Contract id \`raw-orders\` is also declared in \`${other.replace('.', '\\.')}\``),
      );
      assert.match(f.message, /two versions of one contract/);
      assert.deepEqual(ws.range(file, f), range(2, 4, 2, 14));
      assert.equal(f.related?.[0].file, other);
      assert.deepEqual(f.related?.[0].range, range(2, 4, 2, 14));
    }
  });

  it('reports pipelines and products among their own kind only', () => {
    const product = (id: string) => `apiVersion: v1.0.0\nkind: DataProduct\nid: ${id}\nstatus: active\n`;
    const ws = new Workspace({
      'p1.pipeline.yaml': pipeline('orders-load', ''),
      'p2.pipeline.yaml': pipeline('orders-load', ''),
      'x.odps.yaml': product('orders-load'),
      'y.odps.yaml': product('shop'),
      'z.odps.yaml': product('shop'),
      'c.odcs.yaml': RAW_ORDERS.replace('id: raw-orders', 'id: shop'),
    });
    assert.deepEqual(
      ws.findings('p1.pipeline.yaml').map((f) => [f.rule, f.message.split('.')[0]]),
      [['ref/duplicate-id', 'Pipeline id `orders-load` is also declared in `p2']],
    );
    assert.equal(ws.findings('p2.pipeline.yaml', 'ref/duplicate-id').length, 1);
    assert.equal(ws.findings('x.odps.yaml').length, 0, 'a product may share an id with a pipeline');
    assert.match(
      ws.findings('y.odps.yaml', 'ref/duplicate-id')[0].message,
      /^Data product id `shop` is also declared in `z\.odps\.yaml`/,
    );
    assert.equal(ws.findings('c.odcs.yaml').length, 0, 'a contract may share an id with products');
  });

  it('does not report distinct ids', () => {
    const ws = new Workspace({ 'a.odcs.yaml': RAW_ORDERS, 'b.odcs.yaml': DWH_ORDERS });
    assert.deepEqual(ws.all(), []);
  });
});

describe('ref/unknown-contract', () => {
  it('reports a pipeline input naming no known contract, with "did you mean"', () => {
    const ws = new Workspace({
      ...GOOD(),
      [PIPE]: pipeline('orders-load', LOAD_STEP.replace('contract: raw-orders', 'contract: raw-ordrs')),
    });
    const [f, ...rest] = ws.findings(PIPE);
    assert.equal(rest.length, 0, 'no follow-on findings about its columns');
    assert.equal(f.rule, 'ref/unknown-contract');
    assert.equal(
      f.message,
      'Pipeline input names contract `raw-ordrs`, which no file in the workspace declares. Did you mean `raw-orders`?',
    );
    assert.deepEqual(pathOf(f), { path: ['steps', 0, 'inputs', 0, 'contract'], target: 'value' });
    assert.deepEqual(ws.range(PIPE, f), range(9, 18, 9, 27));
    assert.deepEqual(f.data, { suggestion: 'raw-orders' });
  });

  it('reports a pipeline output, and ODPS ports and inputContracts', () => {
    const product = `apiVersion: v1.0.0
kind: DataProduct
id: shop
status: active
inputPorts:
  - name: raw
    version: 1.0.0
    contractId: raw-orders
outputPorts:
  - name: facts
    version: 1.0.0
    contractId: dwh-order
    inputContracts:
      - id: raw-orders
        version: 1.0.0
      - id: 5e9f1c2a-7b6d-4e3f-8a1b-2c3d4e5f6a7b
        version: 1.0.0
`;
    const ws = new Workspace({
      ...GOOD(),
      'shop.odps.yaml': product,
      [PIPE]: pipeline('orders-load', LOAD_STEP.replace('contract: dwh-orders', 'contract: warehouse')),
    });
    const out = ws.findings(PIPE);
    assert.deepEqual(
      out.map((f) => [f.rule, f.at]),
      [['ref/unknown-contract', { path: ['steps', 0, 'outputs', 0, 'contract'], target: 'value' }]],
    );
    assert.equal(
      out[0].message,
      'Pipeline output names contract `warehouse`, which no file in the workspace declares. Add the contract to the workspace, or correct the id.',
    );

    const found = ws.findings('shop.odps.yaml');
    assert.deepEqual(
      found.map((f) => [f.rule, pathOf(f)]),
      [
        ['ref/unknown-contract', { path: ['outputPorts', 0, 'contractId'], target: 'value' }],
        ['ref/unknown-contract', { path: ['outputPorts', 0, 'inputContracts', 1, 'id'], target: 'value' }],
      ],
    );
    assert.equal(
      found[0].message,
      'Output port `facts` names contract `dwh-order`, which no file in the workspace declares. Did you mean `dwh-orders`?',
    );
    assert.deepEqual(ws.range('shop.odps.yaml', found[0]), range(11, 16, 11, 25));
    assert.deepEqual(ws.range('shop.odps.yaml', found[1]), range(15, 12, 15, 48));
  });

  it('does not report known contracts (ODCS and DCS alike)', () => {
    const dcs = `dataContractSpecification: 1.1.0
id: dcs-customers
info:
  title: Customers
  version: 1.0.0
models:
  customers:
    fields:
      customer_id:
        type: string
`;
    const step = `  - id: copy
    inputs:
      - contract: dcs-customers
    outputs:
      - contract: dwh-orders
        schema: dim_customer
        columns:
          customer_key: customers.customer_id
`;
    const ws = new Workspace({
      ...GOOD(),
      'customers.datacontract.yaml': dcs,
      'p2.pipeline.yaml': pipeline('copy', step),
    });
    assert.deepEqual(ws.all(), []);
  });
});

describe('ref/unknown-schema-object', () => {
  it('reports a schema the contract lacks, with "did you mean"', () => {
    const ws = new Workspace({
      ...GOOD(),
      [PIPE]: pipeline('orders-load', LOAD_STEP.replace('schema: fact_orders', 'schema: fact_order')),
    });
    const [f, ...rest] = ws.findings(PIPE);
    assert.equal(rest.length, 0);
    assert.equal(f.rule, 'ref/unknown-schema-object');
    assert.equal(f.message, 'Contract `dwh-orders` has no schema object `fact_order`. Did you mean `fact_orders`?');
    assert.deepEqual(pathOf(f), { path: ['steps', 0, 'outputs', 0, 'schema'], target: 'value' });
    assert.deepEqual(ws.range(PIPE, f), range(12, 16, 12, 26));
  });

  it('lists the schema objects when nothing is close', () => {
    const ws = new Workspace({
      ...GOOD(),
      [PIPE]: pipeline('orders-load', LOAD_STEP.replace('schema: fact_orders', 'schema: sales')),
    });
    assert.equal(
      ws.findings(PIPE)[0].message,
      'Contract `dwh-orders` has no schema object `sales`. It declares `fact_orders` or `dim_customer`.',
    );
  });

  it('accepts an existing schema object', () => {
    assert.deepEqual(new Workspace(GOOD()).findings(PIPE), []);
  });
});

describe('ref/ambiguous-schema-object', () => {
  it('reports an output without `schema` when the contract has several, at the output', () => {
    const ws = new Workspace({
      ...GOOD(),
      [PIPE]: pipeline('orders-load', LOAD_STEP.replace('        schema: fact_orders\n', '')),
    });
    const found = ws.findings(PIPE);
    assert.deepEqual(
      found.map((f) => f.rule),
      ['ref/ambiguous-schema-object'],
    );
    assert.equal(
      found[0].message,
      'This output does not say which schema object of contract `dwh-orders` it writes, and the contract has 2: `fact_orders` and `dim_customer`. Add `schema:` with one of them.',
    );
    assert.deepEqual(pathOf(found[0]), { path: ['steps', 0, 'outputs', 0], target: 'mapping' });
    assert.deepEqual(ws.range(PIPE, found[0]), range(11, 6, 11, 28));
  });

  it('accepts an input without `schema` when the contract has one schema object', () => {
    // The base pipeline's input (`contract: raw-orders`) has no `schema`.
    assert.deepEqual(new Workspace(GOOD()).findings(PIPE), []);
  });
});

describe('ref/unknown-column', () => {
  it('reports an output column the output schema object lacks, at the key', () => {
    const ws = new Workspace({
      ...GOOD(),
      [PIPE]: pipeline('orders-load', LOAD_STEP.replace('          order_key:', '          ordr_key:')),
    });
    const [f, ...rest] = ws.findings(PIPE);
    assert.equal(rest.length, 0);
    assert.equal(f.rule, 'ref/unknown-column');
    assert.equal(
      f.message,
      'Output column `ordr_key` is not a property of schema object `fact_orders` in contract `dwh-orders`. Did you mean `order_key`?',
    );
    assert.deepEqual(pathOf(f), { path: ['steps', 0, 'outputs', 0, 'columns', 'ordr_key'], target: 'key' });
    assert.deepEqual(ws.range(PIPE, f), range(14, 10, 14, 18));
  });

  it('reports a source column the input lacks, at the value or the list item', () => {
    const ws = new Workspace({
      ...GOOD(),
      [PIPE]: pipeline(
        'orders-load',
        LOAD_STEP.replace('orders.order_id', 'orders.order_idd')
          .replace('[orders.customer_id]', '[orders.order_id, orders.custmer_id]')
          .replace('orders.address.city', 'orders.address.town'),
      ),
    });
    const found = ws.findings(PIPE);
    assert.deepEqual(
      found.map((f) => [f.rule, pathOf(f)]),
      [
        ['ref/unknown-column', { path: ['steps', 0, 'outputs', 0, 'columns', 'order_key'], target: 'value' }],
        ['ref/unknown-column', { path: ['steps', 0, 'outputs', 0, 'columns', 'customer_key', 1], target: 'value' }],
        ['ref/unknown-column', { path: ['steps', 0, 'outputs', 0, 'columns', 'city'], target: 'value' }],
      ],
    );
    assert.equal(
      found[1].message,
      'Input `orders` of contract `raw-orders` has no property `custmer_id`. Did you mean `customer_id`?',
    );
    assert.deepEqual(found[1].data, { suggestion: 'orders.customer_id' });
    assert.deepEqual(ws.range(PIPE, found[1]), range(15, 42, 15, 59));
    assert.match(found[2].message, /has no property `address\.town`\. Did you mean `address\.city`\?$/);
  });

  it('names the alias and the schema object when `as` renames an input', () => {
    const step = LOAD_STEP.replace('      - contract: raw-orders\n', '      - contract: raw-orders\n        as: o\n')
      .replaceAll('orders.order_id', 'o.order_id')
      .replace('orders.customer_id', 'o.customer_idd')
      .replace('orders.address.city', 'o.address.city');
    const ws = new Workspace({ ...GOOD(), [PIPE]: pipeline('orders-load', step) });
    const found = ws.findings(PIPE);
    assert.deepEqual(
      found.map((f) => f.message),
      [
        'Input `o` (schema object `orders` of contract `raw-orders`) has no property `customer_idd`. Did you mean `customer_id`?',
      ],
    );
  });

  it('accepts existing columns, nested and through array items, and DCS fields', () => {
    const step = LOAD_STEP.replace('orders.address.city', '[orders.address.city, orders.lines.sku]');
    assert.deepEqual(new Workspace({ ...GOOD(), [PIPE]: pipeline('orders-load', step) }).all(), []);
  });

  it('lets a step with one input name its columns without an alias', () => {
    const step = LOAD_STEP.replace('orders.order_id', 'order_id').replace('orders.address.city', 'address.city');
    assert.deepEqual(new Workspace({ ...GOOD(), [PIPE]: pipeline('orders-load', step) }).all(), []);
  });
});

describe('ref/unknown-input', () => {
  it('reports an alias that is not among the step inputs, with "did you mean"', () => {
    const ws = new Workspace({
      ...GOOD(),
      [PIPE]: pipeline('orders-load', LOAD_STEP.replace('order_key: orders.order_id', 'order_key: ordrs.order_id')),
    });
    const [f, ...rest] = ws.findings(PIPE);
    assert.equal(rest.length, 0);
    assert.equal(f.rule, 'ref/unknown-input');
    assert.equal(
      f.message,
      'Column source `ordrs.order_id` names input `ordrs`, but this step reads no input by that name (its inputs: `orders`). Did you mean `orders`?',
    );
    assert.deepEqual(pathOf(f), { path: ['steps', 0, 'outputs', 0, 'columns', 'order_key'], target: 'value' });
    assert.deepEqual(ws.range(PIPE, f), range(14, 21, 14, 35));
    assert.deepEqual(f.data, { suggestion: 'orders.order_id' });
  });

  it('uses `as` as the alias, not the schema object name', () => {
    const step = LOAD_STEP.replace('      - contract: raw-orders\n', '      - contract: raw-orders\n        as: o\n');
    const found = new Workspace({ ...GOOD(), [PIPE]: pipeline('orders-load', step) }).findings(PIPE);
    assert.deepEqual(
      found.map((f) => [f.rule, (f.at as { path: readonly unknown[] }).path.slice(-1)[0]]),
      [
        ['ref/unknown-input', 'order_key'],
        ['ref/unknown-input', 0],
        ['ref/unknown-input', 'city'],
      ],
    );
  });

  it('says nothing when an input alias cannot be known (its contract is unknown)', () => {
    const step = LOAD_STEP.replace('contract: raw-orders', 'contract: elsewhere');
    const found = new Workspace({ ...GOOD(), [PIPE]: pipeline('orders-load', step) }).findings(PIPE);
    assert.deepEqual(
      found.map((f) => f.rule),
      ['ref/unknown-contract'],
    );
  });
});

// Lines: 6 "schema:", 7 "  - name: customers", ... see below.
const REL = `apiVersion: v3.2.0
kind: DataContract
id: shop
version: 1.0.0
status: active
schema:
  - id: customers_obj
    name: customers
    properties:
      - id: cust_id_prop
        name: id
        logicalType: string
  - id: orders_obj
    name: orders
    properties:
      - name: customer_id
        logicalType: string
        relationships:
          - to: customers.id
            type: foreignKey
      - name: region
        logicalType: string
    relationships:
      - type: foreignKey
        from: [orders.customer_id, orders.region]
        to: [customers.id, customers.id]
`;

describe('ref/relationship-target', () => {
  it('accepts shorthand targets that exist (property-level and schema-level, composite)', () => {
    assert.deepEqual(new Workspace({ 'shop.odcs.yaml': REL }).all(), []);
  });

  it('reports an unknown table, with "did you mean"', () => {
    const ws = new Workspace({ 'shop.odcs.yaml': REL.replace('- to: customers.id', '- to: customer.id') });
    const [f, ...rest] = ws.findings('shop.odcs.yaml');
    assert.equal(rest.length, 0);
    assert.equal(f.rule, 'ref/relationship-target');
    assert.equal(
      f.message,
      'Relationship target `customer.id`: this contract has no schema object `customer`. Did you mean `customers`?',
    );
    assert.deepEqual(pathOf(f), { path: ['schema', 1, 'properties', 0, 'relationships', 0, 'to'], target: 'value' });
    assert.deepEqual(ws.range('shop.odcs.yaml', f), range(18, 16, 18, 27));
    assert.deepEqual(f.data, { suggestion: 'customers.id' });
  });

  it('reports an unknown column in a composite key, at the list item; and an unknown source', () => {
    const ws = new Workspace({
      'shop.odcs.yaml': REL.replace('to: [customers.id, customers.id]', 'to: [customers.id, customers.region]').replace(
        'orders.region]',
        'orders.regoin]',
      ),
    });
    const found = ws.findings('shop.odcs.yaml');
    assert.deepEqual(
      found.map((f) => [f.rule, pathOf(f)]),
      [
        ['ref/relationship-target', { path: ['schema', 1, 'relationships', 0, 'from', 1], target: 'value' }],
        ['ref/relationship-target', { path: ['schema', 1, 'relationships', 0, 'to', 1], target: 'value' }],
      ],
    );
    assert.equal(
      found[0].message,
      'Relationship source `orders.regoin`: schema object `orders` has no property `regoin`. Did you mean `region`?',
    );
    assert.equal(
      found[1].message,
      'Relationship target `customers.region`: schema object `customers` has no property `region`.',
    );
    assert.deepEqual(ws.range('shop.odcs.yaml', found[1]), range(25, 27, 25, 43));
  });

  it('follows fully qualified references, in the same contract and in another file', () => {
    const local = REL.replace('- to: customers.id', '- to: schema/customers_obj/properties/cust_id_prop');
    assert.deepEqual(new Workspace({ 'shop.odcs.yaml': local }).all(), []);
    const bad = REL.replace('- to: customers.id', '- to: schema/customers_obj/properties/customer_id_prop');
    const f = new Workspace({ 'shop.odcs.yaml': bad }).findings('shop.odcs.yaml')[0];
    assert.equal(
      f.message,
      'Relationship target `schema/customers_obj/properties/customer_id_prop`: schema object `customers` of this contract has no property with id `customer_id_prop`. Did you mean `cust_id_prop`?',
    );

    const other = RAW_ORDERS.replace('  - name: orders\n', '  - id: orders_obj\n    name: orders\n');
    const cross = (target: string) => REL.replace('- to: customers.id', `- to: ${target}`);
    const files = { 'contracts/raw-orders.odcs.yaml': other };
    const ok = new Workspace({
      ...files,
      'contracts/shop/shop.odcs.yaml': cross('../raw-orders.odcs.yaml#/schema/orders_obj/properties/order_id'),
    });
    assert.deepEqual(ok.all(), []);
    const wrong = new Workspace({
      ...files,
      'contracts/shop/shop.odcs.yaml': cross('../raw-orders.odcs.yaml#/schema/order_obj/properties/order_id'),
    });
    assert.equal(
      wrong.findings('contracts/shop/shop.odcs.yaml')[0].message,
      'Relationship target `../raw-orders.odcs.yaml#/schema/order_obj/properties/order_id`: contract `raw-orders` (`../raw-orders.odcs.yaml`) has no schema object with id `order_obj`. Did you mean `orders_obj`?',
    );
    const missing = new Workspace({
      ...files,
      'contracts/shop/shop.odcs.yaml': cross('raw-orders.odcs.yaml#/schema/orders_obj'),
    });
    assert.equal(
      missing.findings('contracts/shop/shop.odcs.yaml')[0].message,
      'Relationship target `raw-orders.odcs.yaml#/schema/orders_obj`: no file `raw-orders.odcs.yaml` next to this one is in the workspace.',
    );
    const url = new Workspace({ 'shop.odcs.yaml': cross('https://example.com/x.yaml#/schema/a/properties/b') });
    assert.deepEqual(url.all(), [], 'a reference outside the workspace is not checked');
  });
});

describe('ref/pipeline-cycle', () => {
  const step = (id: string, from: string, to: string) => `  - id: ${id}
    inputs:
      - contract: ${from.split('.')[0]}${from.includes('.') ? `\n        schema: ${from.split('.')[1]}` : ''}
    outputs:
      - contract: ${to.split('.')[0]}${to.includes('.') ? `\n        schema: ${to.split('.')[1]}` : ''}
`;

  it('reports a cycle within one pipeline once, at the output that closes it', () => {
    const ws = new Workspace({
      'p.pipeline.yaml': pipeline('p', step('a', 'raw.orders', 'x') + step('b', 'x', 'raw.orders')),
    });
    const found = ws.findings('p.pipeline.yaml', 'ref/pipeline-cycle');
    assert.equal(found.length, 1);
    assert.equal(
      found[0].message,
      'This output closes a cycle: raw.orders → step a → x → step b → raw.orders. ' +
        'Data written here flows back into a dataset it is derived from. Write to another dataset, or, if the loop is intended, suppress this finding with the reason.',
    );
    assert.deepEqual(pathOf(found[0]), { path: ['steps', 1, 'outputs', 0, 'contract'], target: 'value' });
    // Lines: 7 "  - id: a" ... 13 "  - id: b", 14 inputs, 15 "- contract: x", 16 outputs, 17 "      - contract: raw".
    assert.deepEqual(ws.range('p.pipeline.yaml', found[0]), range(17, 18, 17, 21));
  });

  it('reports a cycle across pipelines once per pipeline', () => {
    const ws = new Workspace({
      'p1.pipeline.yaml': pipeline('p1', step('a', 'raw.orders', 'x')),
      'p2.pipeline.yaml': pipeline('p2', step('b', 'x', 'raw.orders')),
    });
    const one = ws.findings('p1.pipeline.yaml', 'ref/pipeline-cycle');
    const two = ws.findings('p2.pipeline.yaml', 'ref/pipeline-cycle');
    assert.equal(one.length, 1);
    assert.equal(two.length, 1);
    assert.match(one[0].message, /closes a cycle: x → step p2\/b → raw\.orders → step p1\/a → x\./);
    assert.match(two[0].message, /closes a cycle: raw\.orders → step p1\/a → x → step p2\/b → raw\.orders\./);
    assert.deepEqual(pathOf(one[0]), { path: ['steps', 0, 'outputs', 0, 'contract'], target: 'value' });
    assert.deepEqual(pathOf(two[0]), { path: ['steps', 0, 'outputs', 0, 'contract'], target: 'value' });
  });

  it('resolves an omitted schema through the contract, so the same dataset is one node', () => {
    // raw-orders has one schema object: `contract: raw-orders` and `schema: orders` are the same dataset.
    const ws = new Workspace({
      'raw.odcs.yaml': RAW_ORDERS,
      'p.pipeline.yaml': pipeline('p', step('a', 'raw-orders', 'x') + step('b', 'x', 'raw-orders.orders')),
    });
    assert.match(
      ws.findings('p.pipeline.yaml', 'ref/pipeline-cycle')[0]?.message ?? '',
      /raw-orders\.orders → step a → x → step b → raw-orders\.orders/,
    );
  });

  it('follows edits of the contract: kept through a type change, gone when a second schema object makes it ambiguous', () => {
    const ws = new Workspace({
      'raw.odcs.yaml': RAW_ORDERS,
      'p.pipeline.yaml': pipeline('p', step('a', 'raw-orders', 'x') + step('b', 'x', 'raw-orders.orders')),
    });
    const cycles = () => ws.findings('p.pipeline.yaml', 'ref/pipeline-cycle').length;
    assert.equal(cycles(), 1);
    // What pipelines resolve against is unchanged: the graph's findings are kept, and still right.
    ws.set(
      'raw.odcs.yaml',
      RAW_ORDERS.replace('      - name: order_id\n        logicalType: string', '      - name: order_id'),
    );
    assert.equal(cycles(), 1);
    // Two schema objects: `contract: raw-orders` alone no longer names one dataset, so no cycle.
    ws.set('raw.odcs.yaml', RAW_ORDERS.replace('schema:\n', 'schema:\n  - name: returns\n'));
    assert.equal(cycles(), 0);
    ws.set('raw.odcs.yaml', RAW_ORDERS);
    assert.equal(cycles(), 1);
  });

  it('does not report a chain', () => {
    const ws = new Workspace({
      'p1.pipeline.yaml': pipeline('p1', step('a', 'raw.orders', 'x') + step('b', 'x', 'y')),
      'p2.pipeline.yaml': pipeline('p2', step('c', 'y', 'z') + step('d', 'raw.orders', 'z2')),
    });
    assert.deepEqual(ws.findings('p1.pipeline.yaml', 'ref/pipeline-cycle'), []);
    assert.deepEqual(ws.findings('p2.pipeline.yaml', 'ref/pipeline-cycle'), []);
  });
});

describe('ref/conflicting-writers', () => {
  const writer = (id: string, deadLetter = false) => `  - id: ${id}
    inputs:
      - contract: raw-orders
    outputs:
      - contract: dwh-orders
        schema: fact_orders${deadLetter ? '\n        deadLetter: true' : ''}
`;
  const base = { 'raw.odcs.yaml': RAW_ORDERS, 'dwh.odcs.yaml': DWH_ORDERS };

  it('reports two steps of different pipelines writing one dataset, at each output, naming the other', () => {
    const ws = new Workspace({
      ...base,
      'p1.pipeline.yaml': pipeline('p1', writer('a')),
      'p2.pipeline.yaml': pipeline('p2', writer('b')),
    });
    const one = ws.findings('p1.pipeline.yaml');
    const two = ws.findings('p2.pipeline.yaml');
    assert.deepEqual(
      one.map((f) => [f.rule, pathOf(f)]),
      [['ref/conflicting-writers', { path: ['steps', 0, 'outputs', 0, 'contract'], target: 'value' }]],
    );
    assert.deepEqual(
      two.map((f) => f.rule),
      ['ref/conflicting-writers'],
    );
    assert.match(
      one[0].message,
      /^This output writes `fact_orders` of contract `dwh-orders`, which step `b` of pipeline `p2` \(`p2\.pipeline\.yaml`\) also writes\./,
    );
    assert.match(two[0].message, /which step `a` of pipeline `p1` \(`p1\.pipeline\.yaml`\) also writes/);
    assert.deepEqual(ws.range('p1.pipeline.yaml', one[0]), range(11, 18, 11, 28));
    assert.deepEqual(one[0].related, [
      {
        file: 'p2.pipeline.yaml',
        range: range(11, 18, 11, 28),
        message: 'step `b` writes `fact_orders` of contract `dwh-orders` here',
      },
    ]);
  });

  it('reports two steps of one pipeline, and a shared destination that not every writer marks dead-letter', () => {
    const ws = new Workspace({ ...base, 'p.pipeline.yaml': pipeline('p', writer('a') + writer('b', true)) });
    const found = ws.findings('p.pipeline.yaml');
    assert.deepEqual(
      found.map((f) => pathOf(f)),
      [
        { path: ['steps', 0, 'outputs', 0, 'contract'], target: 'value' },
        { path: ['steps', 1, 'outputs', 0, 'contract'], target: 'value' },
      ],
    );
    assert.match(
      found[0].message,
      /which step `b` of this pipeline also writes\..*mark every writer `deadLetter: true`/,
    );
  });

  it('does not report a dead-letter destination every writer marks, nor different schema objects', () => {
    const ws = new Workspace({
      ...base,
      'p1.pipeline.yaml': pipeline('p1', writer('a', true)),
      'p2.pipeline.yaml': pipeline('p2', writer('b', true)),
    });
    assert.deepEqual(ws.all(), []);
    const apart = new Workspace({
      ...base,
      'p1.pipeline.yaml': pipeline('p1', writer('a')),
      'p2.pipeline.yaml': pipeline('p2', writer('b').replace('schema: fact_orders', 'schema: dim_customer')),
    });
    assert.deepEqual(apart.all(), []);
  });
});

// ---- incremental behaviour ----------------------------------------------------------------------

describe('incremental updates', () => {
  it('fixing a contract removes the findings of the pipeline that referred to it', () => {
    const ws = new Workspace({
      ...GOOD(),
      'contracts/raw-orders.odcs.yaml': RAW_ORDERS.replace('id: raw-orders', 'id: raw-ordrs'),
    });
    assert.deepEqual(
      ws.findings(PIPE).map((f) => f.rule),
      ['ref/unknown-contract'],
    );
    ws.set('contracts/raw-orders.odcs.yaml', RAW_ORDERS);
    assert.deepEqual(ws.findings(PIPE), []);
  });

  it('adding a property to a contract fixes a column mapping elsewhere', () => {
    const ws = new Workspace({
      ...GOOD(),
      'contracts/dwh-orders.odcs.yaml': DWH_ORDERS.replace('name: city', 'name: town'),
    });
    assert.deepEqual(
      ws.findings(PIPE).map((f) => f.rule),
      ['ref/unknown-column'],
    );
    ws.set('contracts/dwh-orders.odcs.yaml', DWH_ORDERS);
    assert.deepEqual(ws.findings(PIPE), []);
  });

  it('removing a contract makes references to it unknown; re-adding restores them', () => {
    const ws = new Workspace(GOOD());
    ws.remove('contracts/raw-orders.odcs.yaml');
    const found = ws.findings(PIPE);
    assert.deepEqual(
      found.map((f) => [f.rule, pathOf(f)]),
      [['ref/unknown-contract', { path: ['steps', 0, 'inputs', 0, 'contract'], target: 'value' }]],
    );
    assert.equal(ws.index.contract('raw-orders'), undefined);
    ws.set('contracts/raw-orders.odcs.yaml', RAW_ORDERS);
    assert.deepEqual(ws.findings(PIPE), []);
    assert.equal(ws.index.contract('raw-orders')?.file, 'contracts/raw-orders.odcs.yaml');
  });

  it('resolves duplicates when one of the files changes its id or goes away', () => {
    const ws = new Workspace({ 'a.odcs.yaml': RAW_ORDERS, 'b.odcs.yaml': RAW_ORDERS });
    assert.equal(ws.findings('a.odcs.yaml').length, 1);
    ws.set('b.odcs.yaml', RAW_ORDERS.replace('id: raw-orders', 'id: raw-orders-v2'));
    assert.deepEqual(ws.all(), []);
    ws.set('b.odcs.yaml', RAW_ORDERS);
    assert.equal(ws.findings('a.odcs.yaml').length, 1);
    ws.remove('b.odcs.yaml');
    assert.deepEqual(ws.all(), []);
    assert.deepEqual(
      ws.index.contractsWithId('raw-orders').map((c) => c.file),
      ['a.odcs.yaml'],
    );
  });

  it('re-extracts only the updated file', () => {
    const ws = new Workspace(GOOD());
    const before = ws.index.facts('contracts/raw-orders.odcs.yaml');
    const pipeBefore = ws.index.facts(PIPE);
    ws.set('contracts/dwh-orders.odcs.yaml', DWH_ORDERS.replace('name: city', 'name: town'));
    assert.equal(ws.index.facts('contracts/raw-orders.odcs.yaml'), before);
    assert.equal(ws.index.facts(PIPE), pipeBefore);
    assert.notEqual(ws.index.facts('contracts/dwh-orders.odcs.yaml'), undefined);
  });

  it('recomputes cycles and writers after any pipeline changes', () => {
    const step = (id: string, from: string, to: string) =>
      `  - id: ${id}\n    inputs:\n      - contract: ${from}\n    outputs:\n      - contract: ${to}\n`;
    const ws = new Workspace({ 'p1.pipeline.yaml': pipeline('p1', step('a', 'x', 'y')) });
    assert.deepEqual(ws.findings('p1.pipeline.yaml', 'ref/pipeline-cycle'), []);
    ws.set('p2.pipeline.yaml', pipeline('p2', step('b', 'y', 'x')));
    assert.equal(ws.findings('p1.pipeline.yaml', 'ref/pipeline-cycle').length, 1);
    ws.set('p2.pipeline.yaml', pipeline('p2', step('b', 'y', 'z')));
    assert.deepEqual(ws.findings('p1.pipeline.yaml', 'ref/pipeline-cycle'), []);
    ws.set('p2.pipeline.yaml', pipeline('p2', step('b', 'x', 'y')));
    assert.equal(ws.findings('p1.pipeline.yaml', 'ref/conflicting-writers').length, 1);
    ws.remove('p2.pipeline.yaml');
    assert.deepEqual(ws.findings('p1.pipeline.yaml', 'ref/conflicting-writers'), []);
  });

  it("tells which files' findings may have changed", () => {
    const product = `apiVersion: v1.0.0\nkind: DataProduct\nid: shop\nstatus: active\ninputPorts:\n  - name: raw\n    version: 1.0.0\n    contractId: raw-orders\n`;
    const ws = new Workspace({ ...GOOD(), 'shop.odps.yaml': product, 'copy.odcs.yaml': DWH_ORDERS });
    const changed = ws.index.update(
      parseDocument('contracts/raw-orders.odcs.yaml', RAW_ORDERS.replace('version: 1.0.0', 'version: 1.1.0')),
    );
    assert.deepEqual(changed, ['contracts/raw-orders.odcs.yaml', PIPE, 'shop.odps.yaml']);
    assert.deepEqual(ws.index.update(parseDocument('shop.odps.yaml', product)), ['shop.odps.yaml']);
    assert.deepEqual(ws.index.remove('copy.odcs.yaml'), ['contracts/dwh-orders.odcs.yaml', 'copy.odcs.yaml', PIPE]);
    assert.deepEqual(ws.index.remove('copy.odcs.yaml'), []);
  });

  it("keeps a file's last good facts while it has a syntax error", () => {
    const ws = new Workspace(GOOD());
    ws.set('contracts/raw-orders.odcs.yaml', RAW_ORDERS + 'oops: [\n');
    assert.equal(ws.docs.get('contracts/raw-orders.odcs.yaml')!.value, undefined);
    assert.deepEqual(ws.findings(PIPE), [], 'the pipeline does not flicker to "unknown contract"');
    ws.set('contracts/raw-orders.odcs.yaml', RAW_ORDERS.replace('id: raw-orders', 'id: raw-orders-2'));
    assert.deepEqual(
      ws.findings(PIPE).map((f) => f.rule),
      ['ref/unknown-contract'],
    );
  });

  it('drops a file that stops being a contract', () => {
    const { 'contracts/raw-orders.odcs.yaml': raw, ...rest } = GOOD();
    const ws = new Workspace({ ...rest, 'contracts/raw-orders.yaml': raw });
    assert.equal(ws.index.facts('contracts/raw-orders.yaml')?.kind, 'odcs', 'recognised by its `kind`');
    assert.deepEqual(ws.findings(PIPE), []);
    ws.set('contracts/raw-orders.yaml', 'just: text\n');
    assert.equal(ws.index.facts('contracts/raw-orders.yaml'), undefined);
    assert.deepEqual(
      ws.findings(PIPE).map((f) => f.rule),
      ['ref/unknown-contract'],
    );
  });
});

// ---- lookups ------------------------------------------------------------------------------------

describe('lookups', () => {
  it('finds contracts, schema objects and nested property names', () => {
    const { index } = new Workspace(GOOD());
    assert.equal(index.contract('raw-orders')?.version, '1.0.0');
    assert.deepEqual(index.contractIds(), ['dwh-orders', 'raw-orders']);
    assert.deepEqual(index.schemaObject('raw-orders', 'orders')?.path, ['schema', 0]);
    assert.equal(index.schemaObject('raw-orders', 'nope'), undefined);
    assert.deepEqual(index.propertyNames('raw-orders', 'orders'), [
      'order_id',
      'customer_id',
      'address',
      'address.city',
      'lines',
      'lines.sku',
    ]);
    assert.deepEqual(index.property('raw-orders', 'orders', 'lines.sku')?.path, [
      'schema',
      0,
      'properties',
      3,
      'items',
      'properties',
      0,
    ]);
    assert.deepEqual(index.propertyNames('unknown', 'orders'), []);
    const resolution = index.resolveDataset({ contract: 'dwh-orders' });
    assert.equal(resolution.status, 'ambiguous');
  });

  it('reads DCS models and nested fields', () => {
    const dcs = `dataContractSpecification: 1.1.0
id: dcs-orders
info:
  title: Orders
  version: 2.1.0
models:
  orders:
    fields:
      order_id:
        type: string
      customer:
        type: object
        fields:
          email:
            type: string
      lines:
        type: array
        items:
          type: object
          fields:
            sku:
              type: string
`;
    const { index } = new Workspace({ 'datacontract.yaml': dcs });
    assert.equal(index.contract('dcs-orders')?.format, 'dcs');
    assert.equal(index.contract('dcs-orders')?.version, '2.1.0');
    assert.deepEqual(index.propertyNames('dcs-orders', 'orders'), [
      'order_id',
      'customer',
      'customer.email',
      'lines',
      'lines.sku',
    ]);
    assert.deepEqual(index.property('dcs-orders', 'orders', 'customer.email')?.path, [
      'models',
      'orders',
      'fields',
      'customer',
      'fields',
      'email',
    ]);
  });

  it('lists the consumers and producers of a contract', () => {
    const product = `apiVersion: v1.0.0
kind: DataProduct
id: shop
status: active
inputPorts:
  - name: raw
    version: 1.0.0
    contractId: raw-orders
outputPorts:
  - name: facts
    version: 1.0.0
    contractId: dwh-orders
    inputContracts:
      - id: raw-orders
        version: 1.0.0
`;
    const rel = RAW_ORDERS.replace('id: raw-orders', 'id: refs').replace(
      '  - name: orders\n',
      '  - name: orders\n    relationships:\n      - type: foreignKey\n        from: orders.order_id\n        to: ../contracts/dwh-orders.odcs.yaml#/schema/fact_orders/properties/order_key\n',
    );
    const ws = new Workspace({ ...GOOD(), 'products/shop.odps.yaml': product, 'other/refs.odcs.yaml': rel });
    assert.deepEqual(ws.findings('other/refs.odcs.yaml'), []);
    const summary = (uses: ReturnType<WorkspaceIndex['usesOf']>) =>
      uses.map((u) => `${u.kind}:${u.id} ${u.role} ${u.schemaObject ?? '*'} ${u.detail}`);
    assert.deepEqual(summary(ws.index.consumersOf('raw-orders')), [
      'pipeline:orders-load reads orders step `load` reads `orders`',
      'product:shop reads * input port `raw`',
      'product:shop reads * output port `facts` is derived from it',
    ]);
    assert.deepEqual(summary(ws.index.producersOf('dwh-orders')), [
      'pipeline:orders-load writes fact_orders step `load` writes `fact_orders`',
      'product:shop exposes * output port `facts`',
    ]);
    const refs = ws.index.consumersOf('dwh-orders', 'fact_orders');
    assert.deepEqual(
      refs.map((u) => [u.kind, u.id, u.file, u.property, u.path]),
      [['contract', 'refs', 'other/refs.odcs.yaml', 'order_key', ['schema', 0, 'relationships', 0, 'to']]],
    );
    assert.deepEqual(ws.index.consumersOf('dwh-orders', 'dim_customer'), []);
    ws.remove('products/shop.odps.yaml');
    assert.deepEqual(summary(ws.index.consumersOf('raw-orders')), [
      'pipeline:orders-load reads orders step `load` reads `orders`',
    ]);
  });
});
