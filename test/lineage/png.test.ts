// `pactline lineage --format png`: the same drawing as the SVG, rasterised by resvg (WebAssembly).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sansFonts } from '../../server/src/host/png';
import { CLI, cli, cliBuilt, ROOT } from './helpers';

const skip = !cliBuilt()
  ? 'dist/cli.js is not built (npm run build): would have checked the PNG it writes'
  : !sansFonts()
    ? 'no sans font (Liberation Sans, Arial, DejaVu Sans) on this machine: would have checked the PNG of the lineage'
    : false;
if (skip) console.log(`# skipped: ${skip}`);

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'the PNG signature');
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  assert.equal(bytes.subarray(bytes.length - 8, bytes.length - 4).toString('latin1'), 'IEND', 'ends with IEND');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('pactline lineage --format png', { skip }, () => {
  it('a valid PNG of the SVG drawing at two pixels per CSS pixel, to a file or to stdout', () => {
    const args = ['lineage', 'examples', '--focus', 'validated-commerce-cdc', '--columns'];
    const svg = cli(args);
    assert.equal(svg.code, 0, svg.stderr);
    const [, w, h] = /viewBox="[\d.]+ [\d.]+ ([\d.]+) ([\d.]+)"/.exec(svg.stdout)!;
    const dir = mkdtempSync(join(tmpdir(), 'pactline-png-'));
    try {
      const out = join(dir, 'lineage.png');
      const run = cli([...args, '--format', 'png', '--output', out]);
      assert.equal(run.code, 0, run.stderr);
      const bytes = readFileSync(out);
      const size = pngSize(bytes);
      // the SVG's size is in points (4/3 CSS pixel), drawn at two pixels per CSS pixel
      assert.ok(Math.abs(size.width - (Number(w) * 8) / 3) <= 1, `width ${size.width} for ${w}pt`);
      assert.ok(Math.abs(size.height - (Number(h) * 8) / 3) <= 1, `height ${size.height} for ${h}pt`);
      // a drawing with text, not a blank page: hundreds of kilobytes, not a few
      assert.ok(bytes.length > 100_000 && bytes.length < 20_000_000, `${bytes.length} bytes`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const small = spawnSync(
      process.execPath,
      [CLI, 'lineage', 'examples', '--focus', 'fct_orders', '--format', 'png'],
      {
        cwd: ROOT,
      },
    );
    assert.equal(small.status, 0, small.stderr.toString());
    assert.ok(pngSize(small.stdout).width > 0, 'the bytes on stdout are the PNG');
  });
});
