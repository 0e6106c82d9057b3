// lineage/unclassified-personal-data: a column classified as personal data upstream (ODCS
//   `classification` restricted/confidential/pii/sensitive/secret, `tags: [pii]`, DCS `pii: true`)
//   that is COPIED unchanged into a downstream column (a pipeline mapping `col: alias.col` from one
//   source column of the same name; a DCS `lineage` input marked IDENTITY) which is not classified
//   as personal data. Renamed or computed columns (a hash, a country from an IP address) are
//   transformations whose classification is the downstream owner's decision. Reported at the
//   downstream column's `classification` (or its name).

import type { LineageGraph } from '../graph';
import type { LineageEdge, LineageNode } from '../model';
import { bare, code, type Add } from './helpers';
import { lineageRule } from './unit';

/** With `targets`, only copies into those columns (their incoming edges are in the graph's edge order). */
function unclassifiedPersonalData(graph: LineageGraph, add: Add, targets?: readonly LineageNode[]): void {
  const byTarget = new Map<string, LineageEdge[]>();
  const consider = (edge: LineageEdge) => {
    if (edge.kind !== 'column' || !edge.identity) return;
    const from = graph.node(edge.from);
    const to = graph.node(edge.to);
    if (!from?.personal || !to || to.personal) return;
    const list = byTarget.get(to.id);
    if (list) list.push(edge);
    else byTarget.set(to.id, [edge]);
  };
  if (targets) {
    for (const to of targets) if (to.kind === 'column' && !to.personal) graph.incoming(to.id).forEach(consider);
  } else {
    graph.edges().forEach(consider);
  }
  for (const [target, edges] of byTarget) {
    const to = graph.node(target)!;
    const edge = edges[0];
    const from = graph.node(edge.from)!;
    const dataset = from.parent ? bare(from.parent) : '?';
    const upstream =
      [
        from.classification !== undefined ? `classified \`${from.classification}\`` : '',
        from.tags?.some((t) => t.toLowerCase() === 'pii') ? 'tagged `pii`' : '',
      ]
        .filter(Boolean)
        .join(', ') || 'marked `pii: true`';
    const how = edge.via ? `by step ${code(bare(edge.via))}` : 'as its `lineage` declares (an identity transformation)';
    const here =
      to.classification !== undefined ? `is classified \`${to.classification}\` here` : 'has no classification here';
    const others =
      edges.length > 1 ? ` (and ${edges.length - 1} more cop${edges.length === 2 ? 'y' : 'ies'} of personal data)` : '';
    add(to.file, {
      rule: 'lineage/unclassified-personal-data',
      message:
        `${code(to.label)} is copied unchanged from ${code(from.label)} of ${code(dataset)} (${upstream}) ${how}${others}, but ${here}: ` +
        'consumers of this contract will treat personal data as if it were not. Classify it as personal data too (for example `classification: restricted`), or mask it on the way.',
      at:
        to.classification !== undefined && to.classificationAt ? { path: to.classificationAt, target: 'value' } : to.at,
    });
  }
}

export const UNCLASSIFIED_PERSONAL_DATA = lineageRule({
  id: 'lineage/unclassified-personal-data',
  severity: 'error',
  description:
    'A column classified as personal data upstream is copied unchanged into a column that is not classified as personal data.',
  check(graph, add, anchors) {
    unclassifiedPersonalData(graph, add, anchors);
  },
});
