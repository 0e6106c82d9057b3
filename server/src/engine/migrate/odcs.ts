// `pactline migrate` and its quick fix: an ODCS v3.0.x file carried to v3.1.0 or v3.2.0 (or a v3.1.0
// file to v3.2.0) as the standard's v3.1.0 changelog says, by editing the text in place: every
// line that does not change stays byte for byte, comments included, so the diff shows only the
// migration. (The `yaml` package's own re-serialisation drops some comments and re-indents.)
//
// What changes, from v3.0.x:
// - library quality checks: `rule:` → `metric:` with a threshold (migrate/quality.ts);
// - `logicalTypeOptions`: boolean `exclusiveMaximum`/`exclusiveMinimum` → the bound itself
//   (`maximum: 5, exclusiveMaximum: true` → `exclusiveMaximum: 5`; `false` is dropped);
// - SLA `column` → `element`, `slaDefaultColumn` → `slaDefaultElement` (the v3.0 renames that
//   files kept, since v3.0 allowed any extra key);
// - team members' `comment` → `description` (when they have none);
// - `team` as a list → `team: { members: [...] }` (the list form is deprecated since v3.1.0);
// - keys v3.1 closed off (extra server keys such as kafka `topic`, `format` on an api server...)
//   move into the object's `customProperties`, where the target's own schema says they are unknown
//   and the object has no other mistake (so a cascade cannot move valid keys);
// - `apiVersion`.
// From v3.1.0 to v3.2.0 only `apiVersion` changes: v3.2.0 only adds.
//
// Pure: text in, text out. The caller hands in the target's validator (`TargetCheck`).
import * as YAML from 'yaml';
import { isRecord } from '../kinds';
import type { PathSegment, RawFinding } from '../locate';
import { migrateQualityCheck } from './quality';

export const MIGRATION_TARGETS = ['v3.1.0', 'v3.2.0'] as const;
export type MigrationTarget = (typeof MIGRATION_TARGETS)[number];
/** The newest ODCS version Pactline validates. */
export const CURRENT_ODCS_VERSION: MigrationTarget = 'v3.2.0';

const ORDER = ['v3.0.0', 'v3.0.1', 'v3.0.2', 'v3.1.0', 'v3.2.0'];

/** The target's findings on a document value (the engine's validator for the target version). */
export type TargetCheck = (value: unknown) => RawFinding[];

export interface MigrationResult {
  from: string;
  to: MigrationTarget;
  /** The migrated text. */
  text: string;
  /** What was assumed or moved, one sentence each. */
  notes: string[];
  /** What the target still finds wrong after the migration, one line each; empty when it validates. */
  remaining: string[];
}

export type MigrationOutcome = { ok: true; result: MigrationResult } | { ok: false; reason: string };

/**
 * `version/upgrade-available` on an ODCS v3.0.x document (at its `apiVersion`): it stays valid under its
 * own rules, but v3.1.0 changed how it is written and v3.2.0 is current. Not on v3.1.0 files:
 * v3.2.0 only adds to v3.1.0, so there is nothing to upgrade but the version number.
 */
export function olderVersionFinding(value: unknown): RawFinding | undefined {
  if (
    !isRecord(value) ||
    typeof value.apiVersion !== 'string' ||
    !/^v3\.0\.\d+$/.test(value.apiVersion) ||
    !canMigrate(value.apiVersion, 'v3.1.0')
  )
    return undefined;
  return {
    rule: 'version/upgrade-available',
    message:
      `This contract is ODCS ${value.apiVersion}; ${CURRENT_ODCS_VERSION} is current. It stays valid as it is; ` +
      `\`pactline migrate --to ${CURRENT_ODCS_VERSION}\` (or the quick fix) carries it across, comments kept.`,
    at: { path: ['apiVersion'], target: 'value' },
    data: { migrateTo: CURRENT_ODCS_VERSION },
  };
}

/** True when a document of version `from` can be migrated to `to` (a newer version). */
export function canMigrate(from: unknown, to: MigrationTarget): boolean {
  const a = typeof from === 'string' ? ORDER.indexOf(from) : -1;
  return a >= 0 && a < ORDER.indexOf(to);
}

export function migrateOdcs(original: string, to: MigrationTarget, check?: TargetCheck): MigrationOutcome {
  // Edits write `\n`; a CRLF file is migrated as LF and given its CRLF back.
  const crlf = original.includes('\r\n');
  const outcome = migrateLf(crlf ? original.replace(/\r\n/g, '\n') : original, to, check);
  if (crlf && outcome.ok) outcome.result.text = outcome.result.text.replace(/\n/g, '\r\n');
  return outcome;
}

