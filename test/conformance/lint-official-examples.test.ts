// The standards' own examples, through the whole engine (not only the schema): every official
// valid example lints with no error, every official invalid example gets an error in its file,
// and datacontract-cli's lint fixtures behave as their names say.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { CORE_SCHEMA, load } from 'js-yaml';
import { resolveConfig } from '../../server/src/engine/config';
import { LanguageService } from '../../server/src/engine/service';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { needsCorpus } from '../corpus';

const SHARED = path.resolve(__dirname, '..', '..', '..', 'shared', 'conformance');
const skip = needsCorpus(
  "the official ODCS/ODPS examples and datacontract-cli's lint fixtures through the whole engine",
);

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

/**
 * Each example is linted alone: the official examples are not one workspace (they reuse ids and
 * point at contracts that are not in the folder), so the cross-file rules are off. Relationships
 * inside one example are still checked by the schema; see the README for the two examples whose
 * relationship targets really do not exist.
 */
function lintAlone(file: string, kind?: 'odcs' | 'dcs' | 'odps') {
  const service = new LanguageService({ config: resolveConfig({ rules: { ref: 'off' } }, undefined, '') });
  const name = path.relative(SHARED, file).split(path.sep).join('/');
  // Official files are named *.odcs.yaml; datacontract-cli's DCS fixtures are plain *.yaml files
  // whose kind shows in their top-level keys.
  service.setDocument(name, fs.readFileSync(file, 'utf8'), kind);
  return { doc: service.getDocument(name)!, findings: service.diagnose(name) };
}

