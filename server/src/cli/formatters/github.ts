// GitHub Actions workflow commands: one `::error|warning|notice …::message` line per finding, which the
// runner turns into annotations on the pull request's files. Escaping as @actions/core does it.
import type { Severity } from '../../engine/types';
import type { Formatter } from '../report';
import { describeImpact, normalizedRange, sortedFindings, visible } from './shared';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * A command's data (the message): `%`, CR and LF are percent-encoded as the runner expects; other
 * control and format characters (ESC, C1, U+202E, U+200B…) are written as visible escapes, so the
 * log shows them instead of obeying them.
 */
export function escapeData(value: string): string {
  return visible(value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** A command property's value: as data, and `:` and `,` too, since they delimit the properties. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const formatGithub: Formatter = (report) => {
  const lines = sortedFindings(report).map((finding) => {
    const { startLine, startColumn, endLine, endColumn } = normalizedRange(finding);
    const properties: [string, string | number][] = [
      ['file', finding.file],
      ['line', startLine],
    ];
    // GitHub keeps columns only for an annotation on one line; across lines it would drop them anyway.
    if (startLine === endLine) properties.push(['col', startColumn]);
    properties.push(['endLine', endLine]);
    if (startLine === endLine) properties.push(['endColumn', endColumn]);
    properties.push(['title', finding.rule]);

    const impact = finding.impact ?? [];
    const message =
      impact.length === 0
        ? finding.message
        : [finding.message, ...impact.map((item) => `Affects ${describeImpact(item)}`)].join('\n');

    const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
    return `::${COMMAND[finding.severity]} ${props}::${escapeData(message)}`;
  });
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
};
