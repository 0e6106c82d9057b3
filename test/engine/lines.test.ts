// The line index of an edited text made from the previous version's (LineIndex.afterEdit) equals
// one built by scanning the new text, whatever the line breaks (LF, CRLF, lone CR) around the edit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commonPrefix, commonSuffix } from '../../server/src/engine/incremental';
import { LineIndex } from '../../server/src/engine/lines';

function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['a', 'bc', ' ', '\n', '\r\n', '\r', 'key: value\n', '\n\n'];

function starts(index: LineIndex): number[] {
  return Array.from({ length: index.lineCount }, (_, i) => index.lineStart(i));
}

describe('LineIndex.afterEdit', () => {
  it('equals a fresh index after thousands of random edits', () => {
    const r = rng(7);
    const piece = () => PIECES[Math.floor(r() * PIECES.length)];
    let text = Array.from({ length: 40 }, piece).join('');
    let index = new LineIndex(text);
    assert.ok(index.lineCount > 1); // the previous index has its starts: the new one is made from them
    for (let n = 0; n < 3000; n++) {
      const at = Math.floor(r() * (text.length + 1));
      const removed = Math.floor(r() * 4);
      const inserted = Array.from({ length: Math.floor(r() * 3) }, piece).join('');
      const next = text.slice(0, at) + inserted + text.slice(at + removed);
      const p = commonPrefix(text, next);
      const s = commonSuffix(text, next, Math.min(text.length, next.length) - p);
      const edited = LineIndex.afterEdit(index, next, p, text.length - s, next.length - s);
      assert.deepEqual(starts(edited), starts(new LineIndex(next)), `edit ${n}: ${JSON.stringify(next)}`);
      text = next;
      index = edited;
    }
  });

  it('scans only when the previous index was never built', () => {
    const previous = new LineIndex('a\nb\n');
    const edited = LineIndex.afterEdit(previous, 'a\nbc\n', 3, 3, 4);
    assert.deepEqual(starts(edited), [0, 2, 5]);
  });
});
