// The CLI rows of the performance targets, each beside its anchor, in one run:
//
//   lint, cold (--jobs 1 and --jobs auto)     vs ajv-cli 5 on the same contracts
//   lint --cache, nothing changed              vs the cold lint
//   lint --cache, one contract changed         vs the cold lint
//   (--large DIR) lint of a large workspace: wall time and peak RSS; lineage --focus, cold
//
// Every tool runs as its own process (spawnSync of this node), the order rotating from round to
// round; wall time and the children's CPU time (/proc, Linux) are taken around it. A benchmark,
// not a test: it prints figures and ratios and the machine's load, and never fails on a number.
// The `breaking` row (10,000 contracts vs one `git show` per file) is bench/breaking.bench.ts.
//
//   node --import tsx bench/cli.bench.ts [--corpus DIR] [--reps 5] [--large DIR]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_OUT, generate, DEFAULTS, ODCS_SCHEMA } from './generate';
import { median } from './stats';

const REPO = resolve(__dirname, '..');
const CLI = join(REPO, 'dist', 'cli.js');
const AJV_BIN = join(REPO, 'bench/node_modules/.bin/ajv');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const reps = Math.max(3, Number(option('reps') ?? 5));
const corpus = resolve(option('corpus') ?? DEFAULT_OUT);
const large = option('large');
const workspace = join(corpus, 'workspace');

const CHILD_ENV: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
delete CHILD_ENV.NODE_OPTIONS;
// The cache's key lives in a folder of the benchmark's own, never in the user's.
const KEYS = mkdtempSync(join(tmpdir(), 'pactline-bench-keys-'));
CHILD_ENV.XDG_CACHE_HOME = KEYS;

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
function childrenCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[13]) + Number(f[14])) * 1000) / CLK_TCK;
  } catch {
    return NaN;
  }
}

interface Sample {
  ms: number;
  cpu: number;
}

