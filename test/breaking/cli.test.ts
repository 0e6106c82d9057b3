// `pactline breaking` and `pactline lint --against` as users run them (the bundled CLI in a
// temporary repository): the report, the impact sentence, every format, the options, exit codes, and
// the failures that must be one clear line with exit 2 — never a stack trace.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cli, git, odcs, Repo, tempDir, type JsonFinding } from './helpers';

const ORDERS_BEFORE = odcs(
  [
    '- name: order_id\n  logicalType: string\n  required: true',
    '- name: customer_id\n  logicalType: string\n  required: true',
    '- name: amount\n  logicalType: number',
  ].join('\n'),
  { version: '1.4.0' },
);
const ORDERS_AFTER = odcs(
  ['- name: order_id\n  logicalType: string\n  required: true', '- name: amount\n  logicalType: number'].join('\n'),
  { version: '1.4.0' },
);

const FEATURES = odcs('- name: customer_key\n  logicalType: string\n- name: total\n  logicalType: number', {
  id: 'features',
  object: 'features',
});
const PIPELINE = `apiVersion: pactline/v1
kind: Pipeline
id: feature-build
owner: ml-team
schedule:
  cron: "0 2 * * *"
steps:
  - id: join
    inputs:
      - contract: orders
    outputs:
      - contract: features
        columns:
          customer_key: orders.customer_id
          total: orders.amount
`;
const PRODUCT = `apiVersion: v1.0.0
kind: DataProduct
id: churn-model
status: active
inputPorts:
  - name: orders
    version: 1.0.0
    contractId: orders
`;

function workspace(): Repo {
  const repo = Repo.init({
    'contracts/orders.odcs.yaml': ORDERS_BEFORE,
    'contracts/features.odcs.yaml': FEATURES,
    'pipelines/feature-build.pipeline.yaml': PIPELINE,
    'products/churn-model.odps.yaml': PRODUCT,
  });
  repo.write({ 'contracts/orders.odcs.yaml': ORDERS_AFTER });
  return repo;
}

function noStackTrace(stderr: string): void {
  assert.doesNotMatch(stderr, /internal error|\n\s+at .+:\d+:\d+/, stderr);
}

