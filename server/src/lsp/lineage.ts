// The lineage requests (protocol/lineage.ts): a thin adapter over the engine's lineage functions.
// The graph is the one the engine keeps for each folder's workspace index (kept in step with
// edits, file by file); the view the panel asks for (focus, depth, hidden kinds), its nodes'
// details and its messages are the engine's (engine/lineage/editor.ts), made BEFORE layout; the
// layout runs in a worker thread (dist/lineage-worker.js) so the server keeps answering while
// Graphviz works. Here: scheduling, and engine paths become URIs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  columnTraces,
  describeSummary,
  lineageGraphFor,
  lineageView,
  renderSvg,
  LAYOUT_LIMIT,
  type LineageGraph,
  type LineageNode,
  type LineageView,
  type RenderOptions,
  type RenderResult,
} from '../engine/lineage';
import {
  aloneNote,
  breakingMarks as engineBreakingMarks,
  declaredBy,
  focusLabel as labelOf,
  hideKinds,
  LINEAGE_MESSAGES,
  lineageTargets,
  nodeDetails,
  viewDepth,
} from '../engine/lineage/editor';
import type { Folder } from './folder';
import {
  LineageRequest,
  LineageTargetsRequest,
  type LineageNodeInfo,
  type LineageNodeKind,
  type LineageParams,
  type LineageResult,
  type LineageTarget,
} from '../../../protocol/lineage';
import type { LayoutAnswer, LayoutJob } from './lineageWorker';
import type { PactlineServer } from './server';

/** Lays views out in a worker thread when the bundled worker is there, else in this thread. */
export class LineageLayout {
  private worker: Worker | undefined;
  private failed = false;
  private next = 0;
  private readonly pending = new Map<number, { resolve: (r: RenderResult) => void; reject: (e: Error) => void }>();

  constructor(private readonly workerFile = path.join(__dirname, 'lineage-worker.js')) {}

  get usesWorker(): boolean {
    return !this.failed && fs.existsSync(this.workerFile);
  }

  render(view: LineageView, options: RenderOptions): Promise<RenderResult> {
    const worker = this.ensureWorker();
    if (!worker) return renderSvg(view, options);
    const id = ++this.next;
    return new Promise<RenderResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, view, options } satisfies LayoutJob);
    });
  }

  /** Starts the worker and loads Graphviz before the first drawing is asked for (once). */
  warmUp(): void {
    if (this.warmed) return;
    this.warmed = true;
    this.render({ nodes: [], edges: [], columns: false }, {}).catch(() => undefined);
  }

  private warmed = false;

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker) return this.worker;
    if (!this.usesWorker) return undefined;
    const worker = new Worker(this.workerFile);
    worker.unref();
    worker.on('message', (answer: LayoutAnswer) => {
      const waiting = this.pending.get(answer.id);
      if (!waiting) return;
      this.pending.delete(answer.id);
      if ('error' in answer) waiting.reject(new Error(answer.error));
      else waiting.resolve(answer.result);
    });
    const lost = (why: string) => {
      // A worker that dies takes its pending layouts with it; later ones run in this thread.
      this.failed = true;
      this.worker = undefined;
      for (const [, waiting] of this.pending) waiting.reject(new Error(`the lineage layout worker stopped: ${why}`));
      this.pending.clear();
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => {
      if (this.worker === worker) lost(`exit code ${code}`);
    });
    this.worker = worker;
    return worker;
  }
}

export function registerLineage(server: PactlineServer): LineageLayout {
  const layout = new LineageLayout();
  const c = server.connection;
  c.onRequest(LineageRequest, async (params) => {
    try {
      return await lineage(server, layout, params);
    } catch (error) {
      server.logError('pactline/lineage', error);
      return {
        kind: 'empty',
        message: LINEAGE_MESSAGES.failed(error instanceof Error ? error.message : String(error)),
      } satisfies LineageResult;
    }
  });
  c.onRequest(LineageTargetsRequest, (params) =>
    server.guard(
      'pactline/lineageTargets',
      () => {
        // a client that asks for the code lenses may soon ask for a drawing: Graphviz loads meanwhile
        layout.warmUp();
        return targets(server, params.textDocument.uri);
      },
      [] as LineageTarget[],
    ),
  );
  return layout;
}