function migrateLf(text: string, to: MigrationTarget, check?: TargetCheck): MigrationOutcome {
  const first = parse(text);
  if (!first) return { ok: false, reason: 'it is not a single valid YAML document' };
  const value = first.toJS() as unknown;
  if (!isRecord(value) || value.kind !== 'DataContract')
    return { ok: false, reason: 'it is not an ODCS data contract (`kind: DataContract`)' };
  const from = value.apiVersion;
  if (typeof from !== 'string' || !ORDER.includes(from)) {
    return {
      ok: false,
      reason: `it declares apiVersion ${JSON.stringify(from ?? null)}; migrate reads ${ORDER.slice(0, -1).join(', ')}`,
    };
  }
  if (!canMigrate(from, to)) return { ok: false, reason: `it is already ${from}` };

  const notes: string[] = [];
  let current = text;
  const step = (find: (doc: YAML.Document.Parsed, text: string) => Edit | undefined): void => {
    // One edit at a time, parsing again after each: edits never overlap, and every fixer sees
    // the text as it now is. Each edit removes what its fixer looks for, so this ends.
    for (let guard = 0; guard < 10_000; guard++) {
      const doc = parse(current);
      if (!doc) return;
      const edit = find(doc, current);
      if (!edit) return;
      current = current.slice(0, edit.start) + edit.text + current.slice(edit.end);
      notes.push(...edit.notes);
    }
  };
  if (ORDER.indexOf(from) < ORDER.indexOf('v3.1.0')) {
    step(qualityChecks);
    step(exclusiveBounds);
    step(slaRenames);
    step(teamMemberComments);
    step(teamAsObject);
  }
  step((doc, t) => apiVersion(doc, t, to));

  let remaining: string[] = [];
  if (check) {
    step((doc, t) => unknownKeysToCustomProperties(doc, t, check));
    const final = parse(current);
    remaining = final ? check(final.toJS()).map(describeFinding) : ['the migrated text does not parse'];
  }
  return { ok: true, result: { from, to, text: current, notes: [...new Set(notes)], remaining } };
}

// ---- the fixers: each finds the first thing to change and returns one edit -----------------------

interface Edit {
  start: number;
  end: number;
  text: string;
  notes: string[];
}

function qualityChecks(doc: YAML.Document.Parsed, text: string): Edit | undefined {
  let found: Edit | undefined;
  walk(doc.contents, [], (node, path) => {
    if (found || !YAML.isMap(node) || path[path.length - 2] !== 'quality') return;
    const migrated = migrateQualityCheck(node.toJSON());
    if (!migrated) return;
    const entries: Entry[] = Object.entries(migrated.check).map(([key, value]) => ({
      key,
      value,
      from: node.has(key) ? key : key === 'metric' ? 'rule' : undefined,
    }));
    found = rewriteMap(
      text,
      node,
      entries,
      migrated.notes.map((n) => `${where(path)}: ${n}`),
    );
  });
  return found;
}

function exclusiveBounds(doc: YAML.Document.Parsed, text: string): Edit | undefined {
  let found: Edit | undefined;
  walk(doc.contents, [], (node, path) => {
    if (found || !YAML.isMap(node) || path[path.length - 1] !== 'logicalTypeOptions') return;
    const options = node.toJSON() as Record<string, unknown>;
    const pairs: [string, string][] = [
      ['exclusiveMaximum', 'maximum'],
      ['exclusiveMinimum', 'minimum'],
    ];
    if (!pairs.some(([flag]) => typeof options[flag] === 'boolean')) return;
    const notes: string[] = [];
    const drop = new Set<string>();
    const replace = new Map<string, unknown>();
    for (const [flag, bound] of pairs) {
      if (typeof options[flag] !== 'boolean') continue;
      if (options[flag] && options[bound] !== undefined) {
        replace.set(flag, options[bound]);
        drop.add(bound);
      } else {
        drop.add(flag);
        if (options[flag])
          notes.push(`${where(path)}: \`${flag}: true\` had no \`${bound}\` to make exclusive; it was dropped.`);
      }
    }
    const entries: Entry[] = Object.keys(options)
      .filter((k) => !drop.has(k))
      .map((key) => ({ key, from: key, value: replace.has(key) ? replace.get(key) : options[key] }));
    found = rewriteMap(text, node, entries, notes);
  });
  return found;
}

