// The graph rules (family `lineage/`), run over the whole lineage graph or the nodes of one file,
// and handed out per file. Findings are placed by data path, like every other rule. Each rule is a
// unit in ./rules/ (its id, severity, one-line doc, and a comment saying exactly what it checks);
// this file keeps the graph in step with the index and runs the units' checks in order.
import type { RawFinding } from '../locate';
import type { WorkspaceIndex } from '../workspace';
import { LineageGraph, type DocumentLookup } from './graph';
import type { Add } from './rules/helpers';
import { LINEAGE_RULES } from './rules/index';

export type { LineageRuleId } from './rules/index';

// ---- entry points -----------------------------------------------------------------------------

/** Per graph: the findings of the files asked for so far, valid for one version of the graph. */
const findingsCache = new WeakMap<LineageGraph, { version: number; byFile: Map<string, RawFinding[]> }>();
/** What lists the files (the language service's documents): only its keys are read. */
type Documents = { keys(): Iterable<string> };

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
    entry = { graph: new LineageGraph(index), documents, synced: -1 };
    graphs.set(index, entry);
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
 * is brought up to date first (`documents`: the parsed documents by path, as for `lineageGraphFor`).
 */
export function lineageFindingsFor(
  source: LineageGraph | WorkspaceIndex,
  path: string,
  documents?: Documents | DocumentLookup,
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
  for (const rule of LINEAGE_RULES) rule.check(graph, add, anchors);
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
  for (const rule of LINEAGE_RULES) rule.check(graph, add);
  return out;
}
