// The GitHub Action (action.yml, composite), run the way the runner runs it: each step's `if:` evaluated
// (status functions, inputs, step outcomes and outputs), `${{ }}` substituted, its `run:` script given to
// `bash --noprofile --norc -eo pipefail` in the workspace with the variables GitHub sets
// (GITHUB_WORKSPACE, GITHUB_ACTION_PATH, GITHUB_BASE_REF, GITHUB_OUTPUT, GITHUB_PATH,
// GITHUB_STEP_SUMMARY, RUNNER_TEMP…), GITHUB_OUTPUT and GITHUB_PATH read back between steps.
// The workspace is a real clone of a real origin, on a pull request branch. `uses:` steps (the SARIF
// upload) cannot run here: their condition and inputs are checked instead. `gh`, which would post the
// pull request comment to GitHub, is replaced by a script that records its arguments.
// End to end (it installs the action's checkout with npm ci): off with PACTLINE_E2E=0.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as YAML from 'yaml';
import { copyRepo, git, GIT_ENV, ROOT, VERSION } from './helpers';

interface Step {
  name: string;
  id?: string;
  if?: string;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

// ---- the expression language, as much of it as action.yml uses ----------------------------------

type Value = string | number | boolean | null | Record<string, unknown>;
interface Context {
  inputs: Record<string, string>;
  github: Record<string, unknown>;
  steps: Record<string, { outcome: string; outputs: Record<string, string> }>;
  failed: boolean;
}

function lookup(ctx: Context, path: string): Value {
  let value: unknown = ctx;
  for (const part of path.split('.'))
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value === undefined ? null : (value as Value);
}

/** Evaluates a GitHub Actions expression (`a == 'b' && !c || f()`, parentheses). */
function evaluate(source: string, ctx: Context): Value {
  const tokens = source.match(/'(?:[^']|'')*'|==|!=|&&|\|\||[!()]|[A-Za-z_][\w.-]*\(\)|[A-Za-z_][\w.-]*|\d+/g) ?? [];
  let i = 0;
  const truthy = (v: Value) => v !== null && v !== false && v !== '' && v !== 0;
  const loose = (v: Value) => (v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const primary = (): Value => {
    const t = tokens[i++];
    if (t === '(') {
      const v = or();
      assert.equal(tokens[i++], ')');
      return v;
    }
    if (t === '!') return !truthy(primary());
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (/^\d+$/.test(t)) return Number(t);
    if (t === 'true' || t === 'false') return t === 'true';
    if (t === 'always()') return true;
    if (t === 'success()') return !ctx.failed;
    if (t === 'failure()') return ctx.failed;
    if (t === 'cancelled()') return false;
    assert.ok(!t.endsWith('()'), `function ${t} is not supported by this test`);
    return lookup(ctx, t);
  };
  const compare = (): Value => {
    const left = primary();
    if (tokens[i] === '==' || tokens[i] === '!=') {
      const op = tokens[i++];
      const right = primary();
      // GitHub compares strings case-insensitively, null as ''
      const equal = loose(left).toLowerCase() === loose(right).toLowerCase();
      return op === '==' ? equal : !equal;
    }
    return left;
  };
  const and = (): Value => {
    let v = compare();
    while (tokens[i] === '&&') {
      i++;
      const r = compare();
      v = truthy(v) ? r : v;
    }
    return v;
  };
  const or = (): Value => {
    let v = and();
    while (tokens[i] === '||') {
      i++;
      const r = and();
      v = truthy(v) ? v : r;
    }
    return v;
  };
  const value = or();
  assert.equal(i, tokens.length, `could not parse ${source}`);
  return value;
}

const substitute = (text: string, ctx: Context) =>
  text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, e: string) => {
    const v = evaluate(e, ctx);
    return v === null ? '' : String(v);
  });

/** A step runs when its `if:` is true; without a status function GitHub adds `success() &&`. */
function shouldRun(step: Step, ctx: Context): boolean {
  const condition = (step.if ?? '').replace(/^\$\{\{\s*|\s*\}\}$/g, '');
  if (!condition) return !ctx.failed;
  const withStatus = /\b(always|success|failure|cancelled)\(\)/.test(condition)
    ? condition
    : `success() && (${condition})`;
  const v = evaluate(withStatus, ctx);
  return v !== null && v !== false && v !== '' && v !== 0;
}