describe('pactline breaking', () => {
  it('reports the removal with its consumers, the mapped column, and exits 1', () => {
    const repo = workspace();
    const run = cli(repo.dir, ['breaking', '--against', 'HEAD', '--format', 'json']);
    assert.equal(run.status, 1, run.stderr);
    const findings = JSON.parse(run.stdout).findings as JsonFinding[];
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f.rule, 'breaking/property-removed');
    assert.equal(f.file, 'contracts/orders.odcs.yaml');
    assert.deepEqual(f.change, {
      kind: 'property-removed',
      path: 'orders.customer_id',
      before: { name: 'customer_id', type: 'string', required: true },
      after: null,
    });
    assert.ok(
      f.message.includes(
        'Removing `customer_id` breaks 2 consumers: pipeline `feature-build` step `join` (maps it to `customer_key`), product `churn-model` input port `orders`.',
      ),
      f.message,
    );
    assert.deepEqual(f.impact, [
      {
        kind: 'pipeline',
        id: 'feature-build',
        file: 'pipelines/feature-build.pipeline.yaml',
        detail: 'step `join` maps `customer_id` to `customer_key`',
      },
      { kind: 'product', id: 'churn-model', file: 'products/churn-model.odps.yaml', detail: 'input port `orders`' },
    ]);
    // Only breaking rules: the pipeline's now unknown column (ref/unknown-column) is lint's business.
    assert.ok(findings.every((x) => x.rule.startsWith('breaking/')));
  });

  it('every format renders the finding', () => {
    const repo = workspace();
    for (const format of ['text', 'json', 'sarif', 'github', 'junit', 'gitlab', 'markdown']) {
      const run = cli(repo.dir, ['breaking', '--against', 'HEAD', '--format', format]);
      assert.equal(run.status, 1, `${format}: ${run.stderr}`);
      assert.match(run.stdout, /property-removed/, format);
      assert.match(run.stdout, /feature-build/, format);
    }
  });

  it('--output, --fail-on, --max-warnings, --compat', () => {
    const repo = workspace();
    const out = path.join(repo.dir, 'report.json');
    let run = cli(repo.dir, ['breaking', '--against=HEAD', '--output', out, '--format', 'json']);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.equal(
      (JSON.parse(fs.readFileSync(out, 'utf8')).findings as JsonFinding[])[0].rule,
      'breaking/property-removed',
    );
    assert.equal(cli(repo.dir, ['breaking', '--against', 'HEAD', '--fail-on', 'none']).status, 0);
    // Backward compatibility: removing a property is allowed (information only).
    run = cli(repo.dir, ['breaking', '--against', 'HEAD', '--compat', 'backward', '--format', 'json']);
    assert.equal(run.status, 0);
    assert.equal((JSON.parse(run.stdout).findings as JsonFinding[])[0].severity, 'info');
    assert.equal(cli(repo.dir, ['breaking', '--against', 'HEAD', '--compat', 'none']).status, 0);
    // With a major version bump the error becomes a warning: exit 0, unless warnings are capped.
    repo.write({ 'contracts/orders.odcs.yaml': ORDERS_AFTER.replace('version: 1.4.0', 'version: 2.0.0') });
    assert.equal(cli(repo.dir, ['breaking', '--against', 'HEAD']).status, 0);
    assert.equal(cli(repo.dir, ['breaking', '--against', 'HEAD', '--max-warnings', '0']).status, 1);
    assert.equal(cli(repo.dir, ['breaking', '--against', 'HEAD', '--fail-on', 'warning']).status, 1);
  });

  it('--config and breaking.against from the configuration', () => {
    const repo = workspace();
    repo.write({ 'ci/strict.yaml': 'rules:\n  breaking/property-removed: warning\n' });
    const run = cli(repo.dir, ['breaking', '--against', 'HEAD', '--config', 'ci/strict.yaml', '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout).findings as JsonFinding[])[0].severity, 'warning');
    repo.write({ 'pactline.yaml': 'breaking:\n  against: HEAD\n' });
    assert.equal(cli(repo.dir, ['breaking']).status, 1);
  });

  it('PATHs limit the base side: a contract outside them is not compared', () => {
    const repo = workspace();
    repo
      .write({
        'contracts/orders.odcs.yaml': ORDERS_BEFORE,
        'other/x.odcs.yaml': odcs('- name: a\n  logicalType: string', { id: 'x' }),
      })
      .commit('add x');
    repo.write({ 'contracts/orders.odcs.yaml': ORDERS_AFTER, 'other/x.odcs.yaml': null });
    const run = cli(repo.dir, ['breaking', 'contracts', '--against', 'HEAD', '--format', 'json']);
    assert.deepEqual(
      (JSON.parse(run.stdout).findings as JsonFinding[]).map((f) => f.rule),
      ['breaking/property-removed'],
    );
    const all = cli(repo.dir, ['breaking', '--against', 'HEAD', '--format', 'json']);
    assert.deepEqual((JSON.parse(all.stdout).findings as JsonFinding[]).map((f) => f.rule).sort(), [
      'breaking/contract-removed',
      'breaking/property-removed',
    ]);
  });

  it('works from a subfolder of the repository', () => {
    const repo = workspace();
    const run = cli(path.join(repo.dir, 'contracts'), ['breaking', '.', '--against', 'HEAD', '--format', 'json']);
    assert.equal(run.status, 1, run.stderr);
    assert.equal((JSON.parse(run.stdout).findings as JsonFinding[])[0].file, 'orders.odcs.yaml');
  });

  it('needs --against', () => {
    const repo = workspace();
    const run = cli(repo.dir, ['breaking']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /needs --against REF/);
  });
});

describe('pactline lint --against', () => {
  it('lint findings and breaking findings in one report', () => {
    const repo = workspace();
    const run = cli(repo.dir, ['lint', '--against', 'HEAD', '--format', 'json']);
    assert.equal(run.status, 1, run.stderr);
    // lineage/ rules (orders is read but not declared a source) are not this test's subject
    const rules = (JSON.parse(run.stdout).findings as JsonFinding[])
      .map((f) => f.rule)
      .filter((r) => !r.startsWith('lineage/'))
      .sort();
    assert.deepEqual(rules, ['breaking/property-removed', 'ref/unknown-column']);
  });

  it('without --against, lint has no breaking findings', () => {
    const repo = workspace();
    const rules = (JSON.parse(cli(repo.dir, ['lint', '--format', 'json']).stdout).findings as JsonFinding[])
      .map((f) => f.rule)
      .filter((r) => !r.startsWith('lineage/'));
    assert.deepEqual(rules, ['ref/unknown-column']);
  });

  it('not a git repository: one note on stderr, lint goes on', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'orders.odcs.yaml'), ORDERS_AFTER);
    const run = cli(dir, ['lint', '--against', 'HEAD']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr.trim().split('\n').length, 1);
    assert.match(run.stderr, /not a git repository.*skipped/);
    assert.match(run.stdout, /1 file checked/);
  });
});

