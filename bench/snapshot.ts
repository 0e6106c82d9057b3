// A copy of the built CLI taken when a benchmark starts, so that a rebuild during the run cannot mix
// two builds. The command is two bundles (dist/cli.js loads dist/cli-main.js from its own folder):
// both are copied, into a folder of their own.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';

const DIST = resolve(__dirname, '..', 'dist');
/** What `node dist/cli.js` needs beside it (resvg.wasm: `lineage --format png`). */
const FILES = ['cli.js', 'cli-main.js', 'resvg.wasm'];

/** Copies the CLI into `folder` (emptied first); returns the path of the copied entry. Throws when it is not built. */
export function snapshotCli(folder: string): string {
  if (!existsSync(join(DIST, 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const name of FILES) {
    const from = join(DIST, name);
    if (!existsSync(from)) continue;
    const before = digestOf(from);
    copyFileSync(from, join(folder, name));
    if (digestOf(join(folder, name)) !== before) throw new Error(`dist/${name} changed while it was copied: run again`);
  }
  return join(folder, 'cli.js');
}

function digestOf(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
