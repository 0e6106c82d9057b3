// The documents stay for their readers: the README is a user's guide of bounded size, comments point
// only at files that exist, and no path of a developer's machine is committed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
/** Names that look like files but are projects. */
const NOT_FILES = new Set(['viz.js', 'Node.js', 'node.js']);

function trackedFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  } catch {
    return []; // not a git checkout (an unpacked tarball): nothing to check
  }
}

/** The comments of a TypeScript/JavaScript file, as text. */
function commentsOf(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/\/\*[\s\S]*?\*\/|(^|[^:'"`\\])\/\/(.*)$/gm)) out.push(m[0]);
  return out;
}

/** File references in a comment: a path or a name ending in .ts, .md, .mjs or .js (not globs, not URLs). */
function referencesIn(comment: string): string[] {
  const refs: string[] = [];
  for (const m of comment.matchAll(
    /(?<![\w/*.:-])((?:\.\.?\/)?(?:[\w.-]+\/)*[\w-]+(?:\.[\w-]+)*\.(?:ts|md|mjs|js))\b(?![\w/(-])/g,
  )) {
    refs.push(m[1]);
  }
  return refs;
}

describe('documents', () => {
  it('the README is under 45 KB', () => {
    const size = fs.statSync(path.join(ROOT, 'README.md')).size;
    assert.ok(size < 45 * 1024, `README.md is ${(size / 1024).toFixed(1)} KB: move detail to docs/ or bench/README.md`);
  });

  it('no comment names a file that does not exist', () => {
    const files = trackedFiles();
    if (!files.length) return;
    const known = new Set(files);
    const basenames = new Set(files.map((f) => path.posix.basename(f)));
    const missing: string[] = [];
    for (const file of files.filter(
      (f) => /\.(ts|mjs|js)$/.test(f) && !f.includes('/generated/') && !f.startsWith('test/fixtures/'),
    )) {
      const dir = path.posix.dirname(file);
      for (const comment of commentsOf(fs.readFileSync(path.join(ROOT, file), 'utf8'))) {
        for (const ref of referencesIn(comment)) {
          if (NOT_FILES.has(ref) || /^(\.\.\/shared|node_modules|dist|bench\/out|bench\/node_modules)\//.test(ref))
            continue;
          const exists = ref.includes('/')
            ? known.has(path.posix.normalize(path.posix.join(dir, ref))) ||
              known.has(path.posix.normalize(ref)) ||
              files.some((f) => f.endsWith('/' + ref.replace(/^\.\//, '')))
            : basenames.has(ref);
          if (!exists) missing.push(`${file}: ${ref}`);
        }
      }
    }
    assert.deepEqual(missing, []);
  });

  it('no tracked file names a path of a developer machine', () => {
    const found: string[] = [];
    for (const file of trackedFiles()) {
      const full = path.join(ROOT, file);
      if (!fs.existsSync(full) || fs.statSync(full).size > 2_000_000) continue;
      const text = fs.readFileSync(full, 'latin1');
      if (/\/work\/(main|shared|wt|ci-[\w-]+)\b|\/root\/\./.test(text)) found.push(file);
    }
    assert.deepEqual(found, []);
  });
});
