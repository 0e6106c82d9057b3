// Breaking changes against a base: the engine half of `pactline breaking`, `lint --against` and the
// editor's "compare with git". Pure: the caller reads the base files (from git, see server/src/git)
// and hands in their bytes or parsed documents; this module compares the contracts they declare with
// the current ones, by `id`, and returns findings placed in the CURRENT documents.
//
//   parseBaseFiles(files, config)                   bytes of the base files → parsed documents
//   compareSnapshots(base, current, index, options) → BreakingFinding[] (RawFindings with a file and a severity)
//   locateBreaking(findings, documents)             → Map<file, Finding[]> (ranges, suppression comments)
//   breakingDiagnostics(service, base, options)     the two above over a LanguageService's documents
import * as YAML from 'yaml';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../config';
import { parseDocument, type ParsedDocument } from '../document';
import { toDiagnostic } from '../diagnostic';
import { rangeOf, resolvePath, type RawFinding, type RelatedLocation } from '../locate';
import { compareFindings, type LanguageService } from '../service';
import { hasNoValue } from '../model';
import { isSuppressed, readSuppressions } from '../suppression';
import { decodeText } from '../text';
import type { Finding, ImpactInfo, Severity } from '../types';
import type { WorkspaceIndex } from '../workspace';
import { isCompatibility, type Compatibility } from './catalogue';
import { compareContracts, compareRemovedContract, type Change, type Place } from './compare';
import { impactOf } from './impact';
import { contractIdOf, readContract, type NContract } from './model';
import { isMajorBump } from './typeRules';

export {
  BREAKING_RULE_IDS,
  COMPATIBILITIES,
  VERDICTS,
  isCompatibility,
  type BreakingRuleId,
  type Compatibility,
} from './catalogue';
export { compareContracts, nameSimilarity, type Breaks, type Change } from './compare';
export { readContract, type NContract } from './model';
export { impactOf, type Impact } from './impact';

export interface BreakingOptions {
  /** Severities (`rules`), compatibility (`breaking.compatibility`, `breaking.contracts`). */
  config?: ResolvedConfig;
  /** `--compat`: overrides the configuration and the contracts' own `compatibility`. */
  compat?: Compatibility;
  /** How the base is named in messages: `HEAD~1`, `merge-base:origin/main`. Default "the base". */
  baseLabel?: string;
  /** Only the findings of this current file (the editor re-checks one file at a time). */
  onlyFile?: string;
}

/** A breaking-change finding before it is located: the file it belongs to and its severity are known. */
export interface BreakingFinding extends RawFinding {
  file: string;
  severity: Severity;
  /** The document `at` points into (the current file, or the base file of a deleted contract). */
  doc: ParsedDocument;
}

/** The current documents, by path: a base file with the same path and text is not parsed again. */
export interface CurrentDocuments {
  getDocument(path: string): ParsedDocument | undefined;
}

/**
 * Parses the base side's files (as read from git); files that are not text are left out. A file
 * whose text is the same as the current document at the same path (most files of a pull request)
 * reuses that document instead of being parsed again: a large repository parses only what changed.
 */
export function parseBaseFiles(
  files: readonly { path: string; bytes: Uint8Array }[],
  config: ResolvedConfig = DEFAULT_CONFIG,
  current?: CurrentDocuments,
): ParsedDocument[] {
  const docs: ParsedDocument[] = [];
  for (const file of files) {
    const decoded = decodeText(file.bytes);
    if (!decoded.ok) continue;
    const same = current?.getDocument(file.path);
    if (same && same.text === decoded.text) {
      docs.push(same);
      continue;
    }
    docs.push(parseDocument(file.path, decoded.text, { maxFileSize: config.maxFileSize }));
  }
  return docs;
}

/**
 * The compatibility enforced for one contract: `--compat`, then the configuration's per-contract setting,
 * then the contract's own, then the configuration's default, then forward.
 */
