// `pactline lint`: a thin adapter that reads files, hands them to the engine and reports.
import * as path from 'node:path';
import { breakingDiagnostics, type Compatibility } from '../engine/breaking';
import type { ResolvedConfig } from '../engine/config';
import type { ParsedDocument } from '../engine/document';
import { RULES } from '../engine/rules';
import { LanguageService, severityFromLsp } from '../engine/service';
import type { Finding } from '../engine/types';
import { UsageError } from './args';
import { loadConfig } from '../host/config';
import { RunError } from '../host/errors';
import { nothingToCheck, somethingChecked } from './empty';
import { findYamlFiles, loadFiles, relativePath, type FoundFile } from './files';
import {
  buildId,
  cacheKey,
  configDigest,
  fileState,
  keyFile,
  readCache,
  runKey,
  writeCache,
  type RunRecord,
} from './cache';
import { autoJobs, loadFilesFast, type FileUnit } from './lintLoad';
import { FORMATTERS, type FormatName } from './formatters';
import { makeReport, type Report, type ReportFinding } from './report';

/** What every report-producing command takes from its command line. */
export interface RunOptions {
  paths: string[];
  cwd: string;
  format: FormatName;
  failOn: 'error' | 'warning' | 'info' | 'none';
  maxWarnings?: number;
  configFile?: string;
  /** `--stdin-filepath`: the document's bytes (checked like a file's: size, encoding). */
  stdin?: { path: string; bytes: Uint8Array };
  verbose: boolean;
  /** Exit 0, not 2, when nothing under the paths is a contract, product or pipeline. */
  allowEmpty?: boolean;
  color: boolean;
  version: string;
}

/**
 * The paths to search and where the configuration is looked for. With `--stdin-filepath F` and no
 * PATH, it is `lint F`: F's pactline.yaml (found from F's folder) and its workspace, never the
 * current directory's files, so that both report the same findings.
 */
export function searchPaths(options: Pick<RunOptions, 'paths' | 'cwd' | 'stdin'>): {
  paths: string[];
  configStart: string;
} {
  if (options.stdin && !options.paths.length)
    return { paths: [], configStart: path.resolve(options.cwd, options.stdin.path) };
  const paths = options.paths.length ? options.paths : ['.'];
  return { paths, configStart: path.resolve(options.cwd, paths[0]) };
}

export interface LintOptions extends RunOptions {
  /** The configuration, when the caller has already read it (`--against` needs it first). */
  config?: ResolvedConfig;
  /** `--against`: the base side's documents (read from git by cli/breaking.ts) and how to compare. */
  breaking?: {
    base: readonly ParsedDocument[] | ((current: LanguageService) => readonly ParsedDocument[]);
    label: string;
    compat?: Compatibility;
  };
  /** `pactline breaking`: only the breaking-change findings. */
  onlyBreaking?: boolean;
  /** `--cache`: where the cache is, and the command line (part of the run's identity). */
  cache?: { location: string; argv: readonly string[] };
  /** `--jobs`: worker threads that parse and validate (default 1; `auto`: one per core on large runs). */
  jobs?: number | 'auto';
}

export interface LintResult {
  output: string;
  exitCode: 0 | 1;
  /** Lines for stderr (skipped files with --verbose). */
  notes: string[];
}

export { RunError } from '../host/errors';
export { loadConfig } from '../host/config';

