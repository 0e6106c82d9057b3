// Folding: every mapping, list and multi-line scalar that spans lines (from its key or `-` line to
// its last line of content), and blocks of consecutive comment lines.
//
// Read from the lines' indentation, not the document model: an editor asks for folding ranges
// after every edit, this needs no parse (a 20,000-line contract folds in a few milliseconds) and
// it keeps working while the text has a syntax error.
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { LanguageService } from '../service';
import { parseLine } from './lineContext';
import { documentOf } from './shared';

const BLOCK_SCALAR = /^(?:[!&][^\s]*\s+)*[|>][0-9+-]*$/;

export function foldingRanges(service: LanguageService, path: string): FoldingRange[] {
  const doc = documentOf(service, path);
  if (!doc || !doc.text) return [];
  const { text, lines } = doc;
  const out: FoldingRange[] = [];
  /** Open regions: the line that starts each and its indentation (a `-` line counts half a column deeper). */
  const open: { start: number; indent: number }[] = [];
  let lastContent = -1;
  let commentStart = -1;
  let blockParent = -1; // inside a block scalar whose parent is at this column
  const close = (indent: number) => {
    while (open.length && open[open.length - 1].indent >= indent) {
      const region = open.pop()!;
      if (lastContent > region.start) out.push({ startLine: region.start, endLine: lastContent });
    }
  };
  const endComments = (line: number) => {
    if (commentStart >= 0 && line - 1 > commentStart)
      out.push({ startLine: commentStart, endLine: line - 1, kind: FoldingRangeKind.Comment });
    commentStart = -1;
  };
  for (let n = 0; n < lines.lineCount; n++) {
    const raw = text.slice(lines.lineStart(n), lines.lineEnd(n));
    const parts = parseLine(raw);
    if (blockParent >= 0) {
      if (parts.blank) continue;
      if (parts.indent > blockParent) {
        lastContent = n;
        continue;
      }
      blockParent = -1;
    }
    if (parts.blank) {
      endComments(n);
      continue;
    }
    if (parts.comment) {
      if (commentStart < 0) commentStart = n;
      continue;
    }
    endComments(n);
    const indent = parts.dashes.length ? parts.indent + 0.5 : parts.indent;
    close(indent);
    open.push({ start: n, indent });
    // A `- key: value` line also opens the item's mapping at the key's column.
    if (parts.dashes.length > 1) for (const dash of parts.dashes.slice(1)) open.push({ start: n, indent: dash + 0.5 });
    lastContent = n;
    if (parts.rest && BLOCK_SCALAR.test(parts.rest))
      blockParent =
        parts.key !== undefined ? parts.contentCol : (parts.dashes[parts.dashes.length - 1] ?? parts.indent);
  }
  endComments(lines.lineCount);
  close(-1);
  // One range per start line (the largest), in order.
  const byStart = new Map<number, FoldingRange>();
  for (const range of out) {
    const existing = byStart.get(range.startLine);
    if (!existing || existing.endLine < range.endLine) byStart.set(range.startLine, range);
  }
  return [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
}
