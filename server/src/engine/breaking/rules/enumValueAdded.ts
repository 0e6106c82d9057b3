// `breaking/enum-value-added`: a property's `enum` allows a new value; consumers of the old contract
// do not handle it (forward). An `enum` declared where there was none is a tightened constraint
// (./constraint.ts).
import { F, listOf } from '../change';
import { canonical } from '../model';
import { enumValues } from './constraint';
import { ruleUnit } from './unit';

export const ENUM_VALUE_ADDED = ruleUnit(
  [
    {
      id: 'breaking/enum-value-added',
      severity: 'error',
      verdict: 'F',
      description: 'An allowed value was added to an `enum`: consumers may not handle it (breaks forward).',
    },
  ] as const,
  {
    property: {
      changed(b, c, ctx, out) {
        const ba = b.attrs.get('enum');
        const ca = c.attrs.get('enum');
        if (!ba || !ca) return;
        const beforeKeys = new Set(enumValues(ba).map((v) => canonical(v)));
        const after = enumValues(ca);
        const fresh = after.filter((v) => !beforeKeys.has(canonical(v)));
        if (!fresh.length) return;
        // Point at the first new entry.
        const index = after.findIndex((v) => !beforeKeys.has(canonical(v)));
        out.push({
          rule: 'breaking/enum-value-added',
          path: ctx.full,
          before: null,
          after: fresh,
          breaks: F,
          summary: `Property \`${ctx.full}\` now also allows ${listOf(fresh)}.`,
          why: { forward: `consumers of the old contract do not handle ${listOf(fresh)}` },
          action: `Adding ${listOf(fresh)} to ${ctx.leaf}`,
          at: { path: [...ca.path, index], target: 'value' },
          scope: ctx.scope,
        });
      },
    },
  },
);
