// pactline/status: what the status item shows of a document (its kind and version, its findings
// counted, when it was last validated and how long it took, the configuration file in use).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { FindingCounts, PactlineStatus } from '../../../protocol/pactline';
import { declaredVersionOf } from '../engine/kinds';
import type { OpenDocument } from './documents';
import { fsPathOf } from './paths';
import type { PactlineServer } from './server';

/** The status of open and indexed documents. */
export class StatusReports {
  constructor(private readonly server: PactlineServer) {}

  status(uri: string): PactlineStatus | null {
    const doc = this.server.open.byUri.get(uri);
    if (doc) return this.statusOf(doc);
    const where = this.server.locate(uri);
    if (!where) return null;
    const parsed = where.folder.service.getDocument(where.path);
    return {
      kind: parsed?.kind ?? null,
      version: parsed?.kind ? (declaredVersionOf(parsed) ?? null) : null,
      findings: countFindings(where.folder.service.diagnose(where.path)),
      lastValidation: null,
      lastValidationEpochMs: null,
      validationMs: null,
      documentVersion: null,
      path: where.path,
      configFile: where.folder.config.file.file ?? null,
      trusted: this.server.trusted,
    };
  }

  statusOf(doc: OpenDocument): PactlineStatus {
    const parsed = doc.folder.service.getDocument(doc.path);
    const kind = doc.ignored ? undefined : parsed?.kind;
    const v = doc.validated;
    const configFolder =
      doc.folder === this.server.ignored
        ? this.server.folderOf(fsPathOf(doc.uri) ?? '')
        : doc.folder === this.server.loose
          ? undefined
          : doc.folder;
    return {
      kind: kind ?? null,
      version: kind && parsed ? (declaredVersionOf(parsed) ?? null) : null,
      findings: v?.counts ?? { errors: 0, warnings: 0, infos: 0 },
      lastValidation: v ? new Date(v.epochMs).toISOString() : null,
      lastValidationEpochMs: v?.epochMs ?? null,
      validationMs: v ? Math.round(v.durationMs * 10) / 10 : null,
      documentVersion: v?.version ?? null,
      path: doc.path,
      configFile: configFolder?.config.file.file ?? null,
      trusted: this.server.trusted,
    };
  }
}

export function countFindings(findings: readonly Diagnostic[]): FindingCounts {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === DiagnosticSeverity.Error) counts.errors++;
    else if (f.severity === DiagnosticSeverity.Warning) counts.warnings++;
    else counts.infos++;
  }
  return counts;
}
