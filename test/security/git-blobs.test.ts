// A base version read from git is bounded like a file on disk: a commit can hold a 300 MB
// "contract" (a pull request's own commits are the base of `--against HEAD~1`). Before, the blob
// reader held it whole and re-copied its buffer for every 64 KB chunk git wrote (quadratic); now a
// blob over the limit streams past unread, the run stops with a message naming the file, and the
// blobs after it in the same `cat-file` stream are read intact.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BlobReader, GitError } from '../../server/src/git/reader';
import { assertBounded, contract, git, runCli, tempDir, write } from './files-helpers';

const MB = 1024 * 1024;

describe('git blobs over the read limit', () => {
  const repo = tempDir('pactline-blobs-');
  const ids: Record<string, string> = {};
  const sizes = { small: 10, big: 5000, large: 300_000, after: 20 };

  before(() => {
    git(repo.dir, 'init', '-q');
    for (const [name, size] of Object.entries(sizes)) {
      const file = join(repo.dir, `${name}.bin`);
      write(file, Buffer.from(Array.from({ length: size }, (_, i) => (i * 7 + name.length) % 251)));
      ids[name] = git(repo.dir, 'hash-object', '-w', file).trim();
    }
  });
  after(() => repo.dispose());

  it('refuses a blob over its limit and reads the pipelined blobs around it byte for byte', async () => {
    const reader = new BlobReader(repo.dir, 100_000);
    try {
      const reads = ['small', 'big', 'large', 'after', 'large'].map((name) =>
        reader.read(ids[name]).then(
          (bytes) => ({ name, bytes }),
          (error: unknown) => ({ name, error }),
        ),
      );
      const results = await Promise.all(reads);
      for (const result of results) {
        const expected = Buffer.from(
          Array.from(
            { length: sizes[result.name as keyof typeof sizes] },
            (_, i) => (i * 7 + result.name.length) % 251,
          ),
        );
        if (result.name === 'large') {
          assert.ok('error' in result && result.error instanceof GitError, `${result.name} should be refused`);
          assert.equal((result.error as GitError).code, 'too-large');
          assert.match((result.error as GitError).message, /is 0\.3 MB, over the 0\.1 MB that is read from git/);
        } else {
          assert.ok('bytes' in result, `${result.name}: ${String((result as { error?: unknown }).error)}`);
          assert.deepEqual(result.bytes, expected, result.name);
        }
      }
    } finally {
      reader.close();
    }
  });

  it('`pactline breaking --against HEAD~1` with a 300 MB base contract: exit 2 naming it, bounded', () => {
    const ws = tempDir('pactline-blob-cli-');
    try {
      write(join(ws.dir, 'customers.odcs.yaml'), contract('customers'));
      // A sparse file: 300 MB of zeros on disk for git to store, without the test holding them.
      const fd = openSync(join(ws.dir, 'orders.odcs.yaml'), 'w');
      ftruncateSync(fd, 300 * MB);
      closeSync(fd);
      git(ws.dir, 'init', '-q');
      git(ws.dir, 'config', 'core.compression', '0'); // stored, not deflated: a few seconds of CPU
      // Hashing and storing 300 MB can take long on a busy machine: more time than git() allows.
      const add = spawnSync('git', ['add', '.'], { cwd: ws.dir, encoding: 'utf8', timeout: 180_000 });
      assert.equal(add.status, 0, `git add: ${add.stderr}`);
      git(ws.dir, 'commit', '-q', '-m', 'base with a huge file');
      write(join(ws.dir, 'orders.odcs.yaml'), contract('orders'));
      git(ws.dir, 'commit', '-q', '-am', 'small again');
      for (const command of ['breaking', 'lint']) {
        const run = runCli([command, '--against', 'HEAD~1', '--format', 'json', '.'], {
          cwd: ws.dir,
          timeoutMs: 60_000,
        });
        assertBounded(run, `${command} --against HEAD~1`, { ms: 60_000, mb: 250 });
        assert.equal(run.code, 2, `${command}: ${run.stdout}\n${run.stderr}`);
        assert.match(
          run.stderr,
          /orders\.odcs\.yaml in the base is 300\.0 MB, over the 256\.0 MB that is read from git/,
        );
      }
    } finally {
      ws.dispose();
    }
  });
});
