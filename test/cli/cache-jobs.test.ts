// `pactline lint --cache` and `--jobs`: the real CLI as a process, on a generated benchmark
// corpus (small) and on examples/. Cached and parallel runs must give byte-identical JSON reports
// to a plain run, a change to one file must show in every file whose cross-file findings read it,
// and a cache this machine did not write (or one changed since) must never suppress a finding.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generate } from '../../bench/generate';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const TMP = mkdtempSync(join(tmpdir(), 'pactline-cache-'));
/** This machine's cache key lives here (XDG_CACHE_HOME), never in the user's home. */
const KEYS = join(TMP, 'keys');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd: string, keys = KEYS): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: keys };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const result = spawnSync(process.execPath, [CLI, 'lint', ...args], {
    cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The plain run's report: what every other run must print, byte for byte. */
function plain(cwd: string, extra: string[] = []): Run {
  const run = cli(['.', '--format', 'json', ...extra], cwd);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  return run;
}

function findingCount(run: Run): number {
  return (JSON.parse(run.stdout) as { findings: unknown[] }).findings.length;
}

before(() => {
  const build = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  assert.ok(existsSync(CLI));
});

after(() => rmSync(TMP, { recursive: true, force: true }));

describe('lint --cache and --jobs on a generated corpus', () => {
  const corpus = join(TMP, 'corpus');
  const ws = join(corpus, 'workspace');
  before(() => {
    generate({
      out: corpus,
      contracts: 60,
      properties: 6,
      bigProperties: 10,
      pipelines: 4,
      products: 3,
      mistakes: 7,
      seed: 5,
      verify: false,
      quiet: true,
    });
  });

  it('gives the plain report cold, cached, in workers, and both', () => {
    const expected = plain(ws);
    assert.ok(findingCount(expected) >= 7, 'the corpus has its deliberate mistakes');
    const args = ['.', '--format', 'json', '--cache'];
    const cold = cli(args, ws);
    assert.ok(existsSync(join(ws, '.pactline-cache')));
    const warm = cli([...args, '--verbose'], ws);
    const warmAgain = cli([...args, '--verbose'], ws);
    assert.match(warmAgain.stderr, /--cache: nothing changed/);
    const jobs = cli(['.', '--format', 'json', '--jobs', '2'], ws);
    const both = cli([...args, '--jobs', '3'], ws);
    for (const run of [cold, warm, warmAgain, jobs, both]) {
      assert.equal(run.stdout, expected.stdout);
      assert.equal(run.code, expected.code);
    }
  });

  it('after one change, re-checks the file and every file whose cross-file findings read it', () => {
    const args = ['.', '--format', 'json', '--cache'];
    cli(args, ws); // the cache, before the change
    const before = plain(ws);
    // A contract read by a pipeline changes its id: the pipeline (unchanged bytes) now names an
    // unknown contract. The cache must not hand back the pipeline's old findings.
    const pipelines = readdirSync(join(ws, 'pipelines')).map((f) => readFileSync(join(ws, 'pipelines', f), 'utf8'));
    const contracts = readdirSync(join(ws, 'contracts'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.odcs.yaml'))
      .map((f) => join(ws, 'contracts', f));
    const read = contracts.find((file) => {
      const id = /^id: (\S+)$/m.exec(readFileSync(file, 'utf8'))?.[1];
      return id !== undefined && pipelines.some((p) => p.includes(`contract: ${id}\n`));
    });
    assert.ok(read, 'a contract that a pipeline reads');
    const text = readFileSync(read, 'utf8');
    writeFileSync(read, text.replace(/^id: (\S+)$/m, 'id: $1-renamed'));
    const expected = plain(ws);
    assert.notEqual(expected.stdout, before.stdout, 'the change makes new findings');
    assert.match(expected.stdout, /"rule": "ref\/unknown-contract"/);
    const cached = cli([...args, '--verbose'], ws);
    assert.doesNotMatch(cached.stderr, /nothing changed/);
    assert.equal(cached.stdout, expected.stdout);
    assert.equal(cli(args, ws).stdout, expected.stdout);
    // And back, parsed in a worker this time: the findings go away again.
    writeFileSync(read, text);
    assert.equal(cli([...args, '--jobs', '2'], ws).stdout, before.stdout);
    assert.equal(cli(args, ws).stdout, before.stdout);
  });

  it('never trusts a cache another key made: a forged "no findings" entry is ignored', () => {
    const expected = plain(ws);
    const attacker = join(TMP, 'attacker-keys');
    const location = join(TMP, 'forged-cache');
    cli(['.', '--format', 'json', '--cache', '--cache-location', location], ws, attacker);
    // The attacker (who has his own key) rewrites every file's schema findings to none and signs it.
    const key = readFileSync(join(attacker, 'pactline', 'cache-key'));
    const [magic, , runText, filesText] = readFileSync(location, 'utf8').split('\n');
    const files = JSON.parse(filesText) as Record<string, { schema: unknown[] | null }>;
    for (const unit of Object.values(files)) if (unit.schema) unit.schema = [];
    const build = magic.slice('pactline-cache 1 '.length);
    const forgedFiles = JSON.stringify(files);
    const sign = (part: string, body: string) =>
      createHmac('sha256', key).update(`${part}\0${build}\0`).update(body).digest('hex');
    writeFileSync(location, `${magic}\n${sign('run', 'null')} ${sign('files', forgedFiles)}\nnull\n${forgedFiles}`);
    void runText;
    const forged = readFileSync(location);
    // With the key that signed it, the forged cache is believed: the findings of the schema vanish
    // (this is what the key protects; it shows the check below can fail).
    const believed = cli(['.', '--format', 'json', '--cache', '--cache-location', location], ws, attacker);
    assert.ok(findingCount(believed) < findingCount(expected));
    // On this machine (another key), the same file is ignored: the plain report.
    writeFileSync(location, forged);
    const here = cli(['.', '--format', 'json', '--cache', '--cache-location', location], ws);
    assert.equal(here.stdout, expected.stdout);
  });

  it('ignores a corrupt or tampered cache, and replaces a link at its path instead of writing through it', () => {
    const expected = plain(ws);
    const args = ['.', '--format', 'json', '--cache'];
    cli(args, ws);
    const file = join(ws, '.pactline-cache');
    const good = readFileSync(file, 'utf8');
    // One character of the stored report changed: the signature no longer matches.
    writeFileSync(file, good.replace('"findings"', '"findingz"'));
    assert.equal(cli(args, ws).stdout, expected.stdout);
    writeFileSync(file, 'not a cache at all\n\u0000\u0001');
    assert.equal(cli(args, ws).stdout, expected.stdout);
    // A committed link named like the cache, to a file of the user's: never written through.
    const victim = join(TMP, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    rmSync(file);
    symlinkSync(victim, file);
    const run = cli(args, ws);
    assert.equal(run.stdout, expected.stdout);
    assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
    assert.ok(lstatSync(file).isFile() && !lstatSync(file).isSymbolicLink());
  });

  it('refuses a --jobs that is not a number of threads', () => {
    const run = cli(['.', '--jobs', '0'], ws);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--jobs needs a number/);
  });
});

describe('lint --cache and --jobs on examples/', () => {
  it('gives the plain report, cold and cached, in workers', () => {
    const ws = join(TMP, 'examples');
    cpSync(join(ROOT, 'examples'), ws, { recursive: true });
    const expected = plain(ws);
    const args = ['.', '--format', 'json', '--cache', '--cache-location', join(TMP, 'examples-cache')];
    for (const run of [
      cli(args, ws),
      cli(args, ws),
      cli([...args, '--jobs', '2'], ws),
      cli([...args.slice(0, 3), '--jobs', '2'], ws),
    ])
      assert.equal(run.stdout, expected.stdout);
    // One example edited: the cached run follows it.
    const contract = join(ws, 'contracts', readdirSync(join(ws, 'contracts')).sort()[0]);
    writeFileSync(contract, readFileSync(contract, 'utf8').replace(/^status: \S+$/m, 'status: 42'));
    const changed = plain(ws);
    assert.equal(cli(args, ws).stdout, changed.stdout);
  });
});
