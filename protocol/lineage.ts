// The lineage messages between the language server and a client (the VS Code lineage panel, or any
// other editor): types and message signatures only, so the client and the webview import no
// server code. The server builds the graph, chooses the view and lays it out; the client shows it.
import { RequestType } from 'vscode-jsonrpc';
import type { Range } from 'vscode-languageserver-types';

export type LineageNodeKind = 'contract' | 'dataset' | 'column' | 'product' | 'pipeline' | 'job' | 'external';

export const LINEAGE_NODE_KINDS: readonly LineageNodeKind[] = [
  'contract',
  'dataset',
  'column',
  'product',
  'pipeline',
  'job',
  'external',
];

export interface LineageParams {
  /**
   * The document the view follows (the active editor): the contract, pipeline or data product it
   * declares is the focus. Ignored when `focus` is given.
   */
  textDocument?: { uri: string };
  /** What to focus on: a node id or what a person types (a contract id, `contract.object`, `pipeline/step`, ...). */
  focus?: string;
  /** Neither `focus` nor `textDocument`: the whole graph (of the folder of `folderUri`, or the first folder). */
  folderUri?: string;
  /** How many edges upstream / downstream of the focus (default 2 each). */
  upstream?: number;
  downstream?: number;
  /** Column nodes and column-level edges where they are declared. */
  columns?: boolean;
  /** Column view: datasets whose every column is a row (not only those on a column edge). */
  expand?: string[];
  /**
   * Node kinds not drawn: a hidden node's edges are drawn to its nearest shown container (hide
   * `dataset` for a contract-level picture, `job` for a pipeline-level one); without one they go.
   */
  hide?: LineageNodeKind[];
  /** Most nodes laid out (default 1,500, as the CLI); a larger view is summarised instead. */
  limit?: number;
}

/** What a person sees when hovering a node, and where clicking it goes. */
export interface LineageNodeInfo {
  id: string;
  kind: LineageNodeKind;
  label: string;
  /** The file that declares the node, and where (0-based LSP range). */
  uri: string;
  range?: Range;
  parent?: string;
  owner?: string;
  version?: string;
  status?: string;
  /** Service levels, one line each (`freshness: 1 h on orders.updated_at`). */
  sla?: string[];
  /** Columns: as written; datasets: the classifications of their columns. */
  classification?: string;
  description?: string;
}

export interface LineageSummary {
  nodes: number;
  edges: number;
  limit: number;
  byKind: Partial<Record<LineageNodeKind, number>>;
  busiest: { id: string; label: string; degree: number }[];
}

export type LineageResult =
  /** A drawing: the SVG (sanitised by the server; a client sanitises it again before showing it). */
  | {
      kind: 'graph';
      svg: string;
      dot: string;
      focus?: string;
      focusLabel?: string;
      nodes: LineageNodeInfo[];
      edgeCount: number;
      /**
       * Column view: the upstream and downstream path of each column drawn (the columns and jobs on
       * it, and the indexes of its edges: the SVG group of edge `i` has the id `edge:<i>`, or
       * `edge:<i>.<n>` for its further copies).
       */
      traces?: { column: string; nodes: string[]; edges: number[] }[];
      /** The size of the whole graph of the folder. */
      total: { nodes: number; edges: number };
      /** Set when the drawing shows the focus alone: why nothing else is there. */
      note?: string;
      /**
       * Breaking changes of the open contracts (against the editor's base, `pactline.breaking.against`):
       * the changed contracts and the consumers their findings name (node ids; some may be outside the view).
       */
      breaking?: { changed: string[]; affected: string[] };
      timings: { viewMs: number; layoutMs: number; totalMs: number; worker: boolean };
    }
  /** Nothing to draw, and why. */
  | { kind: 'empty'; message: string; focus?: string; focusLabel?: string }
  /** Over the size limit: no layout was attempted. */
  | { kind: 'too-large'; message: string; summary: LineageSummary; focus?: string }
  /** A focus that names no node. */
  | { kind: 'not-found'; message: string; suggestion?: string; candidates?: string[] };

/** What a code lens offers in a document: the contracts, pipelines and data products it declares. */
export interface LineageTarget {
  id: string;
  kind: LineageNodeKind;
  label: string;
  range: Range;
}

/** The client command a "Show lineage" code lens runs: opens the lineage panel (argument: `{ focus }`, a node id). */
export const SHOW_LINEAGE_COMMAND = 'pactline.showLineage';

export const LineageRequest = new RequestType<LineageParams, LineageResult, void>('pactline/lineage');
export const LineageTargetsRequest = new RequestType<{ textDocument: { uri: string } }, LineageTarget[], void>(
  'pactline/lineageTargets',
);
