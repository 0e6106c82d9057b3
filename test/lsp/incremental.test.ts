// The incremental re-parse of large documents (server/src/lsp/incremental.ts) against a full parse:
// after every one of thousands of random edits, the spliced document must be exactly what
// `parseDocument` builds from the new text — the same value, the same `yaml` document model (node
// kinds, ranges, scalar values, comments), the same findings.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as YAML from 'yaml';
import { parseDocument, type ParsedDocument } from '../../server/src/engine/document';
import { LanguageService } from '../../server/src/engine/service';
import { IDLE_BEFORE_WARM_UP_MS, IncrementalParser } from '../../server/src/lsp/incremental';
import { ROOT } from './client';

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Everything of the document model an editor feature or a finding's position can depend on. */
function dump(ast: YAML.Document.Parsed | undefined): string[] {
  if (!ast) return ['(none)'];
  const out: string[] = [`doc ${ast.range} ${ast.commentBefore ?? ''} ${ast.comment ?? ''}`];
  YAML.visit(ast, {
    Node(_, node) {
      const scalar = YAML.isScalar(node)
        ? `${JSON.stringify(node.value)} ${node.type}`
        : YAML.isCollection(node)
          ? `${node.items.length} ${node.flow ? 'flow' : 'block'}`
          : '';
      out.push(
        `${node.constructor.name} ${node.range} ${scalar} ${node.spaceBefore ? 'space' : ''} ${node.commentBefore ?? ''} | ${node.comment ?? ''}`,
      );
    },
  });
  return out;
}

const LINE_EDITS = [
  // a value changes (often: a mistake, then its fix)
  (line: string, r: () => number) =>
    line.replace(/: (\S.*)$/, (_m, v: string) => `: ${r() < 0.5 ? v.slice(0, -1) : v + 'x'}`),
  (line: string) =>
    line.replace(
      /(logicalType|required|unique|primaryKey): \S+$/,
      (_m, k) => `${k}: ${k === 'logicalType' ? 'strin' : 'maybe'}`,
    ),
  // a key changes (unknown key, duplicate key)
  (line: string) => line.replace(/^(\s*(?:- )?)([a-zA-Z]+):/, (_m, pre, k: string) => `${pre}${k.slice(0, -1)}:`),
  (line: string) => line.replace(/^(\s*(?:- )?)([a-zA-Z]+):/, (_m, pre) => `${pre}name:`),
  // indentation changes
  (line: string) => ' ' + line,
  (line: string) => line.replace(/^ /, ''),
  // comments
  (line: string) => line + ' # note',
  (line: string) => line.replace(/^(\s*)/, '$1# '),
];

function randomEdit(text: string, r: () => number): string {
  const lines = text.split('\n');
  const at = Math.floor(r() * (lines.length - 1));
  const kind = r();
  if (kind < 0.45) {
    const edit = LINE_EDITS[Math.floor(r() * LINE_EDITS.length)];
    lines[at] = edit(lines[at], r);
  } else if (kind < 0.55) {
    lines.splice(at, 1);
  } else if (kind < 0.65) {
    // a new key after a key line, at its indentation
    const indent = /^(\s*)(?:- )?/.exec(lines[at])![0].replace('-', ' ').length;
    lines.splice(at + 1, 0, `${' '.repeat(indent)}${r() < 0.5 ? 'description' : 'businessName'}: added ${at}`);
  } else if (kind < 0.72) {
    // a whole list item copied (a new property)
    let start = at;
    while (start > 0 && !/^\s*- /.test(lines[start])) start--;
    const indent = lines[start].indexOf('-');
    let end = start + 1;
    while (end < lines.length && (lines[end].trim() === '' || lines[end].search(/\S/) > indent)) end++;
    lines.splice(
      end,
      0,
      ...lines.slice(start, end).map((l, i) => (i === 0 ? l.replace(/name: (\S+)/, 'name: $1_copy') : l)),
    );
  } else if (kind < 0.78) {
    lines.splice(at, 0, '');
  } else if (kind < 0.84) {
    lines.splice(at, 0, `${' '.repeat(Math.max(0, lines[at].search(/\S/)))}# a comment line`);
  } else {
    // one character typed or deleted anywhere
    const offset = Math.floor(r() * text.length);
    const chars = 'a:- \n#"\'[{x1';
    return r() < 0.5
      ? text.slice(0, offset) + chars[Math.floor(r() * chars.length)] + text.slice(offset)
      : text.slice(0, offset) + text.slice(offset + 1);
  }
  return lines.join('\n');
}

