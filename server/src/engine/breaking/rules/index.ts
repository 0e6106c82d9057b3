// The breaking-change rules written as units (./unit.ts): each file holds its rules' ids, severities,
// docs and verdicts, and its check. The catalogue, engine/rules.ts and compare.ts read this list.
import { DEFINITION_UNRESOLVED } from './definitionUnresolved';
import { LOGICAL_RENAME } from './logicalRename';
import { QUALITY_REWRITTEN } from './qualityRewritten';
import { SERVER_RULE_DOCS, SERVER_RULES } from './server';
import type { BreakingRuleUnit } from './unit';

export const RULE_UNIT_DOCS = [
  ...SERVER_RULE_DOCS,
  ...QUALITY_REWRITTEN,
  ...LOGICAL_RENAME,
  ...DEFINITION_UNRESOLVED,
] as const;

/** The units with a check of their own (the others are emitted by compare.ts where they belong). */
export const RULE_UNITS: readonly BreakingRuleUnit[] = [SERVER_RULES];
