// What any LSP editor gets, not only the VS Code extension: a plain JSON-RPC client over stdio with
// the server's own bundle (`node dist/server.js --stdio`, no Pactline initialization option but
// trust), in a git repository made here. A property in the MIDDLE of its list is removed (not
// saved): the breaking finding is published, textDocument/codeAction offers the three quick fixes
// (bump the major version, restore, suppress), textDocument/codeLens serves both kinds of lens
// (how the contract compares with HEAD, "Show lineage"), and applying "Restore" puts the property
// back where it stood, between its two neighbours: the text is the committed one again.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { LspClient, offsetAt, positionAt, type Diagnostic, type Range } from './client';

const ORDERS = `apiVersion: v3.2.0
kind: DataContract
id: orders
name: Orders
version: 1.4.0
status: active
tags: [source]
schema:
  - name: orders
    physicalType: table
    properties:
      - name: order_id
        logicalType: string
        required: true
      - name: amount
        logicalType: number
        description: Order total in euros.
      - name: placed_at
        logicalType: date
`;

const DAILY_REVENUE = `apiVersion: v3.2.0
kind: DataContract
id: daily-revenue
name: Daily revenue
version: 1.0.0
status: active
schema:
  - name: daily_revenue
    physicalType: table
    properties:
      - name: day
        logicalType: date
      - name: revenue
        logicalType: number
`;

const PIPELINE = `apiVersion: pactline/v1
kind: Pipeline
id: revenue
name: Daily revenue
owner: finance
version: 1.0.0
schedule:
  cron: "0 2 * * *"
steps:
  - id: sum-orders
    inputs:
      - contract: orders
        schema: orders
        as: o
    outputs:
      - contract: daily-revenue
        schema: daily_revenue
        columns:
          day: o.placed_at
          revenue: o.amount
`;

