// Breaking changes in the editor: the adapter half. It reads each folder's base version from git
// (server/src/git: one ls-tree, one cat-file --batch) and hands it to the folder's LanguageService
// (`setBase`); the engine (engine/breaking/editor.ts) then gives the findings, hover, quick fixes
// and code lens. The base is compared against `HEAD` by default (uncommitted edits show at once; the
// setting `pactline.breaking.against` chooses another REF, `merge-base:origin/main` included).
//
// The base is read once per folder and commit, never per keystroke: the REF is resolved again at
// most every RECHECK_MS (one rev-parse), and the files are read again only when it points at
// another commit. Untrusted workspaces run no git. Here too: the base text for the client's diff
// view (`pactline-base:` URIs), which related locations of breaking findings point at.
import { CodeLensRefreshRequest, type Diagnostic } from 'vscode-languageserver/node';
import { parseBaseFiles } from '../engine/breaking';
import { baseSnapshot, isBaseFinding, type BaseSnapshot } from '../engine/breaking/editor';
import { contractIdOf } from '../engine/breaking/model';
import type { ParsedDocument } from '../engine/document';
import { baseFileFilter } from '../host/baseFiles';
import { blobId, GitError, GitRepository } from '../git/reader';
import {
  BASE_SCHEME,
  BaseContentRequest,
  BaseOfRequest,
  type BaseContentResult,
  type BaseOfResult,
} from '../../../protocol/breaking';
import type { Folder } from './folder';
import type { PactlineServer } from './server';

/** How often, at most, the REF is resolved again (a commit or checkout moves HEAD). */
export const RECHECK_MS = 3000;
/** After a failure (not a repository, REF not found) the next attempt waits this long. */
const RETRY_MS = 30_000;
/** Base snapshots kept per folder (the current commit and the previous one). */
const KEEP_COMMITS = 2;

interface Snapshot {
  commit: string;
  base: BaseSnapshot;
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

  /**
   * Keeps a folder's base current before the engine is asked about it: resolves the REF again when
   * RECHECK_MS have passed (reading the base when it moved), and gives the service the base in use
   * (none when untrusted, outside the workspace, turned off, or not read yet).
   */
  poll(folder: Folder): void {
    const ref = this.server.trusted && folder.root !== undefined ? this.refFor(folder) : '';
    folder.service.setBase(ref ? this.snapshotFor(folder, ref)?.base : undefined);
  }

  /** A breaking finding's related locations are base paths: they become base URIs. */
  toLsp(folder: Folder, d: Diagnostic): Diagnostic {
    if (!isBaseFinding(d) || !d.relatedInformation?.length) return d;
    const state = this.bases.get(folder);
    const commit = state?.current?.commit;
    if (!state || commit === undefined) return d;
    return {
      ...d,
      relatedInformation: d.relatedInformation.map((r) => ({
        ...r,
        location: { ...r.location, uri: this.baseUri(folder, r.location.uri, state.ref, commit) },
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
        snapshot = { commit: resolved.commit, base: baseSnapshot(state.ref, docs) };
        state.byCommit.set(resolved.commit, snapshot);
        while (state.byCommit.size > KEEP_COMMITS) state.byCommit.delete(state.byCommit.keys().next().value!);
        this.server.connection.console.info(
          `Breaking changes: ${folder.name} compared with ${state.ref} (${resolved.commit.slice(0, 12)}): ${files.length} files read in ${Date.now() - started} ms (${reused.length} unchanged).`,
        );
      }
      if (this.bases.get(folder) !== state) return; // the REF changed meanwhile
      state.current = snapshot;
      folder.service.setBase(snapshot.base);
      this.server.diagnostics.revalidateFolder(folder);
      this.refreshLenses();
    } catch (error) {
      state.checkedAt = Date.now();
      const message =
        error instanceof GitError ? error.describe() : error instanceof Error ? error.message : String(error);
      state.error = message;
      const hadBase = state.current !== undefined;
      state.current = undefined;
      if (this.bases.get(folder) === state) folder.service.setBase(undefined);
      if (hadBase) this.server.diagnostics.revalidateFolder(folder);
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
        (id !== undefined ? snapshot.base.docs.find((d) => !d.problems.length && contractIdOf(d) === id) : undefined) ??
        snapshot.base.byPath.get(where.path);
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
    const cached = this.bases.get(folder)?.byCommit.get(parsed.commit)?.base.byPath.get(parsed.path);
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
