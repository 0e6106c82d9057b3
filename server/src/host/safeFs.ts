// The one way Pactline reads a user's file (CLI, language server, configuration): a repository may
// come from a hostile pull request, so a committed symbolic link must not make Pactline print the
// target's secrets (`pactline.yaml -> ~/.git-credentials`), and a link to `/dev/zero` or a FIFO
// must not hang it or fill its memory.
//
// - `lstat` and `realpath` first: a path inside the workspace whose real target is outside it is
//   refused (a link out, or a folder on the way that is one); nothing of the target is read.
// - Only regular files are read: FIFOs, devices, sockets and folders are refused by their type,
//   checked again on the open descriptor (opened non-blocking, so a FIFO never blocks).
// - The size is checked before reading; reads stop at the limit.
// A path outside the workspace that the user named himself (an absolute path on the command line)
// is read as named: only what the repository controls is distrusted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReadRefusal } from '../engine/document';
import { HARD_READ_LIMIT } from '../engine/limits';

export { HARD_READ_LIMIT };
/** What is read of a file over the limit: enough to tell its kind by its top-level keys. */
export const HEAD_BYTES = 64 * 1024;

/** Why a file was not read (a finding, never its content): the engine's type, so it makes the finding. */
export type Refusal = ReadRefusal;

export type ReadResult =
  | { status: 'ok'; bytes: Buffer }
  | { status: 'refused'; refusal: Refusal }
  | { status: 'missing' }
  | { status: 'unreadable'; message: string };

/** A workspace root: symbolic links under it are followed only to targets under it. */
export interface Workspace {
  /** Absolute, as given (paths are compared with it lexically). */
  readonly root: string;
  /** The root with every symbolic link resolved (real paths are compared with it). */
  readonly realRoot: string;
}

export function workspaceAt(root: string): Workspace {
  const absolute = path.resolve(root);
  let realRoot = absolute;
  try {
    realRoot = fs.realpathSync(absolute);
  } catch {
    // a root that does not exist holds nothing; the lexical path is as good
  }
  return { root: absolute, realRoot };
}

/** An absolute POSIX path with nothing to normalise: no `//`, no `.` or `..` part, no trailing `/`. */
const PLAIN_POSIX = /^(?:\/(?!\.\.?(?:\/|$))[^/]+)+$/;

/** Whether `p` is a plain absolute path on a POSIX system (so that string comparisons are path comparisons). */
export function isPlainPath(p: string): boolean {
  return path.sep === '/' && PLAIN_POSIX.test(p);
}

/** Whether `file` is `root` or under it (both absolute). */
export function isInside(root: string, file: string): boolean {
  // Checked once per file read: plain paths (the usual case) are compared as strings, which is
  // what path.relative comes to for them, without building the relative path.
  if (isPlainPath(root) && isPlainPath(file))
    return file.startsWith(root) && (file.length === root.length || file.charCodeAt(root.length) === 0x2f);
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel));
}

/** The nearest folder from `dir` upwards that holds `.git` (the repository root), if any. */
export function repositoryRoot(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (exists(path.join(current, '.git'))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

/** Whether something (a file, a folder, a link, even a broken one) is at `file`. */
export function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** A file type in words, for messages. */
export function typeName(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isDirectory()) return 'a folder';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/**
 * The libc `realpath` (one call; Node's own walks the path a component at a time: 0.5 s over
 * 10,000 files). Node's, with its error, when the native one fails.
 */
function realPath(absolute: string): string {
  try {
    return fs.realpathSync.native(absolute);
  } catch {
    return fs.realpathSync(absolute);
  }
}

type Located = { status: 'ok'; real: string; stat: fs.Stats } | Exclude<ReadResult, { status: 'ok' }>;

/** Where a path really is, refused when it leads out of the workspace or is not a regular file. */
function locate(file: string, ws: Workspace | undefined): Located {
  const absolute = path.resolve(file);
  let real: string;
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(absolute);
    real = realPath(absolute);
  } catch (error) {
    return failure(error);
  }
  if (ws && isInside(ws.root, absolute) && !isInside(ws.realRoot, real))
    return { status: 'refused', refusal: { reason: 'outside' } };
  // Not a link itself: `real` is the same file (only folders on the way were links), already described.
  if (stat.isSymbolicLink()) {
    try {
      stat = fs.lstatSync(real);
    } catch (error) {
      return failure(error);
    }
  }
  if (!stat.isFile()) return { status: 'refused', refusal: { reason: 'special', type: typeName(stat) } };
  return { status: 'ok', real, stat };
}

function failure(error: unknown): Exclude<ReadResult, { status: 'ok' | 'refused' }> {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing' };
  if (code === 'ELOOP') return { status: 'unreadable', message: 'too many levels of symbolic links' };
  if (code === 'EACCES' || code === 'EPERM') return { status: 'unreadable', message: 'permission denied' };
  return { status: 'unreadable', message: (error as Error).message };
}

// Non-blocking: opening a FIFO for reading would otherwise wait for a writer forever. No following
// of a link swapped in after `realpath`. (Both are 0, i.e. absent, on Windows, which has no FIFOs.)
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0);