const made: string[] = [];
after(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function git(dir: string, ...args: string[]): void {
  const r = spawnSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pactline-facade-'));
  made.push(dir);
  mkdirSync(join(dir, 'contracts'));
  mkdirSync(join(dir, 'pipelines'));
  writeFileSync(join(dir, 'contracts/orders.odcs.yaml'), ORDERS);
  writeFileSync(join(dir, 'contracts/daily-revenue.odcs.yaml'), DAILY_REVENUE);
  writeFileSync(join(dir, 'pipelines/revenue.pipeline.yaml'), PIPELINE);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  return dir;
}

interface Lens {
  range: Range;
  command?: { title: string; command: string; arguments?: unknown[] };
}
interface Action {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  edit?: { changes: Record<string, { range: Range; newText: string }[]> };
}

const lenses = async (client: LspClient, uri: string): Promise<Lens[]> =>
  (await client.request<Lens[] | null>('textDocument/codeLens', { textDocument: { uri } })) ?? [];
const isRemoval = (d: Diagnostic) => d.code === 'breaking/property-removed';

describe('the server is the whole editor: a plain LSP client gets every breaking and lineage feature', () => {
  it('breaking diagnostics, their quick fixes, both code lenses; "Restore" puts the property back in the middle', async () => {
    const dir = repository();
    const client = await LspClient.start({ entry: 'server', workspace: dir, initializationOptions: { trusted: true } });
    try {
      await client.waitForIndexed();
      const uri = client.open(join(dir, 'contracts/orders.odcs.yaml'));
      const pipelineUri = client.open(join(dir, 'pipelines/revenue.pipeline.yaml'));

      // Both kinds of lens, from the standard request: the breaking one once the base is read.
      let initial: Lens[] = [];
      for (let i = 0; i < 200 && !initial.some((l) => l.command?.command === 'pactline.compareWithBase'); i++) {
        initial = await lenses(client, uri);
        if (!initial.some((l) => l.command?.command === 'pactline.compareWithBase'))
          await new Promise((r) => setTimeout(r, 100));
      }
      assert.deepEqual(
        initial.map((l) => [l.range.start.line, l.command?.title, l.command?.command, l.command?.arguments]),
        [
          [0, 'No breaking changes vs HEAD', 'pactline.compareWithBase', [uri]],
          [2, 'Show lineage of contract Orders', 'pactline.showLineage', [{ focus: 'contract:orders' }]],
          // Above each column a mapping reads: the panel opens on that column's path.
          [
            14,
            'Column lineage of amount: 0 upstream, 1 downstream',
            'pactline.showLineage',
            [{ focus: 'column:orders/orders/amount' }],
          ],
          [
            17,
            'Column lineage of placed_at: 0 upstream, 1 downstream',
            'pactline.showLineage',
            [{ focus: 'column:orders/orders/placed_at' }],
          ],
        ],
      );
      assert.deepEqual(
        (await lenses(client, pipelineUri)).map((l) => [l.range.start.line, l.command?.title, l.command?.arguments]),
        [[2, 'Show lineage of pipeline Daily revenue', [{ focus: 'pipeline:revenue' }]]],
      );

      // `amount`, the middle one of three properties, is removed (typed, not saved).
      const start = ORDERS.indexOf('      - name: amount');
      const end = ORDERS.indexOf('      - name: placed_at');
      const version = client.edit(uri, { start: positionAt(ORDERS, start), end: positionAt(ORDERS, end) }, '');
      const published = await client.waitForDiagnostics(uri, { version, accept: (p) => p.diagnostics.some(isRemoval) });
      const finding = published.diagnostics.find(isRemoval)!;
      assert.equal(finding.severity, 1);
      assert.equal(finding.range.start.line, 10, 'on the `properties:` key of its object');
      assert.match(finding.message, /Property `orders\.amount` \(number\) was removed\./);
      assert.match(finding.message, /pipeline `revenue` step `sum-orders`/);
      // A plain client gets the base as a file URI of the workspace (no `pactline-base:` scheme asked for).
      assert.equal(finding.relatedInformation![0].location.uri, uri);
      assert.equal(finding.relatedInformation![0].location.range.start.line, 14);

      // Hover on it: before and after.
      const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', {
        textDocument: { uri },
        position: finding.range.start,
      });
      assert.match(
        hover.contents.value,
        /Before \(HEAD, contracts\/orders\.odcs\.yaml:15\):\n\n```yaml\n- name: amount\n/,
      );
      assert.match(hover.contents.value, /After:\n\n_\(removed\)_/);

      // The quick fixes, over textDocument/codeAction.
      const actions = await client.request<Action[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: finding.range,
        context: { diagnostics: [finding], only: ['quickfix'] },
      });
      const titles = actions.map((a) => a.title);
      assert.ok(titles.includes('Bump the major version to 2.0.0 (announce the breaking change)'), titles.join('\n'));
      assert.ok(titles.includes('Restore `amount` from HEAD'), titles.join('\n'));
      assert.ok(
        actions.some((a) =>
          a.edit?.changes[uri]?.[0].newText.includes('# pactline-disable-next-line breaking/property-removed -- '),
        ),
        titles.join('\n'),
      );
      assert.ok(actions.every((a) => a.kind === 'quickfix'));

      // The breaking lens counts the change and its consumer; the lineage lenses are still there, but
      // the removed column's.
      assert.deepEqual(
        (await lenses(client, uri)).map((l) => l.command?.title),
        [
          '1 breaking change vs HEAD · 1 consumer affected',
          'Show lineage of contract Orders',
          'Column lineage of placed_at: 0 upstream, 1 downstream',
        ],
      );

      // Applying "Restore": the property is back between `order_id` and `placed_at`, byte for byte.
      const restore = actions.find((a) => a.title.startsWith('Restore'))!;
      assert.equal(restore.isPreferred, true);
      const [edit] = restore.edit!.changes[uri];
      const text = client.text(uri);
      const restored =
        text.slice(0, offsetAt(text, edit.range.start)) + edit.newText + text.slice(offsetAt(text, edit.range.end));
      assert.equal(restored, ORDERS);
      const names = [...restored.matchAll(/- name: (\w+)/g)].map((m) => m[1]);
      assert.deepEqual(names, ['orders', 'order_id', 'amount', 'placed_at']);
      const v2 = client.edit(uri, edit.range, edit.newText);
      assert.equal(client.text(uri), readFileSync(join(dir, 'contracts/orders.odcs.yaml'), 'utf8'));
      const after = await client.waitForDiagnostics(uri, { version: v2 });
      assert.deepEqual(after.diagnostics, []);
      assert.equal((await lenses(client, uri))[0].command?.title, 'No breaking changes vs HEAD');
    } finally {
      await client.shutdown();
    }
  });
});
