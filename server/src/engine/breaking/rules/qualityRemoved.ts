// `breaking/quality-removed`: a data-quality check is gone; consumers relied on it passing (forward).
import { F } from '../change';
import { ruleUnit } from './unit';

export const QUALITY_REMOVED = ruleUnit(
  [
    {
      id: 'breaking/quality-removed',
      severity: 'error',
      verdict: 'F',
      description: 'A data-quality check was removed (breaks forward).',
    },
  ] as const,
  {
    quality: {
      removed(old, ctx, out) {
        out.push({
          rule: 'breaking/quality-removed',
          path: ctx.path,
          before: old.label,
          after: null,
          breaks: F,
          summary: `The quality check ${old.label} of ${ctx.owner} was removed.`,
          why: { forward: 'consumers rely on the check passing' },
          action: `Removing the check ${old.label}`,
          at: ctx.parent,
          scope: ctx.scope,
          was: { path: old.path, target: 'key' },
        });
      },
    },
  },
);
