// Lineage benchmark: lineage-shaped workspaces of 100 to 10,000 graph nodes, generated in memory
// (contracts in four layers, raw → validated → curated → marts; pipeline steps with column
// mappings between layers; data products on the edges), through the real engine:
//
//   parse      every document into a LanguageService (js-yaml, the workspace index)
//   graph      the lineage graph built from the index (every file's contribution, the merged view)
//   rules      every lineage/ finding
//   edit       one pipeline edited, the graph updated (`updateFile`) and queried again
//   focused    the neighbourhood of a mid-layer dataset (upstream 2, downstream 2): view, DOT,
//              Graphviz layout (WebAssembly), SVG sanitising; "render" is all four
//   whole      the whole graph: the same. Over LAYOUT_LIMIT (1,500 nodes) the CLI and the panel show a
//              summary instead; the bench still lays it out once up to --whole-up-to nodes (default
//              2,000) to show what the limit spares
//   columns    the focused neighbourhood as the column view (tables with a row per column on a column
//              edge, edges row to row), and a column of the focused dataset traced (its path
//              highlighted, the rest dimmed): view, DOT, layout, sanitising
//   wide       the neighbourhood of a mid-layer CONTRACT, upstream 3 / downstream 3 (a larger focus)
//   panel      (largest size) what the lineage panel waits for: the workspace written to a temporary
//              folder, the real language server (dist/server.js) started on it, `pactline/lineage`
//              requests for the focused and wide views (view in the server, layout in its worker)
//
// Graph nodes here are what a drawing holds: contracts, datasets, jobs, pipelines, products
// (each dataset's columns come on top and are reported separately).
//
//   node --import tsx bench/lineage.bench.ts [--sizes 100,1000,2000,5000,10000] [--reps 3] [--seed 7] [--whole-up-to 2000] [--no-lsp]
//
// Prints a table and writes bench/out/lineage-results.json. A benchmark, not a test: it never
// fails on a number, but it says whether the focused view of the largest workspace rendered in
// under a second.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  lineageGraphFor,
  lineageFindings,
  lineageView,
  loadGraphviz,
  renderSvg,
  toDot,
  LAYOUT_LIMIT,
  FAST_LAYOUT_FROM,
} from '../server/src/engine/lineage';
import { LanguageService } from '../server/src/engine/service';
import type { LineageResult } from '../protocol/lineage';
import { LspClient } from '../test/lsp/client';
import { median } from './stats';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const SIZES = option('sizes', '100,1000,2000,5000,10000').split(',').map(Number);
const REPS = Math.max(1, Number(option('reps', '3')));
const SEED = Number(option('seed', '7'));
/** The whole graph is laid out up to this many nodes, past LAYOUT_LIMIT too (once, not per rep), to show what the limit spares. */
const WHOLE_UP_TO = Number(option('whole-up-to', '2000'));
/** The panel's path, for the largest size: the workspace on disk, the real server (dist/server.js), `pactline/lineage` requests. */
const LSP = !process.argv.includes('--no-lsp');

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LAYERS = ['raw', 'validated', 'curated', 'mart'];
const PROPS = ['id', 'customer_id', 'email', 'amount', 'updated_at'];

