// `pactline breaking` and `lint --against`: read the base side from git (server/src/git), hand it to
// the engine (server/src/engine/breaking), report like lint. Exit 2 with one clear message when git
// cannot give the base (bad REF, REF not found, shallow clone), never a stack trace.
import * as path from 'node:path';
import type { ResolvedConfig } from '../engine/config';
import type { ParsedDocument } from '../engine/document';
import { breakingDiagnostics, parseBaseFiles, type Compatibility, type CurrentDocuments } from '../engine/breaking';
import { contractIdOf } from '../engine/breaking/model';
import { LanguageService } from '../engine/service';
import { findYamlFiles, relativePath, workspaceOf } from './files';
import { readFileSafe } from '../host/safeFs';
import { baseFileFilter } from '../host/baseFiles';
import { FORMATTERS } from './formatters';
import { makeReport, type ReportFinding } from './report';
import { RULES } from '../engine/rules';
import { blobId, GitError, matchingTags, readBaseFilesMany, refProblem, type BaseFile } from '../git/reader';
import { UsageError } from './args';
import { nothingToCheck, somethingChecked } from './empty';
import {
  exitCodeFor,
  lint,
  loadConfig,
  namedFiles,
  RunError,
  searchPaths,
  toReportFinding,
  type LintResult,
  type RunOptions,
} from './lint';

/** The base side of a comparison, read from git; parsed once the current documents are known. */
export interface BaseSide {
  /** The REF as given, for messages. */
  label: string;
  commit: string;
  /** The base files that differ from the working tree (or are not in it); only these are read. */
  files: BaseFile[];
  /** Paths whose working-tree bytes are the base's (the same blob id): not read, nothing to compare. */
  unchanged: Set<string>;
  /** The working-tree bytes read to tell (relative paths): the caller need not read them again. */
  current: Map<string, Buffer>;
  /** The base documents; a file unchanged from the current document at its path reuses it. */
  parse(current?: CurrentDocuments): ParsedDocument[];
}

export interface AgainstOptions {
  cwd: string;
  paths: string[];
  ref: string;
  /** Where each REF came from, for messages: `--against` (the default), the configuration, `--transitive`. */
  sourceOf?: (ref: string) => string | undefined;
  config: ResolvedConfig;
}

/** Refuses a REF before anything runs (README): a usage error, exit 2. */
export function checkRef(ref: string, source = '--against'): void {
  const problem = refProblem(ref);
  if (problem) throw new UsageError(`${source}: ${problem}`);
}

/**
 * Reads every file under PATHs at REF the way lint finds files today: YAML files and files named
 * like ours, outside skipped folders, not ignored by the configuration.
 */
export async function readBaseSide(options: AgainstOptions): Promise<BaseSide> {
  return (await readBaseSides({ ...options, refs: [options.ref] }))[0];
}

/** The base sides of several REFs, read through one `cat-file --batch` process (git/reader.ts). */
export async function readBaseSides(
  options: Omit<AgainstOptions, 'ref'> & { refs: readonly string[] },
): Promise<BaseSide[]> {
  for (const ref of options.refs) checkRef(ref, options.sourceOf?.(ref));
  const paths = (options.paths.length ? options.paths : ['.']).map((p) => {
    const rel = path.isAbsolute(p) ? path.relative(options.cwd, p) : p;
    return (rel || '.').split(path.sep).join('/');
  });
  const accept = baseFileFilter(options.cwd, options.config);
  // A working-tree file with the base's blob id is unchanged: its base version is not read at all.
  const current = new Map<string, Buffer>();
  const workspace = workspaceOf(options.cwd);
  const unchangedEntry = (entry: { path: string; blob: string }) => {
    // Read safely (a link out of the workspace, a FIFO, /dev/zero): what cannot be read is changed.
    let bytes = current.get(entry.path);
    if (!bytes) {
      const read = readFileSafe(
        path.join(options.cwd, ...entry.path.split('/')),
        workspace,
        options.config.maxFileSize,
      );
      if (read.status !== 'ok') return false;
      bytes = read.bytes;
      current.set(entry.path, bytes);
    }
    return blobId(bytes, entry.blob) === entry.blob;
  };
  const sides = await readBaseFilesMany(
    options.cwd,
    options.refs,
    paths,
    accept,
    unchangedEntry,
    options.sourceOf ?? (() => '--against'),
  );
  return sides.map(({ resolved, files, unchanged }) => ({
    label: resolved.ref,
    commit: resolved.commit,
    files,
    unchanged: new Set(unchanged),
    current,
    parse: (docs?: CurrentDocuments) => parseBaseFiles(files, options.config, docs),
  }));
}

