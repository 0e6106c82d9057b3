// DCS 0.9's contract-wide SodaCL block (`quality: { type: SodaCL, specification: { checks for
// orders: [row_count >= 10, ...] } }`) read as the checks it holds where they have a metric of their
// own: `row_count <op> n` is the `rowCount` metric of that model, `duplicate_count(col) <op> n` the
// `duplicateValues` of that field, `missing_count(col) <op> n` its `nullValues`. So a contract moved
// from that block to ODCS v3.1 (or DCS 1.x) `metric: rowCount` keeps its checks instead of losing one
// block and gaining new checks. What is not recognised stays in the contract-wide block.
import { isRecord } from '../../kinds';
import type { DataPath } from '../../workspace';

const OPS: Record<string, string> = {
  '>=': 'mustBeGreaterOrEqualTo',
  '>': 'mustBeGreaterThan',
  '<=': 'mustBeLessOrEqualTo',
  '<': 'mustBeLessThan',
  '=': 'mustBe',
  '!=': 'mustNotBe',
};

export interface SodaCheck {
  model: string;
  /** The field the check is about, when it has one. */
  field?: string;
  metric: string;
  thresholds: Record<string, number>;
  /** As written (`row_count >= 10`). */
  text: string;
  path: DataPath;
}

/** The recognised checks, and the specification left without them (undefined when nothing is left). */
export function splitSodaCl(quality: Record<string, unknown>): {
  checks: SodaCheck[];
  rest: Record<string, unknown> | undefined;
} {
  const spec = quality.specification;
  if (String(quality.type).toLowerCase() !== 'sodacl' || !isRecord(spec)) return { checks: [], rest: quality };
  const checks: SodaCheck[] = [];
  const left: Record<string, unknown> = {};
  for (const [key, list] of Object.entries(spec)) {
    const model = /^checks for (.+)$/.exec(key)?.[1]?.trim();
    if (!model || !Array.isArray(list)) {
      left[key] = list;
      continue;
    }
    const kept: unknown[] = [];
    list.forEach((item, i) => {
      const m =
        typeof item === 'string'
          ? /^\s*(row_count|duplicate_count\((\w+)\)|missing_count\((\w+)\))\s*(>=|<=|!=|>|<|=)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(
              item,
            )
          : null;
      if (!m) {
        kept.push(item);
        return;
      }
      const field = m[2] ?? m[3];
      const metric = m[1] === 'row_count' ? 'rowCount' : m[2] ? 'duplicateValues' : 'nullValues';
      checks.push({
        model,
        field,
        metric,
        thresholds: { [OPS[m[4]]]: Number(m[5]) },
        text: (item as string).trim(),
        path: ['quality', 'specification', key, i],
      });
    });
    if (kept.length) left[key] = kept;
  }
  const rest = Object.keys(left).length ? { ...quality, specification: left } : undefined;
  return { checks, rest };
}
