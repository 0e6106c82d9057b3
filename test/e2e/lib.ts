// Shared by the two browser-side phases of the VS Code end-to-end run (scripts/e2e/run.sh):
// the chromium launch, and the results file test/e2e/vscode.test.ts turns into subtests.
import * as fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--disable-crash-reporter',
      '--disable-breakpad'],
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
