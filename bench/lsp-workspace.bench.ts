// The language server on a company-sized workspace: 10,000 contracts, 500 pipelines, 100 products,
// one contract read by 200 pipelines. Prints each figure next to its target (issue 14); never fails
// on a number (../shared/spec/PERFORMANCE.md: compare within one run, quote the machine's load).
//
//   npm run build && node --import tsx bench/lsp-workspace.bench.ts [--contracts 10000] [--pipelines 500]
//        [--products 100] [--hot-readers 200] [--edits 20] [--open-readers 3] [--regenerate] [--pull]
//        [--cli OTHER_BUILD_CLI]  (another build, e.g. a copy of an older dist/, run the same way)
//
// The workspace comes from bench/generate.ts (`--hot-readers`: one raw contract that many pipelines
// also read), generated once into bench/out/lsp-workspace/corpus and kept while the options match.
// Driving the real server (`node dist/cli.js lsp --stdio`) over stdio:
// - ready: from spawning the server to the first diagnostics of the shared contract, opened right after
//   `initialize` (the server indexes the whole workspace first), and when the indexing progress ended;
// - memory: the server's RSS once the open documents have their diagnostics, and its peak (VmHWM);
// - edits of the shared contract (drop the last letter of a `logicalType` value, then put it back):
//   from didChange to its diagnostics showing the new state, the server's CPU time per edit, and what
//   the other open documents (pipelines that read it, one that does not, another contract) were sent
//   meanwhile: publications, and how many repeated what the document already showed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DEFAULTS, generate, type Manifest } from './generate';
import { LspClient, type Position, type PublishDiagnosticsParams } from '../test/lsp/client';
import { median, p95 } from './stats';

const REPO = resolve(__dirname, '..');
const OUT = join(REPO, 'bench/out/lsp-workspace');
const CORPUS = join(OUT, 'corpus');

interface Options {
  contracts: number;
  pipelines: number;
  products: number;
  hotReaders: number;
  edits: number;
  openReaders: number;
  regenerate: boolean;
  /** Pull diagnostics (textDocument/diagnostic, as VS Code does) instead of having them pushed. */
  pull: boolean;
  /** Another build of the CLI (a copy of an older dist/), to compare builds within one run. */
  cli?: string;
}

function parseOptions(argv: string[]): Options {
  const o: Options = {
    contracts: 10_000,
    pipelines: 500,
    products: 100,
    hotReaders: 200,
    edits: 20,
    openReaders: 3,
    regenerate: false,
    pull: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=');
    const value = () => Number(inline ?? argv[++i]);
    switch (flag) {
      case '--contracts':
        o.contracts = value();
        break;
      case '--pipelines':
        o.pipelines = value();
        break;
      case '--products':
        o.products = value();
        break;
      case '--hot-readers':
        o.hotReaders = value();
        break;
      case '--edits':
        o.edits = Math.max(4, value());
        break;
      case '--open-readers':
        o.openReaders = value();
        break;
      case '--regenerate':
        o.regenerate = true;
        break;
      case '--pull':
        o.pull = true;
        break;
      case '--cli':
        o.cli = resolve(inline ?? argv[++i]);
        break;
      default:
        throw new Error(`unknown option ${argv[i]}`);
    }
  }
  return o;
}

function corpus(o: Options): Manifest {
  const want = {
    ...DEFAULTS,
    out: CORPUS,
    contracts: o.contracts,
    pipelines: o.pipelines,
    products: o.products,
    hotReaders: o.hotReaders,
    bigProperties: 2,
    verify: false,
  };
  const file = join(CORPUS, 'manifest.json');
  if (!o.regenerate && existsSync(file)) {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    const have = manifest.options;
    if (
      have.contracts === want.contracts &&
      have.pipelines === want.pipelines &&
      have.products === want.products &&
      have.hotReaders === want.hotReaders &&
      have.properties === want.properties &&
      have.seed === want.seed
    )
      return manifest;
  }
  process.stdout.write('generating the workspace... ');
  const started = Date.now();
  const manifest = generate(want);
  console.log(`${((Date.now() - started) / 1000).toFixed(0)} s`);
  return manifest;
}

function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: NaN, peakMb: NaN };
  }
}

