// What the lineage rules share: names without their kind prefix, lists for messages, whether a
// node is declared a source, the contract of a dataset.
import type { RawFinding } from '../../locate';
import { code } from '../../markdown';
import type { LineageGraph } from '../graph';
import type { LineageNode } from '../model';

/** Where a rule puts a finding: the file it belongs to. */
export type Add = (file: string, finding: RawFinding) => void;

export const bare = (id: string) => id.slice(id.indexOf(':') + 1);
export { code };

/** `a`, `a and b`, `a, b and c`, `a, b, c and 2 more`. */
export function list(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).map(code);
  const more = items.length > max ? [`${items.length - max} more`] : [];
  const all = [...shown, ...more];
  return all.length <= 1 ? all.join('') : `${all.slice(0, -1).join(', ')} and ${all[all.length - 1]}`;
}

/** Whether a dataset or contract (or the contract of a dataset) is declared a source. */
export function isSource(graph: LineageGraph, node: LineageNode | undefined): boolean {
  if (!node) return false;
  if (node.source) return true;
  return node.parent !== undefined && graph.node(node.parent)?.source === true;
}

/** The contract id of a dataset or contract node. */
export function contractOf(node: LineageNode): string | undefined {
  if (node.kind === 'contract') return bare(node.id);
  if (node.kind === 'dataset' && node.parent) return bare(node.parent);
  return undefined;
}
