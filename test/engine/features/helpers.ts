// Shared by the feature tests: the example workspace loaded into a language service, and
// inline documents with a cursor marked `|`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Position, Range } from 'vscode-languageserver-types';
import { LanguageService } from '../../../server/src/engine/service';

export const ROOT = join(__dirname, '..', '..', '..');
const EXAMPLES = join(ROOT, 'examples');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

/** Every file of examples/, by path relative to the repository root (`examples/contracts/x.odcs.yaml`). */
export function exampleFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of walk(EXAMPLES).sort()) {
    if (!/\.ya?ml$/.test(file)) continue;
    files.set(relative(ROOT, file).replace(/\\/g, '/'), readFileSync(file, 'utf8'));
  }
  return files;
}

/** A language service holding every example file (and any extra inline files). */
export function exampleService(extra: Record<string, string> = {}): LanguageService {
  const service = new LanguageService();
  for (const [path, text] of exampleFiles()) service.setDocument(path, text);
  for (const [path, text] of Object.entries(extra)) service.setDocument(path, text);
  return service;
}

/** The text without its `|` cursor marker, and the cursor's position. */
export function cursor(marked: string): { text: string; position: Position } {
  const at = marked.indexOf('|');
  if (at < 0) throw new Error('no cursor marker');
  const text = marked.slice(0, at) + marked.slice(at + 1);
  const before = text.slice(0, at).split('\n');
  return { text, position: { line: before.length - 1, character: before[before.length - 1].length } };
}

/** Position of the `n`-th (0-based) occurrence of `needle` in `text`, plus `offset` characters. */
export function positionOf(text: string, needle: string, offset = 0, n = 0): Position {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`\`${needle}\` not found (${i})`);
  }
  const before = text.slice(0, at + offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** The range of the `n`-th occurrence of `needle` (or of `part` inside it). */
export function rangeOf(text: string, needle: string, n = 0, part?: string): Range {
  const skip = part ? needle.indexOf(part) : 0;
  const start = positionOf(text, needle, skip, n);
  return { start, end: { line: start.line, character: start.character + (part ?? needle).length } };
}

export function range(line: number, start: number, endLine: number, end: number): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

/** The text with a list of edits applied (no overlaps). */
export function applyEdits(text: string, edits: { range: Range; newText: string }[]): string {
  const offset = (p: Position) => {
    const lines = text.split('\n');
    let o = 0;
    for (let i = 0; i < p.line; i++) o += lines[i].length + 1;
    return o + p.character;
  };
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
