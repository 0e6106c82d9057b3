// Real contract files nobody on the team wrote (../shared/conformance/realworld/, 386 files from 10
// public repositories), each linted ALONE through the whole engine and compared with the verdict of
// the official JSON Schema of the version it declares (MANIFEST.json):
//   - a `valid` file gets no error of the `yaml/` or `schema/` families;
//   - an `invalid` file gets at least one, on the line of the official first error (for an error
//     about a whole mapping, such as a missing or unknown key, anywhere inside that mapping);
//   - no file gets more than three findings per official mistake (`official_mistakes`);
//   - no file of any version crashes or is skipped in silence: a contract of a version Pactline does
//     not validate gets a `schema/unsupported-version` finding.
// Exceptions are listed below, each with why; a listed exception that no longer occurs fails the
// test, so the lists only shrink. The corpus lives outside the repository; without it the test skips.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import * as YAML from 'yaml';
import { LanguageService } from '../../server/src/engine/service';

const dir = path.resolve(__dirname, '..', '..', '..', 'shared', 'conformance', 'realworld');
const SKIP = fs.existsSync(path.join(dir, 'MANIFEST.json'))
  ? false
  : `../shared/conformance/realworld not found (${dir}); skipping the comparison of Pactline's verdicts on 386 real-world contracts with the official schemas'`;

interface Entry {
  local: string;
  kind: 'odcs' | 'dcs' | 'odps';
  declared_version: string | null;
  verdict: 'valid' | 'invalid' | 'none';
  first_error: string | null;
  official_errors: string[];
  official_mistakes: number;
  in_scope: boolean;
}

/**
 * Invalid files whose first official error has no finding of ours on its line, and why ours is
 * right. Path (as in MANIFEST.json `local`) → reason.
 */
const FIRST_ERROR_ELSEWHERE: Record<string, string> = {};

/**
 * Invalid files we accept today, each a known gap with the work that closes it (so this list only
 * shrinks; an entry that we now reject fails the test until removed).
 */
const MISSED: Record<string, string> = {};

/**
 * Official errors Pactline deliberately does not give, with why. A file whose official errors are
 * all of these is expected to pass; otherwise its first other error is the one located.
 */
const DELIBERATE: {
  why: string;
  applies: (entry: Entry, pointer: string, keyword: string, value: unknown) => boolean;
}[] = [
  {
    why:
      'The DCS specification documents `{model}` placeholders in a server `location` (one location for every ' +
      'model); its JSON Schema checks `format: uri`, which rejects the braces. Pactline accepts the template (dcs.ts).',
    applies: (entry, pointer, keyword, value) =>
      entry.kind === 'dcs' &&
      keyword === 'format' &&
      /^\/servers\/[^/]+\/location$/.test(pointer) &&
      typeof value === 'string' &&
      /\{[A-Za-z_][\w.-]*\}/.test(value),
  },
];
/** Errors ajv adds about a combinator when a branch fails: the branch's own error says it. */
const COMBINATORS = new Set(['if', 'then', 'else', 'anyOf', 'oneOf', 'allOf', 'not']);

/**
 * Files with more than three findings per official mistake today: the count we give. These are
 * cascades inside discriminated branches and the like (issue 9, cause 3); shrink the table as the
 * explanations improve. A file that gets fewer findings than listed fails the test until its entry
 * is lowered (or removed once within the bar).
 */
const CASCADES: Record<string, number> = {};

type Finding = ReturnType<LanguageService['diagnose']>[number];

const isSchemaOrYaml = (f: Finding) =>
  f.severity === DiagnosticSeverity.Error && /^(yaml|schema)\//.test(String(f.code));

