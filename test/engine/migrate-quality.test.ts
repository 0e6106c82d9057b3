// The v3.0 `rule:` → v3.1 `metric` mapping of quality checks (server/src/engine/migrate/quality.ts).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { metricForRule, qualityV30ToV31 } from '../../server/src/engine/migrate/quality';

test('bitol v3.0.2 full example: nullCheck and countCheck become their v3.1 metrics', () => {
  assert.deepEqual(qualityV30ToV31({ rule: 'nullCheck', type: 'library', dimension: 'completeness' }), {
    metric: 'nullValues',
    type: 'library',
    dimension: 'completeness',
    mustBe: 0,
  });
  // countCheck implies no threshold: the v3.1 form carries whatever it declares.
  assert.deepEqual(qualityV30ToV31({ rule: 'countCheck', mustBeGreaterThan: 10 }), {
    metric: 'rowCount',
    mustBeGreaterThan: 10,
  });
  assert.deepEqual(qualityV30ToV31({ rule: 'countCheck' }), { metric: 'rowCount' });
});

test('an explicit threshold wins over the one the name implies; validValues move into arguments', () => {
  assert.deepEqual(qualityV30ToV31({ rule: 'nullCheck', mustBeLessThan: 5 }), {
    metric: 'nullValues',
    mustBeLessThan: 5,
  });
  assert.deepEqual(qualityV30ToV31({ rule: 'validValues', validValues: ['a', 'b'] }), {
    metric: 'invalidValues',
    arguments: { validValues: ['a', 'b'] },
    mustBe: 0,
  });
});

test('checks that are not v3.0 library rules are returned as they are', () => {
  const sql = { type: 'sql', query: 'SELECT 1' };
  assert.equal(qualityV30ToV31(sql), sql);
  const unknown = { rule: 'minCheck', mustBeGreaterThan: 1 };
  assert.equal(qualityV30ToV31(unknown), unknown);
  const v31 = { metric: 'rowCount', rule: 'x' };
  assert.equal(qualityV30ToV31(v31), v31);
  assert.equal(metricForRule('row_count'), 'rowCount');
  assert.equal(metricForRule('between'), undefined);
});
