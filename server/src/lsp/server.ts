// The Pactline language server: a thin adapter between the LSP transport and the engine
// (server/src/engine). It keeps the editor's documents in the engine's language services (one per
// workspace folder), the workspace index current with the disk, and turns the engine's answers
// (paths) into the editor's (URIs). No rule, no severity and no position is decided here.
//
// Diagnostics: pulled (textDocument/diagnostic) by clients that can, pushed (publishDiagnostics)
// to the others; recomputed after a short debounce, never published for a stale document version.
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type FileEvent,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
  type WorkspaceEdit,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { declaredVersion, isYamlPath, kindFromName } from '../engine/kinds';
import {
  idFromFileName,
  skeleton,
  SKELETON_SERVER_TYPES,
  SKELETON_VERSIONS,
  type SkeletonKind,
  type SkeletonServerType,
} from '../engine/features/skeletons';
import type { Finding } from '../engine/types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { version } from '../../../package.json';
import { refusedDocument } from '../engine/document';
import { isBaseFinding } from '../engine/breaking/editor';
import { CONFIG_FILE_NAMES } from '../host/files';
import { readFileSafeAsync, type ReadResult } from '../host/safeFs';
import { registerFeatures } from './features';
import { registerLineage, type LineageLayout } from './lineage';
import { BreakingSupport } from './breaking';
import { effectiveConfig, Folder, isPactlineCandidate, readFolderConfig } from './folder';
import { IncrementalParser } from './incremental';
import { fsPathOf, relativeTo, uriOfFsPath } from './paths';
import {
  LintWorkspaceRequest,
  SkeletonRequest,
  StatusNotification,
  StatusRequest,
  type FindingCounts,
  type LintWorkspaceResult,
  type SkeletonParams,
  type SkeletonResult,
  type PactlineInitializationOptions,
  type PactlineSettings,
  type PactlineStatus,
} from '../../../protocol/pactline';
import { debounceOf, normalizeSettings, WATCHER_DEBOUNCE_MS } from './settings';

/** Files read from disk at once while indexing; the event loop is let go between batches. */
const READ_BATCH = 64;

export interface Validation {
  version: number;
  diagnostics: Diagnostic[];
  counts: FindingCounts;
  resultId: string;
  epochMs: number;
  durationMs: number;
}

/** A document open in the editor. */
export interface OpenDocument {
  uri: string;
  /** The folder whose language service holds it (the loose folder for ignored files and files outside). */
  folder: Folder;
  path: string;
  /** In a workspace folder whose configuration ignores it: no findings, as in CI. */
  ignored: boolean;
  /** The version last handed to the engine. */
  syncedVersion: number | undefined;
  timer: NodeJS.Timeout | undefined;
  validated: Validation | undefined;
  /** Pull requests waiting for the next validation. */
  waiters: (() => void)[];
}

