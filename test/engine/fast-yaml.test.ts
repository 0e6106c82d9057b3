// The fast YAML reader (server/src/engine/fastYaml.ts) against js-yaml, on every real YAML file we
// have: the shared conformance corpus (real-world contracts and the standards' official examples),
// examples/, the test fixtures and a small generated benchmark corpus. On each file the reader must
// either give up or give exactly js-yaml's value, and `parseDocument` must give the same document
// (value, problems, multiDocument) with and without it. The random texts are in fast-yaml-fuzz.test.ts.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { generate } from '../../bench/generate';
import { CORPUS, needsCorpus } from '../corpus';
import { checkAgainstJsYaml } from './fast-yaml-check';

const ROOT = resolve(__dirname, '..', '..');

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === '.git') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yamlFiles(path, out);
    else if (/\.ya?ml$/i.test(name)) out.push(path);
  }
  return out;
}

function checkAll(files: string[], base: string): { accepted: number; total: number; refused: string[] } {
  let accepted = 0;
  const refused: string[] = [];
  for (const file of files) {
    const label = relative(base, file);
    if (checkAgainstJsYaml(label, readFileSync(file, 'utf8'))) accepted++;
    else refused.push(label);
  }
  return { accepted, total: files.length, refused };
}

describe('the fast YAML reader on real files: js-yaml’s value or nothing', () => {
  const skipCorpus = needsCorpus(
    "that the fast YAML reader gives js-yaml's value (or gives up) on every real-world contract and official example",
  );

  it('real-world contracts (../shared/conformance/realworld): most are read fast', { skip: skipCorpus }, (t) => {
    const { accepted, total, refused } = checkAll(yamlFiles(join(CORPUS, 'realworld')), CORPUS);
    t.diagnostic(
      `fast reader accepted ${accepted} of ${total} real-world files (${((100 * accepted) / total).toFixed(1)}%)`,
    );
    assert.ok(total > 300, `expected the real-world corpus, found ${total} files`);
    // Most real files are in the subset: a change that turns the reader off for them fails here.
    assert.ok(
      accepted / total >= 0.9,
      `only ${accepted} of ${total} accepted; refused: ${refused.slice(0, 20).join(', ')}`,
    );
  });

  it('the official examples and the rest of ../shared/conformance', { skip: skipCorpus }, (t) => {
    const files = yamlFiles(CORPUS).filter((f) => !relative(CORPUS, f).startsWith('realworld'));
    const { accepted, total } = checkAll(files, CORPUS);
    t.diagnostic(`fast reader accepted ${accepted} of ${total} official examples and other files`);
    assert.ok(total > 0);
  });

  it('examples/ and the test fixtures', (t) => {
    const files = [...yamlFiles(join(ROOT, 'examples')), ...yamlFiles(join(ROOT, 'test', 'fixtures'))];
    const { accepted, total } = checkAll(files, ROOT);
    t.diagnostic(`fast reader accepted ${accepted} of ${total} files of examples/ and test/fixtures/`);
    assert.ok(total > 20);
    assert.ok(accepted / total >= 0.8, `only ${accepted} of ${total} accepted`);
  });

  describe('a generated benchmark corpus', () => {
    const out = mkdtempSync(join(tmpdir(), 'pactline-fastyaml-'));
    after(() => rmSync(out, { recursive: true, force: true }));
    it('is read fast, every file, with js-yaml’s values', () => {
      generate({
        out,
        contracts: 40,
        properties: 12,
        bigProperties: 60,
        pipelines: 4,
        products: 3,
        mistakes: 0,
        seed: 7,
        verify: false,
        quiet: true,
      });
      const { accepted, total, refused } = checkAll(yamlFiles(out), out);
      assert.ok(total >= 48);
      assert.deepEqual(refused, [], 'every generated file is in the fast subset');
      assert.equal(accepted, total);
    });
  });
});
