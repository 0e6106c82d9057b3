// The `pactline` command's entry (dist/cli.js): small, so that a `lint --cache` run with nothing
// changed answers without loading the engine (cli/cachedRun.ts). Everything else, and the worker
// threads of `lint --jobs`, is the full CLI (cli/main.ts, bundled as dist/cli-main.js), loaded
// with a V8 code cache (cli/codeCache.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { version } from '../../../package.json';
import { cachedLint } from './cachedRun';
import { loadWithCodeCache } from './codeCache';

type Main = { main(argv: string[]): number | Promise<number> };

function full(command: string): Main {
  const bundled = path.join(__dirname, 'cli-main.js');
  if (!fs.existsSync(bundled)) return require(path.join(__dirname, 'main')) as Main;
  return loadWithCodeCache<Main>(bundled, command).exports;
}

if (isMainThread) {
  const argv = process.argv.slice(2);
  const cached = argv[0] === 'lint' ? cachedLint(argv.slice(1), version) : undefined;
  if (cached !== undefined) process.exitCode = cached;
  else
    void Promise.resolve(full(argv[0] ?? '').main(argv)).then((code) => {
      process.exitCode = code;
    });
}
