// `breaking/quality-changed`, `breaking/quality-relaxed`, `breaking/quality-tightened`: one check of
// a quality check and its new version, compared by meaning (the model reads both as their meaning,
// ./qualityMeaning.ts). A different definition (query, metric, implementation) is `changed` (breaks
// both); the same definition with another threshold is `relaxed` (wider: forward), `tightened`
// (narrower: backward) or `changed` when neither interval contains the other.
import { byDirection, FB } from '../change';
import { showThresholds, thresholdDirection, thresholdPlace } from '../thresholds';
import { ruleUnit } from './unit';

export const QUALITY_CHANGED = ruleUnit(
  [
    {
      id: 'breaking/quality-relaxed',
      severity: 'error',
      verdict: 'F',
      description: 'A data-quality threshold became more lenient (breaks forward).',
    },
    {
      id: 'breaking/quality-tightened',
      severity: 'error',
      verdict: 'B',
      description: 'A data-quality threshold became stricter (breaks backward).',
    },
    {
      id: 'breaking/quality-changed',
      severity: 'error',
      verdict: 'FB',
      description:
        'A data-quality check now checks something else (its query, metric or implementation changed; breaks both).',
    },
  ] as const,
  {
    quality: {
      changed(old, cur, ctx, out) {
        if (old.body !== cur.body) {
          out.push({
            rule: 'breaking/quality-changed',
            path: ctx.path,
            before: JSON.parse(old.body),
            after: JSON.parse(cur.body),
            breaks: FB,
            summary: `The quality check ${cur.label} of ${ctx.owner} checks something else now (its definition changed); Pactline cannot tell whether it is stricter or looser.`,
            why: {
              forward: 'consumers rely on what the old check guaranteed',
              backward: 'data written under the old contract may fail the new check',
            },
            action: `Changing the check ${cur.label}`,
            at: { path: cur.path, target: 'key' },
            scope: ctx.scope,
          });
          return;
        }
        const direction = thresholdDirection(old.thresholds, cur.thresholds);
        if (direction === 'equal') return;
        out.push({
          rule:
            direction === 'wider'
              ? 'breaking/quality-relaxed'
              : direction === 'narrower'
                ? 'breaking/quality-tightened'
                : 'breaking/quality-changed',
          path: ctx.path,
          before: old.thresholds,
          after: cur.thresholds,
          breaks: byDirection(direction),
          summary: `The threshold of the quality check ${cur.label} of ${ctx.owner} changed from \`${showThresholds(old.thresholds)}\` to \`${showThresholds(cur.thresholds)}\`${direction === 'wider' ? ' (more lenient)' : direction === 'narrower' ? ' (stricter)' : ''}.`,
          why: {
            forward: 'consumers rely on the stricter guarantee',
            backward: 'data written under the old contract may fail the stricter check',
          },
          action: `${direction === 'wider' ? 'Relaxing' : direction === 'narrower' ? 'Tightening' : 'Changing'} the check ${cur.label}`,
          at: thresholdPlace(cur),
          scope: ctx.scope,
        });
      },
    },
  },
);
