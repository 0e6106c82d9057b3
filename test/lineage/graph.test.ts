// The lineage graph: nodes, edges and column edges exactly, on a small workspace and on the
// example workspace; node metadata and ranges; focus resolution; views; incrementality.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  LineageGraph,
  lineageView,
  tooLargeToLayout,
  type LineageEdge,
  type LineageGraph as Graph,
} from '../../server/src/engine/lineage';
import { filesUnder, odcs, pipeline, SMALL, DAILY, workspace } from './helpers';

const edge = (e: LineageEdge) =>
  `${e.from} -> ${e.to} ${e.kind}${e.via ? ` via ${e.via}` : ''}${e.identity ? ' identity' : ''}`;
const edgesOf = (g: Graph) => g.edges().map(edge).sort();
const ids = (g: Graph) => g.nodes().map((n) => n.id);

describe('the graph of a small workspace', () => {
  const { graph } = workspace(SMALL);

  it('has exactly these nodes', () => {
    assert.deepEqual(ids(graph), [
      'column:clean-orders/customers/customer_id',
      'column:clean-orders/orders/amount_eur',
      'column:clean-orders/orders/created_at',
      'column:clean-orders/orders/customer_id',
      'column:clean-orders/orders/email',
      'column:clean-orders/orders/order_id',
      'column:dlq/rejects/payload',
      'column:raw-orders/orders/amount',
      'column:raw-orders/orders/created_at',
      'column:raw-orders/orders/email',
      'column:raw-orders/orders/order_id',
      'contract:clean-orders',
      'contract:dlq',
      'contract:raw-orders',
      'dataset:clean-orders/customers',
      'dataset:clean-orders/orders',
      'dataset:dlq/rejects',
      'dataset:raw-orders/orders',
      'job:validate/check',
      'pipeline:validate',
      'product:orders-product',
    ]);
  });

  it('has exactly these edges, pointing the way data flows, dead letters as their own kind', () => {
    assert.deepEqual(edgesOf(graph), [
      'column:clean-orders/customers/customer_id -> column:clean-orders/orders/customer_id relationship',
      'column:raw-orders/orders/amount -> column:clean-orders/orders/amount_eur column via job:validate/check',
      'column:raw-orders/orders/created_at -> column:clean-orders/orders/amount_eur column via job:validate/check',
      'column:raw-orders/orders/created_at -> column:clean-orders/orders/created_at column via job:validate/check identity',
      'column:raw-orders/orders/email -> column:clean-orders/orders/email column via job:validate/check identity',
      'column:raw-orders/orders/order_id -> column:clean-orders/orders/order_id column via job:validate/check identity',
      'contract:raw-orders -> product:orders-product input-port',
      'dataset:clean-orders/customers -> dataset:clean-orders/orders relationship',
      'dataset:raw-orders/orders -> job:validate/check input',
      'job:validate/check -> dataset:clean-orders/orders output',
      'job:validate/check -> dataset:dlq/rejects dead-letter',
      'product:orders-product -> contract:clean-orders output-port',
    ]);
  });

  it('nodes know their parent, file, owner, version, status, SLA, classification, schedule', () => {
    const raw = graph.node('contract:raw-orders')!;
    assert.equal(raw.label, 'Raw orders');
    assert.equal(raw.file, 'contracts/raw.odcs.yaml');
    assert.equal(raw.version, '1.0.0');
    assert.equal(raw.status, 'active');
    assert.equal(raw.source, true);
    assert.equal(graph.node('contract:clean-orders')!.owner, 'platform');
    assert.deepEqual(
      graph.node('dataset:clean-orders/orders')!.sla!.map((s) => [s.property, s.value, s.unit, s.element]),
      [['latency', 2, 'm', 'orders.created_at']],
    );
    assert.equal(
      graph.node('dataset:clean-orders/customers')!.sla,
      undefined,
      'an SLA whose element names another object does not apply',
    );
    const email = graph.node('column:raw-orders/orders/email')!;
    assert.deepEqual(
      [email.parent, email.classification, email.personal, email.logicalType],
      ['dataset:raw-orders/orders', 'confidential', true, 'string'],
    );
    assert.equal(graph.node('column:raw-orders/orders/amount')!.personal, undefined);
    const job = graph.node('job:validate/check')!;
    assert.deepEqual(
      [job.parent, job.runtime, job.owner, job.schedule?.streaming, job.schedule?.maxLatency],
      ['pipeline:validate', 'flink', 'data-eng', true, '1m'],
    );
    assert.deepEqual(
      graph.node('product:orders-product')!.ports!.map((p) => [p.direction, p.name, p.contractId]),
      [
        ['input', 'raw', 'raw-orders'],
        ['output', 'clean', 'clean-orders'],
      ],
    );
  });

  it('ranges point at the declaration: an id value, a schema object or property name, a step id', () => {
    assert.deepEqual(graph.range('contract:raw-orders'), {
      start: { line: 2, character: 4 },
      end: { line: 2, character: 14 },
    });
    assert.deepEqual(graph.range('dataset:raw-orders/orders'), {
      start: { line: 8, character: 10 },
      end: { line: 8, character: 16 },
    });
    assert.deepEqual(graph.range('column:raw-orders/orders/email'), {
      start: { line: 12, character: 14 },
      end: { line: 12, character: 19 },
    });
    assert.deepEqual(graph.range('job:validate/check'), {
      start: { line: 8, character: 8 },
      end: { line: 8, character: 13 },
    });
  });

  it("children: a contract's datasets, a dataset's columns, a pipeline's jobs", () => {
    assert.deepEqual(graph.children('contract:clean-orders'), [
      'dataset:clean-orders/orders',
      'dataset:clean-orders/customers',
    ]);
    assert.deepEqual(graph.children('pipeline:validate'), ['job:validate/check']);
    assert.equal(graph.children('dataset:raw-orders/orders').length, 4);
  });
});

