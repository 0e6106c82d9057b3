// What an editor shows of the lineage graph besides the drawing: the nodes a document declares
// (a code lens above each), which of them its open contracts' breaking findings touch, the view
// the panel asked for (depth, hidden kinds), its nodes' details and every message in words.
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { FindingData } from '../types';
import type { LineageGraph } from './graph';
import type { LineageEdge, LineageNode, SlaFact } from './model';
import { DEFAULT_DEPTH, type LineageView } from './view';

/** The nodes a document declares at its top: its contract, pipeline or data product. */
export function declaredBy(graph: LineageGraph, path: string): LineageNode[] {
  const contribution = graph.contribution(path);
  return (contribution?.nodes ?? []).filter(
    (n) => n.kind === 'contract' || n.kind === 'pipeline' || n.kind === 'product',
  );
}

/** What a "Show lineage" code lens offers: each node a document declares, where it is declared. */
export function lineageTargets(
  graph: LineageGraph,
  path: string,
): { id: string; kind: LineageNode['kind']; label: string; range: Range }[] {
  const out = [];
  for (const node of declaredBy(graph, path)) {
    const range = graph.range(node.id);
    if (range) out.push({ id: node.id, kind: node.kind, label: node.label, range });
  }
  return out;
}

/**
 * What a "Show column lineage" code lens offers: each column a document declares that a column
 * edge (a pipeline mapping, DCS lineage) reads or writes, with how many of each, where declared.
 * Columns no mapping touches get no lens: most of a contract's properties, in most workspaces.
 */
export function columnLineageTargets(
  graph: LineageGraph,
  path: string,
): { id: string; label: string; upstream: number; downstream: number; range: Range }[] {
  const out = [];
  for (const node of graph.nodesOfFile(path)) {
    if (node.kind !== 'column') continue;
    const upstream = graph.incoming(node.id).filter((e) => e.kind === 'column').length;
    const downstream = graph.outgoing(node.id).filter((e) => e.kind === 'column').length;
    if (!upstream && !downstream) continue;
    const range = graph.range(node.id);
    if (range) out.push({ id: node.id, label: node.label, upstream, downstream, range });
  }
  return out;
}

/**
 * The contracts whose breaking findings (errors and warnings; information is a compatible change)
 * the panel colours, and the consumers those findings name (`data.impact`), as node ids.
 */
export function breakingMarks(
  graph: LineageGraph,
  findings: Iterable<{ path: string; diagnostics: readonly Diagnostic[] }>,
): { changed: string[]; affected: string[] } | undefined {
  const changed = new Set<string>();
  const affected = new Set<string>();
  for (const { path, diagnostics } of findings) {
    const found = diagnostics.filter(
      (d) =>
        typeof d.code === 'string' &&
        d.code.startsWith('breaking/') &&
        (d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning),
    );
    if (!found.length) continue;
    for (const node of declaredBy(graph, path)) if (node.kind === 'contract') changed.add(node.id);
    for (const d of found)
      for (const i of (d.data as FindingData | undefined)?.impact ?? []) affected.add(`${i.kind}:${i.id}`);
  }
  return changed.size ? { changed: [...changed].sort(), affected: [...affected].sort() } : undefined;
}

/** What the lineage panel says instead of a drawing. */
export const LINEAGE_MESSAGES = {
  failed: (why: string) => `The lineage could not be drawn: ${why}`,
  notInWorkspace: 'This file is not part of a Pactline workspace: open a contract, pipeline or data product.',
  declaresNothing: 'This file declares no contract, pipeline or data product. Open one, or show the whole graph.',
  emptyWorkspace: 'No contract, pipeline or data product in this workspace yet: there is no lineage to draw.',
  allHidden: 'Every node of this view is of a hidden kind: show some kinds again.',
} as const;

/** How deep a view goes upstream or downstream: the default when not given, at most MAX_DEPTH. */
export const MAX_DEPTH = 20;
export function viewDepth(value: number | undefined): number {
  return value === undefined || !Number.isFinite(value)
    ? DEFAULT_DEPTH
    : Math.max(0, Math.min(MAX_DEPTH, Math.floor(value)));
}

/** "Orders (contract)": the focus as the panel names it. */
export function focusLabel(node: LineageNode): string {
  return `${node.label} (${node.kind})`;
}

/** Why a focus stands alone, when its view has no edge but its columns'. */
export function aloneNote(node: LineageNode, view: LineageView): string | undefined {
  if (view.edges.some((e) => e.kind !== 'column')) return undefined;
  switch (node.kind) {
    case 'contract':
      return 'No pipeline or product references this contract yet.';
    case 'pipeline':
      return 'This pipeline reads and writes no contract of the workspace yet.';
    case 'product':
      return 'The ports of this data product name no contract of the workspace yet.';
    default:
      return 'Nothing in the workspace reads or writes this yet.';
  }
}

/**
 * Leaves out nodes of hidden kinds. An edge of a hidden node is drawn to its nearest shown
 * container instead (a dataset's contract, a job's pipeline); edges that end nowhere, or that
 * become a loop, go.
 */
export function hideKinds(graph: LineageGraph, view: LineageView, hide: ReadonlySet<string>): LineageView {
  if (!hide.size) return view;
  const shown = new Map(view.nodes.filter((n) => !hide.has(n.kind)).map((n) => [n.id, n]));
  const standIn = (id: string): string | undefined => {
    let current: string | undefined = id;
    while (current !== undefined && !shown.has(current)) current = graph.node(current)?.parent;
    return current;
  };
  const seen = new Set<string>();
  const edges: LineageEdge[] = [];
  /** Old edge index → new one, for the trace of a column focus. */
  const moved = new Map<number, number>();
  view.edges.forEach((edge, index) => {
    const from = standIn(edge.from);
    const to = standIn(edge.to);
    if (from === undefined || to === undefined || from === to) return;
    const key = `${from}\u0000${to}\u0000${edge.kind}`;
    if (seen.has(key)) return;
    seen.add(key);
    moved.set(index, edges.length);
    edges.push(from === edge.from && to === edge.to ? edge : { ...edge, from, to });
  });
  const trace = view.trace && {
    ...view.trace,
    nodes: view.trace.nodes.filter((id) => shown.has(id)),
    edges: view.trace.edges.flatMap((i) => (moved.has(i) ? [moved.get(i)!] : [])),
  };
  return {
    ...view,
    nodes: [...shown.values()],
    edges,
    focus: view.focus !== undefined ? standIn(view.focus) : undefined,
    trace,
  };
}

function slaLine(sla: SlaFact): string {
  const value = typeof sla.value === 'object' ? JSON.stringify(sla.value) : String(sla.value);
  return `${sla.property}: ${value}${sla.unit ? ` ${sla.unit}` : ''}${sla.element ? ` on ${sla.element}` : ''}`;
}

/** A node as the panel lists it: its facts in words, a dataset's classification gathered from its columns. */
export function nodeDetails(graph: LineageGraph, node: LineageNode) {
  let classification = node.classification;
  if (classification === undefined && node.kind === 'dataset') {
    const found = new Set<string>();
    for (const child of graph.children(node.id)) {
      const c = graph.node(child)?.classification;
      if (c) found.add(c);
    }
    if (found.size) classification = [...found].sort().join(', ');
  }
  return {
    id: node.id,
    kind: node.kind,
    label: node.label,
    file: node.file,
    range: graph.range(node.id),
    parent: node.parent,
    owner: node.owner,
    version: node.version,
    status: node.status,
    sla: node.sla?.length ? node.sla.map(slaLine) : undefined,
    classification,
    description: node.description,
  };
}
