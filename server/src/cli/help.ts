// The usage texts: one entry per command, printed by `pactline <command> --help` (or `-h`) and,
// all together, by `pactline --help`. A new command adds its entry here and checks `args.help`.
import { FORMATTERS } from './formatters';

export interface CommandHelp {
  /** `pactline lint [PATH...]`. */
  usage: string;
  /** One line: what the command does. */
  summary: string;
  /** `[flags, description]`; a description may span lines (`\n`), each continued under the first. */
  options: readonly (readonly [string, string])[];
  /** Exit codes and anything else to say after the options. */
  footer?: string;
  /** In `pactline --help`, the usage line only (its options are another command's). */
  usageOnly?: boolean;
}

const REPORT_EXIT = `Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it (or over --max-warnings);
2 the run itself failed (bad usage, unreadable configuration, nothing to check, not a git repository,
REF not found).`;

const REPORT_OPTIONS: readonly (readonly [string, string])[] = [
  ['--format ' + Object.keys(FORMATTERS).join('|'), '(default text)'],
  ['--output FILE', 'write the report there instead of stdout'],
  ['--fail-on error|warning|info|none', 'lowest severity that makes the exit code 1 (default error)'],
  ['--max-warnings N', 'exit 1 when there are more than N warnings'],
  ['--config FILE', 'configuration file (default: the nearest pactline.yaml/.pactline.yaml)'],
  [
    '--stdin-filepath PATH',
    'read one document from stdin and report it as PATH (workspace and\nconfiguration found from PATH, as for the file)',
  ],
  ['--allow-empty', 'exit 0 when there is no contract, product or pipeline to check'],
  ['--verbose', 'also list the files that were skipped, on stderr'],
];

const AGAINST = [
  '--against REF',
  'also run the breaking-change rules against git REF\n(a commit, branch, tag, HEAD~1, or merge-base:REF)',
] as const;
const COMPAT = [
  '--compat forward|backward|full|none',
  "compatibility to enforce with --against (default forward,\nor the configuration's / the contract's own)",
] as const;
const HELP_OPTION = ['-h, --help', 'this help'] as const;

