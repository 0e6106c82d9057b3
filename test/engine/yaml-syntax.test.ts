// YAML syntax errors on the line of the cause, in plain words, never past the end of the file.
// Through the real LanguageService, with exact ranges and messages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasUnderIndentedContinuation } from '../../server/src/engine/document';
import { LanguageService } from '../../server/src/engine/service';
import type { Finding, Range } from '../../server/src/engine/types';

function diagnose(text: string): Finding[] {
  const svc = new LanguageService({});
  svc.setDocument('a.odcs.yaml', text);
  return svc.diagnose('a.odcs.yaml');
}

function range(line: number, start: number, endLine: number, end: number): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

function only(findings: readonly Finding[]): Finding {
  assert.equal(
    findings.length,
    1,
    findings.map((f) => `${f.code} ${f.range.start.line}:${f.range.start.character} ${f.message}`).join('\n'),
  );
  return findings[0];
}

/** Lines 0-4: the header; the body starts on line 5. */
function odcs(body: string): string {
  return `apiVersion: v3.1.0\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\n${body}`;
}

describe('yaml/syntax: an unclosed flow collection is reported where it opens', () => {
  it("an unclosed `[` on line 10 (1-based) is reported on line 10, at the bracket (before: 11:7, in the parser's words)", () => {
    const text = odcs(`schema:
  - name: orders
    properties:
      - name: id
        tags: [a, b
        logicalType: string
`);
    const f = only(diagnose(text));
    assert.equal(f.code, 'yaml/syntax');
    assert.deepEqual(f.range, range(9, 14, 9, 19)); // `[a, b`, 0-based line 9
    assert.equal(f.message, 'This `[` list is never closed: add a `]` where it ends.');
  });

  it('an unclosed `[` on the last line: on that line, not past the end of the file', () => {
    const text = odcs('tags: [a, b\n');
    const f = only(diagnose(text));
    assert.deepEqual(f.range, range(5, 6, 5, 11));
    assert.equal(f.message, 'This `[` list is never closed: add a `]` where it ends.');
  });

  it('an unclosed `{` without a final newline', () => {
    const text = odcs('customProperties:\n  - property: x\n    value: {a: 1');
    const f = only(diagnose(text));
    assert.deepEqual(f.range, range(7, 11, 7, 16));
    assert.equal(f.message, 'This `{` mapping is never closed: add a `}` where it ends.');
  });

  it('no syntax finding ever starts or ends past the last character of the text', () => {
    for (const text of [
      odcs('tags: ['),
      odcs('tags: [\n\n\n'),
      odcs('description:\n  purpose: "x'),
      odcs('a: {'),
      odcs('- ['),
    ]) {
      const lines = text.split('\n');
      for (const f of diagnose(text).filter((d) => d.code.startsWith('yaml/'))) {
        for (const p of [f.range.start, f.range.end]) {
          assert.ok(
            p.line < lines.length && p.character <= lines[p.line].length,
            `${JSON.stringify(text)}: ${JSON.stringify(f.range)} is past the end`,
          );
        }
      }
    }
  });
});

describe('yaml/syntax: a quoted string or flow list continued on a line not indented past its key', () => {
  // YAML 1.2 (production s-flow-line-prefix(n)): a multi-line flow scalar or collection that is the
  // value of a block mapping key at indentation n continues on lines indented at least n+1. The
  // `yaml` package (and the official schema's CI, and most tools) reject the file; js-yaml, which
  // Pactline reads values with, accepts it. A file that other tools refuse must not pass in silence,
  // so Pactline follows the specification and reports it, once per string, where the string opens.
  // This is datacontract-cli's odcs_v3/adventureworks.odcs.yaml L76-77.
  const adventureworks = odcs(`schema:
  - name: person
    properties:
      - name: "nationalidnumber"
        logicalType: "string"
        description: "Unique national identification number such as a social security\\
        \\ number."
        partitioned: false
`);

  it('is reported from the opening quote to the end of the under-indented line, in plain words', () => {
    const f = only(diagnose(adventureworks));
    assert.equal(f.code, 'yaml/syntax');
    assert.deepEqual(f.range, range(10, 21, 11, 18));
    assert.equal(
      f.message,
      'This double-quoted string goes on to line 12, which is not indented past its key `description` (column 9): ' +
        'YAML ends the value at the line break. Indent line 12 further, or keep the value on one line.',
    );
  });

  it('indented one column further, the same string is valid', () => {
    assert.deepEqual(diagnose(adventureworks.replace('        \\ number."', '         \\ number."')), []);
  });

  it('a flow list continued under its key', () => {
    const text = odcs('tags: [a,\nb]\n');
    const f = only(diagnose(text));
    assert.deepEqual(f.range, range(5, 6, 6, 2));
    assert.match(
      f.message,
      /^This `\[` list goes on to line 7, which is not indented past its key `tags` \(column 1\)/,
    );
  });

  it('a string that is really never closed keeps its own message', () => {
    const text = odcs('description:\n  purpose: "never closed\n  usage: internal\n');
    const f = only(diagnose(text));
    assert.deepEqual(f.range, range(6, 11, 6, 24));
    assert.equal(f.message, 'This double-quoted string is never closed: add a closing " at its end.');
  });

  it('the cheap pre-check only asks the strict parser about texts that can have the problem', () => {
    assert.equal(hasUnderIndentedContinuation(adventureworks), true);
    assert.equal(hasUnderIndentedContinuation("a:\n  b: \"one line\"\n  c: [x, y]\n  d: 'it''s'\n"), false);
    assert.equal(hasUnderIndentedContinuation('a:\n  b: "two\n    lines"\n'), false); // indented past `b`
    assert.equal(hasUnderIndentedContinuation('a: "x" # a "comment\nb: 1\n'), false);
  });
});
