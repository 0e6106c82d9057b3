// One contract model (server/src/engine/model): the parsed YAML value of a document is read by the
// model and by the few modules whose job is the text itself, never again by a consumer of
// contracts. The check is type-aware (the TypeScript checker, not a text search): every `.value`,
// `['value']` and destructured `value` taken from something typed `ParsedDocument` is found,
// whatever the variable is called, and must sit in a module of ALLOWED.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');

/** The modules that may read a parsed document's value, and why. */
const ALLOWED: [RegExp, string][] = [
  [/^server\/src\/engine\/model\//, 'the one reader of contracts, products and pipelines'],
  [/^server\/src\/engine\/document\.ts$/, 'parses the text into the value'],
  [/^server\/src\/engine\/incremental\.ts$/, 're-parses a changed span and patches the value'],
  [/^server\/src\/engine\/kinds\.ts$/, 'the standard and version a document declares, before any model'],
  [/^server\/src\/engine\/(service|validation)\.ts$/, 'the schema check validates the value as written'],
  [/^server\/src\/engine\/features\//, 'editor features show and edit what is written at the cursor'],
  [/^server\/src\/engine\/migrate\//, 'rewrites a document from one version of its standard to another'],
  [/^server\/src\/host\/config\.ts$/, 'reads `pactline.yaml`, the configuration, not a contract'],
  [/^server\/src\/cli\/lintLoad\.ts$/, 'caches the parse itself (`lint --cache`), not what it declares'],
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(rel);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/**
 * Every place in `files` (paths relative to the repository) that reads the value of a
 * `ParsedDocument`, as `file:line`. `extra` adds files that exist only for the check.
 */
function valueReaders(files: readonly string[], extra: Record<string, string> = {}): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    resolveJsonModule: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const virtual = new Map(Object.entries(extra).map(([rel, text]) => [path.join(ROOT, rel), text]));
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => virtual.has(f) || fileExists.call(host, f);
  host.readFile = (f) => virtual.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, version, ...rest) =>
    virtual.has(f) ? ts.createSourceFile(f, virtual.get(f)!, version) : getSourceFile.call(host, f, version, ...rest);
  const roots = [...files, ...Object.keys(extra)].map((f) => path.join(ROOT, f));
  const program = ts.createProgram(roots, options, host);
  const checker = program.getTypeChecker();
  const documentFile = path.join(ROOT, 'server/src/engine/document.ts');
  const isParsedDocument = (type: ts.Type): boolean => {
    const t = checker.getNonNullableType(type);
    if (t.isUnion()) return t.types.some(isParsedDocument);
    const symbol = t.aliasSymbol ?? t.getSymbol();
    return (
      symbol?.getName() === 'ParsedDocument' &&
      (symbol.getDeclarations() ?? []).some((d) => path.resolve(d.getSourceFile().fileName) === documentFile)
    );
  };
  const found: string[] = [];
  for (const rel of [...files, ...Object.keys(extra)]) {
    const source = program.getSourceFile(path.join(ROOT, rel));
    assert.ok(source, `${rel} is not part of the program`);
    const report = (node: ts.Node) =>
      found.push(`${rel}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`);
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) && node.name.text === 'value') {
        if (isParsedDocument(checker.getTypeAtLocation(node.expression))) report(node);
      } else if (
        ts.isElementAccessExpression(node) &&
        ts.isStringLiteralLike(node.argumentExpression) &&
        node.argumentExpression.text === 'value'
      ) {
        if (isParsedDocument(checker.getTypeAtLocation(node.expression))) report(node);
      } else if (ts.isObjectBindingPattern(node)) {
        const takesValue = node.elements.some((e) => {
          const key = e.propertyName ?? e.name;
          return (ts.isIdentifier(key) || ts.isStringLiteral(key)) && key.text === 'value';
        });
        if (takesValue && isParsedDocument(checker.getTypeAtLocation(node))) report(node);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

const SERVER = sourceFiles('server/src');

describe('one contract model (engine/model)', () => {
  it('no module outside the model and the text-level modules reads a parsed document’s value', () => {
    const readers = valueReaders(SERVER);
    const outside = readers.filter((place) => !ALLOWED.some(([pattern]) => pattern.test(place.replace(/:\d+$/, ''))));
    assert.deepEqual(outside, []);
    // The model itself is found: the check sees what it is looking for.
    assert.ok(
      readers.some((place) => place.startsWith('server/src/engine/model/read.ts:')),
      `the model's own reads were not found: ${readers.join(', ')}`,
    );
  });

  it('would fail on a new walker, whatever it names the document', () => {
    const walker = 'server/src/engine/lineage/newWalker.ts';
    const readers = valueReaders(['server/src/engine/document.ts', 'server/src/engine/service.ts'], {
      [walker]: [
        "import type { ParsedDocument } from '../document';",
        "import type { LanguageService } from '../service';",
        'export function a(doc: ParsedDocument) { return doc.value; }',
        'export function b(p: ParsedDocument | undefined) { return p?.["value"]; }',
        'export function c({ value }: ParsedDocument) { return value; }',
        'export function d(s: LanguageService, f: string) { return s.getDocument(f)?.value; }',
        'export function e(s: LanguageService, f: string) { const { value: v } = s.getDocument(f)!; return v; }',
        'export function clean(r: { value: unknown }) { return r.value; }',
      ].join('\n'),
    });
    assert.deepEqual(
      readers.filter((place) => place.startsWith(walker)),
      [3, 4, 5, 6, 7].map((line) => `${walker}:${line}`),
    );
  });
});
