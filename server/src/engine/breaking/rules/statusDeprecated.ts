// `breaking/status-deprecated`: the contract became `deprecated` (at most a warning: it is an
// announcement) or `retired`, `obsolete`, `sunset`, `decommissioned` (its data is no longer
// produced). Reported only while products or pipelines still consume it.
import { code, F } from '../change';
import { ruleUnit } from './unit';

const DEPRECATED = new Set(['deprecated', 'retired', 'obsolete', 'sunset', 'decommissioned']);

export const STATUS_DEPRECATED = ruleUnit(
  [
    {
      id: 'breaking/status-deprecated',
      severity: 'warning',
      verdict: 'F', // only while consumed; `deprecated` is at most a warning
      description:
        'The contract became `deprecated` (a warning) or `retired` (an error) while products or pipelines still consume it.',
    },
  ] as const,
  {
    contract: {
      changed(base, current, out) {
        const before = base.status?.toLowerCase();
        const after = current.status?.toLowerCase();
        if (!after || !DEPRECATED.has(after) || before === after || before === 'retired' || before === 'decommissioned')
          return;
        const retired = after !== 'deprecated';
        out.push({
          rule: 'breaking/status-deprecated',
          path: '',
          before: base.status ?? null,
          after: current.status,
          breaks: F,
          cap: retired ? undefined : 'warning',
          onlyWhenConsumed: true,
          summary: `The contract's status changed from ${code(base.status ?? '(none)')} to ${code(current.status)}.`,
          why: {
            forward: retired
              ? 'its data is no longer produced, and consumers still read it'
              : 'consumers still read it and must plan a migration',
          },
          action: retired ? 'Retiring the contract' : 'Deprecating the contract',
          at: { path: current.statusPath, target: 'value' },
          scope: {},
        });
      },
    },
  },
);