/** Lines (0-based, inclusive) of the node at a JSON pointer, from its key (when it has one) to its end. */
function linesOf(text: string, pointer: string): [number, number] | undefined {
  const lc = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter: lc, uniqueKeys: false });
  const segments = pointer
    ? pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    : [];
  let node: unknown = doc.contents;
  let start: number | undefined;
  for (const segment of segments) {
    if (YAML.isMap(node)) {
      const pair = node.items.find((p) => String(YAML.isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) return undefined;
      start = YAML.isNode(pair.key) && pair.key.range ? pair.key.range[0] : undefined;
      node = pair.value;
    } else if (YAML.isSeq(node)) {
      node = node.items[Number(segment)];
      start = undefined;
    } else return undefined;
  }
  if (!YAML.isNode(node) || !node.range) {
    return start === undefined ? undefined : [lc.linePos(start).line - 1, lc.linePos(start).line - 1];
  }
  const from = start ?? node.range[0];
  return [lc.linePos(from).line - 1, lc.linePos(Math.max(from, node.range[1] - 1)).line - 1];
}

/** The value at a JSON pointer of a parsed document. */
function valueAtPointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer ? pointer.slice(1).split('/') : []) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/** `/servers/x/location format: …` → pointer and keyword; the manifest writes the root as `/`. */
function parseError(error: string): { pointer: string; keyword: string } {
  const m = /^(\S*) (\w+):/.exec(error);
  return { pointer: m && m[1].length > 1 ? m[1] : '', keyword: m?.[2] ?? '' };
}

/** The lines an official first error points at: its node's for a schema error, the parser's for YAML. */
function officialLines(text: string, firstError: string): [number, number] | undefined {
  if (firstError.startsWith('(YAML does not parse')) {
    const doc = YAML.parseDocument(text, { uniqueKeys: true, prettyErrors: true });
    const at = doc.errors[0]?.linePos?.[0];
    return at ? [at.line - 1, at.line - 1] : undefined;
  }
  return linesOf(text, parseError(firstError).pointer);
}

