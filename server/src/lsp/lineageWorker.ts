// The lineage layout worker (dist/lineage-worker.js): Graphviz (WebAssembly) lays views out here,
// off the language server's event loop, so that diagnostics and completion never wait for a
// drawing. One message in (a view), one out (the engine's RenderResult); the module stays loaded.
import { parentPort } from 'node:worker_threads';
import { renderSvg, type LineageView, type RenderOptions, type RenderResult } from '../engine/lineage';

export interface LayoutJob {
  id: number;
  view: LineageView;
  options: RenderOptions;
}

export type LayoutAnswer = { id: number; result: RenderResult } | { id: number; error: string };

parentPort?.on('message', (job: LayoutJob) => {
  renderSvg(job.view, job.options).then(
    (result) => parentPort!.postMessage({ id: job.id, result } satisfies LayoutAnswer),
    (error: unknown) =>
      parentPort!.postMessage({
        id: job.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies LayoutAnswer),
  );
});
