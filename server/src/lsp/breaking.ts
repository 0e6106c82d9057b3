// Breaking changes in the editor: every open contract compared with its base version (default
// `HEAD`, so uncommitted edits show at once; the setting `pactline.breaking.against` chooses another
// REF, `merge-base:origin/main` included) as the user types.
//
// The base is read from git (server/src/git: one ls-tree, one cat-file --batch) once per folder and
// commit, never per keystroke: the REF is resolved again at most every RECHECK_MS (one rev-parse),
// and the files are read again only when it points at another commit. Untrusted workspaces run no
// git. What is compared and what is reported is the engine's (engine/breaking), as in the CLI.
//
// Editor additions: findings on the changed line (a removed property's on its parent, with related
// information pointing at the base text), hover with before and after, quick fixes (bump the major
// version, restore a removed property from the base; suppressing with a reason is the engine's
// generic quick fix), a code lens at the top of the contract, and the base text for the client's
// diff view (`pactline-base:` URIs).
import * as YAML from 'yaml';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DiagnosticSeverity,
  type CodeAction,
  type CodeLens,
  type Diagnostic,
  type Hover,
  type Position,
  type Range,
} from 'vscode-languageserver/node';
import { breakingDiagnostics, parseBaseFiles } from '../engine/breaking';
import { contractIdOf } from '../engine/breaking/model';
import { isMajorBump } from '../engine/breaking/typeRules';
import type { ParsedDocument } from '../engine/document';
import type { Finding } from '../engine/types';
import { rangeOf } from '../engine/locate';
import { baseFileFilter } from '../host/baseFiles';
import { blobId, GitError, GitRepository } from '../git/reader';
import {
  BASE_SCHEME,
  BaseContentRequest,
  BaseOfRequest,
  COMPARE_WITH_BASE_COMMAND,
  type BaseContentResult,
  type BaseOfResult,
} from '../../../protocol/breaking';
import type { Folder } from './folder';
import type { Located, OpenDocument, PactlineServer } from './server';

/** How often, at most, the REF is resolved again (a commit or checkout moves HEAD). */
export const RECHECK_MS = 3000;
/** After a failure (not a repository, REF not found) the next attempt waits this long. */
const RETRY_MS = 30_000;
/** Base snapshots kept per folder (the current commit and the previous one). */
const KEEP_COMMITS = 2;

interface Snapshot {
  commit: string;
  docs: ParsedDocument[];
  byPath: Map<string, ParsedDocument>;
  /** The contract ids the base declares (read on first use). */
  ids?: Set<string>;
}

interface BaseState {
  ref: string;
  /** The snapshot compared against, once read. */
  current?: Snapshot;
  byCommit: Map<string, Snapshot>;
  checkedAt: number;
  pending?: Promise<void>;
  error?: string;
}

/** What a breaking diagnostic carries in `data` (the engine's change and impact, and ours). */
interface BreakingData {
  change?: { kind: string; path: string; before: unknown; after: unknown };
  impact?: { kind: string; id: string; file: string; detail?: string }[];
  breaking?: {
    ref: string;
    baseFile?: string;
    baseLine?: number;
    baseText?: string;
    restore?: string;
    /** Where the removed property stood in its base list: after this sibling, before that one, or first. */
    restoreAt?: Neighbours;
  };
}

export class BreakingSupport {
  private readonly bases = new Map<Folder, BaseState>();
  private readonly warned = new Set<string>();
  /** The client opens `pactline-base:` URIs (the VS Code extension); others get workspace file URIs. */
  private baseScheme = false;

  constructor(private readonly server: PactlineServer) {}

  /** From `initialize`: `initializationOptions.breakingBaseScheme`. */
  initialize(options: unknown): void {
    this.baseScheme = (options as { breakingBaseScheme?: unknown } | null)?.breakingBaseScheme === true;
  }

