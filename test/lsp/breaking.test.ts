// Breaking changes in the editor, over stdio with the real server (dist/cli.js lsp --stdio), in a
// temporary git repository made here from a copy of examples/: the finding on the changed line with
// its impact and related information pointing at the base text, hover with before and after, the
// quick fixes (bump the major version, restore from the base, suppress with a reason), the code
// lens, the base text for the diff view, the base read once per commit (not per keystroke) and read
// again when HEAD moves, `breaking.against` set to `merge-base:main`, untrusted workspaces and
// folders that are not repositories.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { find, LspClient, ROOT, uriOf, type Diagnostic } from './client';

const EXAMPLES = join(ROOT, 'examples');
const WAREHOUSE = 'contracts/warehouse-orders.odcs.yaml';
const made: string[] = [];
after(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 't@example.com',
};
function git(dir: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** A copy of examples/, committed on `main` (or not a repository at all). */
function workspace(repo = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'pactline-lsp-breaking-'));
  made.push(dir);
  cpSync(EXAMPLES, dir, { recursive: true });
  if (repo) {
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'base');
  }
  return dir;
}

/** The `email_sha256` block of dim_customers (8 lines), as committed. */
function emailBlock(text: string): { start: number; end: number; block: string } {
  const start = text.indexOf('      - name: email_sha256');
  const end = text.indexOf('      - name: country_code');
  return { start, end, block: text.slice(start, end) };
}

const isRemoval = (d: Diagnostic) => d.code === 'breaking/property-removed';
/** The breaking code lens's title (the "Show lineage" lenses of the same request are test/lsp/facade.test.ts's). */
const lensTitle = async (client: LspClient, uri: string) =>
  (
    (await client.request<{ command?: { title: string; command: string } }[] | null>('textDocument/codeLens', {
      textDocument: { uri },
    })) ?? []
  )
    .filter((l) => l.command?.command === 'pactline.compareWithBase')
    .map((l) => l.command?.title);

async function start(
  dir: string,
  options: { settings?: Record<string, unknown>; trusted?: boolean } = {},
): Promise<LspClient> {
  const client = await LspClient.start({
    workspace: dir,
    settings: options.settings ?? {},
    initializationOptions: { trusted: options.trusted ?? true, breakingBaseScheme: true },
    capabilities: { workspace: { codeLens: { refreshSupport: true } } },
  });
  client.connection.onRequest('workspace/codeLens/refresh', () => null);
  await client.waitForIndexed();
  return client;
}

/** Waits until the code lens reports the base as read (it is empty until then). */
async function baseRead(client: LspClient, uri: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const titles = await lensTitle(client, uri);
    if (titles.length) return titles[0]!;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the base was never read');
}

