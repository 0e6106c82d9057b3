// The report the CLI hands to its formatters: the JSON report the README documents as TypeScript types,
// plus what a formatter may need besides (colour, the rule catalogue, the working directory).
import type { ChangeInfo, ImpactInfo, RuleMeta } from '../engine/types';

/** A position in a file: 1-based line, 1-based column counted in UTF-16 code units. */
export interface ReportPosition {
  line: number;
  column: number;
}

export interface ReportFinding {
  /** Stable rule id, `<family>/<name>`. */
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** Relative to the working directory, forward slashes. */
  file: string;
  /** 1-based; `end` is exclusive (it points just after the last character of the range). */
  range: { start: ReportPosition; end: ReportPosition };
  /** Breaking-change rules only. */
  change?: ChangeInfo;
  /** Breaking-change rules, when the consumers are known. */
  impact?: ImpactInfo[];
}

export interface Report {
  tool: { name: string; version: string };
  findings: ReportFinding[];
  summary: { files: number; errors: number; warnings: number; infos: number };
  /**
   * Not part of the JSON report: every file that was checked (relative, forward slashes), when the
   * caller has the list. JUnit lists the files without findings as passing tests; without this list
   * it can only count them.
   */
  checkedFiles?: readonly string[];
}

export interface FormatContext {
  color: boolean;
  rules: readonly RuleMeta[];
  /** Absolute working directory, for SARIF's originalUriBaseIds. */
  cwd: string;
}

/** A pure function from a report to the text to print: no I/O, no process globals. */
export type Formatter = (report: Report, context: FormatContext) => string;

/** The report of a run: the findings, their counts by severity, and the files that were checked. */
export function makeReport(version: string, findings: ReportFinding[], checkedFiles: string[]): Report {
  const count = (severity: ReportFinding['severity']) => findings.filter((f) => f.severity === severity).length;
  return {
    tool: { name: 'pactline', version },
    findings,
    summary: { files: checkedFiles.length, errors: count('error'), warnings: count('warning'), infos: count('info') },
    checkedFiles,
  };
}
