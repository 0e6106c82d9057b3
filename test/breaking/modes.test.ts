// The cases rules.test.ts runs in the default mode only, now in forward, backward and full (and none):
// a moved file with a change in it, renames (property and schema object), a major version bump, a
// deprecated contract, and a shallow clone. Also the REF injection strings of the issue, verbatim,
// through `breaking` and `lint --against`. Every case is a temporary git repository made here.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { breaking, cli, git, odcs, Repo, tempDir, type JsonFinding } from './helpers';

const C = 'contracts/orders.odcs.yaml';
const MODES = ['forward', 'backward', 'full', 'none'] as const;
type Mode = (typeof MODES)[number];

const ORDER_ID = '- name: order_id\n  logicalType: string\n  required: true';
const CUSTOMER_ID = '- name: customer_id\n  logicalType: string\n  required: true';

const summary = (findings: JsonFinding[]) => findings.map((f) => `${f.severity} ${f.rule} ${f.file} ${f.change?.path}`);

/** Runs the same repository state in every mode; `expected[mode]` lists `severity rule file path`. */
async function inEveryMode(dir: string, ref: string, expected: Record<Mode, string[]>): Promise<void> {
  for (const mode of MODES) {
    const result = await breaking(dir, ref, { compat: mode });
    assert.equal(result.error, undefined, result.error);
    assert.deepEqual(summary(result.findings).sort(), [...expected[mode]].sort(), mode);
    const failing = result.findings.some((f) => f.severity === 'error');
    assert.equal(result.exitCode, failing ? 1 : 0, `${mode}: exit code`);
  }
}

describe('file moves, in every mode', () => {
  it('a moved file with a property removed: one finding, in the new file, verdict by mode', async () => {
    const repo = Repo.init({ [C]: odcs(`${ORDER_ID}\n${CUSTOMER_ID}`) });
    repo.move(C, 'domains/sales/orders-contract.yaml');
    repo.write({ 'domains/sales/orders-contract.yaml': odcs(ORDER_ID) });
    const f = 'breaking/property-removed domains/sales/orders-contract.yaml orders.customer_id';
    await inEveryMode(repo.dir, 'HEAD', {
      forward: [`error ${f}`],
      backward: [`info ${f}`],
      full: [`error ${f}`],
      none: [`info ${f}`],
    });
  });

  it('a moved and committed file, compared against HEAD~1: a required property added', async () => {
    const repo = Repo.init({ [C]: odcs(ORDER_ID) });
    repo.move(C, 'moved/orders.odcs.yaml');
    repo.write({ 'moved/orders.odcs.yaml': odcs(`${ORDER_ID}\n${CUSTOMER_ID}`) }).commit('move and add');
    const f = 'breaking/property-added-required moved/orders.odcs.yaml orders.customer_id';
    await inEveryMode(repo.dir, 'HEAD~1', {
      forward: [`info ${f}`],
      backward: [`error ${f}`],
      full: [`error ${f}`],
      none: [`info ${f}`],
    });
  });

  it('a moved file with no change: nothing in any mode', async () => {
    const repo = Repo.init({ [C]: odcs(`${ORDER_ID}\n${CUSTOMER_ID}`) });
    repo.move(C, 'x/y/z.odcs.yaml');
    await inEveryMode(repo.dir, 'HEAD', { forward: [], backward: [], full: [], none: [] });
  });
});

describe('renames, in every mode', () => {
  it('an optional property renamed by similarity breaks forward only', async () => {
    const repo = Repo.init({ [C]: odcs(`${ORDER_ID}\n- name: cust_id\n  logicalType: string`) });
    repo.write({ [C]: odcs(`${ORDER_ID}\n- name: customer_id\n  logicalType: string`) });
    const f = `breaking/property-renamed ${C} orders.cust_id`;
    await inEveryMode(repo.dir, 'HEAD', {
      forward: [`error ${f}`],
      backward: [`info ${f}`],
      full: [`error ${f}`],
      none: [`info ${f}`],
    });
  });

  it('a rename to a required property breaks backward as well', async () => {
    const repo = Repo.init({ [C]: odcs(`${ORDER_ID}\n- name: cust_id\n  logicalType: string\n  required: true`) });
    repo.write({ [C]: odcs(`${ORDER_ID}\n- name: customer_id\n  logicalType: string\n  required: true`) });
    const f = `breaking/property-renamed ${C} orders.cust_id`;
    await inEveryMode(repo.dir, 'HEAD', {
      forward: [`error ${f}`],
      backward: [`error ${f}`],
      full: [`error ${f}`],
      none: [`info ${f}`],
    });
  });

  it('a schema object renamed breaks both ways', async () => {
    const props = `${ORDER_ID}\n${CUSTOMER_ID}\n- name: amount\n  logicalType: number`;
    const repo = Repo.init({ [C]: odcs(props, { object: 'order' }) });
    repo.write({ [C]: odcs(props, { object: 'orders' }) });
    const f = `breaking/schema-object-renamed ${C} order`;
    await inEveryMode(repo.dir, 'HEAD', {
      forward: [`error ${f}`],
      backward: [`error ${f}`],
      full: [`error ${f}`],
      none: [`info ${f}`],
    });
  });
});

