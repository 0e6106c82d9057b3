// The lineage rules, each a unit (./unit.ts): id, severity, one-line doc and a check over the
// lineage graph. engine/rules.ts (and the README table) read their docs from this list, and
// ../rules.ts runs their checks in this order.
import { MISSING_DEAD_LETTER } from './missingDeadLetter';
import { OUTPUT_PORT_WITHOUT_CONTRACT } from './outputPortWithoutContract';
import { UNCLASSIFIED_PERSONAL_DATA } from './unclassifiedPersonalData';
import { UNPRODUCED_DATASET } from './unproducedDataset';
import { UNREACHABLE_FRESHNESS } from './unreachableFreshness';

export const LINEAGE_RULES = [
  MISSING_DEAD_LETTER,
  UNPRODUCED_DATASET,
  OUTPUT_PORT_WITHOUT_CONTRACT,
  UNREACHABLE_FRESHNESS,
  UNCLASSIFIED_PERSONAL_DATA,
] as const;

export type LineageRuleId = (typeof LINEAGE_RULES)[number]['id'];
