// `pactline breaking` and `lint --against`: read the base side from git (server/src/git), hand it to
// the engine (server/src/engine/breaking), report like lint. Exit 2 with one clear message when git
// cannot give the base (bad REF, REF not found, shallow clone), never a stack trace.
import * as path from 'node:path';
import { isIgnored, type ResolvedConfig } from '../engine/config';
import type { ParsedDocument } from '../engine/document';
import { parseBaseFiles, type Compatibility, type CurrentDocuments } from '../engine/breaking';
import { isYamlPath, kindFromName } from '../engine/kinds';
import { GitError, readBaseFiles, refProblem, type BaseFile } from '../git/reader';
import { UsageError } from './args';
import type { FormatName } from './formatters';
import { lint, loadConfig, RunError, type LintResult } from './lint';

/** Folders never searched (as in files.ts): dependencies, build output, version control. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.venv', 'venv', '__pycache__', 'target']);

/** The base side of a comparison, read from git; parsed once the current documents are known. */
export interface BaseSide {
  /** The REF as given, for messages. */
  label: string;
  commit: string;
  files: BaseFile[];
  /** The base documents; a file unchanged from the current document at its path reuses it. */
  parse(current?: CurrentDocuments): ParsedDocument[];
}

export interface AgainstOptions {
  cwd: string;
  paths: string[];
  ref: string;
  config: ResolvedConfig;
}

/** Refuses a REF before anything runs (INTERFACE.md): a usage error, exit 2. */
export function checkRef(ref: string): void {
  const problem = refProblem(ref);
  if (problem) throw new UsageError(`--against: ${problem}`);
}

/**
 * Which files of the base tree (paths relative to `cwd`) are read: YAML files and files named like
 * ours, outside skipped folders, not ignored by the configuration (as lint finds files today).
 */
export function baseFileFilter(cwd: string, config: ResolvedConfig): (file: string) => boolean {
  const configRoot = config.root ? path.resolve(cwd, config.root) : cwd;
  return (file: string) => {
    const segments = file.split('/');
    const name = segments[segments.length - 1];
    if (!isYamlPath(name) && !kindFromName(name)) return false;
    for (const dir of segments.slice(0, -1)) {
      if (dir === '..' || dir === '.') continue;
      if (SKIPPED_DIRECTORIES.has(dir) || (dir.startsWith('.') && dir !== '.pactline')) return false;
    }
    const rel = path.relative(configRoot, path.resolve(cwd, file)).split(path.sep).join('/');
    return !isIgnored(config, rel);
  };
}

/**
 * Reads every file under PATHs at REF the way lint finds files today: YAML files and files named
 * like ours, outside skipped folders, not ignored by the configuration.
 */
export async function readBaseSide(options: AgainstOptions): Promise<BaseSide> {
  checkRef(options.ref);
  const paths = (options.paths.length ? options.paths : ['.']).map((p) => {
    const rel = path.isAbsolute(p) ? path.relative(options.cwd, p) : p;
    return (rel || '.').split(path.sep).join('/');
  });
  const accept = baseFileFilter(options.cwd, options.config);
  const { resolved, files } = await readBaseFiles(options.cwd, options.ref, paths, accept);
  return { label: options.ref, commit: resolved.commit, files, parse: (current) => parseBaseFiles(files, options.config, current) };
}

export interface BreakingRunOptions {
  paths: string[];
  cwd: string;
  ref: string | undefined;
  compat?: Compatibility;
  format: FormatName;
  failOn: 'error' | 'warning' | 'info' | 'none';
  maxWarnings?: number;
  configFile?: string;
  stdin?: { path: string; text: string };
  verbose: boolean;
  color: boolean;
  version: string;
  /** `lint --against`: lint's findings too, and a repository-less run only skips the breaking rules. */
  withLint: boolean;
}

/** Both commands: `pactline breaking` (withLint false) and `pactline lint --against` (withLint true). */
export async function runBreaking(options: BreakingRunOptions): Promise<LintResult> {
  const paths = options.paths.length ? options.paths : ['.'];
  const config = loadConfig(options.cwd, options.configFile, path.resolve(options.cwd, paths[0]));
  const ref = options.ref ?? config.breaking.against;
  if (!ref) throw new UsageError('`pactline breaking` needs --against REF (or `breaking.against` in pactline.yaml).');
  checkRef(ref);
  let base: BaseSide | undefined;
  const notes: string[] = [];
  try {
    base = await readBaseSide({ cwd: options.cwd, paths, ref, config });
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    if (error.code === 'bad-ref') throw new UsageError(`--against: ${error.message}`);
    if (error.code === 'not-a-repository' && options.withLint) {
      notes.push(`pactline: not a git repository, so the breaking-change rules (--against ${ref}) were skipped; the other rules ran.`);
    } else {
      throw new RunError(error.code === 'not-a-repository'
        ? `not a git repository: ${error.message} \`pactline breaking\` compares against git history.`
        : error.describe());
    }
  }
  const result = lint({
    paths: options.paths, cwd: options.cwd, format: options.format, failOn: options.failOn, maxWarnings: options.maxWarnings,
    configFile: options.configFile, stdin: options.stdin, verbose: options.verbose, color: options.color, version: options.version,
    config,
    breaking: base ? { base: (service) => base!.parse(service), label: base.label, compat: options.compat } : undefined,
    onlyBreaking: !options.withLint,
  });
  return { ...result, notes: [...notes, ...result.notes] };
}
