// `Pactline: Open Example Workspace`: the example data platform ships inside the extension
// (`examples/`). Either copy it to a folder the user picks (to edit it and watch findings appear), or
// open the bundled copy read-only (a `.code-workspace` with `files.readonlyInclude` set, so the language
// server still reads real files and cross-file features work).
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

export interface OpenExamplesOptions {
  /** Skip the question: copy, or open read-only. */
  mode?: 'copy' | 'readonly';
  /** For `copy`: the parent folder; the examples go to `<target>/pactline-examples[-N]`. */
  target?: string;
  /** Open the result in a window (default true). */
  open?: boolean;
}

function freeFolder(parent: string, name: string): string {
  let candidate = path.join(parent, name);
  for (let n = 2; fs.existsSync(candidate); n++) candidate = path.join(parent, `${name}-${n}`);
  return candidate;
}

async function openFolder(uri: vscode.Uri): Promise<void> {
  const forceNewWindow = !!vscode.workspace.workspaceFolders?.length || !!vscode.workspace.workspaceFile;
  await vscode.commands.executeCommand('vscode.openFolder', uri, { forceNewWindow });
}

/** Returns the folder (copy) or workspace file (read-only) it opened. */
export async function openExamples(
  context: vscode.ExtensionContext,
  options: OpenExamplesOptions = {},
): Promise<string | undefined> {
  const source = context.asAbsolutePath('examples');
  if (!fs.existsSync(source)) {
    void vscode.window.showErrorMessage(`Pactline: the example workspace is missing from the extension (${source}).`);
    return undefined;
  }
  let mode = options.mode;
  if (!mode) {
    const choice = await vscode.window.showQuickPick(
      [
        {
          label: '$(copy) Copy to a folder…',
          description: 'recommended',
          detail: 'Edit the examples and watch findings appear',
          mode: 'copy' as const,
        },
        {
          label: '$(lock) Open read-only',
          detail: 'Browse the bundled copy: hover, completion and go to definition work; editing is off',
          mode: 'readonly' as const,
        },
      ],
      { title: 'Pactline example workspace', placeHolder: 'How do you want to open the examples?' },
    );
    if (!choice) return undefined;
    mode = choice.mode;
  }

  if (mode === 'readonly') {
    const storage = context.globalStorageUri.fsPath;
    await fs.promises.mkdir(storage, { recursive: true });
    const file = path.join(storage, 'pactline-examples.code-workspace');
    await fs.promises.writeFile(
      file,
      JSON.stringify(
        {
          folders: [{ name: 'Pactline examples (read-only)', path: source }],
          settings: { 'files.readonlyInclude': { '**': true } },
        },
        null,
        2,
      ),
    );
    if (options.open !== false) await openFolder(vscode.Uri.file(file));
    return file;
  }

  let parent = options.target;
  if (!parent) {
    const picked = await vscode.window.showOpenDialog({
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      openLabel: 'Copy examples here',
      title: 'Where should the Pactline examples go?',
    });
    if (!picked?.length) return undefined;
    parent = picked[0].fsPath;
  }
  const destination = freeFolder(parent, 'pactline-examples');
  await fs.promises.cp(source, destination, { recursive: true });
  if (options.open !== false) await openFolder(vscode.Uri.file(destination));
  return destination;
}
