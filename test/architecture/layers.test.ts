// ARCHITECTURE.md's layer table, enforced: every import of every source file is checked against what
// its layer may depend on. A new import that crosses a layer the wrong way fails here with the file
// and the import named, so the rule cannot drift from the page.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { importsOf, layerOf, violations, LAYER_RULES, type Layer } from './layers';

const ROOT = path.resolve(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  const full = path.join(ROOT, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

const FILES = ['protocol', 'server/src', 'client/src', 'webview/src'].flatMap(sourceFiles);

describe('layers (ARCHITECTURE.md)', () => {
  it('every source file belongs to a layer of the table', () => {
    const orphans = FILES.filter((file) => layerOf(file) === null);
    assert.deepEqual(orphans, []);
    assert.ok(FILES.length > 50, `found only ${FILES.length} source files: is the walk broken?`);
  });

  it('no layer imports what the table says it may not', () => {
    const found = FILES.flatMap((file) => violations(file, importsOf(fs.readFileSync(path.join(ROOT, file), 'utf8'))));
    assert.deepEqual(found, []);
  });

  it('the engine and the formats use no process, console or timers of the host', () => {
    const found: string[] = [];
    for (const file of FILES.filter((f) => layerOf(f) === 'engine' || layerOf(f) === 'formats')) {
      const code = stripCommentsAndStrings(fs.readFileSync(path.join(ROOT, file), 'utf8'));
      for (const word of ['process.', 'console.', 'setTimeout(', 'setInterval('])
        if (code.includes(word)) found.push(`${file}: ${word}`);
    }
    assert.deepEqual(found, []);
  });

  // The checker itself must catch each kind of crossing the issue named, or the tests above prove nothing.
  const mustFail: Array<[string, string, string]> = [
    ['server/src/lsp/folder.ts', "import { findYamlFiles } from '../cli/files';", 'lsp → cli'],
    ['server/src/lsp/breaking.ts', "import { baseFileFilter } from '../cli/breaking';", 'lsp → cli'],
    ['server/src/cli/lint.ts', "import { startServer } from '../lsp/server';", 'cli → lsp'],
    ['server/src/engine/service.ts', "import fs from 'node:fs';", 'engine → node:fs'],
    ['server/src/engine/service.ts', "import { readBlob } from '../git/reader';", 'engine → git'],
    [
      'server/src/engine/service.ts',
      "import { Connection } from 'vscode-languageserver/node';",
      'engine → LSP transport',
    ],
    ['server/src/engine/service.ts', "import * as vscode from 'vscode';", 'engine → vscode'],
    ['server/src/formats/targets.ts', "import type { FileKind } from '../engine/types';", 'formats → engine'],
    [
      'client/src/extension.ts',
      "import { LanguageService } from '../../server/src/engine/service';",
      'client → engine service',
    ],
    ['client/src/extension.ts', "import { spawn } from 'child_process';", 'client → child_process'],
    ['client/src/extension.ts', "import { X } from '../../server/src/lsp/server';", 'client → lsp'],
    ['webview/src/main.ts', "import { renderSvg } from '../../server/src/engine/lineage';", 'webview → engine'],
    ['protocol/lineage.ts', "import { LanguageService } from '../server/src/engine/service';", 'protocol → engine'],
    [
      'server/src/engine/lineage/svg.ts',
      "import { LineageRequest } from '../../../../protocol/lineage';",
      'engine → protocol',
    ],
    ['server/src/host/files.ts', "import { lint } from '../cli/lint';", 'host → cli'],
    ['server/src/git/reader.ts', "const { x } = require('../lsp/server');", 'git → lsp (require)'],
  ];
  for (const [file, line, what] of mustFail) {
    it(`the checker refuses ${what}`, () => {
      assert.notDeepEqual(violations(file, importsOf(line)), [], `${file}: ${line}`);
    });
  }

  it('the engine may read the SVG allow-list of protocol/, and nothing else there', () => {
    const ok = "import { SVG_ELEMENTS } from '../../../../protocol/svgAllowList';";
    assert.deepEqual(violations('server/src/engine/lineage/svg.ts', importsOf(ok)), []);
    // The allow-list stays data: were it to import anything, the exception would widen silently.
    const list = fs.readFileSync(path.join(ROOT, 'protocol/svgAllowList.ts'), 'utf8');
    assert.deepEqual(importsOf(list), []);
  });

  it('every layer of the table is described in ARCHITECTURE.md', () => {
    const page = fs.readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8');
    for (const layer of Object.keys(LAYER_RULES) as Layer[]) {
      assert.ok(
        page.includes(`\`${LAYER_RULES[layer].folder}`),
        `ARCHITECTURE.md does not mention ${LAYER_RULES[layer].folder}`,
      );
    }
  });
});

function stripCommentsAndStrings(code: string): string {
  return code
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/`(?:\\[\s\S]|[^`\\])*`/g, '``')
    .replace(/'(?:\\.|[^'\\\n])*'/g, "''")
    .replace(/"(?:\\.|[^"\\\n])*"/g, '""');
}
