// lineage/output-port-without-contract: an ODPS output port without `contractId`: its consumers
//   get no contract and lineage cannot follow it. (A pipeline output cannot lack its contract:
//   the pipeline schema requires `contract`, and `schema/required` reports it.)
import type { LineageNode } from '../model';
import { code, type Add } from './helpers';
import { lineageRule } from './unit';

function outputPortsWithoutContract(nodes: readonly LineageNode[], add: Add): void {
  for (const product of nodes) {
    if (product.kind !== 'product') continue;
    for (const port of product.ports ?? []) {
      if (port.direction !== 'output' || port.contractId !== undefined) continue;
      add(product.file, {
        rule: 'lineage/output-port-without-contract',
        message:
          `Output port ${port.name !== undefined ? `${code(port.name)} ` : ''}names no contract (\`contractId\`): its consumers get no guarantee, and lineage stops here. ` +
          "Add the id of the contract the port's data honours.",
        at: { path: port.path, target: 'mapping' },
      });
    }
  }
}

export const OUTPUT_PORT_WITHOUT_CONTRACT = lineageRule({
  id: 'lineage/output-port-without-contract',
  severity: 'warning',
  description: 'A data product output port names no contract (`contractId`).',
  check(graph, add, anchors) {
    outputPortsWithoutContract(anchors ?? graph.nodesOfKind('product'), add);
  },
});
