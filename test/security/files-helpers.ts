// Shared by the file-system security tests (symlinks, special files, fail-closed): the real CLI and
// the real server as processes, each with a time limit (a regression fails instead of hanging) and
// its peak memory measured (a preloaded script prints it at exit).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CLI, LspClient, SERVER, type StartOptions } from '../lsp/client';

export { CLI };

/** A fake credential: it must appear in no output of any run. */
export const TOKEN = 'ghs_PactlineFakeToken7f3a9c2e41b8d06';

const MAXRSS = join(__dirname, 'maxrss.cjs');

export const FORMATS = ['text', 'json', 'markdown', 'github', 'sarif', 'junit', 'gitlab'] as const;

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the process, in MB. */
  maxRssMb: number;
  ms: number;
}

/** Runs `node dist/cli.js ARGS` with a hard time limit (default 10 s) and measures its peak memory. */
export function runCli(args: string[], options: { cwd: string; input?: string | Buffer; timeoutMs?: number }): CliRun {
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--require', MAXRSS, CLI, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: options.timeoutMs ?? 10_000,
    killSignal: 'SIGKILL',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const ms = Date.now() - started;
  const stderr = result.stderr ?? '';
  const rss = /\[maxrss-kb (\d+)\]/.exec(stderr);
  return {
    code: result.status,
    signal: result.signal,
    stdout: result.stdout ?? '',
    ms,
    stderr: stderr.replace(/\n?\[maxrss-kb \d+\]\n/, ''),
    maxRssMb: rss ? Number(rss[1]) / 1024 : Infinity,
  };
}

/** The run finished on its own, in time and within memory (a hang or a blow-up fails here). */
export function assertBounded(run: CliRun, what: string, limits = { ms: 10_000, mb: 400 }): void {
  assert.equal(run.signal, null, `${what}: killed after ${run.ms} ms (a hang or a blow-up)\n${run.stderr}`);
  assert.ok(run.ms < limits.ms, `${what}: took ${run.ms} ms`);
  assert.ok(run.maxRssMb < limits.mb, `${what}: peak memory ${run.maxRssMb.toFixed(0)} MB`);
}

/** The token appears nowhere in what the run printed. */
export function assertNoToken(run: { stdout: string; stderr: string }, what: string): void {
  assert.ok(!run.stdout.includes(TOKEN), `${what}: the token is in stdout:\n${run.stdout.slice(0, 2000)}`);
  assert.ok(!run.stderr.includes(TOKEN), `${what}: the token is in stderr:\n${run.stderr.slice(0, 2000)}`);
}

/** A temporary folder (real path, so that links compare as the tools see them). */
export function tempDir(prefix: string): { dir: string; dispose(): void } {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export function write(file: string, text: string | Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

export function git(cwd: string, ...args: string[]): string {
  const result = spawnSync(
    'git',
    ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args],
    { cwd, encoding: 'utf8', timeout: 20_000 },
  );
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** A valid ODCS contract; `extra` is appended at the top level. */
export function contract(id: string, extra = ''): string {
  return (
    `apiVersion: v3.1.0\nkind: DataContract\nid: ${id}\nversion: 1.0.0\nstatus: active\n` +
    `schema:\n  - name: orders\n    properties:\n      - name: order_id\n        logicalType: string\n${extra}`
  );
}

/**
 * Secrets outside the workspace, each shaped so that reading it would print the token: a
 * credentials file (a string where a mapping is expected), a contract with the token as an unknown
 * key, a configuration naming the token as a rule.
 */
export function writeSecrets(outside: string): {
  credentials: string;
  contract: string;
  config: string;
  folder: string;
} {
  const credentials = join(outside, '.git-credentials');
  write(credentials, `https://x-access-token:${TOKEN}@github.com\n`);
  const leakyContract = join(outside, 'secret.odcs.yaml');
  write(leakyContract, contract('secret', `${TOKEN}: 1\n`));
  const config = join(outside, 'secret-pactline.yaml');
  write(config, `rules:\n  ${TOKEN}: off\n`);
  const folder = join(outside, 'private');
  write(join(folder, 'inner.odcs.yaml'), contract('inner', `${TOKEN}: 1\n`));
  return { credentials, contract: leakyContract, config, folder };
}

export interface ServerRun {
  client: LspClient;
  /** Shuts the server down; resolves with its peak memory in MB. */
  stop(): Promise<number>;
}

/** The real server over stdio (node dist/server.js --stdio), memory measured, for one workspace. */
export async function startServer(
  workspace: string,
  options: Omit<StartOptions, 'workspace' | 'entry'> = {},
): Promise<ServerRun> {
  const client = await LspClient.start({
    ...options,
    workspace,
    entry: { command: process.execPath, args: ['--require', MAXRSS, SERVER, '--stdio'] },
  });
  return {
    client,
    async stop() {
      const code = await client.shutdown(10_000);
      assert.equal(code, 0, `the server exited with ${code}: ${client.stderr}`);
      const rss = /\[maxrss-kb (\d+)\]/.exec(client.stderr);
      return rss ? Number(rss[1]) / 1024 : Infinity;
    },
  };
}

interface WorkspaceItem {
  uri: string;
  kind: string;
  items?: { code?: string | number; message: string }[];
}

/** `workspace/diagnostic` (the server's findings for every indexed file), by path relative to `root`. */
export async function workspaceFindings(
  client: LspClient,
  root: string,
): Promise<Map<string, { code: string; message: string }[]>> {
  const report = await client.request<{ items: WorkspaceItem[] }>('workspace/diagnostic', { previousResultIds: [] });
  const out = new Map<string, { code: string; message: string }[]>();
  const prefix = new URL(`file://${root}/`).href;
  for (const item of report.items) {
    const rel = decodeURIComponent(item.uri.startsWith(prefix) ? item.uri.slice(prefix.length) : item.uri);
    out.set(
      rel,
      (item.items ?? []).map((d) => ({ code: String(d.code), message: d.message })),
    );
  }
  return out;
}

/** Everything the server said to the client, as one string (to search for the token). */
export function everythingSaid(client: LspClient): string {
  return (
    JSON.stringify({
      published: client.published,
      logs: client.logs,
      messages: client.messages,
      status: client.statusChanges,
    }) + client.stderr
  );
}
