// `breaking/classification-lowered`: a property's data got less protection: its classification was
// lowered or dropped (restricted → internal), or `pii: true` was removed. Both directions break:
// consumers would handle sensitive data with fewer controls, and data already written still is.
import { code, FB } from '../change';
import { classificationRank } from '../typeRules';
import { ruleUnit } from './unit';

export const CLASSIFICATION_LOWERED = ruleUnit(
  [
    {
      id: 'breaking/classification-lowered',
      severity: 'error',
      verdict: 'FB',
      description:
        "A property's classification was lowered (restricted → internal) or it is no longer marked as personal data.",
    },
  ] as const,
  {
    property: {
      changed(b, c, ctx, out) {
        const full = ctx.full;
        const bc = b.attrs.get('classification')?.value;
        const cc = c.attrs.get('classification')?.value;
        const br = classificationRank(bc);
        const cr = classificationRank(cc);
        if (br !== undefined && (cr === undefined ? cc === undefined : cr < br)) {
          out.push({
            rule: 'breaking/classification-lowered',
            path: full,
            before: bc,
            after: cc ?? null,
            breaks: FB,
            summary:
              cc === undefined
                ? `Property ${code(full)} lost its classification ${code(bc)}.`
                : `The classification of ${code(full)} was lowered from ${code(bc)} to ${code(cc)}.`,
            why: {
              forward: 'consumers would handle data that is still sensitive with fewer controls',
              backward: `data already written as \`${String(bc)}\` would be handled as \`${String(cc ?? 'unclassified')}\``,
            },
            action: `Lowering the classification of ${ctx.leaf}`,
            at: ctx.at('classification'),
            scope: ctx.scope,
          });
        }
        if (b.attrs.get('pii')?.value === true && c.attrs.get('pii')?.value !== true) {
          out.push({
            rule: 'breaking/classification-lowered',
            path: full,
            before: { pii: true },
            after: { pii: c.attrs.get('pii')?.value ?? null },
            breaks: FB,
            summary: `Property ${code(full)} is no longer marked as personal data (\`pii: true\` → ${code(c.attrs.get('pii')?.value ?? '(unset)')}).`,
            why: {
              forward: 'consumers would stop protecting personal data',
              backward: 'data already written holds personal data',
            },
            action: `Unmarking ${ctx.leaf} as personal data`,
            at: ctx.at('pii'),
            scope: ctx.scope,
          });
        }
      },
    },
  },
);