function slaRenames(doc: YAML.Document.Parsed, text: string): Edit | undefined {
  const root = doc.contents;
  if (!YAML.isMap(root)) return undefined;
  if (root.has('slaDefaultColumn') && !root.has('slaDefaultElement'))
    return renameKey(text, root, 'slaDefaultColumn', 'slaDefaultElement');
  const sla = root.get('slaProperties', true);
  if (!YAML.isSeq(sla)) return undefined;
  for (const item of sla.items) {
    if (YAML.isMap(item) && item.has('column') && !item.has('element'))
      return renameKey(text, item, 'column', 'element');
  }
  return undefined;
}

function teamMembers(doc: YAML.Document.Parsed): YAML.YAMLSeq | undefined {
  const root = doc.contents;
  if (!YAML.isMap(root)) return undefined;
  const team = root.get('team', true);
  if (YAML.isSeq(team)) return team;
  const members = YAML.isMap(team) ? team.get('members', true) : undefined;
  return YAML.isSeq(members) ? members : undefined;
}

function teamMemberComments(doc: YAML.Document.Parsed, text: string): Edit | undefined {
  for (const member of teamMembers(doc)?.items ?? []) {
    if (YAML.isMap(member) && member.has('comment') && !member.has('description'))
      return renameKey(text, member, 'comment', 'description');
  }
  return undefined;
}

function teamAsObject(doc: YAML.Document.Parsed, text: string): Edit | undefined {
  const root = doc.contents;
  if (!YAML.isMap(root)) return undefined;
  const pair = root.items.find((p) => YAML.isScalar(p.key) && p.key.value === 'team');
  const team = pair?.value;
  if (!pair || !YAML.isSeq(team) || !team.range) return undefined;
  const notes = ['`team` as a list is deprecated since v3.1.0: it became `team: { members: [...] }`.'];
  if (team.flow)
    return {
      start: team.range[0],
      end: team.range[1],
      text: `{ members: ${text.slice(team.range[0], team.range[1])} }`,
      notes,
    };
  // Block list: a `members:` line, and every line of the list two columns further in (block
  // scalars inside keep their relative indentation, comments move with their lines).
  const keyColumn = column(text, (pair.key as YAML.Scalar).range![0]);
  const start = lineStart(text, team.range[0]);
  const end = lineEnd(text, contentEnd(text, team.range[0], team.range[1]));
  const lines = text
    .slice(start, end)
    .split('\n')
    .map((l) => (l.trim() ? '  ' + l : l));
  return { start, end, text: ' '.repeat(keyColumn + 2) + 'members:\n' + lines.join('\n'), notes };
}

function apiVersion(doc: YAML.Document.Parsed, text: string, to: MigrationTarget): Edit | undefined {
  const root = doc.contents;
  const node = YAML.isMap(root) ? root.get('apiVersion', true) : undefined;
  if (!YAML.isScalar(node) || String(node.value) === to || !node.range) return undefined;
  const source = text.slice(node.range[0], node.range[1]);
  const from = String(node.value);
  const replaced = source.includes(from) ? source.replace(from, to) : to;
  return { start: node.range[0], end: node.range[1], text: replaced, notes: [] };
}

/** Where v3.1 and v3.2 have `customProperties` for what they do not name. */
function allowsCustomProperties(path: readonly PathSegment[]): boolean {
  const p = path.map((s) => (typeof s === 'number' ? '#' : s)).join('/');
  if (['servers/#', 'servers/#/roles/#', 'roles/#', 'support/#', 'team', 'team/members/#', 'description'].includes(p))
    return true;
  return /^schema\/#((\/properties\/#)|(\/items))*(\/(quality|relationships)\/#)?$/.test(p);
}

