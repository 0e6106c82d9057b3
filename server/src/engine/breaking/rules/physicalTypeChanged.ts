// `breaking/physical-type-changed`: a physical type (`physicalType`, or one per engine,
// `physicalType:<engine>`) changed, was declared or was dropped: `varchar(50)` → `varchar(100)` or a
// larger decimal widens (forward), the reverse narrows (backward), anything else both.
import { byDirection, code, directionNote } from '../change';
import { physicalTypeDirection, type Direction } from '../typeRules';
import { ruleUnit } from './unit';

export const PHYSICAL_TYPE_CHANGED = ruleUnit(
  [
    {
      id: 'breaking/physical-type-changed',
      severity: 'error',
      verdict: 'dir',
      description:
        'A physical type changed: `varchar(50)` → `varchar(100)` or a larger decimal widens (breaks forward), the reverse narrows (breaks backward).',
    },
  ] as const,
  {
    property: {
      changed(b, c, ctx, out) {
        const full = ctx.full;
        const keys = new Set([...b.attrs.keys(), ...c.attrs.keys()].filter((k) => k.startsWith('physicalType')));
        for (const key of keys) {
          const bp = b.attrs.get(key)?.value;
          const cp = c.attrs.get(key)?.value;
          if (typeof bp !== 'string' && typeof cp !== 'string') continue;
          const direction: Direction =
            typeof bp !== 'string' ? 'narrower' : typeof cp !== 'string' ? 'wider' : physicalTypeDirection(bp, cp);
          if (direction === 'equal') continue;
          const which = key === 'physicalType' ? 'physical type' : `\`${key.slice('physicalType:'.length)}\``;
          out.push({
            rule: 'breaking/physical-type-changed',
            path: full,
            before: bp ?? null,
            after: cp ?? null,
            breaks: byDirection(direction),
            summary:
              typeof bp !== 'string'
                ? `Property ${code(full)} now declares the ${which} ${code(cp)}.`
                : typeof cp !== 'string'
                  ? `Property ${code(full)} no longer declares its ${which} (was ${code(bp)}).`
                  : `The ${which} of ${code(full)} changed from ${code(bp)} to ${code(cp)}${directionNote(direction)}.`,
            why: {
              forward:
                direction === 'wider'
                  ? 'consumers of the old contract may receive values that do not fit their columns'
                  : `consumers of the old contract expect \`${String(bp)}\``,
              backward: `data written under the old contract may not fit \`${String(cp)}\``,
            },
            action: `Changing the ${which} of ${ctx.leaf}`,
            at: ctx.at(key),
            scope: ctx.scope,
          });
        }
      },
    },
  },
);
