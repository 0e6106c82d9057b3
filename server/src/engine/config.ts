// The configuration (`pactline.yaml`): rule severities, ignored files, limits. One reader for the
// CLI and the language server, so both apply the same settings.
import picomatch from 'picomatch';
import type { PactlineConfig, RuleSetting } from '../formats/config';
import { DEFAULT_MAX_FILE_SIZE } from './document';
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

export const DEFAULT_CONFIG: ResolvedConfig = { root: '', rules: {}, ignore: [], maxFileSize: DEFAULT_MAX_FILE_SIZE, breaking: {} };

/** Builds the resolved configuration from a validated document value. */
export function resolveConfig(value: PactlineConfig | null | undefined, file: string | undefined, root: string): ResolvedConfig {
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

const matchers = new WeakMap<ResolvedConfig, (path: string) => boolean>();

/** Whether a file (path relative to the configuration's root, forward slashes) is ignored. */
export function isIgnored(config: ResolvedConfig, relativePath: string): boolean {
  if (!config.ignore.length) return false;
  let match = matchers.get(config);
  if (!match) {
    match = picomatch(config.ignore as string[], { dot: true });
    matchers.set(config, match);
  }
  return match(relativePath);
}
