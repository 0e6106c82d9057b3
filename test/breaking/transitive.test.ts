// Several bases: `--against` repeated, `--transitive TAG-GLOB` (and `breaking.transitive` in
// pactline.yaml) over three tagged versions, read through one `git cat-file --batch`; and
// `pactline changelog` in its three formats. The real CLI bundle in temporary git repositories.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cli, odcs, Repo } from './helpers';

const C = 'contracts/orders.odcs.yaml';
const status = (values: string[]) =>
  `- name: order_id\n  logicalType: string\n  required: true\n- name: status\n  logicalType: string\n  enum: [${values.join(', ')}]`;

/** v1.0.0 allows `open, closed`; v1.1.0 added `cancelled` (breaking then, released anyway); v1.2.0 the same. */
function releasedRepo(): Repo {
  const repo = Repo.init({ [C]: odcs(status(['open', 'closed']), { version: '1.0.0' }) });
  repo.git('tag', 'orders-v1.0.0');
  repo.write({ [C]: odcs(status(['open', 'closed', 'cancelled']), { version: '1.1.0' }) }).commit('v1.1.0');
  repo.git('tag', 'orders-v1.1.0');
  repo
    .write({
      [C]: odcs(`${status(['open', 'closed', 'cancelled'])}\n- name: note\n  logicalType: string`, {
        version: '1.2.0',
      }),
    })
    .commit('v1.2.0');
  repo.git('tag', 'orders-v1.2.0');
  repo.git('tag', 'unrelated-v9');
  // The working tree: compatible with v1.2.0 (drops nothing, adds an optional property).
  repo.write({
    [C]: odcs(
      `${status(['open', 'closed', 'cancelled'])}\n- name: note\n  logicalType: string\n- name: channel\n  logicalType: string`,
      { version: '1.3.0' },
    ),
  });
  return repo;
}

interface Finding {
  rule: string;
  severity: string;
  message: string;
  change?: { against?: string };
}

describe('transitive compatibility', () => {
  it('compatible with the last version, not with the first: caught, with the oldest version it breaks', () => {
    const repo = releasedRepo();
    const last = cli(repo.dir, ['breaking', '--against', 'orders-v1.2.0', '--format', 'json']);
    assert.equal(last.status, 0, last.stderr);
    assert.deepEqual(
      (JSON.parse(last.stdout).findings as Finding[]).map((f) => f.rule),
      ['breaking/property-added-optional'],
    );

    const run = cli(repo.dir, ['breaking', '--transitive', 'orders-v*', '--format', 'json']);
    assert.equal(run.status, 1, run.stderr);
    const findings = JSON.parse(run.stdout).findings as Finding[];
    assert.deepEqual(findings.map((f) => `${f.rule}:${f.severity}`).sort(), [
      'breaking/enum-value-added:error',
      'breaking/property-added-optional:info',
      'breaking/property-added-optional:info',
    ]);
    const enumAdded = findings.find((f) => f.rule === 'breaking/enum-value-added')!;
    assert.equal(enumAdded.change?.against, 'orders-v1.0.0');
    assert.match(
      enumAdded.message,
      /now also allows `cancelled`.*Oldest version it breaks: `orders-v1\.0\.0` \(checked against `orders-v1\.0\.0`, `orders-v1\.1\.0`, `orders-v1\.2\.0`\)/s,
    );
    // `note` is new against v1.0.0 and v1.1.0 only, `channel` against all three: each reported once.
    assert.equal(findings.filter((f) => f.rule === 'breaking/property-added-optional').length, 2);
  });

  it('--against repeated and breaking.transitive in pactline.yaml give the same verdict', () => {
    const repo = releasedRepo();
    const repeated = cli(repo.dir, [
      'breaking',
      '--against',
      'orders-v1.2.0',
      '--against',
      'orders-v1.0.0',
      '--format',
      'json',
    ]);
    assert.equal(repeated.status, 1, repeated.stderr);
    assert.equal(
      (JSON.parse(repeated.stdout).findings as Finding[]).find((f) => f.rule === 'breaking/enum-value-added')?.change
        ?.against,
      'orders-v1.0.0',
    );

    fs.writeFileSync(path.join(repo.dir, 'pactline.yaml'), 'breaking:\n  transitive: orders-v*\n');
    const configured = cli(repo.dir, ['breaking', '--format', 'json']);
    assert.equal(configured.status, 1, configured.stderr);
    assert.ok(
      (JSON.parse(configured.stdout).findings as Finding[]).some((f) => f.rule === 'breaking/enum-value-added'),
    );
  });

  it('reads every version through ONE cat-file process, and refuses bad patterns and empty matches', () => {
    const repo = releasedRepo();
    // GIT_TRACE lists every git process the run starts.
    const trace = path.join(repo.dir, '..', `trace-${path.basename(repo.dir)}.txt`);
    const traced = cli(repo.dir, ['breaking', '--transitive', 'orders-v*'], { GIT_TRACE: trace });
    assert.equal(traced.status, 1, traced.stderr);
    const started = fs
      .readFileSync(trace, 'utf8')
      .split('\n')
      .filter((l) => /run_command|built-in: git/.test(l) && / git /.test(l));
    assert.equal(started.filter((l) => /cat-file/.test(l)).length, 1, started.join('\n'));
    assert.equal(started.filter((l) => /ls-tree/.test(l)).length, 3);
    fs.rmSync(trace, { force: true });

    const bad = cli(repo.dir, ['breaking', '--transitive', '--output=/tmp/x']);
    assert.equal(bad.status, 2);
    const none = cli(repo.dir, ['breaking', '--transitive', 'billing-v*']);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /No tag matches `billing-v\*`/);
    const lint = cli(repo.dir, ['lint', '--against', 'orders-v1.0.0', '--against', 'orders-v1.1.0']);
    assert.equal(lint.status, 2);
    assert.match(lint.stderr, /takes one REF/);
  });
});

