// What is drawn: the whole graph, or the neighbourhood of one node (upstream N, downstream N),
// chosen BEFORE any layout so that a large workspace never reaches the layout engine whole.
import { countByKind, type LineageGraph } from './graph';
import { isColumnEdge, type LineageEdge, type LineageNode, type NodeKind } from './model';

export const DEFAULT_DEPTH = 2;
/** Above this many nodes a view is summarised instead of laid out (bench/README.md: dot grows much faster than the graph). */
export const LAYOUT_LIMIT = 1500;

export interface ViewOptions {
  /** A node id (see `LineageGraph.resolveFocus` for what a person may type). Without it, the whole graph. */
  focus?: string;
  /** How many edges upstream of the focus (default 2). */
  upstream?: number;
  /** How many edges downstream of the focus (default 2). */
  downstream?: number;
  /** Column nodes and column-level edges where they are declared. */
  columns?: boolean;
  /**
   * Only what these files declare, and the nodes their edges reach (a sub-folder's lineage drawn
   * against the whole workspace). Applies to the whole-graph view, not to a focus.
   */
  files?: ReadonlySet<string>;
  /** Datasets whose every column is shown (the others show only the columns on a column edge in view). */
  expand?: Iterable<string>;
}

/** The upstream and downstream path of one column, as drawn: what a trace highlights. */
export interface ColumnTrace {
  /** The column traced. */
  column: string;
  /** The columns on the path (the traced one included) and the jobs their edges go through, sorted. */
  nodes: string[];
  /** Indexes into `LineageView.edges` of the column edges on the path. */
  edges: number[];
}

export interface LineageView {
  /** Sorted by id. Containers (the contract of a dataset, the pipeline of a job) are included. */
  nodes: LineageNode[];
  /** Edges whose two ends are in the view. */
  edges: LineageEdge[];
  focus?: string;
  columns: boolean;
  /** Column view: per dataset in view, how many of its columns are not shown (drawn as one "+ N more" row). */
  hiddenColumns?: Record<string, number>;
  /** A column focus: its path, highlighted while the rest is dimmed. */
  trace?: ColumnTrace;
}

