// The lineage panel: a webview that shows what the language server draws (`pactline/lineage`). The
// client holds no graph logic: it passes the panel's requests to the server, opens files, saves
// exports, and tells the panel when the active editor or the workspace changes. The page itself is
// webview/src (bundled to dist/webview/); its state lives in the webview (setState) and comes back
// after a reload through the serializer registered here, without retainContextWhenHidden.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LineageRequest, SHOW_LINEAGE_COMMAND, type LineageNodeInfo, type LineageResult } from '../../protocol/lineage';
import type { HostMessage, RenderParams, Requests, WebviewMessage } from '../../webview/src/protocol';
import { LANGUAGE_ID } from './detect';

export const LINEAGE_VIEW_TYPE = 'pactline.lineage';

/** The client once the server has started (a panel restored at start-up asks before that). */
type ClientSource = () => LanguageClient | undefined | Promise<LanguageClient | undefined>;

/** What the command may be given: a node to focus on (code lens), or a document (editor title button). */
export interface ShowLineageArgs {
  focus?: string;
  uri?: string;
}

const RENDER_DEBOUNCE_MS = 400;

export class LineagePanel implements vscode.Disposable {
  private static current: LineagePanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private nodes = new Map<string, LineageNodeInfo>();
  private last: Extract<LineageResult, { kind: 'graph' }> | undefined;
  private ready = false;
  private pendingShow: ShowLineageArgs | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;