describe('pactline changelog', () => {
  function changedRepo(): Repo {
    const repo = Repo.init({
      [C]: odcs(`${status(['open', 'closed'])}\n- name: customer_id\n  logicalType: string`, { version: '1.0.0' }),
      'contracts/billing.odcs.yaml': odcs('- name: invoice_id\n  logicalType: string', {
        id: 'billing',
        object: 'invoices',
      }),
    });
    repo.git('tag', 'v1');
    repo.write({
      [C]: odcs(`${status(['open', 'closed'])}\n- name: note\n  logicalType: string`, { version: '1.1.0' }),
      'contracts/billing.odcs.yaml': odcs(
        '- name: invoice_id\n  logicalType: string\n- name: total\n  logicalType: number',
        { id: 'billing', object: 'invoices' },
      ),
    });
    return repo;
  }

  it('json: every change, breaking or not, per contract, with the breaking ids', () => {
    const run = cli(changedRepo().dir, ['changelog', '--against', 'v1', '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as {
      against: string;
      contracts: { id: string; files: string[]; changes: (Finding & { breaking: boolean })[] }[];
      summary: unknown;
    };
    assert.equal(report.against, 'v1');
    assert.deepEqual(
      report.contracts.map((c) => c.id),
      ['billing', 'orders'],
    );
    assert.deepEqual(
      report.contracts[0].changes.map((c) => [c.rule, c.breaking]),
      [['breaking/property-added-optional', false]],
    );
    assert.deepEqual(
      report.contracts[1].changes.map((c) => [c.rule, c.breaking]),
      [
        ['breaking/property-removed', true],
        ['breaking/property-added-optional', false],
      ],
    );
    assert.deepEqual(report.summary, { contracts: 2, changes: 3, breaking: 1 });
  });

  it('markdown: a section per contract, breaking first', () => {
    const run = cli(changedRepo().dir, ['changelog', '--against', 'v1', '--format', 'markdown']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^## Changes against `v1`\n\n### `billing` \(`contracts\/billing\.odcs\.yaml`\)\n\n\*\*Other changes\*\* \(1\)\n\n- Property `invoices\.total` \(number\) was added \(optional\)\. `breaking\/property-added-optional`/,
    );
    assert.match(
      run.stdout,
      /### `orders` \(`contracts\/orders\.odcs\.yaml`\)\n\n\*\*Breaking\*\* \(1\)\n\n- \*\*error\*\* Property `orders\.customer_id` \(string\) was removed\..*`breaking\/property-removed` \(line \d+\)\n\n\*\*Other changes\*\* \(1\)\n\n- Property `orders\.note` \(string\) was added \(optional\)\./s,
    );
  });

  it('text: one block per contract and a total', () => {
    const run = cli(changedRepo().dir, ['changelog', '--against', 'v1']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^billing \(contracts\/billing\.odcs\.yaml\): 0 breaking, 1 other\n/);
    assert.match(
      run.stdout,
      /orders \(contracts\/orders\.odcs\.yaml\): 1 breaking, 1 other\n.*error\s+Property `orders\.customer_id`/s,
    );
    assert.match(run.stdout, /3 changes \(1 breaking\) in 2 contracts against v1\n$/);
    const usage = cli(changedRepo().dir, ['changelog', '--against', 'v1', '--format', 'sarif']);
    assert.equal(usage.status, 2);
  });
});
