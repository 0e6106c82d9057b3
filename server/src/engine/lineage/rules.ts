// The graph rules (family `lineage/`), run over the whole lineage graph once per change and
// handed out per file. Findings are placed by data path, like every other rule.
//
// lineage/missing-dead-letter: a VALIDATION STEP, in a streaming pipeline (`schedule.streaming:
//   true`), is a step that reads at least one SOURCE dataset and writes at least one dataset of a
//   contract it does not read. It must have an output marked `deadLetter: true`: without one,
//   records that break the contract are dropped or passed on. (Steps that only move validated
//   data, such as an archive sink, are not validation steps.) Reported at the step's `id`.
// lineage/unproduced-dataset: a dataset read by a pipeline step (or a contract read by a product
//   input port) that nothing in the workspace produces (no pipeline output, no product output
//   port, no declared derivation: ODCS `transformSourceObjects`, DCS `lineage`) and that is not
//   declared a SOURCE. Reported at the schema object's name (or the contract's id).
//   A contract declares itself (or one schema object) a source with a tag `source` or `raw`, or a
//   custom property `source: true`: data that enters the workspace from outside.
// lineage/output-port-without-contract: an ODPS output port without `contractId`: its consumers
//   get no contract and lineage cannot follow it. (A pipeline output cannot lack its contract:
//   the pipeline schema requires `contract`, and `schema/required` reports it.)
// lineage/unreachable-freshness: a dataset's freshness promise (ODCS `slaProperties` `latency` or
//   `freshness` with a value and unit; DCS `servicelevels.freshness`/`latency` threshold) that is
//   tighter than what its writers can deliver: a step on a cron schedule leaves data as old as
//   the longest gap between two runs (a daily cron cannot keep data 1 h fresh), a streaming step
//   as old as its `maxLatency`, and no step makes data fresher than its inputs' own promises.
//   Only what is certainly impossible is reported: the bound is the largest of these, not their
//   sum. A latency measured on an element that is not a time (`customer_key`) is a response time,
//   not freshness, and is not checked. Reported at the promise's `value`.
// lineage/unclassified-personal-data: a column classified as personal data upstream (ODCS
//   `classification` restricted/confidential/pii/sensitive/secret, `tags: [pii]`, DCS `pii: true`)
//   that is COPIED unchanged into a downstream column (a pipeline mapping `col: alias.col` from one
//   source column of the same name; a DCS `lineage` input marked IDENTITY) which is not classified
//   as personal data. Renamed or computed columns (a hash, a country from an IP address) are
//   transformations whose classification is the downstream owner's decision. Reported at the
//   downstream column's `classification` (or its name).
import type { RawFinding } from '../locate';
import type { WorkspaceIndex } from '../workspace';
import { LineageGraph, type DocumentLookup } from './graph';
import { elementObjects } from './extract';
import { columnNodeId, type LineageEdge, type LineageNode, type SlaFact } from './model';
import { cronMaxGap, durationOf, formatDuration, parseDuration } from './time';

export type LineageRuleId =
  | 'lineage/missing-dead-letter'
  | 'lineage/unproduced-dataset'
  | 'lineage/output-port-without-contract'
  | 'lineage/unreachable-freshness'
  | 'lineage/unclassified-personal-data';

// ---- entry points -----------------------------------------------------------------------------

/** Per graph: the findings of the files asked for so far, valid for one version of the graph. */
const findingsCache = new WeakMap<LineageGraph, { version: number; byFile: Map<string, RawFinding[]> }>();
type Documents = ReadonlyMap<string, { readonly value: unknown }>;

interface Kept {
  graph: LineageGraph;
  documents?: Documents | DocumentLookup;
  /** The index's revision when the graph was last brought up to date (-1: never). */
  synced: number;
}

const graphs = new WeakMap<WorkspaceIndex, Kept>();

/**
 * The lineage graph kept for an index (built on first use, then kept in step with it). The graph
 * follows the index's facts, which change only through `update` and `remove`, so "nothing changed"
 * is one comparison of the index's revision (a per-file caller such as `LanguageService.diagnose`
 * asks once per file: anything per document here would make linting a workspace quadratic).
 * With the documents as a map (the language service's), only its paths are looked at for additions;
 * otherwise the index is listed.
 */
