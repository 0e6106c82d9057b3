// The workspace side of the language server: files created, changed and deleted on disk
// (workspace/didChangeWatchedFiles), a `git checkout`-sized burst of events, the configuration
// file and the client settings, untrusted workspaces.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LspClient, ROOT, sleep, tempCopy } from './client';
import { asCliFinding, cliFindings, settle, sortFindings } from './helpers';

const EXAMPLES = join(ROOT, 'examples');
const MISTAKES = join(ROOT, 'test/fixtures/workspace-with-mistakes');
const CHURN_PRODUCT = 'products/customer-churn.odps.yaml';
const WEB_SESSIONS = 'contracts/warehouse-web-sessions.odcs.yaml';

describe('files changed on disk', () => {
  let ws: ReturnType<typeof tempCopy>;
  let client: LspClient;

  before(async () => {
    ws = tempCopy(EXAMPLES);
    client = await LspClient.start({ workspace: ws.dir });
    await client.waitForIndexed();
  });
  after(() => {
    client?.kill();
    ws?.dispose();
  });

  it('a contract deleted and created again on disk changes the cross-file findings of an open product', async () => {
    const product = client.open(join(ws.dir, CHURN_PRODUCT));
    const clean = await client.waitForDiagnostics(product, { version: 1 });
    assert.deepEqual(clean.diagnostics, []);
    const contractFile = join(ws.dir, WEB_SESSIONS);
    const contractText = readFileSync(contractFile, 'utf8');

    let mark = client.published.length;
    unlinkSync(contractFile);
    client.fileEvents([{ file: contractFile, type: 3 }]);
    const missing = await client.waitForDiagnostics(product, { after: mark });
    assert.deepEqual(
      missing.diagnostics.map((d) => [d.code, d.range.start.line + 1]),
      [
        ['ref/unknown-contract', 34],
        ['ref/unknown-contract', 45],
      ],
    );
    assert.equal(missing.version, 1, 'published for the open version');

    mark = client.published.length;
    writeFileSync(contractFile, contractText);
    client.fileEvents([{ file: contractFile, type: 1 }]);
    const back = await client.waitForDiagnostics(product, { after: mark });
    assert.deepEqual(back.diagnostics, []);

    // A changed file: the contract's id changes on disk.
    mark = client.published.length;
    writeFileSync(contractFile, contractText.replace('id: warehouse-web-sessions', 'id: web-sessions'));
    client.fileEvents([{ file: contractFile, type: 2 }]);
    const renamed = await client.waitForDiagnostics(product, { after: mark });
    assert.equal(renamed.diagnostics.length, 2);
    mark = client.published.length;
    writeFileSync(contractFile, contractText);
    client.fileEvents([{ file: contractFile, type: 2 }]);
    assert.deepEqual((await client.waitForDiagnostics(product, { after: mark })).diagnostics, []);
    client.close(product);
  });

  it('a renamed file (delete + create) keeps what it declares', async () => {
    const product = client.open(join(ws.dir, CHURN_PRODUCT));
    await client.waitForDiagnostics(product, { version: 1 });
    await settle(client, 250);
    const from = join(ws.dir, WEB_SESSIONS);
    const to = join(ws.dir, 'contracts/web-sessions-renamed.odcs.yaml');
    const text = readFileSync(from, 'utf8');
    const mark = client.published.length;
    unlinkSync(from);
    writeFileSync(to, text);
    client.fileEvents([
      { file: from, type: 3 },
      { file: to, type: 1 },
    ]);
    await settle(client, 400);
    const since = client.published.slice(mark).filter((p) => p.uri === product);
    // One batch: never a flicker to "unknown contract" between the delete and the create.
    assert.ok(
      since.every((p) => p.diagnostics.length === 0),
      JSON.stringify(since),
    );
    unlinkSync(to);
    writeFileSync(from, text);
    client.fileEvents([
      { file: to, type: 3 },
      { file: from, type: 1 },
    ]);
    await settle(client, 400);
    client.close(product);
  });

  it('a burst of thousands of events (a `git checkout`) is handled in one batch, open documents validated once', async () => {
    const product = client.open(join(ws.dir, CHURN_PRODUCT));
    await client.waitForDiagnostics(product, { version: 1 });
    await settle(client, 250);
    const template = readFileSync(join(ws.dir, WEB_SESSIONS), 'utf8');
    const dir = join(ws.dir, 'contracts/generated');
    mkdirSync(dir);
    const files: string[] = [];
    for (let i = 0; i < 1500; i++) {
      const file = join(dir, `c${i}.odcs.yaml`);
      writeFileSync(file, template.replace('id: warehouse-web-sessions', `id: generated-${i}`));
      files.push(file);
    }
    const mark = client.published.length;
    const logs = client.logs.length;
    // Sent as 15 notifications of 100 events each, and each file reported twice (created, then changed).
    for (let i = 0; i < files.length; i += 100) {
      client.fileEvents(files.slice(i, i + 100).map((file) => ({ file, type: 1 as const })));
      client.fileEvents(files.slice(i, i + 100).map((file) => ({ file, type: 2 as const })));
    }
    const batchLog = await client.waitFor(
      () => client.logs.slice(logs).find((l) => l.startsWith('File changes:')),
      60_000,
    );
    assert.match(batchLog, /^File changes: 1500 events handled in one batch .*1500 read/);
    await settle(client, 400);
    assert.equal(client.logs.slice(logs).filter((l) => l.startsWith('File changes:')).length, 1);
    const published = client.published.slice(mark).filter((p) => p.uri === product);
    assert.ok(published.length <= 1, `the open product is validated at most once (${published.length})`);
    // The index knows the new contracts: workspace symbols find them.
    const symbols = await client.request('workspace/symbol', { query: 'generated-1499' });
    assert.ok(
      symbols.some(
        (s: { name: string; location: { uri: string } }) =>
          s.name === 'generated-1499' && s.location.uri.endsWith('c1499.odcs.yaml'),
      ),
    );
    // ... and forgets them when their folder is deleted (one event for the folder).
    rmSync(dir, { recursive: true });
    client.fileEvents([{ file: dir, type: 3 }]);
    await client.waitFor(() =>
      client.logs.slice(logs).filter((l) => l.startsWith('File changes:')).length === 2 ? true : undefined,
    );
    const after = await client.request('workspace/symbol', { query: 'generated-1499' });
    assert.ok(!after.some((s: { name: string }) => s.name === 'generated-1499'));
    client.close(product);
  });

  it('shuts down cleanly', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});

describe('configuration', () => {
  it('a change of pactline.yaml changes severities (and agrees with the CLI afterwards)', async () => {
    const ws = tempCopy(MISTAKES);
    const client = await LspClient.start({ workspace: ws.dir });
    try {
      const uri = client.open(join(ws.dir, WEB_SESSIONS));
      const first = await client.waitForDiagnostics(uri, { version: 1 });
      assert.deepEqual(
        first.diagnostics.map((d) => [d.code, d.severity]),
        [['schema/enum', 1]],
      );
      const configFile = join(ws.dir, 'pactline.yaml');
      const original = readFileSync(configFile, 'utf8');
      let mark = client.published.length;
      writeFileSync(configFile, original.replace('rules:\n', 'rules:\n  schema/enum: warning\n'));
      client.fileEvents([{ file: configFile, type: 2 }]);
      const warned = await client.waitForDiagnostics(uri, { after: mark });
      await settle(client, 300);
      assert.deepEqual(
        warned.diagnostics.map((d) => [d.code, d.severity]),
        [['schema/enum', 2]],
      );
      assert.deepEqual(
        sortFindings(warned.diagnostics.map((d) => asCliFinding(WEB_SESSIONS, d))),
        sortFindings(cliFindings(ws.dir).filter((f) => f.file === WEB_SESSIONS)),
      );

      // The ignore globs are the CLI's too: an ignored file has no findings.
      mark = client.published.length;
      writeFileSync(configFile, original.replace('ignore:\n', 'ignore:\n  - "contracts/warehouse-*"\n'));
      client.fileEvents([{ file: configFile, type: 2 }]);
      const ignored = await client.waitForDiagnostics(uri, { after: mark });
      assert.deepEqual(ignored.diagnostics, []);
      await settle(client, 300);

      // An invalid configuration: a warning, and the defaults meanwhile.
      mark = client.published.length;
      writeFileSync(configFile, 'rules:\n  schema/enum: loud\n');
      client.fileEvents([{ file: configFile, type: 2 }]);
      const defaults = await client.waitForDiagnostics(uri, { after: mark });
      assert.deepEqual(
        defaults.diagnostics.map((d) => [d.code, d.severity]),
        [['schema/enum', 1]],
      );
      assert.ok(client.messages.some((m) => /pactline\.yaml/.test(m.message)));
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
      ws.dispose();
    }
  });

  it('client settings (`pactline.rules`) apply, are read on start and on didChangeConfiguration only, and the file wins', async () => {
    const ws = tempCopy(MISTAKES);
    const client = await LspClient.start({
      workspace: ws.dir,
      settings: { pactline: { rules: { 'schema/enum': 'info', 'ref/ambiguous-schema-object': 'warning' } } },
    });
    try {
      const uri = client.open(join(ws.dir, WEB_SESSIONS));
      const first = await client.waitForDiagnostics(uri, { version: 1 });
      assert.deepEqual(
        first.diagnostics.map((d) => [d.code, d.severity]),
        [['schema/enum', 3]],
      );
      // pactline.yaml sets ref/ambiguous-schema-object: error; the setting does not lower it.
      const pipeline = client.open(join(ws.dir, 'pipelines/crm-export.pipeline.yaml'));
      const pipelineDiagnostics = await client.waitForDiagnostics(pipeline, { version: 1 });
      assert.equal(pipelineDiagnostics.diagnostics.find((d) => d.code === 'ref/ambiguous-schema-object')!.severity, 1);
      // Edits do not ask for the configuration again.
      const requests = client.configurationRequests.length;
      assert.equal(requests, 1);
      for (let i = 0; i < 3; i++) {
        const v = client.replace(uri, 'logicalType: strin\n', 'logicalType: strin\n');
        await client.waitForDiagnostics(uri, { version: v });
      }
      assert.equal(client.configurationRequests.length, requests);
      const mark = client.published.length;
      client.settings = { pactline: { rules: { 'schema/enum': 'off' } } };
      client.notify('workspace/didChangeConfiguration', { settings: null });
      const off = await client.waitForDiagnostics(uri, { after: mark });
      assert.deepEqual(off.diagnostics, []);
      assert.equal(client.configurationRequests.length, requests + 1);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
      ws.dispose();
    }
  });

  it('settings in initializationOptions and a short debounce are honoured by a client without workspace/configuration', async () => {
    const ws = tempCopy(MISTAKES);
    const client = await LspClient.start({
      workspace: ws.dir,
      capabilities: { workspace: { configuration: false, didChangeConfiguration: { dynamicRegistration: false } } },
      initializationOptions: { settings: { rules: { schema: 'warning' }, diagnostics: { debounceMs: 0 } } },
    });
    try {
      const uri = client.open(join(ws.dir, WEB_SESSIONS));
      const first = await client.waitForDiagnostics(uri, { version: 1 });
      assert.deepEqual(
        first.diagnostics.map((d) => [d.code, d.severity]),
        [['schema/enum', 2]],
      );
      const mark = client.published.length;
      client.notify('workspace/didChangeConfiguration', { settings: { pactline: { rules: { schema: 'info' } } } });
      const info = await client.waitForDiagnostics(uri, { after: mark });
      assert.deepEqual(
        info.diagnostics.map((d) => [d.code, d.severity]),
        [['schema/enum', 3]],
      );
      assert.equal(client.configurationRequests.length, 0);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
      ws.dispose();
    }
  });
});

describe('untrusted workspace', () => {
  let parent: string;
  before(() => {
    // A configuration OUTSIDE the workspace folder (its parent, no .git in between) that silences everything.
    parent = mkdtempSync(join(tmpdir(), 'pactline-untrusted-'));
    writeFileSync(join(parent, 'pactline.yaml'), 'rules:\n  schema: off\n');
    mkdirSync(join(parent, 'ws/contracts'), { recursive: true });
    const contract = readFileSync(join(MISTAKES, WEB_SESSIONS), 'utf8');
    writeFileSync(join(parent, 'ws', WEB_SESSIONS), contract);
  });
  after(() => rmSync(parent, { recursive: true, force: true }));

  for (const trusted of [true, false]) {
    it(
      trusted
        ? 'trusted: the configuration found upwards applies, as in the CLI'
        : '{ trusted: false }: no configuration from outside the workspace',
      async () => {
        const ws = join(parent, 'ws');
        const client = await LspClient.start({ workspace: ws, initializationOptions: { trusted } });
        try {
          const uri = client.open(join(ws, WEB_SESSIONS));
          const published = await client.waitForDiagnostics(uri, { version: 1 });
          assert.deepEqual(
            published.diagnostics.map((d) => d.code),
            trusted ? [] : ['schema/enum'],
          );
          if (trusted) assert.deepEqual(cliFindings(ws), []);
          const status = await client.request('pactline/status', { textDocument: { uri } });
          assert.equal(status.trusted, trusted);
          assert.equal(status.configFile, trusted ? join(parent, 'pactline.yaml') : null);
          assert.equal(await client.shutdown(), 0);
        } finally {
          client.kill();
        }
      },
    );
  }
});

describe('documents outside the workspace', () => {
  it('validates an untitled document and a file outside every folder, with the default configuration', async () => {
    const ws = tempCopy(EXAMPLES);
    const outside = mkdtempSync(join(tmpdir(), 'pactline-outside-'));
    const client = await LspClient.start({ workspace: ws.dir });
    try {
      const text = readFileSync(join(MISTAKES, WEB_SESSIONS), 'utf8');
      // (loose documents are one context: give them different ids, or they are duplicates of each other)
      const untitled = client.open(
        'untitled:Untitled-1',
        text.replace('id: warehouse-web-sessions', 'id: untitled-one'),
      );
      const a = await client.waitForDiagnostics(untitled, { version: 1 });
      assert.deepEqual(
        a.diagnostics.map((d) => d.code),
        ['schema/enum'],
      );
      writeFileSync(join(outside, 'x.odcs.yaml'), text);
      const loose = client.open(join(outside, 'x.odcs.yaml'));
      const b = await client.waitForDiagnostics(loose, { version: 1 });
      assert.deepEqual(
        b.diagnostics.map((d) => d.code),
        ['schema/enum'],
      );
      await sleep(50);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
      ws.dispose();
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
