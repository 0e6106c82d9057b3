// lineage/unreachable-freshness: a dataset's freshness promise (ODCS `slaProperties` `latency` or
//   `freshness` with a value and unit; DCS `servicelevels.freshness`/`latency` threshold) that is
//   tighter than what its writers can deliver: a step on a cron schedule leaves data as old as
//   the longest gap between two runs (a daily cron cannot keep data 1 h fresh), a streaming step
//   as old as its `maxLatency`, and no step makes data fresher than its inputs' own promises.
//   Only what is certainly impossible is reported: the bound is the largest of these, not their
//   sum. A latency measured on an element that is not a time (`customer_key`) is a response time,
//   not freshness, and is not checked. Reported at the promise's `value`.
import { elementObjects } from '../extract';
import type { LineageGraph } from '../graph';
import { columnNodeId, type LineageNode, type SlaFact } from '../model';
import { cronMaxGap, durationOf, formatDuration, parseDuration } from '../time';
import { bare, code, type Add } from './helpers';
import { lineageRule } from './unit';

const TEMPORAL_TYPE = /date|time/i;
const TEMPORAL_NAME = /(^|_)(ts|at|time|date|timestamp|datetime)(_ms|_us|_ns)?$|_(ts|at)_/i;

interface Promise_ {
  sla: SlaFact;
  ms: number;
}

/** Whether a promise's element is a time (or unknown): a latency on `customer_key` is a response time. */
function measuresTime(graph: LineageGraph, contractId: string, element: string | undefined): boolean {
  if (element === undefined || !element.trim()) return true;
  let known = 0;
  for (const part of element.split(',')) {
    const [object, ...rest] = part.trim().split('.');
    if (!object || !rest.length) return true;
    const column = graph.node(columnNodeId(contractId, object, rest.join('.')));
    if (!column) continue;
    known++;
    if (
      TEMPORAL_TYPE.test(column.logicalType ?? '') ||
      TEMPORAL_TYPE.test(column.physicalType ?? '') ||
      TEMPORAL_NAME.test(column.label)
    )
      return true;
  }
  return known === 0;
}

/** A dataset's freshness promises (latency, freshness) that can be read as durations. */
function freshnessPromises(graph: LineageGraph, dataset: LineageNode): Promise_[] {
  const contractId = dataset.parent ? bare(dataset.parent) : undefined;
  if (contractId === undefined) return [];
  const out: Promise_[] = [];
  for (const sla of dataset.sla ?? []) {
    if (!/^(latency|freshness)$/i.test(sla.property)) continue;
    const ms = durationOf(sla.value, sla.unit);
    if (ms === undefined || ms <= 0) continue;
    if (!measuresTime(graph, contractId, sla.element)) continue;
    out.push({ sla, ms });
  }
  return out;
}

interface Bound {
  ms: number;
  reason: string;
}

/**
 * The freshest a dataset can be kept: per writer, the largest of its schedule's gap (or
 * `maxLatency`) and its inputs' promises; over several writers, the best of them (any writer
 * refreshes the data). Undefined when no writer has a known bound.
 */
function deliverable(graph: LineageGraph, dataset: LineageNode): Bound | undefined {
  let best: Bound | undefined;
  for (const edge of graph.incoming(dataset.id)) {
    if (edge.kind !== 'output' && edge.kind !== 'dead-letter') continue;
    const job = graph.node(edge.from);
    if (!job || job.kind !== 'job') continue;
    const pipeline = job.parent ? bare(job.parent) : '?';
    const step = job.id.slice(job.id.lastIndexOf('/') + 1);
    const who = `step ${code(step)} of pipeline ${code(pipeline)}`;
    const bounds: Bound[] = [];
    const schedule = job.schedule;
    if (schedule?.cron !== undefined) {
      const gap = cronMaxGap(schedule.cron);
      if (gap !== undefined)
        bounds.push({
          ms: gap,
          reason: `${who} runs on \`${schedule.cron}\`, at most every ${formatDuration(gap)}, so the data can be that old just before a run`,
        });
    } else if (schedule?.streaming && schedule.maxLatency !== undefined) {
      const latency = parseDuration(schedule.maxLatency);
      if (latency !== undefined)
        bounds.push({
          ms: latency,
          reason: `${who} promises records within ${formatDuration(latency)} (\`maxLatency\`)`,
        });
    }
    for (const input of graph.incoming(job.id)) {
      if (input.kind !== 'input') continue;
      const upstream = graph.node(input.from);
      if (!upstream || upstream.kind !== 'dataset') continue;
      const promises = freshnessPromises(graph, upstream);
      if (!promises.length) continue;
      const best = Math.min(...promises.map((p) => p.ms));
      bounds.push({
        ms: best,
        reason: `${who} reads ${code(bare(upstream.id))}, whose own contract promises only ${formatDuration(best)}`,
      });
    }
    let worst: Bound | undefined;
    for (const b of bounds) if (!worst || b.ms > worst.ms) worst = b;
    if (!worst) return undefined; // a writer with no known bound could keep the data fresh
    if (!best || worst.ms < best.ms) best = worst;
  }
  return best;
}

function unreachableFreshness(graph: LineageGraph, nodes: readonly LineageNode[], add: Add): void {
  // Per promise (a contract-wide one applies to each of its datasets): the dataset it fails worst on.
  const failures = new Map<SlaFact, { file: string; dataset: LineageNode; promise: Promise_; bound: Bound }>();
  for (const dataset of nodes) {
    if (dataset.kind !== 'dataset') continue;
    const promises = freshnessPromises(graph, dataset);
    if (!promises.length) continue;
    const bound = deliverable(graph, dataset);
    if (!bound) continue;
    for (const promise of promises) {
      if (promise.ms >= bound.ms) continue;
      const known = failures.get(promise.sla);
      if (!known || bound.ms > known.bound.ms)
        failures.set(promise.sla, { file: dataset.file, dataset, promise, bound });
    }
  }
  for (const { file, dataset, promise, bound } of failures.values()) {
    const objects = elementObjects(promise.sla.element);
    const what = objects
      ? code(dataset.label)
      : `${code(dataset.label)} (the promise names no element, so it applies to every schema object)`;
    add(file, {
      rule: 'lineage/unreachable-freshness',
      message:
        `This promises ${promise.sla.property} of ${formatDuration(promise.ms)} for ${what}, but ${bound.reason}: ` +
        `${formatDuration(bound.ms)} at best. Loosen the promise, or make the pipeline run more often.`,
      at: { path: promise.sla.path, target: 'value' },
    });
  }
}

export const UNREACHABLE_FRESHNESS = lineageRule({
  id: 'lineage/unreachable-freshness',
  severity: 'warning',
  description:
    "A freshness promise (SLA `latency`/`freshness`) is tighter than the writing pipeline's schedule or its inputs' own promises can deliver (a daily cron cannot keep data 1 h fresh).",
  check(graph, add, anchors) {
    unreachableFreshness(graph, anchors ?? graph.nodesOfKind('dataset'), add);
  },
});
