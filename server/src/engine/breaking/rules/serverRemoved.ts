// `breaking/server-removed`: a server consumers are configured with is gone; they stop getting data.
import { F } from '../change';
import { serverLabel } from './server';
import { ruleUnit } from './unit';

export const SERVER_REMOVED = ruleUnit(
  [
    {
      id: 'breaking/server-removed',
      severity: 'error',
      verdict: 'F',
      description:
        'A server (ODCS `servers[]`, DCS `servers`) was removed: consumers configured with it stop getting data (breaks forward).',
    },
  ] as const,
  {
    server: {
      removed(old, _current, out) {
        out.push({
          rule: 'breaking/server-removed',
          path: `servers.${old.name}`,
          before: Object.fromEntries([...old.values].map(([k, v]) => [k, v.value])),
          after: null,
          breaks: F,
          summary: `${serverLabel(old)} was removed.`,
          why: { forward: 'consumers configured with it stop getting data' },
          action: `Removing server \`${old.name}\``,
          at: { path: ['servers'], target: 'key' },
          scope: {},
          was: { path: old.path, target: old.nameTarget === 'key' ? 'key' : 'mapping' },
        });
      },
    },
  },
);
