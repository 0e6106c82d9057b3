// `breaking/property-renamed-logical`: a property's name changed while the column it is stored in did
// not (its `physicalName` is the old column, e.g. `txn_ref_dt` renamed to `transaction_reference_date`
// with `physicalName: txn_ref_dt`). Who it breaks depends on what they read: consumers of the logical
// model (ODPS ports, pipeline column maps and relationships that name the property) must follow the
// rename; those reading the physical column are not affected. index.ts grades it with the impact.
import type { Change, Place } from '../compare';
import type { NProperty } from '../model';
import type { RuleDoc } from './unit';

export const LOGICAL_RENAME = [
  {
    id: 'breaking/property-renamed-logical',
    severity: 'error',
    verdict: 'F',
    description:
      "A property's logical name changed while its stored column (`physicalName`) stayed: breaking (forward) only for consumers that read it by name (ODPS ports, pipeline column maps, relationships); the finding says which.",
  },
] as const satisfies readonly RuleDoc[];

/** The column a property is stored in: its `physicalName`, else its name. */
export function physicalColumn(p: NProperty): string {
  const declared = p.attrs.get('physicalName')?.value;
  return typeof declared === 'string' ? declared : p.name;
}

/** Whether a rename from `old` to `cur` keeps the stored column. */
export function isLogicalRename(old: NProperty, cur: NProperty): boolean {
  return old.name !== cur.name && physicalColumn(old) === physicalColumn(cur);
}

export function logicalRename(
  old: NProperty,
  cur: NProperty,
  full: string,
  rel: string,
  at: Place,
  scope: Change['scope'],
  was: Place,
): Change {
  const column = physicalColumn(cur);
  return {
    rule: 'breaking/property-renamed-logical',
    path: full,
    before: old.name,
    after: cur.name,
    breaks: { forward: true, backward: false },
    logicalOnly: true,
    summary: `Property ${'`'}${full}${'`'} was renamed to ${'`'}${cur.name}${'`'} in the logical model; its stored column ${'`'}${column}${'`'} is unchanged (a logical rename).`,
    why: { forward: `consumers of the logical model read it as \`${old.name}\`` },
    action: `Renaming \`${rel}\` (logical name only)`,
    at,
    scope,
    was,
  };
}