describe('breaking changes in the editor (a git repository of examples/)', () => {
  it('finding, impact, related information, hover, quick fixes, code lens, diff base; one read per commit', async () => {
    const dir = workspace();
    const client = await start(dir);
    try {
      const file = join(dir, WAREHOUSE);
      const original = readFileSync(file, 'utf8');
      const uri = client.open(file);
      assert.equal(await baseRead(client, uri), 'No breaking changes vs HEAD');

      // Typing: the property goes (not saved, not committed).
      const { start: s, end: e, block } = emailBlock(original);
      const text = client.text(uri);
      const { positionAt } = await import('./client');
      const version = client.edit(uri, { start: positionAt(text, s), end: positionAt(text, e) }, '');
      const published = await client.waitForDiagnostics(uri, { version, accept: (p) => p.diagnostics.some(isRemoval) });
      const finding = published.diagnostics.find(isRemoval)!;
      assert.equal(finding.severity, 1);
      // On its parent: the `properties:` key of dim_customers.
      assert.deepEqual(finding.range.start, find(client.text(uri), 'properties:', 0, 0));
      assert.match(finding.message, /Property `dim_customers\.email_sha256` \(string\) was removed\./);
      assert.match(finding.message, /breaks 2 consumers: product `customer-churn` input port `commerce-warehouse`/);
      assert.match(finding.message, /needs a major version bump \(version still 4\.2\.0\)/);
      const related = finding.relatedInformation![0];
      assert.match(related.location.uri, /^pactline-base:\/contracts\/warehouse-orders\.odcs\.yaml\?/);
      assert.equal(related.location.range.start.line, original.slice(0, s).split('\n').length - 1);
      assert.match(related.message, /^At HEAD, contracts\/warehouse-orders\.odcs\.yaml:\d+:\n- name: email_sha256/);

      // The code lens.
      assert.deepEqual(await lensTitle(client, uri), ['1 breaking change vs HEAD · 2 consumers affected']);

      // Hover on the finding: before and after.
      const hover = await client.request<{ contents: { kind: string; value: string } }>('textDocument/hover', {
        textDocument: { uri },
        position: finding.range.start,
      });
      assert.equal(hover.contents.kind, 'markdown');
      assert.match(
        hover.contents.value,
        /Breaking change\*\* `breaking\/property-removed` at `dim_customers\.email_sha256`/,
      );
      assert.match(
        hover.contents.value,
        /Before \(HEAD, contracts\/warehouse-orders\.odcs\.yaml:\d+\):\n\n```yaml\n- name: email_sha256\n {2}businessName: Hashed e-mail/,
      );
      assert.match(hover.contents.value, /After:\n\n_\(removed\)_/);

      // Quick fixes.
      const actions = await client.request<
        { title: string; edit?: { changes: Record<string, { range: any; newText: string }[]> } }[]
      >('textDocument/codeAction', {
        textDocument: { uri },
        range: finding.range,
        context: { diagnostics: [finding], only: ['quickfix'] },
      });
      const titles = actions.map((a) => a.title);
      assert.ok(titles.includes('Bump the major version to 5.0.0 (announce the breaking change)'), titles.join('\n'));
      assert.ok(titles.includes('Restore `email_sha256` from HEAD'), titles.join('\n'));
      const suppress = actions.find((a) => /pactline-disable-next-line/.test(JSON.stringify(a.edit)));
      assert.ok(suppress, `a suppression quick fix: ${titles.join('\n')}`);
      assert.match(
        suppress!.edit!.changes[uri][0].newText,
        /# pactline-disable-next-line breaking\/property-removed -- /,
      );

      // The restore edit puts the committed text back, byte for byte, where it was: between
      // `customer_id`... and `country_code` (in the middle of its list), not at the end.
      const restore = actions.find((a) => a.title.startsWith('Restore'))!.edit!.changes[uri][0];
      assert.equal(restore.newText, block.replace(/\n$/, '') + '\n');
      const edited = client.text(uri);
      const { offsetAt } = await import('./client');
      assert.equal(
        edited.slice(0, offsetAt(edited, restore.range.start)) +
          restore.newText +
          edited.slice(offsetAt(edited, restore.range.end)),
        original,
      );
      // Applying the bump: the finding becomes a warning (announced).
      const bump = actions.find((a) => a.title.startsWith('Bump'))!.edit!.changes[uri][0];
      const v2 = client.edit(uri, bump.range, bump.newText);
      const bumped = await client.waitForDiagnostics(uri, { version: v2 });
      assert.equal(bumped.diagnostics.find(isRemoval)?.severity, 2);
      assert.match(
        bumped.diagnostics.find(isRemoval)!.message,
        /Announced by the major version bump \(4\.2\.0 → 5\.0\.0\)/,
      );

      // The diff view's base: found by id, its text the committed one.
      const base = await client.request<{ uri: string; label: string; path: string }>('pactline/breaking/baseOf', {
        textDocument: { uri },
      });
      assert.equal(base.label, 'HEAD');
      assert.equal(base.path, WAREHOUSE);
      const content = await client.request<{ text: string }>('pactline/breaking/baseContent', { uri: base.uri });
      assert.equal(content.text, original);
      const bad = await client.request<{ error?: string }>('pactline/breaking/baseContent', {
        uri: base.uri.replace('contracts/', '../../etc/'),
      });
      assert.ok(bad.error);

      // Read once: many keystrokes, one read of the base.
      for (let i = 0; i < 5; i++)
        client.replace(uri, 'Current state of every order', `Current state of every order${i}`);
      await client.waitForDiagnostics(uri, { version: client.version(uri) });
      const reads = () =>
        client.logs.filter((l) => /^Breaking changes: .* compared with HEAD \([0-9a-f]{12}\): \d+ files read/.test(l));
      assert.equal(reads().length, 1, client.logs.join('\n'));
      // The indexed documents were the committed ones: reused by blob id, nothing read from git or parsed again.
      assert.match(reads()[0], /: 0 files read in \d+ ms \((1[0-9]|[2-9]\d) unchanged\)\.$/, reads()[0]);

      // HEAD moves (the change is committed): read again, once, and the finding is gone.
      writeFileSync(file, client.text(uri));
      git(dir, 'commit', '-qam', 'remove email_sha256, version 5.0.0');
      await new Promise((r) => setTimeout(r, 3200));
      client.replace(uri, 'Current state of every order4', 'Current state of every order');
      await client.waitFor(() => (reads().length === 2 ? true : undefined), 20_000, 'the new HEAD to be read');
      const now = await client.waitForDiagnostics(uri, { accept: (p) => !p.diagnostics.some(isRemoval) });
      assert.ok(
        !now.diagnostics.some((d) => String(d.code).startsWith('breaking/') && d.severity !== 3),
        JSON.stringify(now.diagnostics),
      );
    } finally {
      await client.shutdown();
    }
  });

  it('a contract the base does not have (untracked, or added): "new contract — no base to compare"', async () => {
    const dir = workspace();
    const file = join(dir, 'contracts/returns.odcs.yaml');
    writeFileSync(file, readFileSync(join(dir, WAREHOUSE), 'utf8').replace(/^id: .*$/m, 'id: returns'));
    const client = await start(dir);
    try {
      const uri = client.open(file);
      assert.equal(await baseRead(client, uri), 'New contract — no base to compare (not in HEAD)');
      // Added to the index (not committed): the same.
      git(dir, 'add', 'contracts/returns.odcs.yaml');
      assert.deepEqual(await lensTitle(client, uri), ['New contract — no base to compare (not in HEAD)']);
      // A contract the base has still says how it compares.
      assert.equal(await baseRead(client, client.open(join(dir, WAREHOUSE))), 'No breaking changes vs HEAD');
    } finally {
      await client.shutdown();
    }
  });

  it('pactline.breaking.against: merge-base:main compares a branch with where it started', async () => {
    const dir = workspace();
    git(dir, 'checkout', '-q', '-b', 'feature');
    const file = join(dir, WAREHOUSE);
    const original = readFileSync(file, 'utf8');
    const { start: s, end: e } = emailBlock(original);
    writeFileSync(file, original.slice(0, s) + original.slice(e));
    git(dir, 'commit', '-qam', 'remove email_sha256 on the branch');
    const client = await start(dir, { settings: { pactline: { breaking: { against: 'merge-base:main' } } } });
    try {
      const uri = client.open(file);
      assert.equal(await baseRead(client, uri), '1 breaking change vs merge-base:main · 2 consumers affected');
      const published = await client.waitForDiagnostics(uri, {
        after: 0,
        accept: (p) => p.diagnostics.some(isRemoval),
      });
      assert.match(published.diagnostics.find(isRemoval)!.relatedInformation![0].message, /^At merge-base:main, /);
    } finally {
      await client.shutdown();
    }
  });

  it('an untrusted workspace runs no git: no breaking finding, no code lens, no base', async () => {
    const dir = workspace();
    const file = join(dir, WAREHOUSE);
    const original = readFileSync(file, 'utf8');
    const { start: s, end: e } = emailBlock(original);
    writeFileSync(file, original.slice(0, s) + original.slice(e));
    const client = await start(dir, { trusted: false });
    try {
      const uri = client.open(file);
      const published = await client.waitForDiagnostics(uri, { after: 0 });
      await new Promise((r) => setTimeout(r, 1000));
      assert.ok(!published.diagnostics.some((d) => String(d.code).startsWith('breaking/')));
      assert.deepEqual(await lensTitle(client, uri), []);
      const base = await client.request<{ error?: string }>('pactline/breaking/baseOf', { textDocument: { uri } });
      assert.match(base.error ?? '', /not trusted/);
      assert.ok(!client.logs.some((l) => /^Breaking changes:/.test(l)), client.logs.join('\n'));
    } finally {
      await client.shutdown();
    }
  });

  it('a folder that is not a git repository: one log line, no findings, lint goes on', async () => {
    const dir = workspace(false);
    const client = await start(dir);
    try {
      const uri = client.open(join(dir, WAREHOUSE));
      const published = await client.waitForDiagnostics(uri, { after: 0 });
      await client.waitFor(
        () => (client.logs.some((l) => /is not a git repository/.test(l)) ? true : undefined),
        10_000,
        'the note',
      );
      assert.ok(!published.diagnostics.some((d) => String(d.code).startsWith('breaking/')));
      assert.deepEqual(await lensTitle(client, uri), []);
      assert.equal(client.logs.filter((l) => /is not a git repository/.test(l)).length, 1);
      assert.equal(client.messages.length, 0, 'no pop-up for a folder without git');
      assert.equal(uriOf(dir).startsWith('file:'), true);
    } finally {
      await client.shutdown();
    }
  });
});
