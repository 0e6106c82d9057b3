// `breaking/logical-type-changed`: a property's logical type changed, was declared or was dropped.
// The direction decides: widening (integer → number, date → timestamp, dropping the type) breaks
// forward, narrowing (declaring one) backward, anything else both (../typeRules.ts).
import { byDirection, code, directionNote, WHY_WIDER } from '../change';
import { logicalTypeDirection, type Direction } from '../typeRules';
import { ruleUnit } from './unit';

export const LOGICAL_TYPE_CHANGED = ruleUnit(
  [
    {
      id: 'breaking/logical-type-changed',
      severity: 'error',
      verdict: 'dir',
      description:
        'A logical type changed: widening (integer → number, date → timestamp) breaks forward, narrowing backward, anything else both.',
    },
  ] as const,
  {
    property: {
      changed(b, c, ctx, out) {
        const bt = b.attrs.get('type')?.value;
        const ct = c.attrs.get('type')?.value;
        if (bt === ct || (typeof bt !== 'string' && typeof ct !== 'string')) return;
        const direction: Direction =
          typeof bt !== 'string' ? 'narrower' : typeof ct !== 'string' ? 'wider' : logicalTypeDirection(bt, ct);
        if (direction === 'equal') return;
        const bs = b.attrs.get('type')?.shown ?? bt;
        const cs = c.attrs.get('type')?.shown ?? ct;
        const full = ctx.full;
        out.push({
          rule: 'breaking/logical-type-changed',
          path: full,
          before: bs ?? null,
          after: cs ?? null,
          breaks: byDirection(direction),
          summary:
            typeof bt !== 'string'
              ? `Property ${code(full)} now declares type ${code(cs)}.`
              : typeof ct !== 'string'
                ? `Property ${code(full)} no longer declares its type (was ${code(bs)}).`
                : `The type of ${code(full)} changed from ${code(bs)} to ${code(cs)}${directionNote(direction)}.`,
          why: {
            forward:
              direction === 'wider' ? WHY_WIDER : 'consumers of the old contract read it as `' + String(bs) + '`',
            backward: 'data written under the old contract holds `' + String(bs ?? 'untyped') + '` values',
          },
          action: `Changing the type of ${ctx.leaf}`,
          at: ctx.at('type'),
          scope: ctx.scope,
        });
      },
    },
  },
);