/** The nodes and edges to draw. `focus` must be a node id of the graph (resolve it first). */
export function lineageView(graph: LineageGraph, options: ViewOptions = {}): LineageView {
  const columns = options.columns === true;
  const focus = options.focus !== undefined ? graph.node(options.focus) : undefined;
  if (options.focus !== undefined && !focus) throw new Error(`No node ${options.focus} in the lineage graph`);
  const chosen = new Set<string>();
  let traceUp: Set<string> | undefined;
  let traceDown: Set<string> | undefined;
  if (!focus) {
    const files = options.files;
    for (const node of graph.nodes())
      if (node.kind !== 'column' && (!files || files.has(node.file))) chosen.add(node.id);
    if (files) {
      for (const edge of graph.edges()) {
        if (isColumnEdge(edge) || !files.has(edge.file)) continue;
        chosen.add(edge.from);
        chosen.add(edge.to);
      }
    }
  } else {
    const up = Math.max(0, options.upstream ?? DEFAULT_DEPTH);
    const down = Math.max(0, options.downstream ?? DEFAULT_DEPTH);
    // A column focus: the neighbourhood of its dataset, in which its own path is traced.
    const start = [focus.kind === 'column' && focus.parent !== undefined ? focus.parent : focus.id];
    if (focus.kind === 'contract' || focus.kind === 'pipeline') {
      for (const child of graph.children(focus.id)) if (graph.node(child)?.kind !== 'column') start.push(child);
    }
    for (const id of walk(graph, start, 'down', down, false)) chosen.add(id);
    for (const id of walk(graph, start, 'up', up, false)) chosen.add(id);
    if (focus.kind === 'column') {
      traceUp = walk(graph, [focus.id], 'up', up, true);
      traceDown = walk(graph, [focus.id], 'down', down, true);
      for (const id of [...traceUp, ...traceDown]) chosen.add(id);
      // The jobs a column edge goes through, to show where the mapping happens.
      for (const id of traceUp) for (const e of graph.outgoing(id)) if (e.via && traceUp.has(e.to)) chosen.add(e.via);
      for (const id of traceDown)
        for (const e of graph.outgoing(id)) if (e.via && traceDown.has(e.to)) chosen.add(e.via);
    }
  }
  // Containers: a dataset is drawn inside its contract, a job inside its pipeline, a column inside its dataset.
  for (const id of [...chosen]) {
    let parent = graph.node(id)?.parent;
    while (parent !== undefined && !chosen.has(parent)) {
      chosen.add(parent);
      parent = graph.node(parent)?.parent;
    }
  }
  const showColumns = columns || focus?.kind === 'column';
  const edges: LineageEdge[] = [];
  const columnEdges: LineageEdge[] = [];
  for (const edge of graph.edges()) {
    if (isColumnEdge(edge)) {
      if (!showColumns) continue;
      if (datasetChosen(graph, edge, chosen)) columnEdges.push(edge);
    } else if (chosen.has(edge.from) && chosen.has(edge.to)) {
      edges.push(edge);
    }
  }
  if (showColumns) {
    // Only the columns that a column edge joins within the view: a table of every column would drown the flow.
    for (const edge of columnEdges) {
      chosen.add(edge.from);
      chosen.add(edge.to);
      edges.push(edge);
    }
  }
  let hiddenColumns: Record<string, number> | undefined;
  if (showColumns) {
    hiddenColumns = {};
    for (const id of options.expand ?? []) {
      if (!chosen.has(id)) continue;
      for (const child of graph.children(id)) if (graph.node(child)?.kind === 'column') chosen.add(child);
    }
    for (const id of chosen) {
      if (graph.node(id)?.kind !== 'dataset') continue;
      let hidden = 0;
      for (const child of graph.children(id)) if (!chosen.has(child) && graph.node(child)?.kind === 'column') hidden++;
      if (hidden) hiddenColumns[id] = hidden;
    }
  }
  const nodes = [...chosen]
    .map((id) => graph.node(id)!)
    .filter(Boolean)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const view: LineageView = { nodes, edges, focus: focus?.id, columns: showColumns, hiddenColumns };
  if (focus?.kind === 'column' && traceUp && traceDown) view.trace = pathOf(view, focus.id, traceUp, traceDown);
  return view;
}

/**
 * The path of a column within a view: the edges whose two ends are both upstream of it (or it), or
 * both downstream of it (or it), and the jobs those edges go through.
 */
function pathOf(view: LineageView, column: string, up: ReadonlySet<string>, down: ReadonlySet<string>): ColumnTrace {
  const nodes = new Set<string>([column]);
  const edges: number[] = [];
  view.edges.forEach((e, i) => {
    if (!isColumnEdge(e)) return;
    if (!((up.has(e.from) && up.has(e.to)) || (down.has(e.from) && down.has(e.to)))) return;
    edges.push(i);
    nodes.add(e.from);
    nodes.add(e.to);
    if (e.via !== undefined) nodes.add(e.via);
  });
  return { column, nodes: [...nodes].sort(), edges };
}

/**
 * The path of every column drawn in a column view (for the panel, which highlights the one clicked):
 * the same walk as a column focus, within the view, at most `depth` column edges each way.
 */
export function columnTraces(view: LineageView, depth = Number.POSITIVE_INFINITY): ColumnTrace[] {
  if (!view.columns) return [];
  const out = new Map<string, string[]>();
  const inc = new Map<string, string[]>();
  for (const e of view.edges) {
    if (!isColumnEdge(e)) continue;
    (out.get(e.from) ?? out.set(e.from, []).get(e.from)!).push(e.to);
    (inc.get(e.to) ?? inc.set(e.to, []).get(e.to)!).push(e.from);
  }
  const reach = (start: string, next: Map<string, string[]>) => {
    const seen = new Set([start]);
    let frontier = [start];
    for (let d = 0; d < depth && frontier.length; d++) {
      const step: string[] = [];
      for (const id of frontier)
        for (const n of next.get(id) ?? []) {
          if (seen.has(n)) continue;
          seen.add(n);
          step.push(n);
        }
      frontier = step;
    }
    return seen;
  };
  return view.nodes
    .filter((n) => n.kind === 'column')
    .map((n) => pathOf(view, n.id, reach(n.id, inc), reach(n.id, out)));
}

