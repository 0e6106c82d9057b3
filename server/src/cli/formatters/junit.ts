// JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines…):
// <testsuites> holds a <testsuite> per file; each finding is a <testcase> with a <failure>, and a file
// without findings is one passing <testcase>. Clean files are named when the report carries
// `checkedFiles`; otherwise they are counted in one passing test case.
import type { Formatter, ReportFinding } from '../report';
import { count, describeImpact, findingsByFile, normalizedRange, visible } from './shared';

/** Characters XML 1.0 does not allow anywhere (C0 controls but TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
const XML_FORBIDDEN = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/**
 * Character data on one line of output: `&`, `<`, `>`, `"`, `'` escaped; CR and LF as character
 * references (the same text for an XML reader, and no line a CI runner could take for a command such
 * as `::error`); other control and format characters (ESC, C1, U+202E, U+200B…) as visible escapes;
 * what XML still forbids (U+FFFE, U+FFFF, lone surrogates) removed.
 */
export function xmlText(value: string): string {
  return visible(value, '\t\r\n')
    .replace(XML_FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;');
}

/** An attribute value: as text, and TAB/LF/CR as character references so a parser keeps them. */
export function xmlAttribute(value: string): string {
  return xmlText(value).replace(/\t/g, '&#9;');
}

function attributes(pairs: [string, string | number][]): string {
  return pairs.map(([name, value]) => ` ${name}="${xmlAttribute(String(value))}"`).join('');
}

/** The failure's text: the report's own line breaks between lines of escaped text. */
function failureBody(finding: ReportFinding): string {
  const { startLine, startColumn } = normalizedRange(finding);
  const lines = [
    `${finding.severity}: ${finding.message}`,
    `at ${finding.file}:${startLine}:${startColumn}`,
    `rule: ${finding.rule}`,
  ];
  for (const impact of finding.impact ?? []) lines.push(`affects ${describeImpact(impact)}`);
  return lines.map(xmlText).join('\n');
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function suite(name: string, cases: string[], failures: number): string {
  return (
    `  <testsuite${attributes([
      ['name', name],
      ['tests', cases.length],
      ['failures', failures],
      ['errors', 0],
      ['skipped', 0],
    ])}>\n` +
    cases.map((testcase) => testcase + '\n').join('') +
    '  </testsuite>'
  );
}

function passingCase(classname: string, name: string): string {
  return `    <testcase${attributes([
    ['name', name],
    ['classname', classname],
  ])}/>`;
}

export const formatJunit: Formatter = (report) => {
  const groups = findingsByFile(report);
  const suites = new Map<string, string>();
  let tests = 0;
  let failures = 0;

  for (const [file, findings] of groups) {
    const cases = findings.map((finding) => {
      const { startLine, startColumn } = normalizedRange(finding);
      return (
        `    <testcase${attributes([
          ['name', `${finding.rule} at ${startLine}:${startColumn}`],
          ['classname', file],
          ['file', file],
          ['line', startLine],
        ])}>\n` +
        `      <failure${attributes([
          ['message', finding.message],
          ['type', finding.rule],
        ])}>${failureBody(finding)}</failure>\n` +
        '    </testcase>'
      );
    });
    tests += cases.length;
    failures += cases.length;
    suites.set(file, suite(file, cases, cases.length));
  }

  let trailer: string[] = [];
  if (report.checkedFiles) {
    for (const file of report.checkedFiles) {
      if (suites.has(file)) continue;
      suites.set(file, suite(file, [passingCase(file, 'no problems')], 0));
      tests += 1;
    }
  } else {
    const clean = report.summary.files - groups.size;
    if (clean > 0) {
      trailer = [suite('pactline', [passingCase('pactline', `${count(clean, 'file')} without problems`)], 0)];
      tests += 1;
    }
  }

  const ordered = [...suites.keys()].sort(byName).map((file) => suites.get(file)!);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites${attributes([
      ['name', 'pactline'],
      ['tests', tests],
      ['failures', failures],
      ['errors', 0],
    ])}>\n` +
    [...ordered, ...trailer].map((text) => text + '\n').join('') +
    '</testsuites>\n'
  );
};
