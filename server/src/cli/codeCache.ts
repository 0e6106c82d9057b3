// Loading the full CLI (dist/cli-main.js) with a V8 code cache: compiling the bundle, and then
// each function a lint calls, costs a few hundred milliseconds at every start; V8 can instead
// deserialise the code a previous run compiled. The cache is per user, beside the lint cache's
// key (`$XDG_CACHE_HOME/pactline/code/`), one file per bundle (by the SHA-256 of its bytes), Node
// version and command, written once after a run that had none (so it holds what that command
// compiled).
//
// V8 checks the cache's format, its own version and flags, and the source's length, but not (in
// release builds) the payload's checksum, so each file carries a SHA-256 of its payload; a file
// that fails it, is not a regular file, is not the user's own, or is writable by others is not
// used. A cache V8 rejects (`cachedDataRejected`) is written again. Anything that goes wrong
// (no cache folder, a read-only one) leaves the bundle loaded the plain way, as does
// `PACTLINE_NO_CODE_CACHE=1`.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

const MAGIC = 'pactline-code-cache 1';
/** Larger files are not V8 code caches of ours (a lint's is about 2 MB). */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;
/** Code caches kept in the folder (bundles, Node versions, commands); the oldest beyond are removed. */
const KEEP = 16;
const SUFFIX = '.v8cache';

/** Pactline's per-user cache folder (outside any repository): `$XDG_CACHE_HOME/pactline`. */
export function userCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'pactline');
}

/** Where the code caches are. */
export function codeCacheDir(): string {
  return path.join(userCacheDir(), 'code');
}

export type CodeCacheState = 'off' | 'none' | 'used' | 'rejected';

export interface LoadedBundle<T> {
  exports: T;
  /** What became of the code cache: not tried, none usable, used, or refused by V8. */
  cache: CodeCacheState;
}

/**
 * Runs the CommonJS bundle `file` as `require` would, with the code cache of `command` (the first
 * argument, so that each command's cache holds the functions it runs). A cache is written at exit
 * when none was used. Source maps (`--enable-source-maps`) need Node's own loader: then it is `require`.
 */
export function loadWithCodeCache<T>(file: string, command: string): LoadedBundle<T> {
  if (sourceMapsWanted() || process.env.PACTLINE_NO_CODE_CACHE) return { exports: require(file) as T, cache: 'off' };
  const bytes = fs.readFileSync(file);
  const bundleHash = createHash('sha256').update(bytes).digest('hex');
  const cacheFile = path.join(codeCacheDir(), cacheName(bundleHash, command));
  const cachedData = readCodeCache(cacheFile);
  // esbuild writes ASCII (non-ASCII characters escaped): read as Latin-1, without UTF-8 decoding.
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const state: CodeCacheState = !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = module.paths;
  const requireFn = Module.createRequire(file);
  const wrapper = script.runInThisContext({ displayErrors: true }) as (
    exports: unknown,
    require: NodeJS.Require,
    module: Module,
    filename: string,
    dirname: string,
  ) => void;
  wrapper.call(mod.exports, mod.exports, requireFn, mod, file, path.dirname(file));
  mod.loaded = true;
  // Written at exit, so that it holds the functions this run compiled, not only the top level.
  if (state !== 'used') process.once('exit', () => writeCodeCache(cacheFile, script));
  return { exports: mod.exports as T, cache: state };
}

/** The cache file's name: the bundle's hash, the V8 version and architecture, the command. */
export function cacheName(bundleHash: string, command: string): string {
  const flavour = /^[a-z][a-z-]{0,20}$/.test(command) ? command : 'other';
  const id = createHash('sha256')
    .update(`${bundleHash}\0${process.version}\0${process.versions.v8}\0${process.arch}\0${flavour}`)
    .digest('hex')
    .slice(0, 40);
  return `${id}.${flavour}${SUFFIX}`;
}

