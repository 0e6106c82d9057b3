// Issue 8, item 7: text from a pull request (keys, values, file names, REFs) reached the reports
// raw. `--format junit` kept a key's newline, so a crafted key printed its own `::error` workflow
// command in a GitHub Actions log; ESC reached the github and markdown formats; C1 controls (U+009B),
// U+202E and U+200B in a REF passed the filter and were echoed. Here the real CLI checks a workspace
// of crafted keys and file names in every report format, and is given crafted REFs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, tempDir } from './engine-helpers';

/** What a crafted key or file name may carry, in YAML double-quoted escapes. */
const PAYLOADS = [
  'x\\n::error file=README.md,line=1::owned by a key',
  'x\\r\\n::warning::carriage return',
  '\\e[2J\\e[31mred',
  '\\u009B31mcsi',
  'invoice\\u202Egpj.exe',
  'zero\\u200Bwidth',
  'line\\u2028separator',
  'tag\\U000E0041chars',
  '%0A::error::percent',
];

/** Characters no report may print raw (TAB and LF aside, which formats use themselves). */
const RAW_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}]|\r/u;

const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: injected
version: 1.0.0
status: active
${PAYLOADS.map((p) => `"${p}": 1`).join('\n')}
`;

/** A file name the checked repository can hold: ESC, U+202E, U+200B and a newline with a command. */
const ODD_FILE = 'odd\u001b[31m\u202E\u200B\n::error::file.odcs.yaml';

const FORMATS = ['text', 'json', 'markdown', 'github', 'sarif', 'junit', 'gitlab'] as const;

describe('crafted keys and file names, through every report format', () => {
  const tmp = tempDir();
  before(() => {
    mkdirSync(join(tmp.dir, 'contracts'));
    writeFileSync(join(tmp.dir, 'contracts', 'injected.odcs.yaml'), CONTRACT);
    writeFileSync(
      join(tmp.dir, 'contracts', ODD_FILE),
      'apiVersion: v3.1.0\nkind: DataContract\nid: odd\nversion: 1.0.0\nstatus: active\nunknownKey: 1\n',
    );
  });
  after(() => tmp.dispose());

  for (const format of FORMATS) {
    it(`--format ${format}: no raw control or format character, no line a CI runner would obey`, async () => {
      const run = await runCli(['lint', '--format', format, 'contracts'], { cwd: tmp.dir, timeoutMs: 60_000 });
      assert.equal(run.signal, null);
      assert.equal(run.code, 1, run.stderr);
      for (const [stream, out] of [
        ['stdout', run.stdout],
        ['stderr', run.stderr],
      ] as const) {
        const raw = RAW_UNSAFE.exec(out);
        assert.equal(
          raw,
          null,
          `${stream} holds U+${raw?.[0].codePointAt(0)!.toString(16).padStart(4, '0')} raw:\n${out}`,
        );
      }
      // The GitHub runner obeys a line that starts (after blanks) with `::`. Only the github format
      // may print such lines, exactly one per finding, and each is one of ours.
      const commands = run.stdout.split('\n').filter((line) => line.trimStart().startsWith('::'));
      if (format === 'github') {
        assert.equal(commands.length, PAYLOADS.length + 1, run.stdout);
        for (const line of commands)
          assert.match(
            line,
            /^::error file=contracts\/[^,]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=schema\/unknown-key::Unknown key `/,
          );
        assert.ok(
          commands.every(
            (line) =>
              !/::error file=README\.md|::warning::/.test(
                line
                  .slice(2)
                  .replace(/^[^:]*::/, '')
                  .split('Unknown key')[0],
              ),
          ),
        );
      } else {
        assert.deepEqual(commands, [], `${format} prints workflow commands:\n${run.stdout}`);
      }
      // Nothing is lost: the characters are there, escaped for this consumer.
      const escapedEsc = ['json', 'sarif', 'gitlab'].includes(format) ? '\\u001b' : '\\x1B';
      assert.ok(run.stdout.includes(escapedEsc), `${format} shows ESC as ${escapedEsc}`);
      const escapedBidi = ['json', 'sarif', 'gitlab'].includes(format) ? '\\u202e' : '\\u202E';
      assert.ok(run.stdout.includes(escapedBidi), `${format} shows U+202E as ${escapedBidi}`);
    });
  }

  it("--format json reads back the exact keys (the escapes are JSON's own)", async () => {
    const run = await runCli(['lint', '--format', 'json', 'contracts/injected.odcs.yaml'], {
      cwd: tmp.dir,
      timeoutMs: 60_000,
    });
    const messages = (JSON.parse(run.stdout) as { findings: { message: string }[] }).findings.map((f) => f.message);
    const keys = PAYLOADS.map(
      (p) => JSON.parse(`"${p.replace(/\\e/g, '\\u001b').replace(/\\U000E0041/g, '\\udb40\\udc41')}"`) as string,
    );
    for (const key of keys)
      assert.ok(
        messages.some((m) => m.includes(`\`${key}\``)),
        JSON.stringify(key),
      );
  });

  it("--format junit keeps a key's line break as a character reference, inside its attribute", async () => {
    const run = await runCli(['lint', '--format', 'junit', 'contracts/injected.odcs.yaml'], {
      cwd: tmp.dir,
      timeoutMs: 60_000,
    });
    assert.match(
      run.stdout,
      /message="Unknown key `x&#10;::error file=README\.md,line=1::owned by a key` in the contract\."/,
    );
    // Every attribute value is on the line of its element.
    for (const value of run.stdout.match(/="[^"]*"/g) ?? []) assert.doesNotMatch(value, /\n/);
  });
});

