// Issue 8, item 1: a hostile pull request commits symbolic links to secrets outside the repository
// (a credentials file, a contract or configuration holding a token, a private folder). Through the
// real CLI in every report format and the real server over stdio: the token is in no output, the
// run never passes, each link is a `pactline/unsafe-path` finding (or, for the configuration, exit 2)
// that names the link; links that stay inside the workspace are still followed.
import assert from 'node:assert/strict';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { uriOf } from '../lsp/client';
import {
  assertBounded,
  assertNoToken,
  contract,
  everythingSaid,
  FORMATS,
  git,
  runCli,
  startServer,
  tempDir,
  TOKEN,
  workspaceFindings,
  write,
  writeSecrets,
} from './files-helpers';

interface JsonReport {
  findings: { rule: string; file: string; message: string }[];
  summary: { files: number };
}

describe('symbolic links out of the workspace (issue 8, item 1)', () => {
  const tmp = tempDir('pactline-symlinks-');
  const repo = join(tmp.dir, 'repo');
  const outside = join(tmp.dir, 'outside');
  let secrets: ReturnType<typeof writeSecrets>;

  before(() => {
    secrets = writeSecrets(outside);
    write(join(repo, 'contracts/orders.odcs.yaml'), contract('orders'));
    git(repo, 'init', '-q');
    // Inside the workspace: followed (and listed once, under the file's own name).
    symlinkSync('orders.odcs.yaml', join(repo, 'contracts/alias.odcs.yaml'));
    // Out of it: refused.
    symlinkSync(secrets.contract, join(repo, 'contracts/leak.odcs.yaml'));
    symlinkSync(secrets.credentials, join(repo, 'creds.yaml'));
    symlinkSync(secrets.folder, join(repo, 'linked'));
  });
  after(() => tmp.dispose());

  it('lint .: each link out is a pactline/unsafe-path finding on the link, a linked folder is not walked, a link inside is followed once', () => {
    const run = runCli(['lint', '--format', 'json', '--verbose', '.'], { cwd: repo });
    assertBounded(run, 'lint .');
    assertNoToken(run, 'lint .');
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.deepEqual(report.findings.map((f) => `${f.file} ${f.rule}`).sort(), [
      'contracts/leak.odcs.yaml pactline/unsafe-path',
      'creds.yaml pactline/unsafe-path',
    ]);
    assert.match(report.findings[0].message, /symbolic link that leads outside the workspace/);
    assert.match(run.stderr, /skipped linked: a symbolic link to a folder outside the workspace/);
    // orders (its alias is the same file: no duplicate id), leak, creds.
    assert.equal(report.summary.files, 3);
  });

  for (const format of FORMATS) {
    it(`--format ${format}: links named on the command line ("lint the changed files"): no token, never exit 0`, () => {
      const run = runCli(
        ['lint', '--format', format, 'contracts/leak.odcs.yaml', 'creds.yaml', 'linked', 'contracts/alias.odcs.yaml'],
        { cwd: repo },
      );
      assertBounded(run, format);
      assertNoToken(run, format);
      assert.equal(run.code, 1, `${format}: ${run.stderr}`);
      assert.match(run.stdout, /unsafe-path/, format);
    });
  }

  it('a named folder link out: one finding on the link, nothing under it read', () => {
    const run = runCli(['lint', '--format', 'json', 'linked', 'linked/inner.odcs.yaml'], { cwd: repo });
    assertNoToken(run, 'linked');
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.deepEqual(
      report.findings.map((f) => `${f.file} ${f.rule}`),
      ['linked pactline/unsafe-path', 'linked/inner.odcs.yaml pactline/unsafe-path'],
    );
  });

  it('migrate --write: a link out is neither read nor written through', () => {
    const before = readFileSync(secrets.contract, 'utf8');
    for (const args of [
      ['migrate', '--to', 'v3.2.0', '.'],
      ['migrate', '--to', 'v3.2.0', '--write', 'contracts/leak.odcs.yaml'],
    ]) {
      const run = runCli(args, { cwd: repo });
      assertBounded(run, args.join(' '));
      assertNoToken(run, args.join(' '));
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(
        run.stderr,
        /contracts\/leak\.odcs\.yaml: skipped, it is a symbolic link to a file outside the workspace/,
      );
    }
    assert.equal(readFileSync(secrets.contract, 'utf8'), before, 'the file outside the workspace was written');
  });

  describe('the configuration', () => {
    const cases = [
      { name: 'pactline.yaml -> a configuration naming the token', target: () => secrets.config },
      { name: 'pactline.yaml -> ~/.git-credentials', target: () => secrets.credentials },
    ];
    for (const c of cases) {
      it(`${c.name}: exit 2 in every format, the link named, the token nowhere`, () => {
        const ws = tempDir('pactline-config-link-');
        try {
          write(join(ws.dir, 'orders.odcs.yaml'), contract('orders'));
          git(ws.dir, 'init', '-q');
          symlinkSync(c.target(), join(ws.dir, 'pactline.yaml'));
          for (const format of FORMATS) {
            const run = runCli(['lint', '--format', format, '.'], { cwd: ws.dir });
            assertBounded(run, format);
            assertNoToken(run, format);
            assert.equal(run.code, 2, `${format}: ${run.stdout}${run.stderr}`);
            assert.match(
              run.stderr,
              /Cannot read the configuration pactline\.yaml: it is a symbolic link to a file outside the workspace/,
            );
          }
          const explicit = runCli(['lint', '--config', 'pactline.yaml', 'orders.odcs.yaml'], { cwd: ws.dir });
          assertNoToken(explicit, '--config');
          assert.equal(explicit.code, 2);
        } finally {
          ws.dispose();
        }
      });
    }

    it('a configuration that is not a mapping says so without printing its value', () => {
      const ws = tempDir('pactline-config-string-');
      try {
        write(join(ws.dir, 'pactline.yaml'), `https://x-access-token:${TOKEN}@github.com\n`);
        const run = runCli(['lint', '.'], { cwd: ws.dir });
        assertNoToken(run, 'not a mapping');
        assert.equal(run.code, 2);
        assert.match(run.stderr, /Expected a mapping for the configuration, found a string \(its text is not shown\)/);
      } finally {
        ws.dispose();
      }
    });
  });

  for (const trusted of [true, false]) {
    it(`the server (${trusted ? 'trusted' : 'untrusted'}): scan, file events and a closed document never read a link out; the token is in nothing it says`, async () => {
      const ws = tempDir('pactline-server-links-');
      const server = await (async () => {
        write(join(ws.dir, 'contracts/orders.odcs.yaml'), contract('orders'));
        git(ws.dir, 'init', '-q');
        symlinkSync('orders.odcs.yaml', join(ws.dir, 'contracts/alias.odcs.yaml'));
        symlinkSync(secrets.contract, join(ws.dir, 'contracts/leak.odcs.yaml'));
        symlinkSync(secrets.credentials, join(ws.dir, 'creds.yaml'));
        symlinkSync(secrets.folder, join(ws.dir, 'linked'));
        symlinkSync(secrets.config, join(ws.dir, 'pactline.yaml'));
        return startServer(ws.dir, { pull: true, initializationOptions: { workspaceDiagnostics: true, trusted } });
      })();
      const { client } = server;
      try {
        await client.waitForIndexed();
        // The configuration link: refused with a message that names it.
        const warning = await client.waitFor(
          () => client.messages.find((m) => /pactline\.yaml/.test(m.message)),
          10_000,
          'the configuration warning',
        );
        assert.match(warning.message, /symbolic link to a file outside the workspace/);
        let found = await workspaceFindings(client, ws.dir);
        assert.deepEqual(
          found.get('contracts/leak.odcs.yaml')?.map((f) => f.code),
          ['pactline/unsafe-path'],
        );
        assert.deepEqual(
          found.get('creds.yaml')?.map((f) => f.code),
          ['pactline/unsafe-path'],
        );
        assert.deepEqual(found.get('contracts/orders.odcs.yaml'), []);
        assert.ok(
          !found.has('contracts/alias.odcs.yaml'),
          'a link to a file of the workspace is indexed once, under the file',
        );
        assert.ok(
          ![...found.keys()].some((k) => k.startsWith('linked/')),
          'a linked folder out of the workspace is not indexed',
        );

        // A link created later, announced by the file watcher.
        symlinkSync(secrets.contract, join(ws.dir, 'contracts/late.odcs.yaml'));
        client.fileEvents([{ file: join(ws.dir, 'contracts/late.odcs.yaml'), type: 1 }]);
        found = await waitForFile(client, ws.dir, 'contracts/late.odcs.yaml');
        assert.deepEqual(
          found.get('contracts/late.odcs.yaml')?.map((f) => f.code),
          ['pactline/unsafe-path'],
        );

        // Opened in the editor (the editor's text is what it shows) and closed: the disk is read again, safely.
        const leak = join(ws.dir, 'contracts/leak.odcs.yaml');
        const uri = client.open(leak, contract('edited'));
        await client.request('textDocument/diagnostic', { textDocument: { uri } });
        client.close(uri);
        found = await waitForFile(
          client,
          ws.dir,
          'contracts/leak.odcs.yaml',
          (list) => list?.[0]?.code === 'pactline/unsafe-path',
        );
        assert.deepEqual(
          found.get('contracts/leak.odcs.yaml')?.map((f) => f.code),
          ['pactline/unsafe-path'],
        );
        assert.ok(!everythingSaid(client).includes(TOKEN), 'the token reached the client');
        const status = await client.request<{ configFile: string | null }>('pactline/status', {
          textDocument: { uri: uriOf(join(ws.dir, 'contracts/orders.odcs.yaml')) },
        });
        assert.equal(status.configFile, null, 'the refused configuration is not in use');
        const mb = await server.stop();
        assert.ok(mb < 400, `server peak memory ${mb.toFixed(0)} MB`);
      } finally {
        client.kill();
        ws.dispose();
      }
    });
  }
});

/** Polls workspace/diagnostic until `file` is reported (as `accept` wants it). */
async function waitForFile(
  client: Parameters<typeof workspaceFindings>[0],
  root: string,
  file: string,
  accept: (list: { code: string }[] | undefined) => boolean = (list) => list !== undefined,
): Promise<Map<string, { code: string; message: string }[]>> {
  const deadline = Date.now() + 8_000;
  for (;;) {
    const found = await workspaceFindings(client, root);
    if (accept(found.get(file))) return found;
    if (Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 150));
  }
}
