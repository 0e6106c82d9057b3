// `breaking/constraint-tightened`, `breaking/constraint-loosened`, `breaking/constraint-changed`: one
// check of each constraint of a property (bounds, pattern, format, multipleOf, uniqueItems, required
// properties, time zones, and a whole `enum` declared or dropped) and its new version, by direction:
// accepting fewer values breaks backward, more values forward, neither-contains-the-other both.
// Single `enum` values added or removed are ./enumValueAdded.ts and ./enumValueRemoved.ts.
import { B, byDirection, code, F, fmt, listOf, WHY_NARROWER, WHY_WIDER, type Sink } from '../change';
import { canonical, type Attr, type NProperty } from '../model';
import type { Direction } from '../typeRules';
import { ruleUnit, type PropertyPairContext } from './unit';

type ConstraintId = 'breaking/constraint-tightened' | 'breaking/constraint-loosened' | 'breaking/constraint-changed';

const LOWER_BOUNDS = new Set(['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties']);
const UPPER_BOUNDS = new Set(['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties']);
const CONSTRAINT_ORDER = [
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'requiredProperties',
  'timezone',
  'defaultTimezone',
];

const INT_FORMATS: Record<string, [number, boolean]> = {
  i8: [8, true],
  i16: [16, true],
  i32: [32, true],
  i64: [64, true],
  i128: [128, true],
  u8: [8, false],
  u16: [16, false],
  u32: [32, false],
  u64: [64, false],
  u128: [128, false],
};

function constraintDirection(
  name: string,
  ba: Attr | undefined,
  ca: Attr | undefined,
  type: string | undefined,
): Direction {
  const bv = ba?.value;
  const cv = ca?.value;
  if (canonical(bv) === canonical(cv)) return 'equal';
  if (LOWER_BOUNDS.has(name) || UPPER_BOUNDS.has(name)) {
    if (ba === undefined) return 'narrower';
    if (ca === undefined) return 'wider';
    const order = orderOf(bv, cv);
    if (order === undefined) return 'other';
    if (order === 0) return 'equal';
    // A lower bound going up, or an upper bound going down, accepts fewer values.
    return LOWER_BOUNDS.has(name) === order > 0 ? 'narrower' : 'wider';
  }
  if (name === 'format' && typeof bv === 'string' && typeof cv === 'string') {
    const bi = INT_FORMATS[bv];
    const ci = INT_FORMATS[cv];
    if (bi && ci) return intFormatDirection(bi, ci);
    if ((bv === 'f32' || bv === 'f64') && (cv === 'f32' || cv === 'f64')) return cv === 'f64' ? 'wider' : 'narrower';
  }
  if (name === 'format' && type === 'integer') {
    // An integer without `format` is i32.
    const bi = INT_FORMATS[typeof bv === 'string' ? bv : 'i32'];
    const ci = INT_FORMATS[typeof cv === 'string' ? cv : 'i32'];
    if (bi && ci) return intFormatDirection(bi, ci);
  }
  if (name === 'uniqueItems') return cv === true ? 'narrower' : bv === true ? 'wider' : 'equal';
  if (name === 'multipleOf') {
    if (ba === undefined) return 'narrower';
    if (ca === undefined) return 'wider';
    if (typeof bv === 'number' && typeof cv === 'number' && bv > 0 && cv > 0) {
      if (isMultiple(cv, bv)) return 'narrower';
      if (isMultiple(bv, cv)) return 'wider';
    }
    return 'other';
  }
  if (name === 'requiredProperties') {
    const bs = new Set(Array.isArray(bv) ? bv.map(String) : []);
    const cs = new Set(Array.isArray(cv) ? cv.map(String) : []);
    const bInC = [...bs].every((x) => cs.has(x));
    const cInB = [...cs].every((x) => bs.has(x));
    return bInC && cInB ? 'equal' : bInC ? 'narrower' : cInB ? 'wider' : 'other';
  }
  if (name === 'timezone' || name === 'defaultTimezone') return 'other';
  // pattern, format: a new one restricts, a dropped one frees, a different one is neither.
  if (ba === undefined) return 'narrower';
  if (ca === undefined) return 'wider';
  return 'other';
}

function intFormatDirection([bBits, bSigned]: [number, boolean], [cBits, cSigned]: [number, boolean]): Direction {
  if (bBits === cBits && bSigned === cSigned) return 'equal';
  const contains = (outer: [number, boolean], inner: [number, boolean]) =>
    outer[1] === inner[1] ? outer[0] >= inner[0] : outer[1] && !inner[1] ? outer[0] > inner[0] : false;
  if (contains([cBits, cSigned], [bBits, bSigned])) return 'wider';
  if (contains([bBits, bSigned], [cBits, cSigned])) return 'narrower';
  return 'other';
}

