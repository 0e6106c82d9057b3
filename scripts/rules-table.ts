// Writes the README's rule table from the rule catalogue (server/src/engine/rules.ts), between the
// `<!-- rules:start -->` and `<!-- rules:end -->` markers. `npm run docs`; a test fails when stale.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../server/src/engine/rules';

const START = '<!-- rules:start -->';
const END = '<!-- rules:end -->';

export function rulesTable(): string {
  const rows = RULES.map((rule) => `| \`${rule.id}\` | ${rule.severity} | ${rule.description.replace(/\|/g, '\\|')} |`);
  return ['| rule | default | what it finds |', '|---|---|---|', ...rows].join('\n');
}

export function withRulesTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} markers`);
  return readme.slice(0, start + START.length) + '\n' + rulesTable() + '\n' + readme.slice(end);
}

if (require.main === module) {
  const file = path.resolve(__dirname, '..', 'README.md');
  fs.writeFileSync(file, withRulesTable(fs.readFileSync(file, 'utf8')));
  console.log(`README.md: ${RULES.length} rules`);
}
