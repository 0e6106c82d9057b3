// Quality thresholds as intervals (`mustBeGreaterThan: 5`, `mustBeBetween: [0, 10]`...), to tell
// whether a changed threshold is more lenient (wider), stricter (narrower) or neither.
import { fmt, type Place } from './change';
import { canonical, type NQuality } from './model';
import type { Direction } from './typeRules';

interface Interval {
  lo: number;
  loOpen: boolean;
  hi: number;
  hiOpen: boolean;
}

function thresholdInterval(t: Record<string, unknown>): Interval | undefined | 'unknown' {
  const keys = Object.keys(t);
  if (!keys.length) return undefined;
  const iv: Interval = { lo: -Infinity, loOpen: false, hi: Infinity, hiOpen: false };
  const lower = (v: number, open: boolean) => {
    if (v > iv.lo || (v === iv.lo && open)) {
      iv.lo = v;
      iv.loOpen = open;
    }
  };
  const upper = (v: number, open: boolean) => {
    if (v < iv.hi || (v === iv.hi && open)) {
      iv.hi = v;
      iv.hiOpen = open;
    }
  };
  for (const [key, v] of Object.entries(t)) {
    const pair =
      Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number'
        ? (v as [number, number])
        : undefined;
    if (key === 'mustBeBetween' && pair) {
      lower(pair[0], false);
      upper(pair[1], false);
      continue;
    }
    if (typeof v !== 'number') return 'unknown';
    switch (key) {
      case 'mustBe':
        lower(v, false);
        upper(v, false);
        break;
      case 'mustBeGreaterThan':
        lower(v, true);
        break;
      case 'mustBeGreaterOrEqualTo':
      case 'mustBeGreaterThanOrEqualTo':
        lower(v, false);
        break;
      case 'mustBeLessThan':
        upper(v, true);
        break;
      case 'mustBeLessOrEqualTo':
      case 'mustBeLessThanOrEqualTo':
        upper(v, false);
        break;
      default:
        return 'unknown';
    }
  }
  return iv;
}

function contains(outer: Interval, inner: Interval): boolean {
  const loOk = outer.lo < inner.lo || (outer.lo === inner.lo && (!outer.loOpen || inner.loOpen));
  const hiOk = outer.hi > inner.hi || (outer.hi === inner.hi && (!outer.hiOpen || inner.hiOpen));
  return loOk && hiOk;
}

export function thresholdDirection(before: Record<string, unknown>, after: Record<string, unknown>): Direction {
  if (canonical(before) === canonical(after)) return 'equal';
  const b = thresholdInterval(before);
  const a = thresholdInterval(after);
  if (b === 'unknown' || a === 'unknown') return 'other';
  if (b === undefined) return 'narrower'; // a threshold where there was none
  if (a === undefined) return 'wider';
  const wider = contains(a, b);
  const narrower = contains(b, a);
  return wider && narrower ? 'equal' : wider ? 'wider' : narrower ? 'narrower' : 'other';
}

export function showThresholds(t: Record<string, unknown>): string {
  const entries = Object.entries(t);
  return entries.length ? entries.map(([k, v]) => `${k}: ${fmt(v)}`).join(', ') : 'no threshold';
}

export function thresholdPlace(q: NQuality): Place {
  const key = Object.keys(q.thresholds)[0];
  return key ? { path: [...q.path, key], target: 'value' } : { path: q.path, target: 'key' };
}
