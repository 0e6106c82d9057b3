// `pactline lint --cache`: what a run can skip next time, in one file (`.pactline-cache`).
//
// Two parts. The RUN: the last report, with what it was made from (the command line, the
// configuration's bytes, every file's size, times and inode): when none of that changed, the report
// is printed again without loading the engine (cli/entry.ts). The FILES: per file, the SHA-256 of its
// bytes and what parsing and validating those bytes gave (value, kind, schema findings): a file
// whose bytes did not change is neither parsed nor validated again, while the cross-file rules
// (`ref/`, `lineage/`) are always computed afresh over the whole workspace, so a change to one
// file re-checks every file that reads it.
//
// A repository may be hostile and commit a cache that says "no findings". So the cache is
// authenticated: each part carries an HMAC-SHA256 made with a key kept outside the repository
// (`$XDG_CACHE_HOME/pactline/cache-key`, created 0600 on first use). A cache this machine did not
// write, or one changed since, fails the check and is ignored as a whole (the run is a cold one); it
// never suppresses a finding. It is read through safeFs.ts (no link out of the workspace, no FIFO,
// bounded size) and written to a new file renamed into place, so a committed link at its path
// is replaced, never written through. The version of Pactline and of the build are part of the key.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ResolvedConfig } from '../engine/config';
import type { FoundFile } from '../host/files';
import { workspaceOf } from '../host/files';
import { HARD_READ_LIMIT, readFileSafe } from '../host/safeFs';
import type { FileUnit } from './lintLoad';

export const DEFAULT_CACHE_FILE = '.pactline-cache';
const MAGIC = 'pactline-cache 1';

/** The last run's report and what it was made from. */
export interface RunRecord {
  /** Digest of the command line, working directory, colour and build. */
  key: string;
  config: { file?: string; hash?: string; resolved: ResolvedConfig };
  /** Digest of every file's path, size, times and inode (`fileState`). */
  state: string;
  output: string;
  exitCode: 0 | 1;
  notes: string[];
}

/** Where the cache is: `--cache-location` (a folder holds `.pactline-cache`), else the working directory. */
export function cacheLocation(cwd: string, given: string | undefined): string {
  if (!given) return path.join(cwd, DEFAULT_CACHE_FILE);
  const absolute = path.resolve(cwd, given);
  try {
    if (fs.lstatSync(absolute).isDirectory() || /[\\/]$/.test(given)) return path.join(absolute, DEFAULT_CACHE_FILE);
  } catch {
    if (/[\\/]$/.test(given)) return path.join(absolute, DEFAULT_CACHE_FILE);
  }
  return absolute;
}

/** The file holding the key that authenticates caches, outside any repository. */
export function keyFile(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'pactline', 'cache-key');
}

/**
 * The key; created when missing and `create`. Undefined when it cannot be had (then the cache
 * is neither trusted nor written). A key file that is a link or not only ours is not used.
 */
export function cacheKey(create: boolean): Buffer | undefined {
  const file = keyFile();
  const read = (): Buffer | undefined => {
    try {
      const stat = fs.lstatSync(file);
      if (!stat.isFile() || stat.size < 32 || stat.size > 1024) return undefined;
      if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) return undefined;
      if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return undefined;
      return fs.readFileSync(file);
    } catch {
      return undefined;
    }
  };
  const existing = read();
  if (existing || !create) return existing;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, randomBytes(32), { flag: 'wx', mode: 0o600 });
  } catch {
    // another run made it meanwhile, or it cannot be made: read what is there
  }
  return read();
}

/** What changes the meaning of a cached entry besides the file: Pactline's version and build. */
export function buildId(version: string): string {
  // The engine's bundle sits next to this one (dist/); from the sources, the version alone.
  for (const name of ['cli-main.js', 'cli.js']) {
    try {
      const stat = fs.statSync(path.join(__dirname, name));
      return `${version}:${name}:${stat.size}:${Math.round(stat.mtimeMs)}`;
    } catch {
      // not bundled
    }
  }
  return `${version}:source`;
}

