// host/safeFs.ts's reader: the bytes it hands out hold only the file (a buffer per file that is much
// larger than the file, kept alive by the bytes, cost 640 MB over 10,000 contracts), and a file
// that reports no size (as /proc's do) is still read to its end.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readFileSafe, readFileSafeAsync } from '../../server/src/host/safeFs';

const dir = mkdtempSync(join(tmpdir(), 'pactline-safe-read-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('readFileSafe', () => {
  const small = join(dir, 'small.odcs.yaml');
  const text = 'apiVersion: v3.1.0\nkind: DataContract\nid: x\n';
  writeFileSync(small, text);

  it('a small file: its bytes, in a buffer of about its size', async () => {
    for (const read of [readFileSafe(small, undefined, 1 << 20), await readFileSafeAsync(small, undefined, 1 << 20)]) {
      assert.equal(read.status, 'ok');
      if (read.status !== 'ok') return;
      assert.equal(Buffer.from(read.bytes).toString('utf8'), text);
      assert.ok(read.bytes.buffer.byteLength <= text.length + 1, `a ${read.bytes.buffer.byteLength}-byte buffer`);
    }
  });

  it('a file larger than 64 KiB, and one that reports no size, are read to their end', (t) => {
    const big = join(dir, 'big.yaml');
    const bigText = 'x'.repeat(200_000) + '\n';
    writeFileSync(big, bigText);
    const read = readFileSafe(big, undefined, 1 << 22);
    assert.equal(read.status === 'ok' && read.bytes.length, bigText.length);
    if (!existsSync('/proc/self/status'))
      return t.skip('needs Linux /proc: would have read a file of size 0 to its end');
    const proc = readFileSafe('/proc/self/status', undefined, 1 << 20);
    assert.equal(proc.status, 'ok');
    if (proc.status === 'ok') assert.match(Buffer.from(proc.bytes).toString('utf8'), /^Name:/);
  });
});
