// Every editor feature through the protocol, on a copy of examples/: what the server answers is
// the engine's answer with paths turned into file URIs, plus the specifics an editor relies on.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as engine from '../../server/src/engine/features';
import { LanguageService } from '../../server/src/engine/service';
import { find, LspClient, ROOT, tempCopy, uriOf } from './client';
import { yamlFiles } from './helpers';

const EXAMPLES = join(ROOT, 'examples');
const WAREHOUSE = 'contracts/warehouse-orders.odcs.yaml';
const WEB_SESSIONS = 'contracts/warehouse-web-sessions.odcs.yaml';
const CHURN_PRODUCT = 'products/customer-churn.odps.yaml';
const LOGICAL_TYPES = ['array', 'boolean', 'date', 'integer', 'number', 'object', 'string', 'time', 'timestamp'];

/** As it travels over JSON-RPC (undefined properties dropped). */
const json = (value: unknown) => JSON.parse(JSON.stringify(value));

/** Engine paths → the workspace's file URIs, in any answer. */
function toUris(value: unknown, dir: string): any {
  const paths = new Set(yamlFiles(dir));
  const visit = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(visit);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v))
        out[paths.has(k) ? uriOf(join(dir, k)) : k] =
          k === 'uri' && typeof x === 'string' && paths.has(x) ? uriOf(join(dir, x)) : visit(x);
      return out;
    }
    return v;
  };
  return visit(json(value));
}

