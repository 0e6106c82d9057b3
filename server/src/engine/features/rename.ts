// Rename a property or a contract id everywhere the workspace writes it, as one WorkspaceEdit;
// refused, with a reason a person can act on, when the result would be ambiguous or invalid.
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import * as jsyaml from 'js-yaml';
import * as YAML from 'yaml';
import { parseDocument, type ParsedDocument } from '../document';
import type { LanguageService } from '../service';
import { documentOf, isClean } from './shared';
import { occurrences, symbolAt, type Occurrence, type SymbolAt } from './targets';

const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CONTRACT_ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;

export function prepareRename(
  service: LanguageService,
  path: string,
  position: Position,
): { range: Range; placeholder: string } | { error: string } | null {
  const doc = documentOf(service, path);
  if (!doc) return null;
  const symbol = symbolAt(service, doc, position);
  if (!symbol) return null;
  const problem = renameProblem(service, symbol);
  if (problem) return { error: problem };
  return { range: symbol.range, placeholder: symbol.name };
}

export function rename(
  service: LanguageService,
  path: string,
  position: Position,
  newName: string,
): WorkspaceEdit | { error: string } {
  const doc = documentOf(service, path);
  if (!doc) return { error: `\`${path}\` is not open in Pactline.` };
  const symbol = symbolAt(service, doc, position);
  if (!symbol)
    return {
      error: 'Nothing to rename here: place the cursor on a contract id or a property name (or a reference to one).',
    };
  const problem = renameProblem(service, symbol) ?? newNameProblem(service, symbol, newName);
  if (problem) return { error: problem };
  if (newName === symbol.name) return { changes: {} };
  const places = occurrences(service, symbol.target).filter((o) => o.renameable);
  const broken = [...new Set(places.map((o) => o.file))].filter((file) => {
    const d = service.getDocument(file);
    return !d || !isClean(d);
  });
  if (broken.length)
    return {
      error: `Cannot rename while ${broken.map((f) => `\`${f}\``).join(', ')} ${broken.length > 1 ? 'have' : 'has'} YAML errors: fix ${broken.length > 1 ? 'them' : 'it'} first.`,
    };
  const byFile = new Map<string, Occurrence[]>();
  for (const place of places) byFile.set(place.file, [...(byFile.get(place.file) ?? []), place]);
  const changes: Record<string, TextEdit[]> = {};
  for (const [file, here] of byFile) {
    const edits = writeName(service.getDocument(file)!, here, newName);
    if (typeof edits === 'string') return { error: edits };
    changes[file] = edits.sort(byPosition);
  }
  return { changes };
}

// ---- writing the new name as YAML that reads back as exactly that text --------------------------

interface ScalarAt {
  node: YAML.Scalar;
  start: number;
  end: number;
}

/**
 * The edits that put `newName` at each place of one file. A place is the whole of a scalar (`id: x`)
 * or a part of one (`to: orders.x`); the scalar is written again as a whole when the new text would
 * read as another type (`null`, `true`, `1e3`) or break the syntax (`abc:`), in its own quotes or in
 * double quotes. The edited file is parsed again: a name that would not read back is refused.
 */
function writeName(doc: ParsedDocument, places: readonly Occurrence[], newName: string): TextEdit[] | string {
  const ast = doc.ast();
  if (!ast) return `Cannot rename in \`${doc.path}\`: it could not be read as one YAML document.`;
  const scalars: ScalarAt[] = [];
  YAML.visit(ast, {
    Scalar(_, node) {
      if (node.range) scalars.push({ node, start: node.range[0], end: node.range[1] });
    },
  });
  const edits: { start: number; end: number; newText: string; expected: string }[] = [];
  for (const place of places) {
    const start = doc.lines.offsetAt(place.range.start);
    const end = doc.lines.offsetAt(place.range.end);
    const at = scalars.find((s) => s.start <= start && end <= s.end);
    const raw = at ? doc.text.slice(at.start, at.end) : '';
    const value = at && typeof at.node.value === 'string' ? at.node.value : undefined;
    const quote = at?.node.type === 'QUOTE_DOUBLE' || at?.node.type === 'QUOTE_SINGLE' ? 1 : 0;
    // Offsets in the source are offsets in the value only when the text is the value itself (no
    // escapes, no folded lines): otherwise the place is left to a person.
    if (!at || value === undefined || raw.slice(quote, raw.length - quote) !== value) {
      return `\`${doc.path}\` writes \`${doc.text.slice(start, end)}\` on line ${place.range.start.line + 1} with escapes or over several lines: rename it there by hand first.`;
    }
    const from = start - at.start - quote;
    const renamed = value.slice(0, from) + newName + value.slice(from + end - start);
    const written = scalarText(renamed, at.node.type);
    // Only the name itself changes when the scalar keeps its form (the usual case): smaller edits.
    const head = raw.slice(0, start - at.start);
    const tail = raw.slice(end - at.start);
    if (written.startsWith(head) && written.endsWith(tail) && written.length >= head.length + tail.length) {
      edits.push({ start, end, newText: written.slice(head.length, written.length - tail.length), expected: renamed });
    } else {
      edits.push({ start: at.start, end: at.end, newText: written, expected: renamed });
    }
  }
  const problem = readBackProblem(doc, edits);
  if (problem) return problem;
  return edits.map((e) => ({ range: doc.lines.rangeOf(e.start, e.end), newText: e.newText }));
}

