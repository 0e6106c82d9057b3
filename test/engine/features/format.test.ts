// Formatting: indentation normalized to the tab size; comments, key order, quoting and scalar line
// breaks kept; a formatted file is left alone; a file with syntax errors is refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDocument } from '../../../server/src/engine/features';
import { LanguageService } from '../../../server/src/engine/service';
import { applyEdits, exampleFiles, exampleService, range } from './helpers';

const TWO = { tabSize: 2, insertSpaces: true };
const FOUR = { tabSize: 4, insertSpaces: true };

function format(text: string, options = TWO, path = 'f.odcs.yaml'): string {
  const s = new LanguageService();
  s.setDocument(path, text);
  return applyEdits(text, formatDocument(s, path, options));
}

describe('formatDocument', () => {
  it('changes nothing in any example file (they are formatted with two spaces)', () => {
    const service = exampleService();
    for (const path of exampleFiles().keys()) assert.deepEqual(formatDocument(service, path, TWO), [], path);
  });

  it('re-indents to four spaces and back, byte for byte, keeping comments and block scalars', () => {
    for (const [path, text] of exampleFiles()) {
      const four = format(text, FOUR, path);
      assert.notEqual(four, text, path);
      assert.equal(format(four, FOUR, path), four, `${path}: formatting is idempotent`);
      assert.equal(format(four, TWO, path), text, `${path}: and reversible`);
      assert.equal((four.match(/#/g) ?? []).length, (text.match(/#/g) ?? []).length, `${path}: comments kept`);
    }
  });

  it('normalizes inconsistent indentation and returns one full-document edit', () => {
    const text = [
      '# header comment',
      'apiVersion: v3.1.0',
      'kind: DataContract',
      'id: messy',
      'version: 1.0.0',
      'status: active',
      'schema:',
      '    - name: orders     # aligned comment',
      '      description: >-',
      '        folded text that',
      '        keeps its line breaks',
      '      properties:',
      '         - name: id',
      '           # about the type',
      '           logicalType: string',
      'tags: [a,   b]',
      '',
    ].join('\n');
    const s = new LanguageService();
    s.setDocument('m.odcs.yaml', text);
    const edits = formatDocument(s, 'm.odcs.yaml', TWO);
    assert.equal(edits.length, 1);
    assert.deepEqual(edits[0].range, range(0, 0, 16, 0));
    assert.equal(
      edits[0].newText,
      [
        '# header comment',
        'apiVersion: v3.1.0',
        'kind: DataContract',
        'id: messy',
        'version: 1.0.0',
        'status: active',
        'schema:',
        '  - name: orders     # aligned comment',
        '    description: >-',
        '      folded text that',
        '      keeps its line breaks',
        '    properties:',
        '      - name: id',
        '        # about the type',
        '        logicalType: string',
        'tags: [a,   b]',
        '',
      ].join('\n'),
    );
  });

  it("keeps a document's choice of unindented lists", () => {
    const text = 'a:\n- x\n- y:\n    z: 1\nb:\n   c: 2\n';
    assert.equal(format(text, TWO, 'u.yaml'), 'a:\n- x\n- y:\n    z: 1\nb:\n  c: 2\n');
  });

  it('keeps literal block content and its relative indentation', () => {
    const text = 'q:\n    sql: |\n        SELECT 1\n          FROM t\n\n        WHERE x\n';
    assert.equal(format(text, TWO, 'b.yaml'), 'q:\n  sql: |\n    SELECT 1\n      FROM t\n\n    WHERE x\n');
  });

  it('refuses a document with syntax errors, and leaves an empty one alone', () => {
    const s = new LanguageService();
    s.setDocument('bad.odcs.yaml', 'a:\n   b: 1\n  c: [\n');
    assert.deepEqual(formatDocument(s, 'bad.odcs.yaml', TWO), []);
    s.setDocument('empty.odcs.yaml', '');
    assert.deepEqual(formatDocument(s, 'empty.odcs.yaml', TWO), []);
  });
});