/** GITHUB_OUTPUT / GITHUB_ENV syntax: `name=value` lines and `name<<DELIMITER` blocks. */
function readCommandFile(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(file)) return out;
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      out[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) {
      out[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
    }
  }
  return out;
}

interface StepResult {
  step: Step;
  ran: boolean;
  code?: number | null;
  stdout?: string;
  stderr?: string;
  summary?: string;
  with?: Record<string, string>;
}

interface Job {
  steps: StepResult[];
  byName: (name: string) => StepResult;
  summary: string;
  outputs: Record<string, string>;
  failed: boolean;
}

/** Runs action.yml's steps as the runner would, for one job. */
interface JobOptions {
  actionPath: string;
  workspace: string;
  runnerTemp: string;
  inputs: Record<string, string>;
  github: Record<string, unknown>;
  env: Record<string, string>;
  path: string;
}

function runAction(options: JobOptions): Job {
  const action = YAML.parse(readFileSync(join(options.actionPath, 'action.yml'), 'utf8')) as Action;
  assert.equal(action.runs.using, 'composite');
  const inputs = Object.fromEntries(
    Object.entries(action.inputs).map(([k, v]) => [k, options.inputs[k] ?? v.default ?? '']),
  );
  const ctx: Context = { inputs, github: options.github, steps: {}, failed: false };
  // github.token in input defaults
  for (const [k, v] of Object.entries(inputs)) inputs[k] = substitute(v, ctx);
  const commands = join(options.runnerTemp, '_runner_file_commands');
  mkdirSync(commands, { recursive: true });
  let PATH = options.path;
  const results: StepResult[] = [];
  let summary = '';
  action.runs.steps.forEach((step, n) => {
    if (!shouldRun(step, ctx)) {
      results.push({ step, ran: false });
      if (step.id) ctx.steps[step.id] = { outcome: 'skipped', outputs: {} };
      return;
    }
    if (step.uses) {
      results.push({
        step,
        ran: true,
        with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, substitute(String(v), ctx)])),
      });
      return;
    }
    assert.equal(step.shell, 'bash', `${step.name}: composite run steps must say their shell`);
    const files = {
      GITHUB_OUTPUT: join(commands, `set_output_${n}`),
      GITHUB_PATH: join(commands, `add_path_${n}`),
      GITHUB_ENV: join(commands, `set_env_${n}`),
      GITHUB_STEP_SUMMARY: join(commands, `step_summary_${n}`),
    };
    for (const f of Object.values(files)) writeFileSync(f, '');
    const script = join(options.runnerTemp, `step-${n}.sh`);
    writeFileSync(script, substitute(step.run ?? '', ctx));
    const env = {
      ...options.env,
      ...files,
      PATH,
      RUNNER_TEMP: options.runnerTemp,
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_ACTION_PATH: options.actionPath,
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(String(v), ctx)])),
    };
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: options.workspace,
      env,
      encoding: 'utf8',
      timeout: 10 * 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error) throw r.error;
    const stepSummary = readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8');
    summary += stepSummary;
    for (const dir of readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter(Boolean).reverse())
      PATH = `${dir}:${PATH}`;
    const outcome = r.status === 0 ? 'success' : 'failure';
    if (outcome === 'failure') ctx.failed = true;
    if (step.id) ctx.steps[step.id] = { outcome, outputs: readCommandFile(files.GITHUB_OUTPUT) };
    results.push({ step, ran: true, code: r.status, stdout: r.stdout, stderr: r.stderr, summary: stepSummary });
  });
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([k, v]) => [k, substitute(v.value, ctx)]));
  const byName = (name: string) => {
    const s = results.find((x) => x.step.name === name);
    assert.ok(s, `step ${name}`);
    return s;
  };
  return { steps: results, byName, summary, outputs, failed: ctx.failed };
}