/** A workspace of about `target` graph nodes (columns not counted), as `{ path: text }`. */
function generate(target: number, seed: number): { files: Record<string, string>; focus: string; wide: string } {
  const random = mulberry32(seed);
  // Per contract: the contract, 2 datasets, 1 job (layers ≥ 1); per 10 jobs a pipeline; per 40 contracts a product.
  const contracts = Math.max(LAYERS.length * 2, Math.round(target / 3.85));
  const perLayer = Math.ceil(contracts / LAYERS.length);
  const files: Record<string, string> = {};
  const ids: string[][] = LAYERS.map((layer, l) =>
    Array.from({ length: perLayer }, (_, k) => `${layer}-${String(k).padStart(5, '0')}`).slice(
      0,
      l === LAYERS.length - 1 ? contracts - perLayer * (LAYERS.length - 1) : perLayer,
    ),
  );
  for (const [l, layer] of LAYERS.entries()) {
    for (const id of ids[l]) {
      const objects = ['a', 'b']
        .map(
          (o) => `  - name: ${o}
    properties:
${PROPS.map(
  (p) => `      - name: ${p}
        logicalType: ${p === 'amount' ? 'number' : p === 'updated_at' ? 'timestamp' : 'string'}
        classification: ${p === 'email' || p === 'customer_id' ? 'restricted' : 'internal'}`,
).join('\n')}`,
        )
        .join('\n');
      files[`contracts/${layer}/${id}.odcs.yaml`] = `apiVersion: v3.1.0
kind: DataContract
id: ${id}
name: ${layer} ${id}
version: 1.0.0
status: active
tags: [${layer}]
schema:
${objects}
slaProperties:
  - property: latency
    value: ${l === 0 ? 1 : 2 * l}
    unit: h
`;
    }
  }
  const steps: string[] = [];
  for (let l = 1; l < LAYERS.length; l++) {
    for (const id of ids[l]) {
      const inputs = Array.from({ length: 2 }, () => ids[l - 1][Math.floor(random() * ids[l - 1].length)]);
      const [x, y] = inputs;
      steps.push(`  - id: build-${id}
    runtime: ${l === 1 ? 'flink' : 'dbt'}
    inputs:
      - contract: ${x}
        schema: a
        as: x
      - contract: ${y}
        schema: b
        as: y
    outputs:
${['a', 'b']
  .map(
    (o) => `      - contract: ${id}
        schema: ${o}
        columns:
${PROPS.map((p) => `          ${p}: ${p === 'amount' ? '[x.amount, y.amount]' : `${o === 'a' ? 'x' : 'y'}.${p}`}`).join('\n')}`,
  )
  .join('\n')}
${l === 1 ? `      - contract: ${ids[0][0]}\n        schema: b\n        deadLetter: true\n` : ''}`);
    }
  }
  for (let p = 0; p * 10 < steps.length; p++) {
    const streaming = p % 3 === 0;
    files[`pipelines/p${String(p).padStart(4, '0')}.pipeline.yaml`] = `apiVersion: pactline/v1
kind: Pipeline
id: p${p}
owner: team-${p % 7}
schedule:
${streaming ? '  streaming: true\n  maxLatency: 5m' : '  cron: "0 * * * *"'}
steps:
${steps.slice(p * 10, p * 10 + 10).join('')}`;
  }
  for (let k = 0; k * 40 < contracts; k++) {
    const input = ids[0][k % ids[0].length];
    const output = ids[LAYERS.length - 1][k % ids[LAYERS.length - 1].length];
    files[`products/product-${k}.odps.yaml`] = `apiVersion: v1.0.0
kind: DataProduct
id: product-${k}
status: active
inputPorts:
  - name: in
    version: 1.0.0
    contractId: ${input}
outputPorts:
  - name: out
    version: 1.0.0
    contractId: ${output}
`;
  }
  const mid = ids[2][Math.floor(ids[2].length / 2)];
  return { files, focus: `dataset:${mid}/a`, wide: `contract:${mid}` };
}

