// `npm run demo`: the main job on examples/, as CI would run it.
//   1. lint the example workspace (it is clean);
//   2. draw its lineage (demo-out/lineage.svg, and the mermaid text for a PR comment);
//   3. breaking changes: a copy of examples/ in a new git repository, one commit, then a producer's
//      edit (a column removed, a decimal narrowed) checked with `pactline breaking --against HEAD`.
// Exits 1 when a step does not behave as described (lint not clean, no breaking finding).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const OUT = path.join(ROOT, 'demo-out');

function heading(text) {
  process.stdout.write(`\n\x1b[1m== ${text}\x1b[0m\n`);
}

function pactline(args, cwd = ROOT) {
  process.stdout.write(`$ pactline ${args.join(' ')}\n`);
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  process.stdout.write(run.stdout);
  process.stderr.write(run.stderr);
  return run.status;
}

function git(args, cwd) {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
}

let failed = false;

heading('1. lint the example workspace');
if (pactline(['lint', 'examples']) !== 0) failed = true;

heading('2. lineage');
fs.mkdirSync(OUT, { recursive: true });
if (pactline(['lineage', 'examples', '--output', path.join('demo-out', 'lineage.svg')]) !== 0) failed = true;
else process.stdout.write(`wrote demo-out/lineage.svg (open it in a browser)\n`);
pactline([
  'lineage',
  'examples',
  '--format',
  'mermaid',
  '--focus',
  'validated-commerce-cdc',
  '--upstream',
  '1',
  '--downstream',
  '1',
]);

heading('3. breaking changes against git');
const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'pactline-demo-'));
try {
  fs.cpSync(path.join(ROOT, 'examples'), repo, { recursive: true });
  git(['init', '-q', '-b', 'main'], repo);
  git(['add', '-A'], repo);
  git(['-c', 'user.name=demo', '-c', 'user.email=demo@example.com', 'commit', '-qm', 'examples'], repo);
  const file = path.join(repo, 'contracts', 'validated-commerce-cdc.odcs.yaml');
  const before = fs.readFileSync(file, 'utf8');
  const after = before
    // the producer drops customer_id from orders...
    .replace(
      / {6}- name: customer_id\n {8}logicalType: string\n {8}physicalType: string\n {8}required: true\n {8}classification: restricted\n {8}tags: \[pii, pseudonymous\]\n/,
      '',
    )
    // ...and narrows order_total
    .replace('physicalType: decimal(12,2)', 'physicalType: decimal(10,2)');
  if (after === before)
    throw new Error('the demo edit no longer applies to examples/contracts/validated-commerce-cdc.odcs.yaml');
  fs.writeFileSync(file, after);
  process.stdout.write(
    `(in a git copy of examples/: removed orders.customer_id, narrowed orders.order_total to decimal(10,2))\n`,
  );
  if (pactline(['breaking', '--against', 'HEAD'], repo) !== 1) failed = true;
} finally {
  fs.rmSync(repo, { recursive: true, force: true });
}

process.exit(failed ? 1 : 0);
