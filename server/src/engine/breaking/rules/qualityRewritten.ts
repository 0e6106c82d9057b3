// `breaking/quality-rewritten`: a quality check spelled differently with the same meaning (SQL
// re-indented or re-cased, `must_be_less_than` → `mustBeLessThan`, ODCS v3.0 `rule: nullCheck` →
// v3.1 `metric: nullValues, mustBe: 0`, `row_count` → a SQL `count(*)`). Never breaking: reported
// as information so a reviewer sees that it was compared by meaning (./qualityMeaning.ts decides).
import { NONE } from '../change';
import { thresholdDirection } from '../thresholds';
import { ruleUnit } from './unit';

export const QUALITY_REWRITTEN = ruleUnit(
  [
    {
      id: 'breaking/quality-rewritten',
      severity: 'info',
      verdict: '-',
      description:
        'A data-quality check was rewritten with the same meaning (SQL reformatted, threshold keys respelled, an ODCS v3.0 `rule` as its v3.1 `metric`, a row count as SQL `count(*)`): information only.',
    },
  ] as const,
  {
    quality: {
      changed(old, cur, ctx, out) {
        if (old.body !== cur.body || old.raw === cur.raw) return;
        if (thresholdDirection(old.thresholds, cur.thresholds) !== 'equal') return;
        out.push({
          rule: 'breaking/quality-rewritten',
          path: ctx.path,
          before: JSON.parse(old.raw),
          after: JSON.parse(cur.raw),
          breaks: NONE,
          summary: `The quality check ${cur.label} of ${ctx.owner} was rewritten, same meaning${old.label !== cur.label ? ` (was ${old.label})` : ''}.`,
          why: {},
          action: `Rewriting the check ${cur.label}`,
          at: { path: cur.path, target: 'key' },
          scope: ctx.scope,
        });
      },
    },
  },
);
