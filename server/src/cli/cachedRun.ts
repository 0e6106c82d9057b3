// `pactline lint --cache` when nothing changed: the last report, printed again without loading the
// engine. This module and what it imports are kept light (dist/cli.js holds only them; the engine
// is dist/cli-main.js): no parser, no schema, no rule. Anything unusual (no cache, another command
// line, a changed file or configuration, an error) returns undefined and the full lint runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs, stringOption } from './args';
import { buildId, cacheKey, cacheLocation, configDigest, fileState, readCache, runKey } from './cache';
import { findConfigFile, findYamlFiles } from '../host/files';
import { LINT_ONLY_OPTION_SPECS, REPORT_OPTION_SPECS } from './lintOptions';

/** The exit code when the cached report could be printed; undefined when the full lint must run. */
export function cachedLint(argv: readonly string[], version: string, cwd = process.cwd()): number | undefined {
  try {
    const args = parseArgs(argv, { ...REPORT_OPTION_SPECS, ...LINT_ONLY_OPTION_SPECS });
    if (args.help || !args.options.has('cache')) return undefined;
    if (args.options.has('stdin-filepath') || args.options.has('against')) return undefined;
    const key = cacheKey(false);
    if (!key) return undefined;
    const build = buildId(version);
    const output = stringOption(args, 'output');
    const color = !output && process.stdout.isTTY === true && !process.env.NO_COLOR;
    const location = cacheLocation(cwd, stringOption(args, 'cache-location'));
    const run = readCache(location, cwd, key, build).run;
    if (!run || run.key !== runKey(argv, cwd, color, build)) return undefined;
    // The same configuration file, with the same bytes, as the run that made the report.
    const paths = args.positionals.length ? args.positionals : ['.'];
    const explicit = stringOption(args, 'config');
    const configFile = explicit ? path.resolve(cwd, explicit) : findConfigFile(path.resolve(cwd, paths[0]));
    if (configFile !== run.config.file) return undefined;
    if (configFile && (!run.config.hash || configDigest(configFile, cwd) !== run.config.hash)) return undefined;
    const config = run.config.resolved;
    // The same files (as lint finds them), each with the same size, times and inode.
    const { files, missing } = findYamlFiles(paths, cwd, config);
    if (missing.length) return undefined;
    const context = config.file ? findYamlFiles([path.dirname(config.file)], cwd, config).files : [];
    const known = new Set(files.map((f) => f.absolute));
    const indexed = [...files, ...context.filter((f) => !known.has(f.absolute))];
    if (fileState(indexed) !== run.state) return undefined;
    for (const note of run.notes) process.stderr.write(note + '\n');
    if (args.options.has('verbose'))
      process.stderr.write('pactline: --cache: nothing changed since the last run; its report again\n');
    if (output) fs.writeFileSync(output, run.output);
    else process.stdout.write(run.output);
    return run.exitCode;
  } catch {
    return undefined;
  }
}
