// Phase (c) of the VS Code end-to-end run: the lineage panel in the real workbench (code-server),
// driven by playwright-core. The panel is a webview, two iframes deep
// (`iframe.webview.ready` → `#active-frame`). What it must show is computed here with the engine on
// the same files, so the test compares the drawing with the graph, not with a list typed by hand.
// Env: CS_URL, WS_DIR, SHOTS, E2E_RESULTS; DOCS_DIR (optional): where to copy the README's two screenshots.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import {
  columnTraces,
  lineageGraphFor,
  lineageView,
  type LineageGraph,
  type LineageView,
} from '../../server/src/engine/lineage';
import { LanguageService } from '../../server/src/engine/service';
import { HOSTILE } from '../lineage/helpers';
import { env, runSteps, type Step } from './lib';

const CS_URL = env('CS_URL');
const WS_DIR = env('WS_DIR');
const SHOTS = env('SHOTS');
const PIPELINE = 'warehouse-modelling.pipeline.yaml';
const PIPELINE_ID = 'pipeline:warehouse-modelling';
const DATASET = 'dataset:warehouse-orders/fct_orders';
const CONTRACT_FILE = 'warehouse-orders.odcs.yaml';
const CONTRACT_ID = 'contract:warehouse-orders';

let page: Page;
let shotCount = 0;

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function shot(name: string, of?: Locator): Promise<string> {
  const file = path.join(SHOTS, `lineage-${String(++shotCount).padStart(2, '0')}-${name}.png`);
  await (of ?? page).screenshot({ path: file });
  return file;
}

/** Copies a screenshot to $DOCS_DIR (the README's pictures) when it is set. */
function toDocs(file: string, name: string): void {
  const docs = process.env.DOCS_DIR;
  if (docs) fs.copyFileSync(file, path.join(docs, name));
}

// ---- the reference: the engine on the same files -------------------------------------------------

function engineGraph(): LineageGraph {
  const service = new LanguageService();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name))
        service.setDocument(path.relative(WS_DIR, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(WS_DIR);
  return lineageGraphFor(service.index, (p) => service.getDocument(p));
}

let graph: LineageGraph;
/** What the panel draws as nodes: a contract or pipeline with members in view is drawn as those members. */
const expected = (focus: string, upstream: number, downstream: number) => {
  const view = lineageView(graph, { focus, upstream, downstream });
  const parents = new Set(view.nodes.filter((n) => n.kind !== 'column').map((n) => n.parent));
  return view.nodes
    .filter((n) => n.kind !== 'column' && !((n.kind === 'contract' || n.kind === 'pipeline') && parents.has(n.id)))
    .map((n) => n.id)
    .sort();
};

// ---- the workbench --------------------------------------------------------------------------------

const quickInput = () => page.locator('.quick-input-widget input.input');
const panel = (): FrameLocator => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
const drawn = () => panel().locator('#viewport svg g.lineage-node');

/** The column view the depth step leaves (upstream 2, downstream 1 of the contract), as the engine computes it. */
const columnView = (expand: string[] = []): LineageView =>
  lineageView(graph, { focus: CONTRACT_ID, upstream: 2, downstream: 1, columns: true, expand });
const columnsOf = (view: LineageView) =>
  view.nodes
    .filter((n) => n.kind === 'column')
    .map((n) => n.id)
    .sort();
const same = (a: readonly unknown[], b: readonly unknown[]) => JSON.stringify(a) === JSON.stringify(b);

/** The column ids of the drawn rows. */
const rows = async () =>
  (
    await panel()
      .locator('#viewport svg g.column-row')
      .evaluateAll((gs) => gs.map((g) => (g as unknown as { dataset: { column: string } }).dataset.column))
  ).sort();

/** The `data-<key>` of the groups matching `selector` whose centre is in the panel's view and not covered. */
async function onScreen(selector: string, key: string): Promise<string[]> {
  return panel()
    .locator('#viewport')
    .evaluate(
      (root, [selector, key]) => {
        type El = {
          getBoundingClientRect(): { left: number; top: number; right: number; bottom: number };
          contains(e: unknown): boolean;
          dataset: Record<string, string>;
          querySelectorAll(s: string): ArrayLike<El>;
        };
        const doc = (globalThis as unknown as { document: { elementFromPoint(x: number, y: number): unknown } })
          .document;
        const box = (root as unknown as El).getBoundingClientRect();
        return Array.from((root as unknown as El).querySelectorAll(selector))
          .filter((g) => {
            const r = g.getBoundingClientRect();
            const x = (r.left + r.right) / 2;
            const y = (r.top + r.bottom) / 2;
            return (
              x > box.left && x < box.right && y > box.top && y < box.bottom && g.contains(doc.elementFromPoint(x, y))
            );
          })
          .map((g) => g.dataset[key]);
      },
      [selector, key] as const,
    );
}

async function runCommand(title: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await quickInput().waitFor({ state: 'visible' });
  await quickInput().fill('>' + title);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title }).waitFor();
  await page.keyboard.press('Enter');
  await quickInput().waitFor({ state: 'hidden' });
}

