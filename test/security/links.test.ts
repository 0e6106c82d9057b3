// Issue 8, item 5: a `url:` of `command:…`, `vscode://…`, `javascript:`, `file:///etc/passwd` came
// back from the language server as a clickable document link. Only http, https and files of the
// workspace (a relative path that stays inside it) may become links; checked over stdio against the
// real server, with the document in a subfolder of the workspace and outside any workspace.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LspClient, uriOf } from '../lsp/client';
import { tempDir } from './engine-helpers';

const DANGEROUS = [
  'command:workbench.action.terminal.new',
  'command:vscode.open?%5B%22file%3A%2F%2F%2Fetc%2Fpasswd%22%5D',
  'vscode://file/etc/passwd',
  'vscode-insiders://ms-vscode.remote/x',
  'javascript:alert(document.cookie)',
  'JavaScript:alert(1)',
  'file:///etc/passwd',
  'file://localhost/etc/shadow',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'mailto:attacker@example.com',
  'ftp://example.com/x',
  'ssh://git@example.com/repo',
  '/etc/passwd',
  '~/.ssh/id_rsa',
  '\\\\server\\share\\x',
  '../../outside.md',
  'docs/../../../outside.md',
  'docs/x.md?query',
  'docs/x\u202Egpj.md',
  'docs/\u200Bx.md',
];

function contract(urls: readonly string[]): string {
  const entries = urls.map((u) => `  - channel: c\n    url: ${JSON.stringify(u)}\n`).join('');
  return (
    `apiVersion: v3.1.0\nkind: DataContract\nid: links\nversion: 1.0.0\nstatus: active\n` +
    `description:\n  purpose: "Run command:workbench.action.terminal.new or see https://example.com/docs."\nsupport:\n${entries}` +
    '  - channel: ok\n    url: https://example.com/support\n  - channel: plain\n    url: http://example.com/plain\n  - channel: file\n    url: ../docs/orders.md\n'
  );
}

interface Link {
  target?: string;
  range: { start: { line: number } };
}

describe('document links over stdio', () => {
  const tmp = tempDir();
  const file = join(tmp.dir, 'contracts', 'links.odcs.yaml');
  before(() => {
    mkdirSync(join(tmp.dir, 'contracts'));
    mkdirSync(join(tmp.dir, 'docs'));
    writeFileSync(join(tmp.dir, 'docs', 'orders.md'), '# Orders\n');
    writeFileSync(file, contract(DANGEROUS));
  });
  after(() => tmp.dispose());

  it('in a workspace: only http, https and the relative file inside it are links', async () => {
    const client = await LspClient.start({ workspace: tmp.dir, entry: 'server' });
    try {
      await client.waitForIndexed(1, 60_000);
      const uri = client.open(file);
      const links = await client.request<Link[] | null>('textDocument/documentLink', { textDocument: { uri } });
      assert.deepEqual(
        (links ?? []).map((l) => l.target),
        [
          'https://example.com/docs',
          'https://example.com/support',
          'http://example.com/plain',
          uriOf(join(tmp.dir, 'docs', 'orders.md')),
        ],
      );
    } finally {
      await client.shutdown().catch(() => client.kill());
    }
  });

  it('outside any workspace: no file links at all, http(s) still', async () => {
    const client = await LspClient.start({ entry: 'server' });
    try {
      const uri = client.open(file);
      const links = await client.request<Link[] | null>('textDocument/documentLink', { textDocument: { uri } });
      assert.deepEqual(
        (links ?? []).map((l) => l.target),
        ['https://example.com/docs', 'https://example.com/support', 'http://example.com/plain'],
      );
    } finally {
      await client.shutdown().catch(() => client.kill());
    }
  });
});
