// `pactline lineage --focus` reads only what the focus's neighbourhood needs (cli/lineage.ts,
// engine/lineage/scan.ts). A shortcut must never change the output: for foci at every level
// (contract, dataset, column, pipeline, job, product), on examples/, a generated corpus and hostile
// workspaces, the SVG, DOT and JSON of the focused read are compared byte for byte with those of a
// read of every file. The comparison is shown to catch a read that leaves out a file it needed.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generate, DEFAULTS } from '../../bench/generate';
import { lineage, loadLineage, type LineageFormat, type LineageOptions } from '../../server/src/cli/lineage';
import { focusContracts, lineageNeeds, scanContractId } from '../../server/src/engine/lineage';
import { LanguageService } from '../../server/src/engine/service';
import { ROOT, type Files } from './helpers';

let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'pactline-focused-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

function write(dir: string, files: Files): string {
  const root = join(tmp, dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const NOW = new Date('2026-01-01T00:00:00Z');

async function run(
  cwd: string,
  focus: string,
  format: LineageFormat,
  extra: Partial<LineageOptions> = {},
): Promise<{ output: string; exitCode: number; notes: string[] } | { error: string }> {
  try {
    const r = await lineage({
      paths: [],
      cwd,
      format,
      focus,
      columns: false,
      verbose: false,
      version: '0.0.0',
      now: NOW,
      ...extra,
    });
    return { output: String(r.output), exitCode: r.exitCode, notes: r.notes };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The focused read and the full read agree byte for byte (output, exit code, notes or error). */
async function assertSame(cwd: string, focus: string, formats: LineageFormat[], extra: Partial<LineageOptions> = {}) {
  for (const format of formats) {
    const focused = await run(cwd, focus, format, extra);
    const full = await run(cwd, focus, format, { ...extra, readAll: true });
    assert.deepEqual(focused, full, `--focus ${focus} --format ${format}${extra.columns ? ' --columns' : ''}`);
  }
}

/** Whether the focused read of `cwd` for `focus` left files unread (else a comparison proves little). */
function partial(cwd: string, focus: string): boolean {
  return loadLineage({ paths: [], cwd, focus }).partial;
}

// ---- the look at a contract's text ------------------------------------------------------------

const HEAD = '# a comment\napiVersion: v3.1.0\nkind: DataContract\n';
const BODY =
  'name: Orders\nversion: 1.0.0\nstatus: active\ntags: [a, b]\nschema:\n  - name: orders\n    properties:\n      - name: id\n';

describe('scanContractId: certain, or unsure', () => {
  it('reads a plain top-level id of an ODCS contract', () => {
    assert.equal(scanContractId('c.odcs.yaml', `${HEAD}id: orders-1\n${BODY}`), 'orders-1');
    assert.equal(scanContractId('c.yaml', `${HEAD}id: orders-1\r\n${BODY.replace(/\n/g, '\r\n')}`), 'orders-1');
    assert.equal(
      scanContractId('c.yaml', `${HEAD}id: o\ndescription: |\n  id: not-this\nx: 'it''s'\ny: "q"\n${BODY}`),
      'o',
    );
    // Shorthand relationships stay within the contract.
    assert.equal(scanContractId('c.yaml', `${HEAD}id: o\n${BODY}        relationships:\n          - to: a.b\n`), 'o');
  });

  const unsure: Record<string, string> = {
    'a quoted id': `${HEAD}id: "orders-1"\n${BODY}`,
    'a single-quoted id': `${HEAD}id: 'orders-1'\n${BODY}`,
    'a commented id line': `${HEAD}id: orders-1 # the real one\n${BODY}`,
    'an id that is a number': `${HEAD}id: 12345\n${BODY}`,
    'an id that is a boolean': `${HEAD}id: yes\n${BODY}`,
    'an id with a tag': `${HEAD}id: !!str orders-1\n${BODY}`,
    'an id with an anchor': `${HEAD}id: &a orders-1\n${BODY}`,
    'a flow-styled document': `{apiVersion: v3.1.0, kind: DataContract, id: orders-1}\n`,
    'a quoted key': `${HEAD}"id": orders-1\n${BODY}`,
    'a spaced key': `${HEAD}id : orders-1\n${BODY}`,
    'two id lines': `${HEAD}id: orders-1\n${BODY}id: orders-2\n`,
    'no id line': `${HEAD}${BODY}`,
    'a commented id only': `${HEAD}# id: orders-1\n${BODY}`,
    'a quoted value left open over a column-0 line': `${HEAD}id: orders-1\ndescription: "x\nid: orders-2"\n${BODY}`,
    'a flow list left open': `${HEAD}id: orders-1\ntags: [a,\nb]\n${BODY}`,
    'an anchored value': `${HEAD}id: orders-1\ndescription: &d "x\n"\n${BODY}`,
    'a lone carriage return': `${HEAD}description: x\rid: orders-2\nid: orders-1\n${BODY}`,
    'a line separator': `${HEAD}id: orders-1\ndescription: x\u2028y\n${BODY}`,
    'two documents': `${HEAD}id: orders-1\n---\n${HEAD}id: orders-2\n`,
    'a merge key': `${HEAD}id: orders-1\n<<: {id: orders-2}\n${BODY}`,
    'a top-level sequence at column 0': `${HEAD}id: orders-1\ntags:\n- a\n${BODY}`,
    transformSourceObjects: `${HEAD}id: o\n${BODY}        transformSourceObjects: [x.y]\n`,
    'a relationship naming another file': `${HEAD}id: o\n${BODY}        relationships:\n          - to: other.odcs.yaml#/schema/x/properties/y\n`,
    'an escape in a double-quoted string': `${HEAD}id: o\n${BODY}        relationships:\n          - to: "other.odcs.yaml\\x23/schema/x/properties/y"\n`,
    'a DCS contract': `dataContractSpecification: 1.1.0\nid: orders-1\n`,
    'a pipeline': `apiVersion: pactline/v1\nkind: Pipeline\nid: p\n`,
    'a product': `apiVersion: v1.0.0\nkind: DataProduct\nid: p\n`,
  };
  for (const [what, text] of Object.entries(unsure)) {
    it(`is unsure of ${what}`, () => assert.equal(scanContractId('c.odcs.yaml', text), undefined));
  }

  it('agrees with the parse wherever it is sure, over the generated corpus and examples/', () => {
    const service = new LanguageService();
    const dirs = [join(ROOT, 'examples'), join(corpus(), 'workspace')];
    let sure = 0;
    for (const dir of dirs) {
      for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
        if (!/\.ya?ml$/.test(file)) continue;
        const path = relative(ROOT, join(dir, file));
        const doc = service.setDocumentBytes(path, readFileSync(join(dir, file)));
        const id = scanContractId(path, doc.text);
        if (id === undefined) continue;
        sure++;
        const facts = service.index.facts(path);
        assert.equal(facts?.contract?.id, id, path);
        assert.deepEqual(lineageNeeds(facts!).files, [], path);
        service.removeDocument(path);
      }
    }
    assert.ok(sure > 100, `sure of ${sure} contracts`);
  });

  it('focusContracts: every contract id a typed focus may name a node of', () => {
    assert.deepEqual(focusContracts(' column:a.b/orders/id ').sort(), [
      'a',
      'a.b',
      'a.b/orders',
      'a.b/orders/id',
      'column:a',
      'column:a.b',
      'column:a.b/orders',
      'column:a.b/orders/id',
    ]);
  });
});

// ---- the output, focused and full ---------------------------------------------------------------

let corpusDir: string | undefined;
/** A generated workspace: 120 contracts, 12 pipelines, 8 products (deterministic). */
function corpus(): string {
  if (!corpusDir) {
    corpusDir = join(tmp, 'corpus');
    generate({ ...DEFAULTS, out: corpusDir, contracts: 120, bigProperties: 10, verify: false, quiet: true });
  }
  return corpusDir;
}

describe('lineage --focus reads only what it needs, and draws the same', () => {
  it('examples/: contracts, datasets, pipelines, jobs, products and a column, in SVG, DOT and JSON', async () => {
    const cwd = join(tmp, 'examples');
    cpSync(join(ROOT, 'examples'), cwd, { recursive: true });
    const graph = loadLineage({ paths: [], cwd }).graph;
    // Two nodes of each kind (the first and the last by id), and a column on a column edge.
    const foci = (['contract', 'dataset', 'pipeline', 'job', 'product'] as const).flatMap((kind) => {
      const ids = graph
        .nodesOfKind(kind)
        .map((n) => n.id)
        .sort();
      return [ids[0], ids[ids.length - 1]];
    });
    const column = graph.nodes().find((n) => n.kind === 'column' && graph.incoming(n.id).length)!.id;
    // Every example contract is read by a pipeline or a product: all of them are needed.
    for (const focus of [...foci, column]) await assertSame(cwd, focus, ['dot', 'json']);
    for (const focus of ['raw-orders-cdc', column, 'pipeline:churn-features'])
      await assertSame(cwd, focus, ['svg', 'openlineage']);
    await assertSame(cwd, 'raw-orders-cdc', ['json', 'dot'], { columns: true, upstream: 5, downstream: 5 });
  });

  it('a generated corpus: contracts read by pipelines, in products, read by nothing; datasets, columns, pipelines, jobs, products', async () => {
    const cwd = join(corpus(), 'workspace');
    const graph = loadLineage({ paths: [], cwd }).graph;
    const contracts = graph.nodesOfKind('contract').map((n) => n.id);
    const read = contracts.filter((id) => graph.outgoing(id).length || graph.incoming(id).length);
    const viaDataset = graph
      .nodesOfKind('dataset')
      .filter((n) => graph.outgoing(n.id).length)
      .map((n) => n.id);
    const column = graph.nodesOfKind('column').find((n) => graph.incoming(n.id).some((e) => e.kind === 'column'))!;
    const foci = [
      contracts[0],
      read[0],
      read[read.length - 1],
      viaDataset[0],
      viaDataset[0].slice('dataset:'.length).replace('/', '.'),
      column.id,
      graph.nodesOfKind('pipeline')[0].id,
      graph.nodesOfKind('job')[0].id,
      graph.nodesOfKind('product')[0].id,
    ];
    assert.ok(partial(cwd, contracts[0]), 'the focused read leaves contracts unread');
    for (const focus of foci) await assertSame(cwd, focus, ['json', 'dot']);
    await assertSame(cwd, column.id, ['svg']);
    await assertSame(cwd, viaDataset[0], ['svg', 'json'], { columns: true, upstream: 4, downstream: 4 });
    // Names only the whole graph resolves (a bare object name, a typo): read in full, the same answer.
    await assertSame(cwd, viaDataset[0].slice(viaDataset[0].lastIndexOf('/') + 1), ['json']);
    await assertSame(cwd, `${contracts[0]}x`, ['json']);
  });

  it('hostile: the same id in two files, ids quoted, commented and flow-styled, relationships across files', async () => {
    const contract = (id: string, idLine = `id: ${id}`, extra = '') =>
      `apiVersion: v3.1.0\nkind: DataContract\n${idLine}\nname: ${id}\nversion: 1.0.0\nstatus: active\n` +
      `schema:\n  - name: t\n    properties:\n      - name: k\n        logicalType: string\n${extra}`;
    const pipeline = (reads: string, writes: string) =>
      `apiVersion: pactline/v1\nkind: Pipeline\nid: p-${writes}\nname: P\nsteps:\n  - id: s\n` +
      `    inputs:\n      - contract: ${reads}\n        schema: t\n    outputs:\n      - contract: ${writes}\n        schema: t\n`;
    const cwd = write('hostile', {
      // `dup` twice: a certain look (b) and an unsure one (a, first by path: the contract).
      'a/dup.odcs.yaml': contract('dup', 'id: "dup"').replace('name: dup', 'name: First dup'),
      'b/dup.odcs.yaml': contract('dup').replace('name: dup', 'name: Second dup'),
      // `twin` twice, both certain: only a pipeline names it.
      'c/twin.odcs.yaml': contract('twin').replace('name: twin', 'name: First twin'),
      'd/twin.odcs.yaml': contract('twin').replace('name: twin', 'name: Second twin'),
      'quoted.odcs.yaml': contract('quoted', "id: 'quoted'"),
      'commented.odcs.yaml': contract('commented', 'id: commented # really'),
      'flow.odcs.yaml': `{apiVersion: v3.1.0, kind: DataContract, id: flow, version: 1.0.0, status: active, schema: [{name: t, properties: [{name: k}]}]}\n`,
      'hidden.odcs.yaml': contract('hidden', 'id: hidden\ndescription: "x\nid: other"'),
      // A relationship naming another file: that file's column feeds this one.
      'rel.odcs.yaml': contract(
        'rel',
        'id: rel',
        '        relationships:\n          - to: target.odcs.yaml#/schema/t/properties/k\n',
      ),
      'target.odcs.yaml': contract('target'),
      // The same id, first by path: reached only through the file the relationship names.
      'a/target.odcs.yaml': contract('target').replace('name: target', 'name: First target'),
      'lonely.odcs.yaml': contract('lonely'),
      'alone.odcs.yaml': contract('alone'),
      'pipelines/1.pipeline.yaml': pipeline('dup', 'quoted'),
      'pipelines/2.pipeline.yaml': pipeline('twin', 'commented'),
      'pipelines/3.pipeline.yaml': pipeline('flow', 'hidden'),
      'pipelines/4.pipeline.yaml': pipeline('other', 'lonely'),
    });
    assert.ok(partial(cwd, 'lonely'), 'alone.odcs.yaml is left unread');
    for (const focus of [
      'dup',
      'twin',
      'quoted',
      'commented',
      'flow',
      'hidden',
      'other',
      'rel',
      'target',
      'column:target/t/k',
      'lonely',
      'dataset:twin/t',
      'twin.t',
      'pipeline:p-quoted',
      'job:p-commented/s',
      't',
      'nowhere',
      'alone',
    ])
      await assertSame(cwd, focus, ['json', 'dot'], { columns: true });
  });

  it('transformSourceObjects anywhere: names resolved against every dataset, so everything is read', async () => {
    const cwd = write('transforms', {
      'src.odcs.yaml':
        'apiVersion: v3.1.0\nkind: DataContract\nid: src\nversion: 1.0.0\nstatus: active\nschema:\n  - name: s\n    physicalName: RAW_S\n    properties:\n      - name: k\n',
      'dst.odcs.yaml':
        'apiVersion: v3.1.0\nkind: DataContract\nid: dst\nversion: 1.0.0\nstatus: active\nschema:\n  - name: d\n    properties:\n      - name: k\n        transformSourceObjects: [raw_s]\n',
    });
    assert.equal(partial(cwd, 'dst'), false);
    await assertSame(cwd, 'dst', ['json', 'dot']);
    await assertSame(cwd, 'src', ['json', 'dot']);
  });

  it('the comparison catches a read that leaves out a file the neighbourhood needs', async () => {
    const cwd = join(corpus(), 'workspace');
    const graph = loadLineage({ paths: [], cwd }).graph;
    const pipeline = graph.nodesOfKind('pipeline')[0];
    const full = await run(cwd, pipeline.id, 'json', { readAll: true });
    // One contract the pipeline reads, hidden from the read: the output changes.
    const job = graph.children(pipeline.id)[0];
    const input = graph.incoming(job).find((e) => e.kind === 'input')!;
    const file = graph.node(input.from)!.file;
    const moved = join(tmp, 'moved.yaml');
    cpSync(join(cwd, file), moved);
    rmSync(join(cwd, file));
    try {
      assert.notDeepEqual(await run(cwd, pipeline.id, 'json'), full);
    } finally {
      cpSync(moved, join(cwd, file));
    }
    assert.deepEqual(await run(cwd, pipeline.id, 'json'), full);
  });
});
