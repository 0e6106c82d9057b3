// `Pactline: Lint Workspace`: runs the bundled CLI (dist/cli.js, the same engine as the server) over
// each workspace folder with the extension host's own Node, and shows the findings in the Problems
// panel and the output channel. Files open in an editor are left to the language server, so a finding
// is never listed twice.
import { execFile } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import { LANGUAGE_ID } from './detect';

interface JsonFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
}

interface JsonReport {
  findings: JsonFinding[];
  summary: { files: number; errors: number; warnings: number; infos: number };
}

export interface LintResult {
  files: number;
  findings: number;
  /** Files with findings, absolute paths. */
  byFile: Map<string, vscode.Diagnostic[]>;
}

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function runCli(cli: string, folder: string, token: vscode.CancellationToken): Promise<JsonReport> {
  return new Promise((resolve, reject) => {
    // In desktop VS Code the extension host's execPath is Electron: ELECTRON_RUN_AS_NODE makes it Node.
    const child = execFile(process.execPath, [cli, 'lint', '--format', 'json', '--fail-on', 'none', '.'], {
      cwd: folder,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' },
      maxBuffer: 256 * 1024 * 1024,
      windowsHide: true,
    }, (error, stdout, stderr) => {
      if (token.isCancellationRequested) return reject(new vscode.CancellationError());
      try {
        resolve(JSON.parse(stdout) as JsonReport);
      } catch {
        const reason = stderr.trim() || (error ? error.message : 'no report');
        reject(new Error(reason));
      }
    });
    token.onCancellationRequested(() => child.kill());
  });
}

export class WorkspaceLinter implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('pactline-workspace');
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(private readonly cliPath: string, private readonly log: vscode.LogOutputChannel) {
    // once a file is open the language server reports on it
    this.disposables.push(vscode.workspace.onDidOpenTextDocument((doc) => {
      if (doc.languageId === LANGUAGE_ID) this.collection.delete(doc.uri);
    }));
  }

  async run(): Promise<LintResult | undefined> {
    const folders = vscode.workspace.workspaceFolders?.filter((f) => f.uri.scheme === 'file') ?? [];
    if (!folders.length) {
      void vscode.window.showInformationMessage('Pactline: open a folder to lint its data contracts.');
      return undefined;
    }
    return vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification,
      title: 'Pactline: linting the workspace',
      cancellable: true,
    }, async (_progress, token) => {
      this.collection.clear();
      const result: LintResult = { files: 0, findings: 0, byFile: new Map() };
      const open = new Set(vscode.workspace.textDocuments
        .filter((d) => d.languageId === LANGUAGE_ID).map((d) => d.uri.fsPath));
      for (const folder of folders) {
        const root = folder.uri.fsPath;
        this.log.info(`lint: ${process.execPath} ${this.cliPath} lint --format json . (in ${root})`);
        let report: JsonReport;
        try {
          report = await runCli(this.cliPath, root, token);
        } catch (error) {
          if (error instanceof vscode.CancellationError) return undefined;
          const message = error instanceof Error ? error.message : String(error);
          this.log.error(`lint of ${root} failed: ${message}`);
          void vscode.window.showErrorMessage(`Pactline: could not lint ${folder.name}: ${message.split('\n')[0]}`, 'Show Output')
            .then((choice) => { if (choice) this.log.show(true); });
          continue;
        }
        result.files += report.summary.files;
        for (const f of report.findings) {
          const file = path.resolve(root, f.file);
          const range = new vscode.Range(
            Math.max(0, f.range.start.line - 1), Math.max(0, f.range.start.column - 1),
            Math.max(0, f.range.end.line - 1), Math.max(0, f.range.end.column - 1));
          const diagnostic = new vscode.Diagnostic(range, f.message, SEVERITY[f.severity] ?? vscode.DiagnosticSeverity.Error);
          diagnostic.source = 'pactline';
          diagnostic.code = f.rule;
          this.log.info(`${path.relative(root, file)}:${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.message} (${f.rule})`);
          const list = result.byFile.get(file) ?? [];
          list.push(diagnostic);
          result.byFile.set(file, list);
          result.findings++;
        }
      }
      for (const [file, diagnostics] of result.byFile) {
        if (!open.has(file)) this.collection.set(vscode.Uri.file(file), diagnostics);
      }
      const summary = `${result.findings} finding${result.findings === 1 ? '' : 's'} in ${result.byFile.size} of ${result.files} files`;
      this.log.info(`lint: ${summary}`);
      if (result.findings) {
        void vscode.window.showWarningMessage(`Pactline: ${summary}.`, 'Show Problems', 'Show Output').then((choice) => {
          if (choice === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
          if (choice === 'Show Output') this.log.show(true);
        });
      } else {
        void vscode.window.showInformationMessage(`Pactline: ${result.files} files checked, no problems.`);
      }
      return result;
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