describe('crafted REFs', () => {
  const tmp = tempDir();
  before(() => {
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: tmp.dir,
        stdio: 'pipe',
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@example.com',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@example.com',
          GIT_CONFIG_NOSYSTEM: '1',
          HOME: tmp.dir,
        },
      });
    git('init', '-q', '-b', 'main');
    writeFileSync(
      join(tmp.dir, 'a.odcs.yaml'),
      'apiVersion: v3.1.0\nkind: DataContract\nid: a\nversion: 1.0.0\nstatus: active\n',
    );
    git('add', '.');
    git('commit', '-q', '-m', 'Initial contract');
  });
  after(() => tmp.dispose());

  for (const [what, ref] of [
    ['C1 CSI (U+009B)', 'main\u009B2J'],
    ['ESC', 'main\u001b[2J'],
    ['a bidirectional override (U+202E)', 'main\u202Ex'],
    ['a zero-width space (U+200B)', 'ma\u200Bin'],
    ['a zero-width joiner (U+200D)', 'ma\u200Din'],
    ['a BOM (U+FEFF)', '\uFEFFmain'],
    ['a line separator (U+2028)', 'main\u2028x'],
    ['a soft hyphen (U+00AD)', 'ma\u00ADin'],
  ] as const) {
    it(`refuses a REF with ${what}, and echoes it escaped`, async () => {
      const run = await runCli(['breaking', '--against', ref, 'a.odcs.yaml'], { cwd: tmp.dir, timeoutMs: 60_000 });
      assert.equal(run.code, 2, run.stdout + run.stderr);
      assert.match(run.stderr, /whitespace, control or invisible formatting characters/);
      assert.equal(RAW_UNSAFE.exec(run.stderr), null, JSON.stringify(run.stderr));
      assert.equal(RAW_UNSAFE.exec(run.stdout), null, JSON.stringify(run.stdout));
    });
  }

  it('refuses `:/Initial` (a commit message search the commits under review could match), with the reason', async () => {
    for (const ref of [':/Initial', 'HEAD^{/Initial}', 'merge-base::/Initial']) {
      const run = await runCli(['breaking', '--against', ref, 'a.odcs.yaml'], { cwd: tmp.dir, timeoutMs: 60_000 });
      assert.equal(run.code, 2, run.stdout + run.stderr);
      assert.match(run.stderr, /searching commit messages, which the commits under review can match/, ref);
      assert.match(run.stderr, /git log -1 --format=%H --grep=TEXT/);
    }
    // The plain names still work.
    const ok = await runCli(['breaking', '--against', 'main', 'a.odcs.yaml'], { cwd: tmp.dir, timeoutMs: 60_000 });
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  });
});
