// The JSON report of the README, exactly: the same keys in the same order, findings in the stable
// order, nothing else (fields a caller's objects may carry besides are not copied).
import type { ChangeInfo, ImpactInfo } from '../../engine/types';
import type { Formatter, Report, ReportFinding } from '../report';
import { jsonSafe, sortedFindings } from './shared';

interface JsonFinding {
  rule: string;
  severity: ReportFinding['severity'];
  message: string;
  file: string;
  range: ReportFinding['range'];
  change?: ChangeInfo;
  impact?: ImpactInfo[];
}

export interface JsonReport {
  tool: { name: string; version: string };
  findings: JsonFinding[];
  summary: Report['summary'];
}

/** A change as the README shows it: `before` and `after` always present, `null` when there is none. */
export function jsonChange(change: ChangeInfo): ChangeInfo {
  const out: ChangeInfo = {
    kind: change.kind,
    path: change.path,
    before: change.before ?? null,
    after: change.after ?? null,
  };
  if (change.against !== undefined) out.against = change.against;
  return out;
}

export function jsonImpact(impact: ImpactInfo): ImpactInfo {
  const out: ImpactInfo = { kind: impact.kind, id: impact.id, file: impact.file };
  if (impact.detail !== undefined) out.detail = impact.detail;
  return out;
}

export function toJsonReport(report: Report): JsonReport {
  return {
    tool: { name: report.tool.name, version: report.tool.version },
    findings: sortedFindings(report).map((finding) => {
      const out: JsonFinding = {
        rule: finding.rule,
        severity: finding.severity,
        message: finding.message,
        file: finding.file,
        range: {
          start: { line: finding.range.start.line, column: finding.range.start.column },
          end: { line: finding.range.end.line, column: finding.range.end.column },
        },
      };
      if (finding.change) out.change = jsonChange(finding.change);
      if (finding.impact) out.impact = finding.impact.map(jsonImpact);
      return out;
    }),
    summary: {
      files: report.summary.files,
      errors: report.summary.errors,
      warnings: report.summary.warnings,
      infos: report.summary.infos,
    },
  };
}

export const formatJson: Formatter = (report) => jsonSafe(JSON.stringify(toJsonReport(report), null, 2)) + '\n';
