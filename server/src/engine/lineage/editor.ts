// What an editor shows of the lineage graph besides the drawing: the nodes a document declares
// (a code lens above each), and which of them its open contracts' breaking findings touch.
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { FindingData } from '../types';
import type { LineageGraph } from './graph';
import type { LineageNode } from './model';

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
