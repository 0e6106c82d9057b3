// `breaking/primary-key-changed`, `breaking/partition-changed`: one check of a schema object's key
// columns (its primary key, its partitioning), renamed properties read under their new names. A key
// declared where none was breaks backward (old data may not be unique on it / is laid out without
// it), one dropped breaks forward, any other change both.
import { B, code, F, FB, type Place, type Sink } from '../change';
import { canonical, type NObject, type NProperty } from '../model';
import { ruleUnit } from './unit';

function findProperty(list: readonly NProperty[], dotted: string): NProperty | undefined {
  for (const p of list) {
    if (p.name === dotted) return p;
    if (dotted.startsWith(p.name + '.')) {
      const found = findProperty(p.children, dotted.slice(p.name.length + 1));
      if (found) return found;
    }
  }
  return undefined;
}

function compareKeys(
  base: NObject,
  current: NObject,
  renamed: ReadonlyMap<string, string>,
  which: 'primaryKey' | 'partition',
  out: Sink<'breaking/primary-key-changed' | 'breaking/partition-changed'>,
): void {
  const name = current.name;
  const before = base[which].map((p) => renamed.get(p) ?? p);
  const after = current[which];
  if (canonical(before) === canonical(after)) return;
  const flag = which === 'primaryKey' ? 'primaryKey' : 'partitioned';
  // Point at the first property whose flag changed, else at the object (or its `primaryKey` list).
  const changed = [...after.filter((p) => !before.includes(p)), ...before.filter((p) => !after.includes(p))];
  let at: Place =
    which === 'primaryKey' && current.primaryKeyPath
      ? { path: current.primaryKeyPath, target: 'value' }
      : { path: current.path, target: 'key' };
  for (const dotted of changed) {
    const prop = findProperty(current.properties, dotted);
    if (prop) {
      const attr = prop.attrs.get(flag);
      at = attr ? { path: attr.path, target: 'value' } : { path: prop.path, target: 'key' };
      break;
    }
  }
  const list = (l: string[]) => (l.length ? l.map((p) => `\`${p}\``).join(', ') : '(none)');
  const label = which === 'primaryKey' ? 'primary key' : 'partitioning';
  out.push({
    rule: which === 'primaryKey' ? 'breaking/primary-key-changed' : 'breaking/partition-changed',
    path: name,
    before: base[which],
    after,
    breaks: !before.length ? B : !after.length ? F : FB,
    summary: `The ${label} of ${code(name)} changed from ${list(base[which])} to ${list(after)}.`,
    why:
      which === 'primaryKey'
        ? {
            forward: 'consumers join and deduplicate on the old key',
            backward: 'data written under the old contract may not be unique on the new key',
          }
        : {
            forward: 'consumers prune and locate files by the old partitioning',
            backward: 'data already written is laid out by the old partitioning',
          },
    action: `Changing the ${label} of \`${name}\``,
    at,
    scope: { schemaObject: base.name },
  });
}

export const KEYS_CHANGED = ruleUnit(
  [
    {
      id: 'breaking/primary-key-changed',
      severity: 'error',
      verdict: 'FB', // a key declared where none was: B; dropped: F
      description: 'The primary key of a schema object changed.',
    },
    {
      id: 'breaking/partition-changed',
      severity: 'error',
      verdict: 'FB',
      description: 'The partition columns of a schema object changed.',
    },
  ] as const,
  {
    object: {
      changed(old, cur, renamed, out) {
        compareKeys(old, cur, renamed, 'primaryKey', out);
        compareKeys(old, cur, renamed, 'partition', out);
      },
    },
  },
);
