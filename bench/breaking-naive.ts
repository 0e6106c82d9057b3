// The naive way to compare a workspace with an older commit, for bench/breaking.bench.ts: one
// `git ls-tree` to list the files, then ONE `git show REF:<path>` PROCESS PER FILE (what a shell loop
// or a tool that shells out per file does), then the same engine parse and comparison Pactline runs.
// Prints the JSON report's findings on stdout and
// `{"gitMs":…,"compareMs":…}` on stderr.
//
//   node bench/out/breaking-naive.js REF      (bundled by the benchmark; run in the repository)
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { DEFAULT_CONFIG } from '../server/src/engine/config';
import { breakingDiagnostics, parseBaseFiles } from '../server/src/engine/breaking';
import { LanguageService } from '../server/src/engine/service';
import { isYamlPath } from '../server/src/engine/kinds';
import { findYamlFiles } from '../server/src/cli/files';
import * as fs from 'node:fs';

const ref = process.argv[2];
const t0 = performance.now();
const listed = spawnSync('git', ['ls-tree', '-r', '-z', '--name-only', ref], {
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
});
if (listed.status !== 0) throw new Error(listed.stderr);
const base: { path: string; bytes: Uint8Array }[] = [];
for (const file of listed.stdout.split('\0')) {
  if (!file || !isYamlPath(file)) continue;
  const shown = spawnSync('git', ['show', `${ref}:${file}`], { maxBuffer: 64 * 1024 * 1024 });
  if (shown.status !== 0) throw new Error(String(shown.stderr));
  base.push({ path: file, bytes: shown.stdout });
}
const gitMs = performance.now() - t0;

const t1 = performance.now();
const service = new LanguageService({ config: DEFAULT_CONFIG });
for (const file of findYamlFiles(['.'], process.cwd(), DEFAULT_CONFIG).files)
  service.setDocumentBytes(file.relative, fs.readFileSync(file.absolute));
const byFile = breakingDiagnostics(service, parseBaseFiles(base, DEFAULT_CONFIG), { baseLabel: ref });
const SEVERITY = ['', 'error', 'warning', 'info', 'info'];
const findings = [...byFile].flatMap(([file, list]) =>
  list.map((f) => ({
    rule: f.code,
    severity: SEVERITY[f.severity ?? 1],
    file,
    change: (f.data as { change?: unknown } | undefined)?.change,
  })),
);
const compareMs = performance.now() - t1;
process.stdout.write(JSON.stringify({ findings }) + '\n');
process.stderr.write(JSON.stringify({ gitMs, compareMs }) + '\n');