describe('failures: exit 2, one clear message, no stack trace', () => {
  it('pactline breaking outside a repository', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'orders.odcs.yaml'), ORDERS_AFTER);
    const run = cli(dir, ['breaking', '--against', 'HEAD']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /not a git repository/);
    noStackTrace(run.stderr);
  });

  it('a shallow clone compared against an older commit: the git fetch that fixes it', () => {
    const upstream = workspace();
    upstream.commit('remove customer_id');
    const clone = tempDir();
    git(clone, 'clone', '-q', '--depth', '1', `file://${upstream.dir}`, '.');
    for (const ref of ['HEAD~1', 'merge-base:origin/feature']) {
      const run = cli(clone, ['breaking', '--against', ref]);
      assert.equal(run.status, 2, ref);
      assert.match(run.stderr, /git fetch (--unshallow|origin feature)/, ref);
      assert.match(run.stderr, /fetch-depth: 0/, ref);
      noStackTrace(run.stderr);
    }
  });

  it('HEAD~5 in a one-commit repository with no remote: it does not exist, and no fetch is suggested', () => {
    const repo = Repo.init({ 'contracts/orders.odcs.yaml': ORDERS_BEFORE });
    for (const command of ['breaking', 'lint']) {
      const run = cli(repo.dir, [command, '--against', 'HEAD~5']);
      assert.equal(run.status, 2, command);
      assert.match(
        run.stderr,
        /^pactline: `HEAD~5` \(from --against\) does not exist: the history of `HEAD` has 1 commit\./,
        command,
      );
      assert.doesNotMatch(run.stderr, /git fetch|fetch-depth|shallow/, command);
      noStackTrace(run.stderr);
    }
    // A commit id that is not there, no remote: check the id, nothing to fetch from.
    const sha = cli(repo.dir, ['breaking', '--against', 'deadbeefdeadbeef']);
    assert.equal(sha.status, 2);
    assert.match(sha.stderr, /`deadbeefdeadbeef` \(from --against\) was not found/);
    assert.doesNotMatch(sha.stderr, /git fetch|fetch-depth/);
  });

  it('the REF from pactline.yaml: said on stderr when used, and named as the origin when missing', () => {
    const repo = workspace();
    repo.write({ 'pactline.yaml': 'breaking:\n  against: HEAD\n' });
    const used = cli(repo.dir, ['breaking', '--format', 'json']);
    assert.equal(used.status, 1, used.stderr);
    assert.equal(used.stderr, 'pactline: comparing against HEAD (breaking.against in pactline.yaml)\n');
    // Given on the command line: nothing to say.
    assert.equal(cli(repo.dir, ['breaking', '--against', 'HEAD', '--format', 'json']).stderr, '');
    repo.write({ 'pactline.yaml': 'breaking:\n  against: merge-base:origin/main\n' });
    const missing = cli(repo.dir, ['breaking']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /`origin\/main` \(from breaking\.against in pactline\.yaml\) was not found/);
    // No remote at all: no fetch command to paste.
    assert.match(missing.stderr, /no remote/);
    noStackTrace(missing.stderr);
  });

  it('a missing ref', () => {
    const repo = workspace();
    const run = cli(repo.dir, ['lint', '--against', 'no-such-branch']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /`no-such-branch` \(from --against\) was not found/);
    noStackTrace(run.stderr);
  });

  it('REF injection attempts are refused and run nothing', () => {
    const repo = workspace();
    let run = cli(repo.dir, ['breaking', '--against=--output=x']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /starts with `-`/);
    assert.equal(fs.existsSync(path.join(repo.dir, 'x')), false);
    run = cli(repo.dir, ['lint', '--against', '--output=x']);
    assert.equal(run.status, 2);
    assert.equal(fs.existsSync(path.join(repo.dir, 'x')), false);
    for (const ref of ['HEAD;rm', 'HEAD$(touch${IFS}pwned)', 'HEAD`touch pwned`', 'HEAD\nrm', 'merge-base:-q']) {
      run = cli(repo.dir, ['breaking', '--against', ref]);
      assert.equal(run.status, 2, ref);
      noStackTrace(run.stderr);
    }
    assert.equal(fs.existsSync(path.join(repo.dir, 'pwned')), false);
    assert.equal(git(repo.dir, 'status', '--porcelain'), 'M contracts/orders.odcs.yaml');
  });
});
