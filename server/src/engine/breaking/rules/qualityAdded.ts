// `breaking/quality-added`: a new data-quality check; data written before may fail it (backward).
import { B } from '../change';
import { ruleUnit } from './unit';

export const QUALITY_ADDED = ruleUnit(
  [
    {
      id: 'breaking/quality-added',
      severity: 'error',
      verdict: 'B',
      description: 'A data-quality check was added: data written before may fail it (breaks backward).',
    },
  ] as const,
  {
    quality: {
      added(cur, ctx, out) {
        out.push({
          rule: 'breaking/quality-added',
          path: ctx.path,
          before: null,
          after: cur.label,
          breaks: B,
          summary: `The quality check ${cur.label} was added to ${ctx.owner}.`,
          why: { backward: 'data written under the old contract may fail it' },
          action: `Adding the check ${cur.label}`,
          at: { path: cur.path, target: 'key' },
          scope: ctx.scope,
        });
      },
    },
  },
);
