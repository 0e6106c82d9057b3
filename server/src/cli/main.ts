// The `pactline` command: argument handling and exit codes around the engine.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import { version } from '../../../package.json';
import { parseArgs, integerOption, stringOption, UsageError, type OptionSpec } from './args';
import { FORMATTERS, type FormatName } from './formatters';
import { COMMAND_HELP, commandHelp, topLevelHelp } from './help';
import { runBreaking } from './breaking';
import { runChangelog } from './changelog';
import { runLineageCommand } from './lineage';
import { lint, RunError, type LintResult } from './lint';
import { migrate } from './migrate';
import { MIGRATION_TARGETS, type MigrationTarget } from '../engine/migrate/odcs';
import { HARD_READ_LIMIT, readStdinBounded } from '../host/safeFs';
import { DEFAULT_CONFIG } from '../engine/config';
import { LanguageService } from '../engine/service';
import { cacheLocation } from './cache';
import { LINT_ONLY_OPTION_SPECS, REPORT_OPTION_SPECS } from './lintOptions';
import { runLintWorker } from './lintLoad';

const HELP = topLevelHelp(version);

const LINT_OPTIONS: Record<string, OptionSpec> = {
  ...REPORT_OPTION_SPECS,
  format: { value: true, choices: Object.keys(FORMATTERS) },
  ...LINT_ONLY_OPTION_SPECS,
};

const BREAKING_OPTIONS: Record<string, OptionSpec> = {
  ...REPORT_OPTION_SPECS,
  format: { value: true, choices: Object.keys(FORMATTERS) },
  transitive: { value: true },
};

const CHANGELOG_OPTIONS: Record<string, OptionSpec> = {
  format: { value: true, choices: ['text', 'markdown', 'json'] },
  output: { value: true },
  config: { value: true },
  against: { value: true },
  compat: { value: true, choices: ['forward', 'backward', 'full', 'none'] },
};

/** The exit code; a Promise for the commands that read git (`breaking`, `lint --against`). */
export function main(argv: string[]): number | Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        // Bad usage (exit 2): why, then the usage, both on stderr; stdout stays empty for scripts.
        process.stderr.write('pactline: no command given: say what to do, e.g. `pactline lint .`\n\n' + HELP);
        return 2;
      case '--help':
      case '-h':
      case 'help':
        // `pactline help lint` is `pactline lint --help`.
        if (command === 'help' && rest[0] !== undefined) {
          if (!Object.hasOwn(COMMAND_HELP, rest[0]))
            throw new UsageError(`Unknown command "${rest[0]}". Commands: ${Object.keys(COMMAND_HELP).join(', ')}.`);
          process.stdout.write(commandHelp(rest[0]));
        } else {
          process.stdout.write(HELP);
        }
        return 0;
      case '--version':
      case '-v':
        process.stdout.write(version + '\n');
        return 0;
      case 'lint':
        return runLint(rest);
      case 'breaking':
        return runBreakingCommand(rest).catch(failed);
      case 'changelog':
        return runChangelogCommand(rest).catch(failed);
      case 'lsp':
        return runLsp(rest);
      case 'lineage':
        return runLineageCommand(rest, version).catch(failed);
      case 'migrate':
        return runMigrate(rest);
      default:
        throw new UsageError(`Unknown command "${command}". Commands: ${Object.keys(COMMAND_HELP).join(', ')}.`);
    }
  } catch (error) {
    return failed(error);
  }
}

const MIGRATE_OPTIONS: Record<string, OptionSpec> = {
  to: { value: true, choices: MIGRATION_TARGETS },
  write: {},
  config: { value: true },
};

/** `pactline migrate`: the one command that writes files, and only with --write. */
function runMigrate(argv: string[]): number {
  const args = parseArgs(argv, MIGRATE_OPTIONS);
  if (args.help) return printHelp('migrate');
  const result = migrate({
    paths: args.positionals,
    cwd: process.cwd(),
    to: (stringOption(args, 'to') ?? 'v3.2.0') as MigrationTarget,
    write: args.options.has('write'),
    configFile: stringOption(args, 'config'),
  });
  process.stdout.write(result.output);
  for (const note of result.notes) process.stderr.write(note + '\n');
  return result.exitCode;
}

const LSP_OPTIONS: Record<string, OptionSpec> = {
  stdio: {},
  'node-ipc': {},
  socket: { value: true },
  pipe: { value: true },
  // Added by some clients (VS Code's, when it spawns the server): the server exits with that process.
  clientProcessId: { value: true },
};

/** `pactline lsp`: the language server on the transport the arguments name; exits when the client says so. */
function runLsp(argv: string[]): number | Promise<number> {
  const args = parseArgs(argv, LSP_OPTIONS);
  if (args.help) return printHelp('lsp');
  const transports = ['stdio', 'node-ipc', 'socket', 'pipe'].filter((t) => args.options.has(t));
  if (args.positionals.length) throw new UsageError(`\`pactline lsp\` takes no paths (got "${args.positionals[0]}").`);
  if (transports.length !== 1)
    throw new UsageError('`pactline lsp` needs exactly one of --stdio, --node-ipc, --socket=PORT.');
  const socket = stringOption(args, 'socket');
  if (socket !== undefined && !/^\d+$/.test(socket))
    throw new UsageError(`--socket needs a port number (got "${socket}").`);
  // The language server is its own bundle (dist/server.js, the file VS Code starts), loaded only for
  // this command: `lint` in CI does not pay for it, and the CLI layer never imports lsp/. Run from the
  // sources (tsx), the same entry is lsp/main.ts. It reads the transport from process.argv.
  const bundled = path.join(__dirname, 'server.js');
  require(fs.existsSync(bundled) ? bundled : path.join(__dirname, '..', 'lsp', 'main'));
  return new Promise<number>(() => undefined);
}