function graphOf(folder: Folder): LineageGraph {
  return lineageGraphFor(folder.service.index, (p) => folder.service.getDocument(p));
}

function targets(server: PactlineServer, uri: string): LineageTarget[] {
  const where = server.locate(uri);
  if (!where) return [];
  return lineageTargets(graphOf(where.folder), where.path) as LineageTarget[];
}

export async function lineage(
  server: PactlineServer,
  layout: LineageLayout,
  params: LineageParams,
): Promise<LineageResult> {
  const started = performance.now();
  let folder: Folder | undefined;
  let focus: string | undefined;
  if (params.textDocument && params.focus === undefined) {
    const where = server.locate(params.textDocument.uri);
    if (!where) return { kind: 'empty', message: LINEAGE_MESSAGES.notInWorkspace };
    folder = where.folder;
    for (const f of server.folders) while (f.scanning) await f.ready;
    const graph = graphOf(folder);
    const declared = declaredBy(graph, where.path);
    if (!declared.length) {
      return { kind: 'empty', message: LINEAGE_MESSAGES.declaresNothing };
    }
    focus = declared[0].id;
  } else {
    folder =
      (params.folderUri ? server.folders.find((f) => f.uri === params.folderUri) : undefined) ??
      server.folders[0] ??
      server.loose;
    if (params.textDocument) folder = server.locate(params.textDocument.uri)?.folder ?? folder;
    while (folder.scanning) await folder.ready;
  }
  const graph = graphOf(folder);
  if (params.focus !== undefined) {
    const resolved = graph.resolveFocus(params.focus);
    if (!resolved.ok)
      return {
        kind: 'not-found',
        message: resolved.message,
        suggestion: resolved.suggestion,
        candidates: resolved.candidates,
      };
    focus = resolved.id;
  }
  const total = { nodes: graph.nodes().length, edges: graph.edges().length };
  if (!total.nodes) {
    return { kind: 'empty', message: LINEAGE_MESSAGES.emptyWorkspace };
  }
  const focusNode = focus !== undefined ? graph.node(focus) : undefined;
  const focusLabel = focusNode ? labelOf(focusNode) : undefined;
  const full = lineageView(graph, {
    focus,
    upstream: viewDepth(params.upstream),
    downstream: viewDepth(params.downstream),
    columns: params.columns === true,
    expand: params.expand,
  });
  const view = hideKinds(graph, full, new Set(params.hide ?? []));
  const viewMs = performance.now() - started;
  if (!view.nodes.length) {
    return { kind: 'empty', focus, focusLabel, message: LINEAGE_MESSAGES.allHidden };
  }
  const limit = params.limit !== undefined && params.limit > 0 ? params.limit : LAYOUT_LIMIT;
  const t0 = performance.now();
  const result = await layout.render(view, { limit });
  const layoutMs = performance.now() - t0;
  if (!result.ok) {
    return { kind: 'too-large', focus, summary: result.summary, message: describeSummary(result.summary) };
  }
  return {
    kind: 'graph',
    svg: result.svg,
    dot: result.dot,
    focus,
    focusLabel,
    nodes: view.nodes.map((n) => info(server, folder!, graph, n)),
    edgeCount: view.edges.length,
    // the path of each column drawn, computed here: the panel only applies the one clicked
    traces: view.columns ? columnTraces(view) : undefined,
    total,
    note: focusNode ? aloneNote(focusNode, full) : undefined,
    breaking: breakingMarks(server, folder, graph),
    timings: { viewMs, layoutMs, totalMs: performance.now() - started, worker: layout.usesWorker },
  };
}

/** The contracts open in the editor whose last validation found breaking changes, and their consumers. */
function breakingMarks(
  server: PactlineServer,
  folder: Folder,
  graph: LineageGraph,
): { changed: string[]; affected: string[] } | undefined {
  const open = [];
  for (const td of server.documents.all()) {
    const doc = server.locate(td.uri)?.open;
    if (doc && doc.folder === folder && doc.validated)
      open.push({ path: doc.path, diagnostics: doc.validated.diagnostics });
  }
  return engineBreakingMarks(graph, open);
}

function info(server: PactlineServer, folder: Folder, graph: LineageGraph, node: LineageNode): LineageNodeInfo {
  const { file, ...details } = nodeDetails(graph, node);
  return { ...details, kind: details.kind as LineageNodeKind, uri: server.uriOf(folder, file) };
}
