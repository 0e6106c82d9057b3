// Breaking changes in the editor: the base a LanguageService compares its contracts with (an input,
// like a document's text: the adapter reads it from git and hands it in), and what an editor shows
// of the findings: the base text in their data, hover with before and after, the quick fixes (bump
// the major version, restore a removed property where it stood) and the code lens. Pure.
import * as YAML from 'yaml';
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type Diagnostic,
  type Hover,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document';
import { rangeOf } from '../locate';
import { documentModel } from '../model';
import type { LanguageService } from '../service';
import type { BaseInfo, Finding, FindingData } from '../types';
import { breakingDiagnostics } from './index';
import { contractIdOf } from './model';
import { isMajorBump } from './typeRules';

/** The base version of a workspace, as read at one commit: its parsed files and its label. */
export interface BaseSnapshot {
  /** How the base is named in messages and titles: `HEAD`, `merge-base:origin/main`. */
  readonly ref: string;
  readonly docs: readonly ParsedDocument[];
  readonly byPath: ReadonlyMap<string, ParsedDocument>;
  /** The contract ids the base declares: a contract not among them is new. */
  readonly ids: ReadonlySet<string>;
}

export function baseSnapshot(ref: string, docs: readonly ParsedDocument[]): BaseSnapshot {
  return {
    ref,
    docs,
    byPath: new Map(docs.map((d) => [d.path, d])),
    ids: new Set(docs.flatMap((d) => contractIdOf(d) ?? [])),
  };
}

/** The breaking findings of one contract against the base, with the base text hover and "Restore" need. */
export function breakingFindingsFor(service: LanguageService, base: BaseSnapshot, path: string): Finding[] {
  const doc = service.getDocument(path);
  if (!doc || (doc.kind !== 'odcs' && doc.kind !== 'dcs')) return [];
  const found = breakingDiagnostics(service, base.docs, { baseLabel: base.ref, onlyFile: path }).get(path) ?? [];
  return found.map((d) => withBase(base, d));
}

/** Related locations stay base paths (the adapter knows how to open the base); the data gets its text. */
function withBase(base: BaseSnapshot, d: Finding): Finding {
  const info: BaseInfo = { ref: base.ref };
  const related = d.relatedInformation?.[0];
  if (related) {
    const baseDoc = base.byPath.get(related.location.uri);
    info.baseFile = related.location.uri;
    info.baseLine = related.location.range.start.line;
    if (baseDoc) {
      const block = blockAt(baseDoc.text, related.location.range.start);
      info.baseText = block;
      if (d.code === 'breaking/property-removed') {
        info.restore = block;
        info.restoreAt = neighboursAt(baseDoc.text, related.location.range.start);
      }
    }
  }
  return { ...d, data: { ...d.data, breaking: info } };
}

/** Whether a diagnostic is a breaking finding against an editor's base (its related locations are base paths). */
export function isBaseFinding(d: Diagnostic): boolean {
  return (d.data as FindingData | undefined)?.breaking !== undefined;
}

// ---- code lens ------------------------------------------------------------------------------

/** The title of the code lens at the top of a contract: how it compares with the base. */
export function breakingLensTitle(service: LanguageService, base: BaseSnapshot, path: string): string | undefined {
  const doc = service.getDocument(path);
  if (!doc || (doc.kind !== 'odcs' && doc.kind !== 'dcs')) return undefined;
  const breaking = breakingFindingsFor(service, base, path).filter(
    (d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning,
  );
  // Counted as the findings' messages count them: each affected use (a port, a step) once.
  const consumers = new Set<string>();
  for (const d of breaking)
    for (const i of d.data?.impact ?? []) consumers.add(`${i.kind}\0${i.id}\0${i.detail ?? ''}`);
  const n = breaking.length;
  // A contract the base does not declare (untracked, newly added): nothing to compare it with.
  const id = contractIdOf(doc);
  const isNew = id !== undefined && !base.ids.has(id);
  let title = n
    ? `${n} breaking change${n === 1 ? '' : 's'} vs ${base.ref}`
    : isNew
      ? `New contract — no base to compare (not in ${base.ref})`
      : `No breaking changes vs ${base.ref}`;
  if (n) title += ` · ${consumers.size} consumer${consumers.size === 1 ? '' : 's'} affected`;
  return title;
}

// ---- hover ----------------------------------------------------------------------------------

/** Before and after of the breaking findings under the position, above the engine's own hover. */
export function breakingHover(
  service: LanguageService,
  path: string,
  position: Position,
  engineHover: Hover | null,
): Hover | null {
  const base = service.base;
  if (!base) return engineHover;
  const under = breakingFindingsFor(service, base, path).filter((d) => contains(d.range, position));
  if (!under.length) return engineHover;
  const own = under.map(describeChange).join('\n\n---\n\n');
  const before = engineHover ? hoverText(engineHover) : '';
  return {
    contents: { kind: 'markdown', value: before ? `${own}\n\n---\n\n${before}` : own },
    range: engineHover?.range ?? under[0].range,
  };
}

function contains(range: Range, p: Position): boolean {
  const after = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const before = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return after && before;
}

function hoverText(h: Hover): string {
  const c = h.contents;
  if (typeof c === 'string') return c;
  if (Array.isArray(c))
    return c.map((x) => (typeof x === 'string' ? x : '```' + x.language + '\n' + x.value + '\n```')).join('\n\n');
  return c.value;
}

function yamlOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return YAML.stringify(value).trimEnd();
}

