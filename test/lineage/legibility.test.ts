// Legible on first open: the CLI's SVG of the default neighbourhood of validated-commerce-cdc in the
// example workspace, drawn by headless Chromium scaled to fit the panel's shape (700 x 800 px): the
// smallest node label is at least 9 px at table level and 8 px in the column view, and no label
// extends outside its node (measured with getBoundingClientRect).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { cli, cliBuilt } from './helpers';

const CHROMIUM = process.env.PACTLINE_E2E_CHROMIUM ?? '/usr/bin/chromium';
const skip = !existsSync(CHROMIUM)
  ? `no Chromium at ${CHROMIUM}: would have measured the label sizes of the lineage SVG fitted to 700x800 px`
  : !cliBuilt()
    ? 'dist/cli.js is not built (npm run build): would have measured the label sizes of its lineage SVG'
    : false;
if (skip) console.log(`# skipped: ${skip}`);

interface Measure {
  width: number;
  height: number;
  scale: number;
  smallest: number;
  labels: number;
  outside: string[];
}

/** Runs in the page (a string: the tests are compiled without the DOM's types). */
const MEASURE = `(() => {
  const svg = document.querySelector('svg');
  const box = svg.viewBox.baseVal;
  const scale = Math.min(700 / box.width, 800 / box.height);
  svg.setAttribute('width', String(box.width * scale));
  svg.setAttribute('height', String(box.height * scale));
  let smallest = Infinity;
  let labels = 0;
  const outside = [];
  for (const node of document.querySelectorAll('g.node')) {
    const shapes = [...node.querySelectorAll('polygon, path, ellipse')].map((s) => s.getBoundingClientRect());
    const left = Math.min(...shapes.map((r) => r.left));
    const right = Math.max(...shapes.map((r) => r.right));
    const top = Math.min(...shapes.map((r) => r.top));
    const bottom = Math.max(...shapes.map((r) => r.bottom));
    for (const text of node.querySelectorAll('text')) {
      labels++;
      // the rendered size: the font size in drawing units times the fitted scale
      smallest = Math.min(smallest, parseFloat(text.getAttribute('font-size') || '0') * scale);
      const r = text.getBoundingClientRect();
      if (r.left < left - 0.5 || r.right > right + 0.5 || r.top < top - 0.5 || r.bottom > bottom + 0.5)
        outside.push(text.textContent + ' (' + node.querySelector('title')?.textContent + ')');
    }
  }
  return { width: box.width, height: box.height, scale, smallest, labels, outside };
})()`;

describe('the lineage drawing is legible in a 700 x 800 panel', { skip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
    });
  });
  after(async () => browser?.close());

  async function measure(args: string[]): Promise<Measure> {
    const run = cli(['lineage', 'examples', '--focus', 'validated-commerce-cdc', ...args]);
    assert.equal(run.code, 0, run.stderr);
    const page = await browser.newPage({ viewport: { width: 700, height: 800 } });
    try {
      await page.setContent(`<!doctype html><body style="margin:0">${run.stdout}</body>`);
      return (await page.evaluate(MEASURE)) as Measure;
    } finally {
      await page.close();
    }
  }

  it('table level: every label at least 9 px, inside its node', async () => {
    const m = await measure([]);
    console.log(
      `# table level: ${m.width}x${m.height} units, scale ${m.scale.toFixed(3)}, smallest label ${m.smallest.toFixed(2)} px, ${m.labels} labels`,
    );
    assert.ok(m.labels > 30);
    assert.ok(m.smallest >= 9, `smallest label ${m.smallest} px`);
    assert.deepEqual(m.outside, []);
  });

  it('column view: every label at least 8 px, inside its node', async () => {
    const m = await measure(['--columns']);
    console.log(
      `# column view: ${m.width}x${m.height} units, scale ${m.scale.toFixed(3)}, smallest label ${m.smallest.toFixed(2)} px, ${m.labels} labels`,
    );
    assert.ok(m.labels > 100, 'the column rows are drawn');
    assert.ok(m.smallest >= 8, `smallest label ${m.smallest} px`);
    assert.deepEqual(m.outside, []);
  });
});
