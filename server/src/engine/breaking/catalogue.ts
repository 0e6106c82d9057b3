// The catalogue of change kinds (`breaking/<kind>`): stable ids, and which compatibility each
// breaks. `forward` (the default) protects consumers: new data must be readable by everything
// written against the old contract. `backward`: data written under the old contract must stay valid
// under the new one. `full`: both. `none`: every change is information only.
//
// Each rule is a unit under ./rules/ (id, severity, one-line doc, verdict, checks); this file and
// the rule entries of engine/rules.ts are read from their list (./rules/index.ts).
import { BREAKING_RULE_DOCS } from './rules';
import type { Verdict } from './rules/unit';

export const BREAKING_RULE_IDS = BREAKING_RULE_DOCS.map((r) => r.id);

export type BreakingRuleId = (typeof BREAKING_RULE_DOCS)[number]['id'];

/** The compatibility modes of the README (`--compat`, `breaking.compatibility`). */
export type Compatibility = 'forward' | 'backward' | 'full' | 'none';

export const COMPATIBILITIES: readonly Compatibility[] = ['forward', 'backward', 'full', 'none'];

export function isCompatibility(value: unknown): value is Compatibility {
  return typeof value === 'string' && (COMPATIBILITIES as readonly string[]).includes(value);
}

/**
 * The verdict table, for documentation and tests: which compatibility each kind breaks.
 * `F` forward, `B` backward, `FB` both, `dir` depends on the direction of the change (wider breaks
 * forward, narrower backward, neither-includes-the-other both), `-` never.
 */
export const VERDICTS = Object.fromEntries(BREAKING_RULE_DOCS.map((r) => [r.id, r.verdict])) as Record<
  BreakingRuleId,
  Verdict
>;
