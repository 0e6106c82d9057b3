// Go to definition and find references across the example workspace.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Location } from 'vscode-languageserver-types';
import { definition, references } from '../../../server/src/engine/features';
import { exampleService, positionOf, range, rangeOf } from './helpers';

const service = exampleService();
const textOf = (path: string) => service.getDocument(path)!.text;
const WAREHOUSE_PIPELINE = 'examples/pipelines/warehouse-modelling.pipeline.yaml';
const CHURN_PIPELINE = 'examples/pipelines/churn-features.pipeline.yaml';
const WAREHOUSE = 'examples/contracts/warehouse-orders.odcs.yaml';
const VALIDATED = 'examples/contracts/validated-commerce-cdc.odcs.yaml';
const CHURN_PRODUCT = 'examples/products/customer-churn.odps.yaml';
const at = (uri: string, needle: string, n = 0, part?: string): Location => ({
  uri,
  range: rangeOf(textOf(uri), needle, n, part),
});
const sortLocations = (l: Location[]) =>
  [...l].sort(
    (a, b) =>
      a.uri.localeCompare(b.uri) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character,
  );

describe('definition', () => {
  it("jumps from a pipeline input `contract` to the contract's `id` value", () => {
    const result = definition(
      service,
      WAREHOUSE_PIPELINE,
      positionOf(textOf(WAREHOUSE_PIPELINE), 'contract: validated-commerce-cdc', 15),
    );
    assert.deepEqual(result, [{ uri: VALIDATED, range: range(4, 4, 4, 26) }]);
  });

  it('jumps from an ODPS `contractId` and from `inputContracts[].id`', () => {
    const text = textOf(CHURN_PRODUCT);
    assert.deepEqual(definition(service, CHURN_PRODUCT, positionOf(text, 'contractId: warehouse-web-sessions', 15)), [
      at(
        'examples/contracts/warehouse-web-sessions.odcs.yaml',
        'id: warehouse-web-sessions',
        0,
        'warehouse-web-sessions',
      ),
    ]);
    assert.deepEqual(definition(service, CHURN_PRODUCT, positionOf(text, '- id: features-customer-churn', 8)), [
      at(
        'examples/contracts/features-customer-churn.odcs.yaml',
        'id: features-customer-churn',
        0,
        'features-customer-churn',
      ),
    ]);
  });

  it("jumps from `schema` to the schema object's `name`", () => {
    const result = definition(
      service,
      WAREHOUSE_PIPELINE,
      positionOf(textOf(WAREHOUSE_PIPELINE), 'schema: order_items', 9),
    );
    assert.deepEqual(result, [at(VALIDATED, 'name: order_items', 0, 'order_items')]);
  });

  it("jumps from the column of `alias.column` to the property's `name`, and from its alias to the input", () => {
    const text = textOf(WAREHOUSE_PIPELINE);
    assert.deepEqual(definition(service, WAREHOUSE_PIPELINE, positionOf(text, 'items.discount_amount', 8)), [
      at(VALIDATED, 'name: discount_amount', 0, 'discount_amount'),
    ]);
    assert.deepEqual(definition(service, WAREHOUSE_PIPELINE, positionOf(text, 'items.discount_amount', 2)), [
      at(WAREHOUSE_PIPELINE, 'as: items', 0, 'items'),
    ]);
    // A source in a list, and an alias that is the schema object's name.
    const listed = definition(
      service,
      WAREHOUSE_PIPELINE,
      positionOf(text, '[orders.order_total, orders.currency', 30),
    );
    assert.deepEqual(listed, [at(VALIDATED, 'name: currency', 0, 'currency')]);
  });

  it("jumps from an output column key to the output schema object's property", () => {
    const result = definition(service, CHURN_PIPELINE, positionOf(textOf(CHURN_PIPELINE), 'revenue_eur_90d: o.', 3));
    assert.deepEqual(result, [
      at('examples/contracts/features-customer-churn.odcs.yaml', 'name: revenue_eur_90d', 0, 'revenue_eur_90d'),
    ]);
  });

  it('jumps from a relationship `to: table.column` to the table or the column', () => {
    const text = textOf(WAREHOUSE);
    assert.deepEqual(definition(service, WAREHOUSE, positionOf(text, 'to: fct_orders.order_id', 18)), [
      at(WAREHOUSE, 'name: order_id', 0, 'order_id'),
    ]);
    assert.deepEqual(definition(service, WAREHOUSE, positionOf(text, 'to: fct_orders.order_id', 6)), [
      at(WAREHOUSE, 'name: fct_orders', 0, 'fct_orders'),
    ]);
  });

  it('follows fully qualified relationship references into another file, segment by segment', () => {
    const s = exampleService({
      'x/customers.odcs.yaml':
        'apiVersion: v3.1.0\nkind: DataContract\nid: customers\nversion: 1.0.0\nstatus: active\nschema:\n  - id: cust_tbl\n    name: customers\n    properties:\n      - id: cid\n        name: customer_id\n        logicalType: string\n',
      'x/orders.odcs.yaml':
        'apiVersion: v3.1.0\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\nschema:\n  - name: orders\n    properties:\n      - name: customer_id\n        logicalType: string\n        relationships:\n          - to: customers.odcs.yaml#/schema/cust_tbl/properties/cid\n',
    });
    const text = s.getDocument('x/orders.odcs.yaml')!.text;
    const onProperty = definition(s, 'x/orders.odcs.yaml', positionOf(text, '/cid', 2));
    assert.deepEqual(onProperty, [{ uri: 'x/customers.odcs.yaml', range: range(10, 14, 10, 25) }]);
    const onObject = definition(s, 'x/orders.odcs.yaml', positionOf(text, 'cust_tbl', 2));
    assert.deepEqual(onObject, [{ uri: 'x/customers.odcs.yaml', range: range(7, 10, 7, 19) }]);
  });

  it('gives every declaration of a duplicated id, and nothing for an unknown one', () => {
    const s = exampleService({
      'dup.odcs.yaml': 'apiVersion: v3.1.0\nkind: DataContract\nid: warehouse-orders\nversion: 9.0.0\nstatus: draft\n',
      'p.odps.yaml':
        'apiVersion: v1.0.0\nkind: DataProduct\nid: p\ninputPorts:\n  - name: a\n    version: 1.0.0\n    contractId: nowhere\n',
    });
    const result = definition(
      s,
      WAREHOUSE_PIPELINE,
      positionOf(textOf(WAREHOUSE_PIPELINE), 'contract: warehouse-orders', 12),
    );
    assert.deepEqual(result.map((l) => l.uri).sort(), ['dup.odcs.yaml', WAREHOUSE]);
    assert.deepEqual(definition(s, 'p.odps.yaml', { line: 6, character: 18 }), []);
  });

  it('gives nothing on plain values and keys', () => {
    assert.deepEqual(
      definition(service, WAREHOUSE_PIPELINE, positionOf(textOf(WAREHOUSE_PIPELINE), 'runtime: dbt', 11)),
      [],
    );
    assert.deepEqual(
      definition(service, WAREHOUSE_PIPELINE, positionOf(textOf(WAREHOUSE_PIPELINE), 'contract: warehouse-orders', 2)),
      [],
    );
  });
});

