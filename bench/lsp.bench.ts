// The language server's latency, against Red Hat's yaml-language-server in the same run.
// Prints figures and ratios; never fails on a number (../shared/spec/PERFORMANCE.md: compare within one run).
//
//   npm run build && node --import tsx bench/lsp.bench.ts [--sizes 5000,1000] [--edits 24] [--queries 20]
//        [--opens 5] [--no-yls] [--server cli|server] [--debounce MS] [--before DIST] [--cpu-prof DIR]
//
// --before DIST also runs another build of Pactline (a copy of an earlier dist/) in the same run, so that
// a change is measured before and after at the same load; --cpu-prof DIR writes a CPU profile of each
// Pactline server there (summarise it with `node --cpu-prof`'s usual tools).
//
// yaml-language-server is pinned in bench/package.json (bench/node_modules/yaml-language-server, 2.0.0;
// `npm ci --prefix bench`, it wants Node >= 22.13 so it is not in the root install);
// it gets the official ODCS v3.1.0 JSON Schema through `yaml.schemas`, and the schema store off (no network).
//
// Per contract size and server: open → first diagnostics (separate files, so no cache helps); ≥20 edits
// that alternately introduce an error (drop the last letter of a `logicalType` value) and fix it, at
// different places, each timed from didChange to the first publishDiagnostics that shows the new state
// (the error on the edited line, or no finding there any more), and the server's CPU time per edit over
// them (less sensitive to the machine's load than wall time); completion of a `logicalType` value and of
// a key; hover on a key; the server's RSS after the scenario and its peak (VmHWM).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULTS, generate, ODCS_SCHEMA } from './generate';
import { find, LspClient, uriOf, type Position, type PublishDiagnosticsParams } from '../test/lsp/client';
import { median, p95 } from './stats';

const REPO = resolve(__dirname, '..');
const OUT = join(REPO, 'bench/out/lsp');
// pinned in bench/package.json
const YLS_DIR = join(REPO, 'bench/node_modules/yaml-language-server');
const YLS = join(YLS_DIR, 'bin/yaml-language-server');

interface Options {
  sizes: number[];
  edits: number;
  queries: number;
  opens: number;
  yls: boolean;
  server: 'cli' | 'server';
  debounce?: number;
  before?: string;
  cpuProf?: string;
}

function parseOptions(argv: string[]): Options {
  const o: Options = { sizes: [5000, 1000], edits: 24, queries: 20, opens: 5, yls: true, server: 'cli' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=');
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--sizes':
        o.sizes = value().split(',').map(Number);
        break;
      case '--edits':
        o.edits = Math.max(20, Number(value()));
        break;
      case '--queries':
        o.queries = Math.max(5, Number(value()));
        break;
      case '--opens':
        o.opens = Math.max(1, Number(value()));
        break;
      case '--no-yls':
        o.yls = false;
        break;
      case '--server':
        o.server = value() as 'cli' | 'server';
        break;
      case '--debounce':
        o.debounce = Number(value());
        break;
      case '--before':
        o.before = resolve(value());
        break;
      case '--cpu-prof':
        o.cpuProf = resolve(value());
        break;
      default:
        throw new Error(`unknown option ${argv[i]}`);
    }
  }
  return o;
}

const fmt = (xs: number[]) => (xs.length ? `${median(xs).toFixed(0)} / ${p95(xs).toFixed(0)}` : '—');

interface Figures {
  openFirst: number;
  open: number[];
  edit: number[];
  introduce: number[];
  fix: number[];
  completionValue: number[];
  completionKey: number[];
  hover: number[];
  /** documentSymbol on a version the server has not answered an outline for yet (right after each edit). */
  outline: number[];
  /** Symbols in the outline (all levels), to show both servers answered with the whole tree. */
  outlineSymbols: number;
  rssMb: number;
  peakMb: number;
  /** The server process's CPU time (user + system, all its threads) per edit, over the edit phase (pauses included). */
  cpuPerEditMs: number;
  notes: string[];
}

/** The test contract: the generator's wide contract (one schema object, N properties). */
function contractFor(properties: number): string {
  const dir = join(OUT, `gen-${properties}`);
  const file = join(dir, 'big', `big-${properties}.odcs.yaml`);
  if (!existsSync(file))
    generate({ ...DEFAULTS, out: dir, contracts: 0, bigProperties: properties, verify: false, quiet: true });
  return readFileSync(file, 'utf8');
}