/** Where a URI lives in the engine. */
export interface Located {
  folder: Folder;
  path: string;
  /** Set when the document is open in the editor. */
  open?: OpenDocument;
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export class PactlineServer {
  readonly documents = new TextDocuments(TextDocument);
  readonly folders: Folder[] = [];
  /** Files outside every workspace folder, and untitled documents: one context, default configuration. */
  readonly loose = new Folder(undefined, undefined, '(files outside the workspace)');
  /** Files a folder's configuration ignores: features work, no findings (as in CI), no effect on other files. */
  readonly ignored = new Folder(undefined, undefined, '(ignored files)');
  private readonly open = new Map<string, OpenDocument>();
  private readonly openAt = new Map<Folder, Map<string, OpenDocument>>();
  /** URIs of loose documents that have no file (untitled:), by engine path. */
  private readonly looseUris = new Map<string, string>();
  private readonly incremental = new IncrementalParser();
  capabilities: ClientCapabilities = {};
  trusted = true;
  settings: PactlineSettings = {};
  pullDiagnostics = false;
  private workspaceDiagnostics = false;
  private shuttingDown = false;
  private resultCounter = 0;
  /** Bumped whenever a finding anywhere may have changed (workspace/diagnostic waits on it). */
  private generation = 0;
  private generationWaiters: (() => void)[] = [];
  private pendingEvents = new Map<string, FileChangeType>();
  private eventTimer: NodeJS.Timeout | undefined;
  private eventChain: Promise<void> = Promise.resolve();
  private refreshTimer: NodeJS.Timeout | undefined;
  private initialScan: Deferred | undefined;
  private scanChain: Promise<void> = Promise.resolve();
  /** Breaking changes against git (server/src/lsp/breaking.ts). */
  readonly breaking = new BreakingSupport(this);
  /** The lineage drawings' layout (a worker thread), once registered. */
  lineageLayout: LineageLayout | undefined;

  constructor(readonly connection: Connection) {}

  // ---- lifecycle ------------------------------------------------------------------------------

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => void this.initialized().catch((e) => this.logError('initialized', e)));
    c.onShutdown(() => this.shutdown());
    c.onDidChangeConfiguration((params) =>
      this.guard('didChangeConfiguration', () => void this.configurationChanged(params.settings)),
    );
    c.onDidChangeWatchedFiles((params) =>
      this.guard('didChangeWatchedFiles', () => this.watchedFilesChanged(params.changes)),
    );
    c.onRequest(StatusRequest, (params) =>
      this.guard('pactline/status', () => this.status(params.textDocument.uri), null),
    );
    c.onRequest(LintWorkspaceRequest, () => this.lintWorkspace());
    c.onRequest(SkeletonRequest, (params) =>
      this.guard('pactline/skeleton', () => this.skeleton(params), { error: 'internal error' }),
    );
    c.languages.diagnostics.on((params, token) =>
      this.pullDocument(params.textDocument.uri, params.previousResultId, token),
    );
    c.languages.diagnostics.onWorkspace((params, token) => this.pullWorkspace(params.previousResultIds, token));
    this.documents.onDidOpen((e) => this.guard('didOpen', () => this.opened(e.document)));
    this.documents.onDidChangeContent((e) => this.guard('didChange', () => this.changed(e.document)));
    this.documents.onDidClose((e) => this.guard('didClose', () => this.closed(e.document)));
    registerFeatures(this);
    this.lineageLayout = registerLineage(this);
    this.breaking.register();
    this.documents.listen(c);
    c.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities;
    const options = (params.initializationOptions ?? {}) as PactlineInitializationOptions;
    this.trusted = options.trusted !== false;
    this.breaking.initialize(options);
    this.settings = normalizeSettings(options.settings);
    this.pullDiagnostics = params.capabilities.textDocument?.diagnostic !== undefined;
    this.workspaceDiagnostics = this.pullDiagnostics && options.workspaceDiagnostics === true;
    const folders: WorkspaceFolder[] =
      params.workspaceFolders ??
      (params.rootUri ? [{ uri: params.rootUri, name: path.basename(fsPathOf(params.rootUri) ?? 'workspace') }] : []);
    this.initialScan = deferred();
    for (const wf of folders) this.addFolder(wf, this.initialScan.promise);
    const prepare = params.capabilities.textDocument?.rename?.prepareSupport === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        completionProvider: { triggerCharacters: [':', ' ', '-', '.'], resolveProvider: false },
        hoverProvider: true,
        documentSymbolProvider: { label: 'Pactline' },
        workspaceSymbolProvider: { resolveProvider: false },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: prepare ? { prepareProvider: true } : true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        documentLinkProvider: { resolveProvider: false },
        documentFormattingProvider: true,
        codeLensProvider: { resolveProvider: false },
        diagnosticProvider: this.pullDiagnostics
          ? { identifier: 'pactline', interFileDependencies: true, workspaceDiagnostics: this.workspaceDiagnostics }
          : undefined,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'pactline', version },
    };
  }

  private async initialized(): Promise<void> {
    const c = this.connection;
    const caps = this.capabilities;
    if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      await c.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] })
        .catch((e) => this.logError('registering the file watcher', e));
    }
    if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      await c.client
        .register(DidChangeConfigurationNotification.type, { section: 'pactline' })
        .catch((e) => this.logError('registering for configuration changes', e));
    }
    if (caps.workspace?.workspaceFolders) {
      c.workspace.onDidChangeWorkspaceFolders((e) =>
        this.guard('didChangeWorkspaceFolders', () => {
          for (const removed of e.removed) this.removeFolder(removed.uri);
          const added = e.added.map((wf) => this.addFolder(wf)).filter((f): f is Folder => !!f);
          for (const doc of this.open.values()) this.rehome(doc);
          if (added.length) void this.scan(added);
        }),
      );
    }
    await this.fetchSettings();
    // scan() installs the folders' new `ready` before the validations waiting on the first one wake up.
    const scanning = this.scan([...this.folders]);
    this.initialScan?.resolve();
    await scanning;
  }

  private shutdown(): void {
    this.shuttingDown = true;
    for (const doc of this.open.values()) if (doc.timer) clearTimeout(doc.timer);
    if (this.eventTimer) clearTimeout(this.eventTimer);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
  }

  // ---- folders and configuration --------------------------------------------------------------

  private addFolder(wf: WorkspaceFolder, startAfter?: Promise<void>): Folder | undefined {
    const folder = Folder.fromUri(wf.uri, wf.name);
    if (!folder) return undefined;
    this.folders.push(folder);
    // Deepest first: a file belongs to the innermost folder that holds it.
    this.folders.sort((a, b) => b.root!.length - a.root!.length);
    this.openAt.set(folder, new Map());
    this.loadConfig(folder);
    if (startAfter) {
      // Validations wait for the first scan, so that cross-file findings are complete when shown.
      folder.scanning = true;
      folder.scans++;
      folder.ready = startAfter.then(() => {
        folder.scans--;
      });
    }
    return folder;
  }

  private removeFolder(uri: string): void {
    const index = this.folders.findIndex((f) => f.uri === uri);
    if (index < 0) return;
    const [folder] = this.folders.splice(index, 1);
    for (const doc of this.openAt.get(folder)?.values() ?? []) this.rehome(doc);
    this.openAt.delete(folder);
    this.bump();
  }

  private loadConfig(folder: Folder): void {
    folder.setTrust(this.trusted);
    folder.config = readFolderConfig(folder.root!, this.trusted);
    if (folder.config.error) {
      this.connection.console.warn(folder.config.error);
      void this.connection.window.showWarningMessage(
        `Pactline: ${folder.config.error.split('\n')[0]} Using the default settings until it is fixed.`,
      );
    }
    folder.service.setConfig(effectiveConfig(folder.config.file, this.settings));
  }

  private async fetchSettings(): Promise<void> {
    if (!this.capabilities.workspace?.configuration) return;
    try {
      const [section] = await this.connection.workspace.getConfiguration([{ section: 'pactline' }]);
      if (section !== null && section !== undefined) this.applySettings(normalizeSettings(section));
    } catch (error) {
      this.logError('reading the settings', error);
    }
  }

  private async configurationChanged(pushed: unknown): Promise<void> {
    if (this.capabilities.workspace?.configuration) {
      await this.fetchSettings();
    } else {
      const section = (pushed as { pactline?: unknown } | null)?.pactline;
      if (section !== undefined) this.applySettings(normalizeSettings(section));
    }
  }

  private applySettings(settings: PactlineSettings): void {
    const before = JSON.stringify(this.settings);
    this.settings = settings;
    if (JSON.stringify(settings) === before) return;
    for (const folder of this.allFolders()) folder.service.setConfig(effectiveConfig(folder.config.file, settings));
    this.revalidateAll();
  }

  private async reloadConfig(folder: Folder): Promise<void> {
    this.loadConfig(folder);
    for (const doc of this.open.values()) {
      this.rehome(doc);
      doc.syncedVersion = undefined; // maxFileSize may have changed: parse again
    }
    await this.scan([folder]);
    this.revalidateAll();
  }

  // ---- the workspace index --------------------------------------------------------------------

  /** Reads every file of the folders (as `pactline lint` finds them) into their services, with progress. */
  async scan(folders: Folder[]): Promise<void> {
    if (!folders.length) return;
    const done = deferred();
    for (const folder of folders) {
      folder.scans++;
      folder.scanning = true;
      folder.ready = done.promise;
    }
    // One scan at a time (a configuration change during the first scan queues a second one).
    const previous = this.scanChain;
    this.scanChain = done.promise;
    await previous;
    const started = Date.now();
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    let total = 0;
    try {
      const found = folders.map((folder) => ({ folder, files: folder.discover() }));
      total = found.reduce((n, f) => n + f.files.length, 0);
      progress?.begin('Pactline', 0, `Indexing ${total} YAML file${total === 1 ? '' : 's'}`, false);
      let read = 0;
      for (const { folder, files } of found) {
        const seen = new Set(files.map((f) => f.path));
        // Files that are gone or now ignored leave the index (unless open in the editor).
        for (const known of [...folder.service.paths()]) {
          if (!seen.has(known) && !this.openAt.get(folder)?.has(known)) folder.service.removeDocument(known);
        }
        folder.diskFiles.clear();
        for (let i = 0; i < files.length; i += READ_BATCH) {
          const batch = files.slice(i, i + READ_BATCH);
          const contents = await Promise.all(
            batch.map((f) =>
              f.refusal ? { status: 'refused' as const, refusal: f.refusal } : this.readDisk(folder, f.fsPath),
            ),
          );
          batch.forEach((file, k) => this.fromDisk(folder, file.path, contents[k]));
          read += batch.length;
          progress?.report(Math.round((read / Math.max(total, 1)) * 100), `${read}/${total} files`);
          await tick();
        }
      }
    } catch (error) {
      this.logError('indexing the workspace', error);
    } finally {
      for (const folder of folders) folder.scanning = --folder.scans > 0;
      done.resolve();
      progress?.done();
      this.bump();
    }
    this.connection.console.info(
      `Indexed ${total} file${total === 1 ? '' : 's'} in ${folders.map((f) => f.name).join(', ')} (${Date.now() - started} ms).`,
    );
    for (const folder of folders) for (const doc of this.openAt.get(folder)?.values() ?? []) this.schedule(doc, 0);
  }

  /** A file of a folder, read the safe way (host/safeFs.ts): no link out of the workspace, no FIFO or device, bounded. */
  private readDisk(folder: Folder, fsPath: string): Promise<ReadResult> {
    return readFileSafeAsync(fsPath, folder.workspace, folder.service.config.maxFileSize).catch((error) => ({
      status: 'unreadable' as const,
      message: (error as Error).message,
    }));
  }

  /** Puts a file's disk contents into its folder's service (the editor's version wins while it is open). */
  private fromDisk(folder: Folder, enginePath: string, read: ReadResult | undefined): readonly string[] {
    if (this.openAt.get(folder)?.has(enginePath)) return [];
    // Not read (a link out of the workspace, a FIFO, a device, over the size limit): its finding, when
    // the file is one of ours by name or (too large) by its first bytes, or a link we refused.
    if (read?.status === 'refused' && !folder.isIgnored(enginePath)) {
      const doc = refusedDocument(enginePath, read.refusal);
      if (doc.kind || doc.refused) {
        folder.diskFiles.add(enginePath);
        folder.service.setRefusedDocument(enginePath, read.refusal);
        return folder.service.lastAffected;
      }
    }
    const bytes = read?.status === 'ok' ? read.bytes : undefined;
    if (bytes === undefined || folder.isIgnored(enginePath) || !isPactlineCandidate(enginePath, bytes)) {
      folder.diskFiles.delete(enginePath);
      if (!folder.service.getDocument(enginePath)) return [];
      folder.service.removeDocument(enginePath);
      return folder.service.lastAffected;
    }
    folder.diskFiles.add(enginePath);
    folder.service.setDocumentBytes(enginePath, bytes);
    return folder.service.lastAffected;
  }

  private watchedFilesChanged(changes: FileEvent[]): void {
    for (const change of changes) {
      const fsPath = fsPathOf(change.uri);
      if (fsPath !== undefined) this.pendingEvents.set(fsPath, change.type);
    }
    // A `git checkout` sends thousands of events: gather them, then handle them in one batch.
    if (this.eventTimer) clearTimeout(this.eventTimer);
    this.eventTimer = setTimeout(() => {
      this.eventTimer = undefined;
      const events = this.pendingEvents;
      this.pendingEvents = new Map();
      this.eventChain = this.eventChain
        .then(() => this.handleFileEvents(events))
        .catch((e) => this.logError('file events', e));
    }, WATCHER_DEBOUNCE_MS);
  }

  private async handleFileEvents(events: Map<string, FileChangeType>): Promise<void> {
    const started = Date.now();
    const configFolders = new Set<Folder>();
    const affected = new Map<Folder, Set<string>>();
    const note = (folder: Folder, paths: readonly string[]) => {
      let set = affected.get(folder);
      if (!set) affected.set(folder, (set = new Set()));
      for (const p of paths) set.add(p);
    };
    const reads: { folder: Folder; path: string; fsPath: string }[] = [];
    for (const [fsPath, type] of events) {
      const folder = this.folderOf(fsPath);
      if (!folder) continue;
      if (
        folder.isConfigFile(fsPath) ||
        (path.dirname(fsPath) === folder.root && CONFIG_FILE_NAMES.includes(path.basename(fsPath)))
      ) {
        configFolders.add(folder);
        continue;
      }
      const enginePath = folder.pathOf(fsPath);
      if (enginePath === undefined) continue;
      const yaml = isYamlPath(enginePath) || kindFromName(enginePath) !== undefined;
      if (type === FileChangeType.Deleted) {
        // A deleted folder comes as one event: forget every file under it.
        const under = yaml ? [enginePath] : [...folder.service.paths()].filter((p) => p.startsWith(enginePath + '/'));
        for (const p of under) note(folder, this.fromDisk(folder, p, undefined));
      } else if (yaml) {
        reads.push({ folder, path: enginePath, fsPath });
      }
    }
    for (let i = 0; i < reads.length; i += READ_BATCH) {
      const batch = reads.slice(i, i + READ_BATCH).filter((r) => !configFolders.has(r.folder));
      const contents = await Promise.all(batch.map((r) => this.readDisk(r.folder, r.fsPath)));
      batch.forEach((r, k) => note(r.folder, this.fromDisk(r.folder, r.path, contents[k])));
      if (i + READ_BATCH < reads.length) await tick();
    }
    if (events.size) this.bump();
    for (const folder of configFolders) await this.reloadConfig(folder);
    // Each open document is validated once for the whole batch.
    let revalidated = 0;
    for (const [folder, paths] of affected) {
      if (configFolders.has(folder)) continue;
      for (const p of paths) {
        const doc = this.openAt.get(folder)?.get(p);
        if (doc) {
          this.schedule(doc, 0);
          revalidated++;
        }
      }
    }
    this.connection.console.log(
      `File changes: ${events.size} event${events.size === 1 ? '' : 's'} handled in one batch ` +
        `(${Date.now() - started} ms, ${reads.length} read, ${configFolders.size ? 'configuration reloaded, ' : ''}${revalidated} open document${revalidated === 1 ? '' : 's'} to validate again).`,
    );
  }

  /** The innermost workspace folder holding a file system path. */
  folderOf(fsPath: string): Folder | undefined {
    return this.folders.find((f) => f.root === fsPath || relativeTo(f.root!, fsPath) !== undefined);
  }

  // ---- documents ------------------------------------------------------------------------------

  /** Where a document belongs: its folder and engine path, or the loose folder. */
  private place(uri: string): { folder: Folder; path: string; ignored: boolean } {
    const fsPath = fsPathOf(uri);
    if (fsPath !== undefined) {
      const folder = this.folderOf(fsPath);
      const enginePath = folder?.pathOf(fsPath);
      if (folder && enginePath !== undefined) {
        if (!folder.isIgnored(enginePath)) return { folder, path: enginePath, ignored: false };
        return { folder: this.ignored, path: this.ignored.pathOf(fsPath)!, ignored: true };
      }
      return { folder: this.loose, path: this.loose.pathOf(fsPath)!, ignored: false };
    }
    // untitled: and other schemes: a name the engine can detect the kind of by content.
    const name = uri.replace(/^[a-z][a-z0-9+.-]*:\/*/i, '').replace(/[?#].*$/, '');
    const enginePath = `${uri.slice(0, uri.indexOf(':'))}/${decodeURIComponent(name)}${isYamlPath(name) ? '' : '.yaml'}`;
    this.looseUris.set(enginePath, uri);
    return { folder: this.loose, path: enginePath, ignored: false };
  }

  private opened(td: TextDocument): void {
    const existing = this.open.get(td.uri);
    if (existing) this.forget(existing);
    const where = this.place(td.uri);
    const doc: OpenDocument = {
      uri: td.uri,
      folder: where.folder,
      path: where.path,
      ignored: where.ignored,
      syncedVersion: undefined,
      timer: undefined,
      validated: undefined,
      waiters: [],
    };
    this.open.set(td.uri, doc);
    this.atFolder(doc.folder).set(doc.path, doc);
    // The text the editor opened is the truth, whatever was read from disk or seen before (no
    // cache keyed by version survives a close: reopening always validates afresh).
    this.sync(doc, td);
    this.schedule(doc, 0);
  }

  private changed(td: TextDocument): void {
    const doc = this.open.get(td.uri);
    if (!doc || doc.syncedVersion === td.version) return; // the open itself
    this.schedule(doc, debounceOf(this.settings));
  }

  private closed(td: TextDocument): void {
    const doc = this.open.get(td.uri);
    if (!doc) return;
    this.forget(doc);
    if (!this.pullDiagnostics && !this.shuttingDown)
      void this.connection.sendDiagnostics({ uri: td.uri, diagnostics: [] });
  }

  /** Stops tracking an open document; its engine entry falls back to the file on disk. */
  private forget(doc: OpenDocument): void {
    if (doc.timer) clearTimeout(doc.timer);
    doc.timer = undefined;
    this.open.delete(doc.uri);
    this.atFolder(doc.folder).delete(doc.path);
    this.incremental.forget(doc.folder.service, doc.path);
    for (const waiter of doc.waiters.splice(0)) waiter();
    void this.revertToDisk(doc.folder, doc.path);
  }

  private async revertToDisk(folder: Folder, enginePath: string): Promise<void> {
    if (folder === this.loose || folder === this.ignored) {
      if (!this.atFolder(folder).has(enginePath)) folder.service.removeDocument(enginePath);
      this.looseUris.delete(enginePath);
      return;
    }
    const fsPath = folder.fsPathOf(enginePath)!;
    const read = await this.readDisk(folder, fsPath);
    const bytes = read.status === 'ok' ? read.bytes : undefined;
    // Reopened meanwhile: the editor's text wins.
    if (this.atFolder(folder).has(enginePath) || !this.folders.includes(folder)) return;
    // Closed as saved (the usual case): the disk holds exactly the text the engine has, so nothing
    // changes; re-reading it would re-parse a large file and re-validate what depends on it.
    const current = folder.service.getDocument(enginePath);
    if (
      bytes &&
      current &&
      !folder.isIgnored(enginePath) &&
      folder.diskFiles.has(enginePath) &&
      Buffer.byteLength(current.text, 'utf8') === bytes.byteLength &&
      Buffer.from(current.text, 'utf8').equals(bytes)
    )
      return;
    const affected = this.fromDisk(folder, enginePath, read);
    this.bump();
    this.revalidate(folder, affected);
  }

  /** Moves an open document to where it belongs now (folders or ignore globs changed). */
  private rehome(doc: OpenDocument): void {
    const where = this.place(doc.uri);
    if (where.folder === doc.folder && where.path === doc.path && where.ignored === doc.ignored) return;
    this.atFolder(doc.folder).delete(doc.path);
    this.incremental.forget(doc.folder.service, doc.path);
    void this.revertToDisk(doc.folder, doc.path);
    Object.assign(doc, { folder: where.folder, path: where.path, ignored: where.ignored, syncedVersion: undefined });
    this.atFolder(doc.folder).set(doc.path, doc);
    this.schedule(doc, 0);
  }

  private atFolder(folder: Folder): Map<string, OpenDocument> {
    let map = this.openAt.get(folder);
    if (!map) this.openAt.set(folder, (map = new Map()));
    return map;
  }

  /** Hands the editor's current text to the engine if it has not seen this version yet. */
  sync(doc: OpenDocument, td: TextDocument | undefined = this.documents.get(doc.uri)): void {
    if (!td || doc.syncedVersion === td.version) return;
    const service = doc.folder.service;
    this.incremental.update(service, doc.path, td.getText());
    doc.syncedVersion = td.version;
    this.bump();
    if (!doc.ignored) this.revalidate(doc.folder, service.lastAffected, doc);
  }

  /** Schedules the open documents among `paths` (other than `except`) for validation. */
  private revalidate(folder: Folder, paths: readonly string[], except?: OpenDocument): void {
    const open = this.openAt.get(folder);
    if (!open?.size) return;
    for (const p of paths) {
      const doc = open.get(p);
      if (doc && doc !== except) this.schedule(doc, debounceOf(this.settings));
    }
  }

  /** Validates the open documents of a folder again (its breaking-change base was read). */
  revalidateFolder(folder: Folder): void {
    for (const doc of this.openAt.get(folder)?.values() ?? []) this.schedule(doc, 0);
  }

  private revalidateAll(): void {
    for (const doc of this.open.values()) this.schedule(doc, 0);
  }

  /** The engine location of a URI, the document brought up to date when it is open. */
  locate(uri: string): Located | undefined {
    const doc = this.open.get(uri);
    if (doc) {
      this.sync(doc);
      return { folder: doc.folder, path: doc.path, open: doc };
    }
    const fsPath = fsPathOf(uri);
    const folder = fsPath !== undefined ? this.folderOf(fsPath) : undefined;
    const enginePath = folder && fsPath !== undefined ? folder.pathOf(fsPath) : undefined;
    if (folder && enginePath !== undefined && folder.service.getDocument(enginePath))
      return { folder, path: enginePath };
    return undefined;
  }

  /** The URI of an engine path: the open document's own URI when it is open. */
  uriOf(folder: Folder, enginePath: string): string {
    const open = this.openAt.get(folder)?.get(enginePath);
    if (open) return open.uri;
    if (folder === this.loose) {
      const known = this.looseUris.get(enginePath);
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

  // ---- diagnostics ----------------------------------------------------------------------------

  private schedule(doc: OpenDocument, delay: number): void {
    if (this.shuttingDown) return;
    if (doc.timer) clearTimeout(doc.timer);
    doc.timer = setTimeout(() => {
      doc.timer = undefined;
      void this.validate(doc);
    }, delay);
  }

  private async validate(doc: OpenDocument): Promise<void> {
    try {
      while (doc.folder.scanning) await doc.folder.ready;
      // Closed, or edited again while waiting: the newer run reports.
      if (this.open.get(doc.uri) !== doc || doc.timer || this.shuttingDown) return;
      const td = this.documents.get(doc.uri);
      if (!td) return;
      const started = performance.now();
      this.sync(doc, td);
      const version = td.version;
      if (!doc.ignored) this.breaking.poll(doc.folder);
      const findings = doc.ignored ? [] : doc.folder.service.diagnose(doc.path, { breaking: true });
      const diagnostics = findings.map((f) => this.toLsp(doc.folder, f));
      const durationMs = performance.now() - started;
      // Never publish for a version the editor has already left behind.
      if (this.documents.get(doc.uri)?.version !== version || this.open.get(doc.uri) !== doc) return;
      const previous = doc.validated;
      const same = previous !== undefined && JSON.stringify(previous.diagnostics) === JSON.stringify(diagnostics);
      doc.validated = {
        version,
        diagnostics,
        counts: countFindings(findings),
        resultId: same ? previous.resultId : `${++this.resultCounter}`,
        epochMs: Date.now(),
        durationMs,
      };
      if (!this.pullDiagnostics) {
        void this.connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
      } else if (!doc.waiters.length && !same) {
        this.requestRefresh();
      }
      void this.connection.sendNotification(StatusNotification, { uri: doc.uri, status: this.statusOf(doc) });
      // A large document's document model is built while the editor is idle, so that the next edit
      // is re-parsed incrementally and hover does not wait for it.
      if (!doc.ignored) this.incremental.warmUp(doc.folder.service, doc.path);
    } catch (error) {
      this.logError(`validating ${doc.uri}`, error);
    } finally {
      if (!doc.timer) for (const waiter of doc.waiters.splice(0)) waiter();
    }
  }

  /** The finding as the editor gets it: related locations point at URIs. */
  private toLsp(folder: Folder, finding: Finding): Diagnostic {
    if (!finding.relatedInformation?.length) return finding;
    // A breaking finding's related locations are in the base (`pactline-base:` URIs).
    if (isBaseFinding(finding)) return this.breaking.toLsp(folder, finding);
    return {
      ...finding,
      relatedInformation: finding.relatedInformation.map((r) => ({
        ...r,
        location: { ...r.location, uri: this.uriOf(folder, r.location.uri) },
      })),
    };
  }

  /** Pull clients re-pull when another file's change altered an open document's findings. */
  private requestRefresh(): void {
    if (!this.capabilities.workspace?.diagnostics?.refreshSupport || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      if (!this.shuttingDown)
        this.connection.languages.diagnostics.refresh().catch((e) => this.logError('diagnostic refresh', e));
    }, 10);
  }

  private isCurrent(doc: OpenDocument): boolean {
    return (
      !doc.timer &&
      !doc.folder.scanning &&
      doc.validated !== undefined &&
      doc.validated.version === this.documents.get(doc.uri)?.version &&
      doc.syncedVersion === doc.validated.version
    );
  }

  private async pullDocument(
    uri: string,
    previousResultId: string | undefined,
    token: CancellationToken,
  ): Promise<DocumentDiagnosticReport> {
    try {
      const doc = this.open.get(uri);
      if (!doc) return this.closedReport(uri);
      if (!this.isCurrent(doc)) {
        await new Promise<void>((resolve) => {
          doc.waiters.push(resolve);
          if (!doc.timer) this.schedule(doc, 0);
          token.onCancellationRequested(resolve);
        });
      }
      const v = doc.validated;
      if (!v) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      if (previousResultId === v.resultId)
        return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: v.resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId: v.resultId, items: v.diagnostics };
    } catch (error) {
      this.logError('textDocument/diagnostic', error);
      return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    }
  }

  /** A file that is not open: its disk version, as the CLI would report it. */
  private closedReport(uri: string): DocumentDiagnosticReport {
    const where = this.locate(uri);
    if (!where || where.folder.isIgnored(where.path)) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    return {
      kind: DocumentDiagnosticReportKind.Full,
      items: where.folder.service.diagnose(where.path).map((f) => this.toLsp(where.folder, f)),
    };
  }

  /** workspace/diagnostic (opt-in): every indexed file; held open until something changes. */
  private async pullWorkspace(
    previous: { uri: string; value: string }[],
    token: CancellationToken,
  ): Promise<WorkspaceDiagnosticReport> {
    const known = new Map(previous.map((p) => [p.uri, p.value]));
    const generation = this.generation;
    if (previous.length && generation === this.lastWorkspaceGeneration) {
      await new Promise<void>((resolve) => {
        this.generationWaiters.push(resolve);
        token.onCancellationRequested(resolve);
      });
      if (token.isCancellationRequested) return { items: [] };
    }
    await this.allFoldersScanned();
    this.lastWorkspaceGeneration = this.generation;
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    for (const { uri, open, diagnostics } of this.workspaceFindings(false)) {
      const resultId = `w${hashString(JSON.stringify(diagnostics))}`;
      const version = open ? (this.documents.get(open.uri)?.version ?? null) : null;
      items.push(
        known.get(uri) === resultId
          ? { kind: DocumentDiagnosticReportKind.Unchanged, uri, version, resultId }
          : { kind: DocumentDiagnosticReportKind.Full, uri, version, resultId, items: diagnostics },
      );
    }
    return { items };
  }

  private lastWorkspaceGeneration = -1;

  private async allFoldersScanned(): Promise<void> {
    for (const folder of this.folders) while (folder.scanning) await folder.ready;
  }

  /** Every recognised file of every folder with its current findings (an open document's as last published). */
  private *workspaceFindings(skipIgnored: boolean) {
    for (const folder of this.folders) {
      for (const p of [...folder.service.paths()].sort()) {
        const doc = folder.service.getDocument(p);
        if ((!doc?.kind && !doc?.refused) || doc.multiDocument || (skipIgnored && folder.isIgnored(p))) continue;
        const open = this.openAt.get(folder)?.get(p);
        const uri = this.uriOf(folder, p);
        const diagnostics = open?.validated
          ? open.validated.diagnostics
          : folder.service.diagnose(p).map((f) => this.toLsp(folder, f));
        yield { folder, uri, open, diagnostics };
      }
    }
  }

  /** pactline/lintWorkspace: what "Lint Workspace" shows, from this server's index. */
  private async lintWorkspace(): Promise<LintWorkspaceResult> {
    await this.allFoldersScanned();
    let files = 0;
    const items: LintWorkspaceResult['items'] = [];
    for (const { uri, diagnostics } of this.workspaceFindings(true)) {
      files++;
      if (diagnostics.length) items.push({ uri, diagnostics });
    }
    return { files, items };
  }

  private bump(): void {
    this.generation++;
    for (const waiter of this.generationWaiters.splice(0)) waiter();
  }

  // ---- status ---------------------------------------------------------------------------------

  /** The skeleton of a new file: the id from its name, a pipeline's input from its folder's contracts. */
  private skeleton(params: SkeletonParams): SkeletonResult {
    const kinds = Object.keys(SKELETON_VERSIONS) as SkeletonKind[];
    if (!kinds.includes(params.kind))
      return { error: `no skeleton for "${String(params.kind)}"; one of ${kinds.join(', ')}` };
    if (params.version !== undefined && !SKELETON_VERSIONS[params.kind].includes(params.version)) {
      return {
        error: `no ${params.kind} skeleton for version "${params.version}"; one of ${SKELETON_VERSIONS[params.kind].join(', ')}`,
      };
    }
    const serverType = params.serverType as SkeletonServerType | undefined;
    if (serverType !== undefined && !SKELETON_SERVER_TYPES.includes(serverType)) {
      return { error: `no server type "${params.serverType}"; one of ${SKELETON_SERVER_TYPES.join(', ')}` };
    }
    const fsPath = fsPathOf(params.uri);
    const folder = fsPath !== undefined ? this.folderOf(fsPath) : undefined;
    const s = skeleton({
      kind: params.kind,
      version: params.version,
      serverType,
      id: idFromFileName(fsPath ?? params.uri),
      inputContract: folder?.service.index.contractIds()[0],
    });
    return { snippet: s.snippet, label: s.label };
  }

  private status(uri: string): PactlineStatus | null {
    const doc = this.open.get(uri);
    if (doc) return this.statusOf(doc);
    const where = this.locate(uri);
    if (!where) return null;
    const parsed = where.folder.service.getDocument(where.path);
    return {
      kind: parsed?.kind ?? null,
      version: parsed?.kind ? (declaredVersion(parsed.kind, parsed.value) ?? null) : null,
      findings: countFindings(where.folder.service.diagnose(where.path)),
      lastValidation: null,
      lastValidationEpochMs: null,
      validationMs: null,
      documentVersion: null,
      path: where.path,
      configFile: where.folder.config.file.file ?? null,
      trusted: this.trusted,
    };
  }

  private statusOf(doc: OpenDocument): PactlineStatus {
    const parsed = doc.folder.service.getDocument(doc.path);
    const kind = doc.ignored ? undefined : parsed?.kind;
    const v = doc.validated;
    const configFolder =
      doc.folder === this.ignored
        ? this.folderOf(fsPathOf(doc.uri) ?? '')
        : doc.folder === this.loose
          ? undefined
          : doc.folder;
    return {
      kind: kind ?? null,
      version: kind ? (declaredVersion(kind, parsed?.value) ?? null) : null,
      findings: v?.counts ?? { errors: 0, warnings: 0, infos: 0 },
      lastValidation: v ? new Date(v.epochMs).toISOString() : null,
      lastValidationEpochMs: v?.epochMs ?? null,
      validationMs: v ? Math.round(v.durationMs * 10) / 10 : null,
      documentVersion: v?.version ?? null,
      path: doc.path,
      configFile: configFolder?.config.file.file ?? null,
      trusted: this.trusted,
    };
  }

  // ---- helpers --------------------------------------------------------------------------------

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

function countFindings(findings: readonly Diagnostic[]): FindingCounts {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === DiagnosticSeverity.Error) counts.errors++;
    else if (f.severity === DiagnosticSeverity.Warning) counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

function hashString(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36) + s.length.toString(36);
}

/** Starts a server on the connection (created from the command line: --stdio, --node-ipc, --socket=PORT). */
export function startServer(connection: Connection): PactlineServer {
  const server = new PactlineServer(connection);
  process.on('uncaughtException', (error) => server.logError('(uncaught)', error));
  process.on('unhandledRejection', (error) => server.logError('(unhandled promise)', error));
  server.listen();
  return server;
}