describe('what the standards declare', () => {
  it('ODCS transformSourceObjects: a transform edge from each source dataset; unknown sources are external nodes', () => {
    const { graph } = workspace({
      'a.odcs.yaml': odcs(
        'a',
        'schema:\n  - name: src\n    physicalName: RAW.SRC\n    properties:\n      - name: x\n        logicalType: string\n',
      ),
      'b.odcs.yaml': odcs(
        'b',
        `schema:
  - name: agg
    properties:
      - name: total
        logicalType: number
        transformSourceObjects: [a.src, RAW.SRC, erp.invoices]
`,
      ),
    });
    assert.deepEqual(edgesOf(graph), [
      'dataset:a/src -> dataset:b/agg transform',
      'external:erp.invoices -> dataset:b/agg transform',
    ]);
    assert.equal(graph.node('external:erp.invoices')!.kind, 'external');
  });

  it('DCS field lineage: column edges (identity when declared IDENTITY) and a dataset edge', () => {
    const { graph } = workspace({
      'src.odcs.yaml': odcs(
        'src',
        'schema:\n  - name: customers\n    properties:\n      - name: email\n        logicalType: string\n        classification: confidential\n',
      ),
      'datacontract.yaml': `dataContractSpecification: 1.2.1
id: crm
info:
  title: CRM
  version: 1.0.0
  owner: crm-team
models:
  contacts:
    fields:
      mail:
        type: string
        lineage:
          inputFields:
            - namespace: pactline
              name: src.customers
              field: email
              transformations:
                - type: DIRECT
                  subtype: IDENTITY
      domain:
        type: string
        lineage:
          inputFields:
            - namespace: pactline
              name: src.customers
              field: email
              transformations:
                - type: DIRECT
                  subtype: TRANSFORMATION
            - namespace: snowflake://acme
              name: erp.accounts
              field: domain
`,
    });
    assert.deepEqual(edgesOf(graph), [
      'column:src/customers/email -> column:crm/contacts/domain column',
      'column:src/customers/email -> column:crm/contacts/mail column identity',
      'dataset:src/customers -> dataset:crm/contacts lineage',
      'external:snowflake://acme/erp.accounts -> dataset:crm/contacts lineage',
    ]);
    const dcs = graph.node('contract:crm')!;
    assert.deepEqual([dcs.label, dcs.owner, dcs.version, dcs.format], ['CRM', 'crm-team', '1.0.0', 'dcs']);
  });

  it("a pipeline input without `schema` goes to the contract's only schema object, or to the contract when it has several", () => {
    const { graph } = workspace({
      'one.odcs.yaml': odcs(
        'one',
        'schema:\n  - name: t\n    properties:\n      - name: x\n        logicalType: string\n',
      ),
      'two.odcs.yaml': odcs('two', 'schema:\n  - name: a\n  - name: b\n'),
      'p.pipeline.yaml': pipeline(
        'p',
        DAILY,
        '  - id: s\n    inputs:\n      - contract: one\n      - contract: two\n    outputs:\n      - contract: missing\n',
      ),
    });
    assert.deepEqual(edgesOf(graph), ['contract:two -> job:p/s input', 'dataset:one/t -> job:p/s input']);
  });
});

