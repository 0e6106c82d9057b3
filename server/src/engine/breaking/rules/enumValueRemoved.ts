// `breaking/enum-value-removed`: an allowed value left a property's `enum`; data written before may
// hold it (backward). An `enum` dropped as a whole is a loosened constraint (./constraint.ts).
import { B, listOf } from '../change';
import { canonical } from '../model';
import { enumValues } from './constraint';
import { ruleUnit } from './unit';

export const ENUM_VALUE_REMOVED = ruleUnit(
  [
    {
      id: 'breaking/enum-value-removed',
      severity: 'error',
      verdict: 'B',
      description: 'An allowed value was removed from an `enum` (breaks backward).',
    },
  ] as const,
  {
    property: {
      changed(b, c, ctx, out) {
        const ba = b.attrs.get('enum');
        const ca = c.attrs.get('enum');
        if (!ba || !ca) return;
        const afterKeys = new Set(enumValues(ca).map((v) => canonical(v)));
        const gone = enumValues(ba).filter((v) => !afterKeys.has(canonical(v)));
        if (!gone.length) return;
        out.push({
          rule: 'breaking/enum-value-removed',
          path: ctx.full,
          before: gone,
          after: null,
          breaks: B,
          summary: `Property \`${ctx.full}\` no longer allows ${listOf(gone)}.`,
          why: { backward: `data written under the old contract may hold ${listOf(gone)}` },
          action: `Removing ${listOf(gone)} from ${ctx.leaf}`,
          at: ctx.at('enum'),
          scope: ctx.scope,
        });
      },
    },
  },
);
