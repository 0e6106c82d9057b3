// Helpers for the security tests of the engine side (many keys, rename, links, report injection,
// protocol): the real CLI as a process with a time limit, and the CPU time a process used, which
// says how much work an input costs even when the shared machine is busy (wall time does not).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const CLI = join(ROOT, 'dist', 'cli.js');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** User + system CPU time of the CLI process, measured by the process itself at exit. */
  cpuMs: number | undefined;
}

/** Runs `node dist/cli.js ...args`; killed (and the run returned with its signal) after `timeoutMs`. */
export function runCli(
  args: string[],
  options: { cwd?: string; input?: string; timeoutMs?: number } = {},
): Promise<CliRun> {
  const dir = mkdtempSync(join(tmpdir(), 'pactline-sec-cli-'));
  const preload = join(dir, 'cpu.cjs');
  const cpuFile = join(dir, 'cpu.json');
  writeFileSync(
    preload,
    `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(cpuFile)}, JSON.stringify(process.cpuUsage())));\n`,
  );
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  delete env.GITHUB_ACTIONS;
  const started = performance.now();
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['--require', preload, CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let cpuMs: number | undefined;
      if (existsSync(cpuFile)) {
        const cpu = JSON.parse(readFileSync(cpuFile, 'utf8')) as { user: number; system: number };
        cpuMs = (cpu.user + cpu.system) / 1000;
      }
      rmSync(dir, { recursive: true, force: true });
      resolveRun({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        wallMs: performance.now() - started,
        cpuMs,
      });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** CPU time (user + system, ms) a process has used so far, from /proc; undefined where there is none. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/** A temporary folder, removed by `dispose`. */
export function tempDir(prefix = 'pactline-sec-'): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
