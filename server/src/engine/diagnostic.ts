// A finding, located, as the LSP diagnostic every adapter publishes or reports: one conversion for
// the language service's own findings and for the breaking-change findings.
import { DiagnosticSeverity, type Range } from 'vscode-languageserver-types';
import type { RawFinding } from './locate';
import type { Finding, Severity } from './types';

export const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function severityFromLsp(severity: DiagnosticSeverity | undefined): Severity {
  return severity === DiagnosticSeverity.Error ? 'error' : severity === DiagnosticSeverity.Warning ? 'warning' : 'info';
}

export function toDiagnostic(
  finding: Pick<RawFinding, 'rule' | 'message' | 'data' | 'related'>,
  range: Range,
  severity: Severity,
): Finding {
  const diagnostic: Finding = {
    range,
    severity: LSP_SEVERITY[severity],
    code: finding.rule,
    source: 'pactline',
    message: finding.message,
  };
  if (finding.data) diagnostic.data = finding.data;
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri: r.file, range: r.range },
      message: r.message,
    }));
  }
  return diagnostic;
}
