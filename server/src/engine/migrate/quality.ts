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
  'mustBe',
  'mustNotBe',
  'mustBeGreaterThan',
  'mustBeGreaterOrEqualTo',
  'mustBeLessThan',
  'mustBeLessOrEqualTo',
  'mustBeBetween',
  'mustNotBeBetween',
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

// ---- the migration's form: always valid v3.1 ------------------------------------------------------
//
// `qualityV30ToV31` says what a v3.0 check means in v3.1 terms; a file rewritten to v3.1 also needs
// every library check to be valid there, and v3.1 requires a metric and exactly one threshold:
// - a mapped rule that gives no threshold and implies none (`countCheck`) gets the weakest one
//   (`rowCount` > 0; no duplicates, invalid or missing values), said in a note;
// - a value-range rule (`between`, `minCheck`, `maxCheck`) has no metric: with its bounds (custom
//   properties `min`/`max`, as the standard's v3.0 examples write them) it becomes the `sql` check
//   that counts the values outside them, `mustBe: 0` (`{object}`/`{property}` are the standard's
//   placeholders);
// - anything else becomes a `text` check, which keeps its description, the rule name kept as a
//   custom property.

const WEAKEST: Record<string, Record<string, number>> = {
  rowCount: { mustBeGreaterThan: 0 },
  nullValues: { mustBe: 0 },
  missingValues: { mustBe: 0 },
  invalidValues: { mustBe: 0 },
  duplicateValues: { mustBe: 0 },
};

const RANGE_RULES = new Set([
  'between',
  'betweencheck',
  'range',
  'rangecheck',
  'mincheck',
  'maxcheck',
  'minvalue',
  'maxvalue',
]);

export interface QualityMigration {
  /** The check as v3.1 writes it, valid there. */
  check: Record<string, unknown>;
  /** True when it checks exactly what the original did (no threshold or form was assumed). */
  exact: boolean;
  /** What was assumed or could not be carried across, one sentence each, for a person. */
  notes: string[];
}

/** A v3.0-style library check: a `rule` and no `metric` (type omitted or `library`). */
export function isV30LibraryCheck(check: unknown): check is Record<string, unknown> {
  return (
    isRecord(check) &&
    typeof check.rule === 'string' &&
    check.metric === undefined &&
    (check.type === undefined || check.type === 'library')
  );
}

/** The valid v3.1 form of a v3.0 library check; undefined when `check` is not one. Input unchanged. */
export function migrateQualityCheck(check: unknown): QualityMigration | undefined {
  if (!isV30LibraryCheck(check)) return undefined;
  const rule = check.rule as string;
  const mapped = qualityV30ToV31(check);
  if (mapped !== check) {
    // A threshold the rule's name implied goes right after `metric`, where a reader looks for it.
    const implied = Object.fromEntries(
      V31_OPERATORS.filter((op) => mapped[op] !== undefined && check[op] === undefined).map((op) => [op, mapped[op]]),
    );
    if (Object.keys(implied).length) {
      const rest = Object.fromEntries(Object.entries(mapped).filter(([k]) => !(k in implied)));
      return { check: insertAfter(rest, 'metric', implied), exact: true, notes: [] };
    }
    if (V31_OPERATORS.some((op) => mapped[op] !== undefined)) return { check: mapped, exact: true, notes: [] };
    const metric = mapped.metric as string;
    const assumed = WEAKEST[metric] ?? { mustBe: 0 };
    const [operator, value] = Object.entries(assumed)[0];
    return {
      check: insertAfter(mapped, 'metric', assumed),
      exact: false,
      notes: [
        `\`rule: ${rule}\` gives no threshold and v3.1 requires one: \`${operator}: ${value}\` was assumed; check it.`,
      ],
    };
  }
  if (RANGE_RULES.has(rule.replace(/[_\s-]/g, '').toLowerCase())) {
    const { min, max } = rangeBounds(check);
    if (min !== undefined || max !== undefined) {
      const outside = [
        ...(min !== undefined ? [`{property} < ${min}`] : []),
        ...(max !== undefined ? [`{property} > ${max}`] : []),
      ].join(' OR ');
      const out = replaceKey(
        check,
        'rule',
        { type: 'sql', query: `SELECT COUNT(*) FROM {object} WHERE ${outside}`, mustBe: 0 },
        new Set(['type', ...V31_OPERATORS]),
      );
      return {
        check: out,
        exact: true,
        notes: [
          `\`rule: ${rule}\` has no v3.1 metric: it became the SQL check that counts the values outside its bounds.`,
        ],
      };
    }
  }
  const out = replaceKey(
    check,
    'rule',
    { type: 'text' },
    new Set(['type', 'unit', 'arguments', 'validValues', 'missingValues', ...V31_OPERATORS]),
  );
  out.customProperties = [
    ...(Array.isArray(check.customProperties) ? check.customProperties : []),
    { property: 'rule', value: rule },
  ];
  out.description ??= `Library rule \`${rule}\` of ODCS v3.0.`;
  return {
    check: out,
    exact: false,
    notes: [
      `\`rule: ${rule}\` has no v3.1 metric: it became a \`text\` check, the rule name kept as a custom property.`,
    ],
  };
}

/** `min`/`max` of a range rule: its custom properties, else its `mustBeBetween`. */
function rangeBounds(check: Record<string, unknown>): { min?: number; max?: number } {
  const out: { min?: number; max?: number } = {};
  for (const cp of Array.isArray(check.customProperties) ? check.customProperties : []) {
    if (!isRecord(cp) || typeof cp.value !== 'number' || !Number.isFinite(cp.value)) continue;
    if (cp.property === 'min' || cp.property === 'minValue') out.min = cp.value;
    if (cp.property === 'max' || cp.property === 'maxValue') out.max = cp.value;
  }
  const between = check.mustBeBetween;
  if (
    Array.isArray(between) &&
    between.length === 2 &&
    between.every((n) => typeof n === 'number' && Number.isFinite(n))
  ) {
    out.min ??= between[0] as number;
    out.max ??= between[1] as number;
  }
  return out;
}

/** A copy with `entries` right after `key`, in that order. */
function insertAfter(
  obj: Record<string, unknown>,
  key: string,
  entries: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    out[k] = v;
    if (k === key) Object.assign(out, entries);
  }
  return out;
}

/** A copy where `key` is replaced by `entries` (in place) and the keys in `drop` are left out. */
function replaceKey(
  obj: Record<string, unknown>,
  key: string,
  entries: Record<string, unknown>,
  drop: ReadonlySet<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === key) Object.assign(out, entries);
    else if (!drop.has(k) && !(k in entries)) out[k] = v;
  }
  return out;
}
