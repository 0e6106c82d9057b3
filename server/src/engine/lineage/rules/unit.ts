// A lineage rule as a small unit: its id, default severity and one-line doc (engine/rules.ts and
// the README table read them from here), and its check over the lineage graph: all of it, or the
// nodes of one file (every rule reports at an anchor node, in the anchor's file). ../rules.ts runs
// the checks of ./index.ts in order.
import type { Severity } from '../../types';
import type { LineageGraph } from '../graph';
import type { LineageNode } from '../model';
import type { Add } from './helpers';

export interface LineageRuleUnit<Id extends `lineage/${string}` = `lineage/${string}`> {
  readonly id: Id;
  readonly severity: Severity;
  /** One line: what it finds. */
  readonly description: string;
  /** Over the whole graph, or only the rule's anchors among `anchors` (the nodes of one file). */
  check(graph: LineageGraph, add: Add, anchors?: readonly LineageNode[]): void;
}

/** A unit, its id kept as a literal type. */
export function lineageRule<const Id extends `lineage/${string}`>(unit: LineageRuleUnit<Id>): LineageRuleUnit<Id> {
  return unit;
}
