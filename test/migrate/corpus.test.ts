// `pactline migrate` as a process on every ODCS v3.0.x file of the real-world corpus that the
// official schema accepts today (../shared/conformance/realworld, MANIFEST.json verdict `valid`),
// to v3.1.0 and to v3.2.0: the dry run writes nothing (contents and mtimes unchanged) and prints a
// diff per file; `--write` writes; every written file validates under its target with the
// OFFICIAL schema (Ajv2019 + ajv-formats, as the standard's CI and the corpus README do) and with
// Pactline's own, and keeps every comment of the original.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import * as YAML from 'yaml';
import { LanguageService } from '../../server/src/engine/service';
import { DiagnosticSeverity } from 'vscode-languageserver-types';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const SHARED = path.resolve(ROOT, '..', 'shared', 'conformance');
const REALWORLD = path.join(SHARED, 'realworld');
const SKIP = fs.existsSync(path.join(REALWORLD, 'MANIFEST.json'))
  ? false
  : `../shared/conformance/realworld is not beside this checkout: would have migrated every valid ODCS v3.0.x file of the real-world corpus to v3.1.0 and v3.2.0 and checked each with the official schemas`;

interface ManifestFile {
  local: string;
  kind: string;
  declared_version: string | null;
  verdict: string;
}

function corpusFiles(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(REALWORLD, 'MANIFEST.json'), 'utf8')) as {
    files: ManifestFile[];
  };
  return manifest.files
    .filter((f) => f.kind === 'odcs' && /^v3\.0\.\d+$/.test(f.declared_version ?? '') && f.verdict === 'valid')
    .map((f) => f.local);
}

/** Every comment token of a YAML text, as written (the lexer sees them all, wherever they stand). */
function comments(text: string): string[] {
  return [...new YAML.Lexer().lex(text)].filter((t) => t.startsWith('#')).map((t) => t.trimEnd());
}

function officialValidator(version: string): (data: unknown) => { ok: boolean; errors: string } {
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(
    JSON.parse(fs.readFileSync(path.join(SHARED, 'schemas', `odcs-json-schema-${version}.json`), 'utf8')),
  );
  return (data) => {
    const ok = validate(data) as boolean;
    return {
      ok,
      errors: ok
        ? ''
        : (validate.errors ?? [])
            .map((e) => `${e.instancePath} ${e.message}`)
            .slice(0, 5)
            .join('; '),
    };
  };
}

function cli(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('pactline migrate on the real-world corpus', { skip: SKIP }, () => {
  let temp = '';
  before(() => {
    const build = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    temp = fs.mkdtempSync(path.join(tmpdir(), 'pactline-migrate-'));
  });
  after(() => fs.rmSync(temp, { recursive: true, force: true }));

  for (const to of ['v3.1.0', 'v3.2.0']) {
    it(`carries every valid v3.0.x file to ${to}: nothing written without --write, then valid, comments kept`, () => {
      const files = corpusFiles();
      assert.ok(files.length >= 70, `expected the 72 valid v3.0.x files of the corpus, found ${files.length}`);
      const dir = path.join(temp, to);
      const original = new Map<string, string>();
      for (const rel of files) {
        const target = path.join(dir, rel);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        const text = fs.readFileSync(path.join(REALWORLD, rel), 'utf8');
        fs.writeFileSync(target, text);
        // An old mtime, so that a write in this same millisecond would still show.
        fs.utimesSync(target, new Date(2020, 0, 1), new Date(2020, 0, 1));
        original.set(rel, text);
      }
      const mtimes = new Map(files.map((rel) => [rel, fs.statSync(path.join(dir, rel)).mtimeMs]));

      const dry = cli(['migrate', '.', '--to', to], dir);
      assert.equal(dry.code, 0, dry.stderr);
      for (const rel of files) {
        assert.equal(fs.readFileSync(path.join(dir, rel), 'utf8'), original.get(rel), `${rel} changed on a dry run`);
        assert.equal(fs.statSync(path.join(dir, rel)).mtimeMs, mtimes.get(rel), `${rel} touched on a dry run`);
        assert.ok(dry.stdout.includes(`--- a/${rel}\n+++ b/${rel}\n`), `no diff printed for ${rel}`);
        assert.ok(
          dry.stdout.includes(`-apiVersion: ${YAML.parse(original.get(rel)!).apiVersion}`) ||
            dry.stdout.includes('+apiVersion:'),
        );
      }
      assert.match(
        dry.stderr,
        new RegExp(
          `${files.length} files would be migrated to ${to.replace(/\./g, '\\.')}\\. Dry run: nothing was written`,
        ),
      );

      const write = cli(['migrate', '.', '--to', to, '--write'], dir);
      assert.equal(write.code, 0, write.stderr);
      assert.equal(write.stdout, '');
      assert.match(write.stderr, new RegExp(`Migrated ${files.length} files to`));

      const official = officialValidator(to);
      const ours = new LanguageService();
      const failures: string[] = [];
      for (const rel of files) {
        const text = fs.readFileSync(path.join(dir, rel), 'utf8');
        const value = YAML.parse(text);
        if (value.apiVersion !== to) failures.push(`${rel}: apiVersion is ${value.apiVersion}`);
        const verdict = official(value);
        if (!verdict.ok) failures.push(`${rel}: the official ${to} schema rejects it: ${verdict.errors}`);
        ours.setDocument(rel, text, 'odcs');
        const errors = ours
          .diagnose(rel)
          .filter((f) => f.severity === DiagnosticSeverity.Error && /^(yaml|schema)\//.test(f.code));
        if (errors.length)
          failures.push(`${rel}: Pactline finds ${errors.map((e) => `${e.code} ${e.message}`).join('; ')}`);
        const before = comments(original.get(rel)!);
        const afterComments = comments(text);
        const missing = before.filter((c) => {
          const i = afterComments.indexOf(c);
          if (i < 0) return true;
          afterComments.splice(i, 1);
          return false;
        });
        if (missing.length) failures.push(`${rel}: comments lost: ${missing.join(' | ')}`);
        // Carried across as the changelog says: no `rule:` library check, no boolean bound, no team list.
        const check = JSON.stringify(value);
        if (/"rule":/.test(check)) failures.push(`${rel}: a \`rule:\` check is left`);
        if (/"exclusive(Maximum|Minimum)":(true|false)/.test(check))
          failures.push(`${rel}: a boolean exclusive bound is left`);
        if (Array.isArray(value.team)) failures.push(`${rel}: team is still a list`);
      }
      assert.deepEqual(failures, []);
    });
  }
});
