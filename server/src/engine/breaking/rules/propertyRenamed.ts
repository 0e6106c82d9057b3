// `breaking/property-renamed`: a property is gone and an added one is the same property (same id or
// physical name: certain; the same type and a similar name: "renamed `a` to `b`?"), or its
// `physicalName` changed (the column itself is renamed). Consumers read the old name (forward); when
// the new name is required, data written before lacks it (backward too). A rename that keeps the
// stored column is ./logicalRename.ts.
import { code, type Place } from '../change';
import { isLogicalRename } from '../renames';
import { ruleUnit } from './unit';

export const PROPERTY_RENAMED = ruleUnit(
  [
    {
      id: 'breaking/property-renamed',
      severity: 'error',
      verdict: 'F', // and B when the new name is required
      description:
        'A property was renamed (same id or physical name, or similar name and definition: "renamed `a` to `b`?"), or its physical name changed.',
    },
  ] as const,
  {
    property: {
      renamed(old, rename, ctx, out) {
        const to = rename.to;
        if (isLogicalRename(old, to)) return;
        const full = ctx.full;
        const at: Place = to.namePath ? { path: to.namePath, target: 'value' } : { path: to.path, target: 'key' };
        out.push({
          rule: 'breaking/property-renamed',
          path: full,
          before: old.name,
          after: to.name,
          breaks: { forward: true, backward: to.attrs.get('required')?.value === true },
          summary: rename.definite
            ? `Property ${code(full)} was renamed to ${code(to.name)} (${rename.evidence}).`
            : `Property ${code(full)} is gone and ${code(`${ctx.object}.${ctx.newRel}`)} is new with ${rename.evidence}: renamed ${code(old.name)} to ${code(to.name)}?`,
          why: {
            forward: `consumers read it as \`${old.name}\``,
            backward: `data written under the old contract has no \`${to.name}\`, which is now required`,
          },
          action: `Renaming \`${ctx.rel}\``,
          at,
          scope: ctx.scope,
          was: { path: old.path, target: 'key' },
        });
      },
      changed(b, c, ctx, out) {
        // Physical name: the column itself is renamed.
        const bn = b.attrs.get('physicalName')?.value;
        const cn = c.attrs.get('physicalName')?.value;
        if (typeof bn !== 'string' || typeof cn !== 'string' || bn === cn) return;
        out.push({
          rule: 'breaking/property-renamed',
          path: ctx.full,
          before: bn,
          after: cn,
          breaks: { forward: true, backward: c.attrs.get('required')?.value === true },
          summary: `The physical name of ${code(ctx.full)} changed from ${code(bn)} to ${code(cn)}: the column is renamed in the data source.`,
          why: {
            forward: `consumers query the column \`${bn}\``,
            backward: `data already written is stored in \`${bn}\``,
          },
          action: `Renaming the column of ${ctx.leaf}`,
          at: ctx.at('physicalName'),
          scope: ctx.scope,
        });
      },
    },
  },
);
