// The configuration (`pactline.yaml`): rule severities, ignored files, limits. One reader for the
// CLI and the language server, so both apply the same settings.
import type { PactlineConfig, RuleSetting } from '../formats/config';
import { DEFAULT_MAX_FILE_SIZE } from './document';
import { MAX_PATTERN_LENGTH } from './ignore';
import type { RawFinding } from './locate';
import { isKnownRule, ruleMeta } from './rules';
import type { Severity } from './types';

export interface ResolvedConfig {
  /** Path of the file it was read from (undefined: defaults). */
  file?: string;
  /** Folder the ignore globs are relative to (forward slashes, no trailing slash; '' = working directory). */
  root: string;
  rules: Readonly<Record<string, RuleSetting>>;
  ignore: readonly string[];
  maxFileSize: number;
  breaking: NonNullable<PactlineConfig['breaking']>;
}

export const DEFAULT_CONFIG: ResolvedConfig = {
  root: '',
  rules: {},
  ignore: [],
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
  breaking: {},
};

/** Builds the resolved configuration from a validated document value. */
export function resolveConfig(
  value: PactlineConfig | null | undefined,
  file: string | undefined,
  root: string,
): ResolvedConfig {
  const v = value ?? {};
  return {
    file,
    root,
    rules: { ...(v.rules ?? {}) },
    ignore: [...(v.ignore ?? [])],
    maxFileSize: v.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    breaking: { ...(v.breaking ?? {}) },
  };
}

/**
 * What the schema cannot say about a configuration: rule ids that do not exist
 * (`pactline/unknown-rule`: a typo silences nothing) and settings that can never work
 * (`pactline/config`: an ignore pattern that matches no file, a size limit that skips every file,
 * a REF git would read as an option).
 */
export function configProblems(value: unknown): RawFinding[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  const v = value as Record<string, unknown>;
  const found: RawFinding[] = [];
  if (v.rules && typeof v.rules === 'object' && !Array.isArray(v.rules)) {
    for (const id of Object.keys(v.rules)) {
      if (isKnownRule(id)) continue;
      found.push({
        rule: 'pactline/unknown-rule',
        message: `Unknown rule \`${id}\`: this setting changes nothing. See \`pactline --help\` or the README for rule ids.`,
        at: { path: ['rules', id], target: 'key' },
      });
    }
  }
  if (Array.isArray(v.ignore)) {
    v.ignore.forEach((pattern, i) => {
      if (typeof pattern !== 'string') return;
      if (pattern.length > MAX_PATTERN_LENGTH) {
        found.push({
          rule: 'pactline/config',
          message: `The ignore pattern \`${pattern.slice(0, 40)}…\` is ${pattern.length.toLocaleString('en-US')} characters long; Pactline takes patterns of at most ${MAX_PATTERN_LENGTH.toLocaleString('en-US')}.`,
          at: { path: ['ignore', i], target: 'value' },
        });
        return;
      }
      const why = ignorePatternProblem(pattern);
      if (why)
        found.push({
          rule: 'pactline/config',
          message: `The ignore pattern \`${pattern}\` ${why}`,
          at: { path: ['ignore', i], target: 'value' },
        });
    });
  }
  if (typeof v.maxFileSize === 'number' && !(v.maxFileSize >= 1)) {
    found.push({
      rule: 'pactline/config',
      message: `\`maxFileSize: ${v.maxFileSize}\` would skip every file: give the largest size to read, in bytes (the default is ${DEFAULT_MAX_FILE_SIZE}).`,
      at: { path: ['maxFileSize'], target: 'value' },
    });
  }
  const breaking = v.breaking as Record<string, unknown> | undefined;
  if (
    breaking &&
    typeof breaking.against === 'string' &&
    (/^-/.test(breaking.against) || /[\s\x00-\x1f\x7f]/.test(breaking.against) || !breaking.against)
  ) {
    found.push({
      rule: 'pactline/config',
      message: `\`${breaking.against.replace(/[\x00-\x1f\x7f]/g, '?')}\` is not a git REF Pactline accepts: a REF must not be empty, start with \`-\` or hold whitespace or control characters.`,
      at: { path: ['breaking', 'against'], target: 'value' },
    });
  }
  return found;
}

/** Why an ignore glob can never match a file under the configuration's folder, if it cannot. */
function ignorePatternProblem(pattern: string): string | undefined {
  if (!pattern) return 'is empty and matches nothing: remove it.';
  if (pattern.startsWith('/') || /^[A-Za-z]:[\\/]/.test(pattern)) {
    return 'is absolute, so it never matches: patterns are relative to the folder of the configuration file (write `legacy/**`).';
  }
  if (/(^|[\\/])\.\.([\\/]|$)/.test(pattern)) {
    return 'points outside the folder of the configuration file (`..`), so it never matches: patterns are relative to that folder.';
  }
  if (/\\(?=[A-Za-z0-9_.-]|\*\*)/.test(pattern)) {
    return 'uses `\\` as a path separator, so it never matches: write paths with forward slashes (`legacy/**`) on every system; in a glob a backslash escapes the next character.';
  }
  return undefined;
}

/** Rule ids in the configuration that do not exist (a typo silences nothing). */
export function unknownConfiguredRules(config: ResolvedConfig): string[] {
  return Object.keys(config.rules).filter((id) => !isKnownRule(id));
}

/** The severity a rule has under this configuration: its id, then its family, then its default. */
export function severityOf(config: ResolvedConfig, rule: string): Severity | 'off' {
  const setting = config.rules[rule] ?? config.rules[rule.slice(0, rule.indexOf('/'))];
  if (setting) return setting;
  return ruleMeta(rule)?.severity ?? 'error';
}

// Kept apart (picomatch only) so that file discovery does not load the engine (cli/entry.ts).
export { isIgnored, MAX_PATTERN_LENGTH } from './ignore';
