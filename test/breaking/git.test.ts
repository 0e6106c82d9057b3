// The git reader: refs validated and resolved once, one ls-tree, one cat-file process for every blob,
// no working-tree checkout; the failures people meet in CI (shallow clone, missing ref, no repository)
// are one clear GitError with the command that fixes them.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it, mock } from 'node:test';
import { GitError, GitRepository, readBaseFiles, refProblem } from '../../server/src/git/reader';
import { git, Repo, tempDir } from './helpers';

// The module object itself (not an import namespace), so that its `spawn` can be observed.

const childProcess = require('node:child_process') as typeof import('node:child_process');

async function rejects(promise: Promise<unknown>, code: string, pattern?: RegExp): Promise<GitError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GitError, `a GitError, got ${String(error)}`);
    assert.equal(error.code, code, error.describe());
    if (pattern) assert.match(error.describe(), pattern);
    return error;
  }
  assert.fail('expected a GitError');
}

describe('refProblem: REFs refused before git sees them', () => {
  it('accepts what git accepts as commits', () => {
    for (const ref of [
      'main',
      'origin/main',
      'v1.2.0',
      'HEAD~1',
      'HEAD^2',
      'abc1234',
      'merge-base:origin/main',
      'feature/x-y',
      'HEAD;rm',
      '@{upstream}',
    ]) {
      assert.equal(refProblem(ref), undefined, ref);
    }
  });
  it('refuses a leading dash, whitespace and control characters (also after merge-base:)', () => {
    for (const ref of [
      '--output=x',
      '-x',
      'merge-base:--all',
      'HEAD rm',
      'HEAD\trm',
      'HEAD\nrm',
      'HEAD\u0000',
      'HEAD\u001b[2J',
      'HEAD\u00a0x',
      '',
      'merge-base:',
    ]) {
      assert.ok(refProblem(ref), JSON.stringify(ref));
    }
  });
  it('shows control characters escaped in the message', () => {
    assert.match(refProblem('HEAD\u001b[2J')!, /HEAD\\x1b\[2J/);
  });
});

describe('GitRepository', () => {
  it('resolves HEAD, a tag, a branch, HEAD~1 and merge-base:REF to commit ids', async () => {
    const repo = Repo.init({ 'a.yaml': 'one: 1\n' });
    const first = repo.git('rev-parse', 'HEAD');
    repo.git('tag', 'v1');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write({ 'a.yaml': 'one: 2\n' });
    const second = repo.commit();
    repo.git('checkout', '-q', 'main');
    repo.write({ 'b.yaml': 'b: 1\n' });
    const mainTip = repo.commit();
    repo.git('checkout', '-q', 'feature');
    const r = await GitRepository.open(repo.dir);
    assert.equal((await r.resolve('HEAD')).commit, second);
    assert.equal((await r.resolve('v1')).commit, first);
    assert.equal((await r.resolve('main')).commit, mainTip);
    assert.equal((await r.resolve('HEAD~1')).commit, first);
    const mb = await r.resolve('merge-base:main');
    assert.equal(mb.commit, first);
    assert.equal(mb.target, mainTip);
  });

  it('lists files under paths relative to the working directory (a subfolder too), skipping symlinks', async () => {
    const repo = Repo.init({
      'contracts/a.odcs.yaml': 'a\n',
      'contracts/deep/b.odcs.yaml': 'b\n',
      'other/c.yaml': 'c\n',
      'name with spaces.yaml': 'd\n',
    });
    fs.symlinkSync('contracts/a.odcs.yaml', path.join(repo.dir, 'link.yaml'));
    const commit = repo.commit();
    const r = await GitRepository.open(repo.dir);
    assert.deepEqual((await r.list(commit, ['.'])).map((e) => e.path).sort(), [
      'contracts/a.odcs.yaml',
      'contracts/deep/b.odcs.yaml',
      'name with spaces.yaml',
      'other/c.yaml',
    ]);
    assert.deepEqual(
      (await r.list(commit, ['contracts'])).map((e) => e.path),
      ['contracts/a.odcs.yaml', 'contracts/deep/b.odcs.yaml'],
    );
    const sub = await GitRepository.open(path.join(repo.dir, 'contracts'));
    assert.deepEqual(
      (await sub.list(commit, ['.'])).map((e) => e.path),
      ['a.odcs.yaml', 'deep/b.odcs.yaml'],
    );
  });

  it('reads many blobs through ONE cat-file process, without checking anything out', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`contracts/c${i}.yaml`] = `n: ${i}\n${'x'.repeat(i * 97)}\n`;
    files['contracts/empty.yaml'] = '';
    files['contracts/unicode.yaml'] = 'name: "Größe – 数据"\n';
    const repo = Repo.init(files);
    repo.write({ 'contracts/c1.yaml': 'changed in the working tree\n' });
    const spawn = mock.method(childProcess, 'spawn');
    try {
      const { files: read } = await readBaseFiles(repo.dir, 'HEAD', ['contracts'], () => true);
      const byPath = new Map(read.map((f) => [f.path, Buffer.from(f.bytes).toString('utf8')]));
      assert.equal(read.length, 62);
      for (const [file, text] of Object.entries(files)) assert.equal(byPath.get(file), text, file);
      const commands = spawn.mock.calls.map((c) => (c.arguments[1] as string[]).slice(0, 2).join(' '));
      assert.deepEqual(commands, ['rev-parse --show-toplevel', 'rev-parse --verify', 'ls-tree -r', 'cat-file --batch']);
      // Arguments are arrays, never a shell.
      for (const call of spawn.mock.calls) assert.notEqual((call.arguments[2] as { shell?: unknown })?.shell, true);
    } finally {
      spawn.mock.restore();
    }
    // The working tree is untouched.
    assert.equal(fs.readFileSync(path.join(repo.dir, 'contracts/c1.yaml'), 'utf8'), 'changed in the working tree\n');
    assert.equal(git(repo.dir, 'diff', '--name-only'), 'contracts/c1.yaml');
  });

  it('passes the REF after --end-of-options: a ref named like an option is refused, never run', async () => {
    const repo = Repo.init({ 'a.yaml': 'a\n' });
    await rejects(
      readBaseFiles(repo.dir, '--output=/tmp/x', ['.'], () => true),
      'bad-ref',
      /starts with `-`/,
    );
    await rejects(
      readBaseFiles(repo.dir, 'merge-base:--exec=x', ['.'], () => true),
      'bad-ref',
    );
    await rejects(
      readBaseFiles(repo.dir, 'HEAD;rm -rf x', ['.'], () => true),
      'bad-ref',
      /whitespace/,
    );
  });

  it('a REF with shell characters is just an unknown ref, and the hint suggests no command', async () => {
    const repo = Repo.init({ 'a.yaml': 'a\n' });
    const error = await rejects(
      readBaseFiles(repo.dir, 'HEAD;rm', ['.'], () => true),
      'ref-not-found',
    );
    assert.doesNotMatch(error.describe(), /git fetch/);
  });

  it('a missing branch: the git fetch that brings it', async () => {
    const upstream = Repo.init({ 'a.yaml': 'a\n' });
    const clone = tempDir();
    git(clone, 'clone', '-q', `file://${upstream.dir}`, '.');
    await rejects(
      readBaseFiles(clone, 'release', ['.'], () => true),
      'ref-not-found',
      /`git fetch origin release`/,
    );
    await rejects(
      readBaseFiles(clone, 'origin/release', ['.'], () => true),
      'ref-not-found',
      /`git fetch origin release`/,
    );
    await rejects(
      readBaseFiles(clone, 'v9.9.9', ['.'], () => true),
      'ref-not-found',
      /`git fetch origin tag v9\.9\.9`/,
    );
  });

  it('a shallow clone: HEAD~1 is missing, the hint is `git fetch --unshallow` / fetch-depth: 0', async () => {
    const upstream = Repo.init({ 'a.yaml': 'a\n' });
    upstream.write({ 'a.yaml': 'b\n' }).commit();
    const clone = tempDir();
    git(clone, 'clone', '-q', '--depth', '1', `file://${upstream.dir}`, '.');
    const error = await rejects(
      readBaseFiles(clone, 'HEAD~1', ['.'], () => true),
      'ref-not-found',
    );
    assert.match(error.describe(), /shallow clone/);
    assert.match(error.describe(), /git fetch --unshallow/);
    assert.match(error.describe(), /fetch-depth: 0/);
  });

  it('not a repository', async () => {
    const dir = tempDir();
    await rejects(
      readBaseFiles(dir, 'HEAD', ['.'], () => true),
      'not-a-repository',
      /not inside a git repository/,
    );
  });

  it('a repository with no commit yet: HEAD is not found', async () => {
    const repo = Repo.init();
    await rejects(
      readBaseFiles(repo.dir, 'HEAD', ['.'], () => true),
      'ref-not-found',
    );
  });
});
