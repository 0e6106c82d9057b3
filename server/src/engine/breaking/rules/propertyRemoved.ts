// `breaking/property-removed`: a property is gone and no added one is its rename. Consumers of the
// old contract still read it (forward).
import { code, describeProperty, describeShort, F } from '../change';
import { ruleUnit } from './unit';

export const PROPERTY_REMOVED = ruleUnit(
  [
    {
      id: 'breaking/property-removed',
      severity: 'error',
      verdict: 'F',
      description: 'A property was removed: consumers still read it (breaks forward).',
    },
  ] as const,
  {
    property: {
      removed(old, ctx, out) {
        out.push({
          rule: 'breaking/property-removed',
          path: ctx.full,
          before: describeProperty(old),
          after: null,
          breaks: F,
          summary: `Property ${code(ctx.full)}${describeShort(old)} was removed.`,
          why: { forward: 'consumers of the old contract still read it' },
          action: `Removing \`${ctx.rel}\``,
          at: ctx.parent,
          scope: ctx.scope,
          was: { path: old.path, target: 'key' },
        });
      },
    },
  },
);