describe('the example workspace', () => {
  const { graph } = workspace(filesUnder('examples'));
  const count = (kind: string) => graph.nodes().filter((n) => n.kind === kind).length;
  const kinds = (kind: string) => graph.edges().filter((e) => e.kind === kind).length;

  it('holds every contract, dataset, job, pipeline and product', () => {
    assert.deepEqual(
      ['contract', 'dataset', 'job', 'pipeline', 'product', 'external'].map(count),
      [12, 20, 14, 5, 2, 0],
    );
    assert.equal(count('column'), 234);
  });

  it('edges by kind', () => {
    assert.deepEqual(
      [
        'input',
        'output',
        'dead-letter',
        'input-port',
        'output-port',
        'relationship',
        'column',
        'transform',
        'lineage',
      ].map(kinds),
      [21, 14, 4, 6, 6, 12, 170, 0, 0],
    );
  });

  it('the validation job: raw inputs, validated outputs, the shared dead-letter topic', () => {
    const job = 'job:commerce-stream-validation/validate-orders';
    assert.deepEqual(graph.incoming(job).map(edge), [
      `dataset:raw-orders-cdc/orders -> ${job} input`,
      `dataset:raw-orders-cdc/order_items -> ${job} input`,
    ]);
    assert.deepEqual(
      graph
        .outgoing(job)
        .filter((e) => e.kind !== 'column')
        .map(edge),
      [
        `${job} -> dataset:validated-commerce-cdc/orders output`,
        `${job} -> dataset:validated-commerce-cdc/order_items output`,
        `${job} -> dataset:dead-letter-events/dead_letters dead-letter`,
      ],
    );
    // The input without `schema` resolves to the contract's only schema object.
    assert.ok(
      graph
        .incoming('job:commerce-stream-validation/validate-customers')
        .some((e) => e.from === 'dataset:raw-customers-cdc/customers'),
    );
  });

  it('column edges of one step, exactly (fct_sessions: every mapping, with lists as several edges)', () => {
    const via = 'job:warehouse-modelling/fct-sessions';
    const columns = graph
      .edges()
      .filter((e) => e.via === via)
      .map((e) => `${e.from.split('/').pop()} -> ${e.to.split('/').pop()}${e.identity ? ' =' : ''}`)
      .sort();
    assert.deepEqual(columns, [
      'anonymous_id -> anonymous_id =',
      'app_platform -> app_platform =',
      'cart_value -> max_cart_value',
      'customer_id -> customer_key',
      'device_type -> device_type =',
      'event_type -> add_to_cart_events',
      'event_type -> checkout_started',
      'event_type -> converted',
      'event_type -> page_views',
      'event_type -> product_views',
      'geo_country -> geo_country =',
      'received_at -> session_date',
      'received_at -> session_end',
      'received_at -> session_start',
      'session_id -> session_id =',
    ]);
    assert.ok(
      graph
        .edges()
        .filter((e) => e.via === via)
        .every(
          (e) =>
            e.from.startsWith('column:validated-storefront-events/storefront_events/') &&
            e.to.startsWith('column:warehouse-web-sessions/fct_sessions/'),
        ),
    );
  });

  it('metadata from both ODCS team shapes, schedules and ports', () => {
    assert.equal(
      graph.node('contract:raw-customers-cdc')!.owner,
      'marta.silva@northwind-threads.example',
      'v3.0.2: the member whose role is owner',
    );
    assert.equal(graph.node('contract:warehouse-orders')!.owner, 'analytics-engineering', 'v3.1: the team name');
    assert.deepEqual(graph.node('pipeline:warehouse-modelling')!.schedule, {
      cron: '15 * * * *',
      timezone: 'Europe/Berlin',
      streaming: undefined,
      maxLatency: undefined,
      path: ['schedule'],
    });
    assert.equal(graph.node('product:commerce-events')!.ports!.length, 8);
    assert.equal(graph.node('column:raw-storefront-events/storefront_events/ip_address')!.personal, true);
    assert.equal(graph.node('contract:raw-storefront-events')!.source, true, 'tagged raw');
  });
});

