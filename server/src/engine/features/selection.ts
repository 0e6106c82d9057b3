// Selection ranges ("expand selection"): the scalar, its `key: value` entry, the mapping or list
// item around it, that item's entry in its parent, and so on up to the whole document.
import * as YAML from 'yaml';
import type { Position, SelectionRange } from 'vscode-languageserver-types';
import type { LanguageService } from '../service';
import { documentOf, hitAt, trimEnd } from './shared';

export function selectionRanges(service: LanguageService, path: string, positions: Position[]): SelectionRange[] {
  const doc = documentOf(service, path);
  const ast = doc && !doc.multiDocument ? doc.ast() : undefined;
  return positions.map((position) => {
    const empty: SelectionRange = { range: { start: position, end: position } };
    if (!doc || !ast) return empty;
    const text = doc.text;
    const hit = hitAt(ast, doc.lines.offsetAt(position));
    if (!hit) return empty;
    const spans: [number, number][] = [];
    const span = (start: number, end: number) => spans.push([start, trimEnd(text, start, end)]);
    const pairSpan = (pair: YAML.Pair<unknown, unknown>) => {
      const key = YAML.isNode(pair.key) ? pair.key.range : undefined;
      const value = YAML.isNode(pair.value) ? pair.value.range : undefined;
      if (key) span(key[0], Math.max(key[1], value?.[1] ?? key[1]));
    };
    const chain = [...hit.ancestors];
    if (YAML.isMap(hit.node) || YAML.isSeq(hit.node)) {
      if (chain[chain.length - 1]?.node !== hit.node) chain.push({ node: hit.node, path: hit.path });
    } else if (hit.node?.range) {
      span(hit.node.range[0], hit.node.range[1]);
    }
    if (hit.pair) pairSpan(hit.pair);
    for (let i = chain.length - 1; i >= 0; i--) {
      const node = chain[i].node;
      if (!node.range) continue;
      span(node.range[0], node.range[1]);
      const parent = chain[i - 1]?.node;
      if (YAML.isMap(parent)) {
        const pair = parent.items.find((p) => p.value === node);
        if (pair) pairSpan(pair);
      } else if (YAML.isSeq(parent)) {
        let d = node.range[0] - 1;
        while (d >= 0 && (text[d] === ' ' || text[d] === '\t')) d--;
        if (text[d] === '-') span(d, node.range[1]);
      }
    }
    span(0, text.length);
    // Innermost first; each must contain the previous one.
    let result: SelectionRange | undefined;
    const kept: [number, number][] = [];
    for (const s of spans) {
      const last = kept[kept.length - 1];
      if (last && (s[0] > last[0] || s[1] < last[1] || (s[0] === last[0] && s[1] === last[1]))) continue;
      kept.push(s);
    }
    for (const [start, end] of kept.reverse()) result = { range: doc.lines.rangeOf(start, end), parent: result };
    return result ?? empty;
  });
}