/** Both ends of a column edge belong to datasets in the view. */
function datasetChosen(graph: LineageGraph, edge: LineageEdge, chosen: Set<string>): boolean {
  const a = graph.node(edge.from)?.parent;
  const b = graph.node(edge.to)?.parent;
  return a !== undefined && b !== undefined && chosen.has(a) && chosen.has(b);
}

/**
 * Breadth-first from `start`, following edges one way, at most `depth` edges. Containment is
 * transparent: a dataset is reached by its contract's edges (product ports name whole
 * contracts) and a contract by its datasets' edges.
 */
function walk(
  graph: LineageGraph,
  start: readonly string[],
  direction: 'up' | 'down',
  depth: number,
  columnLevel: boolean,
): Set<string> {
  const seen = new Set<string>(start);
  let frontier = [...start];
  for (let d = 0; d < depth && frontier.length; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      const node = graph.node(id);
      if (!node) continue;
      const via = [id];
      if (!columnLevel) {
        if (node.kind === 'dataset' && node.parent) via.push(node.parent);
        if (node.kind === 'contract')
          for (const child of graph.children(id)) if (graph.node(child)?.kind === 'dataset') via.push(child);
      }
      for (const from of via) {
        for (const edge of direction === 'down' ? graph.outgoing(from) : graph.incoming(from)) {
          if (isColumnEdge(edge) !== columnLevel) continue;
          const other = direction === 'down' ? edge.to : edge.from;
          if (seen.has(other)) continue;
          seen.add(other);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  return seen;
}

// ---- size -------------------------------------------------------------------------------------

export interface ViewSummary {
  nodes: number;
  edges: number;
  limit: number;
  byKind: Partial<Record<NodeKind, number>>;
  /** The most connected nodes (datasets, jobs, products), good places to focus on. */
  busiest: { id: string; label: string; degree: number }[];
}

/** Whether a view is too large to lay out, with what a person needs to narrow it. */
export function tooLargeToLayout(view: LineageView, limit = LAYOUT_LIMIT): ViewSummary | undefined {
  if (view.nodes.length <= limit) return undefined;
  return summarize(view, limit);
}

export function summarize(view: LineageView, limit = LAYOUT_LIMIT): ViewSummary {
  const degree = new Map<string, number>();
  for (const e of view.edges) {
    degree.set(e.from, (degree.get(e.from) ?? 0) + 1);
    degree.set(e.to, (degree.get(e.to) ?? 0) + 1);
  }
  const busiest = view.nodes
    .filter((n) => n.kind === 'dataset' || n.kind === 'job' || n.kind === 'product')
    .map((n) => ({ id: n.id, label: n.label, degree: degree.get(n.id) ?? 0 }))
    .sort((a, b) => b.degree - a.degree || (a.id < b.id ? -1 : 1))
    .slice(0, 5);
  return { nodes: view.nodes.length, edges: view.edges.length, limit, byKind: countByKind(view.nodes), busiest };
}

const KIND_WORDS: Record<NodeKind, [string, string]> = {
  contract: ['contract', 'contracts'],
  dataset: ['dataset', 'datasets'],
  column: ['column', 'columns'],
  product: ['data product', 'data products'],
  pipeline: ['pipeline', 'pipelines'],
  job: ['job', 'jobs'],
  external: ['external source', 'external sources'],
};

/** "12,345 nodes (3,000 datasets in 1,000 contracts, ...)": the first line of a summary. */
export function describeSummary(summary: ViewSummary): string {
  const parts = (Object.keys(KIND_WORDS) as NodeKind[])
    .filter((k) => summary.byKind[k])
    .map((k) => `${summary.byKind[k]!.toLocaleString('en-US')} ${KIND_WORDS[k][summary.byKind[k] === 1 ? 0 : 1]}`);
  return (
    `${summary.nodes.toLocaleString('en-US')} nodes and ${summary.edges.toLocaleString('en-US')} edges (${parts.join(', ')}), ` +
    `more than the ${summary.limit.toLocaleString('en-US')} nodes a drawing can show quickly.`
  );
}
