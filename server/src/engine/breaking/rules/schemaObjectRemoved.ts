// `breaking/schema-object-removed`: a schema object (ODCS `schema[]`, DCS `models`) is gone and no
// added one is its rename. Consumers still read it; what was written for it is no longer governed.
import { code, FB } from '../change';
import { ruleUnit } from './unit';

export const SCHEMA_OBJECT_REMOVED = ruleUnit(
  [
    {
      id: 'breaking/schema-object-removed',
      severity: 'error',
      verdict: 'FB',
      description: 'A schema object (ODCS `schema[]`, DCS `models`) was removed.',
    },
  ] as const,
  {
    object: {
      removed(old, current, out) {
        out.push({
          rule: 'breaking/schema-object-removed',
          path: old.name,
          before: old.name,
          after: null,
          breaks: FB,
          summary: `Schema object ${code(old.name)} was removed.`,
          why: {
            forward: 'consumers still read it',
            backward: 'data written under the old contract for it is no longer governed',
          },
          action: `Removing \`${old.name}\``,
          at: { path: current.format === 'odcs' ? ['schema'] : ['models'], target: 'key' },
          scope: { schemaObject: old.name },
          was: { path: old.path, target: 'key' },
        });
      },
    },
  },
);
