// lineage/missing-dead-letter: a VALIDATION STEP, in a streaming pipeline (`schedule.streaming:
//   true`), is a step that reads at least one SOURCE dataset and writes at least one dataset of a
//   contract it does not read. It must have an output marked `deadLetter: true`: without one,
//   records that break the contract are dropped or passed on. (Steps that only move validated
//   data, such as an archive sink, are not validation steps.) Reported at the step's `id`.
import type { LineageGraph } from '../graph';
import type { LineageNode } from '../model';
import { bare, code, contractOf, isSource, list, type Add } from './helpers';
import { lineageRule } from './unit';

function missingDeadLetter(graph: LineageGraph, nodes: readonly LineageNode[], add: Add): void {
  for (const job of nodes) {
    if (job.kind !== 'job' || !job.schedule?.streaming) continue;
    const inputs = graph
      .incoming(job.id)
      .filter((e) => e.kind === 'input')
      .map((e) => graph.node(e.from)!);
    const sources = inputs.filter((n) => isSource(graph, n));
    if (!sources.length) continue;
    const read = new Set(inputs.map(contractOf));
    const written = graph
      .outgoing(job.id)
      .filter((e) => e.kind === 'output')
      .map((e) => graph.node(e.to)!)
      .filter((n) => !read.has(contractOf(n)));
    if (!written.length) continue;
    // The facts, not the graph: a dead-letter output naming an unknown contract is still one (ref/ reports the contract).
    const stepId = job.id.slice(job.id.lastIndexOf('/') + 1);
    const step = graph.index.facts(job.file)?.pipeline?.steps.find((s) => s.id === stepId);
    if (!step || step.outputs.some((o) => o.deadLetter)) continue;
    add(job.file, {
      rule: 'lineage/missing-dead-letter',
      message:
        `Step ${code(stepId)} validates ${list(sources.map((s) => bare(s.id)))} into ${list(written.map((w) => bare(w.id)))} in a streaming pipeline, ` +
        'but has no dead-letter output: records that break the contract are dropped or passed on. ' +
        'Add an output marked `deadLetter: true` (for example the shared dead-letter topic).',
      at: job.at,
    });
  }
}

export const MISSING_DEAD_LETTER = lineageRule({
  id: 'lineage/missing-dead-letter',
  severity: 'warning',
  description:
    'A validation step (streaming, reads a source dataset, writes another contract) has no `deadLetter: true` output.',
  check(graph, add, anchors) {
    missingDeadLetter(graph, anchors ?? graph.nodesOfKind('job'), add);
  },
});
