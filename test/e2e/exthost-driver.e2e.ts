// Phase (b) of the VS Code end-to-end run: opens code-server's workbench as an Extension Development Host
// (the `payload` query: extensionDevelopmentPath = the repository, extensionTestsPath = the bundled mocha
// suites), waits for VS Code to report the tests' exit code through window.codeAutomationExit, and records
// one result per mocha test (the `PACTLINE_E2E_RESULT` lines the suites log).
// Env: CS_URL, WS_DIR, EXT_DIR, TESTS_MODULE, E2E_RESULTS; exits with the tests' exit code.
import { format } from 'node:util';
import { env, launchBrowser, log, record, type StepResult } from './lib';
import { makeGitRepository } from './git';

const CS_URL = env('CS_URL');
const WS_DIR = env('WS_DIR');
const EXT_DIR = env('EXT_DIR');
const TESTS_MODULE = env('TESTS_MODULE');
const TIMEOUT_MS = Number(process.env.EXTHOST_TIMEOUT_MS ?? 180_000);

async function main(): Promise<number> {
  const authority = new URL(CS_URL).host; // code-server's remote authority is the page's host:port
  const remote = (p: string) => `vscode-remote://${authority}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(EXT_DIR)],
    ['extensionTestsPath', remote(TESTS_MODULE)],
  ];
  const url = `${CS_URL}/?folder=${encodeURIComponent(WS_DIR)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  makeGitRepository(WS_DIR, `${EXT_DIR}/examples`); // one commit of examples/: the breaking-change checks compare with HEAD (exthost/breaking.ts)
  const browser = await launchBrowser();
  let recorded = 0;
  try {
    const page = await browser.newPage();
    let resolveExit!: (code: number) => void;
    const exited = new Promise<number>((resolve) => {
      resolveExit = resolve;
    });
    // VS Code calls these when it runs extension tests (IAutomatedWindow); they must exist before goto
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const message = format(...(args ?? [])); // printf-style, as mocha's reporter logs
      const m = /^PACTLINE_E2E_RESULT (\{.*\})$/.exec(message.trim());
      if (m) {
        record(JSON.parse(m[1]) as StepResult);
        recorded++;
        return;
      }
      if (!/Creating a socket|connection token|builtin extensions/.test(message))
        console.log(`[exthost ${type}] ${message}`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    log('opening', url.slice(0, 120) + '…');
    await page.goto(url);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no codeAutomationExit within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    });
    const code = await Promise.race([exited, timeout]).finally(() => clearTimeout(timer));
    log(`extension host tests exited with code ${code}`);
    if (code !== 0 && recorded === 0) {
      record({
        phase: 'exthost',
        name: 'extension-host test run',
        ok: false,
        ms: 0,
        error: `exit code ${code} before any test ran (see the log above)`,
      });
    }
    return code;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(message);
    record({ phase: 'exthost', name: 'extension-host test run', ok: false, ms: 0, error: message });
    return 1;
  } finally {
    await browser.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