function check(incremental: IncrementalParser, service: LanguageService, path: string, text: string): ParsedDocument {
  const doc = incremental.update(service, path, text);
  const full = parseDocument(path, text);
  assert.equal(doc.text, text);
  assert.deepEqual(doc.problems, full.problems, 'problems');
  assert.equal(doc.kind, full.kind);
  assert.deepStrictEqual(doc.value, full.value, 'value');
  if (!doc.problems.length) assert.deepEqual(dump(doc.ast()), dump(full.ast()), 'document model');
  return doc;
}

function run(
  path: string,
  original: string,
  edits: number,
  seed: number,
  diagnose: boolean,
): { spliced: number; full: number } {
  const r = rng(seed);
  const service = new LanguageService();
  const incremental = new IncrementalParser(0);
  let text = original;
  check(incremental, service, path, text).ast();
  const reference = new LanguageService();
  let lastGood = original;
  let broken = false;
  for (let i = 0; i < edits; i++) {
    // Mostly small edits on a valid document; back to the original now and then, and out of a
    // broken version (as a user fixes a typo) half of the time.
    text = r() < 0.08 ? original : broken && r() < 0.5 ? lastGood : randomEdit(text, r);
    const doc = check(incremental, service, path, text);
    broken = doc.problems.length > 0;
    if (!broken) lastGood = text;
    if (diagnose) {
      reference.setDocument(path, text);
      assert.deepEqual(service.diagnose(path), reference.diagnose(path), `findings after edit ${i}`);
    }
    if (r() < 0.9) doc.ast(); // as the editor's validation or a feature would
  }
  return incremental.stats;
}