  register(): void {
    const c = this.server.connection;
    c.onCodeLens((params) => this.server.guard('codeLens', () => this.codeLenses(params.textDocument.uri), null));
    c.onRequest(BaseOfRequest, (params) =>
      this.server.guard('baseOf', () => this.baseOf(params.textDocument.uri), { error: 'internal error' }),
    );
    c.onRequest(BaseContentRequest, (params) =>
      this.baseContent(params.uri).catch((e): BaseContentResult => ({ error: String(e?.message ?? e) })),
    );
  }

  /**
   * The REF the editor compares with: the client setting `pactline.breaking.against`, else `HEAD`
   * (uncommitted edits show at once); '' turns it off. `breaking.against` in pactline.yaml is what
   * CI compares with (often `merge-base:origin/main`); the editor does not take it unasked.
   */
  refFor(_folder: Folder): string {
    const setting = this.server.settings.breaking?.against;
    if (typeof setting === 'string') return setting.trim();
    return 'HEAD';
  }

  /** The breaking-change diagnostics of an open document (synchronous; empty until the base is read). */
  diagnosticsFor(doc: OpenDocument): Finding[] {
    if (doc.ignored) return [];
    return this.compute(doc.folder, doc.path)?.diagnostics ?? [];
  }

  private compute(
    folder: Folder,
    enginePath: string,
  ): { diagnostics: Finding[]; ref: string; isNew: boolean } | undefined {
    if (!this.server.trusted || folder.root === undefined) return undefined;
    const parsed = folder.service.getDocument(enginePath);
    if (!parsed || (parsed.kind !== 'odcs' && parsed.kind !== 'dcs')) return undefined;
    const ref = this.refFor(folder);
    if (!ref) return undefined;
    const snapshot = this.snapshotFor(folder, ref);
    if (!snapshot) return undefined;
    const found =
      breakingDiagnostics(folder.service, snapshot.docs, { baseLabel: ref, onlyFile: enginePath }).get(enginePath) ??
      [];
    const diagnostics = found.map((d) => this.decorate(folder, snapshot, ref, d));
    // A contract the base does not declare (untracked, newly added): nothing to compare it with.
    snapshot.ids ??= new Set(snapshot.docs.flatMap((d) => contractIdOf(d) ?? []));
    const id = contractIdOf(parsed);
    return { diagnostics, ref, isNew: id !== undefined && !snapshot.ids.has(id) };
  }

