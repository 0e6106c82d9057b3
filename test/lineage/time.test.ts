// Durations and cron gaps, as the freshness rule reads them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cronMaxGap, durationOf, formatDuration, parseDuration } from '../../server/src/engine/lineage';

const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;

describe('durations', () => {
  it('value + unit in every spelling; `m` is minutes, `mo` months', () => {
    assert.equal(durationOf(4, 'h'), 4 * H);
    assert.equal(durationOf(30, 's'), 30_000);
    assert.equal(durationOf(15, 'm'), 15 * MIN);
    assert.equal(durationOf(15, 'Minutes'), 15 * MIN);
    assert.equal(durationOf('2', 'd'), 2 * D);
    assert.equal(durationOf(1, 'mo'), 30 * D);
    assert.equal(durationOf(50, 'ms'), 50);
    assert.equal(durationOf(1, 'yr'), 365 * D);
    assert.equal(durationOf(99.9, 'percent'), undefined);
    assert.equal(durationOf('continuous', undefined), undefined);
    assert.equal(durationOf(5, undefined), undefined);
  });

  it('text durations: 5m, 1.5h, 25h, ISO 8601', () => {
    assert.equal(parseDuration('5m'), 5 * MIN);
    assert.equal(parseDuration('1.5h'), 1.5 * H);
    assert.equal(parseDuration('25h'), 25 * H);
    assert.equal(parseDuration('PT25H'), 25 * H);
    assert.equal(parseDuration('P1DT30M'), D + 30 * MIN);
    assert.equal(parseDuration('P'), undefined);
    assert.equal(parseDuration('soon'), undefined);
    assert.equal(durationOf('PT1H', undefined), H);
  });

  it('formats for a message', () => {
    assert.equal(formatDuration(90 * MIN), '1 h 30 min');
    assert.equal(formatDuration(D), '1 d');
    assert.equal(formatDuration(10_000), '10 s');
    assert.equal(formatDuration(50), '50 ms');
  });
});

describe('the longest gap of a cron schedule', () => {
  const cases: [string, number | undefined][] = [
    ['0 4 * * *', D],
    ['15 * * * *', H],
    ['*/5 * * * *', 5 * MIN],
    ['0 */6 * * *', 6 * H],
    ['0 9-17 * * *', 16 * H],
    ['0 2 * * 1-5', 3 * D],
    ['0 2 * * MON-FRI', 3 * D],
    ['0 1 * * 6', 7 * D],
    ['0 1 * * 7', 7 * D],
    ['0 0 1 * *', 31 * D],
    ['0 0 1,15 * *', 17 * D],
    ['0 0 1 JAN *', 366 * D],
    ['0 0 31 2 *', undefined],
    ['not a cron', undefined],
    ['61 * * * *', undefined],
  ];
  for (const [cron, gap] of cases) {
    it(`${cron} → ${gap === undefined ? 'unknown' : formatDuration(gap)}`, () => assert.equal(cronMaxGap(cron), gap));
  }

  it('day of month and day of week both restricted: a day matching either fires (Vixie cron)', () => {
    // The 1st of each month or every Monday: never more than a week apart.
    assert.ok(cronMaxGap('0 0 1 * MON')! <= 7 * D);
  });
});
