// "Pactline: New Contract / New Data Product / New Pipeline": pick the standard's version (and, for
// a contract, the type of its first server), name the file, and get a whole skeleton as a snippet,
// the cursor on its id and Tab going from field to field. The skeleton comes from the language
// server (`pactline/skeleton`, the same one the empty-file completion offers): nothing is validated
// or composed here.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SKELETON_CHOICES, SkeletonRequest, type SkeletonParams } from './protocol';
import { LANGUAGE_ID } from './detect';

type ClientSource = () => LanguageClient | undefined;
type Kind = SkeletonParams['kind'];

/** Arguments a caller (a test, a keybinding, the explorer's context menu) may give to skip a question. */
export interface NewFileArgs {
  version?: string;
  /** `none` for no server. */
  serverType?: string;
  /** File name, or a path relative to the folder. */
  fileName?: string;
}

const SUFFIX: Record<Kind, string> = {
  odcs: '.odcs.yaml',
  dcs: '.datacontract.yaml',
  odps: '.odps.yaml',
  pipeline: '.pipeline.yaml',
};
const DEFAULT_NAME: Record<Kind, string> = {
  odcs: 'new-contract',
  dcs: 'new-contract',
  odps: 'new-product',
  pipeline: 'new-pipeline',
};

async function pickContractStandard(args: NewFileArgs): Promise<{ kind: Kind; version: string } | undefined> {
  if (args.version)
    return { kind: SKELETON_CHOICES.dcs.includes(args.version as never) ? 'dcs' : 'odcs', version: args.version };
  const items: (vscode.QuickPickItem & { kind2: Kind; version: string })[] = [
    ...SKELETON_CHOICES.odcs.map((version, i) => ({
      label: `ODCS ${version}`,
      kind2: 'odcs' as Kind,
      version,
      description: i === 0 ? 'Open Data Contract Standard (recommended)' : 'Open Data Contract Standard',
    })),
    ...SKELETON_CHOICES.dcs.map((version) => ({
      label: `DCS ${version}`,
      kind2: 'dcs' as Kind,
      version,
      description: 'Data Contract Specification (deprecated upstream)',
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'New Contract (1/3)',
    placeHolder: 'The standard and its version',
  });
  return picked && { kind: picked.kind2, version: picked.version };
}

async function pickServerType(args: NewFileArgs): Promise<string | undefined> {
  if (args.serverType) return args.serverType;
  const items: vscode.QuickPickItem[] = [
    { label: 'none', description: 'no server yet' },
    ...SKELETON_CHOICES.serverTypes.map((type) => ({ label: type })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'New Contract (2/3)',
    placeHolder: "Where the data lives (the first server's type)",
  });
  return picked?.label;
}

/** The folder the new file goes in: the explorer's folder, else the active file's folder, else the first workspace folder. */
function targetFolder(uri: vscode.Uri | undefined): vscode.Uri | undefined {
  if (uri) return uri;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && vscode.workspace.getWorkspaceFolder(active))
    return vscode.Uri.joinPath(active, '..');
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

async function fileIn(
  folder: vscode.Uri,
  kind: Kind,
  args: NewFileArgs,
  step: string,
): Promise<vscode.Uri | undefined> {
  const suffix = SUFFIX[kind];
  const exists = async (name: string) => {
    try {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, name));
      return true;
    } catch {
      return false;
    }
  };
  let name = args.fileName;
  if (!name) {
    let proposal = DEFAULT_NAME[kind] + suffix;
    for (let i = 2; await exists(proposal); i++) proposal = `${DEFAULT_NAME[kind]}-${i}${suffix}`;
    name = await vscode.window.showInputBox({
      title: `${step}`,
      prompt: `File name (in ${vscode.workspace.asRelativePath(folder)}); it ends in ${suffix} so that Pactline knows it`,
      value: proposal,
      valueSelection: [0, proposal.length - suffix.length],
      validateInput: async (value) => {
        if (!value.trim()) return 'Give the file a name.';
        if (/[\\:*?"<>|]/.test(value)) return 'That is not a file name.';
        if (await exists(value)) return `${value} exists already.`;
        return undefined;
      },
    });
  }
  return name ? vscode.Uri.joinPath(folder, name.trim()) : undefined;
}

async function newFile(
  client: ClientSource,
  kind: 'contract' | 'odps' | 'pipeline',
  folderArg: unknown,
  args: NewFileArgs = {},
): Promise<vscode.Uri | undefined> {
  const c = client();
  if (!c?.isRunning()) {
    void vscode.window.showWarningMessage('Pactline: the language server is not running.');
    return undefined;
  }
  let params: Omit<SkeletonParams, 'uri'>;
  let step: string;
  if (kind === 'contract') {
    const standard = await pickContractStandard(args);
    if (!standard) return undefined;
    const serverType = await pickServerType(args);
    if (!serverType) return undefined;
    params = {
      kind: standard.kind,
      version: standard.version,
      serverType: serverType === 'none' ? undefined : serverType,
    };
    step = 'New Contract (3/3)';
  } else {
    params = { kind };
    step = kind === 'odps' ? 'New Data Product' : 'New Pipeline';
  }
  const folder = targetFolder(folderArg instanceof vscode.Uri ? folderArg : undefined);
  let uri: vscode.Uri | undefined;
  if (folder) {
    uri = await fileIn(folder, params.kind, args, step);
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, new Uint8Array());
  }
  const result = await c.sendRequest(SkeletonRequest, {
    ...params,
    uri: (uri ?? vscode.Uri.parse(`untitled:${DEFAULT_NAME[params.kind]}${SUFFIX[params.kind]}`)).toString(),
  });
  if ('error' in result) {
    void vscode.window.showErrorMessage(`Pactline: ${result.error}`);
    return undefined;
  }
  // No folder open: an untitled document, saved where the user likes.
  const document = uri
    ? await vscode.workspace.openTextDocument(uri)
    : await vscode.workspace.openTextDocument({ language: LANGUAGE_ID });
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(new vscode.SnippetString(result.snippet), new vscode.Position(0, 0));
  return document.uri;
}

export function registerNewFile(client: ClientSource): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('pactline.newContract', (folder?: unknown, args?: NewFileArgs) =>
      newFile(client, 'contract', folder, args),
    ),
    vscode.commands.registerCommand('pactline.newDataProduct', (folder?: unknown, args?: NewFileArgs) =>
      newFile(client, 'odps', folder, args),
    ),
    vscode.commands.registerCommand('pactline.newPipeline', (folder?: unknown, args?: NewFileArgs) =>
      newFile(client, 'pipeline', folder, args),
    ),
  ];
}