// ---- the scenario ---------------------------------------------------------------------------------

const E2E_OFF =
  process.env.PACTLINE_E2E === '0'
    ? 'PACTLINE_E2E=0: would have run action.yml (npm ci of the action, lint annotations, SARIF, breaking-change summary, PR comment) in a temporary pull request'
    : false;

const work = mkdtempSync(join(tmpdir(), 'pactline-action-'));
const actionPath = join(work, 'action');
const origin = join(work, 'origin.git');
const workspace = join(work, 'workspace');
const bin = join(work, 'bin');
const ghLog = join(work, 'gh.log');
const baseEnv = { HOME: process.env.HOME ?? work, LANG: 'C.UTF-8', NO_COLOR: '1', ...GIT_ENV, GH_LOG: ghLog };
const systemPath = `${bin}:${process.env.PATH}`;
let pr: Job;

/** The package the first job's install step packed from the action's checkout (an npm install spec: a path). */
const tarball = () => join(pr.outputs.sarif, '..', 'pactline-cli', `pactline-${VERSION}.tgz`);

function job(inputs: Record<string, string>, github: Record<string, unknown>, env: Record<string, string>): Job {
  const runnerTemp = mkdtempSync(join(work, 'runner-temp-'));
  return runAction({
    actionPath,
    workspace,
    runnerTemp,
    inputs,
    github,
    env: { ...baseEnv, ...env },
    path: systemPath,
  });
}

