// Quick fixes for Pactline's findings: "did you mean" (replace with the suggestion), add a missing
// required key, a breaking change's (engine/breaking/editor.ts), and suppress a finding with a
// comment. Only quick fixes: nothing changes unasked.
import * as YAML from 'yaml';
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import { breakingQuickFixes } from '../breaking/editor';
import type { ParsedDocument } from '../document';
import type { LanguageService } from '../service';
import type { FindingData } from '../types';
import { canMigrate, MIGRATION_TARGETS, type MigrationTarget } from '../migrate/odcs';
import { documentOf, keyText, trimEnd } from './shared';

/** Rules whose `data.suggestion` is a replacement for the text at the finding's range. */
const REPLACING = new Set([
  'schema/unknown-key',
  'schema/enum',
  'schema/const',
  'ref/unknown-contract',
  'ref/unknown-schema-object',
  'ref/unknown-column',
  'ref/unknown-input',
  'ref/relationship-target',
]);

export function codeActions(
  service: LanguageService,
  path: string,
  _range: Range,
  diagnostics: Diagnostic[],
): CodeAction[] {
  const doc = documentOf(service, path);
  if (!doc) return [];
  // Breaking findings first: bump the major version, restore a removed property.
  const actions: CodeAction[] = breakingQuickFixes(service, path, diagnostics);
  for (const diagnostic of diagnostics) {
    const rule = typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
    if (!rule || (diagnostic.source !== undefined && diagnostic.source !== 'pactline')) continue;
    const suggestion = (diagnostic.data as FindingData | undefined)?.suggestion;
    if (suggestion !== undefined && REPLACING.has(rule)) {
      const action = replaceWithSuggestion(doc, diagnostic, suggestion);
      if (action) actions.push(action);
    }
    if (rule === 'schema/required' && suggestion !== undefined) {
      // "Missing one of …": one action per key that would do.
      for (const key of (diagnostic.data as FindingData).alternatives ?? [suggestion]) {
        const action = addMissingKey(doc, diagnostic, key);
        if (action) actions.push(action);
      }
    }
    if (rule === 'version/upgrade-available') actions.push(...migrations(service, doc, diagnostic));
    const suppress = suppression(doc, diagnostic, rule);
    if (suppress) actions.push(suppress);
  }
  return actions;
}

function edit(doc: ParsedDocument, edits: TextEdit[]) {
  return { changes: { [doc.path]: edits } };
}

/**
 * "Migrate to ODCS v3.2.0" (preferred) and "... v3.1.0": what `pactline migrate` writes, offered
 * only when the target then accepts the file. One edit from the first changed character to the
 * last, so the rest of the document (and the cursor in it) is untouched.
 */
