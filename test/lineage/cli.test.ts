// `pactline lineage` as a process (`node dist/cli.js lineage ...`, after `npm run build`): every
// format, focus and depth, --columns, --output, exit codes, hostile names, a graph too large to draw.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertSafeSvg, cli, cliBuilt, HOSTILE, odcs, type Files } from './helpers';

const skip = cliBuilt() ? false : 'dist/cli.js is missing: run `npm run build` first (npm test does)';

interface JsonNode {
  id: string;
  kind: string;
  label: string;
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
}
interface JsonEdge {
  from: string;
  to: string;
  kind: string;
}

function json(args: string[]): { nodes: JsonNode[]; edges: JsonEdge[] } {
  const run = cli(['lineage', ...args, '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '');
  return JSON.parse(run.stdout);
}

let tmp: string;
function write(dir: string, files: Files): string {
  const root = join(tmp, dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('pactline lineage', { skip }, () => {
  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'pactline-lineage-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('draws the example workspace as SVG by default: exit 0, a sanitised drawing', () => {
    const run = cli(['lineage', 'examples']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    assertSafeSvg(run.stdout);
    assert.equal(
      (run.stdout.match(/<g id="node\d+" class="node/g) ?? []).length,
      20 + 14 + 2,
      'datasets (tables naming their contract), jobs and products are nodes',
    );
  });

  it('--format json: the lineage JSON of the README, ranges 1-based, paths relative to the working directory', () => {
    const graph = json(['examples']);
    assert.equal(graph.nodes.length, 53);
    assert.equal(
      graph.edges.length,
      57,
      'dataset-level edges (21 inputs, 14 outputs, 4 dead letters, 12 ports, 6 foreign keys); columns only with --columns',
    );
    const contract = graph.nodes.find((n) => n.id === 'contract:raw-orders-cdc')!;
    assert.deepEqual(contract, {
      ...contract,
      kind: 'contract',
      label: 'Orders change stream (raw)',
      file: 'examples/contracts/raw-orders-cdc.odcs.yaml',
      range: { start: { line: 6, column: 5 }, end: { line: 6, column: 19 } },
    });
    for (const node of graph.nodes) {
      assert.ok(
        /^(contract|dataset|column|product|pipeline|job|external):/.test(node.id) &&
          node.label &&
          node.file.startsWith('examples/') &&
          node.range.start.line >= 1,
        JSON.stringify(node),
      );
    }
    assert.ok(
      graph.edges.some(
        (e) =>
          e.from === 'dataset:raw-orders-cdc/orders' &&
          e.to === 'job:commerce-stream-validation/validate-orders' &&
          e.kind === 'input',
      ),
    );
    assert.ok(graph.edges.some((e) => e.kind === 'dead-letter'));
    const columns = json(['examples', '--columns']);
    assert.equal(columns.edges.filter((e) => e.kind === 'column').length, 170);
    assert.ok(columns.nodes.some((n) => n.kind === 'column'));
  });

  it('--focus with --upstream / --downstream: the neighbourhood only', () => {
    const graph = json(['examples', '--focus', 'churn-predictions', '--upstream', '1', '--downstream', '0']);
    assert.deepEqual(
      graph.nodes.map((n) => n.id),
      [
        'contract:churn-predictions',
        'dataset:churn-predictions/churn_scores',
        'job:churn-model/batch-score',
        'pipeline:churn-model',
        'product:customer-churn',
      ],
    );
    const byId = json(['examples', '--focus=dataset:warehouse-orders/fct_orders']);
    assert.ok(byId.nodes.some((n) => n.id === 'job:warehouse-modelling/fct-orders'));
    assert.ok(!byId.nodes.some((n) => n.id === 'dataset:raw-storefront-events/storefront_events'));
  });

  it('a path inside the workspace: what its files declare and touch, resolved against the rest', () => {
    const graph = json(['examples/pipelines/churn-model.pipeline.yaml']);
    assert.deepEqual(
      graph.nodes.map((n) => n.id),
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

  it('--format dot: the DOT source, no layout needed', () => {
    const run = cli(['lineage', 'examples', '--format', 'dot', '--focus', 'fct_orders']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^digraph "lineage" \{\n/);
    assert.match(
      run.stdout,
      /"dataset:warehouse-orders\/fct_orders" \[shape="plain", label=<<TABLE [^>]*><TR><TD [^>]*><B>fct_orders<\/B>/,
    );
  });

  it('--format mermaid: a fenced flowchart for a GitHub comment', () => {
    const run = cli(['lineage', 'examples', '--format', 'mermaid', '--focus', 'job:churn-model/batch-score']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^```mermaid\nflowchart LR\n/);
    assert.match(run.stdout, /\n```\n$/);
    assert.match(run.stdout, /\[\["Score all customers"\]\]/);
  });

  it('--format openlineage: one JSON event per line, eventTime from SOURCE_DATE_EPOCH', () => {
    const run = cli(['lineage', 'examples', '--format', 'openlineage'], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
    assert.equal(run.code, 0, run.stderr);
    const events = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(events.length, 14);
    assert.ok(
      events.every(
        (e) =>
          e.eventTime === '2023-11-14T22:13:20.000Z' &&
          e.producer === 'https://github.com/pactline/pactline/tree/v0.1.0' &&
          e.job.namespace === 'pactline',
      ),
    );
  });

  it('--output FILE writes there and prints nothing', () => {
    const out = join(tmp, 'lineage.svg');
    const run = cli(['lineage', 'examples', '--output', out]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assertSafeSvg(readFileSync(out, 'utf8'));
  });

  describe('exit 2 when it cannot render, with the reason on stderr', () => {
    const cases: [string, string[], RegExp][] = [
      [
        'an unknown focus, with "did you mean"',
        ['examples', '--focus', 'fct_ordrs'],
        /--focus: No node `fct_ordrs` in the lineage graph\. Did you mean `fct_orders`\?/,
      ],
      [
        'an ambiguous focus, with the candidates',
        ['examples', '--focus', 'orders'],
        /`orders` names 3 nodes: `dataset:lake-validated-archive\/orders`/,
      ],
      [
        'a bad --format',
        ['examples', '--format', 'pdf'],
        /--format must be one of svg, png, dot, json, mermaid, openlineage \(got "pdf"\)/,
      ],
      ['a depth that is not a number', ['examples', '--upstream', 'two'], /--upstream needs a whole number/],
      ['an unknown option', ['examples', '--colums'], /Unknown option --colums/],
      ['a missing path', ['nowhere'], /No such file or directory: nowhere/],
    ];
    for (const [what, args, message] of cases) {
      it(what, () => {
        const run = cli(['lineage', ...args]);
        assert.equal(run.code, 2);
        assert.equal(run.stdout, '');
        assert.match(run.stderr, message);
      });
    }
  });

  it('hostile names: the SVG has no script, no event handler attribute and no link', () => {
    const root = write('hostile', HOSTILE);
    for (const args of [[], ['--columns']]) {
      const run = cli(['lineage', root, ...args]);
      assert.equal(run.code, 0, run.stderr);
      assertSafeSvg(run.stdout);
      assert.match(run.stdout, /&lt;script&gt;/, 'the markup is text');
    }
  });

  it('a graph over 1,500 nodes is not drawn: a summary and how to narrow it, exit 2; a focus draws', () => {
    const files: Files = {};
    for (let i = 0; i < 800; i++) files[`c${i}.odcs.yaml`] = odcs(`c${i}`, `schema:\n  - name: t${i}\n`);
    const root = write('big', files);
    const run = cli(['lineage', root]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(
      run.stderr,
      /too large to be drawn: 1,600 nodes and 0 edges \(800 contracts, 800 datasets\), more than the 1,500 nodes/,
    );
    assert.match(run.stderr, /--focus ID and --upstream N \/ --downstream N/);
    const focused = cli(['lineage', root, '--focus', 'c7']);
    assert.equal(focused.code, 0, focused.stderr);
    assertSafeSvg(focused.stdout);
    assert.equal(cli(['lineage', root, '--format', 'json']).code, 0, 'json needs no layout');
  });
});