/** Opens a workspace file through Quick Open, in the first editor group (the panel is in the second). */
async function openFile(name: string): Promise<void> {
  await runCommand('View: Focus First Editor Group');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  await quickInput().waitFor({ state: 'visible' });
  await quickInput().fill(name);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: name }).waitFor();
  await page.keyboard.press('Enter');
  await quickInput().waitFor({ state: 'hidden' });
  await page.locator('.tabs-container .tab.active', { hasText: name }).first().waitFor();
}

/** The ids of the drawn nodes, once the drawing holds `focus` as its focus. */
async function drawnIds(focus: string): Promise<string[]> {
  // the focus, or its members when it is a contract or pipeline drawn as them
  const marked = [focus, ...graph.children(focus)].map((id) => `#viewport svg g.lineage-node.focus[data-id="${id}"]`);
  await panel().locator(marked.join(', ')).first().waitFor();
  await panel().locator('body:not(.busy)').waitFor();
  return (
    await drawn().evaluateAll((gs) => gs.map((g) => (g as unknown as { dataset: { id: string } }).dataset.id))
  ).sort();
}

async function waitForIds(focus: string, want: string[], what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  let got: string[] = [];
  while (Date.now() < deadline) {
    got = await drawnIds(focus);
    if (JSON.stringify(got) === JSON.stringify(want)) return;
    await page.waitForTimeout(200);
  }
  throw new Error(`${what}: drawn ${JSON.stringify(got)}, the graph says ${JSON.stringify(want)}`);
}

