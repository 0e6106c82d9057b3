// `breaking/server-type-changed`: a server's `type` or data `format` (or `delimiter`) changed:
// consumers read it with the old connector or decoder (forward).
import { code, F } from '../change';
import { changedKeys, FORMAT_KEYS, serverLabel, settingAt, shown } from './server';
import { ruleUnit } from './unit';

export const SERVER_TYPE_CHANGED = ruleUnit(
  [
    {
      id: 'breaking/server-type-changed',
      severity: 'error',
      verdict: 'F',
      description: "A server's `type` or data `format` (or `delimiter`) changed (breaks forward).",
    },
  ] as const,
  {
    server: {
      changed(old, cur, _current, out) {
        const retyped = changedKeys(old, cur, ['type', ...FORMAT_KEYS]);
        if (!retyped.length) return;
        out.push({
          rule: 'breaking/server-type-changed',
          path: `servers.${old.name}`,
          before: Object.fromEntries(retyped.map((k) => [k, old.values.get(k)?.value ?? null])),
          after: Object.fromEntries(retyped.map((k) => [k, cur.values.get(k)?.value ?? null])),
          breaks: F,
          summary: `${serverLabel(old)}: ${retyped.map((k) => `its \`${k}\` changed from ${code(shown(old, k))} to ${code(shown(cur, k))}`).join('; ')}.`,
          why: { forward: 'consumers read it with the old connector or decoder' },
          action: `Changing the ${retyped.map((k) => `\`${k}\``).join(' and ')} of server \`${old.name}\``,
          at: settingAt(cur, retyped[0]),
          scope: {},
        });
      },
    },
  },
);
