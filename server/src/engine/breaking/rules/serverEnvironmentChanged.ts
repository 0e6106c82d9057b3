// `breaking/server-environment-changed`: a server's `environment` changed. It breaks consumers
// (forward) only when a production server stops being one; any other change is information.
import { code, F, NONE } from '../change';
import { PROD, serverLabel, settingAt } from './server';
import { ruleUnit } from './unit';

export const SERVER_ENVIRONMENT_CHANGED = ruleUnit(
  [
    {
      id: 'breaking/server-environment-changed',
      severity: 'error',
      verdict: 'F',
      description:
        "A server's `environment` changed; breaking (forward) when a `prod`/`production` server stops being one, information otherwise.",
    },
  ] as const,
  {
    server: {
      changed(old, cur, _current, out) {
        const envBefore = old.values.get('environment')?.value;
        const envAfter = cur.values.get('environment')?.value;
        if (envBefore === envAfter) return;
        const wasProd = envBefore !== undefined && PROD.test(envBefore);
        out.push({
          rule: 'breaking/server-environment-changed',
          path: `servers.${old.name}`,
          before: envBefore ?? null,
          after: envAfter ?? null,
          breaks: wasProd && !(envAfter !== undefined && PROD.test(envAfter)) ? F : NONE,
          summary: `${serverLabel(old)}: its environment changed from ${code(envBefore ?? '(none)')} to ${code(envAfter ?? '(none)')}${wasProd ? ': it is no longer a production server' : ''}.`,
          why: { forward: 'consumers read production data from it' },
          action: `Taking server \`${old.name}\` out of production`,
          at: settingAt(cur, 'environment'),
          scope: {},
        });
      },
    },
  },
);
