// The `pactline` command's entry (dist/cli.js): small, so that a `lint --cache` run with nothing
// changed answers without loading the engine (cli/cachedRun.ts). Everything else, and the worker
// threads of `lint --jobs`, is the full CLI (cli/main.ts, bundled as dist/cli-main.js).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { version } from '../../../package.json';
import { cachedLint } from './cachedRun';

function full(): { main(argv: string[]): number | Promise<number> } {
  const bundled = path.join(__dirname, 'cli-main.js');
  return require(fs.existsSync(bundled) ? bundled : path.join(__dirname, 'main'));
}

if (isMainThread) {
  const argv = process.argv.slice(2);
  const cached = argv[0] === 'lint' ? cachedLint(argv.slice(1), version) : undefined;
  if (cached !== undefined) process.exitCode = cached;
  else
    void Promise.resolve(full().main(argv)).then((code) => {
      process.exitCode = code;
    });
}
