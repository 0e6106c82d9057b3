// `pactline migrate` on small fixtures of our own (always run): the engine's text edits
// (engine/migrate/odcs.ts) exactly, the refusals, and the command as a process: a dry run prints a
// diff and writes nothing, `--write` writes, a file the target would reject is left alone.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { unifiedDiff } from '../../server/src/engine/migrate/diff';
import { canMigrate, migrateOdcs } from '../../server/src/engine/migrate/odcs';
import { LanguageService } from '../../server/src/engine/service';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'migrate');
const V302 = fs.readFileSync(path.join(FIXTURES, 'orders-v3.0.2.odcs.yaml'), 'utf8');
const EXPECTED = fs.readFileSync(path.join(FIXTURES, 'orders-v3.1.0.expected.yaml'), 'utf8');

function schemaErrors(text: string): string[] {
  const svc = new LanguageService();
  svc.setDocument('x.odcs.yaml', text);
  return svc
    .diagnose('x.odcs.yaml')
    .filter((f) => /^(yaml|schema)\//.test(f.code))
    .map((f) => `${f.code} ${f.message}`);
}

describe('migrating ODCS text', () => {
  it('carries a v3.0.2 contract to v3.1.0 exactly as expected: every change, every comment', () => {
    const out = new LanguageService().migrate(V302, 'v3.1.0');
    assert.ok(out.ok);
    assert.equal(out.result.text, EXPECTED);
    assert.deepEqual(out.result.remaining, []);
    assert.deepEqual(schemaErrors(out.result.text), []);
    assert.equal(out.result.from, 'v3.0.2');
    assert.deepEqual(out.result.notes, [
      'schema[0].quality[0]: `rule: countCheck` gives no threshold and v3.1 requires one: `mustBeGreaterThan: 0` was assumed; check it.',
      '`team` as a list is deprecated since v3.1.0: it became `team: { members: [...] }`.',
      'servers[0]: `topic` is not part of the target version here; moved into `customProperties`.',
    ]);
    // The original is valid where it was written... and the v3.1.0 rules reject it.
    assert.notDeepEqual(schemaErrors(V302.replace('apiVersion: v3.0.2', 'apiVersion: v3.1.0')), []);
  });

  it('to v3.2.0: the same changes and apiVersion v3.2.0; from v3.1.0 only apiVersion changes', () => {
    const svc = new LanguageService();
    const to32 = svc.migrate(V302, 'v3.2.0');
    assert.ok(to32.ok);
    assert.equal(to32.result.text, EXPECTED.replace('apiVersion: v3.1.0', 'apiVersion: v3.2.0'));
    const from31 = svc.migrate(EXPECTED, 'v3.2.0');
    assert.ok(from31.ok);
    assert.equal(from31.result.text, EXPECTED.replace('apiVersion: v3.1.0', 'apiVersion: v3.2.0'));
    assert.deepEqual(from31.result.notes, []);
  });

  it("keeps CRLF line endings and a quoted apiVersion's quotes", () => {
    const crlf = V302.replace('apiVersion: v3.0.2', 'apiVersion: "v3.0.2"').replace(/\n/g, '\r\n');
    const out = new LanguageService().migrate(crlf, 'v3.1.0');
    assert.ok(out.ok);
    assert.equal(
      out.result.text,
      EXPECTED.replace('apiVersion: v3.1.0', 'apiVersion: "v3.1.0"').replace(/\n/g, '\r\n'),
    );
  });

  it('says why it does not migrate: already current, older than v3.0, not ODCS, not YAML', () => {
    const svc = new LanguageService();
    const refuse = (text: string, to: 'v3.1.0' | 'v3.2.0' = 'v3.1.0') => {
      const out = svc.migrate(text, to);
      assert.equal(out.ok, false);
      return out.ok ? '' : out.reason;
    };
    assert.equal(refuse(EXPECTED), 'it is already v3.1.0');
    assert.match(refuse('apiVersion: v2.2.2\nkind: DataContract\n'), /declares apiVersion "v2.2.2"/);
    assert.match(refuse('dataContractSpecification: 1.1.0\nid: x\n'), /not an ODCS data contract/);
    assert.match(refuse('apiVersion: [v3.0.2\n'), /not a single valid YAML document/);
    assert.equal(canMigrate('v3.0.0', 'v3.1.0'), true);
    assert.equal(canMigrate('v3.1.0', 'v3.1.0'), false);
    assert.equal(canMigrate('v3.2.0', 'v3.1.0'), false);
    assert.equal(canMigrate(undefined, 'v3.2.0'), false);
  });

  it('moves no key where the object has another mistake (a cascade would call valid keys unknown)', () => {
    const text =
      'apiVersion: v3.0.2\nkind: DataContract\nid: o\nversion: 1.0.0\nstatus: active\nservers:\n' +
      '  - server: db\n    type: oracle\n    host: db.example.com\n    port: __PORT__\n    serviceName: ORCL\n';
    const out = new LanguageService().migrate(text, 'v3.1.0');
    assert.ok(out.ok);
    assert.equal(out.result.text, text.replace('v3.0.2', 'v3.1.0'));
    assert.ok(
      out.result.remaining.some((r) => r.startsWith('servers[0].port:')),
      out.result.remaining.join('\n'),
    );
  });

  it("without a target check, only the changelog's changes are made", () => {
    const out = migrateOdcs(V302, 'v3.1.0');
    assert.ok(out.ok);
    assert.match(out.result.text, /topic: orders\.v1 # v3\.0 allowed any extra key/);
    assert.deepEqual(out.result.remaining, []);
  });
});

describe('unifiedDiff', () => {
  it('prints hunks with three lines of context, and nothing for equal texts', () => {
    const a = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const b = 'a\nb\nc\nd\nE\nf\ng\nh\n';
    assert.equal(
      unifiedDiff('x.yaml', a, b),
      '--- a/x.yaml\n+++ b/x.yaml\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n',
    );
    assert.equal(unifiedDiff('x.yaml', a, a), '');
    assert.equal(
      unifiedDiff('x.yaml', 'a', 'b'),
      '--- a/x.yaml\n+++ b/x.yaml\n@@ -1,1 +1,1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n',
    );
  });
});

describe('pactline migrate (the process)', () => {
  let temp = '';
  const cli = (args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: temp, encoding: 'utf8' });
    if (r.error) throw r.error;
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  before(() => {
    const build = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    temp = fs.mkdtempSync(path.join(tmpdir(), 'pactline-migrate-'));
  });
  after(() => fs.rmSync(temp, { recursive: true, force: true }));

  it('a dry run prints the diff and writes nothing; --write writes the migrated file', () => {
    const file = path.join(temp, 'orders.odcs.yaml');
    fs.writeFileSync(file, V302);
    fs.utimesSync(file, new Date(2020, 0, 1), new Date(2020, 0, 1));
    const mtime = fs.statSync(file).mtimeMs;
    const dry = cli(['migrate', '--to', 'v3.1.0']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal(dry.stdout, unifiedDiff('orders.odcs.yaml', V302, EXPECTED));
    assert.match(
      dry.stdout,
      /^-apiVersion: v3\.0\.2 # the standard's version\n\+apiVersion: v3\.1\.0 # the standard's version$/m,
    );
    assert.match(dry.stderr, /orders\.odcs\.yaml: schema\[0\]\.quality\[0\]: `rule: countCheck` gives no threshold/);
    assert.match(
      dry.stderr,
      /1 file would be migrated to v3\.1\.0\. Dry run: nothing was written; run again with --write to write\./,
    );
    assert.equal(fs.readFileSync(file, 'utf8'), V302);
    assert.equal(fs.statSync(file).mtimeMs, mtime);

    const write = cli(['migrate', 'orders.odcs.yaml', '--to=v3.1.0', '--write']);
    assert.equal(write.code, 0, write.stderr);
    assert.equal(write.stdout, '');
    assert.match(write.stderr, /Migrated 1 file to v3\.1\.0\./);
    assert.equal(fs.readFileSync(file, 'utf8'), EXPECTED);

    const again = cli(['migrate', '--to', 'v3.1.0']);
    assert.equal(again.code, 0);
    assert.equal(again.stdout, '');
    assert.match(again.stderr, /Nothing to migrate: no ODCS file older than v3\.1\.0 under \./);
    const named = cli(['migrate', 'orders.odcs.yaml', '--to', 'v3.1.0']);
    assert.match(named.stderr, /orders\.odcs\.yaml: skipped, it declares v3\.1\.0/);
  });

  it('leaves a file the target would still reject as it is, says what to fix, exits 1', () => {
    const dir = fs.mkdtempSync(path.join(temp, 'bad-'));
    const file = path.join(dir, 'db.odcs.yaml');
    const text =
      'apiVersion: v3.0.2\nkind: DataContract\nid: o\nversion: 1.0.0\nstatus: active\nservers:\n  - server: db\n    type: oracle\n    host: h\n    port: __PORT__\n    serviceName: S\n';
    fs.writeFileSync(file, text);
    const run = cli(['migrate', path.relative(temp, dir), '--write']);
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /db\.odcs\.yaml: not written: v3\.2\.0 would still reject it; fix these by hand first:\n {2}servers\[0\]\.port: /,
    );
    assert.equal(fs.readFileSync(file, 'utf8'), text);
  });

  it('bad usage exits 2', () => {
    const run = cli(['migrate', '--to', 'v4.0.0']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--to must be one of v3\.1\.0, v3\.2\.0/);
    assert.equal(cli(['migrate', 'no-such-file.yaml']).code, 2);
  });
});
