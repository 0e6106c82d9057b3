// `pactline lineage`: reads the files, hands them to the engine's lineage graph, writes one
// rendering. Exit 0 when it rendered, 2 when it could not (bad usage, an unknown focus, a graph
// too large to draw).
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  describeSummary,
  lineageGraphFor,
  lineageView,
  renderSvg,
  toDot,
  toLineageJson,
  toMermaid,
  toOpenLineage,
  DEFAULT_DEPTH,
  MERMAID_MAX_EDGES,
  focusContracts,
  lineageNeeds,
  scanContractId,
  type FocusResolution,
  type LineageGraph,
  type ViewSummary,
} from '../engine/lineage';
import { svgToPng } from '../engine/lineage/png';
import { LanguageService } from '../engine/service';
import { decodeText } from '../engine/text';
import { normalizePath } from '../engine/workspaceRules';
import { resvgWasm, sansFonts } from '../host/png';
import { readFileSafe } from '../host/safeFs';
import { integerOption, parseArgs, stringOption, UsageError, type OptionSpec } from './args';
import { nothingToCheck, somethingChecked } from './empty';
import { findYamlFiles, loadFiles, type FoundFile } from './files';
import { commandHelp } from './help';
import { loadConfig, RunError } from './lint';

export const LINEAGE_FORMATS = ['svg', 'png', 'dot', 'json', 'mermaid', 'openlineage'] as const;
export type LineageFormat = (typeof LINEAGE_FORMATS)[number];

export const LINEAGE_OPTIONS: Record<string, OptionSpec> = {
  format: { value: true, choices: LINEAGE_FORMATS },
  focus: { value: true },
  upstream: { value: true },
  downstream: { value: true },
  columns: {},
  output: { value: true },
  config: { value: true },
  verbose: {},
  'allow-empty': {},
};

export interface LineageOptions {
  paths: string[];
  cwd: string;
  format: LineageFormat;
  focus?: string;
  upstream?: number;
  downstream?: number;
  columns: boolean;
  configFile?: string;
  verbose: boolean;
  /** Render an empty graph rather than fail when nothing under the paths is ours. */
  allowEmpty?: boolean;
  version: string;
  /** OpenLineage `eventTime`. */
  now: Date;
  /** Read every file even with a focus (what a focused read must give; --verbose, which counts the whole graph). */
  readAll?: boolean;
}

export interface LineageResult {
  /** Text, or the bytes of a PNG. */
  output: string | Uint8Array;
  exitCode: 0 | 2;
  /** Lines for stderr. */
  notes: string[];
}

/**
 * Builds the graph of the files under `paths` (with the rest of the workspace as context). With a
 * `focus`, only what the focus's neighbourhood can need is parsed (see `readFocused`); `complete`
 * then reads the rest, for a focus that only the whole graph can resolve.
 */
export function loadLineage(options: Pick<LineageOptions, 'paths' | 'cwd' | 'configFile' | 'allowEmpty' | 'focus'>): {
  graph: LineageGraph;
  files: Set<string>;
  notes: string[];
  context: boolean;
  /** Whether some files were left unread (a focused read). */
  partial: boolean;
  /** Reads what was left unread; the graph of the whole workspace. */
  complete(): LineageGraph;
} {
  const paths = options.paths.length ? options.paths : ['.'];
  const config = loadConfig(options.cwd, options.configFile, path.resolve(options.cwd, paths[0]));
  const { files, missing } = findYamlFiles(paths, options.cwd, config);
  if (missing.length) throw new UsageError(`No such file or directory: ${missing.join(', ')}`);
  // As for lint: a pactline.yaml marks the workspace, whose other files resolve references.
  const context = config.file ? findYamlFiles([path.dirname(config.file)], options.cwd, config).files : [];
  const known = new Set(files.map((f) => f.absolute));
  const extra = context.filter((f) => !known.has(f.absolute));
  const service = new LanguageService({ config });
  const notes: string[] = [];
  const all = [...files, ...extra];
  const unread =
    options.focus !== undefined
      ? readFocused(service, all, options.focus, notes)
      : (loadFiles(service, all, notes), []);
  const graphOf = () => lineageGraphFor(service.index, (p) => service.getDocument(p));
  // An empty drawing of the wrong folder is not a lineage: say so (exit 2) unless asked to allow it.
  // A file left unread is an ODCS contract for certain: something to draw.
  const relatives = files.map((f) => f.relative);
  const unreadSet = new Set(unread.map((f) => f.relative));
  if (
    !options.allowEmpty &&
    !relatives.some((f) => unreadSet.has(f)) &&
    !somethingChecked(relatives, (f) => service.getDocument(f), new Set())
  ) {
    throw new RunError(nothingToCheck(paths, options.cwd, config, (f) => service.getDocument(f), 'draw'));
  }
  return {
    graph: graphOf(),
    files: new Set(files.map((f) => f.relative)),
    notes,
    context: extra.length > 0,
    partial: unread.length > 0,
    complete: () => {
      loadFiles(service, unread.splice(0), notes);
      return graphOf();
    },
  };
}