const EXAMPLES = join(ROOT, 'examples');
const MISTAKES = join(ROOT, 'test/fixtures/workspace-with-mistakes');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('incremental re-parse = full parse', () => {
  for (const [label, dir] of [
    ['examples', EXAMPLES],
    ['workspace-with-mistakes', MISTAKES],
  ] as const) {
    it(`random edits on every file of ${label}: same value, document model and findings`, (t) => {
      let spliced = 0;
      let full = 0;
      filesUnder(dir).forEach((file, k) => {
        const stats = run(file.slice(dir.length + 1), readFileSync(file, 'utf8'), 60, 1000 + k, true);
        spliced += stats.spliced;
        full += stats.full;
      });
      // Random edits often break the YAML for a while (a stray quote), and an edit after a broken
      // version is always a full parse; the rate on ordinary typing is checked below.
      t.diagnostic(`${spliced} spliced, ${full} full`);
      assert.ok(spliced >= 200, `the splice path is exercised (${spliced} spliced, ${full} full)`);
    });
  }

  it('a generated 300-property contract: 600 random edits', (t) => {
    const lines = [
      'apiVersion: v3.1.0',
      'kind: DataContract',
      'id: wide',
      'version: 1.0.0',
      'status: active',
      'schema:',
      '  - name: wide_table',
      '    # the columns',
      '    properties:',
    ];
    for (let i = 0; i < 300; i++) {
      lines.push(
        `      - name: column_${i}`,
        '        logicalType: string',
        `        description: "Column ${i}: a value."`,
        '        required: false',
      );
      if (i % 7 === 0)
        lines.push('        tags: [a, b]', '        quality:', '          - rule: nullCheck', '            mustBe: 0');
      if (i % 11 === 0) lines.push('', '      # a group of columns');
      if (i % 13 === 0) lines.push('        examples:', '          - |', '            multi', '            line');
    }
    const stats = run('wide.odcs.yaml', lines.join('\n') + '\n', 600, 7, false);
    t.diagnostic(`${stats.spliced} spliced, ${stats.full} full`);
    assert.ok(stats.spliced >= 75, `${stats.spliced} spliced, ${stats.full} full`);
  });

  it('typing in a value of a valid example file is spliced, and equals a full parse', (t) => {
    // One character typed at the end of each `key: value` line of every example file, from the
    // original each time (the editor's usual case: a valid document, one small change).
    let spliced = 0;
    let edits = 0;
    for (const file of filesUnder(EXAMPLES)) {
      const path = file.slice(EXAMPLES.length + 1);
      const original = readFileSync(file, 'utf8');
      const lines = original.split('\n');
      const service = new LanguageService();
      const incremental = new IncrementalParser(0);
      for (let i = 0; i < lines.length; i++) {
        if (!/^\s*(- )?[A-Za-z]+: [A-Za-z0-9][^#'"]*$/.test(lines[i])) continue;
        incremental.update(service, path, original).ast();
        const before = incremental.stats.spliced;
        const edited = lines.slice();
        edited[i] += 'x';
        check(incremental, service, path, edited.join('\n'));
        edits++;
        if (incremental.stats.spliced > before) spliced++;
      }
    }
    t.diagnostic(`${spliced} of ${edits} edits spliced`);
    assert.ok(edits > 500, `${edits} edits`);
    assert.ok(spliced / edits >= 0.85, `${spliced} of ${edits} edits spliced`);
  });

  it('a document opened with the text the index read from disk keeps that parse; once warm, edits are spliced', async () => {
    const file = join(EXAMPLES, 'contracts/warehouse-orders.odcs.yaml');
    const path = 'contracts/warehouse-orders.odcs.yaml';
    const text = readFileSync(file, 'utf8');
    const service = new LanguageService();
    const incremental = new IncrementalParser(0);
    service.setDocument(path, text); // as the workspace index reads it
    const fromDisk = service.getDocument(path)!;
    assert.equal(incremental.update(service, path, text), fromDisk, 'the same object: no re-parse');
    assert.equal(incremental.stats.reused, 1);
    // a different text, or a version with a problem, is parsed again
    const other = new LanguageService();
    other.setDocument(path, text + 'x: [');
    incremental.update(other, path, text + 'x: [');
    assert.equal(incremental.stats.reused, 1);
    // the document model is built in the background; after it, an edit is spliced and equals a full parse
    incremental.warmUp(service, path, 0, 0);
    await new Promise((r) => setTimeout(r, 20));
    const edited = text.replace('logicalType: integer', 'logicalType: intege');
    check(incremental, service, path, edited);
    assert.equal(incremental.stats.spliced, 1, incremental.stats.lastReason);
  });

  it('a document just opened builds its model only once it has stayed open a while; edited, soon', async () => {
    const path = 'contracts/warehouse-orders.odcs.yaml';
    const text = readFileSync(join(EXAMPLES, path), 'utf8');
    const service = new LanguageService();
    const incremental = new IncrementalParser(0);
    const fromDisk = service.setDocument(path, text);
    let built = 0;
    service.setParsedDocument({
      ...fromDisk,
      ast: () => {
        built++;
        return fromDisk.ast();
      },
    });
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    incremental.update(service, path, text); // opened: the index's parse is kept
    incremental.warmUp(service, path);
    await sleep(400);
    assert.equal(built, 0, 'no model yet: the document was opened 400 ms ago');
    incremental.forget(service, path); // closed
    await sleep(IDLE_BEFORE_WARM_UP_MS);
    assert.equal(built, 0, 'a document closed before its warm-up never builds its model');
    // Open again and edit: from the first edit on, the warm-up starts after the usual short pause.
    incremental.update(service, path, text);
    incremental.update(service, path, text.replace('logicalType: integer', 'logicalType: intege'));
    incremental.warmUp(service, path);
    await sleep(IDLE_BEFORE_WARM_UP_MS / 2 + 300);
    incremental.update(service, path, text.replace('logicalType: integer', 'logicalType: integ'));
    assert.equal(incremental.stats.spliced, 1, incremental.stats.lastReason);
  });

  it('declines what it cannot prove equivalent: aliases, a previous version with errors, no document model', () => {
    const service = new LanguageService();
    const incremental = new IncrementalParser(0);
    const text =
      'apiVersion: v3.1.0\nkind: DataContract\nid: a\nversion: 1.0.0\nstatus: active\nschema:\n  - name: t\n    properties:\n      - name: x\n        logicalType: string\n';
    incremental.update(service, 'a.odcs.yaml', text);
    incremental.update(service, 'a.odcs.yaml', text.replace('name: x', 'name: y'));
    assert.equal(incremental.stats.spliced, 0, 'no document model yet');
    service.getDocument('a.odcs.yaml')!.ast();
    incremental.update(service, 'a.odcs.yaml', text.replace('name: x', 'name: z'));
    assert.equal(incremental.stats.spliced, 1);
    incremental.update(service, 'a.odcs.yaml', text.replace('name: x', 'name: &n z'));
    service.getDocument('a.odcs.yaml')!.ast();
    incremental.update(service, 'a.odcs.yaml', text.replace('name: x', 'name: &n z') + '      - name: *n\n');
    assert.match(incremental.stats.lastReason, /aliases/);
    incremental.update(service, 'a.odcs.yaml', text.replace('name: x', 'name: "x'));
    service.getDocument('a.odcs.yaml')!.ast();
    incremental.update(service, 'a.odcs.yaml', text.replace('name: x', 'name: "xy'));
    assert.match(incremental.stats.lastReason, /problems/);
  });
});
