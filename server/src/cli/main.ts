// The `pactline` command: argument handling and exit codes around the engine.
import * as fs from 'node:fs';
import { version } from '../../../package.json';
import { parseArgs, integerOption, stringOption, UsageError, type OptionSpec } from './args';
import { FORMATTERS, type FormatName } from './formatters';
import { lint, RunError } from './lint';

const HELP = `pactline ${version}: data contracts, data products and pipelines, checked.

Usage:
  pactline lint [PATH...]        check every recognised file under PATH (default: .)
      --format text|json|sarif|github|junit|gitlab|markdown   (default text)
      --output FILE              write the report there instead of stdout
      --fail-on error|warning|info|none     lowest severity that makes the exit code 1 (default error)
      --max-warnings N           exit 1 when there are more than N warnings
      --config FILE              configuration file (default: the nearest pactline.yaml/.pactline.yaml)
      --stdin-filepath PATH      read one document from stdin and report it as PATH
      --verbose                  also list the files that were skipped, on stderr
  pactline --version | --help

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it (or over --max-warnings);
2 the run itself failed (bad usage, unreadable configuration).
`;

const LINT_OPTIONS: Record<string, OptionSpec> = {
  format: { value: true, choices: Object.keys(FORMATTERS) },
  output: { value: true },
  'fail-on': { value: true, choices: ['error', 'warning', 'info', 'none'] },
  'max-warnings': { value: true },
  config: { value: true },
  'stdin-filepath': { value: true },
  verbose: {},
  against: { value: true },
  compat: { value: true, choices: ['forward', 'backward', 'full', 'none'] },
};

export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(HELP);
        return command === undefined ? 2 : 0;
      case '--version':
      case '-v':
        process.stdout.write(version + '\n');
        return 0;
      case 'lint':
        return runLint(rest);
      case 'breaking':
      case 'lineage':
      case 'lsp':
        throw new RunError(`\`pactline ${command}\` is not available in this version yet.`);
      default:
        throw new UsageError(`Unknown command "${command}". Commands: lint, breaking, lineage, lsp.`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`pactline: ${error.message}\nRun \`pactline --help\` for usage.\n`);
      return 2;
    }
    if (error instanceof RunError) {
      process.stderr.write(`pactline: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`pactline: internal error: ${(error as Error)?.stack ?? String(error)}\nPlease report this with the file that caused it.\n`);
    return 2;
  }
}

function runLint(argv: string[]): number {
  const args = parseArgs(argv, LINT_OPTIONS);
  if (args.options.has('against')) throw new RunError('`--against` (breaking changes) is not available in this version yet.');
  const output = stringOption(args, 'output');
  const stdinPath = stringOption(args, 'stdin-filepath');
  const color = !output && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const result = lint({
    paths: args.positionals,
    cwd: process.cwd(),
    format: (stringOption(args, 'format') ?? 'text') as FormatName,
    failOn: (stringOption(args, 'fail-on') ?? 'error') as 'error',
    maxWarnings: integerOption(args, 'max-warnings'),
    configFile: stringOption(args, 'config'),
    stdin: stdinPath ? { path: stdinPath, text: fs.readFileSync(0, 'utf8') } : undefined,
    verbose: args.options.has('verbose'),
    color,
    version,
  });
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

if (require.main === module) {
  const code = main(process.argv.slice(2));
  // Let stdout drain before exiting (reports can be large and stdout may be a pipe).
  process.exitCode = code;
}