export interface BreakingRunOptions extends RunOptions {
  ref: string | undefined;
  /** `--against` given more than once: every REF, in order. */
  refs?: string[];
  /** `--transitive TAG-GLOB`: every tag matching, oldest version first. */
  transitive?: string;
  compat?: Compatibility;
  /** `lint --against`: lint's findings too, and a repository-less run only skips the breaking rules. */
  withLint: boolean;
}

/** Both commands: `pactline breaking` (withLint false) and `pactline lint --against` (withLint true). */
export async function runBreaking(options: BreakingRunOptions): Promise<LintResult> {
  const { configStart } = searchPaths(options);
  const paths = options.paths.length ? options.paths : ['.'];
  const config = loadConfig(options.cwd, options.configFile, configStart);
  const refs = await refsToCompare(options, config);
  const sourceOf = refSources(options, config);
  if (
    refs.length > 1 ||
    (options.transitive ?? (!options.ref && !options.refs?.length ? config.breaking.transitive : undefined))
  ) {
    if (options.withLint)
      throw new UsageError('`lint --against` takes one REF; compare against several with `pactline breaking`.');
    if (options.stdin) throw new UsageError('--stdin-filepath compares against one REF.');
    return runAgainstMany(options, config, refs, sourceOf);
  }
  const ref = refs[0];
  let base: BaseSide | undefined;
  const notes: string[] = [];
  // Not given on the command line: say which REF is used, and why (one line, on stderr).
  if (sourceOf(ref) !== '--against') notes.push(`pactline: comparing against ${ref} (${sourceOf(ref)})`);
  try {
    base = await readBaseSide({ cwd: options.cwd, paths, ref, sourceOf, config });
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    if (error.code === 'bad-ref') throw new UsageError(`${sourceOf(ref)}: ${error.message}`);
    if (error.code === 'not-a-repository' && options.withLint) {
      notes.push(
        `pactline: not a git repository, so the breaking-change rules (--against ${ref}) were skipped; the other rules ran.`,
      );
    } else {
      throw gitFailure(error);
    }
  }
  if (base && !options.withLint && !options.stdin) {
    const result = changedFindings(options, config, base);
    if (result.nothing !== undefined && !options.allowEmpty) throw new RunError(result.nothing);
    return { ...formatFindings(options, result), notes: [...notes, ...result.notes] };
  }
  const result = lint({
    paths: options.paths,
    cwd: options.cwd,
    format: options.format,
    failOn: options.failOn,
    maxWarnings: options.maxWarnings,
    configFile: options.configFile,
    stdin: options.stdin,
    verbose: options.verbose,
    allowEmpty: options.allowEmpty,
    color: options.color,
    version: options.version,
    config,
    breaking: base ? { base: (service) => base!.parse(service), label: base.label, compat: options.compat } : undefined,
    onlyBreaking: !options.withLint,
  });
  return { ...result, notes: [...notes, ...result.notes] };
}

export function gitFailure(error: GitError): RunError {
  return new RunError(
    error.code === 'not-a-repository'
      ? `not a git repository: ${error.message} \`pactline breaking\` compares against git history.`
      : error.describe(),
  );
}

/** Where a REF came from: `--against`, `--transitive`, or the configuration's `breaking.against` / `breaking.transitive`. */
function refSources(options: BreakingRunOptions, config: ResolvedConfig): (ref: string) => string {
  const given = new Set(options.refs?.length ? options.refs : options.ref ? [options.ref] : []);
  const file = config.file ? relativePath(options.cwd, config.file) : 'the configuration';
  return (ref) =>
    given.has(ref)
      ? '--against'
      : options.transitive !== undefined
        ? '--transitive'
        : config.breaking.against === ref
          ? `breaking.against in ${file}`
          : `breaking.transitive in ${file}`;
}

/**
 * The REFs to compare against: `--transitive` (every matching tag, oldest first) then each `--against`;
 * without either, `breaking.against`, else `breaking.transitive`, from the configuration.
 */
async function refsToCompare(options: BreakingRunOptions, config: ResolvedConfig): Promise<string[]> {
  const given = options.refs?.length ? options.refs : options.ref ? [options.ref] : [];
  const glob = options.transitive ?? (given.length || config.breaking.against ? undefined : config.breaking.transitive);
  if (!given.length && !glob && !config.breaking.against) {
    throw new UsageError(
      '`pactline breaking` needs --against REF or --transitive TAG-GLOB (or `breaking.against` / `breaking.transitive` in pactline.yaml).',
    );
  }
  const refs = [...given];
  if (!given.length && !glob) refs.push(config.breaking.against!);
  const sourceOf = refSources(options, config);
  for (const ref of refs) checkRef(ref, sourceOf(ref));
  if (glob !== undefined) {
    let tags: string[];
    try {
      tags = await matchingTags(options.cwd, glob);
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      if (error.code === 'bad-ref') throw new UsageError(`--transitive: ${error.message}`);
      throw gitFailure(error);
    }
    if (!tags.length)
      throw new RunError(
        `No tag matches \`${glob}\` (--transitive): there is no released version to compare against. \`git tag --list '${glob}'\` lists them; in CI, fetch the tags (GitHub Actions: \`actions/checkout\` with \`fetch-depth: 0\`).`,
      );
    refs.unshift(...tags.filter((t) => !refs.includes(t)));
  }
  return refs;
}