function unknownKeysToCustomProperties(doc: YAML.Document.Parsed, text: string, check: TargetCheck): Edit | undefined {
  const findings = check(doc.toJS());
  const byParent = new Map<string, { path: PathSegment[]; keys: string[] }>();
  for (const f of findings) {
    if (f.rule !== 'schema/unknown-key' || !('path' in f.at) || !f.at.path.length) continue;
    const path = f.at.path.slice(0, -1);
    const id = JSON.stringify(path);
    const entry = byParent.get(id) ?? { path, keys: [] };
    entry.keys.push(String(f.at.path[f.at.path.length - 1]));
    byParent.set(id, entry);
  }
  for (const { path, keys } of byParent.values()) {
    if (!allowsCustomProperties(path)) continue;
    // Only where unknown keys are the object's only mistakes: a wrong value elsewhere in it can
    // make a validator call valid keys unknown, and those must stay where they are.
    const inside = findings.filter((f) => 'path' in f.at && startsWith(f.at.path, path));
    if (
      inside.some((f) => f.rule !== 'schema/unknown-key' || !('path' in f.at) || f.at.path.length !== path.length + 1)
    )
      continue;
    const node = doc.getIn(path, true);
    if (!YAML.isMap(node)) continue;
    const obj = node.toJSON() as Record<string, unknown>;
    const moved = keys.filter((k) => k in obj && k !== 'customProperties');
    if (!moved.length) continue;
    const items = moved.map((k) => ({ property: k, value: obj[k] }));
    const entries: Entry[] = Object.keys(obj)
      .filter((k) => !moved.includes(k))
      .map((key) => ({ key, from: key, value: obj[key] }));
    const existing = entries.find((e) => e.key === 'customProperties');
    if (existing && Array.isArray(existing.value)) existing.append = items;
    else if (existing)
      continue; // not a list: leave it to the person
    else entries.push({ key: 'customProperties', value: items });
    return rewriteMap(text, node, entries, [
      `${where(path)}: ${moved.map((k) => `\`${k}\``).join(', ')} ${moved.length > 1 ? 'are' : 'is'} not part of the target version here; moved into \`customProperties\`.`,
    ]);
  }
  return undefined;
}

// ---- rewriting one mapping in place ---------------------------------------------------------------

interface Entry {
  key: string;
  value: unknown;
  /** The old key whose lines this entry keeps (renamed when it differs from `key`). */
  from?: string;
  /** Items to add at the end of the old list value (its lines and comments kept). */
  append?: unknown[];
}

function renameKey(text: string, map: YAML.YAMLMap, from: string, to: string): Edit {
  const obj = map.toJSON() as Record<string, unknown>;
  return rewriteMap(
    text,
    map,
    Object.keys(obj).map((key) =>
      key === from ? { key: to, from, value: obj[key] } : { key, from: key, value: obj[key] },
    ),
    [],
  );
}

/**
 * One edit that turns the mapping's entries into `entries`: entries that come `from` an old pair
 * keep its text (the key renamed, a changed scalar replaced, `append` items added); others are
 * written new; old pairs no entry keeps are removed, their comments kept as comment lines.
 */
