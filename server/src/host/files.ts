// Which files to check and where the configuration is, for the CLI and the language server alike:
// found and read through safeFs.ts, so that no symbolic link leads out of the workspace and no
// special file is read.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResolvedConfig } from '../engine/config';
import { isIgnored } from '../engine/ignore';
import type { ReadRefusal } from '../engine/document';
import { isYamlPath, kindFromName } from '../engine/kinds';
import { RunError } from './errors';
import {
  exists,
  isInside,
  isPlainPath,
  readFileSafe,
  repositoryRoot,
  walkFiles,
  workspaceAt,
  type Workspace,
} from './safeFs';

/** Folders never searched: dependencies, build output, version control. */
export const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'out',
  '.venv',
  'venv',
  '__pycache__',
  'target',
]);

export const CONFIG_FILE_NAMES = ['pactline.yaml', '.pactline.yaml', 'pactline.yml', '.pactline.yml'];

/** Forward-slash path relative to `from` (the report's way of naming files). */
export function relativePath(from: string, file: string): string {
  // Once per file found: a file under a plain `from` is the rest of its path (as path.relative says).
  if (file.charCodeAt(from.length) === 0x2f && file.startsWith(from) && isPlainPath(from) && isPlainPath(file))
    return file.slice(from.length + 1);
  const rel = path.relative(from, file) || path.basename(file);
  return rel.split(path.sep).join('/');
}

export interface FoundFile {
  absolute: string;
  /** Relative to the working directory, forward slashes. */
  relative: string;
  /** The workspace whose links it may follow. */
  workspace?: Workspace;
  /** Named on the command line (not found by walking a folder): failing to read it fails the run. */
  named?: boolean;
  /** Not to be read: a link out of the workspace, or not a regular file. */
  refusal?: ReadRefusal;
}

/**
 * The workspace of a run in `cwd`: the repository root (the folder holding `.git`, where the
 * configuration search stops too), else `cwd`.
 */
export function workspaceOf(cwd: string): Workspace {
  return workspaceAt(repositoryRoot(cwd) ?? cwd);
}

/**
 * The workspace a named path belongs to: the run's own when the path is in it; else (a path the
 * user typed that lies elsewhere) the repository around its real location, or that location.
 */
export function workspaceFor(absolute: string, base: Workspace): Workspace {
  if (isInside(base.root, absolute)) return base;
  let real = absolute;
  try {
    real = fs.realpathSync(absolute);
    if (!fs.statSync(real).isDirectory()) real = path.dirname(real);
  } catch {
    real = path.dirname(absolute);
  }
  return workspaceAt(repositoryRoot(real) ?? real);
}

export function isSkippedDirectory(name: string): boolean {
  return SKIPPED_DIRECTORIES.has(name) || (name.startsWith('.') && name !== '.pactline');
}

export function isCandidateName(name: string): boolean {
  return isYamlPath(name) || kindFromName(name) !== undefined;
}

/**
 * Every YAML file under the given paths (files given explicitly are taken as they are), skipping
 * ignored ones. Which of them Pactline understands is decided by the engine, by name or content.
 * Links that lead out of the workspace and special files come back with their refusal, unread.
 */
export function findYamlFiles(
  paths: readonly string[],
  cwd: string,
  config: ResolvedConfig,
  workspace?: Workspace,
): { files: FoundFile[]; missing: string[]; notes: string[] } {
  const seen = new Set<string>();
  const files: FoundFile[] = [];
  const missing: string[] = [];
  const notes: string[] = [];
  const configRoot = config.root ? path.resolve(cwd, config.root) : cwd;
  const base = workspace ?? workspaceOf(cwd);
  const add = (absolute: string, ws: Workspace, extra: Partial<FoundFile> = {}) => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    if (isIgnored(config, relativePath(configRoot, absolute))) return;
    files.push({ absolute, relative: relativePath(cwd, absolute), workspace: ws, ...extra });
  };
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    const ws = workspaceFor(absolute, base);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      // A broken link or nothing at all; a link that cannot be resolved is still refused.
      if (exists(absolute)) add(absolute, ws, { named: true });
      else missing.push(given);
      continue;
    }
    if (!stat.isDirectory()) {
      add(absolute, ws, { named: true });
      continue;
    }
    let real = absolute;
    try {
      real = fs.realpathSync(absolute);
    } catch {
      // checked by the walk
    }
    if (isInside(ws.root, absolute) && !isInside(ws.realRoot, real)) {
      add(absolute, ws, { named: true, refusal: { reason: 'outside' } });
      continue;
    }
    const walked = walkFiles(absolute, ws, { skipDirectory: isSkippedDirectory, acceptFile: isCandidateName });
    for (const file of walked.files) add(file.absolute, ws);
    for (const file of walked.refused) add(file.absolute, ws, { refusal: file.refusal });
    for (const dir of walked.skipped) notes.push(`skipped ${relativePath(cwd, dir.absolute)}: ${dir.why}`);
  }
  return { files, missing, notes };
}

/**
 * The configuration that applies: the nearest pactline.yaml/.pactline.yaml from the first path
 * upwards, stopping at the repository root (the folder that holds `.git`).
 */
export function findConfigFile(start: string): string | undefined {
  let dir = start;
  try {
    if (!fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    dir = path.dirname(dir);
  }
  for (;;) {
    // lstat: a configuration that is a broken link or a FIFO is found, and refused when read.
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (exists(candidate)) return candidate;
    }
    if (exists(path.join(dir, '.git'))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Hands each file's bytes to the engine; a refused file becomes its finding. A file found in a
 * folder that cannot be read is skipped with a note (one unreadable file must not hide the findings
 * of the others); one named on the command line fails the run (RunError): it was asked for.
 */
export function loadFiles(
  service: {
    setDocumentBytes(path: string, bytes: Uint8Array): unknown;
    setRefusedDocument(path: string, refusal: ReadRefusal): unknown;
    readonly config: ResolvedConfig;
  },
  files: readonly FoundFile[],
  notes: string[],
  skip?: (file: FoundFile) => boolean,
): void {
  const failed: string[] = [];
  for (const file of files) {
    if (skip?.(file)) continue;
    if (file.refusal) {
      service.setRefusedDocument(file.relative, file.refusal);
      continue;
    }
    const read = readFileSafe(file.absolute, file.workspace, service.config.maxFileSize);
    if (read.status === 'ok') service.setDocumentBytes(file.relative, read.bytes);
    else if (read.status === 'refused') service.setRefusedDocument(file.relative, read.refusal);
    else {
      const why = read.status === 'missing' ? 'no such file (or a broken symbolic link)' : read.message;
      if (file.named) failed.push(`${file.relative}: ${why}`);
      else notes.push(`skipped ${file.relative}: ${why}`);
    }
  }
  if (failed.length)
    throw new RunError(
      `Cannot read ${failed.length === 1 ? 'the file' : 'these files'} named on the command line: ${failed.join('; ')}`,
    );
}
