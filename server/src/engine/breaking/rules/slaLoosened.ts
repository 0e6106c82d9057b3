// `breaking/sla-loosened`: a service level got weaker or was dropped: slower latency or freshness,
// shorter retention, lower availability. Consumers plan on the promised level (forward). SLAs are
// paired by key; the amounts are read by the contract model (one duration parser).
import { code, F, type Change, type Place } from '../change';
import type { NContract, NSla } from '../model';
import { ruleUnit } from './unit';

function loosened(old: NSla, sla: NSla | undefined, contract: NContract): Change<'breaking/sla-loosened'> {
  const what = old.kind === 'availability' ? 'availability' : old.kind === 'retention' ? 'retention' : old.kind;
  const at: Place = sla
    ? { path: sla.path, target: 'value' }
    : { path: contract.format === 'odcs' ? ['slaProperties'] : ['servicelevels'], target: 'key' };
  return {
    rule: 'breaking/sla-loosened',
    path: `sla.${old.key}`,
    before: old.text,
    after: sla?.text ?? null,
    breaks: F,
    summary: sla
      ? `The ${what} commitment went from ${code(old.text)} to ${code(sla.text)}${old.kind === 'retention' ? ' (shorter)' : old.kind === 'availability' ? ' (lower)' : ' (slower)'}.`
      : `The ${what} commitment (${code(old.text)}) was removed.`,
    why: { forward: 'consumers plan on the promised service level' },
    action: sla ? `Loosening the ${what} commitment` : `Dropping the ${what} commitment`,
    at,
    scope: {},
    was: sla ? undefined : { path: old.path.slice(0, -1), target: 'key' },
  };
}

export const SLA_LOOSENED = ruleUnit(
  [
    {
      id: 'breaking/sla-loosened',
      severity: 'error',
      verdict: 'F',
      description:
        'A service level got weaker or was dropped: slower latency or freshness, shorter retention, lower availability (breaks forward).',
    },
  ] as const,
  {
    sla: {
      removed(old, current, out) {
        out.push(loosened(old, undefined, current));
      },
      changed(old, sla, current, out) {
        if (old.amount === undefined || sla.amount === undefined) return;
        const looser =
          old.kind === 'retention' || old.kind === 'availability' ? sla.amount < old.amount : sla.amount > old.amount;
        if (looser) out.push(loosened(old, sla, current));
      },
    },
  },
);
