// `breaking/contract-removed`: a contract id the base declares is gone, its file deleted or its `id`
// changed. Contracts are paired by id across the whole snapshot (../index.ts), so this is the one
// rule called for a contract without a partner.
import { FB } from '../change';
import { ruleUnit } from './unit';

export const CONTRACT_REMOVED = ruleUnit(
  [
    {
      id: 'breaking/contract-removed',
      severity: 'error',
      verdict: 'FB',
      description: 'A contract id that the base declares is gone (the file was deleted or its `id` changed).',
    },
  ] as const,
  {
    contract: {
      removed(old, stillThere, label, out) {
        out.push({
          rule: 'breaking/contract-removed',
          path: '',
          before: old.id,
          after: stillThere ? stillThere.id : null,
          breaks: FB,
          summary: stillThere
            ? `The contract's id changed from \`${old.id}\` to \`${stillThere.id}\`: for its consumers, contract \`${old.id}\` is removed.`
            : `Contract \`${old.id}\` (${old.file} at ${label}) was removed: no checked file declares \`id: ${old.id}\` any more.`,
          why: {
            forward: 'its consumers still read it',
            backward: 'data written under it is no longer governed by any contract',
          },
          action: `Removing contract \`${old.id}\``,
          at: { path: ['id'], target: 'value' },
          scope: {},
        });
      },
    },
  },
);
