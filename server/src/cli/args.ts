// Command-line parsing: no dependency, strict, with messages that say what to type instead.

export class UsageError extends Error {}

export interface OptionSpec {
  /** Takes a value (`--format json` or `--format=json`). */
  value?: boolean;
  /** Allowed values, when the set is closed. */
  choices?: readonly string[];
}

export interface ParsedArgs {
  positionals: string[];
  /** The last value of each option. */
  options: Map<string, string | true>;
  /** `--help` or `-h` was given (as an option, not as another option's value): print the usage, exit 0. */
  help?: boolean;
  /** Every value of each option that takes one, in order (`--against A --against B`). */
  all: Map<string, string[]>;
}

export function parseArgs(argv: readonly string[], specs: Record<string, OptionSpec>): ParsedArgs {
  if (asksForHelp(argv, specs)) return { positionals: [], options: new Map(), all: new Map(), help: true };
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  const all = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const spec = specs[name];
    if (!spec) throw new UsageError(`Unknown option --${name}.${suggestOption(name, Object.keys(specs))}`);
    if (!spec.value) {
      if (eq > 0) throw new UsageError(`Option --${name} takes no value.`);
      options.set(name, true);
      continue;
    }
    const value: string | undefined = eq > 0 ? arg.slice(eq + 1) : argv[i + 1];
    if (eq < 0) i++;
    if (value === undefined || (eq < 0 && value.startsWith('--')))
      throw new UsageError(`Option --${name} needs a value.`);
    if (spec.choices && !spec.choices.includes(value)) {
      throw new UsageError(`--${name} must be one of ${spec.choices.join(', ')} (got "${value}").`);
    }
    options.set(name, value);
    all.set(name, [...(all.get(name) ?? []), value]);
  }
  return { positionals, options, all };
}

/**
 * `--help` or `-h` anywhere an option may stand (not as the value of `--output`, not after `--`):
 * help wins over whatever else is on the line, even an unknown option.
 */
function asksForHelp(argv: readonly string[], specs: Record<string, OptionSpec>): boolean {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
    if (arg.startsWith('--') && !arg.includes('=') && specs[arg.slice(2)]?.value) i++;
  }
  return false;
}

function suggestOption(name: string, known: string[]): string {
  const close = known.find((k) => k.startsWith(name) || name.startsWith(k));
  return close ? ` Did you mean --${close}?` : '';
}

export function integerOption(args: ParsedArgs, name: string): number | undefined {
  const raw = args.options.get(name);
  if (raw === undefined) return undefined;
  if (raw === true || !/^\d+$/.test(raw))
    throw new UsageError(`--${name} needs a whole number (got "${String(raw)}").`);
  return Number(raw);
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const raw = args.options.get(name);
  return typeof raw === 'string' ? raw : undefined;
}
