// Durations and cron schedules, as far as the freshness rule needs them: how long a promise is,
// and the longest a cron schedule leaves between two runs. Pure functions, no clock.

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export { durationOf, formatDuration, parseDuration } from '../duration';

// ---- cron ---------------------------------------------------------------------------------------

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The values one cron field allows, or undefined when the field cannot be read. */
function cronField(
  text: string,
  min: number,
  max: number,
  names?: readonly string[],
  nameBase = 0,
): { values: Set<number>; any: boolean } | undefined {
  const values = new Set<number>();
  const value = (s: string): number | undefined => {
    const i = names?.indexOf(s.toLowerCase()) ?? -1;
    if (i >= 0) return i + nameBase;
    return /^\d+$/.test(s) ? Number(s) : undefined;
  };
  for (const part of text.split(',')) {
    const m = /^(\*|[^-/]+(?:-[^-/]+)?)(?:\/(\d+))?$/.exec(part);
    if (!m) return undefined;
    const step = m[2] === undefined ? 1 : Number(m[2]);
    if (step < 1) return undefined;
    let from = min;
    let to = max;
    if (m[1] !== '*') {
      const [a, b] = m[1].split('-');
      const va = value(a);
      const vb = b === undefined ? (m[2] === undefined ? va : max) : value(b);
      if (va === undefined || vb === undefined) return undefined;
      from = va;
      to = vb;
    }
    if (from < min || to > max || from > to) return undefined;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return { values, any: text === '*' || text === '*/1' };
}

const gapCache = new Map<string, number | undefined>();

/**
 * The longest time a five-field cron schedule leaves between two runs (minute hour day-of-month
 * month day-of-week; lists, ranges, steps and month/weekday names), over a whole year, read in
 * the schedule's own time zone (daylight saving shifts are ignored). Undefined when the
 * expression cannot be read or never fires.
 */
export function cronMaxGap(expression: string): number | undefined {
  const key = expression.trim();
  if (gapCache.has(key)) return gapCache.get(key);
  const gap = computeGap(key);
  if (gapCache.size > 1000) gapCache.clear();
  gapCache.set(key, gap);
  return gap;
}

function computeGap(expression: string): number | undefined {
  const fields = expression.split(/\s+/);
  if (fields.length !== 5) return undefined;
  const minute = cronField(fields[0], 0, 59);
  const hour = cronField(fields[1], 0, 23);
  const dom = cronField(fields[2], 1, 31);
  const month = cronField(fields[3], 1, 12, MONTHS, 1);
  const dowRaw = cronField(fields[4].replace(/\b7\b/g, '0'), 0, 6, WEEKDAYS);
  if (!minute || !hour || !dom || !month || !dowRaw) return undefined;
  const times: number[] = [];
  for (const h of [...hour.values].sort((a, b) => a - b))
    for (const m of [...minute.values].sort((a, b) => a - b)) times.push(h * 60 + m);
  if (!times.length) return undefined;
  // Two years from a Monday (2024-01-01, a leap year), so the gap across the year's end is seen.
  const start = Date.UTC(2024, 0, 1);
  let previous: number | undefined;
  let first: number | undefined;
  let max = 0;
  for (let day = 0; day < 731; day++) {
    const date = new Date(start + day * DAY);
    const d = date.getUTCDate();
    const mo = date.getUTCMonth() + 1;
    const wd = date.getUTCDay();
    if (!month.values.has(mo)) continue;
    // Vixie cron: when both day fields are restricted, a day matching either one fires.
    const domOk = dom.values.has(d);
    const dowOk = dowRaw.values.has(wd);
    const dayOk = dom.any || dowRaw.any ? domOk && dowOk : domOk || dowOk;
    if (!dayOk) continue;
    for (const t of times) {
      const at = day * 24 * 60 + t;
      if (previous !== undefined) max = Math.max(max, at - previous);
      if (first === undefined) first = at;
      previous = at;
    }
  }
  if (previous === undefined) return undefined;
  if (previous === first) return 365 * DAY;
  return max * MINUTE;
}
