// Code lenses: how a contract compares with the editor's base (at its top), "Show lineage" above
// each contract, pipeline and data product a document declares, and "Column lineage" above each
// of its columns that a mapping reads or writes (the panel opens on that column's path). The engine says where and
// what; the adapter turns each action into its client's command.
import type { Range } from 'vscode-languageserver-types';
import { breakingLensTitle } from '../breaking/editor';
import { lineageGraphFor } from '../lineage';
import { columnLineageTargets, lineageTargets } from '../lineage/editor';
import type { LanguageService } from '../service';

export type LensAction =
  /** Open the diff of the document with its base. */
  | { kind: 'compare-with-base' }
  /** Open the lineage panel focused on a node. */
  | { kind: 'show-lineage'; focus: string };

export interface PactlineLens {
  range: Range;
  title: string;
  action: LensAction;
}

export function codeLenses(service: LanguageService, path: string): PactlineLens[] {
  const doc = service.getDocument(path);
  if (!doc) return [];
  const lenses: PactlineLens[] = [];
  const base = service.base;
  const title = base ? breakingLensTitle(service, base, path) : undefined;
  if (title !== undefined) {
    const top = { line: 0, character: 0 };
    lenses.push({ range: { start: top, end: top }, title, action: { kind: 'compare-with-base' } });
  }
  const graph = lineageGraphFor(service.index, (p) => service.getDocument(p));
  for (const t of lineageTargets(graph, path)) {
    const at = { line: t.range.start.line, character: 0 };
    lenses.push({
      range: { start: at, end: at },
      title: `Show lineage of ${t.kind} ${t.label}`,
      action: { kind: 'show-lineage', focus: t.id },
    });
  }
  for (const c of columnLineageTargets(graph, path)) {
    const at = { line: c.range.start.line, character: 0 };
    lenses.push({
      range: { start: at, end: at },
      title: `Column lineage of ${c.label}: ${c.upstream} upstream, ${c.downstream} downstream`,
      action: { kind: 'show-lineage', focus: c.id },
    });
  }
  return lenses;
}