describe('the GitHub Action', { skip: E2E_OFF, timeout: 15 * 60_000 }, () => {
  before(() => {
    // the action as `uses: pactline/pactline@<ref>` checks it out: the repository's files, nothing built
    copyRepo(actionPath);
    // origin: main with the example workspace; the pull request branch drops a column and misspells a key
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'gh'),
      '#!/bin/sh\n# records the call instead of posting to GitHub\nprintf "%s\\n" "$*" >> "$GH_LOG"\nfor a; do [ -f "$a" ] && cat "$a" >> "$GH_LOG"; done\nexit 0\n',
    );
    chmodSync(join(bin, 'gh'), 0o755);
    cpSync(join(ROOT, 'examples'), join(work, 'seed'), { recursive: true });
    git(work, 'init', '-q', '--bare', '-b', 'main', origin);
    git(join(work, 'seed'), 'init', '-q', '-b', 'main');
    git(join(work, 'seed'), 'add', '-A');
    git(join(work, 'seed'), 'commit', '-qm', 'contracts');
    git(join(work, 'seed'), 'push', '-q', origin, 'main');
    git(work, 'clone', '-q', origin, workspace);
    git(workspace, 'checkout', '-q', '-b', 'drop-customer-id');
    const file = join(workspace, 'contracts/validated-commerce-cdc.odcs.yaml');
    const text = readFileSync(file, 'utf8');
    const edited = text.replace(/ {6}- name: customer_id\n {8}logicalType: string\n(?: {8}.*\n)*?(?= {6}- name:)/, '');
    assert.notEqual(edited, text);
    writeFileSync(file, edited);
    const events = join(workspace, 'contracts/raw-storefront-events.odcs.yaml');
    writeFileSync(events, readFileSync(events, 'utf8').replace('logicalType:', 'logicalTyp:'));
    git(workspace, 'commit', '-qam', 'drop customer_id');

    pr = job(
      { comment: 'true' },
      {
        token: 'ghs_test',
        repository: 'shop/platform',
        event_name: 'pull_request',
        base_ref: 'main',
        event: { pull_request: { number: 7 } },
      },
      { GITHUB_BASE_REF: 'main', GITHUB_HEAD_REF: 'drop-customer-id', GITHUB_EVENT_NAME: 'pull_request' },
    );
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('installs Pactline from its own checkout and puts `pactline` on the PATH', () => {
    const install = pr.byName('Install Pactline');
    assert.equal(install.code, 0, install.stderr);
    assert.match(install.stdout!, /^Pactline \d+\.\d+\.\d+$/m);
  });

  it('lint: annotations on stdout, exit 1 for the error', () => {
    const lint = pr.byName('Lint');
    assert.equal(lint.code, 1, lint.stderr);
    assert.match(
      lint.stdout!,
      /^::error file=contracts\/raw-storefront-events\.odcs\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=schema\/unknown-key::Unknown key `logicalTyp`/m,
    );
  });

  it('SARIF: a report with the finding, and the upload step gets it even though lint failed', () => {
    const sarifStep = pr.byName('Lint (SARIF)');
    assert.equal(sarifStep.code, 0, sarifStep.stderr);
    const file = pr.outputs.sarif;
    assert.ok(file && existsSync(file), `SARIF at ${file}`);
    const sarif = JSON.parse(readFileSync(file, 'utf8')) as {
      version: string;
      runs: { results: { ruleId: string }[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.some((r) => r.ruleId === 'schema/unknown-key'));
    const upload = pr.byName('Upload SARIF');
    assert.equal(upload.ran, true);
    assert.match(upload.step.uses!, /^github\/codeql-action\/upload-sarif@/);
    assert.equal(upload.with!.sarif_file, file);
  });

  it('breaking: against the merge base, the markdown report in the job summary, annotations, exit 1', () => {
    const breaking = pr.byName('Breaking changes');
    assert.equal(breaking.code, 1, breaking.stderr);
    assert.match(
      breaking.stdout!,
      /^::error file=contracts\/validated-commerce-cdc\.odcs\.yaml,line=\d+.*title=breaking\/property-removed::Property `orders\.customer_id`/m,
    );
    assert.match(pr.summary, /^\*\*Pactline: 1 error/m);
    assert.match(pr.summary, /breaking\/property-removed/);
    assert.match(pr.summary, /customer\\?_id/);
    assert.match(pr.summary, /lake-archive/, 'the consumers it breaks');
    assert.equal(pr.outputs['breaking-report'], join(pr.outputs.sarif, '..', 'pactline-breaking.md'));
  });

  it('comment: asked for, the same report goes to the pull request with gh', () => {
    assert.equal(pr.byName('Comment on the pull request').code, 0);
    const log = readFileSync(ghLog, 'utf8');
    assert.match(
      log,
      new RegExp(
        `^pr comment 7 --body-file ${pr.outputs['breaking-report'].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} --edit-last$`,
        'm',
      ),
    );
    assert.ok(log.includes(readFileSync(pr.outputs['breaking-report'], 'utf8')));
  });

  it('on a push (no GITHUB_BASE_REF) with Pactline from npm (`version`): clean lint, no breaking check, no comment', () => {
    git(workspace, 'checkout', '-q', 'main');
    rmSync(ghLog, { force: true });
    const spec = tarball();
    const push = job(
      { version: spec, comment: 'true' },
      { token: 'ghs_test', repository: 'shop/platform', event_name: 'push', event: {} },
      { GITHUB_EVENT_NAME: 'push' },
    );
    assert.equal(push.failed, false, push.steps.map((s) => `${s.step.name}: ${s.code} ${s.stderr ?? ''}`).join('\n'));
    assert.equal(push.byName('Lint').stdout, '');
    assert.match(push.byName('Breaking changes').stdout!, /Not a pull request: breaking changes not checked/);
    assert.equal(push.summary, '');
    assert.equal(push.byName('Comment on the pull request').ran, false);
    assert.ok(!existsSync(ghLog));
  });

  it('a base that is not there (a shallow clone): the breaking step fails with the reason, exit 2', () => {
    git(workspace, 'checkout', '-q', 'drop-customer-id');
    const spec = tarball();
    const shallow = job(
      { version: spec, sarif: 'false' },
      {
        token: 'ghs_test',
        repository: 'shop/platform',
        event_name: 'pull_request',
        base_ref: 'release',
        event: { pull_request: { number: 8 } },
      },
      { GITHUB_BASE_REF: 'release' },
    );
    const breaking = shallow.byName('Breaking changes');
    assert.equal(breaking.code, 2);
    assert.match(breaking.stderr!, /origin\/release/);
    assert.equal(shallow.summary, '');
    assert.equal(shallow.byName('Upload SARIF').ran, false);
  });
});