/**
 * Parses what a focused view can need, and returns the files left unread. Every file is read and
 * looked at (`scanContractId`): the ODCS contracts whose id the look is certain of, and whose edges
 * stay within themselves, wait; the others are parsed now. Then the contracts named by what was
 * parsed (`lineageNeeds`: pipeline inputs and outputs, product ports, relationship files, every
 * file declaring the same id) and those the focus may name are parsed, until nothing new is named.
 * A contract left unread is named by no edge of what was read, so none of its nodes is connected
 * to the rest: the focus's neighbourhood is the one the whole graph gives.
 */
function readFocused(service: LanguageService, all: readonly FoundFile[], focus: string, notes: string[]): FoundFile[] {
  const waiting = new Map<string, FoundFile[]>();
  const byPath = new Map<string, FoundFile>();
  const left = new Set<FoundFile>();
  const now: FoundFile[] = [];
  for (const file of all) {
    let id: string | undefined;
    if (!file.refusal) {
      const read = readFileSafe(file.absolute, file.workspace, service.config.maxFileSize);
      const decoded = read.status === 'ok' ? decodeText(read.bytes) : undefined;
      if (decoded?.ok) id = scanContractId(file.relative, decoded.text);
    }
    if (id === undefined) {
      now.push(file);
      continue;
    }
    (waiting.get(id) ?? waiting.set(id, []).get(id)!).push(file);
    byPath.set(normalizePath(file.relative), file);
    left.add(file);
  }
  let queue: FoundFile[] = [];
  let everything = false;
  const take = (file: FoundFile | undefined) => {
    if (file && left.delete(file)) queue.push(file);
  };
  const read = (files: FoundFile[]) => {
    loadFiles(service, files, notes);
    for (const file of files) {
      const facts = service.index.facts(file.relative);
      if (!facts) continue;
      const needs = lineageNeeds(facts);
      if (needs.everything) everything = true;
      for (const id of needs.contracts) for (const f of waiting.get(id) ?? []) take(f);
      for (const p of needs.files) take(byPath.get(p));
    }
  };
  read(now);
  for (const id of focusContracts(focus)) for (const f of waiting.get(id) ?? []) take(f);
  while (queue.length && !everything) {
    const batch = queue;
    queue = [];
    read(batch);
  }
  // Free-text dataset names resolve against every dataset: nothing may be left out.
  if (everything) {
    for (const f of left) queue.push(f);
    left.clear();
  }
  if (queue.length) loadFiles(service, queue, notes);
  return all.filter((f) => left.has(f));
}

