// The Pactline VS Code extension: starts the language server (dist/server.js) over Node IPC and shows
// what it says. No validation logic lives here (ARCHITECTURE.md): diagnostics, completion, hover,
// definitions and quick fixes all come from the server; the client only routes documents to it,
// gives Pactline files their language id, and shows status, output and workspace lint results.
//
// Why a language id of its own (`pactline-yaml`) and no `contributes.yamlValidation`: Red Hat's YAML
// extension validates every `yaml` document against the schemas it is given (yamlValidation, its
// schema store). Contributing our schemas there, or leaving contracts as `yaml`, would make it report
// a second, differently worded set of findings for the same mistakes next to ours. Documents in
// `pactline-yaml` are invisible to it, while the grammar (source.yaml + SQL) and the language
// configuration keep editing them like YAML. The JSON Schemas in schemas/ still ship in the .vsix for
// users who want to wire them up elsewhere.
import * as fs from 'fs';
import * as vscode from 'vscode';
// Only types at load time: vscode-languageclient is most of the bundle, and it is loaded when the
// server starts, after activate() has returned (activation cost: README, "In the editor").
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { LANGUAGE_ID, LanguageDetector } from './detect';
import { openExamples, type OpenExamplesOptions } from './examples';
import { WorkspaceLinter, type LintResult } from './lintWorkspace';
import { registerLineage } from './lineagePanel';
import { registerBreaking } from './breaking';
import { registerNewFile } from './newFile';
import {
  StatusRequest,
  type PactlineInitializationOptions,
  type PactlineSettings,
  type PactlineStatus,
} from './protocol';
import { StatusItem } from './status';

/** What `activate` returns; the extension-host tests use it. */
export interface PactlineApi {
  readonly client: LanguageClient | undefined;
  /** Resolves once the first start of the language server finished (or failed). */
  readonly ready: Promise<void>;
  /** How long activate() itself took, in milliseconds (the server starts after it). */
  readonly activationMs: number;
  requestStatus(uri: vscode.Uri): Promise<PactlineStatus | null>;
  lintWorkspace(): Promise<LintResult | undefined>;
}

let client: LanguageClient | undefined;

function settingsForServer(): PactlineSettings {
  const config = vscode.workspace.getConfiguration('pactline');
  return {
    rules: config.get('rules', {}),
    diagnostics: { debounceMs: config.get('diagnostics.debounceMs', 300) },
    // In an untrusted workspace the workspace's value is ignored (restrictedConfigurations).
    breaking: { against: config.get('breaking.against', 'HEAD') },
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<PactlineApi> {
  const activationStart = performance.now();
  const output = vscode.window.createOutputChannel('Pactline', { log: true });
  const serverModule = context.asAbsolutePath('dist/server.js');
  const status = new StatusItem(() => client);
  // Called only after activate() has returned, when `ready` (below) exists.
  const linter = new WorkspaceLinter(async () => {
    await ready;
    return client?.isRunning() ? client : undefined;
  }, output);
  const detector = new LanguageDetector(() =>
    vscode.workspace.getConfiguration('pactline').get('detectByContent', true),
  );
  context.subscriptions.push(output, status, linter, detector);

  let clientSubscriptions: vscode.Disposable[] = [];

  async function createClient(): Promise<{
    client: LanguageClient;
    State: typeof import('vscode-languageclient/node').State;
  }> {
    const { LanguageClient, State, TransportKind } = await import('vscode-languageclient/node');
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: {
        module: serverModule,
        transport: TransportKind.ipc,
        options: { execArgv: ['--nolazy', '--inspect=6019'] },
      },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: LANGUAGE_ID },
        { scheme: 'untitled', language: LANGUAGE_ID },
      ],
      synchronize: {
        // the server keeps a workspace index: tell it about YAML files changed outside the editor
        fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}'),
        configurationSection: 'pactline',
      },
      // a function: evaluated again on every (re)start, so a restart after a trust grant tells the server
      // breakingBaseScheme: related information of breaking findings may point at `pactline-base:` URIs (client/src/breaking.ts)
      initializationOptions: (): PactlineInitializationOptions & { breakingBaseScheme: boolean } => ({
        trusted: vscode.workspace.isTrusted,
        settings: settingsForServer(),
        breakingBaseScheme: true,
      }),
      outputChannel: output,
      diagnosticCollectionName: 'pactline',
      markdown: { isTrusted: false, supportHtml: false },
    };
    // id `pactline`: the client reads the `pactline.trace.server` setting by this id
    return { client: new LanguageClient('pactline', 'Pactline Language Server', serverOptions, clientOptions), State };
  }

  async function start(): Promise<void> {
    for (const d of clientSubscriptions) d.dispose();
    clientSubscriptions = [];
    if (!fs.existsSync(serverModule)) {
      output.error(`The language server is missing: ${serverModule}. Build it with \`npm run build\`.`);
      status.showStopped();
      return;
    }
    const created = await createClient();
    const State = created.State;
    client = created.client;
    clientSubscriptions.push(
      status.attach(client),
      client.onDidChangeState((e) => {
        if (e.newState === State.Stopped) status.showStopped();
        if (e.newState === State.Running) void status.refresh();
      }),
    );
    try {
      await client.start();
      output.info(
        `Language server started (workspace ${vscode.workspace.isTrusted ? 'trusted' : 'not trusted: limited mode'}).`,
      );
    } catch (error) {
      output.error(`The language server did not start: ${error instanceof Error ? error.message : String(error)}`);
      status.showStopped();
    }
    void status.refresh();
  }

  async function restart(): Promise<void> {
    const old = client;
    client = undefined;
    if (old) {
      try {
        await old.stop(5000);
      } catch (error) {
        output.warn(`Stopping the language server: ${error instanceof Error ? error.message : String(error)}`);
      }
      await old.dispose().catch(() => undefined);
    }
    await start();
  }

  context.subscriptions.push(
    vscode.commands.registerCommand('pactline.restartServer', async () => {
      output.info('Restarting the language server.');
      await restart();
    }),
    vscode.commands.registerCommand('pactline.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('pactline.lintWorkspace', () => linter.run()),
    vscode.commands.registerCommand('pactline.openExamples', (options?: OpenExamplesOptions) =>
      openExamples(context, options),
    ),
    // (called after activate() has returned, when `ready` exists: a panel opened early waits for the server)
    ...registerLineage(context, async () => {
      await ready;
      return client;
    }),
    ...registerBreaking(() => client),
    ...registerNewFile(() => client),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      output.info('Workspace trusted: restarting the language server with full features.');
      await restart();
    }),
    {
      dispose: () => {
        for (const d of clientSubscriptions) d.dispose();
      },
    },
  );

  // after activate() has returned: starting the server is not part of VS Code's activation
  const ready = new Promise<void>((resolve) => setImmediate(resolve)).then(start);
  const activationMs = performance.now() - activationStart;
  return {
    get client() {
      return client;
    },
    ready,
    activationMs,
    async requestStatus(uri) {
      if (!client?.isRunning()) throw new Error('the language server is not running');
      return client.sendRequest(StatusRequest, { textDocument: { uri: uri.toString() } });
    },
    lintWorkspace: () => linter.run(),
  };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop(3000).catch(() => undefined);
}