describe('focus and views', () => {
  const { graph } = workspace(filesUnder('examples'));
  const resolve = (t: string) => graph.resolveFocus(t);

  it('a focus may be a node id, a bare id, contract.object, pipeline/step, or a unique object or step name', () => {
    assert.deepEqual(resolve('dataset:warehouse-orders/fct_orders'), {
      ok: true,
      id: 'dataset:warehouse-orders/fct_orders',
    });
    assert.deepEqual(resolve('warehouse-orders'), { ok: true, id: 'contract:warehouse-orders' });
    assert.deepEqual(resolve('churn-model'), { ok: true, id: 'pipeline:churn-model' });
    assert.deepEqual(resolve('customer-churn'), { ok: true, id: 'product:customer-churn' });
    assert.deepEqual(resolve('warehouse-orders.fct_orders'), { ok: true, id: 'dataset:warehouse-orders/fct_orders' });
    assert.deepEqual(resolve('warehouse-orders/fct_orders'), { ok: true, id: 'dataset:warehouse-orders/fct_orders' });
    assert.deepEqual(resolve('churn-model/batch-score'), { ok: true, id: 'job:churn-model/batch-score' });
    assert.deepEqual(resolve('fct_orders'), { ok: true, id: 'dataset:warehouse-orders/fct_orders' });
    assert.deepEqual(resolve('batch-score'), { ok: true, id: 'job:churn-model/batch-score' });
  });

  it('an unknown focus says "did you mean"; an ambiguous one lists the candidates', () => {
    const typo = resolve('fct_ordres');
    assert.equal(typo.ok, false);
    assert.match(!typo.ok ? typo.message : '', /Did you mean `fct_orders`\?/);
    const many = resolve('orders');
    assert.equal(many.ok, false);
    assert.deepEqual(!many.ok ? many.candidates : [], [
      'dataset:lake-validated-archive/orders',
      'dataset:raw-orders-cdc/orders',
      'dataset:validated-commerce-cdc/orders',
    ]);
  });

  it('upstream 1 / downstream 1 of a dataset: its writer and readers, with their containers', () => {
    const view = lineageView(graph, { focus: 'dataset:churn-predictions/churn_scores', upstream: 1, downstream: 1 });
    assert.deepEqual(
      view.nodes.map((n) => n.id),
      [
        'contract:churn-predictions',
        'dataset:churn-predictions/churn_scores',
        'job:churn-model/batch-score',
        'pipeline:churn-model',
        'product:customer-churn',
      ],
    );
    assert.deepEqual(view.edges.map(edge), [
      'job:churn-model/batch-score -> dataset:churn-predictions/churn_scores output',
      'product:customer-churn -> contract:churn-predictions output-port',
    ]);
  });

  it("depth counts edges: upstream 2 reaches the writer's inputs; downstream 0 stops at the focus", () => {
    const view = lineageView(graph, { focus: 'dataset:churn-predictions/churn_scores', upstream: 2, downstream: 0 });
    assert.ok(view.nodes.some((n) => n.id === 'dataset:features-customer-churn/customer_features_daily'));
    assert.ok(!view.nodes.some((n) => n.id === 'job:churn-features/build-offline-features'));
  });

  it('--columns adds the columns that column edges join within the view, and those edges', () => {
    const view = lineageView(graph, {
      focus: 'job:warehouse-modelling/fct-sessions',
      upstream: 1,
      downstream: 1,
      columns: true,
    });
    const columns = view.nodes.filter((n) => n.kind === 'column');
    assert.equal(view.edges.filter((e) => e.kind === 'column').length, 15);
    assert.ok(columns.every((c) => view.edges.some((e) => e.from === c.id || e.to === c.id)));
    assert.equal(
      lineageView(graph, { focus: 'job:warehouse-modelling/fct-sessions', upstream: 1, downstream: 1 }).nodes.filter(
        (n) => n.kind === 'column',
      ).length,
      0,
    );
  });

  it('a column focus traces the column along column edges, in the column view of its dataset', () => {
    const view = lineageView(graph, {
      focus: 'column:warehouse-orders/dim_customers/email_sha256',
      upstream: 5,
      downstream: 5,
    });
    assert.equal(view.columns, true);
    assert.deepEqual(view.trace?.nodes, [
      'column:raw-customers-cdc/customers/email',
      'column:validated-commerce-cdc/customers/email',
      'column:warehouse-orders/dim_customers/email_sha256',
      'job:commerce-stream-validation/validate-customers',
      'job:warehouse-modelling/dim-customers',
    ]);
    assert.deepEqual(
      view.trace!.edges.map((i) => `${view.edges[i].from} -> ${view.edges[i].to}`),
      [
        'column:raw-customers-cdc/customers/email -> column:validated-commerce-cdc/customers/email',
        'column:validated-commerce-cdc/customers/email -> column:warehouse-orders/dim_customers/email_sha256',
      ],
    );
    // the rest of the neighbourhood is there, to be dimmed
    assert.ok(view.nodes.some((n) => n.id === 'column:warehouse-orders/dim_customers/customer_key'));
  });

  it('the whole graph without a focus; `files` keeps what those files declare and touch', () => {
    assert.equal(lineageView(graph).nodes.length, 12 + 20 + 14 + 5 + 2);
    const one = lineageView(graph, { files: new Set(['examples/pipelines/churn-model.pipeline.yaml']) });
    assert.deepEqual(
      one.nodes.map((n) => n.id),
      [
        'contract:churn-predictions',
        'contract:features-customer-churn',
        'dataset:churn-predictions/churn_scores',
        'dataset:features-customer-churn/customer_features_daily',
        'job:churn-model/batch-score',
        'job:churn-model/train',
        'pipeline:churn-model',
      ],
    );
  });

  it('a view over the limit is not laid out: a summary with the busiest nodes instead', () => {
    const view = lineageView(graph);
    assert.equal(tooLargeToLayout(view), undefined);
    const summary = tooLargeToLayout(view, 10)!;
    assert.equal(summary.nodes, 53);
    assert.equal(summary.busiest.length, 5);
    assert.equal(summary.byKind.dataset, 20);
  });
});

