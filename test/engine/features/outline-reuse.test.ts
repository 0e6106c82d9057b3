// The outline of a large document takes the symbols an edit did not touch from the previous
// version's outline (engine/features/symbols.ts). After every one of many random edits, spliced
// (as the editor's incremental parse does) or parsed in full, it must equal the outline a fresh
// service builds from the same text; and the untouched symbols must really be taken, not rebuilt.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { documentSymbols } from '../../../server/src/engine/features';
import { LanguageService } from '../../../server/src/engine/service';
import { IncrementalParser } from '../../../server/src/engine/incremental';
import { exampleFiles } from './helpers';

function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A wide contract (about 40 KB for 320 properties): properties with comments, nested objects, array items, a block scalar. */
function wideContract(count: number): string {
  const lines = [
    'apiVersion: v3.1.0',
    'kind: DataContract',
    'id: wide',
    'version: 1.0.0',
    'status: active',
    'servers:',
    '  - server: prod',
    '    type: snowflake',
    'schema:',
    '  - name: wide_table',
    '    physicalType: table',
    '    properties:',
  ];
  for (let i = 0; i < count; i++) {
    lines.push(`      - name: col_${i} # column ${i}`, `        logicalType: ${i % 7 ? 'string' : 'object'}`);
    if (i % 7 === 0) {
      lines.push('        properties:', `          - name: inner_${i}`, '            logicalType: integer');
    } else if (i % 11 === 0) {
      lines.push('        items:', '          properties:', `            - name: "item_${i}"`);
    } else {
      lines.push(`        physicalType: varchar(${i})`);
    }
    if (i % 13 === 0) lines.push('        description: |', '          # not a comment', '          more text', '');
    if (i % 17 === 0) lines.push('    # a comment between properties');
  }
  lines.push('  - name: second', '    properties:', '      - name: only', '        logicalType: date');
  return lines.join('\n') + '\n';
}

/** Pads a small example past the size from which outlines are reused, after its own content. */
function padded(text: string): string {
  const filler = Array.from({ length: 800 }, (_, i) => `  padding line ${i} of a long block scalar`).join('\n');
  return `${text.replace(/\s*$/, '\n')}x-padding: |\n${filler}\n`;
}

const WORDS = ['name', 'x', ' ', ': ', '- ', 'logicalType: object', '# c', '"q"', 'properties:', '\n', '  '];

/** One random edit: characters, words, whole lines inserted, deleted or duplicated. */
function edit(text: string, r: () => number): string {
  const lines = text.split('\n');
  const line = Math.floor(r() * Math.max(1, lines.length - 1));
  const start = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
  const at = start + Math.floor(r() * (lines[line].length + 1));
  const op = Math.floor(r() * 6);
  if (op === 0) return text.slice(0, at) + text.slice(at + 1);
  if (op === 1) return text.slice(0, at) + WORDS[Math.floor(r() * WORDS.length)] + text.slice(at);
  if (op === 2) return text.slice(0, start) + lines[line] + '\n' + text.slice(start);
  if (op === 3) return text.slice(0, start) + text.slice(start + lines[line].length + 1);
  if (op === 4) return text.slice(0, at) + text.slice(at + Math.floor(r() * 40));
  return text.slice(0, at) + 'renamed' + text.slice(at + 3);
}

function check(path: string, initial: string, edits: number, seed: number, splice: boolean): void {
  const r = rng(seed);
  const service = new LanguageService();
  const parser = new IncrementalParser();
  let text = initial;
  const set = (t: string) => (splice ? parser.update(service, path, t) : service.setDocument(path, t));
  set(text);
  for (let i = 0; i < edits; i++) {
    // The incremental parse splices only into a document whose model exists (the editor warms it up).
    service.getDocument(path)?.ast();
    documentSymbols(service, path);
    text = edit(text, r);
    set(text);
    const fresh = new LanguageService();
    fresh.setDocument(path, text);
    assert.deepEqual(
      documentSymbols(service, path),
      documentSymbols(fresh, path),
      `${path}: outline after edit ${i + 1} (seed ${seed}) differs from a fresh one`,
    );
  }
}

describe('outline reuse across versions', () => {
  it('equals a fresh outline after random edits of a wide contract, spliced or parsed in full', () => {
    const text = wideContract(320);
    assert.ok(text.length > 32 * 1024);
    check('wide.odcs.yaml', text, 50, 1, true);
    check('wide.odcs.yaml', text, 30, 2, false);
    check('wide.odcs.yaml', text.replace(/\n/g, '\r\n'), 20, 3, false);
  });

  it('equals a fresh outline after random edits of every example, made large', () => {
    let seed = 10;
    for (const [path, text] of exampleFiles()) check(path, padded(text), 6, seed++, false);
  });

  it('takes the symbols an edit did not touch instead of building them again', () => {
    const path = 'wide.odcs.yaml';
    const service = new LanguageService();
    const text = wideContract(700);
    service.setDocument(path, text);
    const before = documentSymbols(service, path)[0].children![1].children!;
    // Drop one letter of a `logicalType` value in the middle (the benchmark's edit): same lines.
    const at = text.indexOf('logicalType: string', text.indexOf('col_351 '));
    service.setDocument(path, text.slice(0, at + 18) + text.slice(at + 19));
    const after = documentSymbols(service, path)[0].children![1].children!;
    assert.equal(after.length, before.length);
    const edited = after.findIndex((s) => s.name === 'col_351');
    const changed = after.filter((s, i) => s !== before[i]).map((s) => s.name);
    assert.deepEqual(changed, ['col_351'], 'only the edited property is built again');
    assert.equal(after[edited].detail, 'strin · varchar(351)');
    // A line added near the top: the symbols after it are the previous ones moved down one line.
    const moved = documentSymbols(
      service,
      service.setDocument(path, text.replace('status: active\n', 'status: active\ndescription: x\n')).path,
    )[0].children![1].children!;
    const shift = (s: DocumentSymbol) => s.range.start.line;
    assert.deepEqual(
      moved.map(shift),
      before.map((s) => shift(s) + 1),
    );
  });
});
