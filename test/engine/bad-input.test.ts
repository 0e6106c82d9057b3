// Bad input never crashes the engine: each case gives a clear finding or a clear skip, quickly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument, MAX_DEPTH } from '../../server/src/engine/document';
import { rangeOf } from '../../server/src/engine/locate';
import { decodeText } from '../../server/src/engine/text';

const HEADER = 'apiVersion: v3.1.0\nkind: DataContract\nid: c\nversion: 1.0.0\nstatus: active\n';
// Each case must finish well inside this bound; a hang or an exponential blow-up fails the test.
const BOUND = { timeout: 20_000 };

function problems(path: string, text: string) {
  const doc = parseDocument(path, text);
  return doc.problems.map((p) => ({ rule: p.rule, message: p.message, range: rangeOf(doc, p.at) }));
}

test('an empty file parses to no value and no problem (the schema then says it is empty)', () => {
  const doc = parseDocument('empty.odcs.yaml', '');
  assert.equal(doc.kind, 'odcs');
  assert.equal(doc.value, undefined);
  assert.deepEqual(doc.problems, []);
});

test('binary content is refused by the decoder, not parsed', () => {
  const bytes = Buffer.from([0x61, 0x3a, 0x20, 0x00, 0x01, 0x02, 0xff]);
  assert.deepEqual(decodeText(bytes), { ok: false, reason: 'binary' });
});

test('invalid UTF-8 is reported at the first bad byte, with line and column', () => {
  const bytes = Buffer.concat([Buffer.from('a: 1\ndescription: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
  const decoded = decodeText(bytes);
  assert.deepEqual(decoded, { ok: false, reason: 'encoding', line: 1, column: 16, byteOffset: 21 });
});

test('valid UTF-8 with a byte-order mark and multi-byte characters decodes', () => {
  const decoded = decodeText(Buffer.from('\ufeffname: Café ☕ 𝄞\n', 'utf8'));
  assert.equal(decoded.ok, true);
});

test('a 20 MB file is skipped with a finding that says how to raise the limit', BOUND, () => {
  const line = '  - name: column_with_a_long_name\n';
  const text = HEADER + 'schema:\n' + line.repeat(Math.ceil((20 * 1024 * 1024) / line.length));
  const before = process.memoryUsage().heapUsed;
  const found = problems('big.odcs.yaml', text);
  assert.equal(found.length, 1);
  assert.equal(found[0].rule, 'yaml/too-large');
  assert.match(found[0].message, /20\.0 MB.*maxFileSize/);
  // Nothing was parsed: memory grew by far less than a parse of 20 MB would take.
  assert.ok(process.memoryUsage().heapUsed - before < 50 * 1024 * 1024);
});

test('10,000 levels of block nesting are refused before parsing', BOUND, () => {
  // Compact nested sequences ("- - - x") nest a level per two characters.
  const text = HEADER + 'tags:\n' + '- '.repeat(10_000) + 'x\n';
  const found = problems('deep.odcs.yaml', text);
  assert.equal(found.length, 1);
  assert.equal(found[0].rule, 'yaml/too-deep');
  assert.equal(found[0].range.start.line, 6);
});

test('1,500 levels of indented mappings are refused too', BOUND, () => {
  let text = HEADER + 'customProperties:\n';
  for (let i = 0; i < 1_500; i++) text += ' '.repeat(i + 1) + `k${i}:\n`;
  const found = problems('deep-map.odcs.yaml', text);
  assert.equal(found.length, 1);
  assert.equal(found[0].rule, 'yaml/too-deep');
  assert.equal(found[0].range.start.line, 6 + MAX_DEPTH); // the first line past the limit
});

test('10,000 levels of flow nesting are refused before parsing', BOUND, () => {
  const text = HEADER + 'tags: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n';
  const found = problems('deep-flow.odcs.yaml', text);
  assert.equal(found.length, 1);
  assert.equal(found[0].rule, 'yaml/too-deep');
  assert.equal(found[0].range.start.line, 5);
});

test('a YAML alias bomb is stopped with a finding at the first alias', BOUND, () => {
  let text =
    HEADER + 'customProperties:\n  a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
  for (let i = 1; i <= 9; i++)
    text += `  a${i}: &a${i} [${Array(10)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  const found = problems('bomb.odcs.yaml', text);
  assert.equal(found.length, 1);
  assert.equal(found[0].rule, 'yaml/alias-expansion');
  assert.deepEqual(found[0].range, { start: { line: 7, character: 11 }, end: { line: 7, character: 14 } });
});

test('a self-referencing alias is reported instead of looping', BOUND, () => {
  const found = problems('loop.odcs.yaml', HEADER + 'customProperties: &loop\n  again: *loop\n');
  assert.equal(found.length, 1);
  assert.equal(found[0].rule, 'yaml/alias-expansion');
});

test('a few ordinary aliases are fine', () => {
  const doc = parseDocument(
    'ok.odcs.yaml',
    HEADER + 'tags: &t [a, b]\ndescription:\n  usage: x\ncustomProperties:\n  - property: t\n    value: *t\n',
  );
  assert.deepEqual(doc.problems, []);
});

test('an unclosed quote is reported on the line where it opens', () => {
  const found = problems('q.odcs.yaml', HEADER + 'name: "Orders\ndescription:\n  purpose: x\n');
  assert.equal(found.length, 1);
  assert.equal(found[0].rule, 'yaml/syntax');
  assert.match(found[0].message, /never closed/);
  assert.deepEqual(found[0].range, { start: { line: 5, character: 6 }, end: { line: 5, character: 13 } });
});

test('a duplicate key is reported at its second occurrence, naming the first', () => {
  const found = problems('d.odcs.yaml', HEADER + 'name: a\nname: b\n');
  assert.equal(found.length, 1);
  assert.equal(found[0].rule, 'yaml/duplicate-key');
  assert.match(found[0].message, /`name`.*line 6/);
  assert.deepEqual(found[0].range, { start: { line: 6, character: 0 }, end: { line: 6, character: 4 } });
});

test('bad indentation is reported on the offending line', () => {
  const found = problems('i.odcs.yaml', HEADER + 'description:\n  purpose: a\n usage: b\n');
  assert.equal(found.length, 1);
  assert.equal(found[0].rule, 'yaml/syntax');
  assert.equal(found[0].range.start.line, 7);
});

test('a tab used for indentation gets its own message', () => {
  const found = problems('t.odcs.yaml', HEADER + 'description:\n\tpurpose: a\n');
  assert.equal(found[0].rule, 'yaml/syntax');
  assert.match(found[0].message, /tab/i);
  assert.equal(found[0].range.start.line, 6);
});

test('several YAML documents in one file are a quiet skip, not an error', () => {
  const doc = parseDocument('m.odcs.yaml', HEADER + '---\n' + HEADER);
  assert.equal(doc.multiDocument, true);
  assert.deepEqual(doc.problems, []);
});
