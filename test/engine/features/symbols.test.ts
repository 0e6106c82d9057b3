// Document symbols (the outline) and workspace symbols.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { documentSymbols, workspaceSymbols } from '../../../server/src/engine/features';
import { LanguageService } from '../../../server/src/engine/service';
import { exampleService, range, rangeOf } from './helpers';

const service = exampleService();
const outline = (symbols: DocumentSymbol[], depth = 9): unknown[] =>
  symbols.map((s) => (s.children?.length && depth > 0 ? [s.name, outline(s.children, depth - 1)] : s.name));

describe('document symbols', () => {
  it('outlines a contract: servers, schema objects, their properties', () => {
    const path = 'examples/contracts/warehouse-orders.odcs.yaml';
    const [root] = documentSymbols(service, path);
    assert.equal(root.name, 'warehouse-orders');
    assert.equal(root.kind, SymbolKind.Module);
    assert.equal(root.detail, 'data contract · v4.2.0 · active');
    assert.deepEqual(root.selectionRange, range(4, 4, 4, 20));
    assert.deepEqual(
      root.children!.map((c) => c.name),
      ['snowflake-prod', 'snowflake-dev', 'dim_customers', 'fct_orders', 'fct_payments'],
    );
    const dim = root.children![2];
    assert.equal(dim.kind, SymbolKind.Class);
    assert.deepEqual(dim.range, range(46, 4, 114, 32));
    assert.deepEqual(dim.selectionRange, range(47, 10, 47, 23));
    assert.deepEqual(
      dim.children!.map((c) => c.name),
      [
        'customer_key',
        'email_sha256',
        'country_code',
        'is_guest',
        'marketing_opt_in',
        'loyalty_tier',
        'signed_up_at',
        'first_order_at',
        'dbt_updated_at',
      ],
    );
    assert.deepEqual(dim.children![0], {
      name: 'customer_key',
      kind: SymbolKind.Field,
      detail: 'string · varchar(64)',
      range: range(55, 8, 71, 27),
      selectionRange: range(55, 14, 55, 26),
      children: [],
    });
  });

  it('nests object properties and the properties of array items', () => {
    const s = new LanguageService();
    s.setDocument(
      'n.odcs.yaml',
      `apiVersion: v3.1.0
kind: DataContract
id: n
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
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
`,
    );
    assert.deepEqual(outline(documentSymbols(s, 'n.odcs.yaml')), [
      [
        'n',
        [
          [
            'orders',
            [
              ['address', ['city']],
              ['lines', ['sku']],
            ],
          ],
        ],
      ],
    ]);
    const address = documentSymbols(s, 'n.odcs.yaml')[0].children![0].children![0];
    assert.equal(address.kind, SymbolKind.Struct);
    assert.equal(address.detail, 'object');
  });

  it('outlines a pipeline: steps, inputs and outputs, column mappings', () => {
    const path = 'examples/pipelines/lake-archive.pipeline.yaml';
    const [root] = documentSymbols(service, path);
    assert.equal(root.name, 'lake-archive');
    assert.deepEqual(outline([root], 2), [
      [
        'lake-archive',
        [
          ['archive-storefront-events', ['validated-storefront-events', 'lake-validated-archive/storefront_events']],
          ['archive-orders', ['validated-commerce-cdc/orders', 'lake-validated-archive/orders']],
        ],
      ],
    ]);
    const input = root.children![0].children![0];
    assert.equal(input.detail, 'input as events');
    const output = root.children![0].children![1];
    assert.equal(output.detail, 'output');
    assert.equal(output.children!.length, 10);
    const text = service.getDocument(path)!.text;
    assert.deepEqual(output.children![0], {
      name: 'event_id',
      kind: SymbolKind.Field,
      detail: '← events.event_id',
      range: rangeOf(text, 'event_id: events.event_id'),
      selectionRange: rangeOf(text, 'event_id: events.event_id', 0, 'event_id'),
      children: [],
    });
    const deadLetter = documentSymbols(service, 'examples/pipelines/commerce-stream-validation.pipeline.yaml')[0]
      .children![0].children![2];
    assert.deepEqual([deadLetter.name, deadLetter.detail], ['dead-letter-events', 'dead-letter output']);
  });

  it('outlines a data product by its ports', () => {
    const [root] = documentSymbols(service, 'examples/products/customer-churn.odps.yaml');
    assert.deepEqual(
      root.children!.map((c) => `${c.name} (${c.detail})`),
      [
        'commerce-warehouse (input port · warehouse-orders)',
        'storefront-sessions (input port · warehouse-web-sessions)',
        'churn-features (output port · features-customer-churn)',
        'churn-scores (output port · churn-predictions)',
        'model-monitoring (management port)',
      ],
    );
  });

  it('has no cap: a 6,000-property contract has 6,000 property symbols', () => {
    const s = new LanguageService();
    const lines = [
      'apiVersion: v3.1.0',
      'kind: DataContract',
      'id: big',
      'version: 1.0.0',
      'status: active',
      'schema:',
      '  - name: t',
      '    properties:',
    ];
    for (let i = 0; i < 6000; i++) lines.push(`      - name: c${i}`, '        logicalType: string');
    s.setDocument('big.odcs.yaml', lines.join('\n'));
    assert.equal(documentSymbols(s, 'big.odcs.yaml')[0].children![0].children!.length, 6000);
  });

  it('every range holds its selection range and its children, in every example', () => {
    const within = (inner: DocumentSymbol['range'], outer: DocumentSymbol['range']) =>
      (inner.start.line > outer.start.line ||
        (inner.start.line === outer.start.line && inner.start.character >= outer.start.character)) &&
      (inner.end.line < outer.end.line ||
        (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));
    const check = (s: DocumentSymbol) => {
      assert.ok(s.name.length > 0);
      assert.ok(within(s.selectionRange, s.range), s.name);
      for (const child of s.children ?? []) {
        assert.ok(within(child.range, s.range), `${child.name} in ${s.name}`);
        check(child);
      }
    };
    for (const path of service.paths()) documentSymbols(service, path).forEach(check);
  });

  it('is built once per version: asked again, the same outline; a new version, a new one', () => {
    const s = new LanguageService();
    const text = (name: string) =>
      'apiVersion: v3.1.0\nkind: DataContract\nid: c\nversion: 1.0.0\nstatus: active\nschema:\n' +
      `  - name: t\n    properties:\n      - name: ${name}\n        logicalType: string\n      - name: b\n`;
    s.setDocument('c.odcs.yaml', text('a'));
    const first = documentSymbols(s, 'c.odcs.yaml');
    assert.equal(documentSymbols(s, 'c.odcs.yaml'), first, 'the same answer, not built again');
    s.setDocument('c.odcs.yaml', text('renamed'));
    const next = documentSymbols(s, 'c.odcs.yaml');
    assert.notEqual(next, first);
    assert.deepEqual(outline(next), [['c', [['t', ['renamed', 'b']]]]]);
    assert.deepEqual(outline(first), [['c', [['t', ['a', 'b']]]]], 'the earlier answer is left as it was');
  });

  it('takes the first of a repeated key, as before', () => {
    const s = new LanguageService();
    s.setDocument(
      'd.odcs.yaml',
      'apiVersion: v3.1.0\nkind: DataContract\nid: d\nversion: 1.0.0\nstatus: active\nschema:\n' +
        '  - name: first\n    name: second\n',
    );
    assert.equal(documentSymbols(s, 'd.odcs.yaml')[0].children![0].name, 'first');
  });
});

