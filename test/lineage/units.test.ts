// Every lineage rule is a unit (server/src/engine/lineage/rules/): an id, a default severity, a
// one-line doc and a check, listed once; engine/rules.ts lists the same rules; and each has its own
// `describe` in rules.test.ts, where it is triggered and shown silent on its clean variants. A rule
// registered without them fails here.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { LINEAGE_RULES } from '../../server/src/engine/lineage/rules/index';
import { RULES } from '../../server/src/engine/rules';

describe('the catalogue of lineage rules', () => {
  const tests = fs.readFileSync(path.join(__dirname, 'rules.test.ts'), 'utf8');

  it('every unit has an id, a severity, a one-line doc, a check, and a describe in rules.test.ts', () => {
    const untested: string[] = [];
    for (const rule of LINEAGE_RULES) {
      assert.match(rule.id, /^lineage\/[a-z]+(-[a-z]+)*$/);
      assert.ok(['error', 'warning', 'info'].includes(rule.severity), `${rule.id}: severity`);
      assert.ok(rule.description.length > 20 && !rule.description.includes('\n'), `${rule.id}: one-line doc`);
      assert.equal(typeof rule.check, 'function');
      if (!tests.includes(`describe('${rule.id}'`)) untested.push(rule.id);
    }
    assert.deepEqual(untested, [], 'lineage rules without their describe in rules.test.ts');
  });

  it('ids are unique, and engine/rules.ts lists exactly the units', () => {
    const ids = LINEAGE_RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(
      RULES.filter((r) => r.id.startsWith('lineage/')),
      LINEAGE_RULES.map(({ id, severity, description }) => ({ id, severity, description })),
    );
  });
});
