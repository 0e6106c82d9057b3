// Rename a property or a contract id everywhere the workspace writes it, as one WorkspaceEdit;
// refused, with a reason a person can act on, when the result would be ambiguous or invalid.
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { LanguageService } from '../service';
import { documentOf, isClean } from './shared';
import { occurrences, symbolAt, type Occurrence, type SymbolAt } from './targets';

const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CONTRACT_ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;

export function prepareRename(service: LanguageService, path: string, position: Position): { range: Range; placeholder: string } | { error: string } | null {
  const doc = documentOf(service, path);
  if (!doc) return null;
  const symbol = symbolAt(service, doc, position);
  if (!symbol) return null;
  const problem = renameProblem(service, symbol);
  if (problem) return { error: problem };
  return { range: symbol.range, placeholder: symbol.name };
}

export function rename(service: LanguageService, path: string, position: Position, newName: string): WorkspaceEdit | { error: string } {
  const doc = documentOf(service, path);
  if (!doc) return { error: `\`${path}\` is not open in Pactline.` };
  const symbol = symbolAt(service, doc, position);
  if (!symbol) return { error: 'Nothing to rename here: place the cursor on a contract id or a property name (or a reference to one).' };
  const problem = renameProblem(service, symbol) ?? newNameProblem(service, symbol, newName);
  if (problem) return { error: problem };
  if (newName === symbol.name) return { changes: {} };
  const places = occurrences(service, symbol.target).filter((o) => o.renameable);
  const broken = [...new Set(places.map((o) => o.file))].filter((file) => {
    const d = service.getDocument(file);
    return !d || !isClean(d);
  });
  if (broken.length) return { error: `Cannot rename while ${broken.map((f) => `\`${f}\``).join(', ')} ${broken.length > 1 ? 'have' : 'has'} YAML errors: fix ${broken.length > 1 ? 'them' : 'it'} first.` };
  const changes: Record<string, TextEdit[]> = {};
  for (const place of places) (changes[place.file] ??= []).push({ range: place.range, newText: newName });
  for (const edits of Object.values(changes)) edits.sort(byPosition);
  return { changes };
}

/** Why the symbol cannot be renamed at all (whatever the new name). */
function renameProblem(service: LanguageService, symbol: SymbolAt): string | undefined {
  const target = symbol.target;
  switch (target.kind) {
    case 'contract': {
      const declared = service.index.contractsWithId(target.id);
      if (!declared.length) return `No contract in the workspace declares \`${target.id}\`, so there is nothing to rename.`;
      if (declared.length > 1) {
        return `Contract id \`${target.id}\` is declared in ${declared.length} files (${declared.map((c) => `\`${c.file}\``).join(', ')}): ` +
          'renaming it would be ambiguous. Give one of them another id first (ref/duplicate-id).';
      }
      return undefined;
    }
    case 'property': {
      const { object, property } = target;
      const twins = object.properties.filter((p) => p.parent === property.parent && p.leaf === property.leaf);
      if (twins.length > 1) return `Schema object \`${object.name}\` declares property \`${property.name}\` ${twins.length} times: renaming it would be ambiguous.`;
      if (symbol.name !== property.leaf) return `This reference names \`${property.name}\` by its id \`${symbol.name}\`; rename the property where it is declared.`;
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
      return `\`${newName}\` is not a usable property name: column mappings (\`alias.column\`) and relationships (\`table.column\`) need a name ` +
        'of letters, digits and underscores that does not start with a digit.';
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
          const resolution = service.index.resolveDataset({ contract: output.contract?.value, schema: output.schema?.value });
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