/** Words YAML 1.1 or 1.2 reads as null or a boolean, in any case: another tool may read the file as 1.1. */
const RESERVED_WORDS = /^(null|true|false|yes|no|on|off|y|n)$/i;
/** Plain text that is a string in every YAML context: no indicator, digit-led number, space or `:`. */
const PLAIN_SAFE = /^[A-Za-z_][A-Za-z0-9_./-]*$/;

/**
 * Whether `value` written plain is that string as a value, a key and in flow collections
 * (`urn:x:orders` is; `abc:`, `a #b`, `- x`, `1.0` are not). A digit, sign or dot in front is never
 * plain: YAML 1.1 readers take `1_000`, `1:20` or `2024-01-01` for numbers and dates.
 */
function readsPlain(value: string): boolean {
  if (!value || value !== value.trim() || /^[-+.\d]/.test(value) || /[\r\n]/.test(value)) return false;
  for (const probe of [`k: ${value}\n`, `${value}: k\n`, `[${value}]`, `{k: ${value}}`]) {
    try {
      const read = jsyaml.load(probe, { schema: jsyaml.CORE_SCHEMA }) as unknown;
      const found = Array.isArray(read)
        ? read[0]
        : read && typeof read === 'object'
          ? ((read as Record<string, unknown>).k ?? Object.keys(read)[0])
          : undefined;
      if (found !== value || (Array.isArray(read) && read.length !== 1)) return false;
    } catch {
      return false;
    }
  }
  return true;
}

function scalarText(value: string, style: YAML.Scalar['type']): string {
  const printable = !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(value);
  if (style === 'QUOTE_SINGLE' && printable) return `'${value.replace(/'/g, "''")}'`;
  if (style !== 'QUOTE_DOUBLE' && !RESERVED_WORDS.test(value) && (PLAIN_SAFE.test(value) || readsPlain(value)))
    return value;
  // JSON's string syntax is YAML's double-quoted style (control characters as \u escapes).
  return JSON.stringify(value);
}

/** Applies the edits and parses the result: every edited scalar must read back as the expected string. */
function readBackProblem(
  doc: ParsedDocument,
  edits: readonly { start: number; end: number; newText: string; expected: string }[],
): string | undefined {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let text = '';
  let last = 0;
  const starts: number[] = [];
  for (const e of sorted) {
    text += doc.text.slice(last, e.start);
    starts.push(text.length);
    text += e.newText;
    last = e.end;
  }
  text += doc.text.slice(last);
  const reparsed = parseDocument(doc.path, text, { kind: doc.kind });
  const ast = reparsed.ast();
  if (reparsed.problems.length || !ast || ast.errors.length) {
    return `Renaming would make \`${doc.path}\` invalid YAML (${reparsed.problems[0]?.message ?? ast?.errors[0]?.message ?? 'it could not be read'}); choose another name.`;
  }
  const read = new Map<number, { start: number; end: number; value: unknown }>();
  YAML.visit(ast, {
    Scalar(_, node) {
      if (node.range) read.set(node.range[0], { start: node.range[0], end: node.range[1], value: node.value });
    },
  });
  for (let i = 0; i < sorted.length; i++) {
    // The edit starts at its scalar (a whole scalar) or inside it (a part): find the scalar holding it.
    const holder =
      read.get(starts[i]) ??
      [...read.values()].find((r) => r.start <= starts[i] && starts[i] + sorted[i].newText.length <= r.end);
    if (!holder || holder.value !== sorted[i].expected) {
      return `\`${sorted[i].expected}\` would not read back as that text in \`${doc.path}\`; choose another name.`;
    }
  }
  return undefined;
}