/** "Before (HEAD, contracts/orders.odcs.yaml:12)" / "After" in markdown. */
export function describeChange(d: Diagnostic): string {
  const data = d.data as FindingData | undefined;
  const change = data?.change;
  const info = data?.breaking;
  const severity =
    d.severity === DiagnosticSeverity.Error
      ? 'Breaking change'
      : d.severity === DiagnosticSeverity.Warning
        ? 'Breaking change (announced)'
        : 'Change';
  const lines = [`**${severity}** \`${String(d.code)}\`${change?.path ? ` at \`${change.path}\`` : ''}`];
  const where =
    info?.baseFile !== undefined
      ? ` (${info.ref}, ${info.baseFile}:${(info.baseLine ?? 0) + 1})`
      : info
        ? ` (${info.ref})`
        : '';
  const before = info?.baseText ?? yamlOf(change?.before);
  const after =
    change?.kind === 'property-removed' ||
    change?.kind === 'schema-object-removed' ||
    change?.kind === 'contract-removed'
      ? ''
      : yamlOf(change?.after);
  lines.push(`Before${where}:`, before ? '```yaml\n' + before + '\n```' : '_(none)_');
  lines.push('After:', after ? '```yaml\n' + after + '\n```' : '_(removed)_');
  if (data?.impact?.length)
    lines.push(
      `Affected: ${data.impact.map((i) => `${i.kind} \`${i.id}\`${i.detail ? ` (${i.detail})` : ''}`).join(', ')}`,
    );
  return lines.join('\n\n');
}

// ---- quick fixes ----------------------------------------------------------------------------

/**
 * Quick fixes for breaking findings: bump the major version (once), restore a removed property from
 * the base where it stood. Suppressing with a reason is the generic quick fix (features/codeActions.ts).
 * Edits are keyed by the document's path.
 */
export function breakingQuickFixes(
  service: LanguageService,
  path: string,
  diagnostics: readonly Diagnostic[],
): CodeAction[] {
  const doc = service.getDocument(path);
  if (!doc) return [];
  const actions: CodeAction[] = [];
  let bumped = false;
  for (const d of diagnostics) {
    if (typeof d.code !== 'string' || !d.code.startsWith('breaking/')) continue;
    const data = d.data as FindingData | undefined;
    const info = data?.breaking;
    if (!bumped && d.severity === DiagnosticSeverity.Error) {
      const bump = bumpMajor(doc);
      if (bump) {
        bumped = true;
        actions.push({
          title: `Bump the major version to ${bump.version} (announce the breaking change)`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          edit: { changes: { [path]: [{ range: bump.range, newText: bump.version }] } },
        });
      }
    }
    if (d.code === 'breaking/property-removed' && info?.restore) {
      const insert = restoreEdit(doc.text, d.range.start.line, info.restore, info.restoreAt);
      const changed = data?.change?.path;
      const name = changed ? changed.slice(changed.lastIndexOf('.') + 1) : 'the property';
      if (insert) {
        actions.push({
          title: `Restore \`${name}\` from ${info.ref}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: true,
          edit: { changes: { [path]: [insert] } },
        });
      }
    }
  }
  return actions;
}

/** The YAML block starting at a position (a list item or a key) in a text, dedented. */
export function blockAt(text: string, at: Position): string {
  const lines = text.split(/\r?\n/);
  const first = lines[at.line];
  if (first === undefined) return '';
  const column = at.character;
  const out = [first.slice(column)];
  for (let i = at.line + 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim()) {
      out.push('');
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (indent <= column) break;
    out.push(line.slice(column));
  }
  while (out.length && !out[out.length - 1].trim()) out.pop();
  return out.join('\n');
}

/** The names of a removed list item's neighbours in its base list (ODCS `- name: x` items, DCS `x:` keys). */
export type Neighbours = NonNullable<BaseInfo['restoreAt']>;

interface ListItem {
  name?: string;
  start: number;
  /** Exclusive: the line after its last non-blank line. */
  end: number;
}

const indentOf = (line: string) => line.length - line.trimStart().length;

/** The items of the `properties:`/`fields:` list whose key is on `keyLine`. */
function listItems(
  lines: readonly string[],
  keyLine: number,
): { items: ListItem[]; itemIndent?: number; last: number } {
  const keyIndent = indentOf(lines[keyLine]);
  const items: ListItem[] = [];
  let itemIndent: number | undefined;
  let last = keyLine;
  for (let i = keyLine + 1; i < lines.length; i++) {
    const l = lines[i];
    if (!l.trim() || l.trimStart().startsWith('#')) continue;
    const indent = indentOf(l);
    const item = indent > keyIndent || (indent === keyIndent && l.trimStart().startsWith('- '));
    if (!item) break;
    if (itemIndent === undefined) itemIndent = indent;
    if (indent === itemIndent) {
      if (items.length) items[items.length - 1].end = last + 1;
      items.push({ start: i, end: i + 1, name: itemName(lines, i, indent) });
    }
    last = i;
  }
  if (items.length) items[items.length - 1].end = last + 1;
  return { items, itemIndent, last };
}

/** `- name: x` (or a `name:` line of the item), or the key of a DCS field. */
function itemName(lines: readonly string[], start: number, indent: number): string | undefined {
  const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/, '$2');
  const first = lines[start].slice(indent);
  if (first.startsWith('- ')) {
    const inline = /^-\s+name:\s*(.+?)\s*(#.*)?$/.exec(first);
    if (inline) return unquote(inline[1]);
    for (let i = start + 1; i < lines.length; i++) {
      const l = lines[i];
      if (!l.trim()) continue;
      if (indentOf(l) <= indent) break;
      const m = /^\s*name:\s*(.+?)\s*(#.*)?$/.exec(l);
      if (m && indentOf(l) === indent + 2) return unquote(m[1]);
    }
    return undefined;
  }
  const key = /^([^:#]+):/.exec(first);
  return key ? unquote(key[1]) : undefined;
}

/** Where the item starting at `at` (its `- ` or its key) stood in its base list. */
export function neighboursAt(text: string, at: Position): Neighbours | undefined {
  const lines = text.split(/\r?\n/);
  // An ODCS item (`- name: x`) may sit at its key's indent; a DCS field is a key, deeper than its list's.
  const dash = (lines[at.line] ?? '').slice(at.character).startsWith('- ');
  for (let k = at.line - 1; k >= 0; k--) {
    const l = lines[k];
    if (!l.trim() || l.trimStart().startsWith('#')) continue;
    if (indentOf(l) < at.character || (dash && indentOf(l) === at.character && !l.trimStart().startsWith('- '))) {
      if (!/^\s*(properties|fields):\s*(#.*)?$/.test(l)) return undefined;
      const { items } = listItems(lines, k);
      const index = items.findIndex((i) => i.start === at.line);
      if (index < 0) return undefined;
      return { after: items[index - 1]?.name, before: items[index + 1]?.name, first: index === 0 };
    }
  }
  return undefined;
}

/**
 * The edit that puts a base block back into the `properties:`/`fields:` list on `line`: where it
 * stood (after its base predecessor, else before its base successor, else first when it was first),
 * at the end of the list when none of its neighbours is left. Order matters (Avro topics, CSV files).
 */
export function restoreEdit(
  text: string,
  line: number,
  block: string,
  where?: Neighbours,
): { range: Range; newText: string } | undefined {
  const lines = text.split(/\r?\n/);
  const key = lines[line];
  if (key === undefined || !/^\s*(properties|fields):\s*(#.*)?$/.test(key)) return undefined;
  const keyIndent = indentOf(key);
  const { items, itemIndent, last } = listItems(lines, line);
  const pad = ' '.repeat(itemIndent ?? keyIndent + 2);
  const newText =
    block
      .split('\n')
      .map((l) => (l ? pad + l : l))
      .join('\n') + '\n';
  let insertAt: number | undefined;
  const after = where?.after !== undefined ? items.find((i) => i.name === where.after) : undefined;
  const before = where?.before !== undefined ? items.find((i) => i.name === where.before) : undefined;
  if (after) insertAt = after.end;
  else if (before) insertAt = before.start;
  else if (where?.first && items.length) insertAt = items[0].start;
  if (insertAt !== undefined && insertAt <= last)
    return { range: { start: { line: insertAt, character: 0 }, end: { line: insertAt, character: 0 } }, newText };
  if (last + 1 >= lines.length) {
    // The list ends the file: append after its last line.
    const end = { line: last, character: lines[last].length };
    return { range: { start: end, end }, newText: '\n' + newText.replace(/\n$/, '') };
  }
  const at = { line: last + 1, character: 0 };
  return { range: { start: at, end: at }, newText };
}

/** The next major version of a contract and where its version is written (ODCS `version`, DCS `info.version`). */
export function bumpMajor(doc: ParsedDocument): { version: string; range: Range } | undefined {
  const contract = documentModel(doc)?.contract;
  if (contract?.version === undefined) return undefined;
  const path = contract.versionPath;
  const current = contract.version;
  const m = /^(\s*v?)(\d+)(?:\.(\d+))?/.exec(current);
  if (!m) return undefined;
  const major = Number(m[2]);
  const version = major === 0 ? `${m[1]}0.${Number(m[3] ?? 0) + 1}.0` : `${m[1]}${major + 1}.0.0`;
  if (!isMajorBump(current, version)) return undefined;
  return { version, range: rangeOf(doc, { path, target: 'value' }) };
}
