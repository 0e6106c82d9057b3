// The JSON Schemas in schemas/ are generated from the TypeScript types: this fails when someone
// edits a type (or a patch) without running `npm run schemas`, or edits a schema by hand.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { generateSchemas } from '../../scripts/schema-generation';
import { BUILTIN_SCHEMAS } from '../../server/src/engine/schemaCatalog';
import { SCHEMA_TARGETS } from '../../server/src/formats/targets';

const SCHEMAS = path.resolve(__dirname, '..', '..', 'schemas');

test('the committed schemas are what the TypeScript types generate', { timeout: 120_000 }, () => {
  const generated = generateSchemas();
  for (const [file, text] of generated) {
    const committed = fs.readFileSync(path.join(SCHEMAS, file), 'utf8');
    assert.ok(committed === text, `schemas/${file} is stale: run \`npm run schemas\` and commit the result`);
  }
  const onDisk = fs
    .readdirSync(SCHEMAS)
    .filter((f) => f.endsWith('.schema.json'))
    .sort();
  assert.deepEqual(onDisk, [...generated.keys()].sort(), 'schemas/ holds exactly the generated files');
});

test('every schema target is bundled into the engine', () => {
  assert.deepEqual(
    BUILTIN_SCHEMAS.map((e) => e.target.file),
    SCHEMA_TARGETS.map((t) => t.file),
  );
  for (const entry of BUILTIN_SCHEMAS) assert.equal(entry.schema.$id, entry.target.id);
});

test('every type and property of our own formats carries a description (they become hover text)', () => {
  const missing: string[] = [];
  const visit = (node: unknown, where: string) => {
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (record.properties && typeof record.properties === 'object') {
      for (const [key, value] of Object.entries(record.properties as Record<string, Record<string, unknown>>)) {
        if (!value.description && !value.$ref) missing.push(`${where}.${key}`);
        visit(value, `${where}.${key}`);
      }
    }
    // Patches (if/then, alternatives) restate properties already described where they are declared.
    const skipped = new Set(['properties', 'allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', 'not']);
    for (const [key, value] of Object.entries(record)) if (!skipped.has(key)) visit(value, `${where}/${key}`);
  };
  for (const entry of BUILTIN_SCHEMAS) visit(entry.schema, entry.target.file);
  assert.deepEqual(missing, []);
});
