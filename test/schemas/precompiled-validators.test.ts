// The precompiled validity checks (server/src/engine/generated/, scripts/precompile-validators.ts)
// are what the committed schemas compile to, and they say "valid" exactly when the Ajv compiled at
// run time does: on the example workspace, the fixture with mistakes, the official examples and
// the rule test's mistakes. The official examples are in ../shared/conformance, outside the
// repository: without it that part is skipped.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as jsyaml from 'js-yaml';
import { GENERATED_DIR, precompileValidators } from '../../scripts/precompile-validators';
import { detectKind } from '../../server/src/engine/kinds';
import { BUILTIN_CHECKS, BUILTIN_SCHEMAS } from '../../server/src/engine/schemaCatalog';
import { SchemaValidator } from '../../server/src/engine/validation';
import { CORPUS, needsCorpus } from '../corpus';

const REPO = path.resolve(__dirname, '..', '..');

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? yamlFiles(full) : /\.ya?ml$/.test(e.name) ? [full] : [];
  });
}

describe('precompiled validity checks', () => {
  it(
    'the committed generated code is what the schemas compile to (else: `npm run schemas`)',
    { timeout: 120_000 },
    () => {
      const generated = precompileValidators();
      for (const [name, code] of generated) {
        const file = path.join(GENERATED_DIR, name);
        assert.ok(
          fs.existsSync(file) && fs.readFileSync(file, 'utf8') === code,
          `server/src/engine/generated/${name} is stale: run \`npm run schemas\` and commit it`,
        );
      }
      assert.deepEqual(
        fs
          .readdirSync(GENERATED_DIR)
          .filter((f) => f.endsWith('.check.js'))
          .sort(),
        [...generated.keys()].sort(),
      );
      for (const entry of BUILTIN_SCHEMAS)
        assert.ok(BUILTIN_CHECKS.get(entry), `${entry.target.file} has a precompiled check`);
    },
  );

  /** Checks every recognised document of `files` both ways; how many were compared, and how many were invalid. */
  function compare(files: string[]): { compared: number; invalid: number } {
    const withChecks = new SchemaValidator(BUILTIN_SCHEMAS);
    const without = new SchemaValidator(BUILTIN_SCHEMAS, new Map());
    let compared = 0;
    let invalid = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const kind = detectKind(file, text);
      if (!kind) continue;
      let value: unknown;
      try {
        value = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
      } catch {
        continue; // syntax errors never reach validation
      }
      const entry = withChecks.entryFor(kind, value);
      if (!entry || value === null || typeof value !== 'object') continue;
      const expected = without.validate(kind, value);
      const check = BUILTIN_CHECKS.get(entry)!()(value);
      assert.equal(
        check,
        expected.length === 0,
        `${path.relative(REPO, file)}: precompiled says ${check ? 'valid' : 'invalid'}, run time ${expected.length} finding(s)`,
      );
      assert.deepEqual(withChecks.validate(kind, value), expected, path.relative(REPO, file));
      compared++;
      if (!check) invalid++;
    }
    return { compared, invalid };
  }

  it(
    'agree with the run-time validator on every document of the examples and the fixtures',
    { timeout: 120_000 },
    () => {
      const { compared, invalid } = compare([
        ...yamlFiles(path.join(REPO, 'examples')),
        ...yamlFiles(path.join(REPO, 'test', 'fixtures')),
      ]);
      assert.ok(compared >= 40, `compared ${compared} documents`);
      assert.ok(invalid >= 5, `${invalid} of them invalid: both sides are exercised`);
    },
  );

  it(
    'agree with the run-time validator on every official example',
    {
      timeout: 120_000,
      skip: needsCorpus('that the precompiled checks and Ajv agree on the 440-odd official examples'),
    },
    () => {
      const { compared, invalid } = compare(yamlFiles(CORPUS));
      assert.ok(compared >= 400, `compared ${compared} documents`);
      assert.ok(invalid >= 100, `${invalid} of them invalid: both sides are exercised`);
    },
  );
});