describe('incrementality: an edit changes only what it touches', () => {
  it('editing one mapping of a pipeline changes exactly that column edge; every other node and edge is the same object', () => {
    const { service, graph } = workspace(SMALL);
    const beforeNodes = new Map(graph.nodes().map((n) => [n.id, n]));
    const beforeEdges = graph.edges();
    const raw = graph.contribution('contracts/raw.odcs.yaml')!;
    const path = 'pipelines/validate.pipeline.yaml';
    service.setDocument(path, SMALL[path].replace('          email: raw.email\n', ''));
    assert.equal(graph.updateFile('contracts/raw.odcs.yaml'), false, 'an untouched file changes nothing');
    assert.equal(graph.updateFile(path), true);
    const afterEdges = graph.edges();
    const gone = beforeEdges.filter((e) => !afterEdges.includes(e)).map(edge);
    const pipelineEdges = beforeEdges.filter((e) => e.file === path).length;
    assert.equal(
      beforeEdges.filter((e) => e.file !== path && !afterEdges.includes(e)).length,
      0,
      "other files' edges are the same objects",
    );
    assert.equal(gone.length, pipelineEdges, "the pipeline's own edges were resolved again");
    assert.deepEqual(
      edgesOf(graph),
      [...beforeEdges.map(edge)]
        .filter(
          (e) =>
            e !==
            'column:raw-orders/orders/email -> column:clean-orders/orders/email column via job:validate/check identity',
        )
        .sort(),
    );
    for (const node of graph.nodes()) {
      if (node.file !== path) assert.equal(node, beforeNodes.get(node.id), `${node.id} is the same object`);
    }
    assert.equal(graph.contribution('contracts/raw.odcs.yaml')!.nodes, raw.nodes);
  });

  it('adding a property to a contract adds one node and no edge', () => {
    const { service, graph } = workspace(SMALL);
    const before = ids(graph);
    const edges = edgesOf(graph);
    const path = 'contracts/dlq.odcs.yaml';
    service.setDocument(path, SMALL[path] + '      - name: reason\n        logicalType: string\n');
    graph.updateFile(path);
    assert.deepEqual(
      ids(graph).filter((id) => !before.includes(id)),
      ['column:dlq/rejects/reason'],
    );
    assert.deepEqual(
      before.filter((id) => !ids(graph).includes(id)),
      [],
    );
    assert.deepEqual(edgesOf(graph), edges);
  });

  it('removing a file removes its nodes and edges, and the edges of others that pointed at them', () => {
    const { service, graph } = workspace(SMALL);
    service.removeDocument('products/orders.odps.yaml');
    graph.updateFile('products/orders.odps.yaml');
    assert.equal(graph.node('product:orders-product'), undefined);
    assert.ok(!graph.edges().some((e) => e.kind === 'input-port' || e.kind === 'output-port'));
    service.removeDocument('contracts/dlq.odcs.yaml');
    graph.updateFile('contracts/dlq.odcs.yaml');
    assert.ok(!graph.edges().some((e) => e.kind === 'dead-letter'), 'the dead-letter edge has no target any more');
    service.setDocument('contracts/dlq.odcs.yaml', SMALL['contracts/dlq.odcs.yaml']);
    graph.updateFile('contracts/dlq.odcs.yaml');
    assert.ok(
      graph.edges().some((e) => e.kind === 'dead-letter'),
      'and comes back with the contract, the pipeline untouched',
    );
  });

  it('a contract that gains a second schema object re-resolves an input that omitted `schema`', () => {
    const files = {
      'one.odcs.yaml': odcs('one', 'schema:\n  - name: t\n'),
      'p.pipeline.yaml': pipeline('p', DAILY, '  - id: s\n    inputs:\n      - contract: one\n'),
    };
    const { service, graph } = workspace(files);
    assert.deepEqual(edgesOf(graph), ['dataset:one/t -> job:p/s input']);
    service.setDocument('one.odcs.yaml', files['one.odcs.yaml'] + '  - name: u\n');
    graph.updateFile('one.odcs.yaml');
    assert.deepEqual(edgesOf(graph), ['contract:one -> job:p/s input']);
  });

  it('sync() catches up with every change of the index; a syntax error keeps the last good graph', () => {
    const { service, graph } = workspace(SMALL);
    const version = graph.version;
    assert.equal(graph.sync(), false);
    assert.equal(graph.version, version);
    service.setDocument(
      'contracts/raw.odcs.yaml',
      SMALL['contracts/raw.odcs.yaml'].replace('schema:', 'schema: [oops'),
    );
    assert.equal(graph.sync(), false, 'the index keeps the last good facts while the file does not parse');
    service.setDocument('contracts/extra.odcs.yaml', odcs('extra', 'schema:\n  - name: e\n'));
    assert.equal(graph.sync(), true);
    assert.ok(graph.node('dataset:extra/e'));
  });

  it('a graph built on a bare index (no documents) has every node and edge, and their metadata', () => {
    const { service } = workspace(SMALL);
    const bare = new LineageGraph(service.index);
    bare.sync();
    assert.equal(bare.nodes().length, 21);
    assert.equal(bare.edges().length, 12);
    // The index holds each file's model, metadata included: no document is read again.
    assert.equal(bare.node('contract:raw-orders')!.label, 'Raw orders');
  });
});