  /** Related locations point at the base text; the data keeps what hover and the quick fixes need. */
  private decorate(folder: Folder, snapshot: Snapshot, ref: string, d: Finding): Finding {
    const data: BreakingData = { ...(d.data as BreakingData | undefined) };
    const info: NonNullable<BreakingData['breaking']> = { ref };
    const related = d.relatedInformation?.[0];
    if (related) {
      const baseDoc = snapshot.byPath.get(related.location.uri);
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
    data.breaking = info;
    return {
      ...d,
      data,
      relatedInformation: d.relatedInformation?.map((r) => ({
        ...r,
        location: { ...r.location, uri: this.baseUri(folder, r.location.uri, ref, snapshot.commit) },
      })),
    };
  }

  private baseUri(folder: Folder, enginePath: string, ref: string, commit: string): string {
    if (!this.baseScheme) return folder.uriOf(enginePath) ?? enginePath;
    const query = new URLSearchParams({ folder: folder.uri ?? '', ref, commit }).toString();
    return `${BASE_SCHEME}:/${enginePath.split('/').map(encodeURIComponent).join('/')}?${query}`;
  }

  // ---- the base: resolved at most every RECHECK_MS, read once per commit ----------------------

  private snapshotFor(folder: Folder, ref: string): Snapshot | undefined {
    let state = this.bases.get(folder);
    if (!state || state.ref !== ref) {
      state = { ref, byCommit: new Map(), checkedAt: 0 };
      this.bases.set(folder, state);
    }
    const wait = state.error ? RETRY_MS : RECHECK_MS;
    if (!state.pending && Date.now() - state.checkedAt >= wait) {
      const s = state;
      s.pending = this.refresh(folder, s).finally(() => {
        s.pending = undefined;
      });
    }
    return state.current;
  }

  /** Waits for the base of a folder (tests, the diff command): resolved and read if needed. */
  async ready(folder: Folder): Promise<Snapshot | undefined> {
    const ref = this.refFor(folder);
    if (!ref || !this.server.trusted || folder.root === undefined) return undefined;
    this.snapshotFor(folder, ref);
    await this.bases.get(folder)?.pending;
    return this.bases.get(folder)?.current;
  }

  private async refresh(folder: Folder, state: BaseState): Promise<void> {
    const root = folder.root!;
    try {
      const repo = await GitRepository.open(root);
      const resolved = await repo.resolve(state.ref);
      state.checkedAt = Date.now();
      state.error = undefined;
      if (state.current?.commit === resolved.commit) return;
      let snapshot = state.byCommit.get(resolved.commit);
      if (!snapshot) {
        const started = Date.now();
        const accept = baseFileFilter(root, folder.service.config);
        // A document the server holds whose text is the blob (same id) is the base version already:
        // reused (documents are never changed in place), neither read from git nor parsed again.
        const reused: ParsedDocument[] = [];
        const entries = (await repo.list(resolved.commit, ['.'])).filter((e) => {
          if (!accept(e.path)) return false;
          const doc = folder.service.getDocument(e.path);
          if (doc && blobId(Buffer.from(doc.text, 'utf8'), e.blob) === e.blob) {
            reused.push(doc);
            return false;
          }
          return true;
        });
        let files: { path: string; bytes: Uint8Array }[] = [];
        if (entries.length) {
          const reader = repo.blobs();
          try {
            const contents = await Promise.all(entries.map((e) => reader.read(e.blob)));
            files = entries.map((e, i) => ({ path: e.path, bytes: contents[i] }));
          } finally {
            reader.close();
          }
        }
        const docs = [...reused, ...parseBaseFiles(files, folder.service.config)];
        snapshot = { commit: resolved.commit, docs, byPath: new Map(docs.map((d) => [d.path, d])) };
        state.byCommit.set(resolved.commit, snapshot);
        while (state.byCommit.size > KEEP_COMMITS) state.byCommit.delete(state.byCommit.keys().next().value!);
        this.server.connection.console.info(
          `Breaking changes: ${folder.name} compared with ${state.ref} (${resolved.commit.slice(0, 12)}): ${files.length} files read in ${Date.now() - started} ms (${reused.length} unchanged).`,
        );
      }
      if (this.bases.get(folder) !== state) return; // the REF changed meanwhile
      state.current = snapshot;
      this.server.revalidateFolder(folder);
      this.refreshLenses();
    } catch (error) {
      state.checkedAt = Date.now();
      const message =
        error instanceof GitError ? error.describe() : error instanceof Error ? error.message : String(error);
      state.error = message;
      const hadBase = state.current !== undefined;
      state.current = undefined;
      if (hadBase) this.server.revalidateFolder(folder);
      const key = `${folder.uri}\0${state.ref}\0${message}`;
      if (!this.warned.has(key)) {
        this.warned.add(key);
        const note =
          error instanceof GitError && error.code === 'not-a-repository'
            ? `Breaking changes: ${folder.name} is not a git repository, so contracts are not compared with ${state.ref}.`
            : `Breaking changes: cannot compare ${folder.name} with ${state.ref}: ${message}`;
        this.server.connection.console.warn(note);
        if (!(error instanceof GitError && error.code === 'not-a-repository'))
          void this.server.connection.window.showWarningMessage(`Pactline: ${note.split('\n')[0]}`);
      }
    }
  }

  private refreshLenses(): void {
    if (!this.server.capabilities.workspace?.codeLens?.refreshSupport) return;
    this.server.connection
      .sendRequest(CodeLensRefreshRequest.type)
      .catch((e: unknown) => this.server.logError('codeLens refresh', e));
  }

  // ---- code lens, hover, quick fixes ----------------------------------------------------------

  private codeLenses(uri: string): CodeLens[] | null {
    const where = this.server.locate(uri);
    if (!where || where.open?.ignored) return null;
    const result = this.compute(where.folder, where.path);
    if (!result) return null;
    const breaking = result.diagnostics.filter(
      (d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning,
    );
    // Counted as the findings' messages count them: each affected use (a port, a step) once.
    const consumers = new Set<string>();
    for (const d of breaking)
      for (const i of (d.data as BreakingData | undefined)?.impact ?? [])
        consumers.add(`${i.kind}\0${i.id}\0${i.detail ?? ''}`);
    const n = breaking.length;
    let title = n
      ? `${n} breaking change${n === 1 ? '' : 's'} vs ${result.ref}`
      : result.isNew
        ? `New contract — no base to compare (not in ${result.ref})`
        : `No breaking changes vs ${result.ref}`;
    if (n) title += ` · ${consumers.size} consumer${consumers.size === 1 ? '' : 's'} affected`;
    const top: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return [{ range: top, command: { title, command: COMPARE_WITH_BASE_COMMAND, arguments: [uri] } }];
  }

  /** Before and after of the breaking findings under the position (added to the engine's hover). */
  hover(where: Located, position: Position, engineHover: Hover | null): Hover | null {
    if (!where.open) return engineHover;
    const result = this.compute(where.folder, where.path);
    const under = result?.diagnostics.filter((d) => contains(d.range, position)) ?? [];
    if (!under.length) return engineHover;
    const parts = under.map((d) => describeChange(d));
    const own = parts.join('\n\n---\n\n');
    const before = engineHover ? hoverText(engineHover) : '';
    return {
      contents: { kind: 'markdown', value: before ? `${own}\n\n---\n\n${before}` : own },
      range: engineHover?.range ?? under[0].range,
    };
  }

  /** Quick fixes for breaking findings: bump the major version; restore a removed property from the base. */
  codeActions(where: Located, diagnostics: readonly Diagnostic[]): CodeAction[] {
    const doc = where.folder.service.getDocument(where.path);
    if (!doc) return [];
    const uri = this.server.uriOf(where.folder, where.path);
    const actions: CodeAction[] = [];
    let bumped = false;
    for (const d of diagnostics) {
      if (typeof d.code !== 'string' || !d.code.startsWith('breaking/')) continue;
      const info = (d.data as BreakingData | undefined)?.breaking;
      if (!bumped && d.severity === DiagnosticSeverity.Error) {
        const bump = bumpMajor(doc);
        if (bump) {
          bumped = true;
          actions.push({
            title: `Bump the major version to ${bump.version} (announce the breaking change)`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            edit: { changes: { [uri]: [{ range: bump.range, newText: bump.version }] } },
          });
        }
      }
      if (d.code === 'breaking/property-removed' && info?.restore) {
        const insert = restoreEdit(doc.text, d.range.start.line, info.restore, info.restoreAt);
        const changed = (d.data as BreakingData | undefined)?.change?.path;
        const name = changed ? changed.slice(changed.lastIndexOf('.') + 1) : 'the property';
        if (insert) {
          actions.push({
            title: `Restore \`${name}\` from ${info.ref}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            isPreferred: true,
            edit: { changes: { [uri]: [insert] } },
          });
        }
      }
    }
    return actions;
  }

  // ---- the base text, for the client's diff view ----------------------------------------------

  private baseOf(uri: string): Promise<BaseOfResult> | BaseOfResult {
    const where = this.server.locate(uri);
    if (!where) return { error: 'This document is not one Pactline knows.' };
    if (!this.server.trusted) return { error: 'The workspace is not trusted: Pactline runs no git here.' };
    if (where.folder.root === undefined)
      return { error: 'The file is outside the workspace folders: there is no repository to compare with.' };
    const folder = where.folder;
    return this.ready(folder).then((snapshot): BaseOfResult => {
      const ref = this.refFor(folder);
      if (!snapshot)
        return {
          error: this.bases.get(folder)?.error ?? `No base to compare with (${ref || 'the comparison is turned off'}).`,
        };
      const current = folder.service.getDocument(where.path);
      const id = current ? contractIdOf(current) : undefined;
      const base =
        (id !== undefined ? snapshot.docs.find((d) => !d.problems.length && contractIdOf(d) === id) : undefined) ??
        snapshot.byPath.get(where.path);
      if (!base) return { error: `This contract is not in ${ref}: it is new.` };
      return {
        uri: this.baseUriForced(folder, base.path, ref, snapshot.commit),
        label: ref,
        path: base.path,
        commit: snapshot.commit,
      };
    });
  }

  private baseUriForced(folder: Folder, enginePath: string, ref: string, commit: string): string {
    const query = new URLSearchParams({ folder: folder.uri ?? '', ref, commit }).toString();
    return `${BASE_SCHEME}:/${enginePath.split('/').map(encodeURIComponent).join('/')}?${query}`;
  }

  private async baseContent(uri: string): Promise<BaseContentResult> {
    const parsed = parseBaseUri(uri);
    if (!parsed) return { error: `Not a ${BASE_SCHEME}: URI: ${uri}` };
    if (!this.server.trusted) return { error: 'The workspace is not trusted: Pactline runs no git here.' };
    const same = (a: string | undefined) =>
      a !== undefined && (a === parsed.folder || safeDecode(a) === safeDecode(parsed.folder));
    const folder = this.server.folders.find((f) => same(f.uri));
    if (!folder?.root) return { error: 'That workspace folder is not open.' };
    const cached = this.bases.get(folder)?.byCommit.get(parsed.commit)?.byPath.get(parsed.path);
    if (cached) return { text: cached.text };
    // Not among the cached snapshots (an older lens, a file that is not a YAML file): one read.
    const repo = await GitRepository.open(folder.root);
    const entry = (await repo.list(parsed.commit, [parsed.path])).find((e) => e.path === parsed.path);
    if (!entry) return { error: `${parsed.path} is not in ${parsed.ref} (${parsed.commit.slice(0, 12)}).` };
    const reader = repo.blobs();
    try {
      return { text: new TextDecoder().decode(await reader.read(entry.blob)) };
    } finally {
      reader.close();
    }
  }
}

export function parseBaseUri(uri: string): { path: string; folder: string; ref: string; commit: string } | undefined {
  if (!uri.startsWith(`${BASE_SCHEME}:`)) return undefined;
  const rest = uri.slice(BASE_SCHEME.length + 1);
  const q = rest.indexOf('?');
  if (q < 0) return undefined;
  const decode = (t: string) => {
    try {
      return decodeURIComponent(t);
    } catch {
      return t;
    }
  };
  const path = rest.slice(0, q).replace(/^\/+/, '').split('/').map(decode).join('/');
  // As sent, or as a client re-encoded it (VS Code's Uri.toString() escapes `=` and `&` of a query).
  let params = new URLSearchParams(rest.slice(q + 1));
  if (!params.get('commit')) params = new URLSearchParams(decode(rest.slice(q + 1)));
  const folder = params.get('folder');
  const ref = params.get('ref');
  const commit = params.get('commit');
  if (!folder || !ref || !commit || !/^[0-9a-f]{40,64}$/.test(commit) || !path || path.split('/').includes('..'))
    return undefined;
  return { path, folder, ref, commit };
}

// ---- helpers --------------------------------------------------------------------------------

function safeDecode(t: string): string {
  try {
    return decodeURIComponent(t);
  } catch {
    return t;
  }
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
function describeChange(d: Diagnostic): string {
  const data = d.data as BreakingData | undefined;
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
export interface Neighbours {
  after?: string;
  before?: string;
  first?: boolean;
}

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

/** The next major version of a contract and where its version is written. */
function bumpMajor(doc: ParsedDocument): { version: string; range: Range } | undefined {
  const path = doc.kind === 'dcs' ? ['info', 'version'] : ['version'];
  let value: unknown = doc.value;
  for (const p of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[p] : undefined;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const current = String(value);
  const m = /^(\s*v?)(\d+)(?:\.(\d+))?/.exec(current);
  if (!m) return undefined;
  const major = Number(m[2]);
  const version = major === 0 ? `${m[1]}0.${Number(m[3] ?? 0) + 1}.0` : `${m[1]}${major + 1}.0.0`;
  if (!isMajorBump(current, version)) return undefined;
  return { version, range: rangeOf(doc, { path, target: 'value' }) };
}
