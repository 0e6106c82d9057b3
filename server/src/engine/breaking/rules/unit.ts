// A breaking-change rule as a small unit: its id, default severity, one-line doc and verdict (the
// catalogue, engine/rules.ts and the README table read them from here), and its check over two
// versions of a contract. compare.ts calls every unit's check after its own comparisons.
import type { Severity } from '../../types';
import type { Change } from '../compare';
import type { NContract } from '../model';

/** Which compatibility a kind breaks (see catalogue.ts, VERDICTS). */
export type Verdict = 'F' | 'B' | 'FB' | 'dir' | '-';

export interface RuleDoc {
  readonly id: `breaking/${string}`;
  readonly severity: Severity;
  readonly description: string;
  readonly verdict: Verdict;
}

export interface BreakingRuleUnit {
  readonly rules: readonly RuleDoc[];
  /** Appends the changes from `base` to `current`; undefined for rules another comparison emits. */
  check?(base: NContract, current: NContract, out: Change[]): void;
}
