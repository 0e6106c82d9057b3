// Makes an e2e workspace a git repository with one commit of the example workspace (for the
// breaking-change checks), with no user or system git configuration involved. Only the files that
// came from `examples/` are committed: the fixtures copied over them (test/e2e/fixtures/, with their
// deliberate mistakes) stay untracked, i.e. new, so fixing them in other tests is not a change.
// Used by test/e2e/exthost-driver.e2e.ts before VS Code opens the workspace.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function makeGitRepository(dir: string, examples: string): void {
  if (fs.existsSync(path.join(dir, '.git'))) return;
  const env = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_AUTHOR_NAME: 'Pactline e2e',
    GIT_AUTHOR_EMAIL: 'e2e@example.com',
    GIT_COMMITTER_NAME: 'Pactline e2e',
    GIT_COMMITTER_EMAIL: 'e2e@example.com',
  };
  const fromExamples: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(examples, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (fs.existsSync(path.join(dir, child))) fromExamples.push(child);
    }
  };
  walk('');
  for (const args of [
    ['init', '-q', '-b', 'main'],
    ['add', '--', ...fromExamples],
    ['commit', '-q', '-m', 'the example workspace'],
  ]) {
    const r = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} in ${dir} failed: ${r.stderr}`);
  }
}
