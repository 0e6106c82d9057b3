// Layout and SVG: Graphviz `dot`, compiled to WebAssembly.
//
// Why @hpcc-js/wasm-graphviz: it is the maintained WebAssembly build of Graphviz (it follows
// Graphviz releases; viz.js, the older build, is archived), it is what bench/README.md measured,
// it needs no DOM and no native binary, and its WebAssembly is inlined in the JavaScript, so the
// bundler packs it into dist/ with nothing to fetch at run time. Layout is a pure computation
// (text in, text out), which is why it may live in the engine.
import { toDot, type DotOptions } from './dot';
import { sanitizeSvg } from './svg';
import { LAYOUT_LIMIT, tooLargeToLayout, type LineageView, type ViewSummary } from './view';

interface GraphvizLike {
  dot(source: string, format?: 'svg'): string;
  version(): string;
}

let graphviz: Promise<GraphvizLike> | undefined;

/** Loads the WebAssembly module once (about 0.1 s) and keeps it. */
export function loadGraphviz(): Promise<GraphvizLike> {
  if (!graphviz) {
    graphviz = import('@hpcc-js/wasm-graphviz').then((m) => m.Graphviz.load() as Promise<GraphvizLike>);
    graphviz.catch(() => {
      graphviz = undefined;
    });
  }
  return graphviz;
}

export type RenderResult =
  | { ok: true; svg: string; dot: string; timings: { dotMs: number; layoutMs: number; sanitizeMs: number } }
  /** Over the size limit: no layout was attempted; `summary` says what a person could narrow it to. */
  | { ok: false; reason: 'too-large'; summary: ViewSummary };

export interface RenderOptions extends DotOptions {
  /** Most nodes laid out (default LAYOUT_LIMIT, 1,500). */
  limit?: number;
}

/** Lays a view out and returns its SVG, sanitised; a view over the limit is summarised instead. */
export async function renderSvg(view: LineageView, options: RenderOptions = {}): Promise<RenderResult> {
  const summary = tooLargeToLayout(view, options.limit ?? LAYOUT_LIMIT);
  if (summary) return { ok: false, reason: 'too-large', summary };
  const engine = await loadGraphviz();
  const t0 = performance.now();
  const dot = toDot(view, options);
  const t1 = performance.now();
  const raw = engine.dot(dot, 'svg');
  const t2 = performance.now();
  const svg = sanitizeSvg(raw);
  const t3 = performance.now();
  return { ok: true, svg, dot, timings: { dotMs: t1 - t0, layoutMs: t2 - t1, sanitizeMs: t3 - t2 } };
}