async function time<T>(fn: () => T | Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

interface Row {
  target: number;
  files: number;
  nodes: number;
  columns: number;
  edges: number;
  findings: number;
  parseMs: number;
  graphMs: number;
  rulesMs: number;
  editMs: number;
  focused: {
    nodes: number;
    edges: number;
    viewMs: number;
    dotMs: number;
    layoutMs: number;
    sanitizeMs: number;
    renderMs: number;
  };
  wide: { nodes: number; edges: number; renderMs: number; layoutMs: number };
  /** The focused neighbourhood as tables with column rows; `traced`: a column of the focus traced. */
  columnView: { nodes: number; rows: number; edges: number; renderMs: number; layoutMs: number; tracedMs: number };
  whole: {
    nodes: number;
    skipped: boolean;
    overLimit: boolean;
    dotMs?: number;
    layoutMs?: number;
    sanitizeMs?: number;
    renderMs?: number;
  };
}

async function main(): Promise<void> {
  const [, loadMs] = await time(() => loadGraphviz());
  console.log(
    `Lineage benchmark — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, reps ${REPS}, median of reps`,
  );
  console.log(
    `Graphviz WebAssembly loaded in ${loadMs.toFixed(0)} ms (once per process). Layout limit ${LAYOUT_LIMIT} nodes; fast Graphviz settings from ${FAST_LAYOUT_FROM} nodes.`,
  );
  // the machine may be shared: the figures mean little without its load
  console.log(
    `Load average (1, 5, 15 min) at the start: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(', ')}.\n`,
  );
  // One untimed pass first, so that the smallest size is not charged with compiling the code (JIT).
  {
    const { files } = generate(100, SEED + 1);
    const service = new LanguageService();
    for (const [p, text] of Object.entries(files)) service.setDocument(p, text);
    const g = lineageGraphFor(service.index, (p) => service.getDocument(p));
    lineageFindings(g);
    await renderSvg(lineageView(g));
  }
  const rows: Row[] = [];
  for (const target of SIZES) {
    const { files, focus, wide: wideFocus } = generate(target, SEED);
    const samples: Row[] = [];
    for (let rep = 0; rep < REPS; rep++) {
      const service = new LanguageService();
      const [, parseMs] = await time(() => {
        for (const [p, text] of Object.entries(files)) service.setDocument(p, text);
      });
      const [graph, graphMs] = await time(() => {
        const g = lineageGraphFor(service.index, (p) => service.getDocument(p));
        g.nodes();
        return g;
      });
      const [found, rulesMs] = await time(() => lineageFindings(graph));
      const all = graph.nodes();
      const pipelinePath = Object.keys(files).find((p) => p.startsWith('pipelines/'))!;
      const [, editMs] = await time(() => {
        service.setDocument(pipelinePath, files[pipelinePath].replace('runtime: flink', 'runtime: spark'));
        graph.updateFile(pipelinePath);
        graph.edges();
      });
      const [view, viewMs] = await time(() => lineageView(graph, { focus, upstream: 2, downstream: 2 }));
      const [result, renderMs] = await time(() => renderSvg(view));
      if (!result.ok) throw new Error('the focused view was too large');
      const [columnView, columnViewMs] = await time(() =>
        lineageView(graph, { focus, upstream: 2, downstream: 2, columns: true }),
      );
      const [columnResult, columnMs] = await time(() => renderSvg(columnView));
      if (!columnResult.ok) throw new Error('the column view was too large');
      const column = columnView.nodes.find((n) => n.kind === 'column' && n.parent === focus)?.id;
      if (!column) throw new Error(`no column of ${focus} in its column view`);
      const [, tracedMs] = await time(async () => {
        const traced = await renderSvg(lineageView(graph, { focus: column, upstream: 2, downstream: 2 }));
        if (!traced.ok) throw new Error('the traced column view was too large');
      });
      const [wideView, wideViewMs] = await time(() =>
        lineageView(graph, { focus: wideFocus, upstream: 3, downstream: 3 }),
      );
      const [wideResult, wideMs] = await time(() => renderSvg(wideView));
      if (!wideResult.ok) throw new Error('the wide view was too large');
      const wholeView = lineageView(graph);
      const overLimit = wholeView.nodes.length > LAYOUT_LIMIT;
      let whole: Row['whole'] = { nodes: wholeView.nodes.length, skipped: true, overLimit };
      if (wholeView.nodes.length <= WHOLE_UP_TO && (!overLimit || rep === 0)) {
        const [w, wholeMs] = await time(() => renderSvg(wholeView, { limit: Number.POSITIVE_INFINITY }));
        if (w.ok)
          whole = {
            nodes: wholeView.nodes.length,
            skipped: false,
            overLimit,
            dotMs: w.timings.dotMs,
            layoutMs: w.timings.layoutMs,
            sanitizeMs: w.timings.sanitizeMs,
            renderMs: wholeMs,
          };
      } else {
        toDot(wholeView); // the DOT text is still cheap: `--format dot` gives it
      }
      samples.push({
        target,
        files: Object.keys(files).length,
        nodes: all.filter((n) => n.kind !== 'column').length,
        columns: all.filter((n) => n.kind === 'column').length,
        edges: graph.edges().length,
        findings: [...found.values()].reduce((n, l) => n + l.length, 0),
        parseMs,
        graphMs,
        rulesMs,
        editMs,
        focused: {
          nodes: view.nodes.length,
          edges: view.edges.length,
          viewMs,
          dotMs: result.timings.dotMs,
          layoutMs: result.timings.layoutMs,
          sanitizeMs: result.timings.sanitizeMs,
          renderMs: viewMs + renderMs,
        },
        columnView: {
          nodes: columnView.nodes.filter((n) => n.kind !== 'column').length,
          rows: columnView.nodes.filter((n) => n.kind === 'column').length,
          edges: columnView.edges.length,
          renderMs: columnViewMs + columnMs,
          layoutMs: columnResult.timings.layoutMs,
          tracedMs,
        },
        wide: {
          nodes: wideView.nodes.length,
          edges: wideView.edges.length,
          renderMs: wideViewMs + wideMs,
          layoutMs: wideResult.timings.layoutMs,
        },
        whole,
      });
    }
    const pick = <T>(f: (r: Row) => T) => samples.map(f);
    const med = (f: (r: Row) => number | undefined) => {
      const xs = pick(f).filter((x): x is number => x !== undefined);
      return xs.length ? median(xs) : undefined;
    };
    const row: Row = {
      ...samples[0],
      parseMs: med((r) => r.parseMs)!,
      graphMs: med((r) => r.graphMs)!,
      rulesMs: med((r) => r.rulesMs)!,
      editMs: med((r) => r.editMs)!,
      wide: { ...samples[0].wide, renderMs: med((r) => r.wide.renderMs)!, layoutMs: med((r) => r.wide.layoutMs)! },
      columnView: {
        ...samples[0].columnView,
        renderMs: med((r) => r.columnView.renderMs)!,
        layoutMs: med((r) => r.columnView.layoutMs)!,
        tracedMs: med((r) => r.columnView.tracedMs)!,
      },
      focused: {
        ...samples[0].focused,
        viewMs: med((r) => r.focused.viewMs)!,
        dotMs: med((r) => r.focused.dotMs)!,
        layoutMs: med((r) => r.focused.layoutMs)!,
        sanitizeMs: med((r) => r.focused.sanitizeMs)!,
        renderMs: med((r) => r.focused.renderMs)!,
      },
      whole: samples[0].whole.skipped
        ? samples[0].whole
        : {
            ...samples[0].whole,
            dotMs: med((r) => r.whole.dotMs),
            layoutMs: med((r) => r.whole.layoutMs),
            sanitizeMs: med((r) => r.whole.sanitizeMs),
            renderMs: med((r) => r.whole.renderMs),
          },
    };
    rows.push(row);
    const f = row.focused;
    const w = row.whole;
    console.log(
      `~${target.toLocaleString('en-US')} nodes: ${row.nodes.toLocaleString('en-US')} graph nodes (+${row.columns.toLocaleString('en-US')} columns), ${row.edges.toLocaleString('en-US')} edges, ${row.files} files, ${row.findings} findings`,
    );
    console.log(
      `  parse ${row.parseMs.toFixed(0)} ms · graph ${row.graphMs.toFixed(0)} ms · rules ${row.rulesMs.toFixed(0)} ms · edit one pipeline → updated graph ${row.editMs.toFixed(1)} ms`,
    );
    console.log(
      `  focused (${f.nodes} nodes, ${f.edges} edges): render ${f.renderMs.toFixed(0)} ms = view ${f.viewMs.toFixed(1)} + DOT ${f.dotMs.toFixed(1)} + layout ${f.layoutMs.toFixed(0)} + sanitise ${f.sanitizeMs.toFixed(1)}`,
    );
    const c = row.columnView;
    console.log(
      `  columns (the focused view as ${c.nodes} tables and jobs with ${c.rows} column rows, ${c.edges} edges): render ${c.renderMs.toFixed(0)} ms, of which layout ${c.layoutMs.toFixed(0)}; a column traced: ${c.tracedMs.toFixed(0)} ms`,
    );
    console.log(
      `  wide (${row.wide.nodes} nodes, ${row.wide.edges} edges; a contract, upstream 3 / downstream 3): render ${row.wide.renderMs.toFixed(0)} ms, of which layout ${row.wide.layoutMs.toFixed(0)}`,
    );
    console.log(
      w.skipped
        ? `  whole (${w.nodes.toLocaleString('en-US')} nodes): not laid out (over --whole-up-to ${WHOLE_UP_TO.toLocaleString('en-US')}; the CLI and the panel show a summary over ${LAYOUT_LIMIT.toLocaleString('en-US')})`
        : `  whole (${w.nodes.toLocaleString('en-US')} nodes): render ${w.renderMs!.toFixed(0)} ms = DOT ${w.dotMs!.toFixed(1)} + layout ${w.layoutMs!.toFixed(0)} + sanitise ${w.sanitizeMs!.toFixed(1)}` +
            (w.overLimit
              ? ` (one run; over the ${LAYOUT_LIMIT.toLocaleString('en-US')}-node limit, so the CLI and the panel show a summary instead)`
              : ''),
    );
  }
  let panel:
    { nodes: number; indexMs: number; openMs: number; focused: number[]; wide: number[]; worker: boolean } | undefined;
  const largestSize = SIZES[SIZES.length - 1];
  if (LSP && largestSize !== undefined) panel = await panelPath(largestSize);
  const largest = rows[rows.length - 1];
  if (largest) {
    const ok = largest.focused.renderMs < 1000;
    console.log(
      `\nFocused view of the ${largest.nodes.toLocaleString('en-US')}-node workspace: ${largest.focused.renderMs.toFixed(0)} ms from graph to sanitised SVG — ${ok ? 'under' : 'OVER'} the 1 s target.`,
    );
    const columnsOk = Math.max(largest.columnView.renderMs, largest.columnView.tracedMs) < 1000;
    console.log(
      `Its column view: ${largest.columnView.renderMs.toFixed(0)} ms, a column traced ${largest.columnView.tracedMs.toFixed(0)} ms — ${columnsOk ? 'under' : 'OVER'} the 1 s target.`,
    );
    console.log(
      `Load average (1, 5, 15 min) at the end: ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(', ')}.`,
    );
    if (panel) {
      const worst = Math.max(...panel.focused, ...panel.wide);
      console.log(
        `In the panel (a pactline/lineage request to the real server, ${panel.nodes.toLocaleString('en-US')} nodes, indexed in ${(panel.indexMs / 1000).toFixed(1)} s, a contract opened and diagnosed in ${(panel.openMs / 1000).toFixed(1)} s; layout ${panel.worker ? 'in its worker thread' : 'in the server thread'}): ` +
          `focused ${panel.focused.map((x) => x.toFixed(0)).join(' / ')} ms, wide ${panel.wide.map((x) => x.toFixed(0)).join(' / ')} ms (first request / then) — ${worst < 1000 ? 'under' : 'OVER'} 1 s.`,
      );
    }
  }
  const out = path.resolve(__dirname, 'out');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(
    path.join(out, 'lineage-results.json'),
    JSON.stringify(
      { node: process.version, cpus: os.cpus().length, reps: REPS, seed: SEED, graphvizLoadMs: loadMs, rows, panel },
      null,
      2,
    ),
  );
  console.log(`Written: bench/out/lineage-results.json`);
}

/** The panel's path on a workspace of `target` nodes: the real server over stdio, `pactline/lineage` requests. */
async function panelPath(
  target: number,
): Promise<{ nodes: number; indexMs: number; openMs: number; focused: number[]; wide: number[]; worker: boolean }> {
  const { files, focus, wide } = generate(target, SEED);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pactline-lineage-bench-'));
  let client: LspClient | undefined;
  try {
    for (const [p, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
      fs.writeFileSync(path.join(dir, p), text);
    }
    const t0 = performance.now();
    client = await LspClient.start({ workspace: dir });
    await client.waitForIndexed(1, 600_000);
    const indexMs = performance.now() - t0;
    // As in the editor: a document is open (its diagnostics, lineage/ rules included, build the
    // graph) and its code lenses were asked for (which starts the layout worker); then the drawings.
    const opened = performance.now();
    const contractFile = path.join(
      dir,
      Object.keys(files).find((p) => p.endsWith(`/${wide.slice('contract:'.length)}.odcs.yaml`))!,
    );
    const uri = client.open(contractFile);
    await client.waitForDiagnostics(uri, { version: 1, timeoutMs: 600_000 });
    await client.request('pactline/lineageTargets', { textDocument: { uri } });
    const openMs = performance.now() - opened;
    const ask = async (params: object): Promise<[number, LineageResult]> => {
      const started = performance.now();
      const result = await client!.request<LineageResult>('pactline/lineage', params);
      return [performance.now() - started, result];
    };
    const focused: number[] = [];
    const wides: number[] = [];
    let worker = false;
    let nodes = 0;
    const server: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [ms, result] = await ask({ focus, upstream: 2, downstream: 2 });
      if (result.kind !== 'graph') throw new Error(`the panel got ${result.kind}`);
      worker = result.timings.worker;
      server.push(
        `view ${result.timings.viewMs.toFixed(0)} + layout ${result.timings.layoutMs.toFixed(0)} = ${result.timings.totalMs.toFixed(0)} ms in the server`,
      );
      nodes = result.total.nodes;
      focused.push(ms);
      const [wms, wresult] = await ask({ focus: wide, upstream: 3, downstream: 3 });
      if (wresult.kind !== 'graph') throw new Error(`the panel got ${wresult.kind}`);
      wides.push(wms);
    }
    // the first request, then the median of the others
    console.log(`  panel, focused view: ${server.join('; ')}`);
    return {
      nodes,
      indexMs,
      openMs,
      focused: [focused[0], median(focused.slice(1))],
      wide: [wides[0], median(wides.slice(1))],
      worker,
    };
  } finally {
    client?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
