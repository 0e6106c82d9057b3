// Markdown for a pull-request comment (GitHub-flavoured): a verdict line, one table of findings, a
// section on breaking changes with the consumers they affect. Text from the checked files is escaped so
// it cannot break the table, format itself, or mention anyone. The comment stays under GitHub's
// 65,536-character limit: past a budget, rows are left out and counted.
import type { Formatter, ReportFinding } from '../report';
import { count, describeImpact, isBreaking, normalizedRange, sortedFindings, visible } from './shared';

const TABLE_BUDGET = 45_000;
const BREAKING_BUDGET = 12_000;

/**
 * One line of Markdown that renders as the text given: Markdown punctuation backslash-escaped
 * (`|` too, which GitHub honours inside table cells), `&`, `<`, `>` as entities, `@` followed by a
 * zero-width space so it mentions nobody, line breaks as `<br>`, control and format characters (ESC,
 * U+202E, U+200B…) as their visible escapes.
 */
export function markdownText(text: string): string {
  return text
    .split(/\r\n|[\r\n\u2028\u2029]/)
    .map((line) =>
      visible(line)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_~[\]|$#]/g, (c) => `\\${c}`)
        .replace(/@/g, '@&#8203;'),
    )
    .join('<br>');
}

/**
 * A code span that shows `text` as it is: fenced with one more backtick than the longest run of
 * backticks inside (CommonMark), padded with a space when the text starts or ends with one. Nothing
 * is escaped inside a code span (a backslash would show), except `|` in a table cell, which GitHub
 * would otherwise take as the end of the cell (it shows `\|` there as `|`).
 */
export function codeSpan(text: string, inTable = false): string {
  // Control and format characters as their visible escapes here too (a code span shows them raw).
  let flat = visible(text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' '));
  if (inTable) flat = flat.replace(/\|/g, '\\|');
  if (!flat.trim()) return markdownText(text);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * A message as Markdown: the `code` it quotes (rule ids, keys, values between backticks) as code
 * spans GitHub renders as code, the rest escaped by markdownText.
 */
export function markdownMessage(message: string, inTable = false): string {
  const out: string[] = [];
  const quoted = /`([^`\r\n]+)`/g;
  let last = 0;
  for (let match = quoted.exec(message); match; match = quoted.exec(message)) {
    out.push(markdownText(message.slice(last, match.index)), codeSpan(match[1], inTable));
    last = match.index + match[0].length;
  }
  out.push(markdownText(message.slice(last)));
  return out.join('');
}

function location(finding: ReportFinding): string {
  return markdownText(`${finding.file}:${normalizedRange(finding).startLine}`);
}

function verdict(errors: number, warnings: number, infos: number): string {
  const parts: string[] = [];
  if (errors) parts.push(count(errors, 'error'));
  if (warnings) parts.push(count(warnings, 'warning'));
  if (infos) parts.push(count(infos, 'info'));
  return parts.join(', ');
}

export const formatMarkdown: Formatter = (report) => {
  const { files, errors, warnings, infos } = report.summary;
  const findings = sortedFindings(report);

  if (findings.length === 0 && errors + warnings + infos === 0) {
    return `**Pactline: no problems**\n\nNo problems found in ${count(files, 'checked file')}.\n`;
  }

  const filesWithFindings = new Set(findings.map((finding) => finding.file)).size;
  const out: string[] = [
    `**Pactline: ${verdict(errors, warnings, infos)} in ${count(filesWithFindings, 'file')}**`,
    '',
    `${count(files, 'file')} checked.`,
    '',
    '| Severity | Location | Rule | Message |',
    '| --- | --- | --- | --- |',
  ];

  let used = 0;
  let shown = 0;
  for (const finding of findings) {
    const row = `| ${finding.severity} | ${location(finding)} | ${codeSpan(finding.rule, true)} | ${markdownMessage(finding.message, true)} |`;
    if (used + row.length > TABLE_BUDGET) break;
    out.push(row);
    used += row.length + 1;
    shown++;
  }
  if (shown < findings.length) {
    out.push(
      '',
      `_…and ${count(findings.length - shown, 'more finding')}, left out to fit a comment; see the full report._`,
    );
  }

  const breaking = findings.filter(isBreaking);
  if (breaking.length > 0) {
    out.push('', '#### Breaking changes', '');
    used = 0;
    shown = 0;
    for (const finding of breaking) {
      const change = finding.change ? `${markdownText(finding.change.kind)} ${codeSpan(finding.change.path)}: ` : '';
      const lines = [
        `- ${location(finding)} (${finding.severity}, ${codeSpan(finding.rule)}): ${change}${markdownMessage(finding.message)}`,
      ];
      const impact = finding.impact ?? [];
      if (impact.length === 0) lines.push('  - no known consumers');
      for (const item of impact) lines.push(`  - affects ${markdownText(describeImpact(item))}`);
      const length = lines.reduce((sum, line) => sum + line.length + 1, 0);
      if (used + length > BREAKING_BUDGET) break;
      out.push(...lines);
      used += length;
      shown++;
    }
    if (shown < breaking.length) {
      out.push('', `_…and ${count(breaking.length - shown, 'more breaking change')}; see the full report._`);
    }
  }

  return out.join('\n') + '\n';
};
