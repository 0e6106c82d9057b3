// Extension-host tests of activation cost (bundled to dist/test/e2e/exthost-activation.js), run by
// scripts/e2e/run.sh in a workspace WITHOUT any Pactline file (a README and an ordinary YAML file):
// - VS Code must not activate the extension there at startup, nor when an ordinary YAML file opens
//   (so it adds nothing to VS Code's startup but reading its manifest);
// - activating it on demand (what opening a contract would do) is timed: loading the bundled client
//   and running activate(); the language server starts after it, in the background. The figures are
//   logged, not asserted (speed is measured, not tested; this machine's load varies): the README
//   quotes them.
// Results are logged as `PACTLINE_E2E_RESULT {json}` lines (see ./index.ts), the figures as
// `PACTLINE_ACTIVATION {json}` for the README.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import type { PactlineApi } from '../../../client/src/extension';

const EXTENSION_ID = 'pactline.pactline';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function registerActivationSuite(): void {
  const { suite, test } = Mocha;
  suite('Activation in a workspace without Pactline files', () => {
    test('the extension is not activated at startup', async () => {
      const extension = vscode.extensions.getExtension<PactlineApi>(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is not installed`);
      // workspaceContains: events are resolved while the workbench starts; give them time to fire
      await sleep(3000);
      assert.equal(extension.isActive, false, 'activated in a workspace without any Pactline file');
    });

    test('opening an ordinary YAML file does not activate it', async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'no workspace folder');
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'app-config.yaml'));
      await vscode.window.showTextDocument(doc);
      await sleep(1500);
      assert.equal(doc.languageId, 'yaml');
      assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, false);
    });

    test('activation on demand: load + activate() measured; the server starts after it', async function () {
      this.timeout(60_000);
      const extension = vscode.extensions.getExtension<PactlineApi>(EXTENSION_ID)!;
      // Loading the bundle, timed on its own first (the extension host's loader uses Node's require,
      // so activation below finds it in the module cache), then VS Code's activation around activate().
      const main = path.join(extension.extensionPath, (extension.packageJSON as { main: string }).main);
      const l0 = performance.now();
      require(main);
      const loadMs = performance.now() - l0;
      const t0 = performance.now();
      const api = await extension.activate();
      const activateMs = performance.now() - t0;
      assert.equal(extension.isActive, true);
      // the server starts in the background: activate() does not wait for it
      await api.ready;
      const readyMs = performance.now() - t0;
      assert.ok(api.client?.isRunning(), 'the language server did not start');
      assert.equal(typeof api.activationMs, 'number');
      assert.ok(api.activationMs <= activateMs, 'activate() is part of the activation');
      console.log(
        'PACTLINE_ACTIVATION ' +
          JSON.stringify({
            bundle: path.basename(main),
            loadMs: Math.round(loadMs * 10) / 10,
            activateMs: Math.round(activateMs * 10) / 10,
            activateBodyMs: Math.round(api.activationMs * 10) / 10,
            serverReadyMs: Math.round(readyMs),
          }),
      );
    });
  });
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'pactline-e2e-activation', mocha);
  registerActivationSuite();
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => (failures ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
    const started = new Map<Mocha.Runnable, number>();
    const emit = (test: Mocha.Runnable, ok: boolean, error?: unknown) => {
      const ms = test.duration ?? Date.now() - (started.get(test) ?? Date.now());
      const message =
        error instanceof Error ? (error.stack ?? error.message) : error === undefined ? undefined : String(error);
      console.log(
        'PACTLINE_E2E_RESULT ' + JSON.stringify({ phase: 'exthost', name: test.fullTitle(), ok, ms, error: message }),
      );
    };
    runner.on('test', (test) => started.set(test, Date.now()));
    runner.on('pass', (test) => emit(test, true));
    runner.on('fail', (test, error) => emit(test, false, error));
  });
}
