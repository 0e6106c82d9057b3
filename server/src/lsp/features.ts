// The editor features: each LSP request calls one engine function (server/src/engine/features) and
// maps engine paths to URIs. A failing handler logs and answers null; the server keeps running.
import {
  InsertTextFormat,
  type CodeLens,
  type CompletionItem,
  type CompletionList,
  type Location,
  type WorkspaceSymbol,
} from 'vscode-languageserver/node';
import {
  codeActions,
  codeLenses,
  completion,
  definition,
  documentLinks,
  documentSymbols,
  foldingRanges,
  formatDocument,
  hover,
  prepareRename,
  references,
  rename,
  selectionRanges,
  workspaceSymbols,
} from '../engine/features';
import { COMPARE_WITH_BASE_COMMAND } from '../../../protocol/breaking';
import { SHOW_LINEAGE_COMMAND } from '../../../protocol/lineage';
import type { Folder } from './folder';
import type { Located, PactlineServer } from './server';

export function registerFeatures(server: PactlineServer): void {
  const c = server.connection;

  /** Wraps a handler: the document brought up to date, errors logged, `fallback` on failure. */
  function on<P extends { textDocument: { uri: string } }, R>(
    name: string,
    fallback: R,
    run: (where: Located, params: P) => R,
  ) {
    return (params: P): R =>
      server.guard(
        name,
        () => {
          const where = server.locate(params.textDocument.uri);
          return where ? run(where, params) : fallback;
        },
        fallback,
      );
  }

  const locations = (folder: Folder, list: Location[]): Location[] =>
    list.map((l) => ({ ...l, uri: server.uriOf(folder, l.uri) }));

  c.onCompletion(
    on('completion', null as CompletionList | null, ({ folder, path }, params) => {
      const list = completion(folder.service, path, params.position);
      const snippets = server.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
      return snippets ? list : { ...list, items: list.items.map(withoutSnippet) };
    }),
  );

  c.onHover(
    on('hover', null, ({ folder, path }, params) => {
      server.breaking.poll(folder);
      return hover(folder.service, path, params.position);
    }),
  );

  c.onDocumentSymbol(on('documentSymbol', null, ({ folder, path }) => documentSymbols(folder.service, path)));

  c.onWorkspaceSymbol((params) =>
    server.guard(
      'workspaceSymbol',
      () => {
        const all: WorkspaceSymbol[] = [];
        for (const folder of server.allFolders()) {
          for (const symbol of workspaceSymbols(folder.service, params.query)) {
            const location =
              'range' in symbol.location
                ? { ...symbol.location, uri: server.uriOf(folder, symbol.location.uri) }
                : { uri: server.uriOf(folder, symbol.location.uri) };
            all.push({ ...symbol, location });
          }
        }
        return all;
      },
      null,
    ),
  );

  c.onDefinition(
    on('definition', null as Location[] | null, ({ folder, path }, params) =>
      locations(folder, definition(folder.service, path, params.position)),
    ),
  );

  c.onReferences(
    on('references', null as Location[] | null, ({ folder, path }, params) =>
      locations(folder, references(folder.service, path, params.position, params.context.includeDeclaration)),
    ),
  );

  c.onPrepareRename(
    on('prepareRename', null, ({ folder, path }, params) => {
      const answer = prepareRename(folder.service, path, params.position);
      if (answer && 'error' in answer) return server.refuse(answer.error);
      return answer;
    }),
  );

  c.onRenameRequest(
    on('rename', null, ({ folder, path }, params) => {
      const answer = rename(folder.service, path, params.position, params.newName);
      if ('error' in answer) return server.refuse(answer.error);
      return server.mapEdit(folder, answer);
    }),
  );

  c.onCodeAction(
    on('codeAction', null, ({ folder, path }, params) => {
      if (
        params.context.only &&
        !params.context.only.some((kind) => kind === 'quickfix' || 'quickfix'.startsWith(kind + '.') || kind === '')
      )
        return [];
      return codeActions(folder.service, path, params.range, params.context.diagnostics).map((action) =>
        action.edit ? { ...action, edit: server.mapEdit(folder, action.edit) } : action,
      );
    }),
  );

  // Both kinds, for any client: how a contract compares with its base, and "Show lineage".
  c.onCodeLens(
    on('codeLens', null as CodeLens[] | null, ({ folder, path }, params) => {
      server.breaking.poll(folder);
      const lenses = codeLenses(folder.service, path);
      // a client that shows "Show lineage" may soon ask for a drawing: Graphviz loads meanwhile
      if (lenses.some((l) => l.action.kind === 'show-lineage')) server.lineageLayout?.warmUp();
      return lenses.map(({ range, title, action }) => ({
        range,
        command:
          action.kind === 'compare-with-base'
            ? { title, command: COMPARE_WITH_BASE_COMMAND, arguments: [params.textDocument.uri] }
            : { title, command: SHOW_LINEAGE_COMMAND, arguments: [{ focus: action.focus }] },
      }));
    }),
  );

  c.onFoldingRanges(on('foldingRange', null, ({ folder, path }) => foldingRanges(folder.service, path)));

  c.onSelectionRanges(
    on('selectionRange', null, ({ folder, path }, params) => selectionRanges(folder.service, path, params.positions)),
  );

  // Only http(s) and files of the workspace reach the editor as links (the engine gives no other;
  // checked again here because the editor runs whatever a link's scheme names).
  c.onDocumentLinks(
    on('documentLink', null, ({ folder, path }) =>
      documentLinks(folder.service, path).flatMap((link) => {
        if (!link.target) return [];
        if (/^https?:\/\//i.test(link.target)) return [link];
        if (/^[a-z][a-z0-9+.-]*:/i.test(link.target) || link.target.startsWith('/') || folder.root === undefined)
          return [];
        const target = server.uriOf(folder, link.target);
        return target.startsWith('file:') ? [{ ...link, target }] : [];
      }),
    ),
  );

  c.onDocumentFormatting(
    on('formatting', null, ({ folder, path }, params) =>
      formatDocument(folder.service, path, {
        tabSize: params.options.tabSize,
        insertSpaces: params.options.insertSpaces,
      }),
    ),
  );
}

/** A completion item for a client without snippet support: placeholders become their default text. */
function withoutSnippet(item: CompletionItem): CompletionItem {
  if (item.insertTextFormat !== InsertTextFormat.Snippet) return item;
  const out: CompletionItem = { ...item, insertTextFormat: InsertTextFormat.PlainText };
  if (item.insertText !== undefined) out.insertText = plainSnippet(item.insertText);
  if (item.textEdit) out.textEdit = { ...item.textEdit, newText: plainSnippet(item.textEdit.newText) };
  return out;
}

/** `${1:default}` → default, `${1|a,b|}` → a, `$1`/`$0` → nothing, `\$` → `$`. */
export function plainSnippet(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const ch = snippet[i];
    if (ch === '\\' && i + 1 < snippet.length && '$}\\,|'.includes(snippet[i + 1])) {
      out += snippet[++i];
    } else if (ch === '$' && /\d/.test(snippet[i + 1] ?? '')) {
      while (/\d/.test(snippet[i + 1] ?? '')) i++;
    } else if (ch === '$' && snippet[i + 1] === '{') {
      const close = matchingBrace(snippet, i + 1);
      const body = snippet.slice(i + 2, close);
      const choice = /^\d+\|([^,|]*)/.exec(body);
      const placeholder = /^\d+:([\s\S]*)$/.exec(body);
      out += choice ? choice[1] : placeholder ? plainSnippet(placeholder[1]) : '';
      i = close;
    } else {
      out += ch;
    }
  }
  return out;
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '\\') {
      i++;
      continue;
    }
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return s.length;
}