function rewriteMap(text: string, map: YAML.YAMLMap, entries: readonly Entry[], notes: string[]): Edit {
  const pairs = map.items.filter(
    (p): p is YAML.Pair<YAML.Scalar, YAML.Node | null> => YAML.isScalar(p.key) && !!p.key.range,
  );
  // Lists under a key written flush with it (`key:\n- a`) in this file: new lists are written so too.
  const indentSeq = !/^( *)[^\s#-][^\n]*:[ \t]*\n\1- /m.test(text);
  if (map.flow || !pairs.length || pairs.length !== map.items.length) {
    // A flow mapping `{ ... }` (rare in contracts): written anew, in flow style.
    const fresh = new YAML.Document(
      Object.fromEntries(entries.map((e) => [e.key, e.append ? [...(e.value as unknown[]), ...e.append] : e.value])),
    );
    if (YAML.isMap(fresh.contents)) fresh.contents.flow = true;
    const range = map.range ?? [0, 0];
    return { start: range[0], end: range[1], text: fresh.toString({ lineWidth: 0 }).trimEnd(), notes };
  }
  const indent = ' '.repeat(column(text, pairs[0].key.range![0]));
  interface Old {
    pair: (typeof pairs)[number];
    body: string;
    gap: string[];
    keyStart: number;
  }
  const old = new Map<string, Old>();
  let previousEnd = -1;
  for (const pair of pairs) {
    const keyStart = pair.key.range![0];
    const valueEnd = pair.value?.range ? pair.value.range[1] : pair.key.range![1];
    const end = lineEnd(text, contentEnd(text, keyStart, valueEnd));
    const gap =
      previousEnd < 0
        ? []
        : text
            .slice(previousEnd + 1, lineStart(text, keyStart))
            .split('\n')
            .slice(0, -1)
            .map((l) => l.trim());
    old.set(String(pair.key.value), { pair, body: text.slice(keyStart, end), gap, keyStart });
    previousEnd = end;
  }
  const regionStart = pairs[0].key.range![0];
  const used = new Set<string>();
  const out: string[] = [];
  const emitComments = (lines: string[]) => {
    for (const l of lines) out.push(l);
  };
  const orphanComments = (o: Old): string[] => {
    const lines = o.body.split('\n');
    const comments: string[] = [];
    const trailing = o.pair.value?.comment ?? (o.pair.key as YAML.Scalar).comment;
    if (trailing) comments.push('#' + trailing.split('\n')[0]);
    for (const l of lines.slice(1)) if (/^\s*#/.test(l)) comments.push(l.trim());
    return comments;
  };
  for (const entry of entries) {
    const source = entry.from !== undefined ? old.get(entry.from) : undefined;
    if (!source || used.has(entry.from!)) {
      out.push(render(entry.key, entry.value, indent, indentSeq));
      continue;
    }
    used.add(entry.from!);
    emitComments(source.gap);
    const oldValue = source.pair.value ? (source.pair.value as YAML.Node).toJSON() : null;
    let body = source.body;
    const keyNode = source.pair.key;
    const valueNode = source.pair.value;
    if (entry.append && YAML.isSeq(valueNode) && !valueNode.flow && valueNode.range) {
      const dash = ' '.repeat(column(text, valueNode.range[0]));
      const items = YAML.stringify(entry.append, { lineWidth: 0 })
        .trimEnd()
        .split('\n')
        .map((l) => dash + l);
      body += '\n' + items.join('\n');
    } else if (entry.append || !deepEqual(oldValue, entry.value)) {
      if (YAML.isScalar(valueNode) && valueNode.range && !isCollection(entry.value)) {
        const rel = valueNode.range[0] - source.keyStart;
        body = body.slice(0, rel) + scalarText(entry.value) + body.slice(valueNode.range[1] - source.keyStart);
      } else {
        emitComments(orphanComments(source));
        out.push(
          render(
            entry.key,
            entry.append ? [...(entry.value as unknown[]), ...entry.append] : entry.value,
            indent,
            indentSeq,
          ),
        );
        continue;
      }
    }
    if (entry.key !== entry.from)
      body = YAML.stringify(entry.key).trimEnd() + body.slice(keyNode.range![1] - source.keyStart);
    out.push(body);
  }
  for (const [key, o] of old) {
    if (used.has(key)) continue;
    // Removed: its comments stay, where it was (at the end is near enough for a removed key).
    emitComments([...o.gap, ...orphanComments(o)]);
  }
  // Every entry after the first starts on its own line at the mapping's indentation; the first
  // continues the line the mapping starts on (after `- ` in a list).
  const joined = out.map((chunk, i) => (i === 0 || chunk === '' ? chunk : indent + chunk)).join('\n');
  const lastEnd = previousEnd;
  return { start: regionStart, end: lastEnd, text: joined, notes };
}

function render(key: string, value: unknown, indent: string, indentSeq: boolean): string {
  const text = YAML.stringify({ [key]: value }, { lineWidth: 0, indentSeq }).trimEnd();
  return text
    .split('\n')
    .map((l, i) => (i === 0 ? l : indent + l))
    .join('\n');
}

function scalarText(value: unknown): string {
  return YAML.stringify(value, { lineWidth: 0 }).trimEnd();
}

function isCollection(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

// ---- helpers --------------------------------------------------------------------------------------

function parse(text: string): YAML.Document.Parsed | undefined {
  const doc = YAML.parseDocument(text, { uniqueKeys: true });
  return doc.errors.length ? undefined : doc;
}

function walk(node: unknown, path: PathSegment[], visit: (node: YAML.Node, path: PathSegment[]) => void): void {
  if (!YAML.isNode(node)) return;
  visit(node, path);
  if (YAML.isMap(node)) {
    for (const pair of node.items)
      if (YAML.isScalar(pair.key)) walk(pair.value, [...path, String(pair.key.value)], visit);
  } else if (YAML.isSeq(node)) {
    node.items.forEach((item, i) => walk(item, [...path, i], visit));
  }
}

function where(path: readonly PathSegment[]): string {
  return (
    path
      .map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`))
      .join('')
      .replace(/^\./, '') || '(top)'
  );
}

function describeFinding(f: RawFinding): string {
  return 'path' in f.at ? `${where(f.at.path)}: ${f.message} (${f.rule})` : `${f.message} (${f.rule})`;
}

function startsWith(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.every((s, i) => path[i] === s) && path.length >= prefix.length;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset of the end of the line holding `offset` (its `\n`, or the end of the text). */
function lineEnd(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i;
}

function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** The offset of the last non-blank character in [start, end) (a node's end can be the next line's start). */
function contentEnd(text: string, start: number, end: number): number {
  let i = end;
  while (i > start && /\s/.test(text[i - 1])) i--;
  return Math.max(start, i - 1);
}