function time(argv: string[], cwd: string): Sample & { status: number | null; stdout: string } {
  const c = childrenCpuMs();
  const t = performance.now();
  const r = spawnSync(process.execPath, argv, { cwd, env: CHILD_ENV, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t;
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return { ms, cpu: childrenCpuMs() - c, status: r.status, stdout: r.stdout };
}

/** Peak RSS of one run, from GNU time when it is installed. */
function peakRss(argv: string[], cwd: string): { ms: number; rssMb?: number } {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...argv], {
    cwd,
    env: CHILD_ENV,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - t;
  if (r.error) return { ms: time(argv, cwd).ms };
  const kb = Number(r.stderr.trim().split('\n').pop());
  return { ms, rssMb: Number.isFinite(kb) ? kb / 1024 : undefined };
}

if (!existsSync(CLI)) {
  console.error('bench/cli.bench.ts: build first (npm run build): dist/cli.js is missing');
  process.exit(1);
}
if (!existsSync(join(workspace, 'contracts'))) {
  console.log(`generating the corpus in ${corpus} …`);
  generate({ ...DEFAULTS, out: corpus, verify: false, quiet: true });
}

const cacheFile = join(KEYS, 'lint-cache');
const lint = (...extra: string[]) => [CLI, 'lint', '.', '--format', 'json', ...extra];
const cached = lint('--cache', '--cache-location', cacheFile);
const contracts = readdirSync(join(workspace, 'contracts'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.odcs.yaml'))
  .sort()
  .map((f) => join(workspace, 'contracts', f));
const changing = contracts[Math.floor(contracts.length / 2)];
const original = readFileSync(changing, 'utf8');

interface Row {
  label: string;
  prepare?: () => void;
  argv: string[];
  cleanup?: () => void;
}

const rows: Row[] = [
  { label: 'pactline lint (cold, --jobs 1)', argv: lint('--jobs', '1') },
  { label: 'pactline lint (cold, --jobs auto)', argv: lint('--jobs', 'auto') },
  {
    label: 'pactline lint --cache, nothing changed',
    prepare: () => void time(cached, workspace),
    argv: cached,
  },
  {
    label: 'pactline lint --cache, one contract changed',
    prepare: () => void time(cached, workspace),
    argv: cached,
    cleanup: () => writeFileSync(changing, original),
  },
];
// The one-file change is made after the cache is primed, and undone after the run.
const oneChanged = rows[3];
const prime = oneChanged.prepare!;
oneChanged.prepare = () => {
  prime();
  writeFileSync(changing, original + '# changed by bench/cli.bench.ts\n');
};
if (existsSync(AJV_BIN)) {
  rows.push({
    label: 'ajv-cli 5 (the contracts only)',
    argv: [
      realpathSync(AJV_BIN),
      'validate',
      '--spec=draft2019',
      '-c',
      'ajv-formats',
      '-s',
      ODCS_SCHEMA,
      '-d',
      join(workspace, '**/*.odcs.yaml'),
      '--errors=no',
    ],
  });
} else {
  console.log('ajv-cli is not installed (npm ci --prefix bench): its row is left out');
}

// The same report from every pactline row: checked once, untimed.
const reference = time(lint('--jobs', '1'), workspace).stdout;
for (const row of rows.slice(1, 4)) {
  row.prepare?.();
  const out = time(row.argv, workspace).stdout;
  row.cleanup?.();
  if (row !== oneChanged && out !== reference) console.log(`WARNING: ${row.label} printed another report`);
}

const loadStart = loadavg();
const samples = new Map<string, Sample[]>(rows.map((r) => [r.label, []]));
for (let round = 0; round < reps; round++) {
  for (let k = 0; k < rows.length; k++) {
    const row = rows[(round + k) % rows.length];
    row.prepare?.();
    samples.get(row.label)!.push(time(row.argv, workspace));
    row.cleanup?.();
  }
}
const loadEnd = loadavg();

const med = (label: string, key: keyof Sample) => median(samples.get(label)!.map((s) => s[key]));
const cold = med(rows[0].label, 'ms');
const ajv = samples.has('ajv-cli 5 (the contracts only)') ? med('ajv-cli 5 (the contracts only)', 'ms') : undefined;
console.log(
  `\n${contracts.length} contracts in ${workspace}; ${reps} runs per row, alternating; load average ` +
    `${loadStart.map((l) => l.toFixed(1)).join(' ')} at the start, ${loadEnd.map((l) => l.toFixed(1)).join(' ')} at the end\n`,
);
console.log('| row | median wall ms | median CPU ms | vs cold lint | vs ajv-cli |');
console.log('|---|---:|---:|---:|---:|');
for (const row of rows) {
  const ms = med(row.label, 'ms');
  const ratio = (x: number) => (x >= ms ? `${(x / ms).toFixed(2)}× faster` : `${(ms / x).toFixed(2)}× slower`);
  console.log(
    `| ${row.label} | ${ms.toFixed(0)} | ${med(row.label, 'cpu').toFixed(0)} | ${row === rows[0] ? '—' : ratio(cold)} | ${ajv === undefined || row.label.startsWith('ajv') ? '—' : ratio(ajv)} |`,
  );
}

if (large) {
  const ws = join(resolve(large), 'workspace');
  const lintRun = peakRss(lint('--jobs', '1'), ws);
  const jobsRun = peakRss(lint('--jobs', 'auto'), ws);
  const focus = /^id: (\S+)$/m.exec(
    readFileSync(
      join(
        ws,
        'contracts',
        readdirSync(join(ws, 'contracts'), { recursive: true, encoding: 'utf8' })
          .filter((f) => f.endsWith('.odcs.yaml'))
          .sort()[0],
      ),
      'utf8',
    ),
  )?.[1];
  const lineageRun = peakRss([CLI, 'lineage', '.', '--format', 'json', '--focus', focus ?? ''], ws);
  const mb = (r: { rssMb?: number }) => (r.rssMb === undefined ? '?' : r.rssMb.toFixed(0));
  console.log(`\nlarge workspace ${ws} (one run each; load average ${loadavg()[0].toFixed(1)}):\n`);
  console.log('| command | wall s | peak RSS MB | target |');
  console.log('|---|---:|---:|---|');
  console.log(`| pactline lint --jobs 1 | ${(lintRun.ms / 1000).toFixed(1)} | ${mb(lintRun)} | ≤ 4 s, ≤ 400 MB |`);
  console.log(`| pactline lint --jobs auto | ${(jobsRun.ms / 1000).toFixed(1)} | ${mb(jobsRun)} | ≤ 4 s, ≤ 400 MB |`);
  console.log(
    `| pactline lineage --focus ${focus} | ${(lineageRun.ms / 1000).toFixed(1)} | ${mb(lineageRun)} | ≤ 3 s |`,
  );
}
writeFileSync(changing, original);
rmSync(KEYS, { recursive: true, force: true });
