// `breaking/property-renamed-logical`: a property's name changed while the column it is stored in did
// not (its `physicalName` is the old column, e.g. `txn_ref_dt` renamed to `transaction_reference_date`
// with `physicalName: txn_ref_dt`). Who it breaks depends on what they read: consumers of the logical
// model (ODPS ports, pipeline column maps and relationships that name the property) must follow the
// rename; those reading the physical column are not affected. index.ts grades it with the impact.
import { F } from '../change';
import { isLogicalRename, physicalColumn } from '../renames';
import { ruleUnit } from './unit';

export const LOGICAL_RENAME = ruleUnit(
  [
    {
      id: 'breaking/property-renamed-logical',
      severity: 'error',
      verdict: 'F',
      description:
        "A property's logical name changed while its stored column (`physicalName`) stayed: breaking (forward) only for consumers that read it by name (ODPS ports, pipeline column maps, relationships); the finding says which.",
    },
  ] as const,
  {
    property: {
      renamed(old, rename, ctx, out) {
        const cur = rename.to;
        if (!isLogicalRename(old, cur)) return;
        const column = physicalColumn(cur);
        out.push({
          rule: 'breaking/property-renamed-logical',
          path: ctx.full,
          before: old.name,
          after: cur.name,
          breaks: F,
          logicalOnly: true,
          summary: `Property ${'`'}${ctx.full}${'`'} was renamed to ${'`'}${cur.name}${'`'} in the logical model; its stored column ${'`'}${column}${'`'} is unchanged (a logical rename).`,
          why: { forward: `consumers of the logical model read it as \`${old.name}\`` },
          action: `Renaming \`${ctx.rel}\` (logical name only)`,
          at: cur.namePath ? { path: cur.namePath, target: 'value' } : { path: cur.path, target: 'key' },
          scope: ctx.scope,
          was: { path: old.path, target: 'key' },
        });
      },
    },
  },
);
