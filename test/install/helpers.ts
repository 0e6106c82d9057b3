// Shared by the install and integration tests: processes, git repositories, a copy of this repository
// as a commit of its working tree would hold it, and the npm tarball packed from that copy.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without a shell; NO_COLOR so reports are plain; never throws on a non-zero exit. */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string; timeout?: number },
): Run {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeout: options.timeout ?? 10 * 60_000,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `run`, asserting exit 0; returns stdout. */
export function ok(command: string, args: string[], options: Parameters<typeof run>[2]): string {
  const r = run(command, args, options);
  assert.equal(r.code, 0, `${command} ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Pactline Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Pactline Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export function git(cwd: string, ...args: string[]): string {
  return ok('git', args, { cwd, env: GIT_ENV });
}

/** A new git repository at `dir` on branch main, with everything in it committed. */
export function gitInit(dir: string, message = 'initial'): void {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', message);
}

export { GIT_ENV };

/**
 * Copies this repository into `dest` as a commit of its working tree would hold it: the tracked files
 * (as they are now, deleted ones left out) and the untracked ones git does not ignore; no node_modules,
 * no dist/, no .git.
 */
export function copyRepo(dest: string): void {
  const list = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(list.status, 0, list.stderr);
  for (const file of new Set(list.stdout.split('\0').filter(Boolean))) {
    const from = join(ROOT, file);
    if (!existsSync(from) || !statSync(from).isFile()) continue;
    mkdirSync(dirname(join(dest, file)), { recursive: true });
    copyFileSync(from, join(dest, file));
  }
}

export interface Packed {
  tarball: string;
  /** Bytes of the .tgz file. */
  size: number;
  /** Paths inside the package (without the `package/` prefix). */
  files: string[];
}

/**
 * `npm pack` of a copy of this repository (`prepare` builds dist/ for production there), the way a
 * release or a git-URL install makes the package. The copy borrows this checkout's node_modules
 * (read only: the build reads the bundler and the bundled libraries) so no download is needed.
 */
export function packTarball(work: string): Packed {
  const src = join(work, 'src');
  copyRepo(src);
  symlinkSync(join(ROOT, 'node_modules'), join(src, 'node_modules'), 'dir');
  const out = join(work, 'pack');
  mkdirSync(out, { recursive: true });
  const stdout = ok('npm', ['pack', '--json', '--pack-destination', out], { cwd: src, timeout: 5 * 60_000 });
  const [info] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  const tarball = join(out, info.filename);
  return { tarball, size: statSync(tarball).size, files: info.files.map((f) => f.path) };
}
