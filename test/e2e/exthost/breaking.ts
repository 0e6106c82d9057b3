// Extension-host test of breaking changes in real VS Code: the e2e workspace is a git repository
// with one commit (made by test/e2e/exthost-driver.e2e.ts before VS Code opens it, see
// test/e2e/git.ts). A contract is edited (a property removed, not saved): the breaking finding
// appears on its parent with the impact text, the code lens counts it, hover shows before and
// after, and "Pactline: Compare with Base" opens a diff against the committed text, which the
// extension gets from the server (pactline-base:), not from git.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import type { PactlineApi } from '../../../client/src/extension';

const CONTRACT = 'contracts/warehouse-orders.odcs.yaml';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function poll<T>(what: string, get: () => T | Promise<T>, done: (value: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  let value = await get();
  while (!done(value) && Date.now() < end) {
    await sleep(150);
    value = await get();
  }
  if (!done(value)) assert.fail(`${what}: still ${JSON.stringify(value, null, 1)?.slice(0, 1500)} after ${ms} ms`);
  return value;
}

const code = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 20);
  return (lenses ?? []).map((l) => l.command?.title ?? '').filter((t) => /vs HEAD/.test(t));
}

export function registerBreakingSuite(): void {
  const { suite, test, suiteSetup, suiteTeardown } = Mocha;
  let api: PactlineApi;
  let uri: vscode.Uri;
  let committed: string;

  suite('Breaking changes in VS Code (the workspace is a git repository)', () => {
    suiteSetup(async () => {
      const extension = vscode.extensions.getExtension<PactlineApi>('pactline.pactline');
      assert.ok(extension);
      api = await extension.activate();
      await api.ready;
      const folder = vscode.workspace.workspaceFolders![0].uri;
      assert.ok(fs.existsSync(vscode.Uri.joinPath(folder, '.git').fsPath), 'the e2e workspace is a git repository');
      uri = vscode.Uri.joinPath(folder, ...CONTRACT.split('/'));
      committed = fs.readFileSync(uri.fsPath, 'utf8');
    });

    suiteTeardown(async () => {
      // Leave the contract as committed for whatever runs next.
      const doc = await vscode.workspace.openTextDocument(uri);
      if (doc.getText() !== committed) {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), committed);
        await vscode.workspace.applyEdit(edit);
        await doc.save();
      }
    });

    test('an unchanged contract: the code lens says there is nothing to compare', async () => {
      assert.ok(api.client?.isRunning(), 'the language server is not running');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      assert.deepEqual(
        await poll(
          'code lens',
          () => lensTitles(uri),
          (t) => t.length > 0,
        ),
        ['No breaking changes vs HEAD'],
      );
    });

    test('removing a property (unsaved): the finding with its impact, the code lens, hover before/after', async () => {
      const doc = await vscode.workspace.openTextDocument(uri);
      const text = doc.getText();
      const start = text.indexOf('      - name: email_sha256');
      const end = text.indexOf('      - name: country_code');
      assert.ok(start > 0 && end > start);
      const edit = new vscode.WorkspaceEdit();
      edit.delete(uri, new vscode.Range(doc.positionAt(start), doc.positionAt(end)));
      assert.equal(await vscode.workspace.applyEdit(edit), true);
      assert.equal(doc.isDirty, true, 'not saved: compared as typed');

      const finding = (
        await poll(
          'the breaking finding',
          () => vscode.languages.getDiagnostics(uri).filter((d) => code(d) === 'breaking/property-removed'),
          (l) => l.length === 1,
        )
      )[0];
      assert.equal(finding.severity, vscode.DiagnosticSeverity.Error);
      assert.match(doc.lineAt(finding.range.start.line).text, /^\s+properties:$/, 'on the parent `properties:`');
      assert.match(finding.message, /Property `dim_customers\.email_sha256` \(string\) was removed\./);
      assert.match(
        finding.message,
        /Removing `email_sha256` breaks 2 consumers: product `customer-churn` input port `commerce-warehouse`/,
      );
      const related = finding.relatedInformation?.[0];
      assert.ok(related, 'related information');
      assert.equal(related.location.uri.scheme, 'pactline-base');
      assert.match(related.message, /^At HEAD, contracts\/warehouse-orders\.odcs\.yaml:\d+:\n- name: email_sha256/);

      assert.deepEqual(
        await poll(
          'code lens',
          () => lensTitles(uri),
          (t) => t[0]?.startsWith('1 '),
        ),
        ['1 breaking change vs HEAD · 2 consumers affected'],
      );

      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        uri,
        finding.range.start,
      );
      const hover = hovers
        .flatMap((h) => h.contents)
        .map((c) => (typeof c === 'string' ? c : c.value))
        .join('\n');
      assert.match(hover, /Before \(HEAD, contracts\/warehouse-orders\.odcs\.yaml:\d+\)/);
      assert.match(hover, /- name: email_sha256/);
      assert.match(hover, /_\(removed\)_/);

      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        uri,
        finding.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const titles = actions.map((a) => a.title);
      assert.ok(titles.includes('Restore `email_sha256` from HEAD'), titles.join(' | '));
      assert.ok(
        titles.some((t) => /^Bump the major version to 5\.0\.0/.test(t)),
        titles.join(' | '),
      );
    });

    test('Pactline: Compare with Base opens the diff against the committed text', async () => {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await vscode.commands.executeCommand('pactline.compareWithBase', uri.toString());
      const tab = await poll(
        'a diff editor',
        () => vscode.window.tabGroups.activeTabGroup.activeTab?.input,
        (i) => i instanceof vscode.TabInputTextDiff,
      );
      const diff = tab as vscode.TabInputTextDiff;
      assert.equal(diff.original.scheme, 'pactline-base');
      assert.equal(diff.modified.toString(), uri.toString());
      const base = await vscode.workspace.openTextDocument(diff.original);
      assert.equal(base.getText(), committed);
    });

    test('restoring the property from the base removes the finding', async () => {
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const finding = vscode.languages.getDiagnostics(uri).find((d) => code(d) === 'breaking/property-removed');
      assert.ok(finding);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        finding.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const restore = actions.find((a) => a.title === 'Restore `email_sha256` from HEAD');
      assert.ok(restore?.edit);
      assert.equal(await vscode.workspace.applyEdit(restore.edit), true);
      await poll(
        'no breaking finding',
        () =>
          vscode.languages
            .getDiagnostics(uri)
            .filter((d) => code(d).startsWith('breaking/') && d.severity !== vscode.DiagnosticSeverity.Information),
        (l) => l.length === 0,
      );
      assert.deepEqual(
        await poll(
          'code lens',
          () => lensTitles(uri),
          (t) => t[0]?.startsWith('No '),
        ),
        ['No breaking changes vs HEAD'],
      );
    });
  });
}
