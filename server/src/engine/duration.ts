// Durations as contracts write them, for every rule that compares or checks one (the breaking SLA
// rules, the lineage freshness rule): one parser, so the two can never read the same SLA differently.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Milliseconds per unit, by every spelling ODCS and DCS documents use (`m` is minutes, `mo` months). */
const UNITS: Record<string, number> = {
  ms: 1,
  msec: 1,
  millis: 1,
  millisecond: 1,
  milliseconds: 1,
  s: SECOND,
  sec: SECOND,
  secs: SECOND,
  second: SECOND,
  seconds: SECOND,
  m: MINUTE,
  min: MINUTE,
  mins: MINUTE,
  minute: MINUTE,
  minutes: MINUTE,
  h: HOUR,
  hr: HOUR,
  hrs: HOUR,
  hour: HOUR,
  hours: HOUR,
  d: DAY,
  day: DAY,
  days: DAY,
  w: 7 * DAY,
  wk: 7 * DAY,
  week: 7 * DAY,
  weeks: 7 * DAY,
  mo: 30 * DAY,
  mon: 30 * DAY,
  month: 30 * DAY,
  months: 30 * DAY,
  y: 365 * DAY,
  yr: 365 * DAY,
  yrs: 365 * DAY,
  year: 365 * DAY,
  years: 365 * DAY,
};

const ISO =
  /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/** Milliseconds of one unit spelling (`h`, `Hours`, `mo`), or undefined for an unknown one. */
export function unitMs(unit: string): number | undefined {
  return UNITS[unit.trim().toLowerCase()];
}

/**
 * A duration in milliseconds: `5m`, `30 s`, `1.5h`, ISO 8601 `PT25H`/`P1D`, or a bare number with the
 * unit given apart (ODCS `value: 4`, `unit: h`). A unit written in the value wins over the one apart.
 * Undefined when it cannot be read.
 */
export function durationOf(value: unknown, unit?: string): number | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0 || unit === undefined) return undefined;
    const factor = unitMs(unit);
    return factor === undefined ? undefined : value * factor;
  }
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  const iso = ISO.exec(t);
  if (iso && t.length > 1 && !/T$/i.test(t)) {
    const [, y, mo, w, d, h, mi, s] = iso.map((x) => (x === undefined ? 0 : Number(x)));
    return y * 365 * DAY + mo * 30 * DAY + w * 7 * DAY + d * DAY + h * HOUR + mi * MINUTE + s * SECOND;
  }
  const simple = /^(\d+(?:\.\d+)?)\s*([A-Za-z]*)$/.exec(t);
  if (!simple) return undefined;
  const spelled = simple[2] || unit;
  if (!spelled) return undefined;
  const factor = unitMs(spelled);
  return factor === undefined ? undefined : Number(simple[1]) * factor;
}

/** A duration written in one string (`25h`, `PT1H`), with no unit apart. */
export function parseDuration(text: string): number | undefined {
  return durationOf(text);
}

/** `90 s`, `15 min`, `1 h`, `1 h 30 min`, `2 d`: a duration for a message. */
export function formatDuration(ms: number): string {
  if (ms < SECOND) return `${Math.round(ms)} ms`;
  if (ms < MINUTE) return `${+(ms / SECOND).toFixed(1)} s`;
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
