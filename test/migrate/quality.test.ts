// The migration's form of v3.0 library quality checks (engine/migrate/quality.ts,
// `migrateQualityCheck`): always valid v3.1, with what was assumed said. The meaning-only mapping
// (`qualityV30ToV31`) has its own test in test/engine/migrate-quality.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isV30LibraryCheck, migrateQualityCheck } from '../../server/src/engine/migrate/quality';

describe('migrateQualityCheck', () => {
  it('nullCheck becomes nullValues with mustBe: 0, in the place of rule, other keys kept', () => {
    const input = { description: 'no nulls', rule: 'nullCheck', type: 'library', severity: 'error' };
    const out = migrateQualityCheck(input)!;
    assert.deepEqual(Object.entries(out.check), [
      ['description', 'no nulls'],
      ['metric', 'nullValues'],
      ['mustBe', 0],
      ['type', 'library'],
      ['severity', 'error'],
    ]);
    assert.equal(out.exact, true);
    assert.deepEqual(
      input,
      { description: 'no nulls', rule: 'nullCheck', type: 'library', severity: 'error' },
      'input unchanged',
    );
  });

  it('countCheck becomes rowCount; the threshold it never had is assumed, after metric, and said', () => {
    const out = migrateQualityCheck({ rule: 'countCheck', type: 'library' })!;
    assert.deepEqual(Object.entries(out.check), [
      ['metric', 'rowCount'],
      ['mustBeGreaterThan', 0],
      ['type', 'library'],
    ]);
    assert.equal(out.exact, false);
    assert.match(out.notes[0], /mustBeGreaterThan: 0/);
  });

  it('keeps a threshold that is there', () => {
    const out = migrateQualityCheck({ rule: 'rowCount', mustBeGreaterThan: 1000, type: 'library' })!;
    assert.deepEqual(out.check, { metric: 'rowCount', mustBeGreaterThan: 1000, type: 'library' });
    assert.equal(out.exact, true);
    assert.deepEqual(out.notes, []);
  });

  it('a range rule with bounds becomes the SQL check counting values outside them', () => {
    const cps = [
      { property: 'min', value: 0 },
      { property: 'max', value: 500 },
    ];
    const out = migrateQualityCheck({
      type: 'library',
      rule: 'between',
      description: 'under 500',
      customProperties: cps,
    })!;
    assert.deepEqual(out.check, {
      type: 'sql',
      query: 'SELECT COUNT(*) FROM {object} WHERE {property} < 0 OR {property} > 500',
      mustBe: 0,
      description: 'under 500',
      customProperties: cps,
    });
    const min = migrateQualityCheck({ rule: 'minCheck', customProperties: [{ property: 'min', value: 100000 }] })!;
    assert.equal(min.check.query, 'SELECT COUNT(*) FROM {object} WHERE {property} < 100000');
  });

  it('a rule with no v3.1 metric becomes a text check that keeps the rule name', () => {
    const out = migrateQualityCheck({ rule: 'freshnessCheck', mustBeLessThan: 3, description: 'fresh' })!;
    assert.deepEqual(out.check, {
      type: 'text',
      description: 'fresh',
      customProperties: [{ property: 'rule', value: 'freshnessCheck' }],
    });
    assert.equal(out.exact, false);
  });

  it('leaves alone what is not a v3.0 library check', () => {
    assert.equal(migrateQualityCheck({ metric: 'nullValues', mustBe: 0 }), undefined);
    assert.equal(migrateQualityCheck({ type: 'sql', query: 'select 1', rule: 'x', mustBe: 1 }), undefined);
    assert.equal(migrateQualityCheck('nullCheck'), undefined);
    assert.equal(isV30LibraryCheck({ rule: 'nullCheck' }), true);
    assert.equal(isV30LibraryCheck({ rule: 'nullCheck', metric: 'nullValues' }), false);
  });
});
