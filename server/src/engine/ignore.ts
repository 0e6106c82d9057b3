// Which files the configuration's `ignore` globs leave out. Apart from config.ts so that file
// discovery (host/files.ts, in the CLI's small entry) needs neither the parser nor the rules.
import picomatch from 'picomatch';
import type { ResolvedConfig } from './config';

/** Longest `ignore` pattern read (the glob compiler refuses 65,536 characters; a path is never this long). */
export const MAX_PATTERN_LENGTH = 4096;

const matchers = new WeakMap<ResolvedConfig, (path: string) => boolean>();

/** Whether a file (path relative to the configuration's root, forward slashes) is ignored. */
export function isIgnored(config: ResolvedConfig, relativePath: string): boolean {
  if (!config.ignore.length) return false;
  let match = matchers.get(config);
  if (!match) {
    // picomatch throws on '' and on very long patterns (configProblems reports both).
    const patterns = config.ignore.filter(
      (p) => typeof p === 'string' && p.length > 0 && p.length <= MAX_PATTERN_LENGTH,
    );
    if (!patterns.length) return false;
    try {
      match = picomatch(patterns, { dot: true });
    } catch {
      match = () => false;
    }
    matchers.set(config, match);
  }
  return match(relativePath);
}