function isMultiple(value: number, of: number): boolean {
  const ratio = value / of;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}

/** Numbers, or dates/times written as text; undefined when they cannot be ordered. */
function orderOf(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(b - a);
  if (typeof a === 'string' && typeof b === 'string') {
    const da = Date.parse(a);
    const db = Date.parse(b);
    if (!Number.isNaN(da) && !Number.isNaN(db)) return Math.sign(db - da);
    const na = Number(a);
    const nb = Number(b);
    if (a.trim() && b.trim() && !Number.isNaN(na) && !Number.isNaN(nb)) return Math.sign(nb - na);
  }
  return undefined;
}

function compareConstraints(b: NProperty, c: NProperty, ctx: PropertyPairContext, out: Sink<ConstraintId>): void {
  const full = ctx.full;
  const type = (c.attrs.get('type')?.value ?? b.attrs.get('type')?.value) as string | undefined;
  for (const name of CONSTRAINT_ORDER) {
    const ba = b.attrs.get(name);
    const ca = c.attrs.get(name);
    if (!ba && !ca) continue;
    const direction = constraintDirection(name, ba, ca, type);
    if (direction === 'equal') continue;
    const rule: ConstraintId =
      direction === 'narrower'
        ? 'breaking/constraint-tightened'
        : direction === 'wider'
          ? 'breaking/constraint-loosened'
          : 'breaking/constraint-changed';
    const shown = name === 'requiredProperties' ? 'required' : name;
    out.push({
      rule,
      path: full,
      before: ba ? { [shown]: ba.value } : null,
      after: ca ? { [shown]: ca.value } : null,
      breaks: byDirection(direction),
      summary: !ba
        ? `Property ${code(full)} gained the constraint \`${shown}: ${fmt(ca!.value)}\`.`
        : !ca
          ? `Property ${code(full)} lost the constraint \`${shown}: ${fmt(ba.value)}\`.`
          : `The constraint \`${shown}\` of ${code(full)} changed from \`${fmt(ba.value)}\` to \`${fmt(ca.value)}\`${direction === 'other' ? ' (neither accepts all the values of the other)' : ''}.`,
      why: { forward: WHY_WIDER, backward: WHY_NARROWER },
      action: `${direction === 'narrower' ? 'Tightening' : direction === 'wider' ? 'Loosening' : 'Changing'} \`${shown}\` of ${ctx.leaf}`,
      at: ca ? ctx.at(name) : { path: c.path, target: 'key' },
      scope: ctx.scope,
    });
  }
}

/** The values of an `enum` attribute (none when it is not a list). */
export function enumValues(a: Attr | undefined): unknown[] {
  return Array.isArray(a?.value) ? (a!.value as unknown[]) : [];
}

/** An `enum` declared where there was none (tightened), or dropped (loosened). */
function compareWholeEnum(b: NProperty, c: NProperty, ctx: PropertyPairContext, out: Sink<ConstraintId>): void {
  const ba = b.attrs.get('enum');
  const ca = c.attrs.get('enum');
  if ((!ba && !ca) || (ba && ca)) return;
  const full = ctx.full;
  const list = enumValues(ba ?? ca);
  out.push({
    rule: ba ? 'breaking/constraint-loosened' : 'breaking/constraint-tightened',
    path: full,
    before: ba ? { enum: list } : null,
    after: ca ? { enum: list } : null,
    breaks: ba ? F : B,
    summary: ba
      ? `Property ${code(full)} no longer restricts its values to ${listOf(list)}.`
      : `Property ${code(full)} now restricts its values to ${listOf(list)}.`,
    why: { forward: WHY_WIDER, backward: WHY_NARROWER },
    action: ba ? `Dropping the allowed values of ${ctx.leaf}` : `Restricting the values of ${ctx.leaf}`,
    at: ca ? ctx.at('enum') : { path: c.path, target: 'key' },
    scope: ctx.scope,
  });
}

export const CONSTRAINTS = ruleUnit(
  [
    {
      id: 'breaking/constraint-tightened',
      severity: 'error',
      verdict: 'B',
      description:
        'A constraint (minLength, maxLength, minimum, maximum, pattern, format, enum...) accepts fewer values (breaks backward).',
    },
    {
      id: 'breaking/constraint-loosened',
      severity: 'error',
      verdict: 'F',
      description: 'A constraint accepts more values, or was dropped (breaks forward).',
    },
    {
      id: 'breaking/constraint-changed',
      severity: 'error',
      verdict: 'FB',
      description:
        'A constraint changed so that neither version accepts all values of the other (a new pattern or format; breaks both).',
    },
  ] as const,
  {
    property: {
      changed(b, c, ctx, out) {
        compareConstraints(b, c, ctx, out);
        compareWholeEnum(b, c, ctx, out);
      },
    },
  },
);
