// How much one file may report. A hostile file (100,000 unknown keys in one mapping) must not make
// one validation take seconds or a report megabytes: the first findings by position are kept, and
// one last finding says how many more there are.
import type { Range } from 'vscode-languageserver-types';
import type { RawFinding } from './locate';
import type { Finding } from './types';

export const MAX_FINDINGS_PER_FILE = 1000;

/**
 * No limit from a configuration raises a read past this, from the disk or from git (a JavaScript
 * string holds at most ~512 MB).
 */
export const HARD_READ_LIMIT = 256 * 1024 * 1024;
export const TOO_MANY_FINDINGS = 'pactline/too-many-findings';

/** The finding that stands for `omitted` findings left out (before their range is known). */
export function omittedFinding(omitted: number): RawFinding {
  return { rule: TOO_MANY_FINDINGS, message: moreMessage(omitted), at: { path: [], target: 'mapping' }, omitted };
}

/**
 * Keeps the first `MAX_FINDINGS_PER_FILE` of `sorted` (a file's located findings in report order)
 * and, when any were left out here or earlier (`omittedBefore`), ends with `more` built for the
 * total; `more` is undefined when that rule is turned off.
 */
export function capFindings(
  sorted: Finding[],
  omittedBefore: number,
  more: ((message: string, at: Range) => Finding) | undefined,
): Finding[] {
  const kept = sorted.length > MAX_FINDINGS_PER_FILE ? sorted.slice(0, MAX_FINDINGS_PER_FILE) : sorted;
  const omitted = omittedBefore + sorted.length - kept.length;
  if (!omitted || !more) return kept;
  // Placed on the last kept finding's line, so that it also comes last in an editor's list.
  const last = kept[kept.length - 1]?.range.start ?? { line: 0, character: 0 };
  return [...kept, more(moreMessage(omitted), { start: last, end: last })];
}

function moreMessage(omitted: number): string {
  return (
    `…and ${omitted.toLocaleString('en-US')} more problem${omitted === 1 ? '' : 's'} in this file: ` +
    `Pactline reports at most ${MAX_FINDINGS_PER_FILE.toLocaleString('en-US')} per file. Fix these and check again.`
  );
}
