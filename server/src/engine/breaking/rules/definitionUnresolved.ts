// `breaking/definition-unresolved`: a DCS field's `$ref` pointed at a definition in the base and
// points nowhere now. What the field was (type, constraints, required...) came from that definition;
// comparing what is left would report every attribute as dropped, several findings on one line for
// one mistake. It is ONE change instead, and the field is not compared further (its check stops the
// pair; the lint rule for dangling `$ref`s says where the reference goes wrong).
import { F } from '../change';
import { ruleUnit } from './unit';

export const DEFINITION_UNRESOLVED = ruleUnit(
  [
    {
      id: 'breaking/definition-unresolved',
      severity: 'error',
      verdict: 'F',
      description:
        "A DCS field's `$ref` resolved in the base and points nowhere now: what the field guarantees is unknown (breaks forward; its attributes are not compared further).",
    },
  ] as const,
  {
    property: {
      changed(b, c, ctx, out) {
        if (!c.ref || c.ref.resolved || (b.ref && !b.ref.resolved)) return;
        const before = b.ref?.value;
        out.push({
          rule: 'breaking/definition-unresolved',
          path: ctx.full,
          before: before ?? null,
          after: c.ref.value,
          breaks: F,
          summary: `Property \`${ctx.full}\` refers to \`${c.ref.value}\`, which resolves to nothing now${before ? ` (it was \`${before}\`)` : ''}: its type and constraints can no longer be compared.`,
          why: { forward: 'consumers relied on what the definition guaranteed' },
          action: `Breaking the \`$ref\` of \`${ctx.full}\``,
          at: { path: c.ref.path, target: 'value' },
          scope: ctx.scope,
        });
        return 'stop';
      },
    },
  },
);
