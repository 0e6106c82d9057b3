// The lineage graph's vocabulary: nodes, edges, their kinds and ids (README, "The lineage
// JSON"). Plain data only; the graph (graph.ts) builds them from the workspace index.
import type { DataPath } from '../workspace';

/**
 * - `contract`: an ODCS or DCS contract; it contains its datasets.
 * - `dataset`: an ODCS schema object or a DCS model, `dataset:<contract id>/<schema object>`.
 * - `column`: a property of a dataset (dotted for nested ones), `column:<contract id>/<schema object>/<property>`.
 * - `product`: an ODPS data product (its ports are on the node, its port edges go to contracts).
 * - `pipeline`: a Pactline pipeline; it contains its jobs.
 * - `job`: a pipeline step, `job:<pipeline id>/<step id>`.
 * - `external`: something a document names as a source that the workspace does not declare (an
 *   ODCS `transformSourceObjects` entry, a DCS `lineage` input), `external:<name as written>`.
 */
export type NodeKind = 'contract' | 'dataset' | 'column' | 'product' | 'pipeline' | 'job' | 'external';

/**
 * Every edge points the way data flows, upstream to downstream.
 * - `input`: dataset → job (a pipeline step input); `output`: job → dataset; `dead-letter`: job →
 *   dataset for an output marked `deadLetter: true`.
 * - `input-port`: contract → product (ODPS input port `contractId`); `output-port`: product → contract.
 * - `transform`: dataset → dataset, from an ODCS property's `transformSourceObjects`.
 * - `lineage`: dataset → dataset, from a DCS field's `lineage.inputFields` (one per source dataset).
 * - `relationship`: from the referenced column (or dataset) to the referencing one: the values of
 *   a foreign key come from the key it references.
 * - `column`: column → column, from a pipeline column mapping (`via` names the job) or a DCS field's `lineage`.
 */
export type EdgeKind =
  | 'input'
  | 'output'
  | 'dead-letter'
  | 'input-port'
  | 'output-port'
  | 'transform'
  | 'lineage'
  | 'relationship'
  | 'column';

/** A service-level promise as written (ODCS `slaProperties[]`, DCS `servicelevels`). */
export interface SlaFact {
  /** `latency`, `freshness`, `retention`, `frequency`, ... as written. */
  property: string;
  value: unknown;
  unit?: string;
  /** What it is measured on, `object.property` (comma-separated for several). */
  element?: string;
  /** Data path of the value (findings about the promise point there). */
  path: DataPath;
}

export interface ScheduleFact {
  cron?: string;
  timezone?: string;
  streaming?: boolean;
  maxLatency?: string;
  /** Data path of `schedule`. */
  path: DataPath;
}

export interface PortInfo {
  direction: 'input' | 'output';
  name?: string;
  contractId?: string;
  path: DataPath;
}

export interface LineageNode {
  /** `<kind>:<id>`, see NodeKind. */
  id: string;
  kind: NodeKind;
  /** For a person: the document's name, else its id. */
  label: string;
  /** The node that contains this one: dataset → contract, column → dataset, job → pipeline. */
  parent?: string;
  /** The file that declares the node (as the workspace index knows it). */
  file: string;
  /** Where in `file` the node is declared; `LineageGraph.range(id)` turns it into a range. */
  at: { path: DataPath; target: 'key' | 'value' | 'mapping' };
  owner?: string;
  version?: string;
  status?: string;
  description?: string;
  tags?: readonly string[];
  /** Promises that apply to the node (a dataset gets its contract's promises that concern it). */
  sla?: readonly SlaFact[];
  /** Columns: the classification as written (`restricted`, `confidential`, ...). */
  classification?: string;
  /** Columns: classified or tagged as personal data (see `isPersonal`). */
  personal?: boolean;
  /** Columns: ODCS `logicalType`, DCS `type`. */
  logicalType?: string;
  /** Columns with a classification: where it is written. */
  classificationAt?: DataPath;
  /** Columns: ODCS `physicalType`. */
  physicalType?: string;
  /** Datasets: ODCS `physicalName`. */
  physicalName?: string;
  /** Contracts and datasets: declared as a source (see `declaresSource` in ../model/read.ts). */
  source?: boolean;
  /** Contracts: the standard. */
  format?: 'odcs' | 'dcs';
  /** Pipelines and jobs: when they run. */
  schedule?: ScheduleFact;
  /** Jobs: the engine running the step. */
  runtime?: string;
  /** Products: their ports. */
  ports?: readonly PortInfo[];
}

export interface EdgeTransformation {
  type: string;
  subtype?: string;
  masking?: boolean;
}

export interface LineageEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** The file whose declaration gives the edge, and where in it. */
  file: string;
  path: DataPath;
  /** Column edges of a pipeline mapping: the job they go through. */
  via?: string;
  /**
   * Column edges: the value is copied unchanged (a mapping `col: alias.col` of one source with the
   * same name, or a DCS `IDENTITY` transformation) rather than computed from its sources.
   */
  identity?: boolean;
  /** Column edges from DCS lineage: the transformations as declared. */
  transformations?: readonly EdgeTransformation[];
}

// ---- ids ----------------------------------------------------------------------------------------

export const contractNodeId = (contractId: string) => `contract:${contractId}`;
export const datasetNodeId = (contractId: string, object: string) => `dataset:${contractId}/${object}`;
export const columnNodeId = (contractId: string, object: string, property: string) =>
  `column:${contractId}/${object}/${property}`;
export const productNodeId = (productId: string) => `product:${productId}`;
export const pipelineNodeId = (pipelineId: string) => `pipeline:${pipelineId}`;
export const jobNodeId = (pipelineId: string, stepId: string) => `job:${pipelineId}/${stepId}`;
export const externalNodeId = (name: string) => `external:${name}`;

/** The kind part of a node id. */
export function kindOfId(id: string): NodeKind | undefined {
  const kind = id.slice(0, id.indexOf(':'));
  return (['contract', 'dataset', 'column', 'product', 'pipeline', 'job', 'external'] as const).find((k) => k === kind);
}

/** Column edges join two columns; every other edge joins datasets, jobs, contracts, products. */
export function isColumnEdge(edge: LineageEdge): boolean {
  return edge.from.startsWith('column:') || edge.to.startsWith('column:');
}

/** Classifications that mean personal data (compared in lower case). */
export const PERSONAL_CLASSIFICATIONS: ReadonlySet<string> = new Set([
  'restricted',
  'confidential',
  'pii',
  'sensitive',
  'secret',
]);

/**
 * Personal data: classified `restricted`, `confidential`, `pii`, `sensitive` or `secret`, tagged
 * `pii`, or (DCS) `pii: true`.
 */
export function isPersonal(
  classification: string | undefined,
  tags: readonly string[] | undefined,
  pii?: boolean,
): boolean {
  if (pii === true) return true;
  if (classification !== undefined && PERSONAL_CLASSIFICATIONS.has(classification.toLowerCase())) return true;
  return (tags ?? []).some((t) => t.toLowerCase() === 'pii');
}
