// The editor's upgrade path, over the real server (stdio): a v3.0.2 contract gets the
// `version/upgrade-available` info at its apiVersion, and its quick fix "Migrate this file to ODCS
// v3.2.0" is one edit that makes exactly what `pactline migrate --to v3.2.0` writes; applied, the
// file has no finding left. Configuration turns the info off like any rule.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LspClient, offsetAt, type Diagnostic, type Range } from './client';

// Valid under v3.0.2 and, until each version has its own rules everywhere, under v3.1 too: the
// quick fix's full range of changes is tested on the engine (test/migrate/odcs.test.ts).
const V302 = `# Orders, written for ODCS v3.0.2.
apiVersion: v3.0.2 # the standard's version
kind: DataContract
id: orders
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: integer
team:
  # the owners
  - username: ada
    role: owner # since 2021
`;
const EXPECTED_V32 = `# Orders, written for ODCS v3.0.2.
apiVersion: v3.2.0 # the standard's version
kind: DataContract
id: orders
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: integer
team:
  # the owners
  members:
    - username: ada
      role: owner # since 2021
`;

interface Action {
  title: string;
  kind: string;
  isPreferred?: boolean;
  edit: { changes: Record<string, { range: Range; newText: string }[]> };
}

function apply(text: string, edits: { range: Range; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start))) {
    out = out.slice(0, offsetAt(out, e.range.start)) + e.newText + out.slice(offsetAt(out, e.range.end));
  }
  return out;
}

describe('migrate in the editor: the info finding and its quick fix', () => {
  let dir = '';
  let client: LspClient;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pactline-lsp-migrate-'));
    client = await LspClient.start({ workspace: dir });
  });
  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a v3.0.2 file: one info at apiVersion, and the quick fix writes what `pactline migrate` writes', async () => {
    const uri = client.open(join(dir, 'orders.odcs.yaml'), V302);
    const published = await client.waitForDiagnostics(uri, { version: 1 });
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.severity, d.range]),
      [['version/upgrade-available', 3, { start: { line: 1, character: 12 }, end: { line: 1, character: 18 } }]],
    );
    assert.equal(
      published.diagnostics[0].message,
      'This contract is ODCS v3.0.2; v3.2.0 is current. It stays valid as it is; `pactline migrate --to v3.2.0` (or the quick fix) carries it across, comments kept.',
    );
    const diagnostic = published.diagnostics[0] as Diagnostic;
    const actions = await client.request<Action[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
      [
        ['Migrate this file to ODCS v3.2.0 (as `pactline migrate` does)', 'quickfix', true],
        ['Migrate this file to ODCS v3.1.0 (as `pactline migrate` does)', 'quickfix', false],
        ['Suppress version/upgrade-available on this line', 'quickfix', false],
      ],
    );
    const [to32, to31] = actions;
    assert.equal(to32.edit.changes[uri].length, 1, 'one edit, from the first changed character to the last');
    assert.equal(apply(V302, to32.edit.changes[uri]), EXPECTED_V32);
    assert.equal(apply(V302, to31.edit.changes[uri]), EXPECTED_V32.replace('apiVersion: v3.2.0', 'apiVersion: v3.1.0'));
    // Applied as the editor would: the file is v3.2.0, valid, and has nothing left to say.
    const edit = to32.edit.changes[uri][0];
    client.edit(uri, edit.range, edit.newText);
    const migrated = await client.waitForDiagnostics(uri, { version: 2 });
    assert.deepEqual(migrated.diagnostics, []);
    client.close(uri);
  });

  it('pactline.yaml turns the info off like any rule', async () => {
    writeFileSync(join(dir, 'pactline.yaml'), 'rules:\n  version/upgrade-available: off\n');
    const configured = await LspClient.start({ workspace: dir });
    try {
      const uri = configured.open(join(dir, 'quiet.odcs.yaml'), V302);
      const published = await configured.waitForDiagnostics(uri, { version: 1 });
      assert.deepEqual(published.diagnostics, []);
    } finally {
      await configured.shutdown();
    }
  });
});
