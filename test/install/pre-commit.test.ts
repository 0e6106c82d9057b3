// The pre-commit hook (.pre-commit-hooks.yaml), through the real `pre-commit` tool: it installs this
// repository with npm the way it does for any `language: node` hook (npm install, which builds dist/
// through `prepare`; npm pack; a global install of the tarball) and runs `pactline lint` on the staged
// contract files. The hook repository is a commit of this working tree; the project is a git repository
// holding the example workspace. Only the changed files are passed, but the workspace's pactline.yaml
// gives the context, so a pipeline naming an unchanged contract is not "unknown".
// End to end (pre-commit from apt when missing, npm installs): off with PACTLINE_E2E=0.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { copyRepo, git, GIT_ENV, gitInit, ROOT, run } from './helpers';

/** Why the test cannot run, or false. Installs pre-commit (Debian's package) when it is missing and we may. */
function preCommitMissing(): string | false {
  if (process.env.PACTLINE_E2E === '0')
    return 'PACTLINE_E2E=0: would have run the pre-commit hook on a bad and a good staged contract (try-repo, then a real git commit)';
  const has = () => spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
  if (has()) return false;
  const canApt = process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0;
  if (canApt) {
    spawnSync('apt-get', ['install', '-y', '-q', 'pre-commit'], {
      stdio: 'ignore',
      timeout: 10 * 60_000,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (has()) return false;
  }
  return `pre-commit is not installed and ${canApt ? '`apt-get install pre-commit` failed' : 'cannot be installed here (needs root and apt-get)'}: would have run the pre-commit hook on a bad and a good staged contract`;
}

const skip = preCommitMissing();
const work = mkdtempSync(join(tmpdir(), 'pactline-pre-commit-'));
const hookRepo = join(work, 'hooks');
const project = join(work, 'project');
const pipeline = join(project, 'pipelines/lake-archive.pipeline.yaml');
const env = { ...GIT_ENV, PRE_COMMIT_HOME: join(work, 'cache'), PRE_COMMIT_COLOR: 'never' };
let rev = '';

describe('the pre-commit hook', { skip, timeout: 20 * 60_000 }, () => {
  before(() => {
    copyRepo(hookRepo);
    gitInit(hookRepo, 'hooks');
    rev = git(hookRepo, 'rev-parse', 'HEAD').trim();
    cpSync(join(ROOT, 'examples'), project, { recursive: true });
    gitInit(project, 'contracts');
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('try-repo with a bad pipeline staged: refused, with the finding on that file only', () => {
    const text = readFileSync(pipeline, 'utf8');
    writeFileSync(
      pipeline,
      text.replace('- contract: validated-storefront-events\n', '- contract: validated-storefront-event\n'),
    );
    git(project, 'add', '-A');
    const r = run('pre-commit', ['try-repo', hookRepo, 'pactline', '--ref', rev], {
      cwd: project,
      env,
      timeout: 15 * 60_000,
    });
    const out = r.stdout + r.stderr;
    assert.equal(r.code, 1, out);
    assert.match(out, /pactline lint\.+Failed/);
    assert.match(
      out,
      /pipelines\/lake-archive\.pipeline\.yaml\n {2}\d+:\d+ +error +Pipeline input names contract `validated-storefront-event`, which no file in the workspace declares\. Did you mean `validated-storefront-events`\? +ref\/unknown-contract/,
    );
    assert.match(out, /✖ 1 problem \(1 error, 0 warnings, 0 infos\) in 1 file/);
    git(project, 'checkout', 'HEAD', '--', '.');
  });

  it('installed as the git hook: a bad commit is refused, a good one (naming unchanged contracts) goes in', () => {
    writeFileSync(
      join(project, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: pactline\n`,
    );
    git(project, 'add', '.pre-commit-config.yaml');
    git(project, 'commit', '-qm', 'pre-commit', '--no-verify');
    const install = run('pre-commit', ['install'], { cwd: project, env });
    assert.equal(install.code, 0, install.stderr);
    const head = git(project, 'rev-parse', 'HEAD');

    const text = readFileSync(pipeline, 'utf8');
    writeFileSync(
      pipeline,
      text.replace('- contract: validated-storefront-events\n', '- contract: validated-storefront-event\n'),
    );
    git(project, 'add', '-A');
    const bad = run('git', ['commit', '-m', 'archive the wrong contract'], { cwd: project, env, timeout: 15 * 60_000 });
    assert.equal(bad.code, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout + bad.stderr, /ref\/unknown-contract/);
    assert.equal(git(project, 'rev-parse', 'HEAD'), head, 'nothing committed');

    writeFileSync(pipeline, text);
    appendFileSync(pipeline, '# reviewed by the platform team\n');
    git(project, 'add', '-A');
    const good = run('git', ['commit', '-m', 'note the review'], { cwd: project, env, timeout: 15 * 60_000 });
    assert.equal(good.code, 0, good.stdout + good.stderr);
    assert.match(good.stdout + good.stderr, /pactline lint\.+Passed/);
    assert.notEqual(git(project, 'rev-parse', 'HEAD'), head);
  });
});
