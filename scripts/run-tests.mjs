// Runs every test/**/*.test.ts with node's test runner (Node 20 has no glob for --test).
// Extra arguments narrow the run: `npm test -- test/engine` or a file name fragment.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : find(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const filters = process.argv.slice(2);
const files = find('test')
  .map((f) => relative('.', f))
  .sort()
  .filter((f) => !filters.length || filters.some((x) => f.includes(x)));
if (!files.length) {
  console.error('No test files matched.');
  process.exit(1);
}
// The CLI keeps per-user caches (its compiled code, the lint cache's key) under $XDG_CACHE_HOME:
// the tests' CLI processes get a folder of this run's own, never the home of whoever runs them.
const cacheHome = mkdtempSync(join(tmpdir(), 'pactline-test-cache-'));
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, XDG_CACHE_HOME: cacheHome },
});
rmSync(cacheHome, { recursive: true, force: true });
process.exit(result.status ?? 1);
