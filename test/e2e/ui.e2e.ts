// Phase (a) of the VS Code end-to-end run: playwright-core drives the real workbench (code-server) with
// the installed .vsix, the way a user would: Quick Open, the Problems panel, Ctrl+Space, hover, F12,
// the light bulb, the language status item. Every step saves a PNG in $SHOTS and records its result.
// Waits poll the DOM; there are no fixed sleeps. Env: CS_URL, WS_DIR, SHOTS, E2E_RESULTS.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { env, log, runSteps, type Step } from './lib';

const CS_URL = env('CS_URL');
const WS_DIR = env('WS_DIR');
const SHOTS = env('SHOTS');
const CONTRACT = 'loyalty-ledger.odcs.yaml';
const ROOT = path.resolve(__dirname, '..', '..');

let page: Page;
let shotCount = 0;

async function shot(name: string): Promise<string> {
  const file = path.join(SHOTS, `${String(++shotCount).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const workbench = () => page.locator('.monaco-workbench');
const quickInput = () => page.locator('.quick-input-widget input.input');
const activeEditor = () => page.locator('.editor-group-container.active .monaco-editor').first();

async function focusWorkbench(): Promise<void> {
  await page.keyboard.press('Escape');
}

/** Runs a command by its title through the command palette. */
async function runCommand(title: string, opensPicker?: string): Promise<void> {
  await focusWorkbench();
  await page.keyboard.press('F1');
  await quickInput().waitFor({ state: 'visible' });
  await quickInput().fill('>' + title);
  // Enter runs the focused row: wait until the filtering has put the wanted one there
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title }).waitFor();
  await page.keyboard.press('Enter');
  if (opensPicker) await page.locator(`.quick-input-widget input.input[placeholder="${opensPicker}"]`).waitFor();
  else await quickInput().waitFor({ state: 'hidden' });
}

/** Opens a workspace file through Quick Open and waits for its editor. */
async function openFile(name: string): Promise<void> {
  await focusWorkbench();
  await page.keyboard.press('Control+P');
  await quickInput().waitFor({ state: 'visible' });
  await quickInput().fill(name);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: name }).waitFor();
  await page.keyboard.press('Enter');
  await quickInput().waitFor({ state: 'hidden' });
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
  await activeEditor().locator('.view-line').first().waitFor();
}

/** Waits until a rendered line of the active editor has this text. */
async function seeLine(text: string | RegExp): Promise<void> {
  await activeEditor().locator('.view-line', { hasText: text }).first().waitFor();
}

/** Moves the cursor with Go to Line (line:column, 1-based). */
async function goTo(line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await quickInput().waitFor({ state: 'visible' });
  await quickInput().fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await quickInput().waitFor({ state: 'hidden' });
  await page
    .locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` })
    .first()
    .waitFor();
}