function migrations(service: LanguageService, doc: ParsedDocument, diagnostic: Diagnostic): CodeAction[] {
  const from = /^apiVersion:[ \t]*["']?([^"'\s#]+)/m.exec(doc.text)?.[1];
  const preferred = (diagnostic.data as FindingData | undefined)?.migrateTo;
  const actions: CodeAction[] = [];
  for (const to of [...MIGRATION_TARGETS].reverse() as MigrationTarget[]) {
    if (!canMigrate(from, to)) continue;
    const outcome = service.migrate(doc.text, to);
    if (!outcome.ok || outcome.result.remaining.length) continue;
    const after = outcome.result.text;
    let start = 0;
    while (start < doc.text.length && start < after.length && doc.text[start] === after[start]) start++;
    let end = 0;
    while (
      end < doc.text.length - start &&
      end < after.length - start &&
      doc.text[doc.text.length - 1 - end] === after[after.length - 1 - end]
    )
      end++;
    actions.push({
      title: `Migrate this file to ODCS ${to} (as \`pactline migrate\` does)`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: to === (preferred ?? to),
      edit: edit(doc, [
        { range: doc.lines.rangeOf(start, doc.text.length - end), newText: after.slice(start, after.length - end) },
      ]),
    });
  }
  return actions;
}

function replaceWithSuggestion(
  doc: ParsedDocument,
  diagnostic: Diagnostic,
  suggestion: string,
): CodeAction | undefined {
  let range = diagnostic.range;
  const start = doc.lines.offsetAt(range.start);
  const end = doc.lines.offsetAt(range.end);
  const current = doc.text.slice(start, end);
  if (!current || current.includes('\n')) return undefined;
  // Keep the quotes the text is written with.
  const quote = current[0];
  if ((quote === '"' || quote === "'") && current.length >= 2 && current.endsWith(quote))
    range = doc.lines.rangeOf(start + 1, end - 1);
  const inner = range === diagnostic.range ? current : current.slice(1, -1);
  if (inner === suggestion) return undefined;
  return {
    title: `Change \`${inner}\` to \`${suggestion}\``,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: edit(doc, [{ range, newText: suggestion }]),
  };
}

/** Inserts `key: ` as the last key of the mapping the finding says lacks it. */
function addMissingKey(doc: ParsedDocument, diagnostic: Diagnostic, key: string): CodeAction | undefined {
  const ast = doc.ast();
  if (!ast) return undefined;
  const offset = doc.lines.offsetAt(diagnostic.range.start);
  const map = mappingAt(ast, doc.text, offset);
  if (!map || map.flow || !map.items.length) return undefined;
  const first = map.items[0].key;
  if (!YAML.isNode(first) || !first.range) return undefined;
  const column = doc.lines.positionAt(first.range[0]).character;
  if (map.items.some((p) => keyText(p.key) === key)) return undefined;
  // After the last line with content of the mapping (its trailing comments stay where they are).
  const last = map.items[map.items.length - 1];
  const lastNode = (YAML.isNode(last.value) && last.value.range ? last.value : last.key) as YAML.Node;
  const end = trimEnd(doc.text, first.range[0], lastNode.range![1]);
  const line = doc.lines.positionAt(end).line;
  const at = { line, character: doc.lines.lineEnd(line) - doc.lines.lineStart(line) };
  return {
    title: `Add missing key \`${key}\``,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: edit(doc, [{ range: { start: at, end: at }, newText: `\n${' '.repeat(column)}${key}: ` }]),
  };
}

/**
 * The mapping a `schema/required` finding is placed on: the value of the key at `offset`, the item
 * after the `-` at `offset`, or the document's root mapping (line 1).
 */
function mappingAt(ast: YAML.Document.Parsed, text: string, offset: number): YAML.YAMLMap | undefined {
  const root = ast.contents;
  let found: YAML.YAMLMap | undefined;
  const visit = (node: unknown): void => {
    if (found) return;
    if (YAML.isMap(node)) {
      for (const pair of node.items) {
        if (YAML.isNode(pair.key) && pair.key.range?.[0] === offset && YAML.isMap(pair.value)) {
          found = pair.value;
          return;
        }
        visit(pair.value);
      }
    } else if (YAML.isSeq(node)) {
      for (const item of node.items) {
        if (YAML.isMap(item) && item.range && dashBefore(text, item.range[0]) === offset) {
          found = item;
          return;
        }
        visit(item);
      }
    }
  };
  visit(root);
  if (found) return found;
  if (YAML.isMap(root) && root.range && offset <= root.range[0]) return root;
  return undefined;
}

function dashBefore(text: string, offset: number): number | undefined {
  let i = offset - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return text[i] === '-' ? i : undefined;
}

function suppression(doc: ParsedDocument, diagnostic: Diagnostic, rule: string): CodeAction | undefined {
  const line = diagnostic.range.start.line;
  if (line >= doc.lines.lineCount) return undefined;
  const content = doc.text.slice(doc.lines.lineStart(line), doc.lines.lineEnd(line));
  const indent = content.length - content.trimStart().length;
  // Extend a suppression comment already on the line above.
  if (line > 0) {
    const above = doc.text.slice(doc.lines.lineStart(line - 1), doc.lines.lineEnd(line - 1));
    const match = /^(\s*#\s*pactline-disable-next-line\s+)([^\s-][^-]*?)(\s*(--.*)?)$/.exec(above);
    if (match) {
      const rules = match[2].split(/[,\s]+/).filter(Boolean);
      if (rules.includes(rule)) return undefined;
      const at = { line: line - 1, character: match[1].length + match[2].length };
      return {
        title: `Suppress ${rule} on this line (add to the comment above)`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: edit(doc, [{ range: { start: at, end: at }, newText: `, ${rule}` }]),
      };
    }
  }
  const at = { line, character: 0 };
  return {
    title: `Suppress ${rule} on this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: edit(doc, [
      {
        range: { start: at, end: at },
        newText: `${' '.repeat(indent)}# pactline-disable-next-line ${rule} -- TODO: reason\n`,
      },
    ]),
  };
}