test('real-world contracts: Pactline agrees with the official schema of each declared version', { skip: SKIP }, () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'MANIFEST.json'), 'utf8')) as { files: Entry[] };
  const service = new LanguageService();
  const problems: string[] = [];
  const seenFirst = new Set<string>();
  const seenCascade = new Set<string>();
  const seenMissed = new Set<string>();
  let inScope = 0;
  let agree = 0;
  let deliberate = 0;
  const deliberateWhy = new Set<string>();
  let located = 0;
  let invalid = 0;
  let withinBar = 0;
  const byVersion = new Map<string, [number, number]>();
  for (const entry of manifest.files) {
    const text = fs.readFileSync(path.join(dir, entry.local), 'utf8');
    let findings: Finding[];
    try {
      const doc = service.setDocument(entry.local, text);
      if (!doc.kind) {
        problems.push(`${entry.local}: not recognised as a contract (skipped in silence)`);
        continue;
      }
      findings = service.diagnose(entry.local);
    } catch (error) {
      problems.push(`${entry.local}: crashed: ${(error as Error).stack?.split('\n').slice(0, 3).join(' ')}`);
      continue;
    } finally {
      service.removeDocument(entry.local);
    }
    if (!entry.in_scope) {
      // A version Pactline does not validate: told so, once, never silence.
      if (!findings.some((f) => f.code === 'schema/unsupported-version')) {
        problems.push(
          `${entry.local} (${entry.kind} ${entry.declared_version}): no schema/unsupported-version finding; got ${findings.map((f) => f.code).join(', ') || 'nothing'}`,
        );
      }
      continue;
    }
    inScope++;
    const errors = findings.filter(isSchemaOrYaml);
    const version = `${entry.kind} ${entry.declared_version}`;
    const tally = byVersion.get(version) ?? [0, 0];
    byVersion.set(version, tally);
    tally[1]++;
    const describe = () =>
      errors.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code} ${f.message}`).join(' | ');
    if (entry.verdict === 'valid') {
      if (errors.length) problems.push(`${entry.local} (${version}) is valid, but: ${describe()}`);
      else {
        agree++;
        tally[0]++;
      }
      continue;
    }
    // The official errors that are mistakes for Pactline too.
    let value: unknown;
    try {
      value = YAML.parse(text);
    } catch {
      value = undefined;
    }
    const significant = entry.official_errors.filter((e) => {
      const { pointer, keyword } = parseError(e);
      if (COMBINATORS.has(keyword)) return false;
      const rule = DELIBERATE.find((d) => d.applies(entry, pointer, keyword, valueAtPointer(value, pointer)));
      if (rule) deliberateWhy.add(rule.why);
      return !rule;
    });
    if (!significant.length && entry.official_errors.length) {
      deliberate++;
      if (errors.length)
        problems.push(
          `${entry.local} (${version}): its official errors are deliberate differences, yet: ${describe()}`,
        );
      continue;
    }
    invalid++;
    if (entry.local in MISSED) {
      seenMissed.add(entry.local);
      if (errors.length) problems.push(`${entry.local}: listed in MISSED but now rejected: remove it`);
      continue;
    }
    if (!errors.length) {
      problems.push(`${entry.local} (${version}) is invalid (${entry.first_error}), but we give no error`);
      continue;
    }
    agree++;
    tally[0]++;
    const lines = officialLines(text, significant[0] ?? entry.first_error ?? '');
    const onLine =
      lines !== undefined && errors.some((f) => f.range.start.line >= lines[0] && f.range.start.line <= lines[1]);
    if (onLine) located++;
    if (entry.local in FIRST_ERROR_ELSEWHERE) {
      seenFirst.add(entry.local);
      if (onLine)
        problems.push(`${entry.local}: listed in FIRST_ERROR_ELSEWHERE but now found on the official line: remove it`);
    } else if (!onLine) {
      problems.push(
        `${entry.local} (${version}): no error on line ${lines ? `${lines[0] + 1}-${lines[1] + 1}` : '?'} of the official first error (${significant[0]}); ours: ${describe()}`,
      );
    }
    // Information (such as "v3.2.0 is current") is not about a mistake.
    const findingsOfFile = findings.filter(
      (f) => f.severity !== DiagnosticSeverity.Information && /^(yaml|schema)\//.test(String(f.code)),
    ).length;
    const bar = 3 * Math.max(1, entry.official_mistakes);
    if (findingsOfFile <= bar) withinBar++;
    const listed = CASCADES[entry.local];
    if (listed !== undefined) {
      seenCascade.add(entry.local);
      if (findingsOfFile !== listed)
        problems.push(
          `${entry.local}: CASCADES lists ${listed} findings, now ${findingsOfFile}${findingsOfFile <= bar ? ' (within the bar: remove the entry)' : ': update the entry'}`,
        );
    } else if (findingsOfFile > bar) {
      problems.push(
        `${entry.local}: ${findingsOfFile} findings for ${entry.official_mistakes} official mistake(s) (more than 3 each): ${describe()}`,
      );
    }
  }
  for (const local of Object.keys(FIRST_ERROR_ELSEWHERE))
    if (!seenFirst.has(local))
      problems.push(`${local}: listed in FIRST_ERROR_ELSEWHERE but not an invalid in-scope file`);
  for (const local of Object.keys(MISSED))
    if (!seenMissed.has(local)) problems.push(`${local}: listed in MISSED but not an invalid in-scope file`);
  for (const local of Object.keys(CASCADES))
    if (!seenCascade.has(local)) problems.push(`${local}: listed in CASCADES but not an invalid in-scope file`);

  console.log(
    `real-world corpus: agree on ${agree}/${inScope} in-scope files (${[...byVersion]
      .sort()
      .map(([v, [a, n]]) => `${v} ${a}/${n}`)
      .join(', ')}); ` +
      `${deliberate} differ on purpose (${[...deliberateWhy].map((w) => w.split(';')[0]).join(' / ')}); ` +
      `first error located ${located}/${invalid}; within 3 findings per mistake ${withinBar}/${invalid}; ` +
      `${manifest.files.length - inScope} files of other versions each told their version is not validated`,
  );
  assert.deepEqual(problems, []);
});