export function compatibilityFor(
  contractId: string,
  declared: string | undefined,
  options: BreakingOptions,
): Compatibility {
  if (options.compat) return options.compat;
  const breaking = options.config?.breaking ?? {};
  const perContract = breaking.contracts?.[contractId];
  if (isCompatibility(perContract)) return perContract;
  const own = declared?.trim().toLowerCase();
  if (isCompatibility(own)) return own;
  if (isCompatibility(breaking.compatibility)) return breaking.compatibility;
  return 'forward';
}

/** Contract documents by id, the first file by path winning (duplicates are `ref/duplicate-id`). */
function contractsById(docs: readonly ParsedDocument[]): Map<string, ParsedDocument> {
  const out = new Map<string, ParsedDocument>();
  for (const doc of [...docs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (doc.problems.length) continue; // an unreadable file cannot be compared
    const id = contractIdOf(doc);
    if (id !== undefined && !out.has(id)) out.set(id, doc);
  }
  return out;
}

/**
 * Compares the contracts of the base with the current ones, matched by `id` (a moved or renamed
 * file is the same contract; an id that is gone is a removal). `index` is the CURRENT workspace:
 * it says who is affected.
 */
export function compareSnapshots(
  base: readonly ParsedDocument[],
  current: readonly ParsedDocument[],
  index: WorkspaceIndex,
  options: BreakingOptions = {},
): BreakingFinding[] {
  const config = options.config ?? DEFAULT_CONFIG;
  const label = options.baseLabel ?? 'the base';
  const before = contractsById(base);
  const after = contractsById(current);
  const currentByPath = new Map(current.map((d) => [d.path, d]));
  // A contract whose file cannot be read right now (a syntax error while typing) is not "removed".
  const unreadable = new Set(
    current
      .filter((d) => (d.kind === 'odcs' || d.kind === 'dcs') && (d.problems.length || hasNoValue(d)))
      .map((d) => d.path),
  );
  const out: BreakingFinding[] = [];
  for (const [id, oldDoc] of before) {
    const curDoc = after.get(id);
    if (!curDoc && unreadable.has(oldDoc.path)) continue;
    if (
      options.onlyFile !== undefined &&
      (curDoc ? curDoc.path !== options.onlyFile : oldDoc.path !== options.onlyFile)
    )
      continue;
    // The same text is the same contract (most files of a pull request): nothing to compare.
    if (curDoc && curDoc.text === oldDoc.text) continue;
    const old = readContract(oldDoc)!;
    const cur = curDoc && readContract(curDoc);
    const mode = compatibilityFor(id, (cur ?? old).compatibility, options);
    const bumped = isMajorBump(old.version, cur?.version);
    const sameFile = cur ? undefined : currentByPath.get(old.file);
    const changes = cur
      ? compareContracts(old, cur)
      : compareRemovedContract(old, sameFile && readContract(sameFile), label);
    for (const change of changes) {
      const finding = toFinding(change, { id, old, cur, mode, bumped, label, config, index, currentByPath });
      if (finding) out.push(finding);
    }
  }
  return out;
}

interface FindingContext {
  id: string;
  old: NContract;
  cur: NContract | undefined;
  mode: Compatibility;
  bumped: boolean;
  label: string;
  config: ResolvedConfig;
  index: WorkspaceIndex;
  currentByPath: Map<string, ParsedDocument>;
}

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

function toFinding(change: Change, ctx: FindingContext): BreakingFinding | undefined {
  const { mode, config } = ctx;
  let consumers = impactOf(ctx.index, ctx.id, change.scope, { consumers: true, producers: false });
  // A logical rename breaks only those who read the property by its name; readers of the stored column are fine.
  const physicalReaders = change.logicalOnly ? consumers.filter((c) => c.readsBy !== 'name') : [];
  if (change.logicalOnly) consumers = consumers.filter((c) => c.readsBy === 'name');
  const forward =
    (mode === 'forward' || mode === 'full') && change.breaks.forward && (!change.logicalOnly || consumers.length > 0);
  const backward = (mode === 'backward' || mode === 'full') && change.breaks.backward;
  const breaking = forward || backward;
  if (change.onlyWhenConsumed && !consumers.length) return undefined;
  const producers = backward ? impactOf(ctx.index, ctx.id, change.scope, { consumers: false, producers: true }) : [];
  const impacts = [...(forward || change.onlyWhenConsumed ? consumers : []), ...producers];

  const configured = config.rules[change.rule] ?? config.rules.breaking;
  if (configured === 'off') return undefined;
  let severity: Severity = 'info';
  if (breaking) {
    severity = configured ?? 'error';
    if ((ctx.bumped || change.cap === 'warning') && RANK[severity] > RANK.warning) severity = 'warning';
  }

  const parts = [change.summary];
  if (change.logicalOnly) {
    parts.push(
      consumers.length
        ? `It breaks the consumers that read it by name: ${consumers.map((c) => c.phrase).join(', ')}${physicalReaders.length ? `; not those that read the stored column: ${physicalReaders.map((c) => c.phrase).join(', ')}` : ''}.`
        : physicalReaders.length
          ? `Its consumers read the stored column, not the logical name, so none is affected: ${physicalReaders.map((c) => c.phrase).join(', ')}.`
          : 'No consumer in the workspace reads it by its logical name (ODPS ports, pipeline column maps, relationships); readers of the stored column are not affected.',
    );
  }
  if (breaking && change.logicalOnly) {
    const was = ctx.old.version ?? '(none)';
    const now = ctx.cur?.version ?? '(none)';
    parts.push(
      ctx.bumped
        ? `Announced by the major version bump (${was} → ${now}).`
        : `Under ${mode} compatibility this needs a major version bump (version ${was === now ? `still ${now}` : `${was} → ${now}`}).`,
    );
  } else if (breaking) {
    const direction = forward ? 'forward' : 'backward';
    const why = (forward ? change.why.forward : undefined) ?? change.why.backward ?? '';
    parts.push(
      describeImpacts(change.action, forward ? consumers : [], producers) ??
        `It breaks ${direction} compatibility: ${why}.`,
    );
    if (change.cap !== 'warning') {
      const was = ctx.old.version ?? '(none)';
      const now = ctx.cur?.version ?? '(none)';
      parts.push(
        ctx.bumped
          ? `Announced by the major version bump (${was} → ${now}).`
          : `Under ${mode} compatibility this needs a major version bump (version ${was === now ? `still ${now}` : `${was} → ${now}`}).`,
      );
    }
  } else if (mode === 'none') {
    parts.push('(Compatibility `none`: reported for information.)');
  } else {
    parts.push(`Compatible under ${mode} compatibility.`);
  }

  // Where: the current document; a removed contract whose file is gone, in the base document.
  let doc: ParsedDocument | undefined = ctx.cur?.doc;
  let file = ctx.cur?.file;
  if (!doc) {
    const sameFile = ctx.currentByPath.get(ctx.old.file);
    doc = sameFile && readContract(sameFile) ? sameFile : ctx.old.doc;
    file = doc.path;
  }
  const related: RelatedLocation[] = [];
  if (change.was) related.push(wasHere(ctx.old.doc, change.was, ctx.label));
  const data: BreakingFinding['data'] = {
    change: {
      kind: change.rule.slice('breaking/'.length),
      path: change.path,
      before: change.before,
      after: change.after,
    },
  };
  if (impacts.length) data.impact = impacts.map((i) => i.info) as ImpactInfo[];
  return {
    rule: change.rule,
    message: parts.join(' '),
    at: { path: change.at.path, target: change.at.target },
    data,
    related: related.length ? related : undefined,
    file: file!,
    severity,
    doc,
  };
}

function describeImpacts(
  action: string,
  consumers: readonly { phrase: string }[],
  producers: readonly { phrase: string }[],
): string | undefined {
  if (!consumers.length && !producers.length) return undefined;
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const who = [
    consumers.length ? count(consumers.length, 'consumer') : '',
    producers.length ? count(producers.length, 'producer') : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return `${action} breaks ${who}: ${[...consumers, ...producers].map((i) => i.phrase).join(', ')}.`;
}

/** Where a removed or renamed thing was in the base file, with its text. */
function wasHere(doc: ParsedDocument, place: Place, label: string): RelatedLocation {
  const range = rangeOf(doc, { path: place.path, target: place.target });
  return {
    file: doc.path,
    range,
    message: `At ${label}, ${doc.path}:${range.start.line + 1}:\n${snippet(doc, place.path)}`,
  };
}

/** The YAML text of the node at a path (at most 8 lines). */
function snippet(doc: ParsedDocument, path: Place['path']): string {
  const ast = doc.ast();
  if (!ast) return '';
  const resolved = resolvePath(ast, path);
  if (resolved.depth !== path.length || !resolved.node?.range) return '';
  const start =
    resolved.dashOffset ??
    (resolved.key && YAML.isNode(resolved.key) && resolved.key.range ? resolved.key.range[0] : resolved.node.range[0]);
  const lineStart = doc.text.lastIndexOf('\n', start - 1) + 1;
  const text = doc.text.slice(lineStart, resolved.node.range[1]).replace(/\s+$/, '');
  const lines = text.split(/\r?\n/);
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  const shown = lines.slice(0, 8).map((l) => l.slice(Number.isFinite(indent) ? indent : 0));
  return shown.join('\n') + (lines.length > 8 ? '\n…' : '');
}

/**
 * Turns breaking findings into LSP diagnostics per file: ranges from their data paths, suppression
 * comments of the file they are in applied, sorted.
 */
export function locateBreaking(findings: readonly BreakingFinding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  const suppressions = new Map<ParsedDocument, ReturnType<typeof readSuppressions>>();
  for (const finding of findings) {
    let s = suppressions.get(finding.doc);
    if (!s) suppressions.set(finding.doc, (s = readSuppressions(finding.doc.text, finding.doc.lines)));
    const range = rangeOf(finding.doc, finding.at);
    if (isSuppressed(s, finding.rule, range.start.line)) continue;
    const diagnostic = toDiagnostic(finding, range, finding.severity);
    let list = out.get(finding.file);
    if (!list) out.set(finding.file, (list = []));
    list.push(diagnostic);
  }
  for (const list of out.values()) list.sort(compareFindings);
  return out;
}

/**
 * The breaking-change diagnostics of a language service's documents against base documents:
 * what the CLI reports and what the editor shows. The service's configuration applies.
 */
export function breakingDiagnostics(
  service: LanguageService,
  base: readonly ParsedDocument[],
  options: Omit<BreakingOptions, 'config'> = {},
): Map<string, Finding[]> {
  const current: ParsedDocument[] = [];
  for (const path of options.onlyFile === undefined ? service.paths() : filesAround(service, base, options.onlyFile)) {
    const doc = service.getDocument(path);
    if (doc) current.push(doc);
  }
  return locateBreaking(compareSnapshots(base, current, service.index, { ...options, config: service.config }));
}

/**
 * What comparing one file needs of the current documents: the file, and the files declaring its
 * contract's id or the id its base version declared (which one is "the" contract, or whether the
 * base's is gone). Not every document: an editor asks on every keystroke, and the documents of the
 * closed files of a large workspace are read again from disk when asked for.
 */
function filesAround(service: LanguageService, base: readonly ParsedDocument[], file: string): Set<string> {
  const files = new Set([file]);
  const ids = new Set<string>();
  const id = service.index.facts(file)?.contract?.id;
  if (id !== undefined) ids.add(id);
  const doc = service.getDocument(file);
  const written = doc && contractIdOf(doc);
  if (written !== undefined) ids.add(written);
  for (const b of base) {
    if (b.path !== file) continue;
    const before = contractIdOf(b);
    if (before !== undefined) ids.add(before);
  }
  for (const each of ids) for (const p of service.index.declaring('contract', each)) files.add(p);
  return files;
}
