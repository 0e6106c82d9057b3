// Shared by the breaking-change tests: temporary git repositories (created under os.tmpdir(), never
// in the project's own checkout), the CLI run in-process or as a bundled executable.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runBreaking } from '../../server/src/cli/breaking';
import { RunError } from '../../server/src/cli/lint';
import { UsageError } from '../../server/src/cli/args';
import type { Compatibility } from '../../server/src/engine/breaking';

export const ROOT = path.resolve(__dirname, '..', '..');

/** Environment for test git commands: no user or system configuration can change the outcome. */
const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: os.devNull,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_TERMINAL_PROMPT: '0',
};

export function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim();
}

const made: string[] = [];

/** A fresh directory under the system's temporary folder, removed at exit. */
export function tempDir(prefix = 'pactline-breaking-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

process.on('exit', () => {
  for (const dir of made) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort
    }
  }
});

export class Repo {
  constructor(readonly dir: string) {}

  static init(files: Record<string, string> = {}, message = 'base'): Repo {
    const repo = new Repo(tempDir());
    git(repo.dir, 'init', '-q', '-b', 'main');
    if (Object.keys(files).length) {
      repo.write(files);
      repo.commit(message);
    }
    return repo;
  }

  write(files: Record<string, string | null>): this {
    for (const [file, text] of Object.entries(files)) {
      const full = path.join(this.dir, file);
      if (text === null) {
        fs.rmSync(full, { force: true });
        continue;
      }
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, text);
    }
    return this;
  }

  move(from: string, to: string): this {
    fs.mkdirSync(path.dirname(path.join(this.dir, to)), { recursive: true });
    fs.renameSync(path.join(this.dir, from), path.join(this.dir, to));
    return this;
  }

  commit(message = 'change'): string {
    git(this.dir, 'add', '-A');
    git(this.dir, 'commit', '-q', '--allow-empty', '-m', message);
    return git(this.dir, 'rev-parse', 'HEAD');
  }

  git(...args: string[]): string {
    return git(this.dir, ...args);
  }
}

export interface JsonFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  change?: { kind: string; path: string; before: unknown; after: unknown };
  impact?: { kind: string; id: string; file: string; detail?: string }[];
}

export interface InProcessResult {
  exitCode: number;
  findings: JsonFinding[];
  notes: string[];
  /** For a run that failed (exit 2): the message. */
  error?: string;
}

/** `pactline breaking` (or `lint --against` with `withLint`) in-process, JSON report parsed. */
export async function breaking(
  cwd: string,
  ref: string,
  options: { compat?: Compatibility; paths?: string[]; withLint?: boolean; configFile?: string } = {},
): Promise<InProcessResult> {
  try {
    const result = await runBreaking({
      paths: options.paths ?? [],
      cwd,
      ref,
      compat: options.compat,
      format: 'json',
      failOn: 'error',
      configFile: options.configFile,
      verbose: false,
      color: false,
      version: 'test',
      withLint: options.withLint ?? false,
    });
    return {
      exitCode: result.exitCode,
      findings: JSON.parse(result.output).findings as JsonFinding[],
      notes: result.notes,
    };
  } catch (error) {
    if (error instanceof RunError || error instanceof UsageError)
      return { exitCode: 2, findings: [], notes: [], error: error.message };
    throw error;
  }
}

// ---- the CLI as users run it -------------------------------------------------------------------

let bundled: string | undefined;

/** Bundles server/src/cli/main.ts once per test process (the build users run is the same bundle). */
export function cliPath(): string {
  if (bundled) return bundled;
  const out = path.join(tempDir('pactline-cli-'), 'cli.js');

  const esbuild = require('esbuild') as typeof import('esbuild');
  esbuild.buildSync({
    entryPoints: [path.join(ROOT, 'server/src/cli/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: out,
    logLevel: 'error',
    external: ['vscode'],
  });
  bundled = out;
  return out;
}

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function cli(cwd: string, args: string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [cliPath(), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...GIT_ENV, NO_COLOR: '1', ...env },
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

// ---- documents ----------------------------------------------------------------------------------

/** An ODCS contract with one schema object `orders` whose properties are given as YAML. */
export function odcs(
  properties: string,
  options: { id?: string; version?: string; extra?: string; object?: string; objectExtra?: string } = {},
): string {
  return [
    'apiVersion: v3.1.0',
    'kind: DataContract',
    `id: ${options.id ?? 'orders'}`,
    `version: ${options.version ?? '1.0.0'}`,
    'status: active',
    ...(options.extra ? [options.extra.trimEnd()] : []),
    'schema:',
    `  - name: ${options.object ?? 'orders'}`,
    ...(options.objectExtra ? [indent(options.objectExtra, 4)] : []),
    '    properties:',
    indent(properties, 6),
    '',
  ].join('\n');
}

export function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .trimEnd()
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}