const onLine = (p: PublishDiagnosticsParams, line: number) =>
  p.diagnostics.some((d) => d.range.start.line <= line && d.range.end.line >= line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  if (!existsSync(o.cli ?? join(REPO, 'dist/cli.js')))
    throw new Error('dist/cli.js is missing: run `npm run build` first');
  const manifest = corpus(o);
  if (!manifest.hot) throw new Error('the workspace has no shared contract (--hot-readers 0)');
  const ws = manifest.workspace;
  const hotFile = join(CORPUS, manifest.hot.file);
  const readers = manifest.hot.readers.map((f) => join(CORPUS, f));
  console.log(`# Language server on a large workspace: ${new Date().toISOString()}`);
  if (o.cli) console.log(`server: ${o.cli}`);
  console.log(
    `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `workspace: ${manifest.files.contracts} contracts (${(manifest.contracts.bytes / 1e6).toFixed(1)} MB), ${manifest.files.pipelines} pipelines, ` +
      `${manifest.files.products} products; \`${manifest.hot.contract}\` is read by ${readers.length} pipelines`,
  );

  const started = performance.now();
  const client = await LspClient.start({
    entry: o.cli ? { command: process.execPath, args: [o.cli, 'lsp', '--stdio'] } : 'cli',
    workspace: ws,
    pull: o.pull,
  });
  /** Pull mode: the document's diagnostics as the server answers a pull (it waits for the current version). */
  const pulled = async (uri: string): Promise<{ diagnostics: PublishDiagnosticsParams['diagnostics']; at: number }> => {
    const report = (await client.request('textDocument/diagnostic', { textDocument: { uri } })) as {
      items?: PublishDiagnosticsParams['diagnostics'];
    };
    return { diagnostics: report.items ?? [], at: performance.now() };
  };
  try {
    let indexedAt = NaN;
    void client.waitForIndexed(1, 600_000).then(() => (indexedAt = performance.now()));
    const hot = client.open(hotFile);
    const first = o.pull
      ? await pulled(hot)
      : await client.waitForDiagnosticsTimed(hot, { after: 0, timeoutMs: 600_000 });
    const readyMs = first.at - started;
    await client.waitForIndexed(1, 600_000);
    const indexedMs = indexedAt - started;

    // The other open documents: pipelines reading the shared contract, one that does not, another contract.
    const others = new Map<string, string>();
    for (const f of readers.slice(0, o.openReaders)) others.set(f, 'reader');
    const unrelated = readdirSync(join(ws, 'pipelines')).find((f) => !readers.includes(join(ws, 'pipelines', f)));
    if (unrelated) others.set(join(ws, 'pipelines', unrelated), 'unrelated pipeline');
    const hotDir = dirname(hotFile);
    const otherContract = readdirSync(hotDir)
      .map((f) => join(hotDir, f))
      .find((f) => f !== hotFile);
    if (otherContract) others.set(otherContract, 'other contract');
    const otherUris = new Map<string, string>();
    for (const [file, role] of others) {
      const mark = client.published.length;
      const uri = client.open(file);
      otherUris.set(uri, role);
      if (o.pull) await pulled(uri);
      else await client.waitForDiagnosticsTimed(uri, { after: mark, timeoutMs: 120_000 });
    }
    await sleep(2000);
    const memory = memoryOf(client.child.pid!);
    const last = (uri: string) => client.published.filter((p) => p.uri === uri).pop();
    const findings = o.pull
      ? await Promise.all([hot, ...otherUris.keys()].map(async (u) => (await pulled(u)).diagnostics.length))
      : [hot, ...otherUris.keys()].map((u) => last(u)?.diagnostics.length ?? 0);

    // Edits of the shared contract.
    const lines = client.text(hot).split('\n');
    const places: { line: number; column: number; value: string }[] = [];
    lines.forEach((l, i) => {
      const m = /^(\s+logicalType: )([a-z]{4,})$/.exec(l);
      if (m) places.push({ line: i, column: m[1].length, value: m[2] });
    });
    const edit: number[] = [];
    let sentToOthers = 0;
    let repeated = 0;
    let refreshed = 0;
    const cpuBefore = cpuMsOf(client.child.pid!);
    for (let k = 0; k < o.edits / 2; k++) {
      const place = places[k % places.length];
      const dropped: Position = { line: place.line, character: place.column + place.value.length - 1 };
      for (const step of ['introduce', 'fix'] as const) {
        const before = new Map([...otherUris.keys()].map((u) => [u, JSON.stringify(last(u)?.diagnostics ?? [])]));
        const mark = client.published.length;
        const refreshes = client.refreshRequests;
        const t = performance.now();
        const version =
          step === 'introduce'
            ? client.edit(hot, { start: dropped, end: { line: dropped.line, character: dropped.character + 1 } }, '')
            : client.edit(hot, { start: dropped, end: dropped }, place.value[place.value.length - 1]);
        const shows = (p: { diagnostics: PublishDiagnosticsParams['diagnostics'] }) =>
          step === 'introduce'
            ? onLine(p as PublishDiagnosticsParams, place.line)
            : !onLine(p as PublishDiagnosticsParams, place.line);
        let at: number;
        if (o.pull) {
          const answer = await pulled(hot);
          if (!shows(answer)) throw new Error(`the pull after edit ${edit.length + 1} did not show the ${step}d error`);
          at = answer.at;
        } else {
          ({ at } = await client.waitForDiagnosticsTimed(hot, {
            after: mark,
            timeoutMs: 60_000,
            accept: (p) => (p.version === undefined || p.version === version) && shows(p),
          }));
        }
        edit.push(at - t);
        await sleep(1000);
        // A pull client is asked to pull again (workspace/diagnostic/refresh) when another document's findings changed.
        refreshed += client.refreshRequests - refreshes;
        const shown = new Map(before);
        for (const p of client.published.slice(mark)) {
          if (!otherUris.has(p.uri)) continue;
          sentToOthers++;
          const text = JSON.stringify(p.diagnostics);
          if (shown.get(p.uri) === text) repeated++;
          shown.set(p.uri, text);
        }
      }
    }
    const cpuPerEdit = (cpuMsOf(client.child.pid!) - cpuBefore) / edit.length;
    const after = memoryOf(client.child.pid!);
    await client.shutdown(60_000);

    const row = (label: string, value: string, target: string, met: boolean | undefined) =>
      console.log(`| ${label} | ${value} | ${target} | ${met === undefined ? '' : met ? 'met' : 'not met'} |`);
    console.log('\n| measure | pactline | target | |');
    console.log('|---|---:|---:|---|');
    row(
      'ready: spawn → first diagnostics of the open contract',
      `${(readyMs / 1000).toFixed(2)} s`,
      '≤ 5 s',
      readyMs <= 5000,
    );
    row('  … indexing finished (progress end)', `${(indexedMs / 1000).toFixed(2)} s`, '', undefined);
    row(
      'RSS once ready (5 documents open) / peak',
      `${memory.rssMb.toFixed(0)} MB / ${memory.peakMb.toFixed(0)} MB`,
      '≤ 400 MB',
      memory.rssMb <= 400,
    );
    row(
      'RSS after the edits / peak',
      `${after.rssMb.toFixed(0)} MB / ${after.peakMb.toFixed(0)} MB`,
      '≤ 400 MB',
      after.rssMb <= 400,
    );
    row(
      `edit of the contract read by ${readers.length} pipelines → its diagnostics (median / p95)`,
      `${median(edit).toFixed(0)} / ${p95(edit).toFixed(0)} ms`,
      '≤ 100 ms',
      median(edit) <= 100,
    );
    row('  … server CPU time per edit', `${cpuPerEdit.toFixed(0)} ms`, '', undefined);
    if (o.pull)
      row(
        'refresh requests (the client pulls every open document again) per edit',
        `${(refreshed / edit.length).toFixed(1)}`,
        'only where findings change (none here)',
        refreshed === 0,
      );
    else
      row(
        `other open documents (${[...otherUris.values()].join(', ')}): publications per edit`,
        `${(sentToOthers / edit.length).toFixed(1)}, of which repeating what was shown ${(repeated / edit.length).toFixed(1)}`,
        'only where findings change',
        repeated === 0,
      );
    console.log(`\nfindings on the open documents once ready: ${findings.join(', ')} (the workspace is clean)`);
    console.log(
      `load at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    client.kill();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
