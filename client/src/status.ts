// The language status item: what the server says about the active Pactline document
// (`pactline/status`, refreshed on `pactline/statusChanged`): file kind, standard version,
// findings, time of the last validation.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LANGUAGE_ID } from './detect';
import { StatusNotification, StatusRequest, type PactlineStatus } from './protocol';

const KIND_LABELS: Record<string, string> = {
  odcs: 'ODCS contract',
  dcs: 'Data Contract Specification',
  odps: 'ODPS data product',
  pipeline: 'Pactline pipeline',
  config: 'Pactline configuration',
};

export function kindLabel(kind: string | null | undefined): string {
  if (!kind) return 'Not a Pactline document';
  return KIND_LABELS[kind] ?? kind;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function formatTime(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleTimeString();
}

export class StatusItem implements vscode.Disposable {
  readonly item: vscode.LanguageStatusItem;
  private readonly disposables: vscode.Disposable[] = [];
  private generation = 0;
  /** The last status shown, per document URI (for tests and the item itself). */
  readonly last = new Map<string, PactlineStatus>();

  constructor(private readonly getClient: () => LanguageClient | undefined) {
    this.item = vscode.languages.createLanguageStatusItem('pactline.status', { language: LANGUAGE_ID });
    this.item.name = 'Pactline';
    this.item.text = 'Pactline';
    this.item.command = { title: 'Show Output', command: 'pactline.showOutput' };
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (doc === vscode.window.activeTextEditor?.document) void this.refresh();
      }),
    );
  }

  /** Call after each (re)start of the client. */
  attach(client: LanguageClient): vscode.Disposable {
    return client.onNotification(StatusNotification, (params) => {
      const active = vscode.window.activeTextEditor?.document;
      if (!active || params.uri !== active.uri.toString()) return;
      if (params.status) this.show(active.uri, params.status);
      else void this.refresh();
    });
  }

  /** Ask the server about the active document and show the answer. */
  async refresh(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== LANGUAGE_ID) return;
    const client = this.getClient();
    if (!client || !client.isRunning()) {
      this.showProblem('Language server not running', 'Pactline: Restart Language Server', 'pactline.restartServer');
      return;
    }
    const generation = ++this.generation;
    this.item.busy = true;
    try {
      const status = await client.sendRequest(StatusRequest, { textDocument: { uri: doc.uri.toString() } });
      if (generation === this.generation && status) this.show(doc.uri, status);
    } catch (error) {
      if (generation === this.generation) {
        this.showProblem('No status from the language server', 'Show Output', 'pactline.showOutput');
        client.warn(`pactline/status failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    } finally {
      if (generation === this.generation) this.item.busy = false;
    }
  }

  showStopped(): void {
    this.showProblem('Language server stopped', 'Restart', 'pactline.restartServer');
  }

  private show(uri: vscode.Uri, status: PactlineStatus): void {
    this.last.set(uri.toString(), status);
    const { errors = 0, warnings = 0, infos = 0 } = status.findings ?? {};
    const label = kindLabel(status.kind);
    const version = status.version ? ` ${/^\d/.test(status.version) ? 'v' : ''}${status.version}` : '';
    // no icon in the text: VS Code shows the severity's own icon for warnings and errors
    this.item.text = status.kind ? `${label}${version}` : label;
    const counts =
      errors || warnings || infos
        ? [errors && plural(errors, 'error'), warnings && plural(warnings, 'warning'), infos && plural(infos, 'info')]
            .filter(Boolean)
            .join(', ')
        : 'no findings';
    const time = formatTime(status.lastValidation);
    const limited = status.trusted === false ? ' · restricted mode (untrusted workspace)' : '';
    this.item.detail = status.kind ? `${counts}${time ? ` · validated ${time}` : ''}${limited}` : undefined;
    this.item.severity = errors
      ? vscode.LanguageStatusSeverity.Error
      : warnings
        ? vscode.LanguageStatusSeverity.Warning
        : vscode.LanguageStatusSeverity.Information;
    this.item.command = { title: 'Show Output', command: 'pactline.showOutput' };
  }

  private showProblem(text: string, title: string, command: string): void {
    this.item.busy = false;
    this.item.text = text;
    this.item.detail = undefined;
    this.item.severity = vscode.LanguageStatusSeverity.Warning;
    this.item.command = { title, command };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
