// Lint benchmark: `pactline lint` against ajv-cli 5 and the naive parse-and-validate baselines of
// ../shared/spec/PERFORMANCE.md, on the same generated files, in one run, as separate processes, tools alternating.
//
//   npm run build && node --import tsx bench/lint.bench.ts [--reps 10] [--warmup 2] [--corpus DIR]
//        [--regenerate] [--mistakes K] [--only corpus|big] [--no-pactline]
//
// Prints a table (median / p95 wall time in ms per tool and scenario, ratio to Pactline) and the
// machine, and writes everything to bench/out/lint-results.json. A benchmark, not a test: it never
// fails on a figure. It exits 1 only when it cannot run (no dist/cli.js, no ajv-cli, a tool crashed).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULTS, DEFAULT_OUT, generate, type Manifest, ODCS_SCHEMA } from './generate';
import { snapshotCli } from './snapshot';
import { median, p95 } from './stats';

const REPO = resolve(__dirname, '..');
const OUT = join(REPO, 'bench/out');
const DIST_CLI = join(REPO, 'dist/cli.js');
/** The timed copy of the CLI (both bundles), taken at the start: other people's rebuilds during a run must not mix two builds. */
const CLI_COPY = join(REPO, 'bench/out/pactline-cli.snapshot');
const CLI = join(CLI_COPY, 'cli.js');
// ajv-cli is installed by `npm run bench` into bench/node_modules (bench/package.json), not by the root install
const AJV_BIN = join(REPO, 'bench/node_modules/.bin/ajv');
const BASELINE_SRC = join(REPO, 'bench/baseline-validate.ts');
const BASELINE_JS = join(OUT, 'baseline-validate.js');
const RESULTS = join(OUT, 'lint-results.json');

/** ../shared/spec/PERFORMANCE.md's figures for the same commands (2 vCPU, Node 20): for orientation only, other machine. */
const REFERENCE_MS: Record<string, Record<string, number>> = {
  corpus: { 'ajv-cli': 763, 'baseline-yaml': 2412, 'baseline-js-yaml': 631 },
  big: {},
};

interface Options {
  reps: number;
  warmup: number;
  corpus: string;
  regenerate: boolean;
  mistakes: number;
  only?: string;
  pactline: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { reps: 10, warmup: 2, corpus: DEFAULT_OUT, regenerate: false, mistakes: 0, pactline: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const int = (min: number) => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < min) die(`${a} needs an integer >= ${min}`);
      return n;
    };
    if (a === '--reps') o.reps = int(5);
    else if (a === '--warmup') o.warmup = int(0);
    else if (a === '--corpus') o.corpus = resolve(argv[++i]);
    else if (a === '--regenerate') o.regenerate = true;
    else if (a === '--mistakes') o.mistakes = int(0);
    else if (a === '--only') o.only = argv[++i];
    else if (a === '--no-pactline') o.pactline = false;
    else if (a === '-h' || a === '--help') {
      console.log(
        'usage: node --import tsx bench/lint.bench.ts [--reps N>=5] [--warmup N] [--corpus DIR] [--regenerate] [--mistakes K] [--only corpus|big] [--no-pactline]',
      );
      process.exit(0);
    } else die(`unknown option ${a}`);
  }
  return o;
}

