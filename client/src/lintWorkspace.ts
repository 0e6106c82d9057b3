// `Pactline: Lint Workspace`: asks the language server for the findings of every recognised file of
// the workspace (`pactline/lintWorkspace`) and shows them in the Problems panel and the output channel.
// The server answers from its own index, with the same engine, configuration and workspace trust as
// the open documents: the client runs no second engine. Files open in an editor are left to the
// server's own diagnostics, so a finding is never listed twice.
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LANGUAGE_ID } from './detect';
import { LintWorkspaceRequest } from './protocol';

export interface LintResult {
  files: number;
  findings: number;
  /** Files with findings, absolute paths. */
  byFile: Map<string, vscode.Diagnostic[]>;
}

export class WorkspaceLinter implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('pactline-workspace');
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(
    private readonly client: () => Promise<LanguageClient | undefined>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    // once a file is open the language server reports on it
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (doc.languageId === LANGUAGE_ID) this.collection.delete(doc.uri);
      }),
    );
  }

  async run(): Promise<LintResult | undefined> {
    const folders = vscode.workspace.workspaceFolders?.filter((f) => f.uri.scheme === 'file') ?? [];
    if (!folders.length) {
      void vscode.window.showInformationMessage('Pactline: open a folder to lint its data contracts.');
      return undefined;
    }
    return vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: 'Pactline: linting the workspace',
        cancellable: true,
      },
      async (_progress, token) => {
        this.collection.clear();
        const result: LintResult = { files: 0, findings: 0, byFile: new Map() };
        const open = new Set(
          vscode.workspace.textDocuments.filter((d) => d.languageId === LANGUAGE_ID).map((d) => d.uri.fsPath),
        );
        const client = await this.client();
        if (!client) {
          void vscode.window
            .showErrorMessage('Pactline: the language server is not running.', 'Show Output')
            .then((choice) => {
              if (choice) this.log.show(true);
            });
          return undefined;
        }
        this.log.info('lint: asking the language server for every file of the workspace');
        let answer;
        try {
          answer = await client.sendRequest(LintWorkspaceRequest, {}, token);
        } catch (error) {
          if (token.isCancellationRequested) return undefined;
          const message = error instanceof Error ? error.message : String(error);
          this.log.error(`lint of the workspace failed: ${message}`);
          void vscode.window
            .showErrorMessage(`Pactline: could not lint the workspace: ${message.split('\n')[0]}`, 'Show Output')
            .then((choice) => {
              if (choice) this.log.show(true);
            });
          return undefined;
        }
        result.files = answer.files;
        for (const item of answer.items) {
          const uri = client.protocol2CodeConverter.asUri(item.uri);
          const diagnostics = await client.protocol2CodeConverter.asDiagnostics(item.diagnostics);
          const folder = vscode.workspace.getWorkspaceFolder(uri);
          for (const d of diagnostics) {
            const where = folder ? path.relative(folder.uri.fsPath, uri.fsPath) : uri.fsPath;
            this.log.info(
              `${where}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message} (${typeof d.code === 'object' ? d.code.value : d.code})`,
            );
          }
          result.byFile.set(uri.fsPath, diagnostics);
          result.findings += diagnostics.length;
        }
        for (const [file, diagnostics] of result.byFile) {
          if (!open.has(file)) this.collection.set(vscode.Uri.file(file), diagnostics);
        }
        const summary = `${result.findings} finding${result.findings === 1 ? '' : 's'} in ${result.byFile.size} of ${result.files} files`;
        this.log.info(`lint: ${summary}`);
        if (result.findings) {
          void vscode.window
            .showWarningMessage(`Pactline: ${summary}.`, 'Show Problems', 'Show Output')
            .then((choice) => {
              if (choice === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
              if (choice === 'Show Output') this.log.show(true);
            });
        } else {
          void vscode.window.showInformationMessage(`Pactline: ${result.files} files checked, no problems.`);
        }
        return result;
      },
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
