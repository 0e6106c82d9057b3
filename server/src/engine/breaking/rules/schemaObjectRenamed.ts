// `breaking/schema-object-renamed`: a schema object is gone and an added one is the same object
// (same id or physical name: certain; most properties in common and a similar name: "renamed?").
// Its properties are then compared with the renamed object's.
import { code, FB } from '../change';
import { ruleUnit } from './unit';

export const SCHEMA_OBJECT_RENAMED = ruleUnit(
  [
    {
      id: 'breaking/schema-object-renamed',
      severity: 'error',
      verdict: 'FB',
      description: 'A schema object was renamed (same id or physical name, or most properties in common).',
    },
  ] as const,
  {
    object: {
      renamed(old, rename, out) {
        out.push({
          rule: 'breaking/schema-object-renamed',
          path: old.name,
          before: old.name,
          after: rename.to.name,
          breaks: FB,
          summary: rename.definite
            ? `Schema object ${code(old.name)} was renamed to ${code(rename.to.name)} (${rename.evidence}).`
            : `Schema object ${code(old.name)} is gone and ${code(rename.to.name)} is new with ${rename.evidence}: renamed ${code(old.name)} to ${code(rename.to.name)}?`,
          why: {
            forward: `consumers read it as \`${old.name}\``,
            backward: `data written under the old contract is stored as \`${old.name}\``,
          },
          action: `Renaming \`${old.name}\``,
          at: rename.to.namePath
            ? { path: rename.to.namePath, target: 'value' }
            : { path: rename.to.path, target: 'key' },
          scope: { schemaObject: old.name },
          was: { path: old.path, target: 'key' },
        });
      },
    },
  },
);
