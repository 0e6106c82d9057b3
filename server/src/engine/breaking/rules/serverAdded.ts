// `breaking/server-added`: a new server breaks no one; reported as information.
import { NONE } from '../change';
import { serverLabel } from './server';
import { ruleUnit } from './unit';

export const SERVER_ADDED = ruleUnit(
  [
    { id: 'breaking/server-added', severity: 'info', verdict: '-', description: 'A server was added (breaks no one).' },
  ] as const,
  {
    server: {
      added(cur, _current, out) {
        out.push({
          rule: 'breaking/server-added',
          path: `servers.${cur.name}`,
          before: null,
          after: Object.fromEntries([...cur.values].map(([k, v]) => [k, v.value])),
          breaks: NONE,
          summary: `${serverLabel(cur)} was added.`,
          why: {},
          action: `Adding server \`${cur.name}\``,
          at: { path: cur.namePath, target: cur.nameTarget },
          scope: {},
        });
      },
    },
  },
);
