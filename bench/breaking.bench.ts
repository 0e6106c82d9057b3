// Breaking-change benchmark: `pactline breaking --against HEAD~1` on a git repository of 10,000
// contracts, against the naive way (one `git show HEAD~1:<path>` process per file, then the same
// parse and comparison), in one run, as separate processes.
//
//   npm run build && nice -n 10 flock /tmp/pactline-bench.lock node --import tsx bench/breaking.bench.ts \
//        [--contracts 10000] [--properties 20] [--reps 5] [--naive-reps 1] [--regenerate]
//
// The repository (bench/out/breaking-repo, git-ignored) has two commits: HEAD~1 holds the generated
// workspace (bench/generate.ts: contracts, pipelines, products); HEAD changes 1% of the contracts
// (a property removed, a type changed, a column made required) and moves another 0.5% to another
// folder unchanged (moves are not changes). Both tools must report the same findings; the benchmark
// checks that before it times anything. A benchmark, not a test: it never fails on a figure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as jsYaml from 'js-yaml';
import { generate } from './generate';
import { snapshotCli } from './snapshot';
import { median } from './stats';

const REPO = resolve(__dirname, '..');
const OUT = join(REPO, 'bench/out');
const DIST_CLI = join(REPO, 'dist/cli.js');
/** The timed copy of the CLI (both bundles), taken at the start. */
const CLI_COPY = join(OUT, 'pactline-cli.breaking-snapshot');
const NAIVE_SRC = join(REPO, 'bench/breaking-naive.ts');
const NAIVE_JS = join(OUT, 'breaking-naive.js');
const RESULTS = join(OUT, 'breaking-results.json');

interface Options {
  contracts: number;
  properties: number;
  reps: number;
  naiveReps: number;
  regenerate: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { contracts: 10000, properties: 20, reps: 5, naiveReps: 1, regenerate: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const int = (min: number) => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < min) die(`${a} needs an integer >= ${min}`);
      return n;
    };
    if (a === '--contracts') o.contracts = int(10);
    else if (a === '--properties') o.properties = int(2);
    else if (a === '--reps') o.reps = int(1);
    else if (a === '--naive-reps') o.naiveReps = int(1);
    else if (a === '--regenerate') o.regenerate = true;
    else die(`unknown option ${a}`);
  }
  return o;
}

function die(message: string): never {
  console.error(`breaking.bench: ${message}`);
  process.exit(1);
}