describe('references', () => {
  it('lists every pipeline and product that uses a contract, from its `id`', () => {
    const text = textOf(WAREHOUSE);
    const found = references(service, WAREHOUSE, positionOf(text, 'id: warehouse-orders', 6), false);
    const expected = [
      at(CHURN_PIPELINE, 'contract: warehouse-orders', 0, 'warehouse-orders'),
      at(CHURN_PIPELINE, 'contract: warehouse-orders', 1, 'warehouse-orders'),
      at(CHURN_PIPELINE, 'contract: warehouse-orders', 2, 'warehouse-orders'),
      at(WAREHOUSE_PIPELINE, 'contract: warehouse-orders', 0, 'warehouse-orders'),
      at(WAREHOUSE_PIPELINE, 'contract: warehouse-orders', 1, 'warehouse-orders'),
      at(WAREHOUSE_PIPELINE, 'contract: warehouse-orders', 2, 'warehouse-orders'),
      at(CHURN_PRODUCT, 'contractId: warehouse-orders', 0, 'warehouse-orders'),
      at(CHURN_PRODUCT, '- id: warehouse-orders', 0, 'warehouse-orders'),
    ];
    assert.deepEqual(sortLocations(found), sortLocations(expected));
    const withDeclaration = references(service, WAREHOUSE, positionOf(text, 'id: warehouse-orders', 6), true);
    assert.deepEqual(withDeclaration[0], at(WAREHOUSE, 'id: warehouse-orders', 0, 'warehouse-orders'));
    assert.equal(withDeclaration.length, 9);
  });

  it('gives the same answer from a reference as from the declaration', () => {
    const fromUse = references(
      service,
      CHURN_PRODUCT,
      positionOf(textOf(CHURN_PRODUCT), 'contractId: warehouse-orders', 14),
      true,
    );
    const fromId = references(service, WAREHOUSE, positionOf(textOf(WAREHOUSE), 'id: warehouse-orders', 6), true);
    assert.deepEqual(fromUse, fromId);
  });

  it('lists the uses of a property: column mappings on both sides and relationships', () => {
    const text = textOf(WAREHOUSE);
    const found = references(service, WAREHOUSE, positionOf(text, 'name: customer_key', 8), true);
    assert.deepEqual(
      sortLocations(found),
      sortLocations([
        at(WAREHOUSE, 'name: customer_key', 0, 'customer_key'),
        at(WAREHOUSE, 'to: dim_customers.customer_key', 0, 'customer_key'),
        at(WAREHOUSE, 'to: dim_customers.customer_key', 1, 'customer_key'),
        at(WAREHOUSE_PIPELINE, 'customer_key: customers.customer_id', 0, 'customer_key'),
        at(CHURN_PIPELINE, 'c.customer_key', 0, 'customer_key'),
      ]),
    );
  });

  it('lists the uses of a property written by a pipeline and read by another', () => {
    const text = textOf(WAREHOUSE);
    // fct_orders.order_total_eur: written by warehouse-modelling, read three times by churn-features.
    const found = references(service, WAREHOUSE, positionOf(text, 'name: order_total_eur', 8), false);
    assert.deepEqual(
      sortLocations(found),
      sortLocations([
        at(WAREHOUSE_PIPELINE, 'order_total_eur: [', 0, 'order_total_eur'),
        at(CHURN_PIPELINE, 'o.order_total_eur', 0, 'order_total_eur'),
        at(CHURN_PIPELINE, 'o.order_total_eur', 1, 'order_total_eur'),
        at(CHURN_PIPELINE, 'o.order_total_eur', 2, 'order_total_eur'),
      ]),
    );
  });

  it('lists the uses of a schema object: pipeline `schema`s and relationship tables', () => {
    const text = textOf(WAREHOUSE);
    const found = references(service, WAREHOUSE, positionOf(text, 'name: dim_customers', 8), false);
    assert.deepEqual(
      sortLocations(found),
      sortLocations([
        at(CHURN_PIPELINE, 'schema: dim_customers', 0, 'dim_customers'),
        at(WAREHOUSE_PIPELINE, 'schema: dim_customers', 0, 'dim_customers'),
        at(WAREHOUSE, 'to: dim_customers.customer_key', 0, 'dim_customers'),
        at(WAREHOUSE, 'to: dim_customers.customer_key', 1, 'dim_customers'),
      ]),
    );
  });

  it('includes SLA elements and implicit schema objects', () => {
    const text = textOf(WAREHOUSE);
    const found = references(service, WAREHOUSE, positionOf(text, 'name: last_changed_at', 8), false);
    assert.deepEqual(
      sortLocations(found),
      sortLocations([
        at(WAREHOUSE_PIPELINE, 'last_changed_at: orders', 0, 'last_changed_at'),
        at(WAREHOUSE, 'element: fct_orders.last_changed_at', 0, 'last_changed_at'),
      ]),
    );
    // warehouse-web-sessions has one schema object: an input that omits `schema` uses it too.
    const sessions = 'examples/contracts/warehouse-web-sessions.odcs.yaml';
    const objectUses = references(service, sessions, positionOf(textOf(sessions), 'name: fct_sessions', 8), false);
    assert.deepEqual(
      sortLocations(objectUses),
      sortLocations([
        at(CHURN_PIPELINE, 'contract: warehouse-web-sessions', 0, 'warehouse-web-sessions'),
        at(WAREHOUSE_PIPELINE, 'contract: warehouse-web-sessions', 0, 'warehouse-web-sessions'),
        at(sessions, 'element: fct_sessions.session_end', 0, 'fct_sessions'),
      ]),
    );
  });
});
