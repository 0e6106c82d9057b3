// The LSP lifecycle once `initialize` arrives (lifecycle.ts gates what comes before it): the
// server's capabilities from the client's, the folders of the first scan, the registrations and the
// settings after `initialized`, timers stopped at `shutdown`.
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { version } from '../../../package.json';
import type { PactlineInitializationOptions } from '../../../protocol/pactline';
import { deferred, type Deferred } from './disk';
import type { Folder } from './folder';
import { fsPathOf } from './paths';
import type { PactlineServer } from './server';
import { normalizeSettings } from './settings';

/** initialize, initialized, shutdown. */
export class Lifecycle {
  /** Validations wait for the first scan, which starts after `initialized`. */
  private initialScan: Deferred | undefined;

  constructor(private readonly server: PactlineServer) {}

  initialize(params: InitializeParams): InitializeResult {
    this.server.capabilities = params.capabilities;
    const options = (params.initializationOptions ?? {}) as PactlineInitializationOptions;
    this.server.trusted = options.trusted !== false;
    this.server.breaking.initialize(options);
    this.server.settings = normalizeSettings(options.settings);
    this.server.pullDiagnostics = params.capabilities.textDocument?.diagnostic !== undefined;
    this.server.workspaceDiagnostics = this.server.pullDiagnostics && options.workspaceDiagnostics === true;
    const folders: WorkspaceFolder[] =
      params.workspaceFolders ??
      (params.rootUri ? [{ uri: params.rootUri, name: path.basename(fsPathOf(params.rootUri) ?? 'workspace') }] : []);
    this.initialScan = deferred();
    for (const wf of folders) this.server.workspace.addFolder(wf, this.initialScan.promise);
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
        diagnosticProvider: this.server.pullDiagnostics
          ? {
              identifier: 'pactline',
              interFileDependencies: true,
              workspaceDiagnostics: this.server.workspaceDiagnostics,
            }
          : undefined,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'pactline', version },
    };
  }

  async initialized(): Promise<void> {
    const c = this.server.connection;
    const caps = this.server.capabilities;
    if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      await c.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] })
        .catch((e) => this.server.logError('registering the file watcher', e));
    }
    if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      await c.client
        .register(DidChangeConfigurationNotification.type, { section: 'pactline' })
        .catch((e) => this.server.logError('registering for configuration changes', e));
    }
    if (caps.workspace?.workspaceFolders) {
      c.workspace.onDidChangeWorkspaceFolders((e) =>
        this.server.guard('didChangeWorkspaceFolders', () => {
          for (const removed of e.removed) this.server.workspace.removeFolder(removed.uri);
          const added = e.added.map((wf) => this.server.workspace.addFolder(wf)).filter((f): f is Folder => !!f);
          for (const doc of this.server.open.byUri.values()) this.server.open.rehome(doc);
          if (added.length) void this.server.disk.scan(added);
        }),
      );
    }
    await this.server.workspace.fetchSettings();
    // scan() installs the folders' new `ready` before the validations waiting on the first one wake up.
    const scanning = this.server.disk.scan([...this.server.folders]);
    this.initialScan?.resolve();
    await scanning;
  }

  shutdown(): void {
    this.server.shuttingDown = true;
    this.server.open.dispose();
    this.server.watcher.dispose();
    this.server.diagnostics.dispose();
  }
}