/** User + system CPU time of a process so far, in ms (/proc/PID/stat, clock ticks of 10 ms). */
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

/** Lines `        logicalType: <value>` of properties, spread over the file. */
function editPlaces(text: string, count: number): { line: number; column: number; value: string }[] {
  const lines = text.split('\n');
  const all: { line: number; column: number; value: string }[] = [];
  lines.forEach((l, i) => {
    const m = /^( {8}logicalType: )([a-z]{4,})$/.exec(l);
    if (m) all.push({ line: i, column: m[1].length, value: m[2] });
  });
  const places = [];
  for (let k = 0; k < count; k++) places.push(all[Math.floor(((k * 0.6180339887 + 0.1) % 1) * all.length)]);
  return places;
}

/** Symbols in a documentSymbol answer, children included. */
function countSymbols(symbols: unknown): number {
  if (!Array.isArray(symbols)) return 0;
  return symbols.reduce((n: number, s: { children?: unknown }) => n + 1 + countSymbols(s.children), 0);
}

const onLine = (p: PublishDiagnosticsParams, line: number) =>
  p.diagnostics.some((d) => d.range.start.line <= line && d.range.end.line >= line);

type Kind = 'pactline' | 'pactline-before' | 'yaml-language-server';

/** How to start a Pactline build: this tree's dist/ through its CLI or server entry, or another dist/. */
function pactlineEntry(kind: Kind, o: Options): 'cli' | 'server' | { command: string; args: string[] } {
  const dist = kind === 'pactline-before' ? o.before! : join(REPO, 'dist');
  if (!o.cpuProf && kind === 'pactline') return o.server;
  const profile = o.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(o.cpuProf, kind)}`] : [];
  const args = o.server === 'cli' ? [join(dist, 'cli.js'), 'lsp', '--stdio'] : [join(dist, 'server.js'), '--stdio'];
  return { command: process.execPath, args: [...profile, ...args] };
}

async function scenario(kind: Kind, properties: number, text: string, o: Options): Promise<Figures> {
  const dir = join(OUT, `ws-${kind}-${properties}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // One file per open sample (distinct ids: no duplicate-id findings, and no cache can answer).
  const files: string[] = [];
  for (let k = 0; k < o.opens; k++) {
    const file = join(dir, `wide-${properties}-${k}.odcs.yaml`);
    writeFileSync(file, text.replace(/^id: .*$/m, `id: wide-${properties}-${k}`));
    files.push(file);
  }
  const notes: string[] = [];
  const yamlSettings = {
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemas: { [uriOf(ODCS_SCHEMA)]: ['*.odcs.yaml'] },
    schemaStore: { enable: false },
    yamlVersion: '1.2',
  };
  const client =
    kind !== 'yaml-language-server'
      ? await LspClient.start({
          entry: pactlineEntry(kind, o),
          workspace: dir,
          initializationOptions:
            o.debounce !== undefined ? { settings: { diagnostics: { debounceMs: o.debounce } } } : undefined,
        })
      : await LspClient.start({
          entry: { command: process.execPath, args: [YLS, '--stdio'] },
          workspace: dir,
          settings: { yaml: yamlSettings, http: {}, '[yaml]': {}, editor: {}, files: {} },
        });
  const languageId = kind !== 'yaml-language-server' ? 'pactline-yaml' : 'yaml';
  try {
    if (kind !== 'yaml-language-server') await client.waitForIndexed(1, 120_000);
    else client.notify('workspace/didChangeConfiguration', { settings: { yaml: yamlSettings } });
    await new Promise((r) => setTimeout(r, 500));

    // open → first diagnostics
    const open: number[] = [];
    let uri = '';
    for (const file of files) {
      const mark = client.published.length;
      const started = performance.now();
      uri = client.open(file, undefined, languageId);
      const { at } = await client.waitForDiagnosticsTimed(uri, { after: mark, timeoutMs: 120_000 });
      open.push(at - started);
      await new Promise((r) => setTimeout(r, 300));
      if (file !== files[files.length - 1]) client.close(uri);
    }
    const [openFirst, ...openWarm] = open;
    const base = client.published.filter((p) => p.uri === uri).pop()!;
    if (base.diagnostics.length)
      notes.push(
        `${base.diagnostics.length} finding(s) on the clean file: ${base.diagnostics
          .slice(0, 2)
          .map((d) => d.message.slice(0, 80))
          .join(' | ')}`,
      );
    // Let any work the open started in the background finish before timing edits.
    await new Promise((r) => setTimeout(r, 1500));

    // edit → diagnostics showing the new state
    const introduce: number[] = [];
    const fix: number[] = [];
    const outline: number[] = [];
    let outlineSymbols = 0;
    const places = editPlaces(client.text(uri), Math.ceil(o.edits / 2));
    const cpuBefore = cpuMsOf(client.child.pid!);
    for (const place of places) {
      const dropped: Position = { line: place.line, character: place.column + place.value.length - 1 };
      for (const step of ['introduce', 'fix'] as const) {
        const mark = client.published.length;
        const started = performance.now();
        const version =
          step === 'introduce'
            ? client.edit(uri, { start: dropped, end: { line: dropped.line, character: dropped.character + 1 } }, '')
            : client.edit(uri, { start: dropped, end: dropped }, place.value[place.value.length - 1]);
        const { params, at } = await client.waitForDiagnosticsTimed(uri, {
          after: mark,
          timeoutMs: 60_000,
          accept: (p) =>
            (p.version === undefined || p.version === version) &&
            (step === 'introduce' ? onLine(p, place.line) : !onLine(p, place.line)),
        });
        (step === 'introduce' ? introduce : fix).push(at - started);
        if (step === 'introduce' && introduce.length === 1)
          notes.push(
            `the error as reported: ${params.diagnostics.find((d) => d.range.start.line === place.line)?.message.slice(0, 100)}`,
          );
        // The outline of the new version, as the editor asks for it after a change.
        const outlineStarted = performance.now();
        const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
        outline.push(performance.now() - outlineStarted);
        outlineSymbols = countSymbols(symbols);
        await new Promise((r) => setTimeout(r, 400));
      }
    }

    const cpuPerEditMs = (cpuMsOf(client.child.pid!) - cpuBefore) / (introduce.length + fix.length);

    // completion and hover on the settled document
    const settled = client.text(uri);
    const targets = editPlaces(settled, o.queries);
    const completionValue: number[] = [];
    const completionKey: number[] = [];
    const hover: number[] = [];
    let valueCount = 0;
    let keyCount = 0;
    let hovered = 0;
    for (const t of targets) {
      let started = performance.now();
      const values = await client.request('textDocument/completion', {
        textDocument: { uri },
        position: { line: t.line, character: t.column },
      });
      completionValue.push(performance.now() - started);
      valueCount += (Array.isArray(values) ? values : (values?.items ?? [])).length;
      started = performance.now();
      const keys = await client.request('textDocument/completion', {
        textDocument: { uri },
        position: { line: t.line, character: 8 },
      });
      completionKey.push(performance.now() - started);
      keyCount += (Array.isArray(keys) ? keys : (keys?.items ?? [])).length;
      started = performance.now();
      const h = await client.request('textDocument/hover', {
        textDocument: { uri },
        position: { line: t.line, character: 10 },
      });
      hover.push(performance.now() - started);
      if (h) hovered++;
    }
    notes.push(
      `completion items on average: ${(valueCount / targets.length).toFixed(1)} (a value), ${(keyCount / targets.length).toFixed(1)} (a key); hovers answered ${hovered}/${targets.length}`,
    );
    void find;
    const memory = memoryOf(client.child.pid!);
    await client.shutdown(30_000);
    return {
      openFirst,
      open: openWarm.length ? openWarm : [openFirst],
      edit: [...introduce, ...fix],
      introduce,
      fix,
      completionValue,
      completionKey,
      hover,
      outline,
      outlineSymbols,
      ...memory,
      cpuPerEditMs,
      notes,
    };
  } finally {
    client.kill();
  }
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  if (!existsSync(join(REPO, 'dist/cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const yls = o.yls && existsSync(YLS);
  const ylsVersion = yls
    ? (JSON.parse(readFileSync(join(YLS_DIR, 'package.json'), 'utf8')) as { version: string }).version
    : undefined;
  console.log(`# Language server benchmark: ${new Date().toISOString()}`);
  console.log(
    `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `pactline: node dist/${o.server === 'cli' ? 'cli.js lsp' : 'server.js'} --stdio (debounce ${o.debounce ?? 'default 50'} ms); ` +
      (yls
        ? `yaml-language-server ${ylsVersion} with ${ODCS_SCHEMA}`
        : o.yls
          ? 'yaml-language-server: not installed (npm ci --prefix bench installs it)'
          : 'yaml-language-server: skipped'),
  );
  const results: Record<string, Record<string, Figures>> = {};
  for (const properties of o.sizes) {
    const text = contractFor(properties);
    console.log(
      `\n## ${properties.toLocaleString('en-US')} properties: ${(text.length / 1e6).toFixed(2)} MB, ${text.split('\n').length - 1} lines`,
    );
    results[properties] = {};
    const runs: Kind[] = [...(o.before ? ['pactline-before' as const] : []), 'pactline'];
    if (yls) runs.push('yaml-language-server');
    for (const kind of runs) {
      process.stdout.write(`  running ${kind}... `);
      const started = Date.now();
      results[properties][kind] = await scenario(kind, properties, text, o);
      console.log(`${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    const rows: [string, (f: Figures) => number[]][] = [
      ['open → first diagnostics (first)', (f) => [f.openFirst]],
      ['open → first diagnostics (next opens)', (f) => f.open],
      ['edit → diagnostics showing the new state', (f) => f.edit],
      ['  … introducing an error', (f) => f.introduce],
      ['  … fixing it', (f) => f.fix],
      ['completion: a `logicalType` value', (f) => f.completionValue],
      ['completion: a key', (f) => f.completionKey],
      ['hover: a key', (f) => f.hover],
      ['document outline (after each edit)', (f) => f.outline],
    ];
    const r = results[properties];
    const kinds = Object.keys(r);
    // Ratios: yaml-language-server over each Pactline build; without it, the earlier build over this one.
    const anchor = yls ? 'yaml-language-server' : o.before ? 'pactline-before' : undefined;
    const compared = kinds.filter((k) => k !== anchor);
    const ratioOf = (of: (k: string) => number) =>
      anchor ? compared.map((k) => ` ${(of(anchor) / of(k)).toFixed(1)}× |`).join('') : '';
    const ratioHead = anchor ? compared.map((k) => ` ${anchor} / ${k} |`).join('') : '';
    console.log(`\n| operation (median / p95 ms) | ${kinds.join(' | ')} |${ratioHead}`);
    console.log(`|---|${kinds.map(() => '---:').join('|')}|${compared.map(() => '---:|').join('')}`);
    for (const [label, pick] of rows) {
      const cells = kinds.map((k) => fmt(pick(r[k])));
      console.log(`| ${label} | ${cells.join(' | ')} |${ratioOf((k) => median(pick(r[k])))}`);
    }
    const cpu = (f: Figures) => `${f.cpuPerEditMs.toFixed(0)} ms`;
    console.log(
      `| server CPU time per edit (user + system, pauses included) | ${kinds.map((k) => cpu(r[k])).join(' | ')} |${ratioOf((k) => r[k].cpuPerEditMs)}`,
    );
    const mem = (f: Figures) => `${f.rssMb.toFixed(0)} MB / ${f.peakMb.toFixed(0)} MB`;
    console.log(
      `| memory (RSS after / peak) | ${kinds.map((k) => mem(r[k])).join(' | ')} |${compared.map(() => ' |').join('')}`,
    );
    if (anchor)
      for (const k of compared)
        console.log(`| memory, RSS after: ${k} / ${anchor} | ${(r[k].rssMb / r[anchor].rssMb).toFixed(2)} | | |`);
    for (const k of kinds) console.log(`- ${k}: outline of ${results[properties][k].outlineSymbols} symbols`);
    for (const k of kinds) for (const n of results[properties][k].notes) console.log(`- ${k}: ${n}`);
  }
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'results.json'), JSON.stringify({ options: o, ylsVersion, results }, null, 2) + '\n');
  console.log(
    `\nload at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`All samples: ${join(OUT, 'results.json')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