export function lint(options: LintOptions): LintResult {
  const { paths, configStart } = searchPaths(options);
  const config = options.config ?? loadConfig(options.cwd, options.configFile, configStart);
  const service = new LanguageService({ config });
  const { files, missing, notes: walkNotes } = findYamlFiles(paths, options.cwd, config);
  if (missing.length) throw new UsageError(`No such file or directory: ${missing.join(', ')}`);
  // A pactline.yaml marks the workspace: every file under it gives context to the cross-file rules
  // (linting only the changed files of a pull request must not call the others unknown), while
  // only the files under PATH are reported.
  const context = config.file ? findYamlFiles([path.dirname(config.file)], options.cwd, config).files : [];
  const known = new Set(files.map((f) => f.absolute));
  const indexed = [...files, ...context.filter((f) => !known.has(f.absolute))];

  const notes: string[] = options.verbose ? [...walkNotes] : [];
  const stdinPath = options.stdin && path.resolve(options.cwd, options.stdin.path);
  const skip = (file: FoundFile) => file.absolute === stdinPath;
  // The cache serves plain runs: not a stdin document's, not one compared with git.
  const caching = options.cache && !options.stdin && !options.breaking ? options.cache : undefined;
  const build = caching && buildId(options.version);
  const key = caching && cacheKey(true);
  if (caching && !key && options.verbose)
    notes.push(`pactline: --cache: no key to authenticate the cache (${keyFile()}); linting without it`);
  // Taken before any file is read: a file written during the run differs next time.
  const state = key ? fileState(indexed) : undefined;
  const cache = key && build ? readCache(caching.location, options.cwd, key, build) : undefined;
  const jobs = options.jobs === 'auto' ? autoJobs(indexed.length) : (options.jobs ?? 1);
  let units: Map<string, FileUnit> | undefined;
  if (cache || jobs > 1) {
    const reportedFiles = new Set(options.stdin ? [] : files.map((f) => f.relative));
    const cached = cache?.files();
    units = loadFilesFast(service, indexed, notes, skip, { jobs, cached, reported: reportedFiles });
    if (cached && options.verbose) {
      const reused = indexed.filter((f) => cached.get(f.relative)?.hash === units!.get(f.relative)?.hash).length;
      notes.push(`pactline: --cache: ${reused} of ${indexed.length} files not parsed again (unchanged bytes)`);
    }
  } else {
    loadFiles(service, indexed, notes, skip);
  }
  let reported: string[];
  if (options.stdin) {
    const rel = relativePath(options.cwd, path.resolve(options.cwd, options.stdin.path));
    service.setDocumentBytes(rel, options.stdin.bytes);
    reported = [rel];
  } else {
    reported = files.map((f) => f.relative);
  }

  const findings: ReportFinding[] = [];
  const checked: string[] = [];
  for (const file of reported) {
    const doc = service.getDocument(file);
    if (!doc) continue;
    if ((!doc.kind && !doc.refused) || doc.multiDocument) {
      if (options.verbose)
        notes.push(
          `skipped ${file}: ${doc.multiDocument ? 'several YAML documents in one file' : 'not a contract, product, pipeline or configuration'}`,
        );
      continue;
    }
    checked.push(file);
    // A file that was not read says so even where only breaking changes are reported.
    if (!options.onlyBreaking || doc.refused)
      for (const finding of service.diagnose(file)) findings.push(toReportFinding(file, finding));
  }
  const base =
    options.breaking &&
    (typeof options.breaking.base === 'function' ? options.breaking.base(service) : options.breaking.base);
  // Nothing of ours here or at the base: most likely the wrong folder, which must not pass as clean.
  if (
    !options.allowEmpty &&
    !somethingChecked(checked, (f) => service.getDocument(f), namedFiles(options)) &&
    !base?.some((doc) => doc.kind && doc.kind !== 'config')
  ) {
    throw new RunError(
      nothingToCheck(
        options.stdin ? [options.stdin.path] : paths,
        options.cwd,
        config,
        (f) => service.getDocument(f),
        'check',
        options.stdin?.path,
      ),
    );
  }
  if (options.breaking && base) {
    const byFile = breakingDiagnostics(service, base, {
      compat: options.breaking.compat,
      baseLabel: options.breaking.label,
    });
    for (const [file, list] of byFile) for (const finding of list) findings.push(toReportFinding(file, finding));
  }
  const report = makeReport(options.version, findings, checked);
  const output = FORMATTERS[options.format](report, { color: options.color, rules: RULES, cwd: options.cwd });
  const exitCode = exitCodeFor(report, options.failOn, options.maxWarnings);
  if (caching && key && build && state && units) {
    const run: RunRecord = {
      key: runKey(caching.argv, options.cwd, options.color, build),
      config: { file: config.file, hash: configDigest(config.file, options.cwd), resolved: config },
      state,
      output,
      exitCode,
      notes: [...notes],
    };
    const failed = writeCache(caching.location, key, build, run, units);
    if (failed)
      notes.push(`pactline: --cache: could not write ${relativePath(options.cwd, caching.location)}: ${failed}`);
  }
  return { output, exitCode, notes };
}

/** The files named on the command line (relative, forward slashes): a named configuration counts as something to check. */
export function namedFiles(options: Pick<RunOptions, 'paths' | 'cwd' | 'stdin'>): Set<string> {
  const named = options.stdin ? [options.stdin.path] : options.paths;
  return new Set(named.map((p) => relativePath(options.cwd, path.resolve(options.cwd, p))));
}

export function toReportFinding(file: string, finding: Finding): ReportFinding {
  const out: ReportFinding = {
    rule: finding.code,
    severity: severityFromLsp(finding.severity),
    message: finding.message,
    file,
    range: {
      start: { line: finding.range.start.line + 1, column: finding.range.start.character + 1 },
      end: { line: finding.range.end.line + 1, column: finding.range.end.character + 1 },
    },
  };
  if (finding.data?.change) out.change = finding.data.change;
  if (finding.data?.impact) out.impact = finding.data.impact;
  return out;
}

export function exitCodeFor(report: Report, failOn: LintOptions['failOn'], maxWarnings: number | undefined): 0 | 1 {
  const { errors, warnings, infos } = report.summary;
  if (maxWarnings !== undefined && warnings > maxWarnings) return 1;
  switch (failOn) {
    case 'none':
      return 0;
    case 'info':
      return errors + warnings + infos > 0 ? 1 : 0;
    case 'warning':
      return errors + warnings > 0 ? 1 : 0;
    default:
      return errors > 0 ? 1 : 0;
  }
}
