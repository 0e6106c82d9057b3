// The report formatters: every format on a realistic report whose messages hold the characters each
// format must escape (%, CR, LF, :, ",", <, &, quotes, |, control characters).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { RULES } from '../../server/src/engine/rules';
import type { FormatContext, Report, ReportFinding } from '../../server/src/cli/report';
import { FORMATTERS } from '../../server/src/cli/formatters';
import { escapeData, escapeProperty } from '../../server/src/cli/formatters/github';
import { directoryFileUri, relativeUri } from '../../server/src/cli/formatters/sarif';
import { codeSpan, markdownMessage, markdownText } from '../../server/src/cli/formatters/markdown';

// ---------------------------------------------------------------------------------------------
// The report

const at = (line: number, column: number, endLine: number, endColumn: number) => ({
  start: { line, column },
  end: { line: endLine, column: endColumn },
});

const TYPE: ReportFinding = {
  rule: 'schema/type',
  severity: 'error',
  message: 'Expected integer, found string "abc"',
  file: 'contracts/orders.odcs.yaml',
  range: at(12, 15, 12, 20),
};
const UNKNOWN_KEY: ReportFinding = {
  rule: 'schema/unknown-key',
  severity: 'error',
  message: 'Unknown key \'descripton\': did you mean "description"? (100% sure, or 50%)',
  file: 'contracts/orders.odcs.yaml',
  range: at(4, 3, 4, 13),
};
const REMOVED: ReportFinding = {
  rule: 'breaking/property-removed',
  severity: 'error',
  message: 'Property customer_id was removed <b>&</b>\r\nconsumers still read it',
  file: 'contracts/customers.odcs.yaml',
  range: at(30, 7, 33, 1),
  change: { kind: 'property-removed', path: 'customers.customer_id', before: { type: 'integer' }, after: undefined },
  impact: [
    {
      kind: 'pipeline',
      id: 'orders-enrichment',
      file: 'pipelines/enrich.pipeline.yaml',
      detail: 'step join reads customer_id',
    },
    { kind: 'product', id: 'sales', file: 'products/sales.odps.yaml' },
  ],
};
const SUPPRESSION: ReportFinding = {
  rule: 'pactline/suppression-without-reason',
  severity: 'warning',
  message: 'Suppression of "a|b" gives no reason after `--`',
  file: 'pipelines/enrich.pipeline.yaml',
  range: at(7, 1, 7, 40),
};
const POLICY: ReportFinding = {
  rule: 'policy/owner-required',
  severity: 'warning',
  message: 'Owner @data-team, not <set>; see [docs](x) | *now*',
  file: 'pipelines/enrich.pipeline.yaml',
  range: at(2, 1, 2, 1),
};
const BINARY: ReportFinding = {
  rule: 'yaml/binary',
  severity: 'info',
  message: 'Skipped:\nbinary \u0001 content \u001b[31mred\u001b[0m \uffff end',
  file: 'data/a b#c.odcs.yaml',
  range: at(1, 1, 1, 1),
};
const UNKNOWN_CONTRACT: ReportFinding = {
  rule: 'ref/unknown-contract',
  severity: 'error',
  message: 'Contract "raw,orders:v2" is declared by no file',
  file: 'pipelines/enrich.pipeline.yaml',
  range: at(14, 13, 14, 28),
};

/** Deliberately out of order: every format must sort. */
const FINDINGS = [SUPPRESSION, TYPE, BINARY, REMOVED, UNKNOWN_CONTRACT, UNKNOWN_KEY, POLICY];

const REPORT: Report = {
  tool: { name: 'pactline', version: '0.1.0' },
  findings: FINDINGS,
  summary: { files: 41, errors: 4, warnings: 2, infos: 1 },
};

const CLEAN: Report = {
  tool: { name: 'pactline', version: '0.1.0' },
  findings: [],
  summary: { files: 41, errors: 0, warnings: 0, infos: 0 },
};

const CONTEXT: FormatContext = { color: false, rules: RULES, cwd: '/home/ci/work space/repo' };

