// Diagnostics: each open document validated after a debounce (its folder's first scan done), never
// published for a version the editor has left behind; pulled (textDocument/diagnostic) by clients
// that can, pushed to the others; pull clients asked to pull again when another file's change
// altered an open document's findings; workspace/diagnostic and "Lint Workspace" over the index.
import {
  DocumentDiagnosticReportKind,
  type CancellationToken,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { StatusNotification, type LintWorkspaceResult } from '../../../protocol/pactline';
import { isBaseFinding } from '../engine/breaking/editor';
import type { Finding } from '../engine/types';
import type { OpenDocument } from './documents';
import type { Folder } from './folder';
import type { PactlineServer } from './server';
import { debounceOf } from './settings';
import { countFindings } from './status';

/** Validation, publication and the pull requests. */
export class Diagnostics {
  private resultCounter = 0;
  /** Bumped whenever a finding anywhere may have changed (workspace/diagnostic waits on it). */
  private generation = 0;
  private generationWaiters: (() => void)[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;
  private lastWorkspaceGeneration = -1;

  constructor(private readonly server: PactlineServer) {}

  /** Schedules the open documents among `paths` (other than `except`) for validation. */
  revalidate(folder: Folder, paths: readonly string[], except?: OpenDocument): void {
    const open = this.server.open.byFolder.get(folder);
    if (!open?.size) return;
    for (const p of paths) {
      const doc = open.get(p);
      if (doc && doc !== except) this.schedule(doc, debounceOf(this.server.settings));
    }
  }

  /** Validates the open documents of a folder again (its breaking-change base was read). */
  revalidateFolder(folder: Folder): void {
    for (const doc of this.server.open.byFolder.get(folder)?.values() ?? []) this.schedule(doc, 0);
  }

  revalidateAll(): void {
    for (const doc of this.server.open.byUri.values()) this.schedule(doc, 0);
  }

  schedule(doc: OpenDocument, delay: number): void {
    if (this.server.shuttingDown) return;
    if (doc.timer) clearTimeout(doc.timer);
    doc.timer = setTimeout(() => {
      doc.timer = undefined;
      void this.validate(doc);
    }, delay);
  }

  private async validate(doc: OpenDocument): Promise<void> {
    try {
      while (doc.folder.scanning) await doc.folder.ready;
      // Closed, or edited again while waiting: the newer run reports.
      if (this.server.open.byUri.get(doc.uri) !== doc || doc.timer || this.server.shuttingDown) return;
      const td = this.server.documents.get(doc.uri);
      if (!td) return;
      const started = performance.now();
      this.server.open.sync(doc, td);
      const version = td.version;
      if (!doc.ignored) this.server.breaking.poll(doc.folder);
      const findings = doc.ignored ? [] : doc.folder.service.diagnose(doc.path, { breaking: true });
      const diagnostics = findings.map((f) => this.toLsp(doc.folder, f));
      const durationMs = performance.now() - started;
      // Never publish for a version the editor has already left behind.
      if (this.server.documents.get(doc.uri)?.version !== version || this.server.open.byUri.get(doc.uri) !== doc)
        return;
      const previous = doc.validated;
      const same = previous !== undefined && JSON.stringify(previous.diagnostics) === JSON.stringify(diagnostics);
      doc.validated = {
        version,
        diagnostics,
        counts: countFindings(findings),
        resultId: same ? previous.resultId : `${++this.resultCounter}`,
        epochMs: Date.now(),
        durationMs,
      };
      if (!this.server.pullDiagnostics) {
        // Re-validated for another file's change and found the same: the client already shows it.
        if (!same || previous.version !== version)
          void this.server.connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
      } else if (!doc.waiters.length && !same) {
        this.requestRefresh();
      }
      void this.server.connection.sendNotification(StatusNotification, {
        uri: doc.uri,
        status: this.server.status.statusOf(doc),
      });
      // A large document's document model is built while the editor is idle, so that the next edit
      // is re-parsed incrementally and hover does not wait for it.
      if (!doc.ignored) this.server.open.incremental.warmUp(doc.folder.service, doc.path);
    } catch (error) {
      this.server.logError(`validating ${doc.uri}`, error);
    } finally {
      if (!doc.timer) for (const waiter of doc.waiters.splice(0)) waiter();
    }
  }

  /** The finding as the editor gets it: related locations point at URIs. */
  toLsp(folder: Folder, finding: Finding): Diagnostic {
    if (!finding.relatedInformation?.length) return finding;
    // A breaking finding's related locations are in the base (`pactline-base:` URIs).
    if (isBaseFinding(finding)) return this.server.breaking.toLsp(folder, finding);
    return {
      ...finding,
      relatedInformation: finding.relatedInformation.map((r) => ({
        ...r,
        location: { ...r.location, uri: this.server.uriOf(folder, r.location.uri) },
      })),
    };
  }

  /** Pull clients re-pull when another file's change altered an open document's findings. */
  private requestRefresh(): void {
    if (!this.server.capabilities.workspace?.diagnostics?.refreshSupport || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      if (!this.server.shuttingDown)
        this.server.connection.languages.diagnostics
          .refresh()
          .catch((e) => this.server.logError('diagnostic refresh', e));
    }, 10);
  }

  private isCurrent(doc: OpenDocument): boolean {
    return (
      !doc.timer &&
      !doc.folder.scanning &&
      doc.validated !== undefined &&
      doc.validated.version === this.server.documents.get(doc.uri)?.version &&
      doc.syncedVersion === doc.validated.version
    );
  }

  async pullDocument(
    uri: string,
    previousResultId: string | undefined,
    token: CancellationToken,
  ): Promise<DocumentDiagnosticReport> {
    try {
      const doc = this.server.open.byUri.get(uri);
      if (!doc) return this.closedReport(uri);
      if (!this.isCurrent(doc)) {
        await new Promise<void>((resolve) => {
          doc.waiters.push(resolve);
          if (!doc.timer) this.schedule(doc, 0);
          token.onCancellationRequested(resolve);
        });
      }
      const v = doc.validated;
      if (!v) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      if (previousResultId === v.resultId)
        return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: v.resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId: v.resultId, items: v.diagnostics };
    } catch (error) {
      this.server.logError('textDocument/diagnostic', error);
      return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    }
  }

  /** A file that is not open: its disk version, as the CLI would report it. */
  private closedReport(uri: string): DocumentDiagnosticReport {
    const where = this.server.locate(uri);
    if (!where || where.folder.isIgnored(where.path)) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    return {
      kind: DocumentDiagnosticReportKind.Full,
      items: where.folder.service.diagnose(where.path).map((f) => this.toLsp(where.folder, f)),
    };
  }

  /** workspace/diagnostic (opt-in): every indexed file; held open until something changes. */
  async pullWorkspace(
    previous: { uri: string; value: string }[],
    token: CancellationToken,
  ): Promise<WorkspaceDiagnosticReport> {
    const known = new Map(previous.map((p) => [p.uri, p.value]));
    const generation = this.generation;
    if (previous.length && generation === this.lastWorkspaceGeneration) {
      await new Promise<void>((resolve) => {
        this.generationWaiters.push(resolve);
        token.onCancellationRequested(resolve);
      });
      if (token.isCancellationRequested) return { items: [] };
    }
    await this.allFoldersScanned();
    this.lastWorkspaceGeneration = this.generation;
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    for (const { uri, open, diagnostics } of this.workspaceFindings(false)) {
      const resultId = `w${hashString(JSON.stringify(diagnostics))}`;
      const version = open ? (this.server.documents.get(open.uri)?.version ?? null) : null;
      items.push(
        known.get(uri) === resultId
          ? { kind: DocumentDiagnosticReportKind.Unchanged, uri, version, resultId }
          : { kind: DocumentDiagnosticReportKind.Full, uri, version, resultId, items: diagnostics },
      );
    }
    return { items };
  }

  private async allFoldersScanned(): Promise<void> {
    for (const folder of this.server.folders) while (folder.scanning) await folder.ready;
  }

  /** Every recognised file of every folder with its current findings (an open document's as last published). */
  private *workspaceFindings(skipIgnored: boolean) {
    for (const folder of this.server.folders) {
      for (const p of [...folder.service.paths()].sort()) {
        const doc = folder.service.getDocument(p);
        if ((!doc?.kind && !doc?.refused) || doc.multiDocument || (skipIgnored && folder.isIgnored(p))) continue;
        const open = this.server.open.byFolder.get(folder)?.get(p);
        const uri = this.server.uriOf(folder, p);
        const diagnostics = open?.validated
          ? open.validated.diagnostics
          : folder.service.diagnose(p).map((f) => this.toLsp(folder, f));
        yield { folder, uri, open, diagnostics };
      }
    }
  }

  /** pactline/lintWorkspace: what "Lint Workspace" shows, from this server's index. */
  async lintWorkspace(): Promise<LintWorkspaceResult> {
    await this.allFoldersScanned();
    let files = 0;
    const items: LintWorkspaceResult['items'] = [];
    for (const { uri, diagnostics } of this.workspaceFindings(true)) {
      files++;
      if (diagnostics.length) items.push({ uri, diagnostics });
    }
    return { files, items };
  }

  bump(): void {
    this.generation++;
    for (const waiter of this.generationWaiters.splice(0)) waiter();
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
  }
}

function hashString(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36) + s.length.toString(36);
}
