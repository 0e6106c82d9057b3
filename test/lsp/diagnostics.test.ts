// The language server as a process (`node dist/cli.js lsp --stdio`), spoken to over JSON-RPC:
// indexing with progress, diagnostics equal to the CLI's, pull and push, edits, stale versions,
// reopened documents. Run `npm run build` first.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { find, LspClient, ROOT, sleep, tempCopy, uriOf, type Diagnostic } from './client';
import { asCliFinding, cliFindings, latest, settle, sortFindings, yamlFiles } from './helpers';

const MISTAKES = join(ROOT, 'test/fixtures/workspace-with-mistakes');
const WEB_SESSIONS = 'contracts/warehouse-web-sessions.odcs.yaml';
/** The deliberate mistake in WEB_SESSIONS (`strin` is also the start of `string`: match the line end). */
const STRIN = 'logicalType: strin\n';

describe('diagnostics (push: a client without pull support)', () => {
  let ws: ReturnType<typeof tempCopy>;
  let client: LspClient;

  before(async () => {
    ws = tempCopy(MISTAKES);
    client = await LspClient.start({ workspace: ws.dir });
  });
  after(async () => {
    client?.kill();
    ws?.dispose();
  });

  it('indexes the workspace with work-done progress (begin, report, end)', async () => {
    await client.waitForIndexed();
    const kinds = client.progress.map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.ok(kinds.includes('report'));
    assert.equal(kinds[kinds.length - 1], 'end');
    assert.match(client.progress[0].value.title ?? '', /Pactline/);
    assert.ok(client.progress.every((p) => p.token === client.progress[0].token));
    assert.ok(
      client.registrations.some(
        (r) =>
          r.method === 'workspace/didChangeWatchedFiles' &&
          JSON.stringify(r.registerOptions).includes('**/*.{yaml,yml}'),
      ),
      'a file watcher is registered dynamically',
    );
  });

  it('reports every file exactly as `pactline lint --format json` does: same rules, ranges, messages, severities', async () => {
    const files = yamlFiles(ws.dir);
    const expected = sortFindings(cliFindings(ws.dir));
    assert.ok(expected.length >= 20, 'the fixture has mistakes');
    const uris = new Map(files.map((f) => [client.open(join(ws.dir, f)), f]));
    await client.waitFor(() =>
      [...uris.keys()].every((u) => client.published.some((p) => p.uri === u)) ? true : undefined,
    );
    await settle(client);
    const last = latest(client);
    const actual = sortFindings(
      [...uris].flatMap(([uri, file]) => last.get(uri)!.diagnostics.map((d) => asCliFinding(file, d))),
    );
    assert.deepEqual(actual, expected);
    for (const [uri] of uris) {
      assert.equal(last.get(uri)!.version, 1);
      for (const d of last.get(uri)!.diagnostics) assert.equal(d.source, 'pactline');
    }
    for (const uri of uris.keys()) client.close(uri);
    await settle(client, 200);
  });

  it('keeps the diagnostic `data` (the quick fix needs it) and maps related locations to URIs', async () => {
    const uri = client.open(join(ws.dir, WEB_SESSIONS));
    const published = await client.waitForDiagnostics(uri);
    const enumFinding = published.diagnostics.find((d) => d.code === 'schema/enum')!;
    assert.deepEqual(enumFinding.data, { suggestion: 'string' });
    const dup = client.open(join(ws.dir, 'contracts/raw-orders-cdc.odcs.yaml'));
    const dupDiagnostics = await client.waitForDiagnostics(dup);
    for (const d of dupDiagnostics.diagnostics) {
      for (const r of d.relatedInformation ?? []) assert.match(r.location.uri, /^file:\/\//);
    }
    client.close(uri);
    client.close(dup);
  });

  it('updates diagnostics when an edit removes an error, and when another introduces one', async () => {
    const uri = client.open(join(ws.dir, WEB_SESSIONS));
    const first = await client.waitForDiagnostics(uri, { version: 1 });
    assert.deepEqual(
      first.diagnostics.map((d) => d.code),
      ['schema/enum'],
    );
    const text = client.text(uri);
    const fixed = client.edit(uri, { start: find(text, STRIN, 13), end: find(text, STRIN, 18) }, 'string');
    const clean = await client.waitForDiagnostics(uri, { version: fixed });
    assert.deepEqual(clean.diagnostics, []);
    const broken = client.replace(uri, 'required: true', 'required: yes');
    const again = await client.waitForDiagnostics(uri, { version: broken });
    assert.equal(again.diagnostics.length, 1);
    const d = again.diagnostics[0];
    assert.equal(d.code, 'schema/type');
    const line = client.text(uri).split('\n')[d.range.start.line];
    assert.equal(line.slice(d.range.start.character, d.range.end.character), 'yes');
    client.close(uri);
  });

  it('never publishes diagnostics for a stale version: two quick edits, only the last one is reported', async () => {
    const uri = client.open(join(ws.dir, WEB_SESSIONS));
    await client.waitForDiagnostics(uri, { version: 1 });
    const mark = client.published.length;
    const v2 = client.replace(uri, STRIN, 'logicalType: strng\n');
    const v3 = client.replace(uri, 'logicalType: strng\n', 'logicalType: string\n');
    assert.equal(v3, v2 + 1);
    const final = await client.waitForDiagnostics(uri, { version: v3, after: mark });
    assert.deepEqual(final.diagnostics, []);
    await settle(client, 300);
    const since = client.published.slice(mark).filter((p) => p.uri === uri);
    assert.deepEqual(
      since.map((p) => p.version),
      [v3],
      'only the last version is published',
    );
    client.close(uri);
  });

  it('a document closed, changed on disk and reopened never shows the old diagnostics', async () => {
    const file = join(ws.dir, 'contracts/validated-storefront-events.odcs.yaml');
    const original = readFileSync(file, 'utf8');
    let uri = client.open(file);
    const before = await client.waitForDiagnostics(uri, { version: 1 });
    assert.deepEqual(
      before.diagnostics.map((d) => d.code),
      ['schema/type'],
    );
    client.close(uri);
    // Fixed on disk while closed, and no watcher event (some clients send none): reopened at version 1.
    writeFileSync(file, original.replace('unique: "true"', 'unique: true'));
    const mark = client.published.length;
    uri = client.open(file);
    const reopened = await client.waitForDiagnostics(uri, { version: 1, after: mark });
    assert.deepEqual(reopened.diagnostics, []);
    client.close(uri);
    // And the other way round: broken on disk while closed.
    writeFileSync(file, original.replace('unique: "true"', 'unique: true').replace('logicalType: string\n', STRIN));
    const mark2 = client.published.length;
    uri = client.open(file);
    const broken = await client.waitForDiagnostics(uri, { version: 1, after: mark2 });
    assert.deepEqual(
      broken.diagnostics.map((d) => d.code),
      ['schema/enum'],
    );
    client.close(uri);
    writeFileSync(file, original);
  });

  it("clears a closed document's diagnostics", async () => {
    const uri = client.open(join(ws.dir, WEB_SESSIONS));
    await client.waitForDiagnostics(uri, { version: 1 });
    const mark = client.published.length;
    client.close(uri);
    const cleared = await client.waitForDiagnostics(uri, { after: mark });
    assert.deepEqual(cleared.diagnostics, []);
  });

  it('answers pactline/status and sends pactline/statusChanged after each validation', async () => {
    const uri = client.open(join(ws.dir, WEB_SESSIONS));
    await client.waitForDiagnostics(uri, { version: 1 });
    const notified = await client.waitFor(() => client.statusChanges.find((s) => s.uri === uri));
    const status = await client.request('pactline/status', { textDocument: { uri } });
    assert.equal(status.kind, 'odcs');
    assert.equal(status.version, 'v3.1.0');
    assert.deepEqual(status.findings, { errors: 1, warnings: 0, infos: 0 });
    assert.equal(typeof status.lastValidationEpochMs, 'number');
    assert.equal(new Date(status.lastValidation).getTime(), status.lastValidationEpochMs);
    assert.equal(typeof status.validationMs, 'number');
    assert.equal(status.documentVersion, 1);
    assert.equal(status.path, WEB_SESSIONS);
    assert.equal(status.trusted, true);
    assert.match(status.configFile, /pactline\.yaml$/);
    assert.deepEqual(notified.status?.findings, status.findings);
    const unknown = await client.request('pactline/status', {
      textDocument: { uri: uriOf(join(ws.dir, 'nope.yaml')) },
    });
    assert.equal(unknown, null);
    client.close(uri);
  });

  it('shuts down cleanly: exit code 0', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});

describe('diagnostics (push): another file changed', () => {
  let ws: ReturnType<typeof tempCopy>;
  let client: LspClient;

  before(async () => {
    ws = tempCopy(join(ROOT, 'examples'));
    client = await LspClient.start({ workspace: ws.dir });
    await client.waitForIndexed();
  });
  after(() => {
    client?.kill();
    ws?.dispose();
  });

  it('re-sends an open document only when its findings change, not for every edit of a contract it reads', async () => {
    const contract = client.open(join(ws.dir, 'contracts/raw-orders-cdc.odcs.yaml'));
    const reader = client.open(join(ws.dir, 'pipelines/commerce-stream-validation.pipeline.yaml'));
    const unrelated = client.open(join(ws.dir, 'pipelines/churn-model.pipeline.yaml'));
    for (const uri of [contract, reader, unrelated]) await client.waitForDiagnostics(uri, { version: 1 });
    await settle(client);
    const sentTo = (mark: number, uri: string) => client.published.slice(mark).filter((p) => p.uri === uri);

    // A description: the contract changes (every pipeline's cross-file findings are re-checked), no finding does.
    let mark = client.published.length;
    const v2 = client.replace(contract, 'Primary key of shop.orders.', 'Primary key of the orders table.');
    await client.waitForDiagnostics(contract, { version: v2, after: mark });
    await settle(client);
    assert.deepEqual(
      sentTo(mark, contract).map((p) => p.version),
      [v2],
      'the edited document is published',
    );
    assert.deepEqual(sentTo(mark, reader), [], 'the reading pipeline shows the same findings: not re-sent');
    assert.deepEqual(sentTo(mark, unrelated), [], 'the unrelated pipeline is not re-sent');

    // The column the pipeline maps is renamed: the reader's findings change, and it alone is re-sent.
    mark = client.published.length;
    const v3 = client.replace(contract, '- name: order_id\n', '- name: order_ref\n');
    await client.waitForDiagnostics(contract, { version: v3, after: mark });
    await settle(client);
    const sent = sentTo(mark, reader);
    assert.equal(sent.length, 1, 'the reader is published once');
    assert.ok(sent[0].diagnostics.length > 0, 'with its new finding');
    assert.deepEqual(sentTo(mark, unrelated), []);
  });
});

describe('diagnostics (pull: textDocument/diagnostic)', () => {
  let ws: ReturnType<typeof tempCopy>;
  let client: LspClient;

  before(async () => {
    ws = tempCopy(MISTAKES);
    client = await LspClient.start({ workspace: ws.dir, pull: true });
  });
  after(async () => {
    client?.kill();
    ws?.dispose();
  });

  it("announces a diagnostic provider and answers pulls with the CLI's findings; never pushes", async () => {
    assert.deepEqual(client.initializeResult!.capabilities.diagnosticProvider, {
      identifier: 'pactline',
      interFileDependencies: true,
      workspaceDiagnostics: false,
    });
    const uri = client.open(join(ws.dir, WEB_SESSIONS));
    const report = await client.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    const expected = sortFindings(cliFindings(ws.dir).filter((f) => f.file === WEB_SESSIONS));
    assert.deepEqual(sortFindings(report.items.map((d: Diagnostic) => asCliFinding(WEB_SESSIONS, d))), expected);
    const again = await client.request('textDocument/diagnostic', {
      textDocument: { uri },
      previousResultId: report.resultId,
    });
    assert.deepEqual(again, { kind: 'unchanged', resultId: report.resultId });
    // an edit: the pull waits for the debounced validation of the new version
    client.replace(uri, STRIN, 'logicalType: string\n');
    const after = await client.request('textDocument/diagnostic', {
      textDocument: { uri },
      previousResultId: report.resultId,
    });
    assert.equal(after.kind, 'full');
    assert.deepEqual(after.items, []);
    await sleep(200);
    assert.equal(client.published.length, 0, 'a pull client gets no publishDiagnostics');
    client.close(uri);
  });

  it("asks the client to pull again (workspace/diagnostic/refresh) when another file changes an open file's findings", async () => {
    const product = client.open(join(ws.dir, 'products/customer-churn.odps.yaml'));
    const first = await client.request('textDocument/diagnostic', { textDocument: { uri: product } });
    assert.ok(first.items.some((d: Diagnostic) => d.code === 'ref/unknown-contract'));
    const refreshes = client.refreshRequests;
    // The port names `warehouse-web-session`; the contract declares `warehouse-web-sessions`: rename the contract's id.
    const contract = client.open(join(ws.dir, WEB_SESSIONS));
    await client.request('textDocument/diagnostic', { textDocument: { uri: contract } });
    client.replace(contract, 'id: warehouse-web-sessions', 'id: warehouse-web-session');
    await client.request('textDocument/diagnostic', { textDocument: { uri: contract } });
    await client.waitFor(() => (client.refreshRequests > refreshes ? true : undefined));
    const second = await client.request('textDocument/diagnostic', {
      textDocument: { uri: product },
      previousResultId: first.resultId,
    });
    assert.equal(second.kind, 'full');
    // Now the port resolves, and the output port's `inputContracts` (which named the old id) does not.
    const unknown = (items: Diagnostic[]) =>
      items.filter((d) => d.code === 'ref/unknown-contract').map((d) => d.range.start.line + 1);
    assert.deepEqual(unknown(first.items), [34]);
    assert.deepEqual(unknown(second.items), [45]);
    client.close(contract);
    client.close(product);
  });

  it('shuts down cleanly', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});

describe('workspace/diagnostic (opt-in)', () => {
  it('reports every indexed file as the CLI does, then only what changed', async () => {
    const ws = tempCopy(MISTAKES);
    const client = await LspClient.start({
      workspace: ws.dir,
      pull: true,
      initializationOptions: { workspaceDiagnostics: true },
    });
    try {
      assert.equal(client.initializeResult!.capabilities.diagnosticProvider.workspaceDiagnostics, true);
      const report = await client.request('workspace/diagnostic', { previousResultIds: [] });
      const byFile = new Map<string, Diagnostic[]>();
      for (const item of report.items) {
        const file = item.uri.slice(uriOf(ws.dir).length + 1);
        byFile.set(file, item.items);
      }
      const actual = sortFindings([...byFile].flatMap(([file, items]) => items.map((d) => asCliFinding(file, d))));
      assert.deepEqual(actual, sortFindings(cliFindings(ws.dir)));
      // Nothing changed: the request is held until something does (here: an edit that fixes a finding).
      let previousResultIds = report.items.map((i: { uri: string; resultId: string }) => ({
        uri: i.uri,
        value: i.resultId,
      }));
      let held = true;
      const pending = client.request('workspace/diagnostic', { previousResultIds }).finally(() => {
        held = false;
      });
      await sleep(300);
      assert.ok(held, 'an unchanged workspace holds the request');
      const uri = client.open(join(ws.dir, WEB_SESSIONS));
      client.replace(uri, STRIN, 'logicalType: string\n');
      let next = await pending;
      for (let i = 0; i < 10; i++) {
        const fixed = next.items.find(
          (item: { uri: string; kind: string }) => item.uri === uri && item.kind === 'full',
        );
        if (fixed) {
          assert.deepEqual(fixed.items, []);
          break;
        }
        previousResultIds = previousResultIds.map((p: { uri: string; value: string }) => ({
          uri: p.uri,
          value: next.items.find((item: { uri: string }) => item.uri === p.uri)?.resultId ?? p.value,
        }));
        next = await client.request('workspace/diagnostic', { previousResultIds });
        assert.ok(i < 9, 'the fixed file is reported');
      }
      assert.ok(
        next.items.filter((i: { kind: string }) => i.kind === 'full').length < report.items.length,
        'unchanged files are reported as unchanged',
      );
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
      ws.dispose();
    }
  });
});
