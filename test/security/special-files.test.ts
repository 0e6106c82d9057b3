// Issue 8, item 2: links to /dev/zero and /dev/urandom and FIFOs where contracts should be. Before,
// `breaking --against HEAD~1` grew to gigabytes, a FIFO hung lint and `--config` forever, and in the
// server one FIFO stalled every later file event. Through the real CLI and the real server over
// stdio, each process under a time limit and its peak memory measured: bounded, with a clear finding.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertBounded, contract, git, runCli, startServer, tempDir, workspaceFindings, write } from './files-helpers';

interface JsonReport {
  findings: { rule: string; file: string; message: string }[];
}

const DEVICES = existsSync('/dev/zero') && existsSync('/dev/urandom');
const mkfifo = (file: string) => {
  const result = spawnSync('mkfifo', [file]);
  if (result.status !== 0) throw new Error(`mkfifo ${file}: ${String(result.stderr)}`);
};
const skip =
  DEVICES && process.platform !== 'win32'
    ? false
    : 'needs /dev/zero, /dev/urandom and mkfifo (a POSIX system): would have checked that links to devices and FIFOs are refused in bounded time and memory';

describe('special files: /dev/zero, /dev/urandom, FIFOs (issue 8, item 2)', { skip }, () => {
  const tmp = tempDir('pactline-special-');
  const repo = join(tmp.dir, 'repo');

  before(() => {
    write(join(repo, 'contracts/orders.odcs.yaml'), contract('orders'));
    git(repo, 'init', '-q');
    symlinkSync('/dev/zero', join(repo, 'contracts/zero.odcs.yaml'));
    symlinkSync('/dev/urandom', join(repo, 'contracts/random.odcs.yaml'));
    mkfifo(join(repo, 'contracts/fifo.odcs.yaml'));
    symlinkSync('fifo.odcs.yaml', join(repo, 'contracts/to-fifo.odcs.yaml'));
    symlinkSync('/dev/zero', join(repo, 'zero.yaml'));
    mkfifo(join(repo, 'fifo.yaml'));
  });
  after(() => tmp.dispose());

  const expected = [
    'contracts/fifo.odcs.yaml pactline/unsafe-path a FIFO',
    'contracts/random.odcs.yaml pactline/unsafe-path outside',
    'contracts/to-fifo.odcs.yaml pactline/unsafe-path a FIFO',
    'contracts/zero.odcs.yaml pactline/unsafe-path outside',
  ];
  const summary = (report: JsonReport) =>
    report.findings
      .map(
        (f) =>
          `${f.file} ${f.rule} ${/FIFO/.test(f.message) ? 'a FIFO' : /outside the workspace/.test(f.message) ? 'outside' : f.message}`,
      )
      .sort();

  it('lint .: every special file is a finding, in bounded time and memory', () => {
    const run = runCli(['lint', '--format', 'json', '.'], { cwd: repo });
    assertBounded(run, 'lint .');
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(summary(JSON.parse(run.stdout)), [
      ...expected,
      'fifo.yaml pactline/unsafe-path a FIFO',
      'zero.yaml pactline/unsafe-path outside',
    ]);
  });

  it('named explicitly (and /dev/zero itself): findings, never a hang', () => {
    const run = runCli(
      [
        'lint',
        '--format',
        'json',
        'contracts/zero.odcs.yaml',
        'contracts/random.odcs.yaml',
        'contracts/fifo.odcs.yaml',
        'contracts/to-fifo.odcs.yaml',
        '/dev/zero',
      ],
      { cwd: repo },
    );
    assertBounded(run, 'named');
    assert.equal(run.code, 1, run.stderr);
    const found = summary(JSON.parse(run.stdout));
    assert.deepEqual(
      found.filter((f) => f.startsWith('contracts/')),
      expected,
    );
    assert.ok(
      found.some((f) => /^\.\..*dev\/zero pactline\/unsafe-path/.test(f) || /dev\/zero/.test(f)),
      found.join('\n'),
    );
  });

  for (const config of [
    'contracts/zero.odcs.yaml',
    'contracts/random.odcs.yaml',
    'contracts/fifo.odcs.yaml',
    'contracts/to-fifo.odcs.yaml',
  ]) {
    it(`--config ${config}: exit 2 at once, with why`, () => {
      const run = runCli(['lint', '--config', config, 'contracts/orders.odcs.yaml'], { cwd: repo });
      assertBounded(run, `--config ${config}`);
      assert.equal(run.code, 2, run.stdout + run.stderr);
      assert.match(
        run.stderr,
        /Cannot read the configuration .*: it is (a FIFO|a symbolic link to a file outside the workspace)/,
      );
    });
  }

  it('a pactline.yaml that is a FIFO: exit 2, not a hang', () => {
    const ws = tempDir('pactline-fifo-config-');
    try {
      write(join(ws.dir, 'orders.odcs.yaml'), contract('orders'));
      git(ws.dir, 'init', '-q');
      mkfifo(join(ws.dir, 'pactline.yaml'));
      const run = runCli(['lint', '.'], { cwd: ws.dir });
      assertBounded(run, 'FIFO pactline.yaml');
      assert.equal(run.code, 2);
      assert.match(run.stderr, /pactline\.yaml: it is a FIFO/);
    } finally {
      ws.dispose();
    }
  });

  describe('breaking --against HEAD~1 where the last commit replaced a contract with a link to a device', () => {
    for (const device of ['/dev/zero', '/dev/urandom']) {
      it(`${device}: bounded, the link reported`, () => {
        const ws = tempDir('pactline-breaking-device-');
        try {
          write(join(ws.dir, 'orders.odcs.yaml'), contract('orders'));
          write(join(ws.dir, 'customers.odcs.yaml'), contract('customers'));
          git(ws.dir, 'init', '-q');
          git(ws.dir, 'add', '.');
          git(ws.dir, 'commit', '-q', '-m', 'base');
          rmSync(join(ws.dir, 'orders.odcs.yaml'));
          symlinkSync(device, join(ws.dir, 'orders.odcs.yaml'));
          git(ws.dir, 'add', '-A');
          git(ws.dir, 'commit', '-q', '-m', 'hostile');
          for (const command of [['breaking'], ['lint']]) {
            const run = runCli([...command, '--against', 'HEAD~1', '--format', 'json', '.'], { cwd: ws.dir });
            assertBounded(run, `${command[0]} --against HEAD~1`);
            assert.equal(run.code, 1, run.stderr);
            const report = JSON.parse(run.stdout) as JsonReport;
            assert.ok(
              report.findings.some((f) => f.file === 'orders.odcs.yaml' && f.rule === 'pactline/unsafe-path'),
              run.stdout,
            );
          }
        } finally {
          ws.dispose();
        }
      });
    }

    it('a FIFO in the working tree where the base has a contract: bounded, reported', () => {
      const ws = tempDir('pactline-breaking-fifo-');
      try {
        write(join(ws.dir, 'orders.odcs.yaml'), contract('orders'));
        git(ws.dir, 'init', '-q');
        git(ws.dir, 'add', '.');
        git(ws.dir, 'commit', '-q', '-m', 'base');
        rmSync(join(ws.dir, 'orders.odcs.yaml'));
        mkfifo(join(ws.dir, 'orders.odcs.yaml'));
        const run = runCli(['breaking', '--against', 'HEAD', '--format', 'json', '.'], { cwd: ws.dir });
        assertBounded(run, 'breaking with a FIFO');
        assert.equal(run.code, 1, run.stderr);
        assert.ok(
          (JSON.parse(run.stdout) as JsonReport).findings.some((f) => f.rule === 'pactline/unsafe-path'),
          run.stdout,
        );
      } finally {
        ws.dispose();
      }
    });
  });

  it('the server: the first scan, file events for FIFOs and devices, and later events still handled; bounded memory', async () => {
    const ws = tempDir('pactline-server-special-');
    write(join(ws.dir, 'contracts/orders.odcs.yaml'), contract('orders'));
    git(ws.dir, 'init', '-q');
    symlinkSync('/dev/zero', join(ws.dir, 'contracts/zero.odcs.yaml'));
    mkfifo(join(ws.dir, 'contracts/fifo.odcs.yaml'));
    const server = await startServer(ws.dir, { pull: true, initializationOptions: { workspaceDiagnostics: true } });
    const { client } = server;
    try {
      await client.waitForIndexed(1, 10_000);
      let found = await workspaceFindings(client, ws.dir);
      assert.deepEqual(
        found.get('contracts/zero.odcs.yaml')?.map((f) => f.code),
        ['pactline/unsafe-path'],
      );
      assert.deepEqual(
        found.get('contracts/fifo.odcs.yaml')?.map((f) => f.code),
        ['pactline/unsafe-path'],
      );

      // More than the reader's thread pool (4) of FIFOs and devices at once, then an ordinary change:
      // before, each FIFO held a thread forever and the ordinary change was never read.
      const events: { file: string; type: 1 | 2 }[] = [];
      for (let i = 0; i < 6; i++) {
        mkfifo(join(ws.dir, `contracts/pipe${i}.odcs.yaml`));
        events.push({ file: join(ws.dir, `contracts/pipe${i}.odcs.yaml`), type: 1 });
      }
      symlinkSync('/dev/urandom', join(ws.dir, 'contracts/random.odcs.yaml'));
      events.push(
        { file: join(ws.dir, 'contracts/random.odcs.yaml'), type: 1 },
        { file: join(ws.dir, 'contracts/zero.odcs.yaml'), type: 2 },
      );
      client.fileEvents(events);
      write(join(ws.dir, 'contracts/late.odcs.yaml'), contract('late', 'unknownKey: 1\n'));
      client.fileEvents([{ file: join(ws.dir, 'contracts/late.odcs.yaml'), type: 1 }]);
      const started = Date.now();
      for (;;) {
        found = await workspaceFindings(client, ws.dir);
        if (found.get('contracts/late.odcs.yaml')?.length) break;
        assert.ok(
          Date.now() - started < 8_000,
          'the ordinary file event was not handled: the FIFOs stalled the reader',
        );
        await new Promise((r) => setTimeout(r, 150));
      }
      assert.deepEqual(
        found.get('contracts/late.odcs.yaml')?.map((f) => f.code),
        ['schema/unknown-key'],
      );
      for (let i = 0; i < 6; i++)
        assert.deepEqual(
          found.get(`contracts/pipe${i}.odcs.yaml`)?.map((f) => f.code),
          ['pactline/unsafe-path'],
        );
      assert.deepEqual(
        found.get('contracts/random.odcs.yaml')?.map((f) => f.code),
        ['pactline/unsafe-path'],
      );

      // Opened in the editor and closed: the disk is read again, and refused again.
      const uri = client.open(join(ws.dir, 'contracts/fifo.odcs.yaml'), contract('typed'));
      await client.request('textDocument/diagnostic', { textDocument: { uri } });
      client.close(uri);
      await new Promise((r) => setTimeout(r, 300));
      found = await workspaceFindings(client, ws.dir);
      assert.deepEqual(
        found.get('contracts/fifo.odcs.yaml')?.map((f) => f.code),
        ['pactline/unsafe-path'],
      );
      const mb = await server.stop();
      assert.ok(mb < 400, `server peak memory ${mb.toFixed(0)} MB`);
    } finally {
      client.kill();
      ws.dispose();
    }
  });
});
