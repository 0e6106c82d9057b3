// The CLI's file system side: which files to check, where the configuration is.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isIgnored, type ResolvedConfig } from '../engine/config';
import { isYamlPath, kindFromName } from '../engine/kinds';

/** Folders never searched: dependencies, build output, version control. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.venv', 'venv', '__pycache__', 'target']);

export const CONFIG_FILE_NAMES = ['pactline.yaml', '.pactline.yaml', 'pactline.yml', '.pactline.yml'];

/** Forward-slash path relative to `from` (the report's way of naming files). */
export function relativePath(from: string, file: string): string {
  const rel = path.relative(from, file) || path.basename(file);
  return rel.split(path.sep).join('/');
}

export interface FoundFile {
  absolute: string;
  /** Relative to the working directory, forward slashes. */
  relative: string;
}

/**
 * Every YAML file under the given paths (files given explicitly are taken as they are), skipping
 * ignored ones. Which of them Pactline understands is decided by the engine, by name or content.
 */
export function findYamlFiles(paths: readonly string[], cwd: string, config: ResolvedConfig): { files: FoundFile[]; missing: string[] } {
  const seen = new Set<string>();
  const files: FoundFile[] = [];
  const missing: string[] = [];
  const configRoot = config.root ? path.resolve(cwd, config.root) : cwd;
  const add = (absolute: string) => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    if (isIgnored(config, relativePath(configRoot, absolute))) return;
    files.push({ absolute, relative: relativePath(cwd, absolute) });
  };
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !(entry.name.startsWith('.') && entry.name !== '.pactline')) walk(full);
      } else if (entry.isFile() && (isYamlPath(entry.name) || kindFromName(entry.name))) {
        add(full);
      }
    }
  };
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      missing.push(given);
      continue;
    }
    if (stat.isDirectory()) walk(absolute);
    else add(absolute);
  }
  return { files, missing };
}

/**
 * The configuration that applies: `--config`, else the nearest pactline.yaml/.pactline.yaml from
 * the first path upwards, stopping at the repository root (the folder that holds `.git`).
 */
export function findConfigFile(start: string): string | undefined {
  let dir = start;
  try {
    if (!fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    dir = path.dirname(dir);
  }
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    if (fs.existsSync(path.join(dir, '.git'))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Hands each file's bytes to the engine. A file that cannot be read is skipped with a note (the
 * run goes on: one unreadable file must not hide the findings of the others).
 */
export function loadFiles(
  service: { setDocumentBytes(path: string, bytes: Uint8Array): unknown },
  files: readonly FoundFile[], notes: string[], skip?: (file: FoundFile) => boolean,
): void {
  for (const file of files) {
    if (skip?.(file)) continue;
    let bytes: Uint8Array;
    try {
      bytes = fs.readFileSync(file.absolute);
    } catch (error) {
      notes.push(`skipped ${file.relative}: ${(error as Error).message}`);
      continue;
    }
    service.setDocumentBytes(file.relative, bytes);
  }
}