  /** Opens the panel (or brings it forward) and shows `args`, else the active editor's lineage. */
  static show(context: vscode.ExtensionContext, client: ClientSource, args?: ShowLineageArgs): LineagePanel {
    const existing = LineagePanel.current;
    if (existing) {
      existing.panel.reveal(undefined, true);
      if (args) existing.showArgs(args);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      LINEAGE_VIEW_TYPE,
      'Pactline Lineage',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')],
      },
    );
    return new LineagePanel(panel, context, client, args);
  }

  /** A panel VS Code restores after a reload: the page restores its own state. */
  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, client: ClientSource): LineagePanel {
    LineagePanel.current?.dispose();
    return new LineagePanel(panel, context, client, undefined);
  }

  static get instance(): LineagePanel | undefined {
    return LineagePanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private readonly client: ClientSource,
    args: ShowLineageArgs | undefined,
  ) {
    LineagePanel.current = this;
    this.pendingShow = args;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'client', 'media', 'icon.png');
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')],
    };
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: WebviewMessage) => void this.onMessage(m)),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && editor.document.languageId === LANGUAGE_ID)
          this.post({ type: 'editor', uri: editor.document.uri.toString() });
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.languageId === LANGUAGE_ID && e.contentChanges.length) this.scheduleRefresh();
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (d.languageId === LANGUAGE_ID) this.scheduleRefresh();
      }),
      // a panel hidden and shown again reloads its page (no retainContextWhenHidden): it redraws from its state
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
    );
  }

  private showArgs(args: ShowLineageArgs): void {
    if (this.ready) this.post({ type: 'show', focus: args.focus, uri: args.uri });
    else this.pendingShow = args;
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.post({ type: 'refresh' });
    }, RENDER_DEBOUNCE_MS);
  }

  private post(message: HostMessage): void {
    if (!this.ready) return;
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(message: WebviewMessage): Promise<void> {
    if (message?.type !== 'request' || typeof message.id !== 'number') return;
    try {
      const result = await this.answer(message);
      void this.panel.webview.postMessage({ type: 'response', id: message.id, result } satisfies HostMessage);
    } catch (error) {
      void this.panel.webview.postMessage({
        type: 'response',
        id: message.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies HostMessage);
    }
  }

  private async answer(message: WebviewMessage): Promise<Requests[WebviewMessage['method']]['result']> {
    switch (message.method) {
      case 'ready': {
        this.ready = true;
        const show = this.pendingShow;
        this.pendingShow = undefined;
        const editor =
          vscode.window.activeTextEditor ??
          vscode.window.visibleTextEditors.find((e) => e.document.languageId === LANGUAGE_ID);
        const activeUri = editor?.document.languageId === LANGUAGE_ID ? editor.document.uri.toString() : undefined;
        return { activeUri, show };
      }
      case 'render':
        return this.render(message.params);
      case 'open':
        return { opened: await this.open(message.params.id) };
      case 'export':
        return this.export(message.params.format, message.params.png);
    }
  }

  private async render(params: RenderParams): Promise<LineageResult> {
    const client = await this.client();
    if (!client?.isRunning()) {
      return {
        kind: 'empty',
        message: 'The Pactline language server is not running (see Pactline: Show Output); the lineage comes from it.',
      };
    }
    const result = await client.sendRequest(LineageRequest, {
      textDocument: params.documentUri ? { uri: params.documentUri } : undefined,
      focus: params.focus,
      upstream: params.upstream,
      downstream: params.downstream,
      columns: params.columns,
      expand: params.expand,
      hide: params.hidden,
      folderUri: vscode.workspace.workspaceFolders?.[0]?.uri.toString(),
    });
    if (result.kind === 'graph') {
      this.last = result;
      this.nodes = new Map(result.nodes.map((n) => [n.id, n]));
      this.panel.title = result.focusLabel
        ? `Lineage: ${result.focusLabel.replace(/ \(\w+\)$/, '')}`
        : 'Pactline Lineage';
    }
    return result;
  }

  /** Opens the file of a node of the last drawing (only those: the page cannot name other files). */
  private async open(id: string): Promise<boolean> {
    const node = this.nodes.get(id);
    if (!node) return false;
    const uri = vscode.Uri.parse(node.uri, true);
    const range = node.range
      ? new vscode.Range(
          node.range.start.line,
          node.range.start.character,
          node.range.end.line,
          node.range.end.character,
        )
      : undefined;
    const column =
      vscode.window.visibleTextEditors.find((e) => e.viewColumn !== undefined && e.viewColumn !== this.panel.viewColumn)
        ?.viewColumn ??
      (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(uri, {
      viewColumn: column,
      selection: range,
      preserveFocus: false,
    });
    if (range) editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return true;
  }

  private async export(format: 'svg' | 'png' | 'dot', png: string | undefined): Promise<{ saved?: string }> {
    const last = this.last;
    if (!last) throw new Error('nothing is drawn yet');
    let bytes: Uint8Array;
    if (format === 'png') {
      const match = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(png ?? '');
      if (!match) throw new Error('the page sent no PNG');
      bytes = Buffer.from(match[1], 'base64');
    } else {
      bytes = Buffer.from(format === 'svg' ? last.svg : last.dot, 'utf8');
    }
    const name = `lineage-${(last.focus ?? 'workspace').replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80)}.${format}`;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: { [format.toUpperCase()]: [format] },
      saveLabel: `Export ${format.toUpperCase()}`,
    });
    if (!target) return {};
    await vscode.workspace.fs.writeFile(target, bytes);
    return { saved: vscode.workspace.asRelativePath(target) };
  }

  private html(): string {
    const webview = this.panel.webview;
    const base = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(base, 'lineage.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(base, 'lineage.css'));
    const nonce = makeNonce();
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource} 'nonce-${nonce}'`,
      `script-src 'nonce-${nonce}'`,
      // the PNG export draws the SVG (as a data: URL) onto a canvas
      'img-src data:',
      `font-src ${webview.cspSource}`,
    ].join('; ');
    const kinds = ['contract', 'dataset', 'pipeline', 'job', 'product', 'external']
      .map((k) => `<label title="Show ${k} nodes"><input type="checkbox" id="kind-${k}" checked>${k}</label>`)
      .join('');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}" nonce="${nonce}">
<title>Pactline Lineage</title>
</head>
<body>
<div id="toolbar" role="toolbar" aria-label="Lineage view">
  <span class="group"><label title="Focus on the contract, pipeline or product of the active editor"><input type="checkbox" id="follow">Follow editor</label></span>
  <span class="group" title="How many edges upstream of the focus">Upstream
    <button id="up-less" aria-label="Less upstream">−</button><input type="number" id="upstream" min="0" max="20" aria-label="Upstream depth"><button id="up-more" aria-label="More upstream">+</button></span>
  <span class="group" title="How many edges downstream of the focus">Downstream
    <button id="down-less" aria-label="Less downstream">−</button><input type="number" id="downstream" min="0" max="20" aria-label="Downstream depth"><button id="down-more" aria-label="More downstream">+</button></span>
  <span class="group"><label title="Columns and column-level edges where they are declared"><input type="checkbox" id="columns">Columns</label></span>
  <span class="group" role="group" aria-label="Node kinds">${kinds}</span>
  <span class="group"><input type="search" id="search" placeholder="Search (Enter: focus)" aria-label="Search nodes"><span id="search-count"></span></span>
  <span class="group"><button id="whole">Whole graph</button><button id="fit" title="Fit to window (0)">Fit</button><button id="zoom-out" aria-label="Zoom out">−</button><button id="zoom-in" aria-label="Zoom in">+</button></span>
  <span class="group">Export <button id="export-svg">SVG</button><button id="export-png">PNG</button><button id="export-dot">DOT</button></span>
</div>
<div id="status" aria-live="polite"></div>
<div id="legend" hidden></div>
<div id="message" role="status" hidden></div>
<div id="canvas"><div id="viewport"></div></div>
<div id="tooltip" role="tooltip" hidden></div>
<div id="menu" role="menu" hidden></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }

  dispose(): void {
    if (LineagePanel.current === this) LineagePanel.current = undefined;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

function makeNonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}

/** The command (the server's "Show lineage" code lenses run it) and the serializer. */
export function registerLineage(context: vscode.ExtensionContext, client: ClientSource): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(SHOW_LINEAGE_COMMAND, (arg?: ShowLineageArgs | vscode.Uri) => {
      let args: ShowLineageArgs | undefined;
      if (arg instanceof vscode.Uri) args = { uri: arg.toString() };
      else if (arg && typeof arg === 'object' && ('focus' in arg || 'uri' in arg))
        args = { focus: arg.focus, uri: arg.uri };
      else {
        const editor = vscode.window.activeTextEditor;
        if (editor?.document.languageId === LANGUAGE_ID) args = { uri: editor.document.uri.toString() };
      }
      LineagePanel.show(context, client, args);
    }),
    vscode.window.registerWebviewPanelSerializer(LINEAGE_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel) {
        LineagePanel.revive(panel, context, client);
      },
    }),
    { dispose: () => LineagePanel.instance?.dispose() },
  ];
}
