// `isInside` decides whether a link leads out of the workspace, and `relativePath` names every file
// in reports. Both compare plain absolute paths as strings (faster than path.relative, which they
// called for every file read): on every pair of a set of tricky paths (prefixes that are not
// parents, `.` and `..` parts, doubled and trailing slashes, the root, dot-files), they must say
// exactly what the path.relative definition says.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { relativePath } from '../../server/src/host/files';
import { isInside } from '../../server/src/host/safeFs';

const PARTS = ['a', 'ab', 'b', '.a', '..a', 'a.', '.', '..', '', 'a b', 'é'];

/** Every absolute path of up to three parts from PARTS, with and without a trailing slash. */
function paths(): string[] {
  const out = new Set<string>(['/']);
  const grow = (prefix: string, depth: number) => {
    if (depth === 3) return;
    for (const part of PARTS) {
      const next = `${prefix}/${part}`;
      out.add(next);
      out.add(next + '/');
      grow(next, depth + 1);
    }
  };
  grow('', 0);
  return [...out];
}

function insideByRelative(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel));
}

function relativeByDefinition(from: string, file: string): string {
  const rel = path.relative(from, file) || path.basename(file);
  return rel.split(path.sep).join('/');
}

describe('path comparisons', () => {
  const all = paths();
  const roots = all.filter((p) => p.split('/').length <= 3);

  it('isInside agrees with path.relative on every pair', () => {
    let checked = 0;
    for (const root of roots)
      for (const file of all) {
        assert.equal(isInside(root, file), insideByRelative(root, file), `isInside(${root}, ${file})`);
        checked++;
      }
    assert.ok(checked > 100_000);
  });

  it('relativePath agrees with path.relative on every pair', () => {
    for (const from of roots)
      for (const file of all)
        assert.equal(relativePath(from, file), relativeByDefinition(from, file), `relativePath(${from}, ${file})`);
  });
});
