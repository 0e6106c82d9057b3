// The one graph of datasets and steps: every pipeline step, the datasets it reads and writes, and
// who writes each dataset. The `ref/` rules find cycles and conflicting writers on it
// (workspaceRules.ts); the lineage graph takes its pipeline edges from the same resolved steps
// (lineage/extract.ts). Built from the workspace index's models, kept by the index until a
// contract or a pipeline changes.
//
// Pure engine code: no I/O.
import type { DatasetRefFact, PipelineFact, StepFact, StepOutputFact } from './model';
import type { DatasetResolution, WorkspaceIndex } from './workspace';

/** A dataset as the graph keys it: a contract's schema object (or the contract, when it cannot be told). */
export interface FlowDataset {
  key: string;
  label: string;
  /** For messages: "`orders` of contract `raw-orders`". */
  described: string;
}

/** A step's input or output with what it resolves to. */
export interface FlowEnd<R extends DatasetRefFact = DatasetRefFact> {
  ref: R;
  resolution: DatasetResolution;
  /** Undefined when it cannot be told (no contract, an ambiguous schema object). */
  dataset?: FlowDataset;
}

export interface FlowStep {
  pipeline: PipelineFact;
  step: StepFact;
  inputs: FlowEnd[];
  outputs: FlowEnd<StepOutputFact>[];
}

export interface Writer {
  pipeline: PipelineFact;
  step: StepFact;
  output: StepOutputFact;
}

export interface FlowEdge {
  to: number;
  /** Set on step → dataset edges. */
  writer?: Writer;
}

export type FlowNode =
  { type: 'dataset'; dataset: FlowDataset } | { type: 'step'; pipeline: PipelineFact; step: StepFact };

export interface Dataflow {
  /** Datasets and steps; `adjacency[n]` are the edges out of `nodes[n]` (dataset → step → dataset). */
  nodes: readonly FlowNode[];
  adjacency: readonly FlowEdge[][];
  /** The writers of each dataset, by key. */
  writers: ReadonlyMap<string, { dataset: FlowDataset; writers: Writer[] }>;
  /** The resolved steps of one pipeline, in order (resolved now if the graph does not hold it). */
  stepsOf(pipeline: PipelineFact): readonly FlowStep[];
}

/** The resolved steps of one pipeline. */
export function flowSteps(index: WorkspaceIndex, pipeline: PipelineFact): FlowStep[] {
  const end = <R extends DatasetRefFact>(ref: R): FlowEnd<R> => {
    const resolution = index.resolveDataset({ contract: ref.contract?.value, schema: ref.schema?.value });
    return { ref, resolution, dataset: datasetOf(ref, resolution) };
  };
  return pipeline.steps.map((step) => ({
    pipeline,
    step,
    inputs: step.inputs.map(end),
    outputs: step.outputs.map(end),
  }));
}

/** The graph of every pipeline the index holds, in path order (deterministic whatever the order of updates). */
export function buildDataflow(index: WorkspaceIndex): Dataflow {
  const nodes: FlowNode[] = [];
  const adjacency: FlowEdge[][] = [];
  const datasetNodes = new Map<string, number>();
  const writers = new Map<string, { dataset: FlowDataset; writers: Writer[] }>();
  const byPipeline = new Map<PipelineFact, FlowStep[]>();
  const node = (n: FlowNode) => {
    nodes.push(n);
    adjacency.push([]);
    return nodes.length - 1;
  };
  const datasetNode = (d: FlowDataset) => {
    let n = datasetNodes.get(d.key);
    if (n === undefined) datasetNodes.set(d.key, (n = node({ type: 'dataset', dataset: d })));
    return n;
  };
  for (const facts of index.allFacts()) {
    const pipeline = facts.pipeline;
    if (!pipeline) continue;
    const steps = flowSteps(index, pipeline);
    byPipeline.set(pipeline, steps);
    for (const { step, inputs, outputs } of steps) {
      const s = node({ type: 'step', pipeline, step });
      for (const input of inputs) if (input.dataset) adjacency[datasetNode(input.dataset)].push({ to: s });
      for (const { ref: output, dataset } of outputs) {
        if (!dataset) continue;
        const writer = { pipeline, step, output };
        adjacency[s].push({ to: datasetNode(dataset), writer });
        const entry = writers.get(dataset.key);
        if (entry) entry.writers.push(writer);
        else writers.set(dataset.key, { dataset, writers: [writer] });
      }
    }
  }
  return {
    nodes,
    adjacency,
    writers,
    stepsOf: (pipeline) => byPipeline.get(pipeline) ?? flowSteps(index, pipeline),
  };
}

/** The dataset a pipeline input/output names; undefined when it cannot be told (no contract, ambiguous). */
function datasetOf(ref: DatasetRefFact, resolution: DatasetResolution): FlowDataset | undefined {
  if (!ref.contract) return undefined;
  const contract = ref.contract.value;
  if (resolution.status === 'ambiguous') return undefined;
  const object = resolution.status === 'resolved' ? resolution.object.name : ref.schema?.value;
  if (object === undefined) return { key: contract, label: contract, described: `contract \`${contract}\`` };
  return {
    key: `${contract}\u0000${object}`,
    label: `${contract}.${object}`,
    described: `\`${object}\` of contract \`${contract}\``,
  };
}

/** Tarjan's algorithm, iterative (pipelines can be long): the component of each node. */
export function stronglyConnected(adjacency: readonly FlowEdge[][]): number[] {
  const n = adjacency.length;
  const order = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const component = new Array<number>(n).fill(-1);
  const stack: number[] = [];
  let counter = 0;
  let components = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length) {
      const top = work[work.length - 1];
      const v = top[0];
      if (top[1] < adjacency[v].length) {
        const w = adjacency[v][top[1]++].to;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          work.push([w, 0]);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v], order[w]);
        }
      } else {
        work.pop();
        if (work.length) {
          const u = work[work.length - 1][0];
          low[u] = Math.min(low[u], low[v]);
        }
        if (low[v] === order[v]) {
          let w: number;
          do {
            w = stack.pop()!;
            onStack[w] = false;
            component[w] = components;
          } while (w !== v);
          components++;
        }
      }
    }
  }
  return component;
}

/** The shortest cycle through `start` inside its component, as edges from `start` back to it. */
export function shortestCycle(
  adjacency: readonly FlowEdge[][],
  component: readonly number[],
  c: number,
  start: number,
): { from: number; edge: FlowEdge }[] | undefined {
  const previous = new Map<number, { from: number; edge: FlowEdge }>();
  const queue = [start];
  const seen = new Set([start]);
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (const edge of adjacency[v]) {
      if (component[edge.to] !== c) continue;
      if (edge.to === start) {
        const path = [{ from: v, edge }];
        for (let at = v; at !== start;) {
          const step = previous.get(at)!;
          path.unshift(step);
          at = step.from;
        }
        return path;
      }
      if (seen.has(edge.to)) continue;
      seen.add(edge.to);
      previous.set(edge.to, { from: v, edge });
      queue.push(edge.to);
    }
  }
  return undefined;
}
