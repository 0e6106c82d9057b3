// The lineage panel's data source: `pactline/lineage` and `pactline/lineageTargets` answered by the
// REAL server process (dist/server.js over stdio) on a copy of examples/, compared with the engine's
// own view of the same files; layout in the worker thread; hostile names; edits followed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { columnTraces, lineageView } from '../../server/src/engine/lineage';
import type { LineageResult, LineageTarget } from '../../protocol/lineage';
import { LspClient, positionAt, ROOT, SERVER, tempCopy, uriOf } from '../lsp/client';
import { assertSafeSvg, filesUnder, HOSTILE, workspace } from './helpers';

const skip =
  existsSync(SERVER) && existsSync(join(ROOT, 'dist', 'lineage-worker.js'))
    ? false
    : 'dist/server.js is not built (npm run build)';
const PIPELINE = 'pipelines/warehouse-modelling.pipeline.yaml';
const CONTRACT = 'contracts/warehouse-orders.odcs.yaml';

type Graph = Extract<LineageResult, { kind: 'graph' }>;

function graphOf(result: LineageResult): Graph {
  assert.equal(result.kind, 'graph', JSON.stringify(result).slice(0, 400));
  return result as Graph;
}

describe('pactline/lineage over the protocol (examples/)', { skip }, () => {
  let ws: ReturnType<typeof tempCopy>;
  let client: LspClient;
  const engine = workspace(filesUnder('examples'));
  const fromEngine = (
    focus: string | undefined,
    options: { upstream?: number; downstream?: number; columns?: boolean } = {},
  ) => lineageView(engine.graph, { focus, ...options }).nodes.map((n) => n.id);

  before(async () => {
    ws = tempCopy(join(ROOT, 'examples'));
    client = await LspClient.start({ workspace: ws.dir });
    await client.waitForIndexed();
  });
  after(() => {
    client?.kill();
    ws?.dispose();
  });

  it('lineageTargets: the pipeline a document declares, at its id', async () => {
    const uri = client.open(join(ws.dir, PIPELINE));
    const targets = await client.request<LineageTarget[]>('pactline/lineageTargets', { textDocument: { uri } });
    assert.deepEqual(
      targets.map((t) => [t.id, t.kind]),
      [['pipeline:warehouse-modelling', 'pipeline']],
    );
    const line = client.text(uri).split('\n')[targets[0].range.start.line];
    assert.match(line, /^id:\s*warehouse-modelling/);
  });

  it("a document as the focus: the engine's view of its pipeline, laid out in the worker, every node with its file and range", async () => {
    const uri = uriOf(join(ws.dir, PIPELINE));
    const result = graphOf(
      await client.request('pactline/lineage', { textDocument: { uri }, upstream: 1, downstream: 1 }),
    );
    assert.equal(result.focus, 'pipeline:warehouse-modelling');
    assert.deepEqual(
      result.nodes.map((n) => n.id),
      fromEngine('pipeline:warehouse-modelling', { upstream: 1, downstream: 1 }),
    );
    assert.equal(result.timings.worker, true, 'Graphviz ran in dist/lineage-worker.js');
    assertSafeSvg(result.svg);
    for (const node of result.nodes) {
      assert.match(node.uri, /^file:\/\//);
      assert.ok(node.range, `${node.id} has a range`);
    }
    const job = result.nodes.find((n) => n.kind === 'job')!;
    assert.equal(job.uri, uri);
    // every drawn node carries its id (its <title>) for the panel; a contract or pipeline is drawn
    // as its datasets or jobs (each table names its contract), or as a node when none is in view
    const drawn = (id: string) =>
      result.svg.includes(`<title>${id.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</title>`);
    for (const node of result.nodes.filter((n) => n.kind !== 'contract' && n.kind !== 'pipeline'))
      assert.ok(drawn(node.id), node.id);
    for (const node of result.nodes.filter((n) => n.kind === 'contract' || n.kind === 'pipeline')) {
      const members = result.nodes.filter((m) => m.parent === node.id);
      assert.ok(members.length ? members.every((m) => drawn(m.id)) && !drawn(node.id) : drawn(node.id), node.id);
    }
  });

  it('depth changes the view exactly as the engine does', async () => {
    const uri = uriOf(join(ws.dir, CONTRACT));
    for (const [upstream, downstream] of [
      [0, 0],
      [1, 0],
      [2, 2],
      [3, 1],
    ]) {
      const result = graphOf(await client.request('pactline/lineage', { textDocument: { uri }, upstream, downstream }));
      assert.deepEqual(
        result.nodes.map((n) => n.id),
        fromEngine(result.focus, { upstream, downstream }),
        `${upstream}/${downstream}`,
      );
    }
  });

  it('the column view: the columns and column edges the engine declares for the view', async () => {
    const focus = 'pipeline:warehouse-modelling';
    const result = graphOf(
      await client.request('pactline/lineage', { focus, upstream: 1, downstream: 1, columns: true }),
    );
    const view = lineageView(engine.graph, { focus, upstream: 1, downstream: 1, columns: true });
    assert.deepEqual(
      result.nodes.map((n) => n.id),
      view.nodes.map((n) => n.id),
    );
    assert.equal(result.edgeCount, view.edges.length);
    assert.ok(result.nodes.filter((n) => n.kind === 'column').length > 10, 'columns are drawn');
    assert.match(result.svg, /class="edge column"/);
  });

  it('the column view carries the path of every drawn column, as the engine traces it; expand shows every column', async () => {
    const focus = 'contract:validated-commerce-cdc';
    const result = graphOf(await client.request('pactline/lineage', { focus, columns: true }));
    const view = lineageView(engine.graph, { focus, columns: true });
    assert.deepEqual(result.traces, columnTraces(view));
    const email = result.traces!.find((t) => t.column === 'column:validated-commerce-cdc/customers/email')!;
    assert.deepEqual(
      email.edges.map((i) => `${view.edges[i].from} -> ${view.edges[i].to}`),
      [
        'column:raw-customers-cdc/customers/email -> column:validated-commerce-cdc/customers/email',
        'column:validated-commerce-cdc/customers/email -> column:warehouse-orders/dim_customers/email_sha256',
      ],
    );
    for (const i of email.edges) assert.match(result.svg, new RegExp(`<g id="edge:${i}" class="edge column">`));
    const dim = 'dataset:warehouse-orders/dim_customers';
    assert.ok(result.svg.includes(`<g id="a_more-${Buffer.from(dim).toString('hex')}">`), 'a "+ N more" row');
    const expanded = graphOf(await client.request('pactline/lineage', { focus, columns: true, expand: [dim] }));
    const all = engine.graph.children(dim).filter((c) => engine.graph.node(c)?.kind === 'column');
    assert.deepEqual(
      expanded.nodes
        .filter((n) => n.parent === dim)
        .map((n) => n.id)
        .sort(),
      [...all].sort(),
    );
    assert.ok(!expanded.svg.includes(`a_more-${Buffer.from(dim).toString('hex')}`));
  });

  it('a "Column lineage" lens above each mapped column opens the view traced along its path', async () => {
    const uri = client.open(join(ws.dir, 'contracts/validated-commerce-cdc.odcs.yaml'));
    type Lens = { range: { start: { line: number } }; command?: { title: string; arguments?: { focus: string }[] } };
    const lenses = (await client.request<Lens[] | null>('textDocument/codeLens', { textDocument: { uri } })) ?? [];
    const columnLenses = lenses.filter((l) => l.command?.title.startsWith('Column lineage of '));
    // One per column of this file that a column edge reads or writes, none for the others.
    const mapped = engine.graph
      .nodesOfFile('examples/contracts/validated-commerce-cdc.odcs.yaml')
      .filter((n) => n.kind === 'column')
      .filter((n) => [...engine.graph.incoming(n.id), ...engine.graph.outgoing(n.id)].some((e) => e.kind === 'column'));
    assert.ok(mapped.length > 3, 'the example maps several columns of this contract');
    assert.deepEqual(
      columnLenses.map((l) => l.command!.arguments![0].focus),
      mapped.map((n) => n.id),
    );
    const email = columnLenses.find((l) => l.command!.arguments![0].focus.endsWith('/customers/email'))!;
    assert.equal(email.command!.title, 'Column lineage of email: 1 upstream, 1 downstream');
    assert.match(client.text(uri).split('\n')[email.range.start.line], /name: email\b/);
    // What the panel asks with the lens's argument: the column's path, as the engine traces it.
    const focus = email.command!.arguments![0].focus;
    const result = graphOf(await client.request('pactline/lineage', { focus }));
    const view = lineageView(engine.graph, { focus });
    assert.equal(result.focus, focus);
    assert.deepEqual(
      view.trace!.edges.map((i) => `${view.edges[i].from} -> ${view.edges[i].to}`),
      [
        'column:raw-customers-cdc/customers/email -> column:validated-commerce-cdc/customers/email',
        'column:validated-commerce-cdc/customers/email -> column:warehouse-orders/dim_customers/email_sha256',
      ],
    );
    for (const i of view.trace!.edges) assert.match(result.svg, new RegExp(`<g id="edge:${i}" class="edge column`));
  });

  it('hover facts: owner, version, SLA, classification', async () => {
    const result = graphOf(
      await client.request('pactline/lineage', { focus: 'contract:warehouse-orders', upstream: 0, downstream: 0 }),
    );
    const contract = result.nodes.find((n) => n.id === 'contract:warehouse-orders')!;
    const expected = engine.graph.node('contract:warehouse-orders')!;
    assert.equal(contract.owner, expected.owner);
    assert.equal(contract.version, expected.version);
    assert.ok(contract.owner && contract.version);
    assert.ok(
      result.nodes.some((n) => n.sla?.length),
      'a dataset or the contract states its SLA',
    );
  });

  it('hidden kinds: datasets fold into their contracts, jobs into their pipelines', async () => {
    const result = graphOf(
      await client.request('pactline/lineage', {
        focus: 'pipeline:warehouse-modelling',
        upstream: 1,
        downstream: 1,
        hide: ['dataset', 'job'],
      }),
    );
    assert.equal(result.nodes.filter((n) => n.kind === 'dataset' || n.kind === 'job').length, 0);
    assert.ok(result.edgeCount > 0, 'the edges now join contracts and pipelines');
    assert.match(result.svg, /class="edge input"/);
  });

  it('a focus that names nothing: "did you mean", or the candidates', async () => {
    const ambiguous = await client.request<LineageResult>('pactline/lineage', { focus: 'orders' });
    assert.equal(ambiguous.kind, 'not-found');
    assert.ok(
      ambiguous.kind === 'not-found' &&
        ambiguous.candidates!.length > 1 &&
        ambiguous.candidates!.every((c) => c.endsWith('/orders')),
      JSON.stringify(ambiguous),
    );
    const typo = await client.request<LineageResult>('pactline/lineage', { focus: 'warehouse-ordrs' });
    assert.ok(typo.kind === 'not-found' && typo.suggestion === 'warehouse-orders', JSON.stringify(typo));
  });

  it('over the size limit: a summary and the busiest nodes, no layout', async () => {
    const result = await client.request<LineageResult>('pactline/lineage', { limit: 10 });
    assert.equal(result.kind, 'too-large');
    assert.ok(result.kind === 'too-large' && result.summary.nodes > 10 && result.summary.busiest.length > 0);
    assert.match((result as { message: string }).message, /more than the 10 nodes/);
  });

  it('a file that declares no contract, pipeline or product: explained', async () => {
    const result = await client.request<LineageResult>('pactline/lineage', {
      textDocument: { uri: uriOf(join(ws.dir, 'pactline.yaml')) },
    });
    assert.equal(result.kind, 'empty');
    assert.match((result as { message: string }).message, /declares no contract, pipeline or data product/);
  });

  it('an edit in the editor is in the next answer (the graph follows the open document)', async () => {
    const uri = client.open(join(ws.dir, CONTRACT));
    const before = graphOf(
      await client.request('pactline/lineage', { textDocument: { uri }, upstream: 0, downstream: 0 }),
    );
    const label = before.nodes.find((n) => n.id === 'contract:warehouse-orders')!.label;
    client.replace(uri, `name: ${label}`, 'name: Orders renamed in the editor');
    const after = graphOf(
      await client.request('pactline/lineage', { textDocument: { uri }, upstream: 0, downstream: 0 }),
    );
    assert.equal(after.nodes.find((n) => n.id === 'contract:warehouse-orders')!.label, 'Orders renamed in the editor');
    assert.match(after.svg, /Orders renamed in t…/, 'each table names its contract (cut to fit)');
  });
});

describe('pactline/lineage: a contract nothing references, and hostile names', { skip }, () => {
  let ws: ReturnType<typeof tempCopy>;
  let client: LspClient;

  before(async () => {
    // a workspace of its own: the example contracts without their pipelines and products, and the hostile files
    ws = tempCopy(join(ROOT, 'examples', 'contracts'));
    for (const [file, text] of Object.entries(HOSTILE)) {
      mkdirSync(join(ws.dir, file, '..'), { recursive: true });
      writeFileSync(join(ws.dir, file), text);
    }
    client = await LspClient.start({ workspace: ws.dir });
    await client.waitForIndexed();
  });
  after(() => {
    client?.kill();
    ws?.dispose();
  });

  it('a contract with no reader or writer: drawn alone, with the reason', async () => {
    const result = graphOf(
      await client.request('pactline/lineage', {
        textDocument: { uri: uriOf(join(ws.dir, 'churn-predictions.odcs.yaml')) },
      }),
    );
    assert.equal(result.note, 'No pipeline or product references this contract yet.');
  });

  it('hostile names give an SVG with no script, no event handler attribute and no link', async () => {
    for (const columns of [false, true]) {
      const result = graphOf(await client.request('pactline/lineage', { columns }));
      assertSafeSvg(result.svg);
      assert.doesNotMatch(
        result.svg,
        /<script|<a[\s>]|<foreignObject|<image/i,
        'no script, link or foreign element (assertSafeSvg checks every attribute)',
      );
      assert.match(result.svg, /&lt;script&gt;/, 'the markup is shown as text');
    }
  });
});

describe('pactline/lineage: breaking changes colour the changed contract and its consumers', { skip }, () => {
  let ws: ReturnType<typeof tempCopy>;
  let client: LspClient;

  before(async () => {
    // a git repository of examples/: the editor compares open contracts with HEAD
    ws = tempCopy(join(ROOT, 'examples'));
    const env = {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'T',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 'T',
      GIT_COMMITTER_EMAIL: 't@example.com',
    };
    for (const args of [
      ['init', '-q', '-b', 'main'],
      ['add', '-A'],
      ['commit', '-q', '-m', 'base'],
    ]) {
      const r = spawnSync('git', args, { cwd: ws.dir, env, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    }
    client = await LspClient.start({ workspace: ws.dir, initializationOptions: { trusted: true } });
    await client.waitForIndexed();
  });
  after(() => {
    client?.kill();
    ws?.dispose();
  });

  it('none before the edit; after removing a column: the contract changed, the consumers its finding names affected', async () => {
    const file = join(ws.dir, CONTRACT);
    const uri = client.open(file);
    await client.waitForDiagnostics(uri, { version: 1 });
    const clean = graphOf(await client.request('pactline/lineage', { textDocument: { uri } }));
    assert.equal(clean.breaking, undefined);

    const text = readFileSync(file, 'utf8');
    const s = text.indexOf('      - name: email_sha256');
    const e = text.indexOf('      - name: country_code');
    assert.ok(s > 0 && e > s);
    const version = client.edit(uri, { start: positionAt(text, s), end: positionAt(text, e) }, '');
    const published = await client.waitForDiagnostics(uri, {
      version,
      accept: (p) => p.diagnostics.some((d) => d.code === 'breaking/property-removed'),
    });
    const impact = published.diagnostics
      .filter((d) => String(d.code).startsWith('breaking/'))
      .flatMap((d) => (d.data as { impact?: { kind: string; id: string }[] }).impact ?? [])
      .map((i) => `${i.kind}:${i.id}`);
    assert.ok(impact.length > 0, 'the finding names its consumers');

    const result = graphOf(await client.request('pactline/lineage', { textDocument: { uri } }));
    assert.deepEqual(result.breaking, {
      changed: ['contract:warehouse-orders'],
      affected: [...new Set(impact)].sort(),
    });
  });
});
