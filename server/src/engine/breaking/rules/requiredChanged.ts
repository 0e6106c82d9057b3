// `breaking/required-changed`: a property became required (data written before may miss it:
// backward) or optional (consumers do not expect missing values: forward).
import { B, code, F } from '../change';
import { ruleUnit } from './unit';

export const REQUIRED_CHANGED = ruleUnit(
  [
    {
      id: 'breaking/required-changed',
      severity: 'error',
      verdict: 'dir', // to required: B; to optional: F
      description: 'A property became required (breaks backward) or optional (breaks forward).',
    },
  ] as const,
  {
    property: {
      changed(b, c, ctx, out) {
        const before = b.attrs.get('required')?.value === true;
        const after = c.attrs.get('required')?.value === true;
        if (before === after) return;
        const word = after ? 'required' : 'optional';
        out.push({
          rule: 'breaking/required-changed',
          path: ctx.full,
          before,
          after,
          breaks: after ? B : F,
          summary: `Property ${code(ctx.full)} is now ${word} (\`required: ${before}\` → \`${after}\`).`,
          why: {
            forward: 'consumers of the old contract do not expect missing values',
            backward: 'data written under the old contract may have missing values',
          },
          action: `Making ${ctx.leaf} ${word}`,
          at: ctx.at('required'),
          scope: ctx.scope,
        });
      },
    },
  },
);