/** 1-based line and column of `needle` in a workspace file (the browser and this script share the machine). */
function where(rel: string, needle: string): [number, number] {
  const lines = fs.readFileSync(path.join(WS_DIR, rel), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert(line >= 0, `"${needle}" is not in ${rel}`);
  return [line + 1, lines[line].indexOf(needle) + 1];
}

async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** The computed colour of the first token span containing `token` on the first rendered line containing `lineText`. */
async function tokenColor(lineText: string, token: string): Promise<string> {
  const line = activeEditor().locator('.view-line', { hasText: lineText }).first();
  await line.waitFor();
  // adjacent tokens with the same style are rendered as one span, so match by substring
  return line
    .locator('span > span', { hasText: token })
    .first()
    .evaluate((el) => {
      // runs in the page (this project's tsconfig has no DOM lib)
      const view = globalThis as unknown as { getComputedStyle(e: unknown): { color: string } };
      return view.getComputedStyle(el).color;
    });
}

// steps that need the language server (dist/server.js); without it they fail at once instead of timing out
const NEEDS_SERVER = /Problems|Ctrl\+Space|hover|F12|quick fix|status item|New Contract/;

/** Throws away unsaved changes of the active editor. */
async function revert(): Promise<void> {
  await page.keyboard.press('Escape');
  await runCommand('File: Revert File');
}

const steps: Step[] = [
  [
    'workbench opens the workspace; a contract gets the Pactline YAML language',
    async () => {
      await page.goto(`${CS_URL}/?folder=${encodeURIComponent(WS_DIR)}`);
      await workbench().waitFor({ timeout: 60_000 });
      await page
        .locator('.explorer-folders-view .monaco-list-row', { hasText: 'contracts' })
        .first()
        .waitFor({ timeout: 60_000 });
      await openFile(CONTRACT);
      await seeLine('logicalTyp: integer');
      await page.locator('[id="status.editor.mode"]', { hasText: 'Pactline YAML' }).waitFor();
    },
  ],

  [
    'a contract with mistakes shows them in the Problems panel at the right lines',
    async () => {
      await openFile(CONTRACT);
      await goTo(22, 9);
      await activeEditor().locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
      await runCommand('View: Focus Problems');
      const rows = page.locator('.markers-panel .monaco-list-row');
      const expected: Array<[RegExp, string]> = [
        [/Unknown key `logicalTyp`.*Did you mean `logicalType`\?/, '[Ln 22, Col 9]'],
        [/`strin` is not a valid `logicalType`/, '[Ln 25, Col 22]'],
      ];
      for (const [message] of expected) await rows.filter({ hasText: message }).first().waitFor();
      const all = await texts(rows);
      for (const [message, position] of expected) {
        const row = all.find((t) => message.test(t));
        assert(row?.includes(position), `Problems row for ${message} is "${row}", expected it at ${position}`);
      }
      const markers = all.filter((t) => /\[Ln \d+, Col \d+\]/.test(t));
      assert(
        markers.length === expected.length,
        `expected ${expected.length} problems, the panel lists: ${markers.join(' | ')}`,
      );
    },
  ],

  [
    'the SQL of a quality rule query and a pipeline transform is highlighted as SQL',
    async () => {
      await openFile('churn-features.pipeline.yaml');
      await goTo(54, 11);
      const insert = await tokenColor('INSERT INTO FEATURES.CHURN.CUSTOMER_FEATURES_DAILY', 'INSERT INTO');
      const yamlValueP = await tokenColor('churned_next_90d: o.ordered_at', 'o.ordered_at');
      await shot('sql-in-pipeline-transform');
      await openFile(CONTRACT);
      await goTo(36, 11);
      const select = await tokenColor('SELECT COUNT(*)', 'SELECT');
      const where = await tokenColor('WHERE balance < 0', 'WHERE');
      const yamlValue = await tokenColor('name: no_negative_balance', 'no_negative_balance');
      const sqlComment = await tokenColor('WHERE balance < 0', 'should never happen');
      log(
        'colours: SELECT',
        select,
        'WHERE',
        where,
        'INSERT INTO',
        insert,
        'yaml value',
        yamlValue,
        'sql comment',
        sqlComment,
      );
      assert(select === where && select === insert, `SQL keywords differ in colour: ${select}, ${where}, ${insert}`);
      assert(select !== yamlValue && insert !== yamlValueP, `SQL keywords have the colour of YAML values (${select})`);
      assert(
        sqlComment !== select && sqlComment !== yamlValue,
        `the SQL comment is not coloured as a comment (${sqlComment})`,
      );
    },
  ],

  [
    'Ctrl+Space at a logicalType value offers the allowed values',
    async () => {
      await openFile(CONTRACT);
      await goTo(25, 22);
      await seeLine('logicalType: strin');
      try {
        await page.keyboard.press('Shift+End');
        await page.keyboard.press('Delete');
        await seeLine(/^\s*logicalType:\s*$/);
        await page.keyboard.press('Control+Space');
        const widget = page.locator('.editor-widget.suggest-widget.visible');
        await widget.locator('.monaco-list-row', { hasText: 'timestamp' }).first().waitFor();
        const labels = await texts(widget.locator('.monaco-list-row .label-name'));
        for (const value of ['array', 'boolean', 'date', 'integer']) {
          assert(labels.includes(value), `the completion list lacks ${value}: ${labels.join(', ')}`);
        }
        await shot('completion-list');
      } finally {
        await revert();
      }
    },
  ],

  [
    'hover on a key shows its description',
    async () => {
      await openFile(CONTRACT);
      await goTo(18, 12);
      await seeLine('logicalType: string');
      await runCommand('Show or Focus Hover');
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: /type of the values/i }).first();
      await hover.waitFor();
      // let the fade-in finish before the screenshot (poll the opacity, no fixed sleep)
      for (let i = 0; i < 40; i++) {
        const opacity = await hover.evaluate(
          (el) =>
            (globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }).getComputedStyle(el)
              .opacity,
        );
        if (opacity === '1') break;
        await page.waitForTimeout(50);
      }
      await shot('hover');
    },
  ],

  [
    "F12 on a data product port's contractId opens the contract",
    async () => {
      await openFile('customer-churn.odps.yaml');
      const [line, column] = where('products/customer-churn.odps.yaml', 'contractId: warehouse-orders');
      await goTo(line, column + 'contractId: '.length + 3);
      await seeLine('contractId: warehouse-orders');
      await page.keyboard.press('F12');
      await page.locator('.tabs-container .tab.active', { hasText: 'warehouse-orders.odcs.yaml' }).waitFor();
      // the editor renders spaces as no-break spaces: match them with \s
      await seeLine(/^id:\swarehouse-orders/);
      const [idLine] = where('contracts/warehouse-orders.odcs.yaml', 'id: warehouse-orders');
      await page
        .locator('.statusbar-item', { hasText: `Ln ${idLine},` })
        .first()
        .waitFor();
    },
  ],

  [
    'a quick fix replaces the misspelt key (did you mean logicalType)',
    async () => {
      await openFile(CONTRACT);
      await goTo(22, 10);
      await seeLine('logicalTyp: integer');
      try {
        await page.keyboard.press('Control+.');
        // the light bulb menu opens with its first fix focused
        await page
          .locator('.action-widget .monaco-list-row.focused', { hasText: /`logicalTyp` to `logicalType`|logicalType/ })
          .waitFor();
        await shot('quick-fix-menu');
        await page.keyboard.press('Enter');
        await seeLine(/^\s*logicalType:\sinteger\s*$/);
        await page
          .locator('.markers-panel .monaco-list-row', { hasText: /Unknown key `logicalTyp`/ })
          .waitFor({ state: 'detached', timeout: 20_000 });
        await shot('quick-fix-applied');
      } finally {
        await revert();
      }
    },
  ],

  [
    'the language status item shows the file kind, version and findings',
    async () => {
      await openFile(CONTRACT);
      await activeEditor().locator('.squiggly-error').first().waitFor();
      const indicator = page.locator('[id="status.languageStatus"]');
      await indicator.waitFor();
      await indicator.click();
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: /ODCS contract/ });
      await hover.first().waitFor();
      const text = (await hover.first().innerText()).replace(/\s+/g, ' ');
      log('language status:', text);
      assert(/v3\.1\.0/.test(text), `the status lacks the version: ${text}`);
      assert(/2 errors/.test(text), `the status lacks the findings (2 errors): ${text}`);
      assert(/validated /.test(text), `the status lacks the validation time: ${text}`);
    },
  ],

  [
    'the walkthrough explains the steps and offers the examples',
    async () => {
      await runCommand('Welcome: Open Walkthrough...', 'Select a walkthrough to open');
      await quickInput().fill('Get started with Pactline');
      await page
        .locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Get started with Pactline' })
        .waitFor();
      await page.keyboard.press('Enter');
      const steps = page.locator('.gettingStartedContainer .getting-started-step');
      for (const title of [
        'Open the example workspace',
        'See mistakes as you type',
        'Complete, hover, go to definition',
        'Configure rules',
        'Lint the whole workspace',
      ]) {
        await steps.filter({ hasText: title }).first().waitFor();
      }
      await page
        .locator('.gettingStartedContainer a, .gettingStartedContainer .button-link', { hasText: 'Open the examples' })
        .first()
        .waitFor();
      // the first step's media (walkthrough/examples.md) is rendered beside it
      await page
        .locator('.gettingStartedContainer iframe, .gettingStartedContainer .getting-started-media')
        .first()
        .waitFor();
    },
  ],

  [
    'New Contract: pick the version and server, fill the skeleton with Tab, save: it lints clean',
    async () => {
      await runCommand('Pactline: New Contract', 'The standard and its version');
      await quickInput().fill('ODCS v3.1.0');
      await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'ODCS v3.1.0' }).waitFor();
      await page.keyboard.press('Enter');
      await page
        .locator('.quick-input-widget input.input[placeholder="Where the data lives (the first server\'s type)"]')
        .waitFor();
      await quickInput().fill('postgres');
      await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'postgres' }).waitFor();
      await page.keyboard.press('Enter');
      // The file name: the proposal's stem is selected, typing replaces it.
      await page.locator('.quick-input-widget', { hasText: 'File name' }).waitFor();
      await page.keyboard.type('e2e-loyalty');
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab.active', { hasText: 'e2e-loyalty.odcs.yaml' }).waitFor();
      await seeLine(/^apiVersion:\sv3\.1\.0/);
      // The cursor is on the id; each Tab goes to the next field. Typed values, free text with spaces
      // included, must not be taken over by a completion: no suggestion list may be open when Tab goes on.
      const suggest = page.locator('.editor-widget.suggest-widget.visible');
      const fill = async (text: string | undefined) => {
        if (text !== undefined) await page.keyboard.type(text);
        // a negative check: give a completion request the time to answer before looking
        await page.waitForTimeout(300);
        if (await suggest.isVisible()) throw new Error(`a completion list is open after typing "${text}"`);
        await page.keyboard.press('Tab');
      };
      await fill('loyalty-accounts'); // id
      await fill('Loyalty accounts'); // name
      await fill(undefined); // version 1.0.0
      // status: a choice; its list is open, Escape closes it (the snippet goes on), Tab moves on
      await suggest.waitFor();
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      await fill('loyalty'); // domain
      await fill('Points balance of every member of the loyalty programme, for finance and marketing'); // purpose
      await fill('production'); // server
      for (let i = 0; i < 4; i++) await fill(undefined); // host, port, database, schema
      await fill('accounts'); // table
      await fill(undefined); // physicalType
      await fill('One row per member account and currency'); // table description
      await fill('account_id'); // column
      await suggest.waitFor(); // logicalType: a choice
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Identifies the account in the ledger'); // column description
      await page.keyboard.press('Tab'); // to the end ($0)
      await page.keyboard.press('Control+S');
      await page.locator('.tabs-container .tab.active:not(.dirty)', { hasText: 'e2e-loyalty.odcs.yaml' }).waitFor();
      await shot('new-contract-filled');

      const file = findFile(WS_DIR, 'e2e-loyalty.odcs.yaml');
      assert(file, 'e2e-loyalty.odcs.yaml was not written into the workspace');
      const text = fs.readFileSync(file, 'utf8');
      for (const line of [
        'id: loyalty-accounts',
        'name: Loyalty accounts',
        'version: 1.0.0',
        'status: draft',
        'domain: loyalty',
        '  purpose: Points balance of every member of the loyalty programme, for finance and marketing',
        '  - server: production',
        '    type: postgres',
        '  - name: accounts',
        '    description: One row per member account and currency',
        '      - name: account_id',
        '        logicalType: string',
        '        description: Identifies the account in the ledger',
      ]) {
        assert(text.split('\n').includes(line), `the saved file lacks the line "${line}":\n${text}`);
      }
      // The editor says it is clean ...
      await activeEditor().locator('.squiggly-error, .squiggly-warning').first().waitFor({ state: 'detached' });
      const indicator = page.locator('[id="status.languageStatus"]');
      await indicator.click();
      await page
        .locator('.monaco-hover:not(.hidden)', { hasText: /no findings/ })
        .first()
        .waitFor();
      await page.keyboard.press('Escape');
      // ... and so does the CLI, in the workspace.
      const lint = spawnSync(
        process.execPath,
        [path.join(ROOT, 'dist', 'cli.js'), 'lint', path.relative(WS_DIR, file)],
        { cwd: WS_DIR, encoding: 'utf8' },
      );
      assert(
        lint.status === 0,
        `pactline lint ${path.relative(WS_DIR, file)}: exit ${lint.status}\n${lint.stdout}${lint.stderr}`,
      );
    },
  ],
];

/** The first file of this name under `dir`. */
function findFile(dir: string, name: string): string | undefined {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && entry.name === name) return full;
    if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') {
      const found = findFile(full, name);
      if (found) return found;
    }
  }
  return undefined;
}

function main(): Promise<number> {
  return runSteps({
    label: 'ui',
    prefixNames: false,
    viewport: { width: 1400, height: 900 },
    steps,
    usePage: (p) => {
      page = p;
    },
    cannotRun: (name) =>
      process.env.E2E_NO_SERVER && NEEDS_SERVER.test(name)
        ? 'dist/server.js is not built: no language server'
        : undefined,
    screenshot: (name) =>
      shot(
        name
          .replace(/[^a-z0-9]+/gi, '-')
          .replace(/^-|-$/g, '')
          .toLowerCase()
          .slice(0, 60),
      ),
  });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
