// Extension-host tests: they run inside VS Code (code-server's extension host) against the real `vscode`
// API, with the extension loaded from the repository (extensionDevelopmentPath) and the e2e workspace
// (examples/ + test/e2e/fixtures/) open. See scripts/e2e/run.sh.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import type { PactlineApi } from '../../../client/src/extension';

const EXTENSION_ID = 'pactline.pactline';

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder.uri;
}
const file = (rel: string) => vscode.Uri.joinPath(root(), ...rel.split('/'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function poll<T>(what: string, get: () => T | Promise<T>, done: (value: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  let value = await get();
  while (!done(value) && Date.now() < end) {
    await sleep(100);
    value = await get();
  }
  if (!done(value)) assert.fail(`${what}: still ${JSON.stringify(value, null, 1)?.slice(0, 1500)} after ${ms} ms`);
  return value;
}

async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(file(rel));
  return vscode.window.showTextDocument(doc);
}

function code(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** [1-based line, rule] of each diagnostic, sorted. */
function summary(uri: vscode.Uri): Array<[number, string]> {
  return vscode.languages
    .getDiagnostics(uri)
    .map((d): [number, string] => [d.range.start.line + 1, code(d)])
    .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
}

/** The position of `needle` on the first line containing it (optionally after an offset into the needle). */
function find(doc: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  for (let i = 0; i < doc.lineCount; i++) {
    const col = doc.lineAt(i).text.indexOf(needle);
    if (col >= 0) return new vscode.Position(i, col + offset);
  }
  throw new Error(`"${needle}" not in ${doc.uri.fsPath}`);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

const CONTRACT = 'contracts/loyalty-ledger.odcs.yaml';
// the fixture's deliberate mistakes, where the README says a finding points
const CONTRACT_FINDINGS: Array<[number, string]> = [
  [22, 'schema/unknown-key'],
  [25, 'schema/enum'],
];

export function registerSuites(): void {
  const { suite, test, suiteSetup } = Mocha;
  let api: PactlineApi;
  // fail at once, not after every poll's timeout, when there is no server to ask
  const needServer = () =>
    assert.ok(api.client?.isRunning(), 'the language server is not running (is dist/server.js built?)');

  suite('Pactline in VS Code', () => {
    suiteSetup(async () => {
      const extension = vscode.extensions.getExtension<PactlineApi>(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is not installed`);
      console.log('extension under test loaded from', extension.extensionPath);
      api = await extension.activate();
      await api.ready;
    });

    test('the extension activates in a workspace with Pactline files', () => {
      assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
      assert.ok(vscode.window.state, 'VS Code API reachable');
    });

    test('its language server (dist/server.js) starts over IPC', () => {
      assert.ok(api.client, 'no language client (is dist/server.js built?)');
      assert.equal(api.client.isRunning(), true);
    });

    test('a plain .yaml file with kind: DataContract gets the pactline-yaml language', async () => {
      const uri = file('plain/partner-returns.yaml');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const languageId = await poll(
        'languageId',
        () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId,
        (id) => id === 'pactline-yaml',
      );
      assert.equal(languageId, 'pactline-yaml');
    });

    test('the server validates the plain .yaml contract', async () => {
      needServer();
      const uri = file('plain/partner-returns.yaml');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      assert.deepEqual(
        await poll(
          'diagnostics',
          () => summary(uri),
          (s) => s.length > 0,
        ),
        [[14, 'schema/type']],
      );
    });

    test('a contract with mistakes has its findings at the exact lines', async () => {
      needServer();
      const editor = await open(CONTRACT);
      assert.equal(editor.document.languageId, 'pactline-yaml');
      assert.match(editor.document.lineAt(21).text, /^\s+logicalTyp: integer$/);
      assert.match(editor.document.lineAt(24).text, /^\s+logicalType: strin$/);
      const got = await poll(
        'diagnostics',
        () => summary(editor.document.uri),
        (s) => s.length >= CONTRACT_FINDINGS.length,
      );
      assert.deepEqual(got, CONTRACT_FINDINGS);
      const enumFinding = vscode.languages.getDiagnostics(editor.document.uri).find((d) => code(d) === 'schema/enum')!;
      assert.equal(enumFinding.severity, vscode.DiagnosticSeverity.Error);
      assert.deepEqual(
        [enumFinding.range.start.character, enumFinding.range.end.character],
        [21, 26],
        'the range covers `strin`',
      );
    });

    test('completion at a logicalType value offers the allowed values', async () => {
      needServer();
      const editor = await open(CONTRACT);
      const at = find(editor.document, 'logicalType: strin', 'logicalType: '.length);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        editor.document.uri,
        at,
      );
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      for (const value of ['string', 'integer', 'number', 'boolean', 'date', 'timestamp', 'array', 'object']) {
        assert.ok(labels.includes(value), `completion lacks "${value}": ${labels.join(', ')}`);
      }
    });

    test('hover on a key shows its description', async () => {
      needServer();
      const editor = await open(CONTRACT);
      const at = find(editor.document, 'logicalType: string', 3);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        editor.document.uri,
        at,
      );
      const text = hoverText(hovers);
      assert.match(text, /type of the values/i, `hover text: ${text}`);
    });

    test("go to definition on a product port's contractId opens the contract", async () => {
      needServer();
      const editor = await open('products/customer-churn.odps.yaml');
      const at = find(editor.document, 'contractId: warehouse-orders', 'contractId: '.length + 3);
      const locations = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
        'vscode.executeDefinitionProvider',
        editor.document.uri,
        at,
      );
      const targets = locations.map((l) => ('targetUri' in l ? l.targetUri : l.uri).fsPath);
      assert.deepEqual(targets, [file('contracts/warehouse-orders.odcs.yaml').fsPath]);
      const target = locations[0];
      const range = 'targetUri' in target ? (target.targetSelectionRange ?? target.targetRange) : target.range;
      const doc = await vscode.workspace.openTextDocument(file('contracts/warehouse-orders.odcs.yaml'));
      assert.match(doc.lineAt(range.start.line).text, /^id:\s*warehouse-orders/, 'points at the contract id');
    });

    test('a quick fix corrects a misspelt key', async () => {
      needServer();
      const editor = await open(CONTRACT);
      const uri = editor.document.uri;
      await poll(
        'diagnostics',
        () => summary(uri),
        (s) => s.length >= CONTRACT_FINDINGS.length,
      );
      const finding = vscode.languages.getDiagnostics(uri).find((d) => code(d) === 'schema/unknown-key')!;
      const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
        'vscode.executeCodeActionProvider',
        uri,
        finding.range,
      );
      const fix = actions.find((a): a is vscode.CodeAction => 'edit' in a && /logicalType/.test(a.title));
      assert.ok(fix?.edit, `no quick fix naming logicalType among: ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
      try {
        assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
        assert.match(editor.document.lineAt(21).text, /^\s+logicalType: integer$/);
        await poll(
          'diagnostics after the fix',
          () => summary(uri),
          (s) => s.length === 1,
        );
        assert.deepEqual(summary(uri), [[25, 'schema/enum']]);
      } finally {
        await vscode.window.showTextDocument(editor.document);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    });

    test('pactline/status reports kind, version, findings and validation time', async () => {
      needServer();
      const editor = await open(CONTRACT);
      await poll(
        'diagnostics',
        () => summary(editor.document.uri),
        (s) => s.length === CONTRACT_FINDINGS.length,
      );
      const status = await poll(
        'status',
        () => api.requestStatus(editor.document.uri),
        (s) => s?.findings?.errors === 2,
      );
      assert.ok(status);
      assert.equal(status.kind, 'odcs');
      assert.match(String(status.version), /^v?3\.1\.0$/);
      assert.deepEqual({ ...status.findings }, { errors: 2, warnings: 0, infos: 0 });
      assert.ok(status.lastValidation, 'no time of the last validation');
      assert.ok(!Number.isNaN(new Date(status.lastValidation).getTime()));
    });

    test('Lint Workspace asks the language server and reports only the fixtures', async () => {
      const result = await api.lintWorkspace();
      assert.ok(result, 'no result');
      const byFile = Object.fromEntries(
        [...result.byFile].map(([f, ds]) => [
          path.relative(root().fsPath, f).split(path.sep).join('/'),
          ds.map((d) => [d.range.start.line + 1, code(d)]),
        ]),
      );
      assert.deepEqual(byFile, {
        [CONTRACT]: CONTRACT_FINDINGS,
        'plain/partner-returns.yaml': [[14, 'schema/type']],
      });
      assert.ok(result.files >= 20, `only ${result.files} files checked`);
    });

    test('a crashed language server is restarted by the client and diagnostics come back', async function () {
      this.timeout(60_000);
      needServer();
      const editor = await open(CONTRACT);
      const uri = editor.document.uri;
      await poll(
        'diagnostics before the crash',
        () => summary(uri),
        (s) => s.length === CONTRACT_FINDINGS.length,
      );
      const client = api.client!;
      const before = client.serverProcess?.pid;
      assert.ok(before, 'no server process id');
      // the process the client started is our server (dist/server.js), not the extension host itself
      const cmdline = fs.readFileSync(`/proc/${before}/cmdline`, 'utf8').split('\0');
      assert.ok(
        cmdline.some((a) => a.endsWith(path.join('dist', 'server.js'))),
        `pid ${before} runs ${cmdline.join(' ')}`,
      );
      assert.notEqual(before, process.pid);
      // every change of this file's diagnostics from now on: the findings must be published again
      const seen: Array<Array<[number, string]>> = [];
      const listener = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === uri.toString())) seen.push(summary(uri));
      });
      process.kill(before, 'SIGKILL');
      // vscode-languageclient's default error handler restarts a server that closed (up to 4 times in 3 minutes)
      const after = await poll(
        'a new server process',
        () => (client.isRunning() ? client.serverProcess?.pid : undefined),
        (pid) => pid !== undefined && pid !== before,
        30_000,
      );
      assert.ok(after && after !== before);
      assert.equal(api.client, client, 'the same client restarted its server (no manual restart)');
      // the restarted server gets the open documents again and publishes their findings
      try {
        await poll(
          'diagnostics published again after the restart',
          () => seen.map((x) => JSON.stringify(x)),
          (list) => list.includes(JSON.stringify(CONTRACT_FINDINGS)),
          30_000,
        );
      } finally {
        listener.dispose();
      }
      assert.deepEqual(summary(uri), CONTRACT_FINDINGS);
      const status = await poll(
        'status after the restart',
        () => api.requestStatus(uri).catch(() => null),
        (s) => s?.findings?.errors === 2,
      );
      assert.equal(status?.kind, 'odcs');
    });

    test('Open Example Workspace copies the bundled examples', async () => {
      const target = fs.mkdtempSync(path.join(os.tmpdir(), 'pactline-e2e-examples-'));
      try {
        const copied = await vscode.commands.executeCommand<string>('pactline.openExamples', {
          mode: 'copy',
          target,
          open: false,
        });
        assert.equal(copied, path.join(target, 'pactline-examples'));
        assert.ok(fs.existsSync(path.join(copied, 'contracts', 'warehouse-orders.odcs.yaml')));
        assert.ok(fs.existsSync(path.join(copied, 'pactline.yaml')));
        const workspaceFile = await vscode.commands.executeCommand<string>('pactline.openExamples', {
          mode: 'readonly',
          open: false,
        });
        const workspace = JSON.parse(fs.readFileSync(workspaceFile, 'utf8'));
        assert.deepEqual(workspace.settings['files.readonlyInclude'], { '**': true });
        assert.ok(fs.existsSync(path.join(workspace.folders[0].path, 'contracts')));
      } finally {
        fs.rmSync(target, { recursive: true, force: true });
      }
    });
  });
}
