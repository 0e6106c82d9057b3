// The DOT text of a lineage view, for Graphviz.
//
// Safety: every name and value goes through ONE of two escaping functions: `dotString` for DOT's
// quoted strings, `htmlText` for the text of the HTML-like labels that draw a dataset as a table.
// DOT attribute names come from a closed list (`ALLOWED_ATTRIBUTES`) that holds nothing that
// reaches outside the drawing: no `URL`, `href`, `tooltip`/`target` (they make links), `image`,
// `imagepath`, `shapefile`, `fontpath`, `stylesheet` or `fontnames`. HTML-like labels are built
// only by `html()`, from a closed list of tags (TABLE, TR, TD, FONT, B, I) and attributes (no
// HREF, TOOLTIP, TARGET, IMG or SRC); the one TITLE a row carries is a fixed word, only so that
// Graphviz groups the row under its ID (the `a` it wraps is unwrapped by svg.ts).
import { isColumnEdge, type LineageEdge, type LineageNode, type NodeKind } from './model';
import type { LineageView } from './view';

/** Above this many nodes, Graphviz is told to trade a little quality for speed (bench/README.md). */
export const FAST_LAYOUT_FROM = 250;
/** Longest label line; longer names are cut with an ellipsis. */
export const MAX_LABEL = 40;
/** The shape the drawing is laid out for (the lineage panel beside an editor, in CSS pixels). */
export const PANEL = { width: 700, height: 800 };
/** Text size of the labels, in drawing units (one unit is one CSS pixel at zoom 1). */
export const FONT_SIZE = 12;
// One face Graphviz knows the metrics of (its estimate for a list of faces is narrower than any of them);
// browsers map Helvetica to Arial or Liberation Sans, metric-compatible.
const FONT = 'Helvetica';
const TRACE = '#d35400';

const ALLOWED_ATTRIBUTES = new Set([
  'rankdir',
  'fontname',
  'fontsize',
  'fontcolor',
  'nodesep',
  'ranksep',
  'newrank',
  'nslimit',
  'nslimit1',
  'mclimit',
  'splines',
  'label',
  'shape',
  'style',
  'color',
  'fillcolor',
  'penwidth',
  'margin',
  'height',
  'width',
  'arrowhead',
  'arrowsize',
  'constraint',
  'class',
  'pad',
  'outputorder',
  // `id` names an edge's SVG group (`edge:<index in the view>`), so the panel can highlight a column's path
  'id',
]);

/**
 * A DOT double-quoted string: the ONE way text reaches the DOT source outside HTML-like labels.
 * Backslashes and quotes are escaped (so `\N`, `\G`, `\"` and a trailing `\` mean nothing), `&`
 * becomes `&amp;` (Graphviz reads entities in labels: `&lt;` stays text), line feeds become DOT's
 * `\n` line break, and every other control character a space.
 */
export function dotString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '&') out += '&amp;';
    else if (ch === '\n') out += '\\n';
    else if (isControl(code)) out += ' ';
    else out += ch;
  }
  return out + '"';
}

const isControl = (code: number) => code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0x2028 || code === 0x2029;

/**
 * Text inside an HTML-like label: the ONE way a name reaches one. `& < > " ' \` become references
 * (so no tag, no attribute, no entity and no `\N` of the author's survives), every control
 * character a space.
 */
export function htmlText(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&#39;';
    // Graphviz expands `\N`, `\G`, ... in HTML-like labels too, after references: `\\` is its one backslash
    else if (ch === '\\') out += '&#92;&#92;';
    else if (isControl(code)) out += ' ';
    else out += ch;
  }
  return out;
}

const HTML_TAGS = new Set(['TABLE', 'TR', 'TD', 'FONT', 'B', 'I']);
const HTML_ATTRIBUTES = new Set([
  'BORDER',
  'CELLBORDER',
  'CELLSPACING',
  'CELLPADDING',
  'COLOR',
  'BGCOLOR',
  'ALIGN',
  'PORT',
  'ID',
  'TITLE',
  'POINT-SIZE',
  'SIDES',
]);

/** Markup of an HTML-like label, only ever made by `html()` and `text()`. */
interface Html {
  readonly markup: string;
  readonly html: true;
}

const text = (value: string): Html => ({ markup: htmlText(value), html: true });