const steps: Step[] = [
  [
    "Show Lineage on a pipeline: the panel draws exactly the graph's neighbourhood of it",
    async () => {
      await page.goto(`${CS_URL}/?folder=${encodeURIComponent(WS_DIR)}`);
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page
        .locator('.explorer-folders-view .monaco-list-row', { hasText: 'contracts' })
        .first()
        .waitFor({ timeout: 60_000 });
      await openFile(PIPELINE);
      // the editor title button is there for Pactline files
      await page
        .locator(
          '.editor-actions .action-label[aria-label="Pactline: Show Lineage"], .editor-actions .action-label[aria-label="Show Lineage"]',
        )
        .first()
        .waitFor();
      await runCommand('Pactline: Show Lineage');
      await waitForIds(PIPELINE_ID, expected(PIPELINE_ID, 2, 2), 'upstream 2, downstream 2');
      const status = await panel().locator('#status').innerText();
      assert(/in a worker/.test(status), `layout runs in the server's worker: ${status}`);
    },
  ],

  [
    "the panel follows the theme (--vscode-* colours, not the drawing's own) and has a CSP with a nonce",
    async () => {
      const colours = await panel()
        .locator('#viewport svg text')
        .first()
        .evaluate((t) => {
          const view = globalThis as unknown as {
            getComputedStyle(e: unknown): { fill: string; getPropertyValue(n: string): string };
            document: { body: unknown };
          };
          return {
            fill: view.getComputedStyle(t).fill,
            fg: view.getComputedStyle(view.document.body).getPropertyValue('--vscode-editor-foreground').trim(),
          };
        });
      assert(colours.fg !== '', 'the webview has the --vscode-editor-foreground variable');
      assert(
        !/rgb\(44, 74, 112\)|rgb\(0, 0, 0\)/.test(colours.fill),
        `text is drawn in the theme's colour, not the DOT colour: ${colours.fill}`,
      );
      const csp = await panel().locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      assert(
        csp &&
          /script-src 'nonce-[A-Za-z0-9]{32}'/.test(csp) &&
          /default-src 'none'/.test(csp) &&
          !/unsafe-eval|unsafe-inline/.test(csp),
        `CSP: ${csp}`,
      );
    },
  ],

  [
    'hovering a node shows its owner, version and SLA',
    async () => {
      const node = graph.node(CONTRACT_ID)!;
      await panel().locator(`#viewport svg g.lineage-node[data-id="${DATASET}"]`).hover();
      const tip = panel().locator('#tooltip');
      await tip.waitFor({ state: 'visible' });
      const text = (await tip.innerText()).replace(/\s+/g, ' ');
      assert(text.includes(DATASET), `the tooltip names the node: ${text}`);
      assert(!node.owner || text.includes(node.owner) || /owner/.test(text), `owner in: ${text}`);
      await shot('hover');
    },
  ],

  [
    'clicking a node opens its file at its range',
    async () => {
      await panel().locator(`#viewport svg g.lineage-node[data-id="${DATASET}"]`).click();
      await page.locator('.tabs-container .tab.active', { hasText: CONTRACT_FILE }).first().waitFor();
      const line = graph.range(DATASET)!.start.line + 1;
      await page
        .locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col \\d+`) })
        .first()
        .waitFor();
      // following the active editor: the contract is the focus now
      await waitForIds(CONTRACT_ID, expected(CONTRACT_ID, 2, 2), 'the followed contract');
    },
  ],

  [
    "changing the depth redraws exactly the graph's view at that depth",
    async () => {
      // room for the drawing (and for the README's screenshot)
      await runCommand('View: Toggle Primary Side Bar Visibility');
      await page.locator('.explorer-folders-view').waitFor({ state: 'hidden' });
      await panel().locator('#up-less').click();
      await panel().locator('#up-less').click();
      await waitForIds(CONTRACT_ID, expected(CONTRACT_ID, 0, 2), 'upstream 0');
      await panel().locator('#downstream').fill('1');
      await panel().locator('#downstream').dispatchEvent('change');
      await waitForIds(CONTRACT_ID, expected(CONTRACT_ID, 0, 1), 'upstream 0, downstream 1');
      await panel().locator('#upstream').fill('2');
      await panel().locator('#upstream').dispatchEvent('change');
      await waitForIds(CONTRACT_ID, expected(CONTRACT_ID, 2, 1), 'upstream 2, downstream 1');
      toDocs(await shot('depth'), 'lineage-panel.png');
    },
  ],

  [
    "export: the current view as PNG (drawn by the webview) and as SVG (the server's sanitised drawing)",
    async () => {
      for (const [format, magic] of [
        ['png', '\x89PNG'],
        ['svg', '<svg'],
      ] as const) {
        const file = path.join(WS_DIR, `lineage-contract-warehouse-orders.${format}`);
        await panel().locator(`#export-${format}`).click();
        // the save dialog (VS Code's own in the browser) proposes the workspace folder and a name
        await quickInput().waitFor({ state: 'visible' });
        // (the dialog fills its input in steps: the folder, then the name)
        let proposed = '';
        for (const until = Date.now() + 10_000; Date.now() < until; await page.waitForTimeout(100)) {
          proposed = await quickInput().inputValue();
          if (proposed.endsWith(`.${format}`)) break;
        }
        assert(proposed.endsWith(`ws-lineage/lineage-contract-warehouse-orders.${format}`), `proposed ${proposed}`);
        await page.keyboard.press('Enter');
        const deadline = Date.now() + 10_000;
        while (!fs.existsSync(file) && Date.now() < deadline) await page.waitForTimeout(100);
        assert(fs.existsSync(file), `${file} was written`);
        const head = fs.readFileSync(file).subarray(0, 4).toString('latin1');
        assert(head.startsWith(magic), `${format} starts with ${JSON.stringify(magic)}: ${JSON.stringify(head)}`);
        if (format === 'png') assert(fs.statSync(file).size > 5_000, 'the PNG holds a drawing');
      }
    },
  ],

  [
    'search highlights, hidden kinds fold datasets into their contracts',
    async () => {
      await panel().locator('#search').fill('fct_orders');
      await panel().locator('#viewport svg g.lineage-node.match').first().waitFor();
      const matches = await panel().locator('#viewport svg g.lineage-node.match').count();
      assert(matches >= 1, 'a match is highlighted');
      await panel().locator('#search').fill('');
      await panel().locator('#kind-dataset').uncheck();
      await panel().locator('body:not(.busy)').waitFor();
      await panel().locator('#viewport svg g.lineage-node.dataset').waitFor({ state: 'detached' });
      await panel().locator(`#viewport svg g.lineage-node[data-id="${CONTRACT_ID}"]`).waitFor();
      await panel().locator('#kind-dataset').check();
      await panel().locator('#viewport svg g.lineage-node.dataset').first().waitFor();
    },
  ],

  [
    "Columns: tables with a row per column, exactly the engine's column view",
    async () => {
      const view = columnView();
      await panel().locator('#columns').check();
      await panel().locator('#viewport svg g.column-row').first().waitFor();
      await panel().locator('body:not(.busy)').waitFor();
      const drawnRows = await rows();
      const want = columnsOf(view);
      assert(
        same(drawnRows, want),
        `column rows: drawn ${JSON.stringify(drawnRows)}, the graph says ${JSON.stringify(want)}`,
      );
      const more = (
        await panel()
          .locator('#viewport svg g.more-row')
          .evaluateAll((gs) => gs.map((g) => (g as unknown as { dataset: { expand: string } }).dataset.expand))
      ).sort();
      const collapsed = Object.keys(view.hiddenColumns ?? {}).sort();
      assert(
        same(more, collapsed),
        `"+ N more" rows: drawn ${JSON.stringify(more)}, the graph says ${JSON.stringify(collapsed)}`,
      );
    },
  ],

  [
    "clicking a column row highlights exactly the engine's upstream and downstream path of that column",
    async () => {
      const view = columnView();
      const traces = new Map(columnTraces(view).map((t) => [t.column, t]));
      // a row in sight (the first view is zoomed to be legible, not to show everything), on the longest path
      const inSight = await onScreen('g.column-row', 'column');
      const column = inSight
        .filter((c) => (traces.get(c)?.edges.length ?? 0) >= 2)
        .sort((a, b) => traces.get(b)!.edges.length - traces.get(a)!.edges.length || (a < b ? -1 : 1))[0];
      assert(column, `a column row with a path of 2 edges or more is in sight (in sight: ${inSight.join(', ')})`);
      const trace = traces.get(column)!;
      await panel().locator(`#viewport svg g.column-row[data-column="${column}"]`).click();
      await panel().locator(`#status[data-traced="${column}"]`).waitFor({ state: 'attached' });
      const marks = await panel()
        .locator('#viewport svg')
        .evaluate((root) => {
          // (no named function in here: the page has no __name helper)
          type G = { id: string; classList: { contains(c: string): boolean }; dataset: Record<string, string> };
          const el = root as unknown as { querySelectorAll(s: string): ArrayLike<G> };
          return {
            rows: Array.from(el.querySelectorAll('g.column-row.traced')).map((g) => g.dataset.column),
            edges: Array.from(el.querySelectorAll('g.edge')).map((g) => ({
              id: g.id,
              traced: g.classList.contains('traced'),
              dimmed: g.classList.contains('trace-dimmed'),
            })),
            lit: Array.from(el.querySelectorAll('g.lineage-node:not(.trace-dimmed)')).map((g) => g.dataset.id),
            drawn: Array.from(el.querySelectorAll('g.lineage-node')).map((g) => g.dataset.id),
          };
        });
      const pair = (i: number) => `${view.edges[i].from} -> ${view.edges[i].to}`;
      const wantRows = trace.nodes.filter((id) => graph.node(id)?.kind === 'column').sort();
      assert(
        same(marks.rows.sort(), wantRows),
        `highlighted rows of ${column}: ${JSON.stringify(marks.rows)}, the engine's path: ${JSON.stringify(wantRows)}`,
      );
      const index = (id: string) => Number(/^edge:(\d+)/.exec(id)?.[1] ?? NaN);
      const litEdges = [...new Set(marks.edges.filter((e) => e.traced).map((e) => pair(index(e.id))))].sort();
      const wantEdges = [...new Set(trace.edges.map(pair))].sort();
      assert(
        same(litEdges, wantEdges),
        `highlighted edges of ${column}: ${JSON.stringify(litEdges)}, the engine's path: ${JSON.stringify(wantEdges)}`,
      );
      const neither = marks.edges.filter((e) => e.traced === e.dimmed).map((e) => e.id);
      assert(neither.length === 0, `every other edge is dimmed: ${neither.join(', ')} are neither or both`);
      // lit: the jobs on the path and the tables holding its columns; every other node dimmed
      const tables = trace.nodes.map((id) => graph.node(id)?.parent).filter((p): p is string => p !== undefined);
      const wantLit = [...new Set([...trace.nodes, ...tables])].filter((id) => marks.drawn.includes(id)).sort();
      assert(
        same(marks.lit.sort(), wantLit),
        `nodes not dimmed: ${JSON.stringify(marks.lit)}, the path's jobs and tables: ${JSON.stringify(wantLit)}`,
      );
      // the README's picture: the panel alone, without the tooltip of the row clicked
      await page.mouse.move(1, 1);
      await panel().locator('#tooltip').waitFor({ state: 'hidden' });
      toDocs(await shot('column-trace', page.locator('iframe.webview.ready')), 'lineage-panel-columns.png');
    },
  ],

  [
    'clicking "+ N more" shows the collapsed columns of that table',
    async () => {
      const view = columnView();
      const dataset = (await onScreen('g.more-row', 'expand')).sort()[0];
      assert(dataset, 'a "+ N more" row is in sight');
      const hidden = view.hiddenColumns?.[dataset] ?? 0;
      const row = panel().locator(`#viewport svg g.more-row[data-expand="${dataset}"]`);
      const text = (await row.textContent()) ?? '';
      assert(text.includes(`${hidden} more`), `the row says how many are collapsed (${hidden}): ${text}`);
      await row.click();
      await row.waitFor({ state: 'detached' });
      await panel().locator('body:not(.busy)').waitFor();
      const drawnRows = await rows();
      const want = columnsOf(columnView([dataset]));
      const all = graph.children(dataset).filter((id) => graph.node(id)?.kind === 'column');
      assert(
        all.every((c) => drawnRows.includes(c)),
        `every column of ${dataset} is a row now: missing ${all.filter((c) => !drawnRows.includes(c)).join(', ')}`,
      );
      assert(
        same(drawnRows, want),
        `column rows: drawn ${JSON.stringify(drawnRows)}, the graph says ${JSON.stringify(want)}`,
      );
      // back to the table level for the steps that follow
      await panel().locator('#columns').uncheck();
      await panel().locator('#viewport svg g.column-row').first().waitFor({ state: 'detached' });
      await panel().locator('body:not(.busy)').waitFor();
    },
  ],

  [
    'a code lens on the pipeline shows its lineage',
    async () => {
      await openFile(PIPELINE);
      const lens = page
        .locator('.contentWidgets .codelens-decoration a', { hasText: 'Show lineage of pipeline' })
        .first();
      await lens.waitFor();
      await lens.click();
      await drawnIds(PIPELINE_ID);
    },
  ],

  [
    "hostile names: the panel's SVG has no script, no event handler attribute and no link",
    async () => {
      await openFile('evil.odcs.yaml');
      await panel().locator('#viewport svg g.lineage-node.focus').first().waitFor();
      await panel().locator('body:not(.busy)').waitFor();
      const report = await panel()
        .locator('#viewport')
        .evaluate((root) => {
          const all = Array.from(
            (
              root as unknown as {
                querySelectorAll(
                  s: string,
                ): ArrayLike<{ localName: string; attributes: ArrayLike<{ name: string; value: string }> }>;
              }
            ).querySelectorAll('*'),
          );
          const bad: string[] = [];
          for (const el of all) {
            if (
              [
                'script',
                'a',
                'foreignobject',
                'foreignObject',
                'image',
                'use',
                'iframe',
                'style',
                'animate',
                'set',
              ].includes(el.localName)
            )
              bad.push(`<${el.localName}>`);
            for (const a of Array.from(el.attributes)) {
              if (
                /^on/i.test(a.name) ||
                /href$/i.test(a.name) ||
                (a.name === 'style' && /url|expression/i.test(a.value)) ||
                /javascript:/i.test(a.value)
              )
                bad.push(`${el.localName}@${a.name}=${a.value.slice(0, 40)}`);
            }
          }
          return { bad, elements: all.length, text: (root as unknown as { textContent: string }).textContent };
        });
      assert(report.elements > 10, `something is drawn (${report.elements} elements)`);
      assert(report.bad.length === 0, `unsafe in the panel: ${report.bad.join(', ')}`);
      assert(report.text.includes('<script>'), 'the hostile name is shown as text');
      // (VS Code's webview host adds a script of its own to the page: count only ours, and none elsewhere)
      const ours = await panel().locator('script[src*="lineage.js"]').count();
      const inContent = await panel()
        .locator('#viewport script, #message script, #tooltip script, #status script')
        .count();
      assert(
        ours === 1 && inContent === 0,
        `scripts: ${ours} of the panel, ${inContent} in the drawing or the messages`,
      );
      await shot('hostile');
    },
  ],
];

async function main(): Promise<number> {
  // the hostile files go in before the workbench opens (the server indexes them at start)
  for (const [file, text] of Object.entries(HOSTILE)) {
    const target = path.join(WS_DIR, 'hostile', file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  graph = engineGraph();
  return runSteps({
    label: 'lineage',
    prefixNames: true,
    viewport: { width: 1400, height: 860 },
    steps,
    usePage: (p) => {
      page = p;
    },
    cannotRun: () => (process.env.E2E_NO_SERVER ? 'dist/server.js is not built: no language server' : undefined),
    screenshot: async (_name, error) => (error ? shot('failed') : undefined),
  });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