function limitOf(limit: number): number {
  return Math.max(0, Math.min(limit, HARD_READ_LIMIT));
}

/**
 * Reads a file the safe way (see the top of this file). `ws`: the workspace the path belongs to;
 * `limit`: the largest size read (the configuration's `maxFileSize`).
 */
export function readFileSafe(file: string, ws: Workspace | undefined, limit: number): ReadResult {
  const located = locate(file, ws);
  if (located.status !== 'ok') return located;
  const max = limitOf(limit);
  let fd: number;
  try {
    fd = fs.openSync(located.real, OPEN_FLAGS);
  } catch (error) {
    return failure(error);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { status: 'refused', refusal: { reason: 'special', type: typeName(stat) } };
    if (stat.size > max) {
      const head = Buffer.alloc(Math.min(HEAD_BYTES, stat.size));
      const n = fs.readSync(fd, head, 0, head.length, 0);
      return {
        status: 'refused',
        refusal: { reason: 'too-large', size: stat.size, limit: max, head: head.subarray(0, n) },
      };
    }
    // The size may be 0 for files that generate their content (/proc): read to the end, up to the limit.
    // Sized to the file (one byte more, to notice growth): a 64 KiB buffer per file, which the bytes
    // handed out keep alive, cost 640 MB and seconds of zero-filling over 10,000 contracts.
    let buffer = Buffer.alloc(Math.min(max + 1, stat.size > 0 ? stat.size + 1 : 64 * 1024));
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        if (buffer.length > max) break;
        const grown = Buffer.alloc(Math.min(max + 1, buffer.length * 2));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
      }
      const n = fs.readSync(fd, buffer, total, buffer.length - total, null);
      if (n === 0) break;
      total += n;
    }
    if (total > max)
      return {
        status: 'refused',
        refusal: {
          reason: 'too-large',
          size: total,
          limit: max,
          head: buffer.subarray(0, Math.min(HEAD_BYTES, total)),
        },
      };
    return { status: 'ok', bytes: buffer.subarray(0, total) };
  } catch (error) {
    return failure(error);
  } finally {
    fs.closeSync(fd);
  }
}

/** `readFileSafe` without blocking the event loop on the reads (the language server). */
export async function readFileSafeAsync(file: string, ws: Workspace | undefined, limit: number): Promise<ReadResult> {
  const located = locate(file, ws);
  if (located.status !== 'ok') return located;
  const max = limitOf(limit);
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(located.real, OPEN_FLAGS);
  } catch (error) {
    return failure(error);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { status: 'refused', refusal: { reason: 'special', type: typeName(stat) } };
    if (stat.size > max) {
      const head = Buffer.alloc(Math.min(HEAD_BYTES, stat.size));
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return {
        status: 'refused',
        refusal: { reason: 'too-large', size: stat.size, limit: max, head: head.subarray(0, bytesRead) },
      };
    }
    let buffer = Buffer.alloc(Math.min(max + 1, stat.size > 0 ? stat.size + 1 : 64 * 1024));
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        if (buffer.length > max) break;
        const grown = Buffer.alloc(Math.min(max + 1, buffer.length * 2));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    if (total > max)
      return {
        status: 'refused',
        refusal: {
          reason: 'too-large',
          size: total,
          limit: max,
          head: buffer.subarray(0, Math.min(HEAD_BYTES, total)),
        },
      };
    return { status: 'ok', bytes: buffer.subarray(0, total) };
  } catch (error) {
    return failure(error);
  } finally {
    await handle.close();
  }
}