export function lineageGraphFor(index: WorkspaceIndex, documents?: Documents | DocumentLookup): LineageGraph {
  let entry = graphs.get(index);
  if (!entry) {
    const kept: Kept = { graph: undefined as unknown as LineageGraph, documents, synced: -1 };
    kept.graph = new LineageGraph(index, (path) => {
      const docs = kept.documents;
      return typeof docs === 'function' ? docs(path) : docs?.get(path);
    });
    graphs.set(index, (entry = kept));
  }
  if (documents !== undefined) entry.documents = documents;
  const revision = index.revision;
  if (entry.synced === revision) return entry.graph;
  const docs = entry.documents;
  entry.graph.sync(docs === undefined || typeof docs === 'function' ? undefined : docs.keys());
  entry.synced = revision;
  return entry.graph;
}

/**
 * The `lineage/` findings of one file, placed by data path. With an index, the graph kept for it
 * is brought up to date first (`documents`: the parsed documents by path, for the metadata the
 * index does not hold; the language service passes its own map).
 */
export function lineageFindingsFor(
  source: LineageGraph | WorkspaceIndex,
  path: string,
  documents?: ReadonlyMap<string, { readonly value: unknown }> | DocumentLookup,
): RawFinding[] {
  const graph = source instanceof LineageGraph ? source : lineageGraphFor(source, documents);
  let cached = findingsCache.get(graph);
  if (!cached || cached.version !== graph.version) {
    cached = { version: graph.version, byFile: new Map() };
    findingsCache.set(graph, cached);
  }
  let found = cached.byFile.get(path);
  if (!found) cached.byFile.set(path, (found = lineageFindingsOfFile(graph, path)));
  return [...found];
}

/**
 * The `lineage/` findings of one file, computed from that file's own nodes only: every rule is
 * anchored at a node and reports in the anchor's file (a job for dead letters, a contract and its
 * datasets for unproduced data and freshness, a product for its ports, a downstream column for
 * personal data), and reads only the graph around its anchor. So an edit costs the rules of the
 * files asked for, not of the whole graph; `lineageFindings(graph).get(path)` gives the same findings
 * (test/lineage/incremental.test.ts checks it over random edits).
 */
export function lineageFindingsOfFile(graph: LineageGraph, path: string): RawFinding[] {
  const anchors = graph.nodesOfFile(path);
  if (!anchors.length) return [];
  const out: RawFinding[] = [];
  const add: Add = (file, finding) => {
    if (file === path) out.push(finding);
  };
  missingDeadLetter(graph, anchors, add);
  unproducedDatasets(graph, anchors, add);
  outputPortsWithoutContract(anchors, add);
  unreachableFreshness(graph, anchors, add);
  unclassifiedPersonalData(graph, add, anchors);
  return out;
}

/** Every `lineage/` finding of the graph, by file. */
export function lineageFindings(graph: LineageGraph): Map<string, RawFinding[]> {
  const out = new Map<string, RawFinding[]>();
  const add = (file: string, finding: RawFinding) => {
    const list = out.get(file);
    if (list) list.push(finding);
    else out.set(file, [finding]);
  };
  missingDeadLetter(graph, graph.nodesOfKind('job'), add);
  unproducedDatasets(graph, graph.nodesOfKind('contract'), add);
  outputPortsWithoutContract(graph.nodesOfKind('product'), add);
  unreachableFreshness(graph, graph.nodesOfKind('dataset'), add);
  unclassifiedPersonalData(graph, add);
  return out;
}

type Add = (file: string, finding: RawFinding) => void;

const bare = (id: string) => id.slice(id.indexOf(':') + 1);
const code = (s: string) => `\`${s}\``;

function list(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).map(code);
  const more = items.length > max ? [`${items.length - max} more`] : [];
  const all = [...shown, ...more];
  return all.length <= 1 ? all.join('') : `${all.slice(0, -1).join(', ')} and ${all[all.length - 1]}`;
}

function isSource(graph: LineageGraph, node: LineageNode | undefined): boolean {
  if (!node) return false;
  if (node.source) return true;
  return node.parent !== undefined && graph.node(node.parent)?.source === true;
}

/** The contract id of a dataset or contract node. */
function contractOf(node: LineageNode): string | undefined {
  if (node.kind === 'contract') return bare(node.id);
  if (node.kind === 'dataset' && node.parent) return bare(node.parent);
  return undefined;
}

// ---- lineage/missing-dead-letter --------------------------------------------------------------

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

// ---- lineage/unproduced-dataset ----------------------------------------------------------------

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

// ---- lineage/output-port-without-contract -------------------------------------------------------

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

// ---- lineage/unreachable-freshness --------------------------------------------------------------

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

// ---- lineage/unclassified-personal-data ---------------------------------------------------------

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