function html(tag: string, attrs: Record<string, string | number | undefined>, ...children: Html[]): Html {
  if (!HTML_TAGS.has(tag)) throw new Error(`HTML-like label tag ${tag} is not allowed`);
  let open = tag;
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    if (!HTML_ATTRIBUTES.has(key)) throw new Error(`HTML-like label attribute ${key} is not allowed`);
    open += ` ${key}="${htmlText(String(value))}"`;
  }
  return { markup: `<${open}>${children.map((c) => c.markup).join('')}</${tag}>`, html: true };
}

function attributes(attrs: Record<string, string | number | Html | undefined>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    if (!ALLOWED_ATTRIBUTES.has(key)) throw new Error(`DOT attribute ${key} is not allowed`);
    if (typeof value === 'object') {
      if (key !== 'label') throw new Error(`DOT attribute ${key} cannot be HTML`);
      parts.push(`${key}=<${value.markup}>`);
    } else parts.push(`${key}=${dotString(String(value))}`);
  }
  return parts.length ? ` [${parts.join(', ')}]` : '';
}

/** A label line for a person: one line, at most MAX_LABEL characters. */
export function labelText(text: string, max = MAX_LABEL): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const chars = [...oneLine];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : oneLine;
}

/** A node id in an SVG id: hexadecimal UTF-8, so that no character of a name reaches an attribute. */
export function hexId(id: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(id)) out += byte.toString(16).padStart(2, '0');
  return out;
}

const NODE_STYLE: Record<Exclude<NodeKind, 'dataset' | 'column'>, Record<string, string>> = {
  job: { shape: 'box', style: 'filled', fillcolor: '#fff4d6', color: '#b58a2a' },
  product: { shape: 'tab', style: 'filled', fillcolor: '#e9f7ec', color: '#3d8b4f' },
  contract: { shape: 'note', style: 'filled', fillcolor: '#eef0f3', color: '#6b7785' },
  pipeline: { shape: 'box3d', style: 'filled', fillcolor: '#fff4d6', color: '#b58a2a' },
  external: { shape: 'box', style: 'rounded,dashed', fillcolor: '#ffffff', color: '#7f8c8d' },
};
const TABLE_STYLE = { border: '#4a7ab5', header: '#dbe8f7', body: '#f7fafe', muted: '#52606d' };
const DIMMED = { border: '#c5cdd6', header: '#f1f3f5', body: '#fbfcfd', muted: '#aab4be', text: '#9aa5b1' };

const EDGE_STYLE: Record<LineageEdge['kind'], Record<string, string>> = {
  input: { color: '#555555' },
  output: { color: '#555555' },
  'dead-letter': { color: '#c0392b', style: 'dashed' },
  'input-port': { color: '#3d8b4f', style: 'bold' },
  'output-port': { color: '#3d8b4f', style: 'bold' },
  transform: { color: '#7f8c8d', style: 'dashed' },
  lineage: { color: '#7f8c8d', style: 'dashed' },
  relationship: { color: '#8e5ea2', style: 'dotted' },
  column: { color: '#7f8c8d', arrowsize: '0.6' },
};

/** A label on at most `lines` lines of about `width` characters, cut with an ellipsis (a narrow node fits a narrow panel). */
export function wrapText(value: string, width = 22, lines = 2): string[] {
  const words = labelText(value, width * lines).split(' ');
  const out: string[] = [];
  for (const word of words) {
    const last = out.length ? out[out.length - 1] : undefined;
    if (last !== undefined && [...last].length + 1 + [...word].length <= width) out[out.length - 1] = `${last} ${word}`;
    else out.push(word);
  }
  if (out.length > lines) out.splice(lines - 1, out.length, labelText(out.slice(lines - 1).join(' '), width));
  return out.map((l) => labelText(l, width + 4));
}

/** A version as shown: `v1.2.0` for a number, as written otherwise. */
const versionText = (version: string) => `${/^\d/.test(version) ? 'v' : ''}${labelText(version, 12)}`;

function nodeLabel(node: LineageNode, parent: LineageNode | undefined): string {
  const lines = node.kind === 'job' ? wrapText(node.label, 18) : [labelText(node.label)];
  // a step is small: its runtime, or else its pipeline, under its name (the tooltip tells the rest)
  if (node.kind === 'job' && (node.runtime || parent)) lines.push(labelText(node.runtime ?? parent!.label, 18));
  if (node.kind === 'product') lines.push('(data product)');
  if (node.kind === 'external') lines.push('(not in the workspace)');
  if (node.kind === 'contract' || node.kind === 'pipeline')
    lines.push(`${node.kind}${node.version ? ` ${versionText(node.version)}` : ''}`);
  return lines.join('\n');
}

