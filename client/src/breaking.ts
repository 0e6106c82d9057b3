// "Pactline: Compare with Base": VS Code's diff view of a contract against its base version (the
// REF the breaking-change rules compare with, `HEAD` by default). The client runs no git: the base
// text comes from the language server through `pactline-base:` URIs (a TextDocumentContentProvider),
// which are also where a removed property's related information points.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BASE_SCHEME, BaseContentRequest, BaseOfRequest, COMPARE_WITH_BASE_COMMAND } from '../../protocol/breaking';
import { LANGUAGE_ID } from './detect';

type ClientSource = () => LanguageClient | undefined;

class BaseContentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly client: ClientSource) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const client = this.client();
    if (!client?.isRunning()) throw new Error('The Pactline language server is not running.');
    const result = await client.sendRequest(BaseContentRequest, { uri: uri.toString(true) }, token);
    if ('error' in result) throw new Error(result.error);
    return result.text;
  }
}

async function compareWithBase(client: ClientSource, arg?: string | vscode.Uri): Promise<void> {
  const target =
    typeof arg === 'string'
      ? vscode.Uri.parse(arg)
      : arg instanceof vscode.Uri
        ? arg
        : vscode.window.activeTextEditor?.document.uri;
  if (!target) {
    void vscode.window.showInformationMessage('Pactline: open a contract to compare it with its base version.');
    return;
  }
  const c = client();
  if (!c?.isRunning()) {
    void vscode.window.showWarningMessage('Pactline: the language server is not running.');
    return;
  }
  const base = await c.sendRequest(BaseOfRequest, { textDocument: { uri: target.toString() } });
  if ('error' in base) {
    void vscode.window.showWarningMessage(`Pactline: ${base.error}`);
    return;
  }
  const name = target.path.slice(target.path.lastIndexOf('/') + 1);
  const moved = base.path !== vscode.workspace.asRelativePath(target, false) ? ` (was ${base.path})` : '';
  await vscode.commands.executeCommand(
    'vscode.diff',
    vscode.Uri.parse(base.uri),
    target,
    `${name}: ${base.label}${moved} ↔ working tree`,
  );
}

export function registerBreaking(client: ClientSource): vscode.Disposable[] {
  return [
    vscode.workspace.registerTextDocumentContentProvider(BASE_SCHEME, new BaseContentProvider(client)),
    vscode.commands.registerCommand(COMPARE_WITH_BASE_COMMAND, (arg?: string | vscode.Uri) =>
      compareWithBase(client, arg),
    ),
  ];
}

export { LANGUAGE_ID };