/** Why the symbol cannot be renamed at all (whatever the new name). */
function renameProblem(service: LanguageService, symbol: SymbolAt): string | undefined {
  const target = symbol.target;
  switch (target.kind) {
    case 'contract': {
      const declared = service.index.contractsWithId(target.id);
      if (!declared.length)
        return `No contract in the workspace declares \`${target.id}\`, so there is nothing to rename.`;
      if (declared.length > 1) {
        return (
          `Contract id \`${target.id}\` is declared in ${declared.length} files (${declared.map((c) => `\`${c.file}\``).join(', ')}): ` +
          'renaming it would be ambiguous. Give one of them another id first (ref/duplicate-id).'
        );
      }
      return undefined;
    }
    case 'property': {
      const { object, property } = target;
      const twins = object.properties.filter((p) => p.parent === property.parent && p.leaf === property.leaf);
      if (twins.length > 1)
        return `Schema object \`${object.name}\` declares property \`${property.name}\` ${twins.length} times: renaming it would be ambiguous.`;
      if (symbol.name !== property.leaf)
        return `This reference names \`${property.name}\` by its id \`${symbol.name}\`; rename the property where it is declared.`;
      return undefined;
    }
    case 'schemaObject':
      return 'Only contract ids and properties can be renamed; rename a schema object in its contract and update its users by hand.';
    case 'input':
      return `\`${target.alias}\` is the name this step gives one of its inputs: change it with the input's \`as\`.`;
  }
}

/** Why `newName` cannot be the new name. */
function newNameProblem(service: LanguageService, symbol: SymbolAt, newName: string): string | undefined {
  const target = symbol.target;
  if (newName === symbol.name) return undefined;
  if (target.kind === 'contract') {
    if (!CONTRACT_ID.test(newName)) {
      return `\`${newName}\` is not a usable contract id: use letters, digits and \`.\`, \`_\`, \`-\`, \`:\`, \`/\` (no spaces), starting with a letter or digit.`;
    }
    const existing = service.index.contractsWithId(newName);
    if (existing.length) return `Contract id \`${newName}\` is already declared in \`${existing[0].file}\`.`;
    return undefined;
  }
  if (target.kind === 'property') {
    if (!PROPERTY_NAME.test(newName)) {
      return (
        `\`${newName}\` is not a usable property name: column mappings (\`alias.column\`) and relationships (\`table.column\`) need a name ` +
        'of letters, digits and underscores that does not start with a digit.'
      );
    }
    const { object, property } = target;
    if (object.properties.some((p) => p.parent === property.parent && p.leaf === newName)) {
      return `Schema object \`${object.name}\` already has a property \`${property.parent ? `${property.parent}.` : ''}${newName}\`.`;
    }
    // A column mapping that already maps the new name would end up with the same key twice.
    const renamed = property.parent ? `${property.parent}.${newName}` : newName;
    for (const facts of service.index.allFacts()) {
      for (const step of facts.pipeline?.steps ?? []) {
        for (const output of step.outputs) {
          if (!output.columns.some((c) => c.column === renamed)) continue;
          const resolution = service.index.resolveDataset({
            contract: output.contract?.value,
            schema: output.schema?.value,
          });
          if (resolution.status === 'resolved' && resolution.object === object) {
            return `Step \`${step.id}\` in \`${facts.path}\` already maps a column \`${renamed}\` of \`${object.name}\`: the mapping would have the same key twice.`;
          }
        }
      }
    }
    return undefined;
  }
  return undefined;
}

function byPosition(a: TextEdit, b: TextEdit): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

export type { Occurrence };