describe('version bumps, in every mode', () => {
  it('a major bump turns what breaks the mode into a warning; what does not stays info', async () => {
    const repo = Repo.init({ [C]: odcs(`${ORDER_ID}\n${CUSTOMER_ID}`, { version: '1.4.0' }) });
    repo.write({ [C]: odcs(ORDER_ID, { version: '2.0.0' }) });
    const f = `breaking/property-removed ${C} orders.customer_id`;
    await inEveryMode(repo.dir, 'HEAD', {
      forward: [`warning ${f}`],
      backward: [`info ${f}`],
      full: [`warning ${f}`],
      none: [`info ${f}`],
    });
  });

  it('a minor bump announces nothing', async () => {
    const repo = Repo.init({ [C]: odcs(ORDER_ID, { version: '1.4.0' }) });
    repo.write({ [C]: odcs(`${ORDER_ID}\n${CUSTOMER_ID}`, { version: '1.5.0' }) }).commit('minor');
    const f = `breaking/property-added-required ${C} orders.customer_id`;
    await inEveryMode(repo.dir, 'HEAD~1', {
      forward: [`info ${f}`],
      backward: [`error ${f}`],
      full: [`error ${f}`],
      none: [`info ${f}`],
    });
  });
});

describe('status, in every mode', () => {
  const product =
    'apiVersion: v1.0.0\nkind: DataProduct\nid: churn\nstatus: active\ninputPorts:\n  - name: orders\n    version: 1.0.0\n    contractId: orders\n';
  it('deprecated while consumed: a warning where forward is enforced', async () => {
    const repo = Repo.init({ [C]: odcs(ORDER_ID), 'products/churn.odps.yaml': product });
    repo.write({ [C]: odcs(ORDER_ID).replace('status: active', 'status: deprecated') });
    const f = `breaking/status-deprecated ${C} `;
    await inEveryMode(repo.dir, 'HEAD', {
      forward: [`warning ${f}`],
      backward: [`info ${f}`],
      full: [`warning ${f}`],
      none: [`info ${f}`],
    });
  });
});

describe('shallow clones, in every mode', () => {
  it('against HEAD a depth-1 clone is enough; against HEAD~1 every mode exits 2 with the fetch that fixes it', async () => {
    const upstream = Repo.init({ [C]: odcs(`${ORDER_ID}\n${CUSTOMER_ID}`) });
    upstream
      .write({ [C]: odcs(`${ORDER_ID}\n${CUSTOMER_ID}\n- name: note\n  logicalType: string`) })
      .commit('add note');
    const clone = tempDir();
    git(clone, 'clone', '-q', '--depth', '1', `file://${upstream.dir}`, '.');
    assert.equal(git(clone, 'rev-parse', '--is-shallow-repository'), 'true');
    fs.writeFileSync(path.join(clone, C), odcs(ORDER_ID));
    const removed = (what: string) => `breaking/property-removed ${C} orders.${what}`;
    await inEveryMode(clone, 'HEAD', {
      forward: [`error ${removed('customer_id')}`, `error ${removed('note')}`],
      backward: [`info ${removed('customer_id')}`, `info ${removed('note')}`],
      full: [`error ${removed('customer_id')}`, `error ${removed('note')}`],
      none: [`info ${removed('customer_id')}`, `info ${removed('note')}`],
    });
    for (const mode of MODES) {
      const result = await breaking(clone, 'HEAD~1', { compat: mode });
      assert.equal(result.exitCode, 2, mode);
      assert.match(result.error ?? '', /shallow clone/, mode);
      assert.match(result.error ?? '', /git fetch --unshallow/, mode);
      assert.match(result.error ?? '', /fetch-depth: 0/, mode);
    }
  });
});

