// Rename of properties and contract ids across the workspace, and the refusals.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { prepareRename, rename } from '../../../server/src/engine/features';
import type { LanguageService } from '../../../server/src/engine/service';
import { applyEdits, exampleService, positionOf, range, rangeOf } from './helpers';

const WAREHOUSE = 'examples/contracts/warehouse-orders.odcs.yaml';
const WAREHOUSE_PIPELINE = 'examples/pipelines/warehouse-modelling.pipeline.yaml';
const CHURN_PIPELINE = 'examples/pipelines/churn-features.pipeline.yaml';
const CHURN_PRODUCT = 'examples/products/customer-churn.odps.yaml';

function changesOf(result: WorkspaceEdit | { error: string }): Record<string, TextEdit[]> {
  assert.ok(!('error' in result), 'error' in result ? result.error : '');
  return (result as WorkspaceEdit).changes!;
}

/** Applies a workspace edit to the service's documents; returns every finding of the workspace afterwards. */
function applyAndLint(service: LanguageService, changes: Record<string, TextEdit[]>): string[] {
  for (const [path, edits] of Object.entries(changes))
    service.setDocument(path, applyEdits(service.getDocument(path)!.text, edits));
  // The two v3.0.2 example contracts' `version/upgrade-available` info is there before and after (the
  // examples' pactline.yaml turns it off; this service runs without it).
  return [...service.paths()].flatMap((p) =>
    service
      .diagnose(p)
      .filter((d) => d.code !== 'version/upgrade-available')
      .map((d) => `${p}: ${d.code} ${d.message}`),
  );
}

describe('rename: properties', () => {
  it('renames a property in its contract, the pipelines writing and reading it, and the relationships', () => {
    const service = exampleService();
    const text = service.getDocument(WAREHOUSE)!.text;
    const changes = changesOf(rename(service, WAREHOUSE, positionOf(text, 'name: customer_key', 9), 'customer_hash'));
    const churn = service.getDocument(CHURN_PIPELINE)!.text;
    const modelling = service.getDocument(WAREHOUSE_PIPELINE)!.text;
    assert.deepEqual(changes, {
      [WAREHOUSE]: [
        { range: range(55, 14, 55, 26), newText: 'customer_hash' },
        { range: rangeOf(text, 'to: dim_customers.customer_key', 0, 'customer_key'), newText: 'customer_hash' },
        { range: rangeOf(text, 'to: dim_customers.customer_key', 1, 'customer_key'), newText: 'customer_hash' },
      ],
      [CHURN_PIPELINE]: [{ range: rangeOf(churn, 'c.customer_key', 0, 'customer_key'), newText: 'customer_hash' }],
      [WAREHOUSE_PIPELINE]: [
        { range: rangeOf(modelling, 'customer_key: customers', 0, 'customer_key'), newText: 'customer_hash' },
      ],
    });
    assert.equal(Object.values(changes).flat().length, 5);
    assert.deepEqual(applyAndLint(service, changes), [], 'the renamed workspace is still clean');
    assert.match(service.getDocument(CHURN_PIPELINE)!.text, /customer_key: c\.customer_hash\n/);
  });

  it('renames from a reference just as from the declaration', () => {
    const service = exampleService();
    const fromDeclaration = changesOf(
      rename(service, WAREHOUSE, positionOf(service.getDocument(WAREHOUSE)!.text, 'name: customer_key', 9), 'k'),
    );
    const fromUse = changesOf(
      rename(service, CHURN_PIPELINE, positionOf(service.getDocument(CHURN_PIPELINE)!.text, 'c.customer_key', 4), 'k'),
    );
    assert.deepEqual(fromUse, fromDeclaration);
  });

  it('renames a property read and written by pipelines (a source column renamed in both mapping sides)', () => {
    const service = exampleService();
    const text = service.getDocument(WAREHOUSE)!.text;
    const changes = changesOf(
      rename(service, WAREHOUSE, positionOf(text, 'name: order_total_eur', 8), 'order_total_in_eur'),
    );
    assert.deepEqual(Object.fromEntries(Object.entries(changes).map(([f, e]) => [f, e.length])), {
      [WAREHOUSE]: 1,
      [CHURN_PIPELINE]: 3,
      [WAREHOUSE_PIPELINE]: 1,
    });
    assert.deepEqual(applyAndLint(service, changes), []);
  });

  it('renames a nested property and the dotted references through it', () => {
    const service = exampleService({
      'n/orders.odcs.yaml': `apiVersion: v3.1.0
kind: DataContract
id: nested-orders
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: string
      - name: address
        logicalType: object
        properties:
          - name: city
            logicalType: string
  - name: cities
    properties:
      - name: city
        logicalType: string
slaProperties:
  - property: latency
    value: 1
    unit: h
    element: orders.address.city
tags: [source] # the orders come from outside the workspace (lineage/unproduced-dataset otherwise)
`,
      'n/copy.pipeline.yaml': `apiVersion: pactline/v1
kind: Pipeline
id: nested-copy
owner: me
schedule:
  streaming: true
steps:
  - id: copy
    inputs:
      - contract: nested-orders
        schema: orders
    outputs:
      - contract: nested-orders
        schema: cities
        columns:
          city: orders.address.city
`,
    });
    const text = service.getDocument('n/orders.odcs.yaml')!.text;
    const changes = changesOf(
      rename(service, 'n/orders.odcs.yaml', positionOf(text, 'name: address', 7), 'shipping_address'),
    );
    assert.deepEqual(changes, {
      'n/orders.odcs.yaml': [
        { range: range(10, 14, 10, 21), newText: 'shipping_address' },
        { range: range(23, 20, 23, 27), newText: 'shipping_address' },
      ],
      'n/copy.pipeline.yaml': [{ range: range(15, 23, 15, 30), newText: 'shipping_address' }],
    });
    assert.deepEqual(applyAndLint(service, changes), []);
  });

  it('prepares the rename with the name under the cursor', () => {
    const service = exampleService();
    const churn = service.getDocument(CHURN_PIPELINE)!.text;
    assert.deepEqual(prepareRename(service, CHURN_PIPELINE, positionOf(churn, 'o.order_total_eur', 5)), {
      range: rangeOf(churn, 'o.order_total_eur', 0, 'order_total_eur'),
      placeholder: 'order_total_eur',
    });
    assert.equal(prepareRename(service, CHURN_PIPELINE, positionOf(churn, 'runtime: snowflake-sql', 12)), null);
  });
});