const ANSI = /\u001b\[[0-9;]*m/g;

// ---------------------------------------------------------------------------------------------

describe('FORMATTERS', () => {
  it('has every format the README lists and each returns text ending in a newline', () => {
    assert.deepEqual(Object.keys(FORMATTERS).sort(), [
      'github',
      'gitlab',
      'json',
      'junit',
      'markdown',
      'sarif',
      'text',
    ]);
    for (const [name, format] of Object.entries(FORMATTERS)) {
      const out = format(REPORT, CONTEXT);
      assert.ok(out.endsWith('\n'), name);
      assert.equal(format(REPORT, CONTEXT), out, `${name} is deterministic`);
    }
  });

  it('does not change the report it is given', () => {
    const before = JSON.stringify(REPORT);
    for (const format of Object.values(FORMATTERS)) format(REPORT, CONTEXT);
    assert.equal(JSON.stringify(REPORT), before);
  });
});

describe('text', () => {
  it('groups by file, aligns the short columns only, prints impact and the summary, without ANSI when color is false', () => {
    const out = FORMATTERS.text(REPORT, CONTEXT);
    assert.doesNotMatch(out, /\u001b/);
    assert.equal(
      out,
      [
        'contracts/customers.odcs.yaml',
        '  30:7  error  Property customer_id was removed <b>&</b> consumers still read it  breaking/property-removed',
        '               ↳ affects pipeline orders-enrichment (pipelines/enrich.pipeline.yaml): step join reads customer_id',
        '               ↳ affects product sales (products/sales.odps.yaml)',
        '',
        'contracts/orders.odcs.yaml',
        '   4:3   error  Unknown key \'descripton\': did you mean "description"? (100% sure, or 50%)  schema/unknown-key',
        '  12:15  error  Expected integer, found string "abc"  schema/type',
        '',
        'data/a b#c.odcs.yaml',
        '  1:1  info  Skipped: binary \\x01 content \\x1B[31mred\\x1B[0m \uffff end  yaml/binary',
        '',
        'pipelines/enrich.pipeline.yaml',
        '   2:1   warning  Owner @data-team, not <set>; see [docs](x) | *now*  policy/owner-required',
        '   7:1   warning  Suppression of "a|b" gives no reason after `--`  pactline/suppression-without-reason',
        '  14:13  error    Contract "raw,orders:v2" is declared by no file  ref/unknown-contract',
        '',
        '✖ 7 problems (4 errors, 2 warnings, 1 info) in 41 files',
        '',
      ].join('\n'),
    );
  });

  it('colours severities, rule ids, file names and the summary when color is true', () => {
    const colored = FORMATTERS.text(REPORT, { ...CONTEXT, color: true });
    assert.match(colored, /\u001b\[31merror\u001b\[39m/);
    assert.match(colored, /\u001b\[33mwarning\u001b\[39m/);
    assert.match(colored, /\u001b\[34minfo\u001b\[39m/);
    assert.match(colored, /\u001b\[2mschema\/type\u001b\[22m/);
    assert.match(colored, /\u001b\[1m\u001b\[4mcontracts\/orders\.odcs\.yaml\u001b\[24m\u001b\[22m/);
    assert.match(colored, /\u001b\[31m\u001b\[1m✖ 7 problems/);
    // The escape sequences in the message itself are neutralised, not passed to the terminal.
    assert.match(colored, /\\x1B\[31mred/);
    // Colour changes nothing but the escape codes.
    assert.equal(colored.replace(ANSI, ''), FORMATTERS.text(REPORT, CONTEXT));
  });

  it('says so when there is nothing to report', () => {
    assert.equal(FORMATTERS.text(CLEAN, CONTEXT), '✔ 41 files checked, no problems\n');
    assert.equal(
      FORMATTERS.text({ ...CLEAN, summary: { ...CLEAN.summary, files: 1 } }, CONTEXT),
      '✔ 1 file checked, no problems\n',
    );
    assert.match(
      FORMATTERS.text(CLEAN, { ...CONTEXT, color: true }),
      /^\u001b\[32m✔ 41 files checked, no problems\u001b\[39m\n$/,
    );
  });
});

describe('json', () => {
  it('is exactly the report the README documents, findings in stable order, 2-space indent', () => {
    const withExtra = {
      ...REPORT,
      findings: [...FINDINGS, { ...TYPE, rule: 'schema/enum', internal: 42 } as ReportFinding],
      checkedFiles: ['x'],
    };
    const out = FORMATTERS.json(withExtra, CONTEXT);
    const parsed = JSON.parse(out);
    assert.equal(out, JSON.stringify(parsed, null, 2) + '\n');
    assert.deepEqual(Object.keys(parsed), ['tool', 'findings', 'summary']);
    assert.deepEqual(parsed.tool, { name: 'pactline', version: '0.1.0' });
    assert.deepEqual(parsed.summary, { files: 41, errors: 4, warnings: 2, infos: 1 });
    assert.deepEqual(
      parsed.findings.map((f: ReportFinding) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.rule}`),
      [
        'contracts/customers.odcs.yaml:30:7 breaking/property-removed',
        'contracts/orders.odcs.yaml:4:3 schema/unknown-key',
        'contracts/orders.odcs.yaml:12:15 schema/enum',
        'contracts/orders.odcs.yaml:12:15 schema/type',
        'data/a b#c.odcs.yaml:1:1 yaml/binary',
        'pipelines/enrich.pipeline.yaml:2:1 policy/owner-required',
        'pipelines/enrich.pipeline.yaml:7:1 pactline/suppression-without-reason',
        'pipelines/enrich.pipeline.yaml:14:13 ref/unknown-contract',
      ],
    );
    const enumFinding = parsed.findings[2];
    assert.equal(enumFinding.internal, undefined);
    assert.deepEqual(Object.keys(parsed.findings[3]), ['rule', 'severity', 'message', 'file', 'range']);
    const removed = parsed.findings[0];
    assert.deepEqual(Object.keys(removed), ['rule', 'severity', 'message', 'file', 'range', 'change', 'impact']);
    assert.deepEqual(removed.change, {
      kind: 'property-removed',
      path: 'customers.customer_id',
      before: { type: 'integer' },
      after: null,
    });
    assert.deepEqual(removed.impact, REMOVED.impact);
    assert.equal(removed.message, REMOVED.message);
  });
});

describe('github', () => {
  it('escapes data and properties as @actions/core does', () => {
    assert.equal(escapeData('100% a:b,c\r\nd'), '100%25 a:b,c%0D%0Ad');
    assert.equal(escapeProperty('100% a:b,c\r\nd'), '100%25 a%3Ab%2Cc%0D%0Ad');
    assert.equal(escapeData('%0A'), '%250A');
  });

  it('prints one workflow command per finding, in stable order', () => {
    assert.equal(
      FORMATTERS.github(REPORT, CONTEXT),
      [
        '::error file=contracts/customers.odcs.yaml,line=30,endLine=33,title=breaking/property-removed::Property customer_id was removed <b>&</b>%0D%0Aconsumers still read it%0AAffects pipeline orders-enrichment (pipelines/enrich.pipeline.yaml): step join reads customer_id%0AAffects product sales (products/sales.odps.yaml)',
        '::error file=contracts/orders.odcs.yaml,line=4,col=3,endLine=4,endColumn=13,title=schema/unknown-key::Unknown key \'descripton\': did you mean "description"? (100%25 sure, or 50%25)',
        '::error file=contracts/orders.odcs.yaml,line=12,col=15,endLine=12,endColumn=20,title=schema/type::Expected integer, found string "abc"',
        '::notice file=data/a b#c.odcs.yaml,line=1,col=1,endLine=1,endColumn=1,title=yaml/binary::Skipped:%0Abinary \\x01 content \\x1B[31mred\\x1B[0m \uffff end',
        '::warning file=pipelines/enrich.pipeline.yaml,line=2,col=1,endLine=2,endColumn=1,title=policy/owner-required::Owner @data-team, not <set>; see [docs](x) | *now*',
        '::warning file=pipelines/enrich.pipeline.yaml,line=7,col=1,endLine=7,endColumn=40,title=pactline/suppression-without-reason::Suppression of "a|b" gives no reason after `--`',
        '::error file=pipelines/enrich.pipeline.yaml,line=14,col=13,endLine=14,endColumn=28,title=ref/unknown-contract::Contract "raw,orders:v2" is declared by no file',
        '',
      ].join('\n'),
    );
  });

  it('escapes `:` and `,` in the file property and prints nothing for a clean report', () => {
    const odd: Report = { ...REPORT, findings: [{ ...TYPE, file: 'c:d,e%f.yaml' }] };
    assert.equal(
      FORMATTERS.github(odd, CONTEXT),
      '::error file=c%3Ad%2Ce%25f.yaml,line=12,col=15,endLine=12,endColumn=20,title=schema/type::Expected integer, found string "abc"\n',
    );
    assert.equal(FORMATTERS.github(CLEAN, CONTEXT), '');
  });
});

// ---------------------------------------------------------------------------------------------
// A small strict XML parser, enough to prove the JUnit output well-formed and read it back.

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

function decodeEntities(text: string, where: string): string {
  return text.replace(/&([^;]*);|&/g, (whole, name: string | undefined) => {
    if (name === undefined) throw new Error(`bare & in ${where}`);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (name in named) return named[name];
    const numeric = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(name);
    if (!numeric) throw new Error(`unknown entity &${name}; in ${where}`);
    return String.fromCodePoint(numeric[1] ? parseInt(numeric[1], 16) : parseInt(numeric[2], 10));
  });
}

function parseXml(xml: string): XmlElement {
  const forbidden = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.exec(xml);
  if (forbidden) throw new Error(`character U+${forbidden[0].codePointAt(0)!.toString(16)} is not allowed in XML 1.0`);
  let i = 0;
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(xml);
  if (!declaration) throw new Error('no XML declaration');
  i = declaration[0].length;
  const name = /[A-Za-z_][\w.-]*/y;
  const attribute = /\s+([A-Za-z_][\w.-]*)="([^"<]*)"/y;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    if (xml.startsWith('</', i)) {
      name.lastIndex = i + 2;
      const match = name.exec(xml);
      const open = stack.pop();
      if (!match || !open || match[0] !== open.name) throw new Error(`mismatched end tag at ${i}`);
      i = name.lastIndex;
      if (xml[i] !== '>') throw new Error(`bad end tag at ${i}`);
      i++;
      if (stack.length === 0) root = open;
    } else if (xml[i] === '<') {
      name.lastIndex = i + 1;
      const match = name.exec(xml);
      if (!match) throw new Error(`bad start tag at ${i}`);
      const element: XmlElement = { name: match[0], attributes: {}, children: [], text: '' };
      i = name.lastIndex;
      for (;;) {
        attribute.lastIndex = i;
        const pair = attribute.exec(xml);
        if (!pair) break;
        if (pair[1] in element.attributes) throw new Error(`duplicate attribute ${pair[1]}`);
        element.attributes[pair[1]] = decodeEntities(pair[2], `attribute ${pair[1]}`);
        i = attribute.lastIndex;
      }
      if (root || (stack.length === 0 && element.name !== 'testsuites'))
        throw new Error('content outside the root element');
      stack.at(-1)?.children.push(element);
      if (xml.startsWith('/>', i)) {
        i += 2;
        if (stack.length === 0) root = element;
      } else if (xml[i] === '>') {
        i++;
        stack.push(element);
      } else throw new Error(`bad tag at ${i}: ${JSON.stringify(xml.slice(i, i + 20))}`);
    } else {
      const end = xml.indexOf('<', i);
      const raw = xml.slice(i, end < 0 ? xml.length : end);
      if (raw.includes('>')) throw new Error(`raw > in text at ${i}`);
      const text = decodeEntities(raw, 'text');
      if (stack.length > 0) stack.at(-1)!.text += text;
      else if (text.trim() !== '') throw new Error('text outside the root element');
      i += raw.length;
    }
  }
  if (stack.length > 0 || !root) throw new Error('unclosed elements');
  return root;
}

describe('junit', () => {
  it('is well-formed XML: a testsuite per file, a failing testcase per finding', () => {
    const root = parseXml(FORMATTERS.junit(REPORT, CONTEXT));
    assert.equal(root.name, 'testsuites');
    assert.deepEqual(root.attributes, { name: 'pactline', tests: '8', failures: '7', errors: '0' });
    assert.deepEqual(
      root.children.map((suite) => [suite.attributes.name, suite.attributes.tests, suite.attributes.failures]),
      [
        ['contracts/customers.odcs.yaml', '1', '1'],
        ['contracts/orders.odcs.yaml', '2', '2'],
        ['data/a b#c.odcs.yaml', '1', '1'],
        ['pipelines/enrich.pipeline.yaml', '3', '3'],
        ['pactline', '1', '0'],
      ],
    );
    assert.equal(root.children[4].children[0].attributes.name, '37 files without problems');

    const cases = root.children.slice(0, 4).flatMap((suite) => suite.children);
    assert.equal(cases.length, 7);
    const byRule = new Map(cases.map((testcase) => [testcase.children[0].attributes.type, testcase]));
    // Attributes read back exactly, line breaks included; characters XML forbids are gone.
    assert.equal(byRule.get('breaking/property-removed')!.children[0].attributes.message, REMOVED.message);
    assert.equal(byRule.get('schema/unknown-key')!.children[0].attributes.message, UNKNOWN_KEY.message);
    assert.equal(byRule.get('policy/owner-required')!.children[0].attributes.message, POLICY.message);
    assert.equal(
      byRule.get('yaml/binary')!.children[0].attributes.message,
      'Skipped:\nbinary \\x01 content \\x1B[31mred\\x1B[0m  end',
    );
    const removed = byRule.get('breaking/property-removed')!;
    assert.equal(removed.name, 'testcase');
    assert.equal(removed.attributes.classname, 'contracts/customers.odcs.yaml');
    assert.equal(removed.attributes.name, 'breaking/property-removed at 30:7');
    assert.equal(removed.children[0].name, 'failure');
    assert.equal(
      removed.children[0].text,
      'error: Property customer_id was removed <b>&</b>\r\nconsumers still read it\nat contracts/customers.odcs.yaml:30:7\nrule: breaking/property-removed\n' +
        'affects pipeline orders-enrichment (pipelines/enrich.pipeline.yaml): step join reads customer_id\naffects product sales (products/sales.odps.yaml)',
    );
  });

  it('lists clean files as passing testcases when the report names the checked files', () => {
    const report: Report = {
      ...REPORT,
      checkedFiles: ['contracts/orders.odcs.yaml', 'a.odcs.yaml', 'z/clean.pipeline.yaml'],
    };
    const root = parseXml(FORMATTERS.junit(report, CONTEXT));
    assert.deepEqual(
      root.children.map((suite) => suite.attributes.name),
      [
        'a.odcs.yaml',
        'contracts/customers.odcs.yaml',
        'contracts/orders.odcs.yaml',
        'data/a b#c.odcs.yaml',
        'pipelines/enrich.pipeline.yaml',
        'z/clean.pipeline.yaml',
      ],
    );
    const clean = root.children[0];
    assert.deepEqual(clean.attributes, { name: 'a.odcs.yaml', tests: '1', failures: '0', errors: '0', skipped: '0' });
    assert.equal(clean.children.length, 1);
    assert.equal(clean.children[0].children.length, 0);
    assert.equal(root.attributes.tests, '9');
  });

  it('is well-formed for a clean report', () => {
    const root = parseXml(FORMATTERS.junit(CLEAN, CONTEXT));
    assert.deepEqual(root.attributes, { name: 'pactline', tests: '1', failures: '0', errors: '0' });
    assert.equal(root.children[0].children[0].attributes.name, '41 files without problems');
  });

  it('the test parser itself refuses malformed XML', () => {
    const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
    assert.throws(() => parseXml(head + '<testsuites a="x & y"/>'));
    assert.throws(() => parseXml(head + '<testsuites a="<"/>'));
    assert.throws(() => parseXml(head + '<testsuites><a></b></testsuites>'));
    assert.throws(() => parseXml(head + '<testsuites>\u0001</testsuites>'));
    assert.throws(() => parseXml(head + '<testsuites>'));
  });
});

interface GitlabIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number; end: number } };
}

describe('gitlab', () => {
  it('is a Code Quality array with stable fingerprints and mapped severities', () => {
    const issues: GitlabIssue[] = JSON.parse(FORMATTERS.gitlab(REPORT, CONTEXT));
    assert.ok(Array.isArray(issues));
    assert.equal(issues.length, 7);
    for (const issue of issues) {
      assert.deepEqual(Object.keys(issue).sort(), ['check_name', 'description', 'fingerprint', 'location', 'severity']);
      assert.match(issue.fingerprint, /^[0-9a-f]{40}$/);
      assert.equal(typeof issue.location.path, 'string');
      assert.ok(Number.isInteger(issue.location.lines.begin) && issue.location.lines.begin >= 1);
      assert.ok(issue.location.lines.end >= issue.location.lines.begin);
    }
    assert.equal(new Set(issues.map((issue) => issue.fingerprint)).size, 7, 'distinct findings, distinct fingerprints');

    const byRule = new Map(issues.map((issue) => [issue.check_name, issue]));
    assert.equal(byRule.get('schema/type')!.severity, 'major');
    assert.equal(byRule.get('breaking/property-removed')!.severity, 'critical');
    assert.equal(byRule.get('pactline/suppression-without-reason')!.severity, 'minor');
    assert.equal(byRule.get('yaml/binary')!.severity, 'info');
    assert.deepEqual(byRule.get('breaking/property-removed')!.location, {
      path: 'contracts/customers.odcs.yaml',
      lines: { begin: 30, end: 33 },
    });
    assert.equal(byRule.get('schema/unknown-key')!.description, UNKNOWN_KEY.message);
    assert.match(byRule.get('breaking/property-removed')!.description, /affects pipeline orders-enrichment/);

    // Stable: the same findings in another order, another run, give the same fingerprints.
    const again = JSON.parse(FORMATTERS.gitlab({ ...REPORT, findings: [...FINDINGS].reverse() }, CONTEXT));
    assert.deepEqual(again, issues);
    // A change of range or message changes the fingerprint.
    const moved = JSON.parse(
      FORMATTERS.gitlab({ ...REPORT, findings: [{ ...TYPE, range: at(13, 15, 13, 20) }] }, CONTEXT),
    );
    const reworded = JSON.parse(FORMATTERS.gitlab({ ...REPORT, findings: [{ ...TYPE, message: 'other' }] }, CONTEXT));
    const original = byRule.get('schema/type')!;
    assert.notEqual(moved[0].fingerprint, original.fingerprint);
    assert.notEqual(reworded[0].fingerprint, original.fingerprint);
  });

  it('is an empty array for a clean report', () => {
    assert.deepEqual(JSON.parse(FORMATTERS.gitlab(CLEAN, CONTEXT)), []);
  });
});

describe('markdown', () => {
  /** The cells of a table row, split on the pipes Markdown would split on (not `\|`). */
  const cells = (row: string) =>
    row
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((cell) => cell.trim());

  it('has a verdict, one table with escaped pipes and line breaks, and the breaking changes', () => {
    const out = FORMATTERS.markdown(REPORT, CONTEXT);
    const lines = out.split('\n');
    assert.equal(lines[0], '**Pactline: 4 errors, 2 warnings, 1 info in 4 files**');
    assert.ok(lines.includes('41 files checked.'));
    const table = lines.filter((line) => line.startsWith('|'));
    assert.equal(table.length, 2 + 7);
    for (const row of table) assert.equal(cells(row).length, 4, row);
    assert.deepEqual(cells(table[0]), ['Severity', 'Location', 'Rule', 'Message']);
    assert.deepEqual(cells(table[2]), [
      'error',
      'contracts/customers.odcs.yaml:30',
      '`breaking/property-removed`',
      'Property customer\\_id was removed &lt;b&gt;&amp;&lt;/b&gt;<br>consumers still read it',
    ]);
    const suppression = table.find((row) => row.includes('suppression-without-reason'))!;
    // The message's inline code is a code span GitHub renders as code, not escaped backticks shown as they are.
    assert.equal(cells(suppression)[3], 'Suppression of "a\\|b" gives no reason after `--`');
    const policy = table.find((row) => row.includes('owner-required'))!;
    assert.equal(cells(policy)[3], 'Owner @&#8203;data-team, not &lt;set&gt;; see \\[docs\\](x) \\| \\*now\\*');
    assert.equal(cells(table.find((row) => row.includes('yaml/binary'))!)[1], 'data/a b\\#c.odcs.yaml:1');

    const breaking = lines.indexOf('#### Breaking changes');
    assert.ok(breaking > 0);
    assert.deepEqual(lines.slice(breaking + 2, breaking + 5), [
      '- contracts/customers.odcs.yaml:30 (error, `breaking/property-removed`): property-removed `customers.customer_id`: Property customer\\_id was removed &lt;b&gt;&amp;&lt;/b&gt;<br>consumers still read it',
      '  - affects pipeline orders-enrichment (pipelines/enrich.pipeline.yaml): step join reads customer\\_id',
      '  - affects product sales (products/sales.odps.yaml)',
    ]);
  });

  it('says "no problems" for a clean report, with no table', () => {
    const out = FORMATTERS.markdown(CLEAN, CONTEXT);
    assert.equal(out, '**Pactline: no problems**\n\nNo problems found in 41 checked files.\n');
  });

  it('stays under the size of a GitHub comment', () => {
    const many: ReportFinding[] = Array.from({ length: 5000 }, (_, i) => ({
      ...TYPE,
      range: at(i + 1, 1, i + 1, 5),
      message: `Message number ${i} `.repeat(5),
    }));
    const out = FORMATTERS.markdown(
      { ...REPORT, findings: many, summary: { files: 1, errors: 5000, warnings: 0, infos: 0 } },
      CONTEXT,
    );
    assert.ok(out.length < 65_536, String(out.length));
    assert.match(out, /_…and \d+ more findings, left out to fit a comment; see the full report\._/);
  });

  it('escapes text so that it renders as itself', () => {
    assert.equal(markdownText('a|b\\c'), 'a\\|b\\\\c');
    assert.equal(markdownText('x\r\ny\nz'), 'x<br>y<br>z');
  });

  it("shows code as code: a longer fence when the code holds backticks, nothing escaped inside but a table's pipe", () => {
    assert.equal(codeSpan('a_b<c>&'), '`a_b<c>&`');
    assert.equal(codeSpan('a`b'), '``a`b``');
    assert.equal(codeSpan('`x``'), '``` `x`` ```');
    assert.equal(codeSpan('a|b'), '`a|b`');
    assert.equal(codeSpan('a|b', true), '`a\\|b`');
    assert.equal(codeSpan('x\ny'), '`x y`');
    assert.equal(
      markdownMessage('Contract id `orders` is also in `a_b.yaml`; *see* @x'),
      'Contract id `orders` is also in `a_b.yaml`; \\*see\\* @&#8203;x',
    );
    // A stray backtick is text, escaped.
    assert.equal(markdownMessage('it costs 5` more'), 'it costs 5\\` more');
    // A change path with a backtick: the rule and path are code spans that render as themselves.
    const odd: ReportFinding = {
      ...TYPE,
      rule: 'breaking/property-removed',
      change: { kind: 'property-removed', path: 'orders.we`ird', before: null, after: null },
    };
    const out = FORMATTERS.markdown({ ...REPORT, findings: [odd] }, CONTEXT);
    assert.ok(out.includes('property-removed ``orders.we`ird``: '), out);
    assert.doesNotMatch(out, /\\`/);
  });
});

describe('sarif', () => {
  /** The SARIF 2.1.0 schema (rtm.5, the release) shipped by @microsoft/jest-sarif, read as draft-07. */
  function sarifValidator() {
    const file = join(
      dirname(require.resolve('@microsoft/jest-sarif/package.json')),
      'lib/schemas/sarif-2.1.0-rtm.5.json',
    );
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    // The file declares draft-04 and an `id`; nothing else in it differs between draft-04 and draft-07
    // (no boolean exclusiveMinimum/Maximum), so it is compiled as draft-07 without those two keys.
    assert.match(schema.title, /SARIF\) Version 2\.1\.0/);
    assert.equal(JSON.stringify(schema).includes('exclusiveM'), false);
    delete schema.$schema;
    delete schema.id;
    // One pattern in the file (run.language's) has a stray `]`, legal only in a non-Unicode RegExp.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    return ajv.compile(schema);
  }
  const validate = sarifValidator();

  it('validates against the SARIF 2.1.0 JSON Schema', () => {
    for (const report of [REPORT, CLEAN]) {
      const log = JSON.parse(FORMATTERS.sarif(report, CONTEXT));
      const ok = validate(log);
      assert.ok(ok, JSON.stringify(validate.errors, null, 2));
    }
  });

  it('the schema does catch a broken log', () => {
    const log = JSON.parse(FORMATTERS.sarif(REPORT, CONTEXT));
    log.runs[0].results[0].level = 'fatal';
    log.runs[0].results[1].locations[0].physicalLocation.region.startLine = 0;
    assert.equal(validate(log), false);
  });

  it('has one run whose results GitHub code scanning can place inline', () => {
    const log = JSON.parse(FORMATTERS.sarif(REPORT, CONTEXT));
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'pactline');
    assert.equal(run.tool.driver.version, '0.1.0');
    assert.match(run.tool.driver.informationUri, /^https:\/\//);
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///home/ci/work%20space/repo/' } });
    assert.equal(run.columnKind, 'utf16CodeUnits');

    const rules = run.tool.driver.rules;
    // The whole catalogue, then the rules the catalogue lacks.
    assert.deepEqual(
      rules.slice(0, RULES.length).map((rule: { id: string }) => rule.id),
      RULES.map((rule) => rule.id),
    );
    assert.deepEqual(
      rules.slice(RULES.length).map((rule: { id: string }) => rule.id),
      ['policy/owner-required'],
    );
    const typeRule = rules.find((rule: { id: string }) => rule.id === 'schema/type');
    assert.deepEqual(typeRule.shortDescription, {
      text: 'A value has the wrong type (string, number, list, mapping...).',
    });
    assert.equal(typeRule.fullDescription.text, 'A value has the wrong type (string, number, list, mapping...).');
    assert.deepEqual(typeRule.defaultConfiguration, { level: 'error' });
    assert.match(typeRule.helpUri, /^https:\/\/.*#rules$/);
    assert.deepEqual(rules.find((rule: { id: string }) => rule.id === 'yaml/binary').defaultConfiguration, {
      level: 'note',
    });

    assert.equal(run.results.length, 7);
    for (const result of run.results) {
      assert.equal(rules[result.ruleIndex].id, result.ruleId);
      const location = result.locations[0].physicalLocation;
      assert.equal(location.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(location.region.startLine >= 1 && location.region.startColumn >= 1);
    }
    const [removed, unknownKey, type, binary] = run.results;
    assert.equal(type.ruleId, 'schema/type');
    assert.equal(type.level, 'error');
    assert.equal(type.message.text, TYPE.message);
    assert.deepEqual(type.locations[0].physicalLocation, {
      artifactLocation: { uri: 'contracts/orders.odcs.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, startColumn: 15, endLine: 12, endColumn: 20 },
    });
    assert.equal(unknownKey.message.text, UNKNOWN_KEY.message);
    assert.equal(binary.level, 'note');
    assert.equal(binary.locations[0].physicalLocation.artifactLocation.uri, 'data/a%20b%23c.odcs.yaml');
    assert.equal(removed.message.text.split('\n')[0], 'Property customer_id was removed <b>&</b>\r');
    assert.match(removed.message.text, /Affected consumers:\n- pipeline orders-enrichment/);
    assert.deepEqual(removed.relatedLocations[0].physicalLocation.artifactLocation, {
      uri: 'pipelines/enrich.pipeline.yaml',
      uriBaseId: '%SRCROOT%',
    });
    assert.deepEqual(removed.properties.change, {
      kind: 'property-removed',
      path: 'customers.customer_id',
      before: { type: 'integer' },
      after: null,
    });
    assert.equal(
      run.results.find((result: { ruleId: string }) => result.ruleId === 'pactline/suppression-without-reason').level,
      'warning',
    );
  });

  it('turns directories into file URIs the same way on every platform', () => {
    assert.equal(directoryFileUri('/srv/repo'), 'file:///srv/repo/');
    assert.equal(directoryFileUri('/srv/repo/'), 'file:///srv/repo/');
    assert.equal(directoryFileUri('/'), 'file:///');
    assert.equal(directoryFileUri('C:\\Users\\ci\\my repo'), 'file:///C:/Users/ci/my%20repo/');
    assert.equal(directoryFileUri('\\\\server\\share\\dir'), 'file://server/share/dir/');
    assert.equal(directoryFileUri('/tmp/100%#?'), 'file:///tmp/100%25%23%3F/');
    assert.equal(relativeUri('a b/c:d/e%f.yaml'), 'a%20b/c%3Ad/e%25f.yaml');
  });
});
