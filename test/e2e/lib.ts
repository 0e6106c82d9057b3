// Shared by the two browser-side phases of the VS Code end-to-end run (scripts/e2e/run.sh):
// the chromium launch, and the results file test/e2e/vscode.test.ts turns into subtests.
import * as fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.PACTLINE_E2E_CHROMIUM ?? '/usr/bin/chromium';

export interface StepResult {
  phase: 'ui' | 'exthost';
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
  screenshot?: string;
}

/** Appends one step's result to $E2E_RESULTS (JSON lines). */
export function record(result: StepResult): void {
  const file = process.env.E2E_RESULTS;
  if (file) fs.appendFileSync(file, JSON.stringify(result) + '\n');
}

export function launchBrowser(): Promise<Browser> {
  // headless Debian chromium over CDP pipe; launch() makes a fresh temporary profile
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--disable-crash-reporter',
      '--disable-breakpad',
    ],
  });
}

export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run through scripts/e2e/run.sh)`);
  return value;
}

const t0 = Date.now();
export function log(...args: unknown[]): void {
  console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s]`, ...args);
}

export type Step = [name: string, run: () => Promise<void>];

export interface StepRun {
  /** Prefix of each step's recorded name, and the summary line's label. */
  label: string;
  prefixNames: boolean;
  viewport: { width: number; height: number };
  steps: readonly Step[];
  /** Gets the page before the first step (the steps use it). */
  usePage(page: Page): void;
  /** Why a step cannot run on this build (it then fails at once instead of timing out). */
  cannotRun(name: string): string | undefined;
  /** The screenshot to keep for a step, after it ran. */
  screenshot(name: string, error: string | undefined): Promise<string | undefined>;
}

/** Runs the steps in one browser page, in order, recording each; returns the process exit code. */
export async function runSteps(run: StepRun): Promise<number> {
  const browser = await launchBrowser();
  let failed = 0;
  try {
    const context = await browser.newContext({ viewport: run.viewport });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => log('[pageerror]', String(e).slice(0, 200)));
    run.usePage(page);
    for (const [name, step] of run.steps) {
      const started = Date.now();
      let error: string | undefined;
      try {
        const reason = run.cannotRun(name);
        if (reason) throw new Error(reason);
        await step();
      } catch (e) {
        error = e instanceof Error ? e.message.split('\n').slice(0, 6).join('\n') : String(e);
      }
      const screenshot = await run.screenshot(name, error).catch(() => undefined);
      const ms = Date.now() - started;
      const recorded = run.prefixNames ? `${run.label}: ${name}` : name;
      record({ phase: 'ui', name: recorded, ok: !error, ms, error, screenshot });
      log(`${error ? '✖' : '✔'} ${recorded} (${ms} ms)${error ? `\n    ${error.replace(/\n/g, '\n    ')}` : ''}`);
      if (error) {
        failed++;
        await page.keyboard.press('Escape').catch(() => undefined);
      }
    }
  } finally {
    await browser.close();
  }
  log(`${run.label}: ${run.steps.length - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}