describe('editor features over the protocol (examples/)', () => {
  let ws: ReturnType<typeof tempCopy>;
  let client: LspClient;
  let service: LanguageService;
  let warehouse: string;
  let product: string;
  let w: string;
  let p: string;

  before(async () => {
    ws = tempCopy(EXAMPLES);
    client = await LspClient.start({ workspace: ws.dir });
    await client.waitForIndexed();
    // The same files in an engine of our own: the reference answers.
    service = new LanguageService();
    for (const file of yamlFiles(ws.dir))
      if (file !== 'pactline.yaml') service.setDocument(file, readFileSync(join(ws.dir, file), 'utf8'));
    warehouse = client.open(join(ws.dir, WAREHOUSE));
    product = client.open(join(ws.dir, CHURN_PRODUCT));
    w = client.text(warehouse);
    p = client.text(product);
    await client.waitForDiagnostics(product, { version: 1 });
  });
  after(() => {
    client?.kill();
    ws?.dispose();
  });

  it('announces every capability (completion triggers, rename with prepare, quick fixes, ...)', () => {
    const caps = client.initializeResult!.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2, save: false });
    assert.deepEqual(caps.completionProvider.triggerCharacters, [':', ' ', '-', '.']);
    assert.deepEqual(caps.renameProvider, { prepareProvider: true });
    assert.deepEqual(caps.codeActionProvider.codeActionKinds, ['quickfix']);
    for (const key of [
      'hoverProvider',
      'documentSymbolProvider',
      'workspaceSymbolProvider',
      'definitionProvider',
      'referencesProvider',
      'foldingRangeProvider',
      'selectionRangeProvider',
      'documentLinkProvider',
      'documentFormattingProvider',
    ]) {
      assert.ok(caps[key], key);
    }
    assert.equal(client.initializeResult!.serverInfo!.name, 'pactline');
  });

  it('completion offers the `logicalType` values of ODCS', async () => {
    const position = find(w, '        logicalType: ', '        logicalType: '.length);
    const list = await client.request('textDocument/completion', { textDocument: { uri: warehouse }, position });
    assert.deepEqual(list.items.map((i: { label: string }) => i.label).sort(), LOGICAL_TYPES);
    assert.deepEqual(list, json(engine.completion(service, WAREHOUSE, position)));
  });

  it('completion without snippet support gets plain text', async () => {
    const plain = await LspClient.start({
      workspace: ws.dir,
      capabilities: { textDocument: { completion: { completionItem: { snippetSupport: false } } } },
    });
    try {
      const uri = plain.open(join(ws.dir, WAREHOUSE));
      const position = { line: find(w, '      - name: order_id').line + 1, character: 8 };
      const list = await plain.request('textDocument/completion', { textDocument: { uri }, position });
      assert.ok(list.items.length > 0);
      for (const item of list.items) {
        assert.notEqual(item.insertTextFormat, 2);
        assert.doesNotMatch(item.textEdit?.newText ?? item.insertText ?? '', /\$\{?\d/);
      }
      assert.equal(await plain.shutdown(), 0);
    } finally {
      plain.kill();
    }
  });

  it('hover shows the description of a key', async () => {
    const position = find(w, '        logicalType: ', 10);
    const hover = await client.request('textDocument/hover', { textDocument: { uri: warehouse }, position });
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /\*\*`logicalType`\*\*/);
    assert.match(hover.contents.value, /Platform-independent type of the values/);
    assert.deepEqual(hover, json(engine.hover(service, WAREHOUSE, position)));
  });

  it("definition goes from an ODPS port `contractId` to the contract's id, in the contract's file", async () => {
    const result = await client.request('textDocument/definition', {
      textDocument: { uri: product },
      position: find(p, 'contractId: warehouse-web-sessions', 15),
    });
    assert.deepEqual(result, [
      {
        uri: uriOf(join(ws.dir, WEB_SESSIONS)),
        range: { start: { line: 3, character: 4 }, end: { line: 3, character: 26 } },
      },
    ]);
  });

  it('references of a contract id: its declaration and every use, across files', async () => {
    const position = find(w, 'id: warehouse-orders', 6);
    const result = await client.request('textDocument/references', {
      textDocument: { uri: warehouse },
      position,
      context: { includeDeclaration: true },
    });
    assert.deepEqual(result, toUris(engine.references(service, WAREHOUSE, position, true), ws.dir));
    const files = new Set(result.map((l: { uri: string }) => l.uri.slice(uriOf(ws.dir).length + 1)));
    assert.deepEqual(
      [...files].sort(),
      [
        WAREHOUSE,
        CHURN_PRODUCT,
        'pipelines/churn-features.pipeline.yaml',
        'pipelines/warehouse-modelling.pipeline.yaml',
      ].sort(),
    );
    const without = await client.request('textDocument/references', {
      textDocument: { uri: warehouse },
      position,
      context: { includeDeclaration: false },
    });
    assert.equal(without.length, result.length - 1);
  });

  it('rename: prepareRename gives the range, rename a WorkspaceEdit keyed by file URIs', async () => {
    const position = find(w, 'id: warehouse-orders', 6);
    const prepared = await client.request('textDocument/prepareRename', { textDocument: { uri: warehouse }, position });
    assert.deepEqual(prepared, {
      range: { start: { line: 4, character: 4 }, end: { line: 4, character: 20 } },
      placeholder: 'warehouse-orders',
    });
    const edit = await client.request('textDocument/rename', {
      textDocument: { uri: warehouse },
      position,
      newName: 'wh-orders',
    });
    assert.deepEqual(edit, toUris(engine.rename(service, WAREHOUSE, position, 'wh-orders'), ws.dir));
    for (const uri of Object.keys(edit.changes)) assert.match(uri, /^file:\/\//);
    assert.ok(Object.keys(edit.changes).includes(uriOf(join(ws.dir, CHURN_PRODUCT))));
    // A refusal reaches the editor as an error with the engine's reason.
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri: warehouse }, position, newName: 'not an id' }),
      (e: Error) => e.message.length > 10,
    );
    const nothing = await client.request('textDocument/prepareRename', {
      textDocument: { uri: warehouse },
      position: { line: 0, character: 0 },
    });
    assert.equal(nothing, null);
  });

  it('document symbols: the contract, its servers, schema objects and properties', async () => {
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: warehouse } });
    assert.equal(symbols[0].name, 'warehouse-orders');
    assert.deepEqual(symbols, json(engine.documentSymbols(service, WAREHOUSE)));
  });

  it('workspace symbols find a schema object in its file', async () => {
    const symbols = await client.request('workspace/symbol', { query: 'fct_orders' });
    assert.deepEqual(symbols, toUris(engine.workspaceSymbols(service, 'fct_orders'), ws.dir));
    assert.ok(
      symbols.some(
        (s: { name: string; location: { uri: string } }) =>
          s.name === 'fct_orders' && s.location.uri === uriOf(join(ws.dir, WAREHOUSE)),
      ),
    );
  });

  it("folding ranges, selection ranges and document links are the engine's", async () => {
    const folding = await client.request('textDocument/foldingRange', { textDocument: { uri: warehouse } });
    assert.ok(folding.length > 10);
    assert.deepEqual(folding[0], { startLine: 0, endLine: 1, kind: 'comment' });
    assert.deepEqual(folding, json(engine.foldingRanges(service, WAREHOUSE)));
    const positions = [find(w, '        logicalType: ', 10)];
    const selection = await client.request('textDocument/selectionRange', {
      textDocument: { uri: warehouse },
      positions,
    });
    // the key under the cursor, then its pair, then the property, ... up to the document
    const keyStart = positions[0].character - 2;
    assert.deepEqual(selection[0].range, {
      start: { line: positions[0].line, character: keyStart },
      end: { line: positions[0].line, character: keyStart + 'logicalType'.length },
    });
    assert.deepEqual(selection, json(engine.selectionRanges(service, WAREHOUSE, positions)));
    const links = await client.request('textDocument/documentLink', { textDocument: { uri: warehouse } });
    assert.equal(links[0].target, 'https://wiki.northwind-threads.example/data/glossary/order');
    assert.deepEqual(links, json(engine.documentLinks(service, WAREHOUSE)));
  });

  it('formatting a clean file changes nothing; a badly indented one is re-indented', async () => {
    const edits = await client.request('textDocument/formatting', {
      textDocument: { uri: warehouse },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.deepEqual(edits, []);
    const uri = client.open(
      join(ws.dir, 'scratch.odcs.yaml'),
      'apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: active\nschema:\n    - name: t\n      properties:\n          - name: a\n            logicalType: string\n',
    );
    const reformatted = await client.request('textDocument/formatting', {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.equal(reformatted.length, 1);
    assert.match(reformatted[0].newText, /^schema:\n {2}- name: t\n {4}properties:\n {6}- name: a\n/m);
    client.close(uri);
  });

  it('code action "did you mean" fixes a misspelt value', async () => {
    const text = readFileSync(join(ROOT, 'test/fixtures/workspace-with-mistakes', WEB_SESSIONS), 'utf8');
    const uri = client.open(
      join(ws.dir, 'contracts/web-sessions-copy.odcs.yaml'),
      text.replace('id: warehouse-web-sessions', 'id: sessions-copy'),
    );
    const published = await client.waitForDiagnostics(uri, { version: 1 });
    const diagnostic = published.diagnostics.find((d) => d.code === 'schema/enum')!;
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });
    const fix = actions.find((a: { title: string }) => a.title === 'Change `strin` to `string`');
    assert.ok(fix, JSON.stringify(actions.map((a: { title: string }) => a.title)));
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.edit, { changes: { [uri]: [{ range: diagnostic.range, newText: 'string' }] } });
    client.close(uri);
  });

  it('a failing or malformed request is answered (null) and the server keeps running', async () => {
    const hover = await client
      .request('textDocument/hover', { textDocument: { uri: warehouse } })
      .catch((e: Error) => e);
    assert.ok(hover === null || hover instanceof Error);
    const unknown = await client.request('textDocument/hover', {
      textDocument: { uri: 'file:///nowhere/x.yaml' },
      position: { line: 0, character: 0 },
    });
    assert.equal(unknown, null);
    const far = await client.request('textDocument/completion', {
      textDocument: { uri: warehouse },
      position: { line: 99_999, character: 999 },
    });
    assert.ok(far === null || Array.isArray(far.items));
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: warehouse } });
    assert.equal(symbols[0].name, 'warehouse-orders');
  });

  it('shuts down cleanly', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});

describe('dist/server.js (the module the VS Code client starts)', () => {
  it('runs on its own over --stdio: indexes, validates, exits 0', async () => {
    const ws = tempCopy(join(ROOT, 'test/fixtures/workspace-with-mistakes'));
    const client = await LspClient.start({ entry: 'server', workspace: ws.dir });
    try {
      await client.waitForIndexed();
      const uri = client.open(join(ws.dir, WEB_SESSIONS));
      const published = await client.waitForDiagnostics(uri, { version: 1 });
      assert.deepEqual(
        published.diagnostics.map((d) => d.code),
        ['schema/enum'],
      );
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
      ws.dispose();
    }
  });

  it('`pactline lsp` refuses bad usage with exit code 2', async () => {
    const { spawnSync } = await import('node:child_process');
    for (const args of [['lsp'], ['lsp', '--stdio', '--node-ipc'], ['lsp', '--socket=abc'], ['lsp', '--tcp']]) {
      const run = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], {
        encoding: 'utf8',
        timeout: 10_000,
      });
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, /pactline:/);
    }
  });
});
