// ODCS v3.0 library quality checks (`rule: nullCheck`) as their v3.1 equivalents (`metric: nullValues,
// mustBe: 0`). v3.1.0 replaced the free-form `rule` names of v3.0.x with a fixed set of metrics
// (nullValues, missingValues, invalidValues, duplicateValues, rowCount); the examples of v3.0.x
// use the names below. Shared by `migrate` (to rewrite a file) and the breaking-change rules (to see
// that a migrated check is the same check). Pure: plain data in, plain data out.
import { isRecord } from '../kinds';

/** A v3.0 `rule` name → the v3.1 metric, and the threshold the v3.0 rule implied when it had none. */
interface RuleMapping {
  metric: string;
  /** The threshold the name itself carries (`nullCheck`: no nulls at all). */
  implied?: Record<string, unknown>;
}

const RULES: Record<string, RuleMapping> = {
  nullcheck: { metric: 'nullValues', implied: { mustBe: 0 } },
  notnull: { metric: 'nullValues', implied: { mustBe: 0 } },
  nullvalues: { metric: 'nullValues' },
  nullcount: { metric: 'nullValues' },
  missingvalues: { metric: 'missingValues' },
  countcheck: { metric: 'rowCount' },
  rowcount: { metric: 'rowCount' },
  duplicatecount: { metric: 'duplicateValues' },
  duplicatevalues: { metric: 'duplicateValues' },
  uniquecheck: { metric: 'duplicateValues', implied: { mustBe: 0 } },
  unique: { metric: 'duplicateValues', implied: { mustBe: 0 } },
  validvalues: { metric: 'invalidValues', implied: { mustBe: 0 } },
  invalidvalues: { metric: 'invalidValues' },
};

/** The v3.1 threshold operators (v3.0 used the same names). */
export const V31_OPERATORS = [
  'mustBe', 'mustNotBe', 'mustBeGreaterThan', 'mustBeGreaterOrEqualTo', 'mustBeLessThan', 'mustBeLessOrEqualTo',
  'mustBeBetween', 'mustNotBeBetween',
] as const;

/** The v3.1 metric a v3.0 `rule` name stands for (`countCheck`, `row_count` → `rowCount`), or undefined. */
export function metricForRule(rule: string): string | undefined {
  return RULES[rule.replace(/[_\s-]/g, '').toLowerCase()]?.metric;
}

/**
 * A v3.0 quality check as v3.1 writes it: `rule: X` becomes `metric: <metric>` with the threshold the
 * rule's name implied when it gives none, `validValues: [...]` moves into `arguments`. A check that
 * is not a v3.0 library rule, or whose rule has no v3.1 metric, is returned unchanged (the same object).
 */
export function qualityV30ToV31(check: Record<string, unknown>): Record<string, unknown> {
  if (typeof check.rule !== 'string' || check.metric !== undefined) return check;
  const mapping = RULES[check.rule.replace(/[_\s-]/g, '').toLowerCase()];
  if (!mapping) return check;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(check)) {
    if (key === 'rule') out.metric = mapping.metric;
    else if (key === 'validValues' || key === 'missingValues') {
      const args = isRecord(out.arguments) ? out.arguments : {};
      out.arguments = { ...args, [key]: value };
    } else out[key] = value;
  }
  const hasThreshold = V31_OPERATORS.some((op) => check[op] !== undefined);
  if (!hasThreshold && mapping.implied) Object.assign(out, mapping.implied);
  return out;
}