describe('REF injection: the strings of the issue, verbatim', () => {
  it('--output=/tmp/x, -c core.pager=sh, $(touch x), HEAD;touch x are refused by breaking and lint --against, and nothing runs', () => {
    const repo = Repo.init({ [C]: odcs(`${ORDER_ID}\n${CUSTOMER_ID}`) });
    repo.write({ [C]: odcs(ORDER_ID) });
    const tmpX = '/tmp/x';
    const tmpXBefore = fs.existsSync(tmpX) ? fs.statSync(tmpX).mtimeMs : undefined;
    const refs = [
      '--output=/tmp/x',
      `--output=${path.join(repo.dir, 'out')}`,
      '-c core.pager=sh',
      '-c',
      '$(touch x)',
      'HEAD;touch x',
      'merge-base:$(touch x)',
      'merge-base:--output=/tmp/x',
    ];
    for (const command of ['breaking', 'lint']) {
      for (const ref of refs) {
        for (const args of [
          [command, '--against', ref],
          [command, `--against=${ref}`],
        ]) {
          const run = cli(repo.dir, args);
          assert.equal(run.status, 2, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
          assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+/, 'no stack trace');
          if (ref.startsWith('-') || ref.startsWith('merge-base:-'))
            assert.match(run.stderr, /starts with `-`|needs a value|requires a value|missing/i, args.join(' '));
          else if (/\s/.test(ref)) assert.match(run.stderr, /whitespace/, args.join(' '));
          else assert.match(run.stderr, /was not found/, args.join(' '));
        }
      }
    }
    assert.equal(fs.existsSync(path.join(repo.dir, 'x')), false, 'nothing was touched');
    assert.equal(fs.existsSync(path.join(repo.dir, 'out')), false, 'no report was written');
    assert.equal(fs.existsSync(tmpX) ? fs.statSync(tmpX).mtimeMs : undefined, tmpXBefore, '/tmp/x untouched');
    assert.equal(git(repo.dir, 'status', '--porcelain'), ` M ${C}`.trim());
    assert.doesNotMatch(git(repo.dir, 'config', '--list', '--local'), /pager/, 'no configuration was written');
  });
});

describe('pactline breaking parses only what changed, and reports what lint --against reports', () => {
  it('on a git repository of examples/ with edits in two contracts, a move and a deletion', async () => {
    const examples = path.resolve(__dirname, '..', '..', 'examples');
    const repo = Repo.init();
    fs.cpSync(examples, repo.dir, { recursive: true });
    repo.commit('examples');
    const edit = (file: string, from: string | RegExp, to: string) => {
      const full = path.join(repo.dir, file);
      const text = fs.readFileSync(full, 'utf8');
      const next = text.replace(from, to);
      assert.notEqual(next, text, `${file}: ${from}`);
      fs.writeFileSync(full, next);
    };
    edit('contracts/features-customer-churn.odcs.yaml', '      - name: tenure_days', '      - name: tenure_in_days');
    edit('contracts/warehouse-orders.odcs.yaml', / {6}- name: email_sha256[\s\S]*?(?= {6}- name: country_code)/, '');
    repo.move('contracts/raw-payments-cdc.odcs.yaml', 'contracts/moved/raw-payments-cdc.odcs.yaml');
    fs.rmSync(path.join(repo.dir, 'contracts/validated-commerce-cdc.odcs.yaml'));
    for (const compat of ['forward', 'full'] as const) {
      const only = await breaking(repo.dir, 'HEAD', { compat });
      const all = await breaking(repo.dir, 'HEAD', { compat, withLint: true });
      const key = (f: JsonFinding) => JSON.stringify([f.file, f.rule, f.severity, f.message, f.range, f.impact]);
      assert.ok(only.findings.length >= 3, summary(only.findings).join('\n'));
      assert.deepEqual(
        only.findings.map(key).sort(),
        all.findings
          .filter((f) => f.rule.startsWith('breaking/'))
          .map(key)
          .sort(),
        compat,
      );
      assert.ok(
        only.findings.some((f) => f.rule === 'breaking/contract-removed' && f.impact?.length),
        'the deleted contract names its consumers',
      );
      assert.ok(
        only.findings.some((f) => f.rule === 'breaking/property-removed' && /breaks 2 consumers/.test(f.message)),
      );
    }
  });
});