describe('workspace symbols', () => {
  it('lists every contract, product, pipeline and schema object for an empty query', () => {
    const all = workspaceSymbols(service, '');
    const count = (kind: SymbolKind) => all.filter((s) => s.kind === kind).length;
    assert.deepEqual(
      [count(SymbolKind.Module), count(SymbolKind.Package), count(SymbolKind.Namespace), count(SymbolKind.Class)],
      [12, 2, 5, 20],
    );
  });

  it('matches by subsequence, best first, with the location of the name', () => {
    const found = workspaceSymbols(service, 'fctord');
    assert.deepEqual(found, [
      {
        name: 'fct_orders',
        kind: SymbolKind.Class,
        containerName: 'warehouse-orders',
        location: { uri: 'examples/contracts/warehouse-orders.odcs.yaml', range: range(117, 10, 117, 20) },
      },
    ]);
    const churn = workspaceSymbols(service, 'churn').map((s) => s.name);
    assert.deepEqual(churn.slice(0, 2).sort(), ['churn-model', 'churn_scores'].sort());
    assert.deepEqual(
      new Set(churn),
      new Set([
        'churn-model',
        'churn_scores',
        'churn-features',
        'churn-predictions',
        'customer-churn',
        'features-customer-churn',
      ]),
    );
    assert.deepEqual(workspaceSymbols(service, 'zzz'), []);
  });
});
