// Document links: http(s) URLs written in values (descriptions, `url`s of authoritative
// definitions, support channels, management ports), and a `url` that is a path to a file of the
// workspace, relative to the document. Nothing else: a repository you just cloned must not hand the
// editor a clickable `command:`, `vscode://`, `javascript:`, `data:` or `file:///etc/passwd`.
// References to other files of the workspace are not links: "go to definition" follows them.
import * as YAML from 'yaml';
import type { DocumentLink } from 'vscode-languageserver-types';
import type { LanguageService } from '../service';
import { documentOf, keyText } from './shared';

const URL = /\bhttps?:\/\/[^\s"'<>`\\^{}|]+/g;

export function documentLinks(service: LanguageService, path: string): DocumentLink[] {
  const doc = documentOf(service, path);
  const ast = doc && !doc.multiDocument ? doc.ast() : undefined;
  if (!doc || !ast) return [];
  const links: DocumentLink[] = [];
  const add = (start: number, url: string) => {
    links.push({ range: doc.lines.rangeOf(start, start + url.length), target: url, tooltip: `Open ${url}` });
  };
  YAML.visit(ast, {
    Pair(_, pair) {
      const value = pair.value;
      if (!YAML.isScalar(value) || !value.range || typeof value.value !== 'string') return;
      const [start, end] = value.range;
      const raw = doc.text.slice(start, end);
      let found = false;
      for (const match of raw.matchAll(URL)) {
        const url = trimUrl(match[0]);
        if (url.length > 'https://'.length) {
          add(start + match.index!, url);
          found = true;
        }
      }
      // A `url` that is a relative path to a file of the workspace: the whole value.
      const target = !found && keyText(pair.key) === 'url' ? workspaceFile(path, value.value) : undefined;
      if (target !== undefined) {
        const offset = raw.indexOf(value.value);
        if (offset >= 0)
          links.push({
            range: doc.lines.rangeOf(start + offset, start + offset + value.value.length),
            target,
            tooltip: `Open ${target}`,
          });
      }
    },
    Seq(_, seq) {
      for (const item of seq.items) {
        if (!YAML.isScalar(item) || !item.range || typeof item.value !== 'string') continue;
        const raw = doc.text.slice(item.range[0], item.range[1]);
        for (const match of raw.matchAll(URL)) {
          const url = trimUrl(match[0]);
          if (url.length > 'https://'.length) add(item.range[0] + match.index!, url);
        }
      }
    },
  });
  return links.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/**
 * The workspace path (the engine's kind: relative, `/`-separated) a relative `url` names from the
 * document at `from`; undefined for anything else: a scheme, an absolute path, a path leaving the
 * workspace, control or format characters, a query or fragment, or a document outside any
 * workspace (an absolute engine path).
 */
export function workspaceFile(from: string, url: string): string | undefined {
  if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url) || /^[/\\~]/.test(url) || from.startsWith('/') || /^[a-z]:/i.test(from))
    return undefined;
  if (/[\s\\?#%\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(url)) return undefined;
  const parts = from.split('/').slice(0, -1);
  for (const segment of url.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (!parts.length) return undefined;
      parts.pop();
    } else {
      parts.push(segment);
    }
  }
  return parts.length ? parts.join('/') : undefined;
}

/** Drops the punctuation that ends a sentence rather than the URL (a `)` only when unbalanced). */
function trimUrl(url: string): string {
  for (;;) {
    const last = url[url.length - 1];
    if (/[.,;:!?'"*_]/.test(last)) {
      url = url.slice(0, -1);
      continue;
    }
    if ((last === ')' && count(url, '(') < count(url, ')')) || (last === ']' && count(url, '[') < count(url, ']'))) {
      url = url.slice(0, -1);
      continue;
    }
    return url;
  }
}

function count(s: string, c: string): number {
  return s.split(c).length - 1;
}