export interface DotOptions {
  /** Graphviz speed settings; default: from FAST_LAYOUT_FROM nodes on. */
  fast?: boolean;
  /** The shape to fit (default PANEL): rank direction and spacing are chosen for it. */
  panel?: { width: number; height: number };
}

/** What is drawn as one Graphviz node: its id, kind and estimated size (drawing units). */
interface Drawn {
  id: string;
  kind: NodeKind;
  width: number;
  height: number;
}

/**
 * The DOT source of a view. A dataset is one node, a table: a header (its name, its contract and
 * version) and, in the column view, one row per column shown, with a port that column edges join
 * (`node:port`); the columns on no column edge in view are one "+ N more" row. Jobs are small
 * nodes named with their pipeline. Contracts and pipelines are not drawn around their members (a
 * cluster's title gets crossed by edges): a contract or pipeline with no member in view is a node.
 */
export function toDot(view: LineageView, options: DotOptions = {}): string {
  const fast = options.fast ?? view.nodes.length >= FAST_LAYOUT_FROM;
  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  const members = new Map<string, LineageNode[]>();
  for (const node of view.nodes) {
    if (node.parent === undefined || !byId.has(node.parent)) continue;
    const list = members.get(node.parent);
    if (list) list.push(node);
    else members.set(node.parent, [node]);
  }
  const trace = view.trace;
  const traced = new Set(trace?.nodes ?? []);
  const tracedEdges = new Set(trace?.edges ?? []);
  const tracedTables = new Set<string>();
  for (const id of traced) {
    const node = byId.get(id);
    if (node?.kind === 'column' && node.parent !== undefined) tracedTables.add(node.parent);
  }
  const dimmed = (node: LineageNode) =>
    trace !== undefined &&
    (node.kind === 'dataset' ? !tracedTables.has(node.id) : node.kind !== 'column' && !traced.has(node.id));

  const lines: string[] = [];
  const drawn: Drawn[] = [];
  const ports = new Map<string, { node: string; port: string }>();
  const fs = FONT_SIZE;
  const charWidth = fs * 0.58;

  const table = (dataset: LineageNode): string => {
    const dim = dimmed(dataset);
    const style = dim ? DIMMED : TABLE_STYLE;
    const focus = dataset.id === view.focus;
    const contract = dataset.parent !== undefined ? byId.get(dataset.parent) : undefined;
    const name = labelText(dataset.label, 28);
    const version = contract?.version ? versionText(contract.version) : '';
    const sub = labelText(contract?.label ?? dataset.parent?.replace(/^contract:/, '') ?? '', 20);
    const rows: Html[] = [
      html(
        'TR',
        {},
        html(
          'TD',
          { ALIGN: 'LEFT', BGCOLOR: style.header },
          html('B', {}, dim ? html('FONT', { COLOR: DIMMED.text }, text(name)) : text(name)),
          ...(version ? [html('FONT', { COLOR: style.muted }, text(`  ${version}`))] : []),
        ),
      ),
      html(
        'TR',
        {},
        html('TD', { ALIGN: 'LEFT', BGCOLOR: style.header }, html('FONT', { COLOR: style.muted }, text(sub))),
      ),
    ];
    let widest = Math.max([...name].length * 1.1 + [...version].length + 2, [...sub].length);
    const columns = (members.get(dataset.id) ?? []).filter((c) => c.kind === 'column');
    columns.forEach((column, i) => {
      const port = `p${i}`;
      ports.set(column.id, { node: dataset.id, port });
      const colName = labelText(column.label, 32);
      widest = Math.max(widest, [...colName].length);
      const onPath = traced.has(column.id);
      const muted = trace !== undefined && !onPath;
      const nameHtml = muted ? html('FONT', { COLOR: DIMMED.text }, text(colName)) : text(colName);
      rows.push(
        html(
          'TR',
          {},
          html(
            'TD',
            {
              PORT: port,
              ID: `row-${hexId(column.id)}`,
              TITLE: 'column',
              ALIGN: 'LEFT',
              CELLPADDING: 1,
              BGCOLOR: column.id === view.focus ? '#f8c9a0' : onPath ? '#fde3c8' : style.body,
            },
            column.id === view.focus || onPath ? html('B', {}, nameHtml) : nameHtml,
          ),
        ),
      );
    });
    const hidden = view.hiddenColumns?.[dataset.id];
    if (hidden) {
      const more = `+ ${hidden} more`;
      rows.push(
        html(
          'TR',
          {},
          html(
            'TD',
            { ID: `more-${hexId(dataset.id)}`, TITLE: 'more', ALIGN: 'LEFT', CELLPADDING: 1, BGCOLOR: style.body },
            html('I', {}, html('FONT', { COLOR: style.muted }, text(more))),
          ),
        ),
      );
    }
    const label = html(
      'TABLE',
      {
        BORDER: focus ? 2 : 1,
        CELLBORDER: 0,
        CELLSPACING: 0,
        CELLPADDING: 2,
        COLOR: focus ? TRACE : style.border,
      },
      ...rows,
    );
    drawn.push({
      id: dataset.id,
      kind: 'dataset',
      width: widest * charWidth + 12,
      height: 2 * (fs * 1.2 + 6) + (rows.length - 2) * (fs * 1.2 + 2) + 4,
    });
    return `${dotString(dataset.id)}${attributes({ shape: 'plain', label, class: dim ? 'dataset dimmed' : 'dataset' })};`;
  };

  const plain = (node: LineageNode): string => {
    const label = nodeLabel(node, node.parent !== undefined ? byId.get(node.parent) : undefined);
    const dim = dimmed(node);
    const style = { ...NODE_STYLE[node.kind as keyof typeof NODE_STYLE] };
    if (dim) Object.assign(style, { fillcolor: '#fbfcfd', color: DIMMED.border, fontcolor: DIMMED.text });
    const focus = node.id === view.focus ? { penwidth: 2.5, color: TRACE } : {};
    const textLines = label.split('\n');
    drawn.push({
      id: node.id,
      kind: node.kind,
      width: Math.max(...textLines.map((l) => [...l].length)) * charWidth + 16,
      height: textLines.length * fs * 1.2 + 10,
    });
    return `${dotString(node.id)}${attributes({ label, class: dim ? `${node.kind} dimmed` : node.kind, ...style, ...focus })};`;
  };

  const body: string[] = [];
  /** A contract or pipeline whose members are drawn is not a node: its edges go to its members. */
  const standsFor = new Map<string, string[]>();
  for (const node of view.nodes) {
    if (node.kind === 'column') continue;
    const inside = (members.get(node.id) ?? []).filter((m) => m.kind !== 'column');
    if ((node.kind === 'contract' || node.kind === 'pipeline') && inside.length) {
      standsFor.set(
        node.id,
        inside.map((m) => m.id),
      );
      continue;
    }
    body.push(`  ${node.kind === 'dataset' ? table(node) : plain(node)}`);
  }

  const ends = (id: string): { node: string; port?: string }[] => {
    const port = ports.get(id);
    if (port) return [port];
    const node = byId.get(id);
    if (node?.kind === 'column' && node.parent !== undefined) return [{ node: node.parent }];
    const inside = standsFor.get(id);
    return inside ? inside.flatMap((m) => ends(m)) : [{ node: id }];
  };
  const edgeLines: string[] = [];
  const seen = new Set<string>();
  const links: [string, string][] = [];
  view.edges.forEach((edge, index) => {
    const column = isColumnEdge(edge);
    const onPath = tracedEdges.has(index);
    let copies = 0;
    for (const from of ends(edge.from)) {
      for (const to of ends(edge.to)) {
        if (from.node === to.node && (!column || from.port === undefined || from.port === to.port)) continue;
        const key = `${from.node}\u0000${from.port ?? ''}\u0000${to.node}\u0000${to.port ?? ''}\u0000${edge.kind}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (from.node !== to.node) links.push([from.node, to.node]);
        const style: Record<string, string | number> = { ...EDGE_STYLE[edge.kind] };
        if (onPath) Object.assign(style, { color: TRACE, penwidth: 2 });
        else if (trace) style.color = `${style.color}40`;
        const end = (e: { node: string; port?: string }, side: string) =>
          `${dotString(e.node)}${e.port ? `:${dotString(e.port)}:${side}` : ''}`;
        edgeLines.push(
          `  ${end(from, 'e')} -> ${end(to, 'w')}${attributes({
            // an edge to a contract is drawn to each of its tables: `edge:<index>.<copy>` after the first
            id: copies++ ? `edge:${index}.${copies - 1}` : `edge:${index}`,
            class: `${edge.kind}${onPath ? ' trace' : trace ? ' dimmed' : ''}`,
            ...style,
            // a foreign key joins tables of one step of the flow: it should not push them apart
            constraint: edge.kind === 'relationship' ? 'false' : undefined,
          })};`,
        );
      }
    }
  });

  const layout = view.columns ? COLUMNS : fast ? LR : chooseLayout(drawn, links, options.panel ?? PANEL);
  lines.push('digraph "lineage" {');
  lines.push(
    `  graph${attributes({
      rankdir: layout.rankdir,
      fontname: FONT,
      fontsize: fs,
      nodesep: layout.nodesep,
      ranksep: layout.ranksep,
      newrank: 'true',
      outputorder: 'edgesfirst',
      pad: 0.1,
      ...(fast ? { nslimit: 2, nslimit1: 2, mclimit: 0.3, splines: 'polyline' } : {}),
    })};`,
  );
  lines.push(`  node${attributes({ fontname: FONT, fontsize: fs, height: 0.3, margin: '0.1,0.04' })};`);
  lines.push(`  edge${attributes({ arrowsize: 0.7 })};`);
  lines.push(...body, ...edgeLines, '}');
  return lines.join('\n') + '\n';
}

interface Layout {
  rankdir: 'LR' | 'TB';
  /** Inches, as Graphviz takes them. */
  nodesep: number;
  ranksep: number;
}

const LR: Layout = { rankdir: 'LR', nodesep: 0.15, ranksep: 0.4 };
const TB: Layout = { rankdir: 'TB', nodesep: 0.2, ranksep: 0.35 };
/**
 * The column view: left to right, so that a column edge leaves its row on the right and enters the
 * next table's row on the left; tight, because the edges that pass a rank of jobs take room there.
 */
const COLUMNS: Layout = { rankdir: 'LR', nodesep: 0.04, ranksep: 0.25 };

/**
 * Left to right or top to bottom, whichever lets the drawing fit `panel` at the larger scale: the
 * nodes are put in ranks (longest path from a source), then each direction's extent is estimated
 * from the sizes of the nodes in each rank.
 */
function chooseLayout(drawn: Drawn[], links: [string, string][], panel: { width: number; height: number }): Layout {
  if (!drawn.length) return LR;
  const rank = ranks(
    drawn.map((d) => d.id),
    links,
  );
  const perRank = new Map<number, Drawn[]>();
  for (const d of drawn) {
    const r = rank.get(d.id) ?? 0;
    const list = perRank.get(r);
    if (list) list.push(d);
    else perRank.set(r, [d]);
  }
  const extent = (layout: Layout) => {
    const across = layout.nodesep * 72;
    const along = layout.ranksep * 72;
    let length = 0;
    let breadth = 0;
    for (const members of perRank.values()) {
      const depthOf = (d: Drawn) => (layout.rankdir === 'LR' ? d.width : d.height);
      const sideOf = (d: Drawn) => (layout.rankdir === 'LR' ? d.height : d.width);
      length += Math.max(...members.map(depthOf)) + along;
      breadth = Math.max(
        breadth,
        members.reduce((sum, d) => sum + sideOf(d) + across, 0),
      );
    }
    const [w, h] = layout.rankdir === 'LR' ? [length, breadth] : [breadth, length];
    return Math.min(panel.width / w, panel.height / h);
  };
  return extent(TB) > extent(LR) ? TB : LR;
}

/** Longest-path ranks from the sources; an edge closing a cycle is ignored. */
function ranks(ids: string[], links: [string, string][]): Map<string, number> {
  const out = new Map<string, string[]>();
  const indegree = new Map(ids.map((id) => [id, 0]));
  for (const [a, b] of links) {
    if (!indegree.has(a) || !indegree.has(b)) continue;
    (out.get(a) ?? out.set(a, []).get(a)!).push(b);
    indegree.set(b, indegree.get(b)! + 1);
  }
  const rank = new Map<string, number>();
  const queue = ids.filter((id) => indegree.get(id) === 0);
  for (const id of queue) rank.set(id, 0);
  const placed = new Set<string>();
  for (;;) {
    while (queue.length) {
      const id = queue.shift()!;
      placed.add(id);
      for (const next of out.get(id) ?? []) {
        rank.set(next, Math.max(rank.get(next) ?? 0, rank.get(id)! + 1));
        indegree.set(next, indegree.get(next)! - 1);
        if (indegree.get(next) === 0) queue.push(next);
      }
    }
    // A cycle: start again from one of its nodes, as if its remaining incoming edges were not there.
    const stuck = ids.find((id) => !placed.has(id));
    if (stuck === undefined) return rank;
    indegree.set(stuck, 0);
    if (!rank.has(stuck)) rank.set(stuck, 0);
    queue.push(stuck);
  }
}
