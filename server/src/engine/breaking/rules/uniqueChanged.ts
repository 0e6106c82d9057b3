// `breaking/unique-changed`: a property became unique (data written before may repeat values:
// backward) or lost its uniqueness (consumers rely on distinct values: forward).
import { B, code, F } from '../change';
import { ruleUnit } from './unit';

export const UNIQUE_CHANGED = ruleUnit(
  [
    {
      id: 'breaking/unique-changed',
      severity: 'error',
      verdict: 'dir', // to unique: B; to not unique: F
      description: 'A property became unique (breaks backward) or lost its uniqueness (breaks forward).',
    },
  ] as const,
  {
    property: {
      changed(b, c, ctx, out) {
        const before = b.attrs.get('unique')?.value === true;
        const after = c.attrs.get('unique')?.value === true;
        if (before === after) return;
        out.push({
          rule: 'breaking/unique-changed',
          path: ctx.full,
          before,
          after,
          breaks: after ? B : F,
          summary: `Property ${code(ctx.full)} is now ${after ? 'unique' : 'no longer unique'} (\`unique: ${before}\` → \`${after}\`).`,
          why: {
            forward: 'consumers of the old contract rely on distinct values',
            backward: 'data written under the old contract may repeat values',
          },
          action: `Changing the uniqueness of ${ctx.leaf}`,
          at: ctx.at('unique'),
          scope: ctx.scope,
        });
      },
    },
  },
);
