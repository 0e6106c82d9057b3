// The options of `lint` and `breaking` as the argument parser takes them, in a module of their own
// so that the cached run (cli/cachedRun.ts) reads the command line as `lint` does without loading
// the engine. main.ts adds the list of report formats.
import type { OptionSpec } from './args';

/** The options `lint` and `breaking` share. */
export const REPORT_OPTION_SPECS: Record<string, OptionSpec> = {
  format: { value: true },
  output: { value: true },
  'fail-on': { value: true, choices: ['error', 'warning', 'info', 'none'] },
  'max-warnings': { value: true },
  config: { value: true },
  'stdin-filepath': { value: true },
  verbose: {},
  'allow-empty': {},
  against: { value: true },
  compat: { value: true, choices: ['forward', 'backward', 'full', 'none'] },
};

/** `lint` only: the cache and the worker threads. */
export const LINT_ONLY_OPTION_SPECS: Record<string, OptionSpec> = {
  cache: {},
  'cache-location': { value: true },
  jobs: { value: true },
};
