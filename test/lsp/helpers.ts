// Shared by the protocol tests: the CLI's JSON report for a folder, and diagnostics in its terms.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CLI, type Diagnostic, type LspClient, type PublishDiagnosticsParams } from './client';

export interface CliFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/** `pactline lint --format json` run at `dir` (the workspace root, as CI runs it). */
export function cliFindings(dir: string, args: string[] = []): CliFinding[] {
  const run = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', ...args], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`pactline lint exited ${run.status}: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { findings: CliFinding[] }).findings;
}

const SEVERITY = ['', 'error', 'warning', 'info', 'info'] as const;

/** An LSP diagnostic in the CLI report's terms (1-based, rule id, severity word). */
export function asCliFinding(file: string, d: Diagnostic): CliFinding {
  return {
    rule: String(d.code),
    severity: SEVERITY[d.severity ?? 1] as CliFinding['severity'],
    message: d.message,
    file,
    range: {
      start: { line: d.range.start.line + 1, column: d.range.start.character + 1 },
      end: { line: d.range.end.line + 1, column: d.range.end.character + 1 },
    },
  };
}

export function sortFindings(list: CliFinding[]): CliFinding[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.column - b.range.start.column ||
      a.rule.localeCompare(b.rule) ||
      a.message.localeCompare(b.message),
  );
}

/** Every YAML file under `dir`, relative, forward slashes. */
export function yamlFiles(dir: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => {
      const full = join(d, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' || e.name.startsWith('.git') ? [] : walk(full);
      return /\.ya?ml$/.test(e.name) ? [relative(dir, full).split('\\').join('/')] : [];
    });
  return walk(dir).sort();
}

/** Resolves when no diagnostics were published for `quietMs` (the server has settled). */
export async function settle(client: LspClient, quietMs = 400, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const count = client.published.length + client.statusChanges.length;
    await new Promise((r) => setTimeout(r, quietMs));
    if (client.published.length + client.statusChanges.length === count) return;
    if (Date.now() > deadline) throw new Error('the server did not settle');
  }
}

/** The last diagnostics published for each URI. */
export function latest(client: LspClient): Map<string, PublishDiagnosticsParams> {
  const out = new Map<string, PublishDiagnosticsParams>();
  for (const p of client.published) out.set(p.uri, p);
  return out;
}
