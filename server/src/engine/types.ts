// The engine's vocabulary. Everything here is plain data: no I/O, no transport, no `vscode`.
import type { Diagnostic, Range } from 'vscode-languageserver-types';

export type { Diagnostic, Range, Position } from 'vscode-languageserver-types';

/** The kinds of file Pactline understands (README, "Files it understands"). */
export type { FileKind } from '../formats/fileKind';

export type Severity = 'error' | 'warning' | 'info';

/** A rule family, the part of a rule id before the slash. */
export type RuleFamily = 'yaml' | 'schema' | 'version' | 'ref' | 'lineage' | 'breaking' | 'policy' | 'pactline';

/** Static description of a rule: its stable id, default severity and one line of documentation. */
export interface RuleMeta {
  id: string;
  severity: Severity;
  description: string;
}

/** What a breaking-change finding carries besides its message (README, the JSON report). */
export interface ChangeInfo {
  kind: string;
  path: string;
  before: unknown;
  after: unknown;
  /** Against several REFs (`--transitive`): the oldest REF the change breaks, else the one it was found against. */
  against?: string;
}

export interface ImpactInfo {
  kind: string;
  id: string;
  file: string;
  detail?: string;
}

/** Extra data a Diagnostic carries in `data`. */
export interface FindingData {
  change?: ChangeInfo;
  impact?: ImpactInfo[];
  /** Replacement the quick fix "did you mean" would apply at the diagnostic's range. */
  suggestion?: string;
  /** For "missing one of these keys": every key that would do (`suggestion` is the first). */
  alternatives?: string[];
  /** `version/upgrade-available`: the version the quick fix migrates the file to. */
  migrateTo?: string;
  /** A breaking finding in the editor: the base it was found against and what restoring needs. */
  breaking?: BaseInfo;
}

/** Where a breaking finding's base text is (engine/breaking/editor.ts): hover shows it, "Restore" inserts it. */
export interface BaseInfo {
  /** The base's label: `HEAD`, `merge-base:origin/main`. */
  ref: string;
  baseFile?: string;
  baseLine?: number;
  baseText?: string;
  /** A removed property's base block, dedented. */
  restore?: string;
  /** Where the removed property stood in its base list: after this sibling, before that one, or first. */
  restoreAt?: { after?: string; before?: string; first?: boolean };
}

/**
 * A finding: an LSP Diagnostic whose `code` is the rule id, whose `source` is "pactline",
 * and whose `data` may carry breaking-change details. Ranges are 0-based, UTF-16 (LSP).
 */
export interface Finding extends Diagnostic {
  code: string;
  /** Plain text: the CLI prints it and every editor shows it. */
  message: string;
  data?: FindingData;
}

export interface SourceRange {
  /** Offsets into the document text (UTF-16 code units). */
  start: number;
  end: number;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export function emptyRange(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
