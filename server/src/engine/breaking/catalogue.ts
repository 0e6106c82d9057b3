// The catalogue of change kinds (`breaking/<kind>`): stable ids, and which compatibility each
// breaks. `forward` (the default) protects consumers: new data must be readable by everything
// written against the old contract. `backward`: data written under the old contract must stay valid
// under the new one. `full`: both. `none`: every change is information only.
//
// The rule entries of engine/rules.ts (descriptions, default severities) carry the same ids; a test
// keeps the two lists equal. Newer rules are units under ./rules/ (id, severity, doc, verdict, check),
// listed in RULE_UNIT_DOCS and spread into both lists.
import { RULE_UNIT_DOCS } from './rules';

export const BREAKING_RULE_IDS = [
  'breaking/contract-removed',
  'breaking/schema-object-removed',
  'breaking/schema-object-renamed',
  'breaking/property-removed',
  'breaking/property-renamed',
  'breaking/property-added-required',
  'breaking/property-added-optional',
  'breaking/required-changed',
  'breaking/logical-type-changed',
  'breaking/physical-type-changed',
  'breaking/constraint-tightened',
  'breaking/constraint-loosened',
  'breaking/constraint-changed',
  'breaking/enum-value-removed',
  'breaking/enum-value-added',
  'breaking/primary-key-changed',
  'breaking/unique-changed',
  'breaking/partition-changed',
  'breaking/classification-lowered',
  'breaking/sla-loosened',
  'breaking/quality-removed',
  'breaking/quality-relaxed',
  'breaking/quality-tightened',
  'breaking/quality-added',
  'breaking/quality-changed',
  'breaking/status-deprecated',
  ...RULE_UNIT_DOCS.map((r) => r.id),
] as const;

export type BreakingRuleId = (typeof BREAKING_RULE_IDS)[number];

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
export const VERDICTS: Record<BreakingRuleId, 'F' | 'B' | 'FB' | 'dir' | '-'> = {
  'breaking/contract-removed': 'FB',
  'breaking/schema-object-removed': 'FB',
  'breaking/schema-object-renamed': 'FB',
  'breaking/property-removed': 'F',
  'breaking/property-renamed': 'F', // and B when the new name is required
  'breaking/property-added-required': 'B',
  'breaking/property-added-optional': '-',
  'breaking/required-changed': 'dir', // to required: B; to optional: F
  'breaking/logical-type-changed': 'dir',
  'breaking/physical-type-changed': 'dir',
  'breaking/constraint-tightened': 'B',
  'breaking/constraint-loosened': 'F',
  'breaking/constraint-changed': 'FB',
  'breaking/enum-value-removed': 'B',
  'breaking/enum-value-added': 'F',
  'breaking/primary-key-changed': 'FB', // a key declared where none was: B; dropped: F
  'breaking/unique-changed': 'dir', // to unique: B; to not unique: F
  'breaking/partition-changed': 'FB',
  'breaking/classification-lowered': 'FB',
  'breaking/sla-loosened': 'F',
  'breaking/quality-removed': 'F',
  'breaking/quality-relaxed': 'F',
  'breaking/quality-tightened': 'B',
  'breaking/quality-added': 'B',
  'breaking/quality-changed': 'FB',
  'breaking/status-deprecated': 'F', // only while consumed; `deprecated` is at most a warning
  ...(Object.fromEntries(RULE_UNIT_DOCS.map((r) => [r.id, r.verdict])) as Record<
    (typeof RULE_UNIT_DOCS)[number]['id'],
    'F' | 'B' | 'FB' | 'dir' | '-'
  >),
};