const SEVERITY_RANK = { info: 1, warning: 2, error: 3 } as const;

/**
 * Against several REFs (oldest first): each change once, at the highest severity any REF gives it,
 * and when it breaks, the oldest version it breaks (Confluent's `*_TRANSITIVE`: a change compatible
 * with the last release can still break consumers of an older one).
 */
async function runAgainstMany(
  options: BreakingRunOptions,
  config: ResolvedConfig,
  refs: string[],
  sourceOf: (ref: string) => string,
): Promise<LintResult> {
  let bases: BaseSide[];
  try {
    bases = await readBaseSides({ cwd: options.cwd, paths: options.paths, refs, sourceOf, config });
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    if (error.code === 'bad-ref') throw new UsageError(`--against: ${error.message}`);
    throw gitFailure(error);
  }
  const byKey = new Map<string, { finding: ReportFinding; ref: string; oldestBreaking?: string }>();
  const notes: string[] = [];
  let checked: string[] = [];
  let nothing: string | undefined;
  let somethingAtAll = false;
  for (const base of bases) {
    const result = changedFindings(options, config, base);
    if (result.nothing === undefined) somethingAtAll = true;
    else nothing = result.nothing;
    notes.push(...result.notes.filter((n) => !notes.includes(n)));
    checked = [...new Set([...checked, ...result.checked])];
    for (const finding of result.findings) {
      const key = `${finding.file}\0${finding.rule}\0${finding.change?.path ?? ''}\0${finding.range.start.line}:${finding.range.start.column}`;
      const seen = byKey.get(key);
      const breaks = finding.severity !== 'info';
      if (!seen) {
        byKey.set(key, { finding, ref: base.label, oldestBreaking: breaks ? base.label : undefined });
        continue;
      }
      if (breaks && !seen.oldestBreaking) seen.oldestBreaking = base.label;
      if (SEVERITY_RANK[finding.severity] > SEVERITY_RANK[seen.finding.severity]) {
        seen.finding = finding;
        seen.ref = base.label;
      }
    }
  }
  const findings: ReportFinding[] = [];
  for (const { finding, ref, oldestBreaking } of byKey.values()) {
    const against = oldestBreaking ?? ref;
    const note = oldestBreaking
      ? ` Oldest version it breaks: \`${oldestBreaking}\` (checked against ${refs.map((r) => `\`${r}\``).join(', ')}).`
      : '';
    findings.push({
      ...finding,
      message: finding.message + note,
      change: finding.change ? { ...finding.change, against } : finding.change,
    });
  }
  if (!somethingAtAll && nothing !== undefined && !options.allowEmpty) throw new RunError(nothing);
  findings.sort((a, b) =>
    a.file < b.file
      ? -1
      : a.file > b.file
        ? 1
        : a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column,
  );
  return { ...formatFindings(options, { findings, checked, notes }), notes };
}

export interface ChangedFindings {
  findings: ReportFinding[];
  /** Every file under PATH that was checked. */
  checked: string[];
  notes: string[];
  /** The contract id a reported file declares (current side, or the base side for a removed contract). */
  contractOf?: (file: string) => string | undefined;
  /** Set when nothing of ours is there, now or at the base: why (the exit-2 message, unless --allow-empty). */
  nothing?: string;
}

function formatFindings(options: RunOptions, result: ChangedFindings): Omit<LintResult, 'notes'> {
  const report = makeReport(options.version, result.findings, result.checked);
  const output = FORMATTERS[options.format](report, { color: options.color, rules: RULES, cwd: options.cwd });
  return { output, exitCode: exitCodeFor(report, options.failOn, options.maxWarnings) };
}

/**
 * `pactline breaking` without stdin: only what can matter is parsed. A file whose bytes are the same
 * at REF and now (most files of a pull request) cannot hold a change, so neither side of it is parsed
 * unless it may be a consumer of a changed contract: it names the id of a changed, added or removed
 * contract or the file name of a changed one (pipelines and products name contracts by id, ODCS
 * relationships by file). The findings are those `lint --against` reports for the same REF.
 */
export function changedFindings(
  options: RunOptions & { compat?: Compatibility },
  config: ResolvedConfig,
  base: BaseSide,
): ChangedFindings {
  const paths = options.paths.length ? options.paths : ['.'];
  const { files, missing, notes: walkNotes } = findYamlFiles(paths, options.cwd, config);
  if (missing.length) throw new UsageError(`No such file or directory: ${missing.join(', ')}`);
  const context = config.file ? findYamlFiles([path.dirname(config.file)], options.cwd, config).files : [];
  const known = new Set(files.map((f) => f.absolute));
  const notes: string[] = options.verbose ? [...walkNotes] : [];
  const current = new Map<string, Buffer>();
  const service = new LanguageService({ config });
  // Files not read (links out of the workspace, FIFOs, devices, too large): their findings are reported.
  const refused: string[] = [];
  const failed: string[] = [];
  for (const file of [...files, ...context.filter((f) => !known.has(f.absolute))]) {
    const already = base.current.get(file.relative);
    if (already) {
      current.set(file.relative, already);
      continue;
    }
    const read = file.refusal
      ? { status: 'refused' as const, refusal: file.refusal }
      : readFileSafe(file.absolute, file.workspace, config.maxFileSize);
    if (read.status === 'ok') current.set(file.relative, read.bytes);
    else if (read.status === 'refused') {
      if (!known.has(file.absolute)) continue; // context only: nothing to compare
      service.setRefusedDocument(file.relative, read.refusal);
      refused.push(file.relative);
    } else {
      const why = read.status === 'missing' ? 'no such file (or a broken symbolic link)' : read.message;
      if (file.named) failed.push(`${file.relative}: ${why}`);
      else notes.push(`skipped ${file.relative}: ${why}`);
    }
  }
  if (failed.length)
    throw new RunError(
      `Cannot read ${failed.length === 1 ? 'the file' : 'these files'} named on the command line: ${failed.join('; ')}`,
    );
  const unchanged = new Set([...base.unchanged].filter((rel) => current.has(rel)));
  const tokens = new Set<string>();
  const addTokens = (doc: ParsedDocument, rel: string) => {
    const id = contractIdOf(doc);
    if (id !== undefined) tokens.add(id);
    tokens.add(rel.slice(rel.lastIndexOf('/') + 1));
  };
  for (const [rel, bytes] of current) if (!unchanged.has(rel)) addTokens(service.setDocumentBytes(rel, bytes), rel);
  const baseChanged = parseBaseFiles(base.files, config);
  for (const doc of baseChanged) addTokens(doc, doc.path);
  // The unchanged files that may consume a changed contract: one scan of each for any token.
  if (tokens.size) {
    const escape = (t: string) =>
      Buffer.from(t, 'utf8')
        .toString('latin1')
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const mentions = new RegExp([...tokens].map(escape).join('|'));
    for (const rel of unchanged) {
      const bytes = current.get(rel)!;
      if (mentions.test(bytes.toString('latin1'))) service.setDocumentBytes(rel, bytes);
    }
  }
  const findings: ReportFinding[] = [];
  for (const file of refused)
    for (const finding of service.diagnose(file)) findings.push(toReportFinding(file, finding));
  for (const [file, list] of breakingDiagnostics(service, baseChanged, {
    compat: options.compat,
    baseLabel: base.label,
  })) {
    for (const finding of list) findings.push(toReportFinding(file, finding));
  }
  // Every file under PATH was checked (an unchanged one by its bytes).
  const checked = files
    .map((f) => f.relative)
    .filter((rel) => {
      if (unchanged.has(rel)) return true;
      const doc = service.getDocument(rel);
      return !!(doc?.kind || doc?.refused) && !doc.multiDocument;
    });
  const baseIds = new Map<string, string>();
  for (const doc of baseChanged) {
    const id = contractIdOf(doc);
    if (id !== undefined) baseIds.set(doc.path, id);
  }
  const contractOf = (file: string) => {
    const doc = service.getDocument(file);
    return (doc && contractIdOf(doc)) ?? baseIds.get(file);
  };
  // An unchanged file was not parsed: it is, only to tell (and only until one is ours).
  const documentOf = (rel: string) =>
    service.getDocument(rel) ?? (current.has(rel) ? service.setDocumentBytes(rel, current.get(rel)!) : undefined);
  const nothing =
    !baseChanged.some((doc) => doc.kind && doc.kind !== 'config') &&
    !somethingChecked(checked, documentOf, namedFiles(options))
      ? nothingToCheck(paths, options.cwd, config, documentOf)
      : undefined;
  return { findings, checked, notes, contractOf, nothing };
}
