// What several formatters share: the stable order of findings, counting words, impact lines.
import type { ImpactInfo } from '../../engine/types';
import type { Report, ReportFinding } from '../report';

/** The project's home page; the README's rule table is under the `#rules` heading. */
export const PACTLINE_HOMEPAGE = 'https://github.com/pactline/pactline';
export const RULES_TABLE_URI = `${PACTLINE_HOMEPAGE}#rules`;

/** Plain code-unit comparison: the same order on every machine, whatever its locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The stable order of findings: file, line, column, rule, then the rest of the range and the message. */
export function compareFindings(a: ReportFinding, b: ReportFinding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    compareStrings(a.rule, b.rule) ||
    a.range.end.line - b.range.end.line ||
    a.range.end.column - b.range.end.column ||
    compareStrings(a.message, b.message)
  );
}

export function sortedFindings(report: Report): ReportFinding[] {
  return [...report.findings].sort(compareFindings);
}

/** Findings grouped by file, files in order, each group in the stable order. */
export function findingsByFile(report: Report): Map<string, ReportFinding[]> {
  const groups = new Map<string, ReportFinding[]>();
  for (const finding of sortedFindings(report)) {
    const group = groups.get(finding.file);
    if (group) group.push(finding);
    else groups.set(finding.file, [finding]);
  }
  return groups;
}

/** `1 error`, `2 errors`, `0 infos`. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** A 1-based, well-ordered range whatever the finding holds: start ≥ 1:1, end not before start. */
export function normalizedRange(finding: ReportFinding): {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
} {
  const startLine = positive(finding.range.start.line);
  const startColumn = positive(finding.range.start.column);
  let endLine = positive(finding.range.end.line);
  let endColumn = positive(finding.range.end.column);
  if (endLine < startLine || (endLine === startLine && endColumn < startColumn)) {
    endLine = startLine;
    endColumn = startColumn;
  }
  return { startLine, startColumn, endLine, endColumn };
}

function positive(n: number): number {
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 1;
}

/** `pipeline orders-enrichment (pipelines/enrich.pipeline.yaml): reads customer_id`. */
export function describeImpact(impact: ImpactInfo): string {
  const where = impact.file ? ` (${impact.file})` : '';
  const detail = impact.detail ? `: ${impact.detail}` : '';
  return `${impact.kind} ${impact.id}${where}${detail}`;
}

export function isBreaking(finding: ReportFinding): boolean {
  return finding.rule.startsWith('breaking/') || finding.change !== undefined || (finding.impact?.length ?? 0) > 0;
}

/** Line breaks (CRLF, CR, LF, and the Unicode ones) become one space. */
export function oneLine(text: string): string {
  return text.replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, ' ');
}

/**
 * Characters a report must never hand its reader raw: controls (C0, DEL and C1, which hold ESC and
 * the one-character CSI U+009B), format characters (bidirectional overrides such as U+202E,
 * zero-width spaces and joiners, soft hyphen, BOM, tag characters) and the Unicode line and paragraph
 * separators. File names, keys and values of a pull request reach messages unchanged.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** Each unsafe character but those in `keep` written as its visible escape: `\x1B`, `\u202E`, `\u{E0041}`. */
export function visible(text: string, keep = ''): string {
  return text.replace(UNSAFE, (c) => {
    if (keep.includes(c)) return c;
    const code = c.codePointAt(0)!;
    const hex = code.toString(16).toUpperCase();
    return code <= 0xff ? `\\x${hex.padStart(2, '0')}` : code <= 0xffff ? `\\u${hex.padStart(4, '0')}` : `\\u{${hex}}`;
  });
}

/**
 * JSON text with every unsafe character inside its strings written as a `\uXXXX` escape (JSON.stringify
 * escapes only C0): the same values for a JSON reader, nothing raw for a terminal or a CI log.
 */
export function jsonSafe(json: string): string {
  // A character beyond U+FFFF (a tag character) is written as its two UTF-16 escapes.
  // Raw line breaks and tabs in JSON text are the indentation's (JSON.stringify escapes them in strings).
  return json.replace(UNSAFE, (c) =>
    '\n\r\t'.includes(c)
      ? c
      : Array.from({ length: c.length }, (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
  );
}