function sourceMapsWanted(): boolean {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return (
    flags.includes('--enable-source-maps') || (process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled === true
  );
}

function isAscii(bytes: Buffer): boolean {
  // buffer.isAscii is Node ≥ 18.15 / 19.6; without it, decode as UTF-8 (always right).
  const check = (require('node:buffer') as { isAscii?: (b: Buffer) => boolean }).isAscii;
  return check ? check(bytes) : false;
}

function ownUid(): number | undefined {
  return typeof process.getuid === 'function' ? process.getuid() : undefined;
}

/** Whether a file (by its stat) is trusted: a regular file of this user, written by no one else. */
function trusted(stat: fs.Stats): boolean {
  if (!stat.isFile()) return false;
  if (process.platform === 'win32') return true;
  const uid = ownUid();
  if (uid !== undefined && stat.uid !== uid) return false;
  return (stat.mode & 0o022) === 0;
}

/** The payload of a cache file, when it is trusted and intact; undefined otherwise. */
export function readCodeCache(file: string): Buffer | undefined {
  let fd: number;
  try {
    // O_NOFOLLOW: a link at the cache's path is not followed (it fails with ELOOP).
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!trusted(stat) || stat.size > MAX_CACHE_BYTES || stat.size < MAGIC.length) return undefined;
    const data = Buffer.alloc(stat.size);
    let total = 0;
    while (total < data.length) {
      const n = fs.readSync(fd, data, total, data.length - total, null);
      if (n === 0) break;
      total += n;
    }
    if (total !== data.length) return undefined;
    const eol = data.indexOf(0x0a);
    if (eol < 0 || eol > 200) return undefined;
    const header = data.toString('latin1', 0, eol);
    const digest = header.slice(MAGIC.length + 1);
    if (!header.startsWith(MAGIC + ' ') || !/^[0-9a-f]{64}$/.test(digest)) return undefined;
    const payload = data.subarray(eol + 1);
    if (createHash('sha256').update(payload).digest('hex') !== digest) return undefined;
    return payload;
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes `script`'s code cache to `file`: into a new file (created, never opened through a link),
 * renamed into place. Only into a folder of this user that no one else may write. Quiet on failure.
 */
export function writeCodeCache(file: string, script: vm.Script): boolean {
  const dir = path.dirname(file);
  let temporary: string | undefined;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const dirStat = fs.lstatSync(dir);
    if (!dirStat.isDirectory() || (process.platform !== 'win32' && !ownedDir(dirStat))) return false;
    // Serialising costs tens of milliseconds: not for a folder that cannot take the file.
    fs.accessSync(dir, fs.constants.W_OK);
    const payload = script.createCachedData();
    const header = `${MAGIC} ${createHash('sha256').update(payload).digest('hex')}\n`;
    temporary = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    const fd = fs.openSync(temporary, 'wx', 0o600);
    try {
      fs.writeSync(fd, header);
      fs.writeSync(fd, payload);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
    temporary = undefined;
    prune(dir, path.basename(file));
    return true;
  } catch {
    return false;
  } finally {
    if (temporary)
      try {
        fs.unlinkSync(temporary);
      } catch {
        // not made
      }
  }
}

function ownedDir(stat: fs.Stats): boolean {
  const uid = ownUid();
  return (uid === undefined || stat.uid === uid) && (stat.mode & 0o022) === 0;
}

/** Removes the oldest code caches beyond KEEP (other bundles, Node versions), never `keep`. */
function prune(dir: string, keep: string): void {
  const entries: { name: string; mtime: number }[] = [];
  for (const name of fs.readdirSync(dir)) {
    if (!name.endsWith(SUFFIX) || name === keep) continue;
    try {
      entries.push({ name, mtime: fs.lstatSync(path.join(dir, name)).mtimeMs });
    } catch {
      // removed meanwhile
    }
  }
  entries.sort((a, b) => b.mtime - a.mtime);
  for (const entry of entries.slice(KEEP - 1))
    try {
      fs.unlinkSync(path.join(dir, entry.name));
    } catch {
      // removed meanwhile
    }
}
