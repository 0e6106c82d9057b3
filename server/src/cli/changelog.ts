// `pactline changelog --against REF`: every change Pactline sees between REF and the working tree,
// breaking or not, grouped per contract, as text, markdown (a release note, a PR comment) or JSON.
// The changes are `pactline breaking`'s findings (the same ids, messages and verdicts), including
// the information-only ones.
import * as path from 'node:path';
import type { Compatibility } from '../engine/breaking';
import { GitError } from '../git/reader';
import { UsageError } from './args';
import { changedFindings, checkRef, gitFailure, readBaseSide } from './breaking';
import { loadConfig, type LintResult } from './lint';
import type { ReportFinding } from './report';

export interface ChangelogOptions {
  paths: string[];
  cwd: string;
  version: string;
  format: 'text' | 'markdown' | 'json';
  configFile?: string;
  ref: string | undefined;
  compat?: Compatibility;
}

interface ContractChanges {
  id: string;
  files: string[];
  breaking: ReportFinding[];
  other: ReportFinding[];
}

export async function runChangelog(options: ChangelogOptions): Promise<LintResult> {
  const paths = options.paths.length ? options.paths : ['.'];
  const config = loadConfig(options.cwd, options.configFile, path.resolve(options.cwd, paths[0]));
  const ref = options.ref ?? config.breaking.against;
  if (!ref) throw new UsageError('`pactline changelog` needs --against REF (or `breaking.against` in pactline.yaml).');
  checkRef(ref);
  let result;
  try {
    const base = await readBaseSide({ cwd: options.cwd, paths: options.paths, ref, config });
    result = changedFindings({ ...options, failOn: 'none', verbose: false, color: false }, config, base);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    if (error.code === 'bad-ref') throw new UsageError(`--against: ${error.message}`);
    throw gitFailure(error);
  }
  const groups = new Map<string, ContractChanges>();
  for (const finding of result.findings) {
    // A removed contract's finding sits in its base file; its id is in the change itself.
    const id =
      result.contractOf?.(finding.file) ??
      (finding.rule === 'breaking/contract-removed' ? String(finding.change?.before) : finding.file);
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { id, files: [], breaking: [], other: [] }));
    if (!group.files.includes(finding.file)) group.files.push(finding.file);
    (finding.severity === 'info' ? group.other : group.breaking).push(finding);
  }
  const contracts = [...groups.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const output =
    options.format === 'json'
      ? json(options, ref, contracts)
      : options.format === 'markdown'
        ? markdown(ref, contracts)
        : text(ref, contracts);
  return { output, exitCode: 0, notes: result.notes };
}

function json(options: ChangelogOptions, ref: string, contracts: ContractChanges[]): string {
  const all = contracts.flatMap((c) => [...c.breaking, ...c.other]);
  return (
    JSON.stringify(
      {
        tool: { name: 'pactline', version: options.version },
        against: ref,
        contracts: contracts.map((c) => ({
          id: c.id,
          files: c.files,
          changes: [...c.breaking, ...c.other].map((f) => ({ ...f, breaking: f.severity !== 'info' })),
        })),
        summary: {
          contracts: contracts.length,
          changes: all.length,
          breaking: all.filter((f) => f.severity !== 'info').length,
        },
      },
      null,
      2,
    ) + '\n'
  );
}

/** The first sentence of a message: what changed (the rest says why it breaks and who). */
function what(finding: ReportFinding): string {
  const m = /^(.*?[.?])(\s|$)/.exec(finding.message);
  return m ? m[1] : finding.message;
}

function markdown(ref: string, contracts: ContractChanges[]): string {
  const escape = (s: string) => s.replace(/[<>|]/g, (c) => `\\${c}`);
  const lines = [`## Changes against \`${ref}\``, ''];
  if (!contracts.length) return lines.concat('No contract changed.', '').join('\n');
  for (const c of contracts) {
    lines.push(`### \`${c.id}\` (${c.files.map((f) => `\`${f}\``).join(', ')})`, '');
    if (c.breaking.length) {
      lines.push(`**Breaking** (${c.breaking.length})`, '');
      for (const f of c.breaking)
        lines.push(`- **${f.severity}** ${escape(f.message)} \`${f.rule}\` (line ${f.range.start.line})`);
      lines.push('');
    }
    if (c.other.length) {
      lines.push(`**Other changes** (${c.other.length})`, '');
      for (const f of c.other) lines.push(`- ${escape(what(f))} \`${f.rule}\``);
      lines.push('');
    }
  }
  return lines.join('\n');
}

function text(ref: string, contracts: ContractChanges[]): string {
  if (!contracts.length) return `No contract changed against ${ref}.\n`;
  const lines: string[] = [];
  for (const c of contracts) {
    lines.push(`${c.id} (${c.files.join(', ')}): ${c.breaking.length} breaking, ${c.other.length} other`);
    for (const f of c.breaking)
      lines.push(`  ${String(f.range.start.line).padStart(4)}  ${f.severity.padEnd(7)}  ${f.message}  ${f.rule}`);
    for (const f of c.other) lines.push(`  ${String(f.range.start.line).padStart(4)}  change   ${what(f)}  ${f.rule}`);
    lines.push('');
  }
  const total = contracts.reduce((n, c) => n + c.breaking.length + c.other.length, 0);
  const breaking = contracts.reduce((n, c) => n + c.breaking.length, 0);
  lines.push(
    `${total} change${total === 1 ? '' : 's'} (${breaking} breaking) in ${contracts.length} contract${contracts.length === 1 ? '' : 's'} against ${ref}`,
  );
  return lines.join('\n') + '\n';
}
