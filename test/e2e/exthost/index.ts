// The `extensionTestsPath` module: VS Code's extension host loads it (bundled to
// dist/test/e2e/exthost.js) and calls `run()`, as @vscode/test-electron would. It runs the mocha suites
// of ./suites.ts against the real `vscode` API and logs one `PACTLINE_E2E_RESULT {json}` line per test,
// which test/e2e/exthost-driver.e2e.ts collects (console output reaches it through codeAutomationLog).
import Mocha from 'mocha';
import { registerSuites } from './suites';
import { registerBreakingSuite } from './breaking';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  // the suites are bundled into this file rather than loaded from files: give them mocha's
  // tdd interface the way `mocha.loadFiles` would before requiring a file
  mocha.suite.emit('pre-require', globalThis, 'pactline-e2e', mocha);
  registerSuites();
  registerBreakingSuite();
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
