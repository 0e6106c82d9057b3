// The Pactline language server: a thin adapter between the LSP transport and the engine
// (server/src/engine). This file is the wiring: the state every part shares, which handler answers
// which message, and paths ↔ URIs. Each concern is its own module: initialize.ts (lifecycle),
// folders.ts (folders and configuration), disk.ts (the index from the disk), watch.ts (watched
// files), documents.ts (open documents), diagnostics.ts (validation and publication), status.ts,
// features.ts, breaking.ts, lineage.ts. No rule, no severity and no position is decided here.
import * as path from 'node:path';
import {
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  LintWorkspaceRequest,
  SkeletonRequest,
  StatusRequest,
  type PactlineSettings,
} from '../../../protocol/pactline';
import { BreakingSupport } from './breaking';
import { Diagnostics } from './diagnostics';
import { DiskIndex } from './disk';
import { OpenDocuments, type OpenDocument } from './documents';
import { registerFeatures } from './features';
import { Folder } from './folder';
import { WorkspaceFolders } from './folders';
import { Lifecycle } from './initialize';
import { registerLineage, type LineageLayout } from './lineage';
import { fsPathOf, relativeTo, uriOfFsPath } from './paths';
import { skeletonFor } from './skeleton';
import { StatusReports } from './status';
import { WatchedFiles } from './watch';

export type { OpenDocument, Validation } from './documents';

/** Where a URI lives in the engine. */
export interface Located {
  folder: Folder;
  path: string;
  /** Set when the document is open in the editor. */
  open?: OpenDocument;
}

export class PactlineServer {
  readonly documents = new TextDocuments(TextDocument);
  readonly folders: Folder[] = [];
  /** Files outside every workspace folder, and untitled documents: one context, default configuration. */
  readonly loose = new Folder(undefined, undefined, '(files outside the workspace)');
  /** Files a folder's configuration ignores: features work, no findings (as in CI), no effect on other files. */
  readonly ignored = new Folder(undefined, undefined, '(ignored files)');
  capabilities: ClientCapabilities = {};
  trusted = true;
  settings: PactlineSettings = {};
  pullDiagnostics = false;
  workspaceDiagnostics = false;
  shuttingDown = false;
  readonly lifecycle = new Lifecycle(this);
  readonly workspace = new WorkspaceFolders(this);
  readonly disk = new DiskIndex(this);
  readonly watcher = new WatchedFiles(this);
  readonly open = new OpenDocuments(this);
  readonly diagnostics = new Diagnostics(this);
  readonly status = new StatusReports(this);
  /** Breaking changes against git (server/src/lsp/breaking.ts). */
  readonly breaking = new BreakingSupport(this);
  /** The lineage drawings' layout (a worker thread), once registered. */
  lineageLayout: LineageLayout | undefined;

  constructor(readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.lifecycle.initialize(params));
    c.onInitialized(() => void this.lifecycle.initialized().catch((e) => this.logError('initialized', e)));
    c.onShutdown(() => this.lifecycle.shutdown());
    c.onDidChangeConfiguration((params) =>
      this.guard('didChangeConfiguration', () => void this.workspace.configurationChanged(params.settings)),
    );
    c.onDidChangeWatchedFiles((params) =>
      this.guard('didChangeWatchedFiles', () => this.watcher.watchedFilesChanged(params.changes)),
    );
    c.onRequest(StatusRequest, (params) =>
      this.guard('pactline/status', () => this.status.status(params.textDocument.uri), null),
    );
    c.onRequest(LintWorkspaceRequest, () => this.diagnostics.lintWorkspace());
    c.onRequest(SkeletonRequest, (params) =>
      this.guard('pactline/skeleton', () => skeletonFor(this, params), { error: 'internal error' }),
    );
    c.languages.diagnostics.on((params, token) =>
      this.diagnostics.pullDocument(params.textDocument.uri, params.previousResultId, token),
    );
    c.languages.diagnostics.onWorkspace((params, token) =>
      this.diagnostics.pullWorkspace(params.previousResultIds, token),
    );
    this.documents.onDidOpen((e) => this.guard('didOpen', () => this.open.opened(e.document)));
    this.documents.onDidChangeContent((e) => this.guard('didChange', () => this.open.changed(e.document)));
    this.documents.onDidClose((e) => this.guard('didClose', () => this.open.closed(e.document)));
    registerFeatures(this);
    this.lineageLayout = registerLineage(this);
    this.breaking.register();
    this.documents.listen(c);
    c.listen();
  }

  /** The engine location of a URI, the document brought up to date when it is open. */
  locate(uri: string): Located | undefined {
    const doc = this.open.byUri.get(uri);
    if (doc) {
      this.open.sync(doc);
      return { folder: doc.folder, path: doc.path, open: doc };
    }
    const fsPath = fsPathOf(uri);
    const folder = fsPath !== undefined ? this.folderOf(fsPath) : undefined;
    const enginePath = folder && fsPath !== undefined ? folder.pathOf(fsPath) : undefined;
    if (folder && enginePath !== undefined && folder.service.hasDocument(enginePath))
      return { folder, path: enginePath };
    return undefined;
  }

  /** The URI of an engine path: the open document's own URI when it is open. */
  uriOf(folder: Folder, enginePath: string): string {
    const open = this.open.byFolder.get(folder)?.get(enginePath);
    if (open) return open.uri;
    if (folder === this.loose) {
      const known = this.open.looseUris.get(enginePath);
      if (known) return known;
      return path.isAbsolute(enginePath) ? uriOfFsPath(enginePath) : enginePath;
    }
    return folder.uriOf(enginePath) ?? enginePath;
  }

  /** Rewrites a WorkspaceEdit keyed by engine paths into one keyed by URIs. */
  mapEdit(folder: Folder, edit: WorkspaceEdit): WorkspaceEdit {
    if (!edit.changes) return edit;
    const changes: NonNullable<WorkspaceEdit['changes']> = {};
    for (const [p, edits] of Object.entries(edit.changes)) changes[this.uriOf(folder, p)] = edits;
    return { ...edit, changes };
  }

  /** The innermost workspace folder holding a file system path. */
  folderOf(fsPath: string): Folder | undefined {
    return this.folders.find((f) => f.root === fsPath || relativeTo(f.root!, fsPath) !== undefined);
  }

  /** Runs a handler; an error is logged, never thrown at the transport (the server keeps running). */
  guard<T>(name: string, run: () => T, fallback?: T): T {
    try {
      return run();
    } catch (error) {
      this.logError(name, error);
      return fallback as T;
    }
  }

  logError(what: string, error: unknown): void {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    try {
      this.connection.console.error(`Pactline: ${what} failed: ${message}`);
    } catch {
      // the connection is gone: nothing to tell
    }
  }

  refuse(message: string): ResponseError<void> {
    return new ResponseError(LSPErrorCodes.RequestFailed, message);
  }

  /** All folders with a service: the workspace folders, then the loose and the ignored documents. */
  allFolders(): Folder[] {
    return [...this.folders, this.loose, this.ignored];
  }
}

/** Starts a server on the connection (created from the command line: --stdio, --node-ipc, --socket=PORT). */
export function startServer(connection: Connection): PactlineServer {
  const server = new PactlineServer(connection);
  process.on('uncaughtException', (error) => server.logError('(uncaught)', error));
  process.on('unhandledRejection', (error) => server.logError('(unhandled promise)', error));
  server.listen();
  return server;
}
