// The messages between the lineage webview and the extension: typed requests (each answered by one
// response with the same id) and a few notifications from the extension. Types only.
import type { LineageNodeKind, LineageResult } from '../../protocol/lineage';

export type { LineageNodeInfo, LineageNodeKind, LineageResult, LineageSummary } from '../../protocol/lineage';

/** What the webview keeps with setState (and a serializer restores after a reload). */
export interface PanelState {
  /** Follow the active editor: its contract, pipeline or product is the focus. */
  follow: boolean;
  /** The document followed (a URI), when `follow` is on. */
  documentUri?: string;
  /** A focus chosen in the panel (search, double click, a summary's suggestion); wins over the document. */
  focus?: string;
  upstream: number;
  downstream: number;
  columns: boolean;
  /** Column view: datasets whose "+ N more" row was clicked (every column shown). */
  expand: string[];
  hidden: LineageNodeKind[];
  search: string;
  /** Pan and zoom. */
  zoom?: { x: number; y: number; scale: number };
}

export const DEFAULT_STATE: PanelState = {
  follow: true,
  upstream: 2,
  downstream: 2,
  columns: false,
  expand: [],
  hidden: [],
  search: '',
};

export interface RenderParams {
  documentUri?: string;
  focus?: string;
  upstream: number;
  downstream: number;
  columns: boolean;
  expand: string[];
  hidden: LineageNodeKind[];
}

/** Every request the webview may send, with its parameters and its answer. */
export interface Requests {
  /** The webview has loaded: what to show first (the active editor, or what the command was asked to show). */
  ready: { params: Record<string, never>; result: { activeUri?: string; show?: { focus?: string; uri?: string } } };
  /** Ask the language server for the view. */
  render: { params: RenderParams; result: LineageResult };
  /** Open the file that declares a node of the last view, at its range. */
  open: { params: { id: string }; result: { opened: boolean } };
  /** Save the current view: SVG and DOT from the last answer, PNG as drawn by the webview (a data: URL). */
  export: { params: { format: 'svg' | 'png' | 'dot'; png?: string }; result: { saved?: string } };
}

export type RequestMethod = keyof Requests;

export type WebviewMessage = {
  [M in RequestMethod]: { type: 'request'; id: number; method: M; params: Requests[M]['params'] };
}[RequestMethod];

export type HostMessage =
  | { type: 'response'; id: number; result?: unknown; error?: string }
  /** The active editor changed to a Pactline document. */
  | { type: 'editor'; uri: string }
  /** Something in the workspace changed: draw again. */
  | { type: 'refresh' }
  /** The command was run with a focus (a code lens, the command palette on a document). */
  | { type: 'show'; focus?: string; uri?: string };