export async function lineage(options: LineageOptions): Promise<LineageResult> {
  const loaded = loadLineage({ ...options, focus: options.verbose || options.readAll ? undefined : options.focus });
  const { files, notes, context } = loaded;
  let graph = loaded.graph;
  let focus: string | undefined;
  if (options.focus !== undefined) {
    // A focus the read files name by id alone; any other (a bare object name, a typo) needs the whole graph.
    const exact = loaded.partial ? graph.resolveFocusExactly(options.focus) : undefined;
    if (loaded.partial && exact === undefined) graph = loaded.complete();
    const resolved: FocusResolution = exact !== undefined ? { ok: true, id: exact } : graph.resolveFocus(options.focus);
    if (!resolved.ok) throw new RunError(`--focus: ${resolved.message}`);
    focus = resolved.id;
  }
  const view = lineageView(graph, {
    focus,
    upstream: options.upstream ?? DEFAULT_DEPTH,
    downstream: options.downstream ?? DEFAULT_DEPTH,
    columns: options.columns,
    files: context && !focus ? files : undefined,
  });
  const scope = options.paths.length ? options.paths.join(' ') : '.';
  if (options.verbose)
    notes.push(
      `lineage: ${view.nodes.length} nodes and ${view.edges.length} edges in this view (${graph.nodes().length} nodes in the graph)`,
    );
  switch (options.format) {
    case 'svg':
    case 'png': {
      const result = await renderSvg(view);
      if (!result.ok) return { output: '', exitCode: 2, notes: [...notes, ...narrow(scope, result.summary, 'drawn')] };
      if (options.format === 'svg') return { output: result.svg, exitCode: 0, notes };
      const fonts = sansFonts();
      if (!fonts)
        throw new RunError(
          '--format png: no sans font found to draw the labels with (Liberation Sans, Arial or DejaVu Sans); use --format svg.',
        );
      let wasm: Uint8Array;
      try {
        wasm = resvgWasm();
      } catch {
        throw new RunError(
          '--format png: the PNG renderer (resvg.wasm) is not installed beside the CLI; use --format svg.',
        );
      }
      return { output: await svgToPng(result.svg, { wasm, ...fonts }), exitCode: 0, notes };
    }
    case 'dot':
      return { output: toDot(view), exitCode: 0, notes };
    case 'json':
      return {
        output:
          JSON.stringify(
            toLineageJson(view, (id) => graph.range(id)),
            null,
            2,
          ) + '\n',
        exitCode: 0,
        notes,
      };
    case 'mermaid': {
      const result = toMermaid(view);
      if (!result.ok) {
        return {
          output: '',
          exitCode: 2,
          notes: [
            ...notes,
            `pactline: this view has ${result.edges.toLocaleString('en-US')} edges and ${result.characters.toLocaleString('en-US')} characters of Mermaid; ` +
              `GitHub draws at most ${MERMAID_MAX_EDGES} edges and 50,000 characters.`,
            ...narrow(scope, result.summary, 'drawn by Mermaid').slice(1),
          ],
        };
      }
      return { output: result.text, exitCode: 0, notes };
    }
    case 'openlineage': {
      const events = toOpenLineage(graph, view, {
        eventTime: options.now.toISOString(),
        producer: `https://github.com/pactline/pactline/tree/v${options.version}`,
      });
      return {
        output: events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : ''),
        exitCode: 0,
        notes,
      };
    }
  }
}

/** What to say when a view is too large: its size, and how to narrow it. */
function narrow(scope: string, summary: ViewSummary, what: string): string[] {
  const example = summary.busiest[0]?.id ?? 'ID';
  return [
    `pactline: the lineage graph is too large to be ${what}: ${describeSummary(summary)}`,
    'Narrow it to the neighbourhood of one node with --focus ID and --upstream N / --downstream N, for example:',
    `  pactline lineage ${scope} --focus ${example} --upstream 1 --downstream 1`,
    ...(summary.busiest.length
      ? [`The most connected nodes: ${summary.busiest.map((b) => `${b.id} (${b.degree} edges)`).join(', ')}.`]
      : []),
    '--format json or dot need no layout and take the whole graph.',
  ];
}

/** `pactline lineage [PATH...]`: the exit code. */
export async function runLineageCommand(argv: string[], version: string): Promise<number> {
  const args = parseArgs(argv, LINEAGE_OPTIONS);
  if (args.help) {
    process.stdout.write(commandHelp('lineage'));
    return 0;
  }
  const output = stringOption(args, 'output');
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const now = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  const result = await lineage({
    paths: args.positionals,
    cwd: process.cwd(),
    format: (stringOption(args, 'format') ?? 'svg') as LineageFormat,
    focus: stringOption(args, 'focus'),
    upstream: integerOption(args, 'upstream'),
    downstream: integerOption(args, 'downstream'),
    columns: args.options.has('columns'),
    configFile: stringOption(args, 'config'),
    verbose: args.options.has('verbose'),
    allowEmpty: args.options.has('allow-empty'),
    version,
    now,
  });
  for (const note of result.notes) process.stderr.write(note + '\n');
  if (result.exitCode !== 0) return result.exitCode;
  if (output) {
    try {
      fs.writeFileSync(output, result.output);
    } catch (error) {
      throw new RunError(`Cannot write the lineage to ${output}: ${(error as Error).message}`);
    }
  } else {
    process.stdout.write(result.output);
  }
  return 0;
}
