// The human format: findings grouped by file, the short columns aligned, a summary line.
// ANSI colours only when the context asks for them; text from the checked files is made harmless
// for a terminal (no control characters, no bidirectional overrides).
import type { Formatter } from '../report';
import { count, describeImpact, findingsByFile, normalizedRange, oneLine, visible } from './shared';

type Style = (text: string) => string;

function sgr(open: number, close: number): Style {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const ANSI = {
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  blue: sgr(34, 39),
  green: sgr(32, 39),
  dim: sgr(2, 22),
  bold: sgr(1, 22),
  underline: sgr(4, 24),
};

const PLAIN: typeof ANSI = {
  red: (t) => t,
  yellow: (t) => t,
  blue: (t) => t,
  green: (t) => t,
  dim: (t) => t,
  bold: (t) => t,
  underline: (t) => t,
};

/**
 * One line of terminal-safe text: line breaks and tabs become spaces, other control and format
 * characters (ESC, C1, bidirectional overrides, zero-width spaces) are shown as `\xHH` / `\uHHHH`.
 */
export function terminalSafe(text: string): string {
  return visible(oneLine(text).replace(/\t/g, ' '));
}

export const formatText: Formatter = (report, context) => {
  const style = context.color ? ANSI : PLAIN;
  const severityStyle = { error: style.red, warning: style.yellow, info: style.blue };
  const out: string[] = [];

  for (const [file, findings] of findingsByFile(report)) {
    const rows = findings.map((finding) => {
      const { startLine, startColumn } = normalizedRange(finding);
      return {
        finding,
        line: String(startLine),
        column: String(startColumn),
        message: terminalSafe(finding.message),
      };
    });
    const lineWidth = Math.max(...rows.map((row) => row.line.length));
    const columnWidth = Math.max(...rows.map((row) => row.column.length));
    const severityWidth = Math.max(...rows.map((row) => row.finding.severity.length));
    const impactIndent = ' '.repeat(2 + lineWidth + 1 + columnWidth + 2 + severityWidth + 2);

    out.push(style.bold(style.underline(terminalSafe(file))));
    for (const row of rows) {
      const position = `${row.line.padStart(lineWidth)}:${row.column.padEnd(columnWidth)}`;
      const severity = severityStyle[row.finding.severity](row.finding.severity.padEnd(severityWidth));
      const rule = style.dim(terminalSafe(row.finding.rule));
      // Only the short columns are aligned: padding messages to the longest would fill short lines
      // with spaces (and wrap them in a narrow terminal); the rule id follows its message.
      out.push(`  ${position}  ${severity}  ${row.message}  ${rule}`);
      for (const impact of row.finding.impact ?? []) {
        out.push(`${impactIndent}${style.dim('↳')} affects ${terminalSafe(describeImpact(impact))}`);
      }
    }
    out.push('');
  }

  const { files, errors, warnings, infos } = report.summary;
  const problems = errors + warnings + infos;
  if (problems === 0) {
    out.push(style.green(`✔ ${count(files, 'file')} checked, no problems`));
  } else {
    const summaryStyle = errors > 0 ? style.red : warnings > 0 ? style.yellow : style.blue;
    out.push(
      summaryStyle(
        style.bold(
          `✖ ${count(problems, 'problem')} (${count(errors, 'error')}, ${count(warnings, 'warning')}, ${count(infos, 'info')}) in ${count(files, 'file')}`,
        ),
      ),
    );
  }
  return out.join('\n') + '\n';
};