describe('rename: contract ids', () => {
  it('renames the id and every pipeline and product reference', () => {
    const service = exampleService();
    const text = service.getDocument(WAREHOUSE)!.text;
    const changes = changesOf(
      rename(service, WAREHOUSE, positionOf(text, 'id: warehouse-orders', 4), 'commerce-warehouse'),
    );
    assert.deepEqual(Object.fromEntries(Object.entries(changes).map(([f, e]) => [f, e.length])), {
      [WAREHOUSE]: 1,
      [CHURN_PIPELINE]: 3,
      [WAREHOUSE_PIPELINE]: 3,
      [CHURN_PRODUCT]: 2,
    });
    assert.deepEqual(changes[WAREHOUSE], [{ range: range(4, 4, 4, 20), newText: 'commerce-warehouse' }]);
    assert.deepEqual(applyAndLint(service, changes), []);
    assert.equal(service.index.contract('warehouse-orders'), undefined);
    assert.equal(service.index.usesOf('commerce-warehouse').length, 8);
  });

  it('keeps the quotes of a quoted reference', () => {
    const service = exampleService({
      'q.odps.yaml':
        'apiVersion: v1.0.0\nkind: DataProduct\nid: q\ninputPorts:\n  - name: a\n    version: 1.0.0\n    contractId: "churn-predictions"\n',
    });
    const changes = changesOf(rename(service, 'q.odps.yaml', { line: 6, character: 20 }, 'churn-scores'));
    assert.deepEqual(changes['q.odps.yaml'], [{ range: range(6, 17, 6, 34), newText: 'churn-scores' }]);
    assert.equal(changes['examples/contracts/churn-predictions.odcs.yaml'].length, 1);
  });
});

describe('rename: refusals', () => {
  it('refuses an id declared twice', () => {
    const service = exampleService({
      'dup.odcs.yaml': 'apiVersion: v3.1.0\nkind: DataContract\nid: warehouse-orders\nversion: 9.0.0\nstatus: draft\n',
    });
    const position = positionOf(service.getDocument(CHURN_PRODUCT)!.text, 'contractId: warehouse-orders', 13);
    const expected =
      'Contract id `warehouse-orders` is declared in 2 files (`dup.odcs.yaml`, `examples/contracts/warehouse-orders.odcs.yaml`): ' +
      'renaming it would be ambiguous. Give one of them another id first (ref/duplicate-id).';
    assert.deepEqual(prepareRename(service, CHURN_PRODUCT, position), { error: expected });
    assert.deepEqual(rename(service, CHURN_PRODUCT, position, 'x'), { error: expected });
  });

  it('refuses a name the schema object already has, an existing contract id, and invalid names', () => {
    const service = exampleService();
    const text = service.getDocument(WAREHOUSE)!.text;
    const property = positionOf(text, 'name: customer_key', 9);
    assert.deepEqual(rename(service, WAREHOUSE, property, 'country_code'), {
      error: 'Schema object `dim_customers` already has a property `country_code`.',
    });
    assert.match(
      (rename(service, WAREHOUSE, property, 'customer key') as { error: string }).error,
      /^`customer key` is not a usable property name/,
    );
    assert.match(
      (rename(service, WAREHOUSE, property, 'a.b') as { error: string }).error,
      /^`a\.b` is not a usable property name/,
    );
    const id = positionOf(text, 'id: warehouse-orders', 4);
    assert.deepEqual(rename(service, WAREHOUSE, id, 'churn-predictions'), {
      error: 'Contract id `churn-predictions` is already declared in `examples/contracts/churn-predictions.odcs.yaml`.',
    });
    assert.match(
      (rename(service, WAREHOUSE, id, 'has space') as { error: string }).error,
      /^`has space` is not a usable contract id/,
    );
  });

  it('refuses schema objects, input aliases, unknown contracts, and files with syntax errors', () => {
    const service = exampleService();
    const modelling = service.getDocument(WAREHOUSE_PIPELINE)!.text;
    assert.ok('error' in prepareRename(service, WAREHOUSE_PIPELINE, positionOf(modelling, 'schema: order_items', 10))!);
    assert.deepEqual(prepareRename(service, WAREHOUSE_PIPELINE, positionOf(modelling, 'items.quantity', 2)), {
      error: "`items` is the name this step gives one of its inputs: change it with the input's `as`.",
    });
    const broken = service.getDocument(CHURN_PIPELINE)!.text.replace('tags: [batch', 'tags: [[batch');
    service.setDocument(CHURN_PIPELINE, broken);
    const result = rename(
      service,
      WAREHOUSE,
      positionOf(service.getDocument(WAREHOUSE)!.text, 'name: customer_key', 9),
      'k',
    );
    assert.deepEqual(result, { error: `Cannot rename while \`${CHURN_PIPELINE}\` has YAML errors: fix it first.` });
  });
});
