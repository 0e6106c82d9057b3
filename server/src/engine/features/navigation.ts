// Go to definition and find references: from a contract id, a schema object or a property, as
// declared or as referenced (pipeline inputs/outputs and column mappings, product ports,
// relationships, SLA elements), to the declaration and to every use.
import type { Location, Position } from 'vscode-languageserver-types';
import type { LanguageService } from '../service';
import { documentOf, nodeRange } from './shared';
import { declarationOf, occurrences, symbolAt, type Target } from './targets';
import { resolvePath } from '../locate';
import * as YAML from 'yaml';

export function definition(service: LanguageService, path: string, position: Position): Location[] {
  const doc = documentOf(service, path);
  if (!doc) return [];
  const symbol = symbolAt(service, doc, position);
  if (!symbol) return [];
  return declarations(service, symbol.target);
}

export function declarations(service: LanguageService, target: Target): Location[] {
  switch (target.kind) {
    case 'contract':
      return occurrences(service, target)
        .filter((o) => o.role === 'declaration')
        .map((o) => ({ uri: o.file, range: o.range }));
    case 'schemaObject':
    case 'property': {
      const decl = declarationOf(
        service,
        target.contract,
        target.kind === 'property' ? target.property : target.object,
      );
      return decl ? [{ uri: decl.file, range: decl.range }] : [];
    }
    case 'input': {
      // The input that the alias names, at its `as` (or `schema`, or `contract`).
      const doc = service.getDocument(target.file);
      const ast = doc?.ast();
      if (!doc || !ast) return [];
      for (const key of ['as', 'schema', 'contract']) {
        const resolved = resolvePath(ast, [...target.input.path, key]);
        if (resolved.depth === target.input.path.length + 1 && resolved.node && YAML.isScalar(resolved.node)) {
          return [{ uri: target.file, range: nodeRange(doc, resolved.node) }];
        }
      }
      return [];
    }
  }
}

export function references(
  service: LanguageService,
  path: string,
  position: Position,
  includeDeclaration: boolean,
): Location[] {
  const doc = documentOf(service, path);
  if (!doc) return [];
  const symbol = symbolAt(service, doc, position);
  if (!symbol || symbol.target.kind === 'input') return [];
  return occurrences(service, symbol.target)
    .filter((o) => includeDeclaration || o.role !== 'declaration')
    .map((o) => ({ uri: o.file, range: o.range }));
}