/** What a refusal says about a path, in one sentence (never anything of the target's content). */
export function describeRefusal(refusal: Refusal): string {
  switch (refusal.reason) {
    case 'outside':
      return 'is a symbolic link to a file outside the workspace (or lies in a linked folder that leads out of it); Pactline does not follow it';
    case 'special':
      return `is ${refusal.type}, not a regular file; Pactline does not read it`;
    case 'too-large':
      return `is ${refusal.size} bytes, more than the ${refusal.limit} bytes Pactline reads`;
  }
}

export interface WalkEntry {
  /** The path as found (through the workspace's folders; a link keeps its own name). */
  absolute: string;
}

export interface WalkResult {
  files: WalkEntry[];
  /** Files not read: links out of the workspace, FIFOs, devices, sockets with a name we read. */
  refused: { absolute: string; refusal: Refusal }[];
  /** Folders not entered, and why (links out of the workspace); for --verbose. */
  skipped: { absolute: string; why: string }[];
}

export interface WalkOptions {
  /** Whether a folder of this name is never entered. */
  skipDirectory(name: string): boolean;
  /** Whether a file of this name is one to read. */
  acceptFile(name: string): boolean;
}

/**
 * Every file under `dir` the options accept, in name order. Symbolic links are followed only to
 * targets inside the workspace; a file reached both directly and through a link is listed once
 * (under its own name), and a folder linked into itself is entered once.
 */
export function walkFiles(dir: string, ws: Workspace, options: WalkOptions): WalkResult {
  const result: WalkResult = { files: [], refused: [], skipped: [] };
  const byReal = new Map<string, { entry: WalkEntry; linked: boolean }>();
  const visited = new Set<string>();
  const add = (absolute: string, real: string, linked: boolean) => {
    const known = byReal.get(real);
    if (!known) {
      const entry = { absolute };
      byReal.set(real, { entry, linked });
      result.files.push(entry);
    } else if (known.linked && !linked) {
      // The file itself wins over a link to it.
      known.entry.absolute = absolute;
      known.linked = false;
    }
  };
  const enter = (folder: string, real: string) => {
    if (visited.has(real)) return;
    visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!options.skipDirectory(entry.name)) enter(full, path.join(real, entry.name));
      } else if (entry.isFile()) {
        if (options.acceptFile(entry.name)) add(full, path.join(real, entry.name), false);
      } else if (entry.isSymbolicLink()) {
        let target: string;
        let stat: fs.Stats;
        try {
          target = realPath(full);
          stat = fs.statSync(target);
        } catch {
          continue; // a broken link: nothing there
        }
        if (stat.isDirectory()) {
          if (options.skipDirectory(entry.name)) continue;
          if (!isInside(ws.realRoot, target))
            result.skipped.push({ absolute: full, why: 'a symbolic link to a folder outside the workspace' });
          else enter(full, target);
        } else if (options.acceptFile(entry.name)) {
          if (!isInside(ws.realRoot, target)) result.refused.push({ absolute: full, refusal: { reason: 'outside' } });
          else if (!stat.isFile())
            result.refused.push({ absolute: full, refusal: { reason: 'special', type: typeName(stat) } });
          else add(full, target, true);
        }
      } else if (options.acceptFile(entry.name)) {
        let stat: fs.Stats;
        try {
          stat = fs.lstatSync(full);
        } catch {
          continue;
        }
        result.refused.push({ absolute: full, refusal: { reason: 'special', type: typeName(stat) } });
      }
    }
  };
  let realDir: string;
  try {
    realDir = fs.realpathSync(dir);
  } catch {
    return result;
  }
  if (isInside(ws.root, path.resolve(dir)) && !isInside(ws.realRoot, realDir)) {
    result.skipped.push({ absolute: path.resolve(dir), why: 'a symbolic link to a folder outside the workspace' });
    return result;
  }
  enter(path.resolve(dir), realDir);
  return result;
}

/**
 * Reads stdin, at most `limit` bytes plus one (so that "more than the limit" can be told): a pipe
 * from `/dev/zero` ends at the limit instead of filling the memory.
 */
export function readStdinBounded(limit: number): Buffer {
  const max = limitOf(limit);
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(64 * 1024);
  while (total <= max) {
    let n: number;
    try {
      n = fs.readSync(0, chunk, 0, Math.min(chunk.length, max + 1 - total), null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw error;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, n)));
    total += n;
  }
  return Buffer.concat(chunks, total);
}
