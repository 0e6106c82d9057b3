// `breaking/quality-rewritten`: a quality check spelled differently with the same meaning (SQL
// re-indented or re-cased, `must_be_less_than` → `mustBeLessThan`, ODCS v3.0 `rule: nullCheck` →
// v3.1 `metric: nullValues, mustBe: 0`, `row_count` → a SQL `count(*)`). Never breaking: reported
// as information so a reviewer sees that it was compared by meaning (./qualityMeaning.ts decides).
import type { Change } from '../compare';
import type { NQuality } from '../model';
import type { RuleDoc } from './unit';

export const QUALITY_REWRITTEN = [
  {
    id: 'breaking/quality-rewritten',
    severity: 'info',
    verdict: '-',
    description:
      'A data-quality check was rewritten with the same meaning (SQL reformatted, threshold keys respelled, an ODCS v3.0 `rule` as its v3.1 `metric`, a row count as SQL `count(*)`): information only.',
  },
] as const satisfies readonly RuleDoc[];

export function rewritten(old: NQuality, cur: NQuality, owner: string, qpath: string, scope: Change['scope']): Change {
  return {
    rule: 'breaking/quality-rewritten',
    path: qpath,
    before: JSON.parse(old.raw),
    after: JSON.parse(cur.raw),
    breaks: { forward: false, backward: false },
    summary: `The quality check ${cur.label} of ${owner} was rewritten, same meaning${old.label !== cur.label ? ` (was ${old.label})` : ''}.`,
    why: {},
    action: `Rewriting the check ${cur.label}`,
    at: { path: cur.path, target: 'key' },
    scope,
  };
}