function die(msg: string): never {
  console.error(`lint.bench: ${msg}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------

interface Tool {
  key: string;
  label: string;
  /** Displayed command (paths relative to the repository). */
  display: string;
  argv: string[];
  /** Reads the baseline's JSON line from stdout. */
  json?: boolean;
}

interface Run {
  ms: number;
  cpuMs: number | null;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** CPU time (user + system, ms) of this process's finished children, from /proc (Linux only). Less
 * sensitive than wall time to other load on a shared machine; 10 ms resolution. */
const CLK_TCK = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(r.stdout) || 100;
})();
function childrenCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // f[0] is field 3 (state)
    return ((Number(f[13]) + Number(f[14])) * 1000) / CLK_TCK; // cutime + cstime
  } catch {
    return null;
  }
}

const CHILD_ENV: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
delete CHILD_ENV.NODE_OPTIONS; // tsx or a debugger must not leak into the measured processes
delete CHILD_ENV.FORCE_COLOR;

function run(tool: Tool): Run {
  const c = childrenCpuMs();
  const t = performance.now();
  const r = spawnSync(process.execPath, tool.argv, {
    cwd: REPO,
    env: CHILD_ENV,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', tool.json ? 'pipe' : 'ignore', 'pipe'],
  });
  const ms = performance.now() - t;
  const c2 = childrenCpuMs();
  if (r.error) die(`${tool.label} could not start: ${r.error.message}`);
  return {
    ms,
    cpuMs: c === null || c2 === null ? null : c2 - c,
    status: r.status,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
  };
}

const rel = (p: string) => relative(REPO, p) || '.';

function tools(scenario: 'corpus' | 'big', target: string, glob: string, withPactline: boolean): Tool[] {
  const ajv = realpathSync(AJV_BIN); // bench/node_modules/ajv-cli/dist/index.js, run with this node
  const list: Tool[] = [];
  if (withPactline)
    list.push({
      key: 'pactline',
      label: 'pactline lint',
      display: `node dist/cli.js lint ${rel(target)} --format json --output /dev/null`,
      argv: [CLI, 'lint', target, '--format', 'json', '--output', '/dev/null'],
    });
  list.push({
    key: 'ajv-cli',
    label: 'ajv-cli 5',
    display: `bench/node_modules/.bin/ajv validate --spec=draft2019 -c ajv-formats -s <odcs-3.1.0.json> -d '${rel(glob)}' --errors=no`,
    argv: [ajv, 'validate', '--spec=draft2019', '-c', 'ajv-formats', '-s', ODCS_SCHEMA, '-d', glob, '--errors=no'],
  });
  for (const parser of ['yaml', 'js-yaml'])
    list.push({
      key: `baseline-${parser}`,
      label: `read + ${parser === 'yaml' ? 'yaml.parse' : 'js-yaml'} + Ajv2019`,
      display: `node bench/out/baseline-validate.js --parser ${parser} --schema <odcs-3.1.0.json> ${rel(target)}`,
      argv: [BASELINE_JS, '--parser', parser, '--schema', ODCS_SCHEMA, target],
      json: true,
    });
  void scenario;
  return list;
}

// ---------------------------------------------------------------------------------------------

const r0 = (x: number) => Math.round(x);
const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

interface ToolResult {
  key: string;
  label: string;
  command: string;
  samplesMs: number[];
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  meanMs: number;
  /** CPU time (user + system) of the process, ms: median and all samples. */
  cpuMedianMs: number | null;
  cpuSamplesMs: Array<number | null>;
  exitCodes: number[];
  /** Baselines only: medians of their own in-process split. */
  inProcess?: { parseMs: number; validateMs: number; compileMs: number; readMs: number };
  referenceMs?: number;
  /** other / pactline on the median: > 1 means Pactline is faster. */
  ratioToPactline?: number;
  /** The same on the CPU-time medians. */
  cpuRatioToPactline?: number;
}

function bench(scenario: 'corpus' | 'big', list: Tool[], o: Options): ToolResult[] {
  const samples = new Map<string, Run[]>(list.map((t) => [t.key, []]));
  const rounds = o.warmup + o.reps;
  for (let round = 0; round < rounds; round++) {
    // Alternate the tools and rotate who goes first, so drift and cache effects spread over all.
    const order = list.map((_, i) => list[(i + round) % list.length]);
    for (const tool of order) {
      const res = run(tool);
      if (res.status !== 0 && res.status !== 1)
        die(`${tool.label} exited ${res.status} on ${scenario}:\n${res.stderr.slice(0, 2000)}`);
      if (round >= o.warmup) samples.get(tool.key)!.push(res);
    }
    if (process.stderr.isTTY)
      process.stderr.write(
        `\r  ${scenario}: ${round < o.warmup ? `warm-up ${round + 1}/${o.warmup}` : `round ${round - o.warmup + 1}/${o.reps}`}   `,
      );
  }
  process.stderr.write(
    process.stderr.isTTY ? '\n' : `  ${scenario}: ${o.warmup} warm-up + ${o.reps} timed rounds done\n`,
  );
  return list.map((tool) => {
    const runs = samples.get(tool.key)!;
    const ms = runs.map((r) => r.ms);
    const sorted = [...ms].sort((a, b) => a - b);
    const res: ToolResult = {
      key: tool.key,
      label: tool.label,
      command: tool.display,
      samplesMs: ms.map(r1),
      medianMs: r1(median(ms)),
      p95Ms: r1(p95(ms)),
      minMs: r1(sorted[0]),
      maxMs: r1(sorted[sorted.length - 1]),
      meanMs: r1(ms.reduce((a, b) => a + b, 0) / ms.length),
      exitCodes: [...new Set(runs.map((r) => r.status ?? -1))],
      cpuSamplesMs: runs.map((r) => r.cpuMs),
      cpuMedianMs: runs.every((r) => r.cpuMs !== null) ? r0(median(runs.map((r) => r.cpuMs!))) : null,
    };
    if (tool.json) {
      const parsed = runs.map((r) => JSON.parse(r.stdout.trim().split('\n').pop() || '{}'));
      res.inProcess = {
        parseMs: r1(median(parsed.map((p) => p.parseMs))),
        validateMs: r1(median(parsed.map((p) => p.validateMs))),
        compileMs: r1(median(parsed.map((p) => p.compileMs))),
        readMs: r1(median(parsed.map((p) => p.readMs))),
      };
    }
    if (REFERENCE_MS[scenario][tool.key]) res.referenceMs = REFERENCE_MS[scenario][tool.key];
    return res;
  });
}

/** One untimed run of each tool: what does each report on these files? */
function check(scenario: 'corpus' | 'big', list: Tool[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const tool of list) {
    if (tool.key === 'pactline') {
      const report = join(OUT, `pactline-report-${scenario}.json`);
      const argv = tool.argv.map((a) => (a === '/dev/null' ? report : a));
      const r = run({ ...tool, argv });
      if (r.status !== 0 && r.status !== 1)
        die(`pactline exited ${r.status} on ${scenario}:\n${r.stderr.slice(0, 2000)}`);
      const json = JSON.parse(readFileSync(report, 'utf8'));
      const byRule: Record<string, number> = {};
      for (const f of json.findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
      out[tool.key] = {
        exitCode: r.status,
        summary: json.summary,
        findingsByRule: byRule,
        report: rel(report),
        firstFindings: json.findings
          .slice(0, 5)
          .map(
            (f: {
              rule: string;
              file: string;
              range: { start: { line: number; column: number } };
              message: string;
            }) => ({
              rule: f.rule,
              file: f.file,
              at: `${f.range.start.line}:${f.range.start.column}`,
              message: f.message,
            }),
          ),
      };
    } else if (tool.json) {
      const r = run(tool);
      out[tool.key] = { exitCode: r.status, ...JSON.parse(r.stdout.trim().split('\n').pop() || '{}') };
    } else {
      const r = run({ ...tool, json: true, argv: tool.argv.map((a) => (a === '--errors=no' ? '--errors=line' : a)) });
      const lines = r.stdout.split('\n').filter((l) => l.endsWith(' valid')).length;
      const bad = r.stderr.split('\n').filter((l) => l.endsWith(' invalid'));
      out[tool.key] = { exitCode: r.status, valid: lines, invalid: bad.length, firstInvalid: bad.slice(0, 5) };
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

function ensureCorpus(o: Options): Manifest {
  const manifestFile = join(o.corpus, 'manifest.json');
  const want = { ...DEFAULTS, out: o.corpus, mistakes: o.mistakes };
  if (!o.regenerate && existsSync(manifestFile)) {
    const m = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    const same = (Object.keys(m.options) as Array<keyof Manifest['options']>).every((k) => m.options[k] === want[k]);
    if (same && existsSync(m.big) && existsSync(m.contractsDir)) return m;
  }
  console.error(`generating the corpus in ${rel(o.corpus)} …`);
  return generate(want);
}

function bundleBaseline(): void {
  const esbuild = require('esbuild');
  mkdirSync(OUT, { recursive: true });
  esbuild.buildSync({
    entryPoints: [BASELINE_SRC],
    outfile: BASELINE_JS,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
}

function fileId(file: string) {
  return {
    sha256: createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16),
    mtime: statSync(file).mtime.toISOString(),
  };
}

function snapshotDist() {
  const id = fileId(DIST_CLI);
  try {
    snapshotCli(CLI_COPY);
  } catch (error) {
    die((error as Error).message);
  }
  return id;
}

function gitHead(): string | null {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    availableParallelism: os.availableParallelism?.() ?? cpus.length,
    cpu: cpus[0]?.model.trim(),
    memoryGB: r1(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadavg: os.loadavg().map(r2),
  };
}

function versions() {
  const v = (p: string, dir = 'node_modules') => {
    try {
      return JSON.parse(readFileSync(join(REPO, dir, p, 'package.json'), 'utf8')).version;
    } catch {
      return null;
    }
  };
  let pactline: string | null = null;
  if (existsSync(CLI)) {
    const r = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8', env: CHILD_ENV });
    pactline = r.status === 0 ? r.stdout.trim() : null;
  }
  return {
    pactline,
    gitHead: gitHead(),
    'ajv-cli': v('ajv-cli', 'bench/node_modules'),
    ajv: v('ajv'),
    'ajv (in ajv-cli)': v('ajv', 'bench/node_modules'),
    'ajv-formats': v('ajv-formats'),
    yaml: v('yaml'),
    'js-yaml': v('js-yaml'),
    'js-yaml (in ajv-cli)': v('js-yaml', 'bench/node_modules'),
  };
}

function ratioText(r: number, other: string): string {
  if (!Number.isFinite(r)) return '';
  return r >= 1
    ? `pactline is ${r.toFixed(2)}× faster than ${other}`
    : `pactline is ${(1 / r).toFixed(2)}× slower than ${other}`;
}

function printTable(title: string, results: ToolResult[]): void {
  const rows = results.map((t) => [
    t.label,
    String(r0(t.medianMs)),
    String(r0(t.p95Ms)),
    t.cpuMedianMs === null ? '' : String(t.cpuMedianMs),
    t.inProcess
      ? `parse ${r0(t.inProcess.parseMs)} / validate ${r0(t.inProcess.validateMs)} / compile ${r0(t.inProcess.compileMs)}`
      : '',
    t.referenceMs ? String(t.referenceMs) : '',
    t.key === 'pactline' ? '—' : t.ratioToPactline !== undefined ? ratioText(t.ratioToPactline, t.label) : '',
  ]);
  const head = [
    'tool',
    'median ms',
    'p95 ms',
    'cpu ms',
    'in-process split (median ms)',
    'PERFORMANCE.md ms',
    'ratio (median)',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 || i === 2 || i === 3 || i === 5 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ');
  console.log(`\n${title}`);
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  if (o.pactline && !existsSync(DIST_CLI))
    die('dist/cli.js not found: run `npm run build` first (or pass --no-pactline to time only the baselines).');
  if (!existsSync(AJV_BIN))
    die(
      'bench/node_modules/.bin/ajv not found: run `npm ci --prefix bench` (ajv-cli@5 is in bench/package.json; `npm run bench` installs it).',
    );
  if (!existsSync(ODCS_SCHEMA)) die(`the official ODCS v3.1.0 schema is not at ${ODCS_SCHEMA}`);

  const m = ensureCorpus(o);
  bundleBaseline();
  const cliAtStart = o.pactline ? snapshotDist() : null;
  const started = new Date().toISOString();
  const mach = machine();
  const vers = versions();
  console.log(
    `machine: ${mach.cores} cores (${mach.cpu}), ${mach.memoryGB} GB, node ${mach.node}, ${mach.platform}, load ${mach.loadavg.join(' ')}`,
  );
  console.log(
    `versions: ${Object.entries(vers)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  console.log(
    `corpus: ${m.files.contracts} contracts × ${m.options.properties} properties (${r2(m.contracts.bytes / 1e6)} MB, ${m.contracts.lines} lines) + ${m.files.pipelines} pipelines + ${m.files.products} products, ${m.mistakes.length} deliberate mistakes; big: ${m.bigContract.properties} properties (${r2(m.bigContract.bytes / 1e6)} MB, ${m.bigContract.lines} lines)`,
  );
  console.log(
    `runs: ${o.warmup} warm-up + ${o.reps} timed per tool and scenario, separate processes, tools alternating; p95 = nearest rank (with 10 runs: the slowest)`,
  );

  const scenarios: Array<{ key: 'corpus' | 'big'; title: string; target: string; glob: string }> = [
    {
      key: 'corpus',
      title: `CI: ${m.files.contracts} contracts × ${m.options.properties} properties (+ ${m.files.pipelines} pipelines, ${m.files.products} products for Pactline)`,
      target: m.workspace,
      glob: join(m.workspace, '**/*.odcs.yaml'),
    },
    {
      key: 'big',
      title: `one contract with ${m.bigContract.properties} properties (${m.bigContract.lines} lines)`,
      target: m.big,
      glob: m.big,
    },
  ];
  const results: Record<string, unknown> = {};
  for (const s of scenarios) {
    if (o.only && o.only !== s.key) continue;
    const list = tools(s.key, s.target, s.glob, o.pactline);
    console.error(`${s.key}: checking what each tool reports …`);
    const findings = check(s.key, list);
    const res = bench(s.key, list, o);
    const pl = res.find((t) => t.key === 'pactline');
    if (pl)
      for (const t of res)
        if (t !== pl) {
          t.ratioToPactline = r2(t.medianMs / pl.medianMs);
          if (t.cpuMedianMs && pl.cpuMedianMs) t.cpuRatioToPactline = r2(t.cpuMedianMs / pl.cpuMedianMs);
        }
    printTable(s.title, res);
    if (pl)
      for (const t of res)
        if (t !== pl)
          console.log(
            `  ${ratioText(t.ratioToPactline!, t.label)} (median ${r0(pl.medianMs)} vs ${r0(t.medianMs)} ms; p95 ${r0(pl.p95Ms)} vs ${r0(t.p95Ms)} ms${t.cpuRatioToPactline ? `; cpu ${pl.cpuMedianMs} vs ${t.cpuMedianMs} ms: ${t.cpuRatioToPactline.toFixed(2)}` : ''})`,
          );
    const pf = findings.pactline as
      | { summary?: { files: number; errors: number; warnings: number; infos: number }; firstFindings?: unknown[] }
      | undefined;
    if (pf?.summary) {
      console.log(
        `  pactline: ${pf.summary.files} files, ${pf.summary.errors} errors, ${pf.summary.warnings} warnings, ${pf.summary.infos} infos`,
      );
      if ((pf.summary.errors || pf.summary.warnings) && !m.mistakes.length) {
        const ajvOk = (findings['ajv-cli'] as { exitCode: number }).exitCode === 0;
        console.log(
          `  NOTE: findings on a corpus without deliberate mistakes; ajv-cli with the official schema says ${ajvOk ? 'every contract is valid' : 'some contracts are invalid'}. First findings:`,
        );
        for (const f of pf.firstFindings ?? []) console.log(`    ${JSON.stringify(f)}`);
      }
    }
    const aj = findings['ajv-cli'] as { valid: number; invalid: number };
    console.log(`  ajv-cli: ${aj.valid} valid, ${aj.invalid} invalid`);
    results[s.key] = { title: s.title, target: rel(s.target), findings, tools: res };
  }

  const doc = {
    benchmark: 'bench/lint.bench.ts',
    started,
    finished: new Date().toISOString(),
    machine: { ...mach, loadavgAtEnd: os.loadavg().map(r2) },
    versions: vers,
    method: {
      warmup: o.warmup,
      reps: o.reps,
      alternating: true,
      separateProcesses: true,
      wall: 'performance.now() around spawnSync',
      cpu: 'user+sys of the child from /proc/self/stat cutime+cstime',
      p95: 'nearest rank',
    },
    corpus: {
      dir: rel(o.corpus),
      ...m,
      workspace: rel(m.workspace),
      contractsDir: rel(m.contractsDir),
      big: rel(m.big),
    },
    schema: ODCS_SCHEMA,
    scenarios: results,
  };
  const cliAtEnd = o.pactline ? fileId(DIST_CLI) : null;
  if (cliAtStart && cliAtEnd && cliAtStart.sha256 !== cliAtEnd.sha256)
    console.log(
      `\nnote: dist/cli.js was rebuilt during the run (${cliAtEnd.mtime}); the figures are for the snapshot taken at the start (${cliAtStart.mtime}).`,
    );
  (doc as Record<string, unknown>).pactlineBuild = { timed: rel(CLI), distAtStart: cliAtStart, distAtEnd: cliAtEnd };
  mkdirSync(OUT, { recursive: true });
  writeFileSync(RESULTS, JSON.stringify(doc, null, 2) + '\n');
  console.log(`\nresults written to ${rel(RESULTS)}`);
}

main();
