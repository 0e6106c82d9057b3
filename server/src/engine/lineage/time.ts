// Durations and cron schedules, as far as the freshness rule needs them: how long a promise is,
// and the longest a cron schedule leaves between two runs. Pure functions, no clock.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Milliseconds per unit, by every spelling ODCS and DCS documents use (`m` is minutes, `mo` months). */
const UNITS: Record<string, number> = {
  ms: 1, millisecond: 1, milliseconds: 1,
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  m: MINUTE, min: MINUTE, mins: MINUTE, minute: MINUTE, minutes: MINUTE,
  h: HOUR, hr: HOUR, hrs: HOUR, hour: HOUR, hours: HOUR,
  d: DAY, day: DAY, days: DAY,
  w: 7 * DAY, wk: 7 * DAY, week: 7 * DAY, weeks: 7 * DAY,
  mo: 30 * DAY, mon: 30 * DAY, month: 30 * DAY, months: 30 * DAY,
  y: 365 * DAY, yr: 365 * DAY, yrs: 365 * DAY, year: 365 * DAY, years: 365 * DAY,
};

/** A value with a unit (`4` + `h`), in milliseconds; undefined when either cannot be read. */
export function durationOf(value: unknown, unit: string | undefined): number | undefined {
  if (typeof value === 'string') {
    const whole = parseDuration(value);
    if (whole !== undefined && unit === undefined) return whole;
  }
  const amount = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(amount) || amount < 0 || unit === undefined) return undefined;
  const factor = UNITS[unit.trim().toLowerCase()];
  return factor === undefined ? undefined : amount * factor;
}

/** `5m`, `30 s`, `1.5h`, `25h` or ISO 8601 `PT25H`, `P1D`, in milliseconds. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  const simple = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]+)$/.exec(t);
  if (simple) {
    const factor = UNITS[simple[2].toLowerCase()];
    return factor === undefined ? undefined : Number(simple[1]) * factor;
  }
  const iso = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(t);
  if (!iso || t.toUpperCase() === 'P' || /T$/i.test(t)) return undefined;
  const [, y, mo, w, d, h, mi, s] = iso.map((x) => (x === undefined ? 0 : Number(x)));
  return y * 365 * DAY + mo * 30 * DAY + w * 7 * DAY + d * DAY + h * HOUR + mi * MINUTE + s * 1000;
}

/** `90 s`, `15 min`, `1 h`, `1 h 30 min`, `2 d`: a duration for a message. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < MINUTE) return `${+(ms / 1000).toFixed(1)} s`;
  const parts: string[] = [];
  let rest = Math.round(ms / MINUTE);
  const days = Math.floor(rest / (24 * 60));
  rest -= days * 24 * 60;
  const hours = Math.floor(rest / 60);
  const minutes = rest - hours * 60;
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  if (minutes) parts.push(`${minutes} min`);
  return parts.join(' ') || '0 min';
}

// ---- cron ---------------------------------------------------------------------------------------

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The values one cron field allows, or undefined when the field cannot be read. */
function cronField(text: string, min: number, max: number, names?: readonly string[], nameBase = 0): { values: Set<number>; any: boolean } | undefined {
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
  for (const h of [...hour.values].sort((a, b) => a - b)) for (const m of [...minute.values].sort((a, b) => a - b)) times.push(h * 60 + m);
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
