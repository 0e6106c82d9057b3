// The V8 code cache of the CLI bundle (cli/codeCache.ts), with the real CLI as a process on a copy
// of examples/: the first run writes the cache under $XDG_CACHE_HOME/pactline/code/, the next runs
// load it, and a cache that is corrupt, tampered with, refused by V8, not the user's, writable by
// others or a link is never used (it is written anew) while every run prints the same report. Where
// nothing can be written, the CLI runs as before.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const TMP = mkdtempSync(join(tmpdir(), 'pactline-code-cache-'));
const WS = join(TMP, 'examples');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function lint(xdg: string, nodeArgs: string[] = [], extraEnv: NodeJS.ProcessEnv = {}): Run {
  const args = ['.', '--format', 'json'];
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: xdg, ...extraEnv };
  delete env.NODE_OPTIONS;
  if (!extraEnv.PACTLINE_NO_CODE_CACHE) delete env.PACTLINE_NO_CODE_CACHE;
  const result = spawnSync(process.execPath, [...nodeArgs, CLI, 'lint', ...args], { cwd: WS, env, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The code caches in a cache home. */
function caches(xdg: string): string[] {
  const dir = join(xdg, 'pactline', 'code');
  return existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)) : [];
}

/** The one lint cache in a cache home, after a first run made it. */
function lintCache(xdg: string): string {
  const found = caches(xdg).filter((f) => f.endsWith('.lint.v8cache'));
  assert.equal(found.length, 1, `one code cache for lint in ${xdg}: ${caches(xdg).join(', ')}`);
  return found[0];
}

/** A file's identity: a cache written anew is a new file renamed into place. */
const inode = (file: string) => statSync(file).ino;

/** Rewrites a cache file's payload with `change`, its header's digest recomputed when `resign`. */
function tamper(file: string, change: (payload: Buffer) => void, resign: boolean): void {
  const data = readFileSync(file);
  const eol = data.indexOf(0x0a);
  const header = data.subarray(0, eol).toString('latin1');
  const payload = Buffer.from(data.subarray(eol + 1));
  change(payload);
  const digest = createHash('sha256').update(payload).digest('hex');
  const next = resign ? header.replace(/[0-9a-f]{64}$/, digest) : header;
  writeFileSync(file, Buffer.concat([Buffer.from(next + '\n', 'latin1'), payload]), { mode: 0o600 });
  chmodSync(file, 0o600);
}

let expected: Run;

before(() => {
  const build = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  cpSync(join(ROOT, 'examples'), WS, { recursive: true });
  // Mistakes, so that the report has findings (and the schema's explanations run).
  writeFileSync(
    join(WS, 'contracts', 'mistaken.odcs.yaml'),
    'apiVersion: v3.1.0\nkind: DataContract\nid: mistaken\nversion: 1.0.0\nstatus: actve\nnmae: x\n',
  );
  // The reference: a run that cannot have a code cache (its cache home is a file).
  const none = join(TMP, 'not-a-folder');
  writeFileSync(none, '');
  expected = lint(none);
  assert.ok(expected.code === 0 || expected.code === 1, expected.stderr);
  assert.ok(JSON.parse(expected.stdout).findings.length > 0, 'examples/ has findings to compare');
  assert.deepEqual(caches(none), []);
});

after(() => rmSync(TMP, { recursive: true, force: true }));

