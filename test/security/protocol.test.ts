// Issue 8, item 8 (the smaller items), each through the real process it is about:
// - a request before `initialize` is answered with ServerNotInitialized (-32002), not `null`, and a
//   notification before it is dropped (the server over stdio, both entry points);
// - an alias to an anchor of another document in the same file is reported in plain words;
// - a NUL after the first 8,000 bytes is reported at its own line (the CLI);
// - the webview's sanitiser keeps `xml:space` and the SVG namespace declaration, as the server's does.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { keptAttribute } from '../../webview/src/svgAttributes';
import { CLI, SERVER, uriOf } from '../lsp/client';
import { runCli, tempDir } from './engine-helpers';

const CONTRACT = 'apiVersion: v3.1.0\nkind: DataContract\nid: early\nversion: 1.0.0\nstatus: active\n';

describe('requests before initialize, over stdio', () => {
  const tmp = tempDir();
  const file = join(tmp.dir, 'early.odcs.yaml');
  before(() => writeFileSync(file, CONTRACT));
  after(() => tmp.dispose());

  for (const [entry, args] of [
    ['dist/server.js --stdio', [SERVER, '--stdio']],
    ['pactline lsp --stdio', [CLI, 'lsp', '--stdio']],
  ] as const) {
    it(`${entry}: ServerNotInitialized (-32002) for a request, the notification dropped, then normal service`, async () => {
      const child = spawn(process.execPath, args, { cwd: tmp.dir, stdio: ['pipe', 'pipe', 'pipe'] });
      const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      const connection = createMessageConnection(
        new StreamMessageReader(child.stdout),
        new StreamMessageWriter(child.stdin),
      );
      connection.onRequest(() => null);
      connection.onNotification(() => undefined);
      connection.listen();
      try {
        const uri = uriOf(file);
        const early = async (method: string, params: unknown) => {
          try {
            const answer = await connection.sendRequest(method, params);
            assert.fail(`${method} before initialize answered ${JSON.stringify(answer)}`);
          } catch (error) {
            assert.ok(error instanceof ResponseError, String(error));
            assert.equal(error.code, -32002, `${method}: ${error.message}`);
            assert.match(error.message, /not initialized/);
          }
        };
        await early('textDocument/documentSymbol', { textDocument: { uri } });
        await early('workspace/symbol', { query: '' });
        await early('shutdown', null);
        // Dropped: after initialize, the document is not open, so its text is not the one sent here.
        await connection.sendNotification('textDocument/didOpen', {
          textDocument: { uri, languageId: 'pactline-yaml', version: 1, text: CONTRACT },
        });
        const init = (await connection.sendRequest('initialize', {
          processId: process.pid,
          rootUri: null,
          workspaceFolders: null,
          capabilities: {},
        })) as { capabilities: object };
        assert.ok(init.capabilities);
        await connection.sendNotification('initialized', {});
        const symbols = (await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as
          { name: string }[] | null;
        assert.ok(
          !(symbols ?? []).some((s) => s.name === 'early'),
          `the early didOpen was dropped: ${JSON.stringify(symbols)}`,
        );
        await connection.sendNotification('textDocument/didOpen', {
          textDocument: { uri, languageId: 'pactline-yaml', version: 1, text: CONTRACT },
        });
        const answered = (await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as {
          name: string;
        }[];
        assert.ok(Array.isArray(answered) && answered.some((s) => s.name === 'early'), JSON.stringify(answered));
        await connection.sendRequest('shutdown', null);
        await connection.sendNotification('exit', null);
        const code = await new Promise<number | null>((resolve) =>
          child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', resolve),
        );
        assert.equal(code, 0);
      } finally {
        clearTimeout(killer);
        connection.dispose();
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    });
  }
});

describe('the CLI on two odd YAML files', () => {
  const tmp = tempDir();
  after(() => tmp.dispose());

  it('an alias to an anchor of an earlier document in the file: plain words, at the alias', async () => {
    writeFileSync(
      join(tmp.dir, 'alias.odcs.yaml'),
      `${CONTRACT.replace('id: early', 'id: &name early')}---\nname: *name\n`,
    );
    const run = await runCli(['lint', '--format', 'json', 'alias.odcs.yaml'], { cwd: tmp.dir, timeoutMs: 60_000 });
    assert.equal(run.code, 1, run.stderr);
    const findings = (
      JSON.parse(run.stdout) as {
        findings: { rule: string; message: string; range: { start: { line: number; column: number } } }[];
      }
    ).findings;
    assert.deepEqual(
      findings.map((f) => [f.rule, f.range.start.line, f.range.start.column, f.message]),
      [
        [
          'yaml/syntax',
          7,
          7,
          'The alias `*name` refers to the anchor `&name` of an earlier document in this file (before `---`); an anchor reaches only within its own document. Write the value here instead.',
        ],
      ],
    );
    assert.doesNotMatch(run.stdout, /parseAllDocuments|unidentified alias/);
  });

  it('a NUL character after the first 8,000 bytes: reported at its own line and column', async () => {
    let text = CONTRACT;
    for (let i = 0; text.length < 9000; i++) text += `# padding line ${i} to push the NUL past the binary sniff\n`;
    const line = text.split('\n').length + 1;
    text += 'description:\n  purpose: "a\u0000b"\n';
    writeFileSync(join(tmp.dir, 'nul.odcs.yaml'), text);
    const run = await runCli(['lint', '--format', 'json', 'nul.odcs.yaml'], { cwd: tmp.dir, timeoutMs: 60_000 });
    assert.equal(run.code, 1, run.stderr);
    const findings = (
      JSON.parse(run.stdout) as {
        findings: { rule: string; message: string; range: { start: { line: number; column: number } } }[];
      }
    ).findings;
    assert.deepEqual(
      findings.map((f) => [f.rule, f.range.start.line, f.range.start.column]),
      [['yaml/syntax', line, 14]],
    );
    assert.match(findings[0].message, /NUL character/);
  });
});

describe("the webview sanitiser's attributes", () => {
  it("keeps xml:space and the SVG namespace declaration, as the server's sanitiser does", () => {
    assert.deepEqual(keptAttribute('http://www.w3.org/XML/1998/namespace', 'space', 'preserve'), {
      namespace: 'http://www.w3.org/XML/1998/namespace',
      name: 'xml:space',
    });
    assert.deepEqual(keptAttribute('http://www.w3.org/2000/xmlns/', 'xmlns', 'http://www.w3.org/2000/svg'), {
      namespace: 'http://www.w3.org/2000/xmlns/',
      name: 'xmlns',
    });
    assert.deepEqual(keptAttribute(null, 'font-size', '14.00'), { namespace: null, name: 'font-size' });
  });

  it('leaves out other namespaced attributes, other namespaces and unsafe values', () => {
    assert.equal(keptAttribute('http://www.w3.org/XML/1998/namespace', 'space', 'javascript:x'), undefined);
    assert.equal(keptAttribute('http://www.w3.org/XML/1998/namespace', 'base', 'https://evil.example/'), undefined);
    assert.equal(keptAttribute('http://www.w3.org/2000/xmlns/', 'xmlns', 'http://www.w3.org/1999/xhtml'), undefined);
    assert.equal(keptAttribute('http://www.w3.org/2000/xmlns/', 'xlink', 'http://www.w3.org/1999/xlink'), undefined);
    assert.equal(keptAttribute('http://www.w3.org/1999/xlink', 'href', '#x'), undefined);
    assert.equal(keptAttribute(null, 'onload', 'alert(1)'), undefined);
    assert.equal(keptAttribute(null, 'fill', 'url(javascript:alert(1))'), undefined);
  });
});