function errorsOf(findings: ReturnType<typeof lintAlone>['findings']) {
  return findings
    .filter((f) => f.severity === DiagnosticSeverity.Error)
    .map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code} ${f.message}`);
}

/**
 * Official examples that declare an older `apiVersion` than the constructs they use: each version
 * is checked by its own rules, and the official JSON Schema of the declared version rejects these
 * too (checked below with Ajv, so the list cannot go stale). Path → why.
 */
const DECLARE_OLDER_VERSION: Record<string, string> = {
  'odcs/v3.1.0/valid/quality/column-completeness.odcs.yaml':
    'v3.0.2 declared; a `metric` check without the `rule` v3.0.2 requires',
  'odcs/v3.2.0/valid/quality/column-completeness.odcs.yaml':
    'v3.0.2 declared; a `metric` check without the `rule` v3.0.2 requires',
  'odcs/v3.1.0/valid/stakeholders/basic-four-dpo.odcs.yaml': 'v3.0.2 declared; `team` as an object came with v3.1.0',
  'odcs/v3.2.0/valid/stakeholders/basic-four-dpo.odcs.yaml': 'v3.0.2 declared; `team` as an object came with v3.1.0',
  'odcs/v3.1.0/valid/data-types/all-data-types.odcs.yaml':
    'v3.0.2 declared; `timestamp`/`time` and numeric exclusive bounds came with v3.1.0',
  'odcs/v3.2.0/valid/data-types/all-data-types.odcs.yaml':
    'v3.0.2 declared; `timestamp`/`time` and numeric exclusive bounds came with v3.1.0',
  'dcs/lint/valid.odcs.yaml': 'v3.0.2 declared; `team` as an object came with v3.1.0',
};

/** The official ODCS schema of the version `file` declares rejects it. */
function officialRejects(file: string): boolean {
  const doc = load(fs.readFileSync(file, 'utf8'), { schema: CORE_SCHEMA }) as { apiVersion?: string };
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(
    JSON.parse(fs.readFileSync(path.join(SHARED, 'schemas', `odcs-json-schema-${doc.apiVersion}.json`), 'utf8')),
  );
  return !validate(doc);
}

test(
  'the official examples that declare an older version than they follow are rejected by that version, as officially',
  { skip },
  () => {
    const problems: string[] = [];
    for (const [name, why] of Object.entries(DECLARE_OLDER_VERSION)) {
      const file = path.join(SHARED, name);
      if (!officialRejects(file)) problems.push(`${name}: the official schema accepts it (${why})`);
      if (!errorsOf(lintAlone(file).findings).length) problems.push(`${name}: no error (${why})`);
    }
    assert.deepEqual(problems, []);
  },
);

test('every official ODCS and ODPS example lints with no error', { skip }, () => {
  const files = [
    ...yamlFiles(path.join(SHARED, 'odcs', 'v3.1.0', 'valid')),
    ...yamlFiles(path.join(SHARED, 'odcs', 'v3.2.0', 'valid')),
    ...yamlFiles(path.join(SHARED, 'odps', 'valid')),
  ];
  assert.ok(files.length >= 30, `expected the official examples, found ${files.length}`);
  const failures: string[] = [];
  for (const file of files) {
    if (path.relative(SHARED, file).split(path.sep).join('/') in DECLARE_OLDER_VERSION) continue;
    const { doc, findings } = lintAlone(file);
    if (!doc.kind) failures.push(`${file}: not recognised`);
    for (const error of errorsOf(findings)) failures.push(`${path.relative(SHARED, file)}:${error}`);
  }
  assert.deepEqual(failures, []);
});

test('every official invalid ODCS v3.2.0 example is rejected with an error in that file', { skip }, () => {
  const files = yamlFiles(path.join(SHARED, 'odcs', 'v3.2.0', 'invalid'));
  assert.ok(files.length >= 25);
  const accepted = files.filter((file) => errorsOf(lintAlone(file).findings).length === 0).map((f) => path.basename(f));
  assert.deepEqual(accepted, []);
});

test('the invalid examples are rejected for the reason their name gives', { skip }, () => {
  // A sample of names whose reason maps to one rule; the finding must be that rule.
  const expected: Record<string, string> = {
    'additional-unknown-property.odcs.yaml': 'schema/unknown-key',
    'invalid-api-version.odcs.yaml': 'schema/unsupported-version',
    'missing-required-fields.odcs.yaml': 'schema/required',
    'schema-property-invalid-logicaltype.odcs.yaml': 'schema/enum',
    'enum-duplicate-values.odcs.yaml': 'schema/unique-items',
  };
  for (const [name, rule] of Object.entries(expected)) {
    const file = path.join(SHARED, 'odcs', 'v3.2.0', 'invalid', name);
    if (!fs.existsSync(file)) continue;
    const rules = lintAlone(file)
      .findings.filter((f) => f.severity === DiagnosticSeverity.Error)
      .map((f) => f.code);
    assert.ok(rules.includes(rule), `${name}: expected ${rule}, got ${rules.join(', ') || 'nothing'}`);
  }
});

test("datacontract-cli's lint fixtures behave as their names say", { skip }, () => {
  const dir = path.join(SHARED, 'dcs', 'lint');
  const results: string[] = [];
  for (const file of yamlFiles(dir)) {
    const name = path.basename(file);
    const { doc, findings } = lintAlone(file);
    if (!doc.kind) continue; // custom organisation schemas' companions that are neither ODCS nor DCS
    const errors = errorsOf(findings);
    // The other files go with an organisation's own schema (datacontract-cli's `--schema`): against
    // the standard they break it on purpose (an extra top-level key; a pre-1.0 DCS version).
    if (!/^(valid|invalid)/.test(name)) {
      if (!errors.length) results.push(`${name}: accepted, but it breaks the standard schema on purpose`);
      continue;
    }
    if (`dcs/lint/${name}` in DECLARE_OLDER_VERSION) continue;
    const shouldFail = name.startsWith('invalid');
    if (shouldFail !== errors.length > 0)
      results.push(`${name}: ${shouldFail ? 'accepted' : `rejected: ${errors.join('; ')}`}`);
  }
  assert.deepEqual(results, []);
});
