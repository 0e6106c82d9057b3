// No feature throws, whatever the text and the position: every example file, and the same files
// broken the way typing breaks them (a line cut short, a character removed, a tab inserted).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import * as F from '../../../server/src/engine/features';
import { exampleFiles, exampleService } from './helpers';

/** A small deterministic pseudo-random sequence. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function everything(service: ReturnType<typeof exampleService>, path: string, line: number, character: number): void {
  const position = { line, character };
  F.completion(service, path, position);
  F.hover(service, path, position);
  F.definition(service, path, position);
  F.references(service, path, position, true);
  F.prepareRename(service, path, position);
  F.rename(service, path, position, 'renamed_name');
  F.selectionRanges(service, path, [position]);
  F.codeActions(service, path, { start: position, end: position }, service.diagnose(path));
}

it('never throws on the examples, at any line and column', () => {
  const service = exampleService();
  for (const [path, text] of exampleFiles()) {
    const lines = text.split('\n');
    for (let line = 0; line < lines.length; line += 3) {
      for (const character of [0, 2, 4, 6, 8, 10, 14, 20, lines[line].length, lines[line].length + 3])
        everything(service, path, line, character);
    }
    F.documentSymbols(service, path);
    F.foldingRanges(service, path);
    F.documentLinks(service, path);
    F.formatDocument(service, path, { tabSize: 3, insertSpaces: true });
  }
  F.workspaceSymbols(service, 'a');
});

it('never throws on broken text', () => {
  const next = random(42);
  const service = exampleService();
  let checked = 0;
  for (const [path, text] of exampleFiles()) {
    for (let round = 0; round < 12; round++) {
      const lines = text.split('\n');
      const line = Math.floor(next() * lines.length);
      const cut = Math.floor(next() * (lines[line].length + 1));
      switch (round % 4) {
        case 0:
          lines[line] = lines[line].slice(0, cut);
          break;
        case 1:
          lines[line] = lines[line].slice(0, cut) + lines[line].slice(cut + 1);
          break;
        case 2:
          lines[line] = '\t' + lines[line];
          break;
        default:
          lines[line] = lines[line].slice(0, cut) + ': [' + lines[line].slice(cut);
          break;
      }
      const broken = lines.join('\n');
      service.setDocument(path, broken);
      everything(service, path, line, cut);
      everything(service, path, Math.max(0, line - 1), 4);
      F.documentSymbols(service, path);
      F.foldingRanges(service, path);
      F.documentLinks(service, path);
      assert.ok(Array.isArray(F.formatDocument(service, path, { tabSize: 2, insertSpaces: true })));
      checked++;
    }
    service.setDocument(path, text);
  }
  assert.equal(checked, exampleFiles().size * 12);
});