/** Exit code 2 and one message on stderr; a stack trace only for a bug. */
function failed(error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`pactline: ${error.message}\nRun \`pactline --help\` for usage.\n`);
    return 2;
  }
  if (error instanceof RunError) {
    process.stderr.write(`pactline: ${error.message}\n`);
    return 2;
  }
  process.stderr.write(
    `pactline: internal error: ${(error as Error)?.stack ?? String(error)}\nPlease report this with the file that caused it.\n`,
  );
  return 2;
}

/** `pactline <command> --help`: the usage on stdout, exit 0. */
function printHelp(command: string): 0 {
  process.stdout.write(commandHelp(command));
  return 0;
}

function runLint(argv: string[]): number | Promise<number> {
  const args = parseArgs(argv, LINT_OPTIONS);
  if (args.help) return printHelp('lint');
  if (args.options.has('against')) return runBreakingCommand(argv, true).catch(failed);
  const { options, output } = reportOptions(args);
  const jobs = stringOption(args, 'jobs');
  if (jobs !== undefined && jobs !== 'auto' && !/^[1-9]\d*$/.test(jobs))
    throw new UsageError(`--jobs needs a number of threads (1 or more) or auto (got "${jobs}").`);
  const cache = args.options.has('cache')
    ? { location: cacheLocation(options.cwd, stringOption(args, 'cache-location')), argv }
    : undefined;
  return finish(lint({ ...options, cache, jobs: jobs === 'auto' ? 'auto' : jobs ? Number(jobs) : undefined }), output);
}

/** The options `lint` and `breaking` share, as the command line gives them. */
function reportOptions(args: ReturnType<typeof parseArgs>) {
  const output = stringOption(args, 'output');
  const stdinPath = stringOption(args, 'stdin-filepath');
  const options = {
    paths: args.positionals,
    cwd: process.cwd(),
    format: (stringOption(args, 'format') ?? 'text') as FormatName,
    failOn: (stringOption(args, 'fail-on') ?? 'error') as 'error',
    maxWarnings: integerOption(args, 'max-warnings'),
    configFile: stringOption(args, 'config'),
    // Bytes, not text: checked like a file's (size in bytes, invalid UTF-8 is `yaml/encoding`).
    stdin: stdinPath ? { path: stdinPath, bytes: readStdinBounded(HARD_READ_LIMIT) } : undefined,
    verbose: args.options.has('verbose'),
    allowEmpty: args.options.has('allow-empty'),
    color: !output && process.stdout.isTTY === true && !process.env.NO_COLOR,
    version,
  };
  return { options, output };
}

/** `pactline breaking` and `pactline lint --against`: the base is read from git, asynchronously. */
async function runBreakingCommand(argv: string[], withLint = false): Promise<number> {
  const args = parseArgs(argv, withLint ? LINT_OPTIONS : BREAKING_OPTIONS);
  if (args.help) return printHelp(withLint ? 'lint' : 'breaking');
  const { options, output } = reportOptions(args);
  const result = await runBreaking({
    ...options,
    ref: stringOption(args, 'against'),
    refs: args.all.get('against'),
    transitive: stringOption(args, 'transitive'),
    compat: stringOption(args, 'compat') as 'forward' | undefined,
    withLint,
  });
  return finish(result, output);
}

/** `pactline changelog`: every change against one REF, per contract. */
async function runChangelogCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, CHANGELOG_OPTIONS);
  if (args.help) return printHelp('changelog');
  const output = stringOption(args, 'output');
  const result = await runChangelog({
    paths: args.positionals,
    cwd: process.cwd(),
    version,
    format: (stringOption(args, 'format') ?? 'text') as 'text',
    configFile: stringOption(args, 'config'),
    ref: stringOption(args, 'against'),
    compat: stringOption(args, 'compat') as 'forward' | undefined,
  });
  return finish(result, output);
}

function finish(result: LintResult, output: string | undefined): number {
  for (const note of result.notes) process.stderr.write(note + '\n');
  if (output) {
    try {
      fs.writeFileSync(output, result.output);
    } catch (error) {
      throw new RunError(`Cannot write the report to ${output}: ${(error as Error).message}`);
    }
  } else {
    process.stdout.write(result.output);
  }
  return result.exitCode;
}

if (!isMainThread && (workerData as { pactlineLintWorker?: boolean } | null)?.pactlineLintWorker) {
  // A worker of `lint --jobs` (cli/lintLoad.ts): this bundle, started again in a thread.
  runLintWorker((maxFileSize) => new LanguageService({ config: { ...DEFAULT_CONFIG, maxFileSize } }));
} else if (require.main === module) {
  // Let stdout drain before exiting (reports can be large and stdout may be a pipe).
  void Promise.resolve(main(process.argv.slice(2))).then((code) => {
    process.exitCode = code;
  });
}