const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: os.devNull,
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};
delete GIT_ENV.NODE_OPTIONS;

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) die(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

/** The repository: HEAD~1 = the generated workspace, HEAD = 1% changed, 0.5% moved. */
function prepare(o: Options): { dir: string; changed: number; moved: number; files: number; bytes: number } {
  const dir = join(OUT, 'breaking-repo');
  const stamp = join(OUT, 'breaking-repo.json');
  const key = JSON.stringify({ contracts: o.contracts, properties: o.properties, v: 1 });
  if (!o.regenerate && existsSync(stamp) && existsSync(join(dir, '.git'))) {
    const saved = JSON.parse(readFileSync(stamp, 'utf8'));
    if (saved.key === key) return saved.info;
  }
  const corpus = join(OUT, 'breaking-corpus');
  console.error(`generating ${o.contracts} contracts (${o.properties} properties each)...`);
  generate({
    out: corpus,
    contracts: o.contracts,
    properties: o.properties,
    bigProperties: 10,
    pipelines: 40,
    products: 30,
    mistakes: 0,
    seed: 42,
    verify: false,
    quiet: true,
  });
  rmSync(dir, { recursive: true, force: true });
  renameSync(join(corpus, 'workspace'), dir);
  rmSync(corpus, { recursive: true, force: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base: the generated workspace');

  const contracts = [...walk(join(dir, 'contracts'))].filter((f) => f.endsWith('.odcs.yaml')).sort();
  let bytes = 0;
  for (const f of walk(dir)) if (!f.includes(`${join(dir, '.git')}`)) bytes += readFileSync(f).length;
  let changed = 0;
  let moved = 0;
  contracts.forEach((file, i) => {
    if (i % 100 === 7) {
      // 1%: a change that breaks forward (a property removed), backward (made required) or both (a type changed).
      const doc = jsYaml.load(readFileSync(file, 'utf8')) as { schema: { properties: Record<string, unknown>[] }[] };
      const props = doc.schema[0].properties;
      const kind = changed % 3;
      if (kind === 0) props.splice(props.length - 1, 1);
      else if (kind === 1) props[props.length - 1].required = true;
      else props[1].logicalType = props[1].logicalType === 'string' ? 'boolean' : 'string';
      writeFileSync(file, jsYaml.dump(doc, { lineWidth: -1 }));
      changed++;
    } else if (i % 200 === 13) {
      const to = join(dir, 'contracts', 'moved', relative(join(dir, 'contracts'), file));
      mkdirSync(dirname(to), { recursive: true });
      renameSync(file, to);
      moved++;
    }
  });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'change 1% of the contracts, move 0.5%');
  const info = { dir, changed, moved, files: [...walk(dir)].filter((f) => !f.includes('/.git/')).length, bytes };
  writeFileSync(stamp, JSON.stringify({ key, info }));
  return info;
}

interface Run {
  ms: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

const CHILD_ENV: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
delete CHILD_ENV.NODE_OPTIONS;

function run(argv: string[], cwd: string): Run {
  const t = performance.now();
  const r = spawnSync(process.execPath, argv, { cwd, env: CHILD_ENV, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t;
  if (r.error) die(`${argv[0]} could not start: ${r.error.message}`);
  return { ms, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function findingsOf(json: string): string[] {
  const report = JSON.parse(json) as {
    findings: { rule: string; severity: string; file: string; change?: { path: string } }[];
  };
  return report.findings.map((f) => `${f.severity} ${f.rule} ${f.file} ${f.change?.path ?? ''}`).sort();
}

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(DIST_CLI)) die('dist/cli.js is missing: run `npm run build` first');
  mkdirSync(OUT, { recursive: true });
  const CLI = snapshotCli(CLI_COPY);

  const esbuild = require('esbuild') as typeof import('esbuild');
  esbuild.buildSync({
    entryPoints: [NAIVE_SRC],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: NAIVE_JS,
    logLevel: 'error',
  });

  const t0 = performance.now();
  const repo = prepare(o);
  console.error(
    `repository ready in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${repo.files} files, ${(repo.bytes / 1e6).toFixed(1)} MB; HEAD changes ${repo.changed} contracts and moves ${repo.moved}`,
  );

  const pactlineArgv = [CLI, 'breaking', '--against', 'HEAD~1', '--format', 'json', '--fail-on', 'none'];
  const naiveArgv = [NAIVE_JS, 'HEAD~1'];

  // Untimed warm-up of pactline (and its findings); the naive way runs `naiveReps` times (each is
  // minutes: one process per file) and must report the same findings.
  const first = run(pactlineArgv, repo.dir);
  if (first.status !== 0) die(`pactline breaking exited ${first.status}: ${first.stderr}`);
  const ours = findingsOf(first.stdout);
  const samples: Record<string, number[]> = { pactline: [], naive: [], naiveGit: [] };
  const naiveInner: { gitMs: number; compareMs: number }[] = [];
  const rounds = Math.max(o.reps, o.naiveReps);
  for (let r = 0; r < rounds; r++) {
    if (r < o.reps) samples.pactline.push(run(pactlineArgv, repo.dir).ms);
    if (r < o.naiveReps) {
      const n = run(naiveArgv, repo.dir);
      if (n.status !== 0) die(`the naive script exited ${n.status}: ${n.stderr}`);
      const theirs = findingsOf(n.stdout.slice(n.stdout.indexOf('{')));
      const same = JSON.stringify(ours) === JSON.stringify(theirs);
      console.error(`findings: pactline ${ours.length}, naive ${theirs.length}, ${same ? 'identical' : 'DIFFERENT'}`);
      if (!same) die('the two ways disagree');
      samples.naive.push(n.ms);
      const inner = JSON.parse(n.stderr.trim().split('\n').pop()!) as { gitMs: number; compareMs: number };
      naiveInner.push(inner);
      samples.naiveGit.push(inner.gitMs);
    }
    console.error(`round ${r + 1}/${rounds} done`);
  }

  const p = median(samples.pactline);
  const n = median(samples.naive);
  const g = median(samples.naiveGit);
  const cpu = os.cpus();
  console.log(
    `\nmachine: ${cpu.length} × ${cpu[0]?.model ?? '?'}, Node ${process.version}, ${spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout.trim()}`,
  );
  console.log(
    `repository: ${o.contracts} contracts (${o.properties} properties each) + pipelines and products, ${repo.files} files, ${(repo.bytes / 1e6).toFixed(1)} MB; HEAD~1 → HEAD changes ${repo.changed} contracts, moves ${repo.moved}; ${ours.length} findings\n`,
  );
  console.log('| way | runs | median | min | max |');
  console.log('|---|---:|---:|---:|---:|');
  const row = (label: string, xs: number[]) =>
    console.log(
      `| ${label} | ${xs.length} | ${(median(xs) / 1000).toFixed(2)} s | ${(Math.min(...xs) / 1000).toFixed(2)} s | ${(Math.max(...xs) / 1000).toFixed(2)} s |`,
    );
  row(
    '`pactline breaking --against HEAD~1` (ls-tree + one cat-file --batch, parse, compare, report)',
    samples.pactline,
  );
  row(
    `naive: one \`git show HEAD~1:<path>\` per file (${repo.files - repo.moved} processes), then the same parse and compare`,
    samples.naive,
  );
  row('naive, its git part alone (ls-tree + one `git show` per file, timed inside it)', samples.naiveGit);
  const inner = naiveInner.length
    ? { gitMs: median(naiveInner.map((x) => x.gitMs)), compareMs: median(naiveInner.map((x) => x.compareMs)) }
    : undefined;
  if (inner)
    console.log(
      `\ninside the naive run: git ${(inner.gitMs / 1000).toFixed(2)} s, parse + compare ${(inner.compareMs / 1000).toFixed(2)} s`,
    );
  console.log(
    `\nratio: naive / pactline = ${(n / p).toFixed(1)}×; the naive git part alone / pactline = ${(g / p).toFixed(1)}×`,
  );
  writeFileSync(
    RESULTS,
    JSON.stringify(
      { options: o, repo, samples, naiveInner, findings: ours.length, medians: { pactline: p, naive: n, naiveGit: g } },
      null,
      2,
    ),
  );
  console.error(`\nwritten: ${relative(REPO, RESULTS)}`);
}

main();
