// The README's rule table is generated from the catalogue; this fails when they drift apart.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { withRulesTable } from '../../scripts/rules-table';

test("the README's rule table matches the rule catalogue (run `npm run docs`)", () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');
  assert.equal(readme, withRulesTable(readme));
});