describe('the CLI code cache', () => {
  it('is written by the first run, private to the user, then used as it is', () => {
    const xdg = join(TMP, 'fresh');
    const first = lint(xdg);
    assert.equal(first.stdout, expected.stdout);
    assert.equal(first.stderr, expected.stderr);
    const file = lintCache(xdg);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(join(xdg, 'pactline', 'code')).mode & 0o077, 0);
    const made = inode(file);
    for (let i = 0; i < 2; i++) {
      const again = lint(xdg);
      assert.equal(again.stdout, expected.stdout);
      assert.equal(again.code, expected.code);
    }
    // Used, so not written again.
    assert.equal(inode(file), made);
    // Another command has its own cache (it compiles other functions).
    const help = spawnSync(process.execPath, [CLI, '--version'], {
      env: { ...process.env, XDG_CACHE_HOME: xdg },
      encoding: 'utf8',
    });
    assert.equal(help.status, 0);
    assert.equal(caches(xdg).filter((f) => f.endsWith('.v8cache')).length, 2);
  });

  it('ignores a corrupt, tampered or V8-refused cache, and writes it anew', () => {
    const xdg = join(TMP, 'tampered');
    lint(xdg);
    const file = lintCache(xdg);
    const cases: [string, () => void][] = [
      // Bytes of the compiled code changed: V8 would not notice (it checks no checksum in
      // release builds) and run them; the digest in the header does.
      ['payload changed', () => tamper(file, (p) => p.fill(0x41, p.length >> 1, (p.length >> 1) + 64), false)],
      ['payload cut short', () => writeFileSync(file, readFileSync(file).subarray(0, 1000))],
      ['not a cache', () => writeFileSync(file, 'pactline-code-cache 1 nonsense\n\u0000\u0001')],
      ['empty', () => writeFileSync(file, '')],
      // Intact for us, but not V8's format (another Node, other flags): V8 refuses it.
      ['refused by V8', () => tamper(file, (p) => (p[0] ^= 0xff), true)],
    ];
    for (const [what, spoil] of cases) {
      spoil();
      const spoilt = inode(file);
      const run = lint(xdg);
      assert.equal(run.stdout, expected.stdout, what);
      assert.equal(run.code, expected.code, what);
      assert.equal(run.stderr, expected.stderr, what);
      assert.notEqual(inode(file), spoilt, `${what}: written anew`);
      const used = inode(file);
      assert.equal(lint(xdg).stdout, expected.stdout, what);
      assert.equal(inode(file), used, `${what}: the new cache is used`);
    }
  });

  it('does not use a cache others may write, nor follow a link at its path', () => {
    const xdg = join(TMP, 'foreign');
    lint(xdg);
    const file = lintCache(xdg);
    chmodSync(file, 0o666);
    const writable = inode(file);
    assert.equal(lint(xdg).stdout, expected.stdout);
    assert.notEqual(inode(file), writable, 'a cache writable by others is replaced');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    // A link at the cache's path, to a file of the user's: neither read nor written through.
    const victim = join(TMP, 'victim.bin');
    cpSync(file, victim);
    const precious = readFileSync(victim);
    rmSync(file);
    symlinkSync(victim, file);
    assert.equal(lint(xdg).stdout, expected.stdout);
    assert.ok(!lstatSync(file).isSymbolicLink(), 'the link is replaced by a file');
    assert.deepEqual(readFileSync(victim), precious);
  });

  it(
    "does not use another user's cache",
    { skip: process.getuid?.() !== 0 && 'needs root to give a file away' },
    () => {
      const xdg = join(TMP, 'other-user');
      lint(xdg);
      const file = lintCache(xdg);
      chownSync(file, 65534, 65534);
      const theirs = inode(file);
      assert.equal(lint(xdg).stdout, expected.stdout);
      assert.notEqual(inode(file), theirs);
      assert.equal(statSync(file).uid, process.getuid!());
    },
  );

  it('runs without one where nothing can be written, with source maps, or when turned off', () => {
    // The cache home is a file: no folder can be made under it.
    const file = join(TMP, 'home-is-a-file');
    writeFileSync(file, 'x');
    const run = lint(file);
    assert.equal(run.stdout, expected.stdout);
    assert.equal(run.stderr, expected.stderr);
    assert.equal(readFileSync(file, 'utf8'), 'x');
    // A read-only cache folder (root may write anyway, so only checked for other users).
    if (process.getuid?.() !== 0) {
      const readOnly = join(TMP, 'read-only');
      const dir = join(readOnly, 'pactline', 'code');
      lint(readOnly);
      for (const f of caches(readOnly)) rmSync(f);
      chmodSync(dir, 0o500);
      assert.equal(lint(readOnly).stdout, expected.stdout);
      assert.deepEqual(caches(readOnly), []);
      chmodSync(dir, 0o700);
    }
    // --enable-source-maps needs Node's own loader (stack traces through the maps): no cache.
    const maps = join(TMP, 'source-maps');
    assert.equal(lint(maps, ['--enable-source-maps']).stdout, expected.stdout);
    assert.deepEqual(caches(maps), []);
    // And when the user says so.
    const off = join(TMP, 'off');
    assert.equal(lint(off, [], { PACTLINE_NO_CODE_CACHE: '1' }).stdout, expected.stdout);
    assert.deepEqual(caches(off), []);
  });
});
