// `breaking/property-added-required`, `breaking/property-added-optional`: one check of a property
// that is new (and no rename): required, data written before lacks it (backward); optional, it
// breaks no one.
import { B, code, describeProperty, describeShort, NONE } from '../change';
import { ruleUnit } from './unit';

export const PROPERTY_ADDED = ruleUnit(
  [
    {
      id: 'breaking/property-added-required',
      severity: 'error',
      verdict: 'B',
      description: 'A required property was added: data written before lacks it (breaks backward).',
    },
    {
      id: 'breaking/property-added-optional',
      severity: 'info',
      verdict: '-',
      description: 'An optional property was added (compatible in every mode).',
    },
  ] as const,
  {
    property: {
      added(cur, ctx, out) {
        const required = cur.attrs.get('required')?.value === true;
        out.push({
          rule: required ? 'breaking/property-added-required' : 'breaking/property-added-optional',
          path: ctx.full,
          before: null,
          after: describeProperty(cur),
          breaks: required ? B : NONE,
          summary: `Property ${code(ctx.full)}${describeShort(cur)} was added${required ? ' as required' : ' (optional)'}.`,
          why: { backward: 'data written under the old contract does not have it' },
          action: `Adding required \`${ctx.rel}\``,
          at: { path: cur.path, target: 'key' },
          scope: ctx.scope,
        });
      },
    },
  },
);
