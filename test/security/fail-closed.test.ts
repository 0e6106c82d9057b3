// Issue 8, item 6: runs that failed open or misreported. An unreadable named file passed with
// "0 files checked"; stdin skipped the encoding check a file gets and reported random bytes at
// 1.7 times their size; a multi-document pactline.yaml was silently ignored; a 70,000-character
// ignore pattern crashed with a stack trace; Lint Workspace read a pactline.yaml from a parent folder
// in an untrusted workspace. Through the real CLI and the real server.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertBounded, contract, git, runCli, startServer, tempDir, write } from './files-helpers';

interface JsonReport {
  findings: { rule: string; file: string; message: string; range: unknown }[];
  summary: { files: number };
}

const LATIN1 = Buffer.concat([
  Buffer.from(contract('orders').replace('status: active', 'description:\n  purpose: Caf')),
  Buffer.from([0xe9]),
  Buffer.from('\n'),
]);

describe('failing closed (issue 8, item 6)', () => {
  const tmp = tempDir('pactline-fail-closed-');
  const repo = join(tmp.dir, 'repo');

  before(() => {
    write(join(repo, 'orders.odcs.yaml'), contract('orders'));
    git(repo, 'init', '-q');
  });
  after(() => tmp.dispose());

  it('a named file that cannot be read: exit 2, with why, nothing on stdout', (t) => {
    let named: string;
    if (process.getuid?.() !== 0) {
      named = 'locked.odcs.yaml';
      write(join(repo, named), contract('locked'));
      chmodSync(join(repo, named), 0o000);
    } else if (existsSync('/proc/self/mem')) {
      // root reads any file whatever its mode; /proc/self/mem is a regular file whose read fails (EIO).
      named = '/proc/self/mem';
    } else {
      t.skip('needs a file that cannot be read (not root, or Linux /proc): would have checked that naming it exits 2');
      return;
    }
    for (const format of ['text', 'json']) {
      const run = runCli(['lint', '--format', format, 'orders.odcs.yaml', named], { cwd: repo });
      assertBounded(run, 'unreadable');
      assert.equal(run.code, 2, `${format}: ${run.stdout}${run.stderr}`);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /Cannot read the file named on the command line: .*(mem|locked\.odcs\.yaml): /);
    }
  });

  it('a named broken symbolic link: exit 2', () => {
    symlinkSync('nowhere.odcs.yaml', join(repo, 'broken.odcs.yaml'));
    const run = runCli(['lint', 'broken.odcs.yaml'], { cwd: repo });
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /broken\.odcs\.yaml: no such file \(or a broken symbolic link\)/);
  });

  it('--stdin-filepath: invalid UTF-8 is the same yaml/encoding finding a file with those bytes gets', () => {
    write(join(repo, 'latin1.odcs.yaml'), LATIN1);
    const file = runCli(['lint', '--format', 'json', 'latin1.odcs.yaml'], { cwd: repo });
    const stdin = runCli(['lint', '--format', 'json', '--stdin-filepath', 'latin1.odcs.yaml'], {
      cwd: repo,
      input: LATIN1,
    });
    assert.equal(file.code, 1, file.stderr);
    assert.equal(stdin.code, 1, stdin.stderr);
    const fromFile = (JSON.parse(file.stdout) as JsonReport).findings;
    assert.deepEqual(
      fromFile.map((f) => f.rule),
      ['yaml/encoding'],
    );
    assert.deepEqual((JSON.parse(stdin.stdout) as JsonReport).findings, fromFile);
  });

  it('--stdin-filepath: 20 MB of random bytes is reported as 20.0 MB (its size in bytes), like the same file', () => {
    const bytes = randomBytes(20 * 1024 * 1024);
    const stdin = runCli(['lint', '--format', 'json', '--stdin-filepath', 'big.odcs.yaml'], {
      cwd: repo,
      input: bytes,
    });
    assertBounded(stdin, '20 MB on stdin');
    const found = (JSON.parse(stdin.stdout) as JsonReport).findings;
    assert.deepEqual(
      found.map((f) => f.rule),
      ['yaml/too-large'],
    );
    assert.match(found[0].message, /This file is 20\.0 MB, larger than the 5\.0 MB/);
    writeFileSync(join(repo, 'big.odcs.yaml'), bytes);
    const file = runCli(['lint', '--format', 'json', 'big.odcs.yaml'], { cwd: repo });
    assert.deepEqual((JSON.parse(file.stdout) as JsonReport).findings, found);
  });

  describe('configuration that cannot be used is an error, said clearly', () => {
    const cases = [
      {
        name: 'several YAML documents',
        text: 'rules:\n  schema/unknown-key: off\n---\nignore:\n  - legacy/**\n',
        message: /holds several YAML documents/,
      },
      {
        name: 'an ignore pattern of 70,000 characters',
        text: `ignore:\n  - ${'a'.repeat(70_000)}\n`,
        message: /is 70,000 characters long; Pactline takes patterns of at most 4,096/,
      },
    ];
    for (const c of cases) {
      it(`${c.name}: exit 2, no stack trace`, () => {
        const ws = tempDir('pactline-bad-config-');
        try {
          write(join(ws.dir, 'orders.odcs.yaml'), contract('orders'));
          write(join(ws.dir, 'pactline.yaml'), c.text);
          git(ws.dir, 'init', '-q');
          const run = runCli(['lint', '.'], { cwd: ws.dir });
          assertBounded(run, c.name);
          assert.equal(run.code, 2, run.stdout + run.stderr);
          assert.match(run.stderr, c.message);
          assert.ok(!/internal error|\n\s+at /.test(run.stderr), run.stderr);
          assert.ok(run.stderr.length < 2_000, 'the pattern is not printed whole');
        } finally {
          ws.dispose();
        }
      });
    }

    it('the server: a multi-document pactline.yaml is a warning naming it, not silently ignored', async () => {
      const ws = tempDir('pactline-server-multidoc-');
      write(join(ws.dir, 'orders.odcs.yaml'), contract('orders'));
      write(join(ws.dir, 'pactline.yaml'), cases[0].text);
      const server = await startServer(ws.dir, { pull: true });
      try {
        const warning = await server.client.waitFor(
          () => server.client.messages.find((m) => /pactline\.yaml/.test(m.message)),
          10_000,
          'a warning',
        );
        assert.match(warning.message, /holds several YAML documents/);
        await server.stop();
      } finally {
        server.client.kill();
        ws.dispose();
      }
    });
  });

  it('Lint Workspace in an untrusted workspace does not apply a pactline.yaml from a parent folder (trusted, as the CLI, it does)', async () => {
    const parent = tempDir('pactline-parent-config-');
    const ws = join(parent.dir, 'project');
    write(join(parent.dir, 'pactline.yaml'), 'rules:\n  schema/unknown-key: off\n');
    write(join(ws, 'orders.odcs.yaml'), contract('orders', 'unknownKey: 1\n'));
    try {
      for (const trusted of [false, true]) {
        const server = await startServer(ws, { pull: true, initializationOptions: { trusted } });
        try {
          await server.client.waitForIndexed();
          const result = await server.client.request<{
            files: number;
            items: { uri: string; diagnostics: { code: string }[] }[];
          }>('pactline/lintWorkspace', {});
          const codes = result.items.flatMap((i) => i.diagnostics.map((d) => d.code));
          assert.deepEqual(codes, trusted ? [] : ['schema/unknown-key'], `trusted: ${trusted}`);
          await server.stop();
        } finally {
          server.client.kill();
        }
      }
    } finally {
      parent.dispose();
    }
  });
});
