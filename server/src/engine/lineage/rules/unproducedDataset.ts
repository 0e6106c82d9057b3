// lineage/unproduced-dataset: a dataset read by a pipeline step (or a contract read by a product
//   input port) that nothing in the workspace produces (no pipeline output, no product output
//   port, no declared derivation: ODCS `transformSourceObjects`, DCS `lineage`) and that is not
//   declared a SOURCE. Reported at the schema object's name (or the contract's id).
//   A contract declares itself (or one schema object) a source with a tag `source` or `raw`, or a
//   custom property `source: true`: data that enters the workspace from outside.
import type { LineageGraph } from '../graph';
import type { LineageEdge, LineageNode } from '../model';
import { bare, code, isSource, list, type Add } from './helpers';
import { lineageRule } from './unit';

const PRODUCED_BY: ReadonlySet<LineageEdge['kind']> = new Set(['output', 'dead-letter', 'transform', 'lineage']);

function unproducedDatasets(graph: LineageGraph, nodes: readonly LineageNode[], add: Add): void {
  const contractProduced = (contractId: string) => graph.incoming(contractId).some((e) => e.kind === 'output-port');
  const produced = (dataset: LineageNode) =>
    graph.incoming(dataset.id).some((e) => PRODUCED_BY.has(e.kind)) ||
    (dataset.parent !== undefined && contractProduced(dataset.parent));
  const SOURCE_HINT =
    "If the data comes from outside the workspace (a producer's topic, a CDC stream, a vendor file), declare it a source: " +
    '`tags: [source]` (or `raw`) on the contract, or a custom property `source: true`.';
  for (const contract of nodes) {
    if (contract.kind !== 'contract') continue;
    const datasets = graph
      .children(contract.id)
      .map((id) => graph.node(id)!)
      .filter((n) => n.kind === 'dataset');
    let reported = false;
    for (const dataset of datasets) {
      if (isSource(graph, dataset) || produced(dataset)) continue;
      const readers = graph
        .outgoing(dataset.id)
        .filter((e) => e.kind === 'input')
        .map((e) => bare(e.to));
      if (!readers.length) continue;
      reported = true;
      add(dataset.file, {
        rule: 'lineage/unproduced-dataset',
        message:
          `${code(dataset.label)} is read by ${readers.length === 1 ? 'step' : 'steps'} ${list(readers)}, but nothing in the workspace writes it ` +
          `(no pipeline output, no product output port, no declared derivation). ${SOURCE_HINT}`,
        at: dataset.at,
      });
    }
    if (reported || contract.source || datasets.some((d) => isSource(graph, d) || produced(d))) continue;
    const products = graph
      .outgoing(contract.id)
      .filter((e) => e.kind === 'input-port')
      .map((e) => bare(e.to));
    if (!products.length) continue;
    add(contract.file, {
      rule: 'lineage/unproduced-dataset',
      message:
        `Contract ${code(bare(contract.id))} is an input port of ${products.length === 1 ? 'data product' : 'data products'} ${list(products)}, ` +
        `but nothing in the workspace writes its data (no pipeline output, no product output port, no declared derivation). ${SOURCE_HINT}`,
      at: contract.at,
    });
  }
}

export const UNPRODUCED_DATASET = lineageRule({
  id: 'lineage/unproduced-dataset',
  severity: 'warning',
  description:
    'A dataset is read but nothing in the workspace writes it, and its contract does not declare it a source (`tags: [source]` or `[raw]`, or a custom property `source: true`).',
  check(graph, add, anchors) {
    unproducedDatasets(graph, anchors ?? graph.nodesOfKind('contract'), add);
  },
});
