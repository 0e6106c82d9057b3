// `breaking/definition-unresolved`: a DCS field's `$ref` pointed at a definition in the base and
// points nowhere now. What the field was (type, constraints, required...) came from that definition;
// comparing what is left would report every attribute as dropped, several findings on one line for
// one mistake. It is ONE change instead, and the field's attributes are not compared further (the
// lint rule for dangling `$ref`s says where the reference goes wrong).
import type { Change, Place } from '../compare';
import type { RuleDoc } from './unit';

export const DEFINITION_UNRESOLVED = [
  {
    id: 'breaking/definition-unresolved',
    severity: 'error',
    verdict: 'F',
    description:
      "A DCS field's `$ref` resolved in the base and points nowhere now: what the field guarantees is unknown (breaks forward; its attributes are not compared further).",
  },
] as const satisfies readonly RuleDoc[];

export function definitionUnresolved(
  full: string,
  ref: string,
  before: string | undefined,
  at: Place,
  scope: Change['scope'],
): Change {
  return {
    rule: 'breaking/definition-unresolved',
    path: full,
    before: before ?? null,
    after: ref,
    breaks: { forward: true, backward: false },
    summary: `Property \`${full}\` refers to \`${ref}\`, which resolves to nothing now${before ? ` (it was \`${before}\`)` : ''}: its type and constraints can no longer be compared.`,
    why: { forward: 'consumers relied on what the definition guaranteed' },
    action: `Breaking the \`$ref\` of \`${full}\``,
    at,
    scope,
  };
}