export function digest(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The run's identity: everything on the command line but `--jobs` (which changes no finding). */
export function runKey(argv: readonly string[], cwd: string, color: boolean, build: string): string {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--jobs') i++;
    else if (!argv[i].startsWith('--jobs=')) args.push(argv[i]);
  }
  return digest(JSON.stringify({ args, cwd, color, build, noColor: !!process.env.NO_COLOR }));
}

/**
 * Every file as the file system describes it (no read): path, size, modification and change
 * times, inode; a refused file by its refusal. Taken before the files are read, so a file written
 * during a run differs next time.
 */
export function fileState(files: readonly FoundFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    let line: string;
    if (file.refusal) line = `refused:${file.refusal.reason}`;
    else {
      try {
        const s = fs.statSync(file.absolute, { bigint: true });
        line = `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}:${s.dev}:${s.mode}`;
      } catch {
        line = 'missing';
      }
    }
    hash.update(`${file.relative}\0${file.absolute}\0${line}\n`);
  }
  return hash.digest('hex');
}

function mac(key: Buffer, part: string, build: string, body: string): string {
  return createHmac('sha256', key).update(`${part}\0${build}\0`).update(body).digest('hex');
}

function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface ReadCache {
  run?: RunRecord;
  /** The files part, parsed on demand (the run alone is all a "nothing changed" run needs). */
  files(): Map<string, FileUnit>;
}

const EMPTY: ReadCache = { files: () => new Map() };

/**
 * The cache at `location`, when this machine's key authenticates it and it is for this build;
 * otherwise nothing (a missing, foreign, tampered or corrupt cache is the same as none).
 */
export function readCache(location: string, cwd: string, key: Buffer, build: string): ReadCache {
  const read = readFileSafe(location, workspaceOf(cwd), HARD_READ_LIMIT);
  if (read.status !== 'ok') return EMPTY;
  const text = read.bytes.toString('utf8');
  const ends: number[] = [];
  for (let at = -1, i = 0; i < 3; i++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return EMPTY;
    ends.push(at);
  }
  if (text.slice(0, ends[0]) !== `${MAGIC} ${build}`) return EMPTY;
  const [runMac, filesMac] = text.slice(ends[0] + 1, ends[1]).split(' ');
  const runText = text.slice(ends[1] + 1, ends[2]);
  const filesText = text.slice(ends[2] + 1);
  let run: RunRecord | undefined;
  if (runMac && sameMac(runMac, mac(key, 'run', build, runText))) {
    try {
      run = (JSON.parse(runText) as RunRecord | null) ?? undefined;
    } catch {
      run = undefined;
    }
  }
  return {
    run,
    files() {
      if (!filesMac || !sameMac(filesMac, mac(key, 'files', build, filesText))) return new Map();
      try {
        const parsed = JSON.parse(filesText) as Record<string, FileUnit>;
        return new Map(Object.entries(parsed));
      } catch {
        return new Map();
      }
    },
  };
}

/** Writes the cache (a new file renamed into place). Returns why it could not, if it could not. */
export function writeCache(
  location: string,
  key: Buffer,
  build: string,
  run: RunRecord | undefined,
  files: ReadonlyMap<string, FileUnit>,
): string | undefined {
  const runText = JSON.stringify(run ?? null);
  const filesObject: Record<string, FileUnit> = Object.create(null);
  for (const [file, unit] of files) filesObject[file] = unit;
  const filesText = JSON.stringify(filesObject);
  const body =
    `${MAGIC} ${build}\n${mac(key, 'run', build, runText)} ${mac(key, 'files', build, filesText)}\n` +
    `${runText}\n${filesText}`;
  const temporary = `${location}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    // `wx`: never through a link or over a file already there; the rename replaces a link at
    // `location` itself, not what it points to.
    fs.writeFileSync(temporary, body, { flag: 'wx', mode: 0o600 });
    fs.renameSync(temporary, location);
    return undefined;
  } catch (error) {
    try {
      fs.unlinkSync(temporary);
    } catch {
      // not made
    }
    return (error as Error).message;
  }
}

/** The configuration file's bytes, as a digest (undefined: none, or unreadable). */
export function configDigest(file: string | undefined, cwd: string): string | undefined {
  if (!file) return undefined;
  const read = readFileSafe(file, workspaceOf(cwd), HARD_READ_LIMIT);
  return read.status === 'ok' ? digest(read.bytes) : undefined;
}