export const COMMAND_HELP: Record<string, CommandHelp> = {
  lint: {
    usage: 'pactline lint [PATH...]',
    summary: 'check every recognised file under PATH (default: .)',
    options: [
      ...REPORT_OPTIONS,
      [
        '--cache',
        'reuse what the last run found for unchanged files (see docs/cli.md);\nthe cross-file rules always run over the whole workspace',
      ],
      ['--cache-location PATH', 'the cache file, or a folder for it (default ./.pactline-cache)'],
      ['--jobs N|auto', 'parse and validate in N worker threads (auto: one per core on large runs)'],
      AGAINST,
      COMPAT,
      HELP_OPTION,
    ],
    footer: REPORT_EXIT,
  },
  breaking: {
    usage: 'pactline breaking [PATH...] --against REF',
    summary: 'only the breaking-change rules; same options as lint',
    options: [
      [
        '--against REF',
        'the git revision to compare with (a commit, branch, tag, HEAD~1, or\nmerge-base:REF); default: `breaking.against` in pactline.yaml; may repeat',
      ],
      [
        '--transitive TAG-GLOB',
        "compare with every tag that matches (e.g. 'orders-v*'), oldest first,\nand say the oldest version each change breaks (or `breaking.transitive`)",
      ],
      COMPAT,
      ...REPORT_OPTIONS,
      HELP_OPTION,
    ],
    footer: REPORT_EXIT,
    usageOnly: true,
  },
  changelog: {
    usage: 'pactline changelog [PATH...] --against REF',
    summary: 'every change, breaking or not, per contract (a release note, a PR comment)',
    options: [
      ['--format text|markdown|json', '(default text)'],
      ['--against REF', 'the git revision to compare with; default: `breaking.against`'],
      COMPAT,
      ['--output FILE', 'write it there instead of stdout'],
      ['--config FILE', 'configuration file (default: the nearest pactline.yaml/.pactline.yaml)'],
      HELP_OPTION,
    ],
    footer: 'Exit codes: 0 it was written; 2 it could not be (bad usage, not a git repository,\nREF not found).',
  },
  migrate: {
    usage: 'pactline migrate [PATH...] --to v3.1.0|v3.2.0',
    summary: 'upgrade ODCS files; prints a diff, writes only with --write',
    options: [
      ['--to VERSION', 'v3.1.0 or v3.2.0 (default v3.2.0); files of v3.0.x and v3.1.0 are carried'],
      ['--write', 'write the migrated files; without it, print the unified diff and\nwrite nothing'],
      ['--config FILE', 'configuration file (its `ignore` patterns apply)'],
      HELP_OPTION,
    ],
    footer:
      "As the standard's changelog says: `rule:` quality checks become `metric:` checks,\nboolean exclusive bounds numbers, `team` an object with `members`; keys the new\nversion has no place for move into `customProperties`. Comments and untouched\nlines stay as they are. A file the target would still reject is never written.\nExit codes: 0 done (or nothing to do); 1 a file was left as it is (what to fix is\nprinted); 2 bad usage or an unreadable file.",
  },
  lineage: {
    usage: 'pactline lineage [PATH...]',
    summary: 'the lineage graph of the files under PATH',
    options: [
      ['--format svg|png|dot|json|mermaid|openlineage', '(default svg; png is the same drawing)'],
      [
        '--focus ID',
        'only the neighbourhood of this node (a node id such as dataset:orders/orders,\nor a contract, schema object, pipeline, step or product id); a column\n(column:<contract>/<object>/<column>) has its path traced, the rest dimmed',
      ],
      ['--upstream N / --downstream N', 'how far from the focus (default: 2 each)'],
      ['--columns', 'datasets as tables with the columns that column edges join, row to row'],
      ['--output FILE', 'write it there instead of stdout'],
      ['--config FILE', 'configuration file (default: the nearest pactline.yaml/.pactline.yaml)'],
      ['--allow-empty', 'draw an empty graph (exit 0) when there is no contract, product or pipeline'],
      ['--verbose', 'also say how large the graph is, on stderr'],
      HELP_OPTION,
    ],
    footer:
      'Exit codes: 0 it rendered; 2 it could not (bad usage, nothing to draw, an unknown --focus,\na graph too large to draw).',
  },
  lsp: {
    usage: 'pactline lsp --stdio | --node-ipc | --socket=PORT',
    summary: 'run the language server (any LSP editor can use it)',
    options: [
      ['--stdio', 'talk LSP over stdin/stdout (what most editors use)'],
      ['--node-ipc', "talk over Node's IPC channel (a parent Node process)"],
      ['--socket=PORT', 'connect to the client listening on PORT'],
      HELP_OPTION,
    ],
  },
};

/** The option lines, descriptions aligned after the flags; a long flag puts its description after 3 spaces. */
function optionLines(options: CommandHelp['options'], indent: number): string[] {
  const column = 27;
  const lines: string[] = [];
  for (const [flags, description] of options) {
    const [first, ...rest] = description.split('\n');
    const head = ' '.repeat(indent) + flags;
    const pad = flags.length < column - 1 ? ' '.repeat(column - flags.length) : '   ';
    lines.push(head + pad + first);
    for (const more of rest) lines.push(' '.repeat(indent + column) + more);
  }
  return lines;
}

/** `pactline <command> --help`. */
export function commandHelp(name: string): string {
  const help = COMMAND_HELP[name];
  const out = [
    `Usage: ${help.usage}`,
    '',
    help.summary[0].toUpperCase() + help.summary.slice(1) + '.',
    '',
    'Options:',
    ...optionLines(help.options, 2),
  ];
  if (help.footer) out.push('', help.footer);
  return out.join('\n') + '\n';
}

/** `pactline --help`: every command with its options (not the per-command -h lines). */
export function topLevelHelp(version: string): string {
  const out = [`pactline ${version}: data contracts, data products and pipelines, checked.`, '', 'Usage:'];
  for (const help of Object.values(COMMAND_HELP)) {
    out.push(`  ${help.usage.length < 30 ? help.usage.padEnd(30) : help.usage + '  '} ${help.summary}`);
    if (!help.usageOnly)
      out.push(
        ...optionLines(
          help.options.filter((o) => o !== HELP_OPTION),
          6,
        ),
      );
  }
  out.push(
    '  pactline --version | --help',
    "  pactline <command> --help | -h   that command's usage",
    '',
    REPORT_EXIT,
    'migrate: 0 done (or nothing to do); 1 a file would still be invalid under --to and',
    'is left as it is.',
    'lineage: 0 when it rendered, 2 when it could not (bad usage, nothing to draw, an unknown --focus,\na graph too large to draw).',
  );
  return out.join('\n') + '\n';
}
