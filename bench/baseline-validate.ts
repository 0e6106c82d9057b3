// The naive baseline of ../shared/spec/PERFORMANCE.md: in one process, read each file, parse it, validate the value
// with one compiled Ajv2019 (+ ajv-formats) validator over the official schema. No positions, no
// cross-file rules. bench/lint.bench.ts bundles this file with esbuild (like dist/cli.js) and runs
//
//   node bench/out/baseline-validate.js --parser yaml|js-yaml --schema SCHEMA.json PATH...
//
// PATH is a file or a folder (searched recursively for *.odcs.yaml / *.odcs.yml). Prints one JSON
// line on stdout: counts and where the time went (read, parse, validate, compile), in ms.
// Exit code: 0 all valid, 1 some invalid or unparsable, 2 bad usage.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import * as YAML from 'yaml';
import * as jsyaml from 'js-yaml';

function walk(path: string, out: string[]): void {
  if (statSync(path).isFile()) {
    out.push(path);
    return;
  }
  for (const name of readdirSync(path).sort()) {
    const p = join(path, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.odcs\.ya?ml$/.test(name)) out.push(p);
  }
}

function main(): number {
  const t0 = performance.now();
  const args = process.argv.slice(2);
  let parser = 'yaml';
  let schemaFile = '';
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--parser') parser = args[++i];
    else if (args[i] === '--schema') schemaFile = args[++i];
    else paths.push(args[i]);
  }
  if (!schemaFile || !paths.length || (parser !== 'yaml' && parser !== 'js-yaml')) {
    console.error('usage: baseline-validate --parser yaml|js-yaml --schema SCHEMA.json PATH...');
    return 2;
  }
  const parse: (text: string) => unknown = parser === 'yaml' ? (text) => YAML.parse(text) : (text) => jsyaml.load(text);

  const tc = performance.now();
  const ajv = new Ajv2019(); // ajv-cli's defaults: strict mode on, first error only
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
  const compileMs = performance.now() - tc;

  const files: string[] = [];
  for (const p of paths) walk(p, files);
  let readMs = 0,
    parseMs = 0,
    validateMs = 0,
    valid = 0,
    invalid = 0,
    unparsable = 0;
  for (const f of files) {
    const a = performance.now();
    const text = readFileSync(f, 'utf8');
    const b = performance.now();
    let value: unknown;
    try {
      value = parse(text);
    } catch {
      unparsable++;
      readMs += b - a;
      parseMs += performance.now() - b;
      continue;
    }
    const c = performance.now();
    if (validate(value)) valid++;
    else invalid++;
    const d = performance.now();
    readMs += b - a;
    parseMs += c - b;
    validateMs += d - c;
  }
  const round = (x: number) => Math.round(x * 10) / 10;
  process.stdout.write(
    JSON.stringify({
      parser,
      files: files.length,
      valid,
      invalid,
      unparsable,
      compileMs: round(compileMs),
      readMs: round(readMs),
      parseMs: round(parseMs),
      validateMs: round(validateMs),
      mainMs: round(performance.now() - t0),
      sinceProcessStartMs: round(performance.now()),
    }) + '\n',
  );
  return invalid || unparsable ? 1 : 0;
}

process.exitCode = main();
