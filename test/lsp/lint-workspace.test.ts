// pactline/lintWorkspace over the real server: what "Lint Workspace" shows in the editor is what
// `pactline lint` reports in CI, because both come from the same engine over the same files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LspClient, ROOT, tempCopy } from './client';
import { asCliFinding, cliFindings, sortFindings } from './helpers';

const MISTAKES = `${ROOT}/test/fixtures/workspace-with-mistakes`;

describe('pactline/lintWorkspace', () => {
  it('returns the findings of every file of the workspace, the same as pactline lint', async () => {
    const ws = tempCopy(MISTAKES);
    const client = await LspClient.start({ workspace: ws.dir });
    try {
      const answer = (await client.request('pactline/lintWorkspace', {})) as {
        files: number;
        items: Array<{ uri: string; diagnostics: Parameters<typeof asCliFinding>[1][] }>;
      };
      const fromServer = answer.items.flatMap((item) =>
        item.diagnostics.map((d) => asCliFinding(relative(ws.dir, fileURLToPath(item.uri)).split('\\').join('/'), d)),
      );
      const fromCli = cliFindings(ws.dir);
      assert.ok(fromCli.length >= 20, `the fixture should hold many mistakes, the CLI found ${fromCli.length}`);
      assert.deepEqual(sortFindings(fromServer), sortFindings(fromCli));
      assert.ok(answer.files >= 30, `only ${answer.files} files checked`);
      assert.ok(
        answer.items.every((item) => item.diagnostics.length > 0),
        'a file without findings was listed',
      );
    } finally {
      await client.shutdown();
      ws.dispose();
    }
  });

  it('in an untrusted workspace it reads no configuration from outside the folder', async () => {
    // The mistakes fixture's pactline.yaml raises pactline/suppression-without-reason to an error; an
    // untrusted server given only the contracts folder must not find it upwards (a trusted one does).
    const ws = tempCopy(MISTAKES);
    const client = await LspClient.start({
      workspace: `${ws.dir}/contracts`,
      initializationOptions: { trusted: false },
    });
    try {
      const answer = (await client.request('pactline/lintWorkspace', {})) as {
        items: Array<{ diagnostics: Array<{ code: string; severity: number }> }>;
      };
      const unexplained = answer.items
        .flatMap((item) => item.diagnostics)
        .filter((d) => d.code === 'pactline/suppression-without-reason');
      assert.equal(unexplained.length, 1, 'expected the suppression without a reason in raw-payments-cdc');
      assert.notEqual(unexplained[0].severity, 1, 'the configuration above the folder was applied');
      const trusted = cliFindings(`${ws.dir}/contracts`).filter(
        (f) => f.rule === 'pactline/suppression-without-reason',
      );
      assert.equal(trusted[0]?.severity, 'error', 'the CLI (trusted) applies the configuration found upwards');
    } finally {
      await client.shutdown();
      ws.dispose();
    }
  });
});
