// A small LSP client for the protocol tests and the benchmark: starts a REAL server process and
// talks JSON-RPC to it over the child's stdio (vscode-jsonrpc), the way an editor does.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';

export const ROOT = resolve(__dirname, '../..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const SERVER = join(ROOT, 'dist', 'server.js');

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface Diagnostic {
  range: Range;
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
  data?: unknown;
  relatedInformation?: { location: { uri: string; range: Range }; message: string }[];
}
export interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}
export interface ProgressEvent {
  token: string | number;
  value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number };
}

export interface StartOptions {
  /** Which build to run: `cli` = `node dist/cli.js lsp --stdio`, `server` = `node dist/server.js --stdio`. */
  entry?: 'cli' | 'server' | { command: string; args: string[] };
  /** Workspace folder (absolute path); none for a server without a workspace. */
  workspace?: string;
  /** Announce pull diagnostics (textDocument/diagnostic) in the client capabilities. */
  pull?: boolean;
  /** Answers to workspace/configuration, by section. */
  settings?: Record<string, unknown>;
  initializationOptions?: unknown;
  /** Extra client capabilities, merged over the defaults. */
  capabilities?: Record<string, unknown>;
  /** Log the server's stderr and window/logMessage to the console. */
  verbose?: boolean;
}

const BASE_CAPABILITIES = {
  window: { workDoneProgress: true, showMessage: {} },
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    workspaceFolders: true,
    symbol: {},
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false },
    publishDiagnostics: {
      versionSupport: true,
      relatedInformation: true,
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    rename: { prepareSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
    foldingRange: {},
    selectionRange: {},
    documentLink: {},
    definition: { linkSupport: false },
  },
};

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && a[k] && typeof a[k] === 'object'
        ? merge(a[k] as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

/** A temporary copy of a folder (examples, fixtures); removed with `dispose`. */
export function tempCopy(source: string, prefix = 'pactline-lsp-'): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(source, dir, { recursive: true });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export class LspClient {
  readonly published: PublishDiagnosticsParams[] = [];
  /** When each entry of `published` arrived (performance.now()). */
  readonly publishedAt: number[] = [];
  readonly progress: ProgressEvent[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  readonly logs: string[] = [];
  readonly messages: { type: number; message: string }[] = [];
  readonly statusChanges: { uri: string; status?: Record<string, unknown> }[] = [];
  readonly configurationRequests: unknown[] = [];
  refreshRequests = 0;
  stderr = '';
  initializeResult: { capabilities: Record<string, any>; serverInfo?: { name: string; version?: string } } | undefined;
  settings: Record<string, unknown>;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private listeners: (() => void)[] = [];
  private exitCode: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
    readonly options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    this.exitCode = new Promise((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const entry = options.entry ?? 'cli';
    const [command, args] =
      entry === 'cli'
        ? [process.execPath, [CLI, 'lsp', '--stdio']]
        : entry === 'server'
          ? [process.execPath, [SERVER, '--stdio']]
          : [entry.command, entry.args];
    const child = spawn(command, args, { cwd: options.workspace ?? ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const client = new LspClient(child, connection, options);
    child.stderr!.on('data', (chunk) => {
      client.stderr += String(chunk);
      if (options.verbose) process.stderr.write(`[server stderr] ${String(chunk)}`);
    });
    client.wire();
    connection.listen();
    const workspace = options.workspace;
    const capabilities = merge(BASE_CAPABILITIES, options.capabilities ?? {});
    if (options.pull)
      (capabilities.textDocument as Record<string, unknown>).diagnostic = {
        dynamicRegistration: false,
        relatedDocumentSupport: false,
      };
    if (options.pull) (capabilities.workspace as Record<string, unknown>).diagnostics = { refreshSupport: true };
    client.initializeResult = await client.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'pactline-test-client' },
      rootUri: workspace ? uriOf(workspace) : null,
      workspaceFolders: workspace ? [{ uri: uriOf(workspace), name: 'workspace' }] : null,
      capabilities,
      initializationOptions: options.initializationOptions,
    });
    client.notify('initialized', {});
    return client;
  }

  private wire(): void {
    const c = this.connection;
    const changed = () => {
      for (const l of this.listeners.slice()) l();
    };
    c.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.publishedAt.push(performance.now());
      this.published.push(p);
      changed();
    });
    c.onNotification('$/progress', (p: ProgressEvent) => {
      this.progress.push(p);
      changed();
    });
    c.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      this.logs.push(p.message);
      if (this.options.verbose) process.stderr.write(`[server log] ${p.message}\n`);
      changed();
    });
    c.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      this.messages.push(p);
      changed();
    });
    c.onNotification('pactline/statusChanged', (p: { uri: string; status?: Record<string, unknown> }) => {
      this.statusChanges.push(p);
      changed();
    });
    c.onNotification('telemetry/event', () => undefined);
    c.onRequest('window/workDoneProgress/create', () => null);
    c.onRequest(
      'client/registerCapability',
      (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
        this.registrations.push(...p.registrations);
        changed();
        return null;
      },
    );
    c.onRequest('client/unregisterCapability', () => null);
    c.onRequest('workspace/configuration', (p: { items: { section?: string; scopeUri?: string }[] }) => {
      this.configurationRequests.push(p);
      changed();
      return p.items.map((item) => (item.section ? (this.settings[item.section] ?? null) : this.settings));
    });
    c.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshRequests++;
      changed();
      return null;
    });
    c.onRequest('window/showMessageRequest', (p: { type: number; message: string }) => {
      this.messages.push(p);
      changed();
      return null;
    });
    c.onRequest('workspace/applyEdit', () => ({ applied: false }));
  }

  request<R = any>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): void {
    void this.connection.sendNotification(method, params);
  }

  /** Resolves when `check` returns a value other than undefined (checked after every message). */
  waitFor<T>(check: () => T | undefined, timeoutMs = 20_000, what = 'a condition'): Promise<T> {
    return new Promise<T>((resolveWait, reject) => {
      const first = check();
      if (first !== undefined) return resolveWait(first);
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const listener = () => {
        const value = check();
        if (value === undefined) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolveWait(value);
      };
      this.listeners.push(listener);
    });
  }

  /** Like waitForDiagnostics, with the time the publication arrived. */
  async waitForDiagnosticsTimed(
    uri: string,
    options: Parameters<LspClient['waitForDiagnostics']>[1] = {},
  ): Promise<{ params: PublishDiagnosticsParams; at: number }> {
    const params = await this.waitForDiagnostics(uri, options);
    return { params, at: this.publishedAt[this.published.indexOf(params)] };
  }

  /** The next diagnostics published for `uri` after index `after` (default: after the last one seen now) that satisfy `accept`. */
  waitForDiagnostics(
    uri: string,
    options: {
      after?: number;
      version?: number;
      accept?: (p: PublishDiagnosticsParams) => boolean;
      timeoutMs?: number;
    } = {},
  ): Promise<PublishDiagnosticsParams> {
    const after = options.after ?? this.published.length;
    return this.waitFor(
      () =>
        this.published
          .slice(after)
          .find(
            (p) =>
              p.uri === uri &&
              (options.version === undefined || p.version === options.version) &&
              (!options.accept || options.accept(p)),
          ),
      options.timeoutMs,
      `diagnostics for ${uri}`,
    );
  }

  /** Resolves when the server reported the end of a work-done progress (indexing finished). */
  waitForIndexed(count = 1, timeoutMs = 30_000): Promise<void> {
    return this.waitFor(
      () => (this.progress.filter((p) => p.value.kind === 'end').length >= count ? true : undefined),
      timeoutMs,
      'indexing to finish',
    ).then(() => undefined);
  }

  open(file: string, text?: string, languageId = 'pactline-yaml'): string {
    const uri = file.includes('://') || file.startsWith('untitled:') ? file : uriOf(file);
    const content = text ?? readFileSync(file, 'utf8');
    this.versions.set(uri, 1);
    this.texts.set(uri, content);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: content } });
    return uri;
  }

  text(uri: string): string {
    return this.texts.get(uri) ?? '';
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  /** An incremental edit: replace `range` with `newText`. Returns the new version. */
  edit(uri: string, range: Range, newText: string): number {
    const text = this.texts.get(uri) ?? '';
    const start = offsetAt(text, range.start);
    const end = offsetAt(text, range.end);
    this.texts.set(uri, text.slice(0, start) + newText + text.slice(end));
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.notify('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text: newText }],
    });
    return version;
  }

  /** Replaces the first occurrence of `search` (after `from`) by `replacement`, as an incremental edit. */
  replace(uri: string, search: string, replacement: string, from = 0): number {
    const text = this.texts.get(uri) ?? '';
    const at = text.indexOf(search, from);
    if (at < 0) throw new Error(`"${search}" not found in ${uri}`);
    return this.edit(uri, { start: positionAt(text, at), end: positionAt(text, at + search.length) }, replacement);
  }

  close(uri: string): void {
    this.texts.delete(uri);
    this.versions.delete(uri);
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** Sends workspace/didChangeWatchedFiles (1 created, 2 changed, 3 deleted). */
  fileEvents(changes: { file: string; type: 1 | 2 | 3 }[]): void {
    this.notify('workspace/didChangeWatchedFiles', {
      changes: changes.map((c) => ({ uri: uriOf(c.file), type: c.type })),
    });
  }

  /** shutdown + exit; resolves with the process's exit code. */
  async shutdown(timeoutMs = 10_000): Promise<number | null> {
    const timer = setTimeout(() => this.kill(), timeoutMs);
    try {
      await this.request('shutdown', null);
      this.notify('exit', null);
      return await this.exitCode;
    } finally {
      clearTimeout(timer);
      this.connection.dispose();
    }
  }

  /** Ends the process whatever its state (after a failure). */
  kill(): void {
    try {
      this.connection.dispose();
    } catch {
      // already gone
    }
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  get exited(): Promise<number | null> {
    return this.exitCode;
  }
}

export function offsetAt(text: string, position: Position): number {
  let line = 0;
  let offset = 0;
  while (line < position.line) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
    line++;
  }
  const lineEnd = text.indexOf('\n', offset);
  return Math.min(offset + position.character, lineEnd < 0 ? text.length : lineEnd);
}

export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/** The position of the `nth` occurrence of `search` in `text` (plus `delta` characters). */
export function find(text: string, search: string, delta = 0, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(search, at + 1);
    if (at < 0) throw new Error(`"${search}" (#${nth}) not found`);
  }
  return positionAt(text, at + delta);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
