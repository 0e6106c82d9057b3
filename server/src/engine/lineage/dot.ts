// The DOT text of a lineage view, for Graphviz.
//
// Safety: every name and value goes through ONE escaping function (`dotString`), and attribute
// names come from a closed list (`ALLOWED_ATTRIBUTES`) that holds nothing that reaches outside the
// drawing: no `URL`, `href`, `tooltip`/`target` (they make links), `image`, `imagepath`,
// `shapefile`, `fontpath`, `stylesheet` or `fontnames`. Labels are plain quoted strings, never
// HTML-like labels (`<...>`), so a label cannot smuggle markup into the layout.
import type { LineageEdge, LineageNode, NodeKind } from './model';
import type { LineageView } from './view';

/** Above this many nodes, Graphviz is told to trade a little quality for speed (bench/README.md). */
export const FAST_LAYOUT_FROM = 250;
/** Longest label line; longer names are cut with an ellipsis. */
export const MAX_LABEL = 40;

const ALLOWED_ATTRIBUTES = new Set([
  'rankdir',
  'compound',
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
  'labeljust',
  'labelloc',
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
  'lhead',
  'ltail',
  'class',
  'pad',
  'outputorder',
  // `id` names the SVG group of a cluster (`cluster:<node id>`), so the panel knows which contract or pipeline it is
  'id',
]);

/**
 * A DOT double-quoted string: the ONE way text reaches the DOT source. Backslashes and quotes are
 * escaped (so `\N`, `\G`, `\"` and a trailing `\` mean nothing), `&` becomes `&amp;` (Graphviz reads
 * entities in labels: `&lt;` stays text), line feeds become DOT's `\n` line break, and every other
 * control character a space.
 */
export function dotString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '&') out += '&amp;';
    else if (ch === '\n') out += '\\n';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0x2028 || code === 0x2029) out += ' ';
    else out += ch;
  }
  return out + '"';
}

function attributes(attrs: Record<string, string | number | undefined>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    if (!ALLOWED_ATTRIBUTES.has(key)) throw new Error(`DOT attribute ${key} is not allowed`);
    parts.push(`${key}=${dotString(String(value))}`);
  }
  return parts.length ? ` [${parts.join(', ')}]` : '';
}

/** A label line for a person: one line, at most MAX_LABEL characters. */
export function labelText(text: string, max = MAX_LABEL): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const chars = [...oneLine];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : oneLine;
}

const NODE_STYLE: Record<NodeKind, Record<string, string>> = {
  dataset: { shape: 'box', style: 'rounded,filled', fillcolor: '#e8f1fb', color: '#4a7ab5' },
  job: { shape: 'box', style: 'filled', fillcolor: '#fff4d6', color: '#b58a2a' },
  product: { shape: 'tab', style: 'filled', fillcolor: '#e9f7ec', color: '#3d8b4f' },
  contract: { shape: 'note', style: 'filled', fillcolor: '#eef0f3', color: '#6b7785' },
  pipeline: { shape: 'box3d', style: 'filled', fillcolor: '#fff4d6', color: '#b58a2a' },
  external: { shape: 'box', style: 'rounded,dashed', fillcolor: '#ffffff', color: '#7f8c8d' },
  column: {
    shape: 'box',
    style: 'rounded,filled',
    fillcolor: '#ffffff',
    color: '#9aa5b1',
    fontsize: '9',
    height: '0.25',
    margin: '0.06,0.02',
  },
};

const EDGE_STYLE: Record<LineageEdge['kind'], Record<string, string>> = {
  input: { color: '#555555' },
  output: { color: '#555555' },
  'dead-letter': { color: '#c0392b', style: 'dashed' },
  'input-port': { color: '#3d8b4f', style: 'bold' },
  'output-port': { color: '#3d8b4f', style: 'bold' },
  transform: { color: '#7f8c8d', style: 'dashed' },
  lineage: { color: '#7f8c8d', style: 'dashed' },
  relationship: { color: '#8e5ea2', style: 'dotted' },
  column: { color: '#95a5a6', arrowsize: '0.6' },
};

function nodeLabel(node: LineageNode): string {
  const lines = [labelText(node.label)];
  if (node.kind === 'job' && node.runtime) lines.push(`(${labelText(node.runtime, 24)})`);
  if (node.kind === 'product') lines.push('(data product)');
  if (node.kind === 'external') lines.push('(not in the workspace)');
  return lines.join('\n');
}

function clusterLabel(node: LineageNode): string {
  const version = node.version ? ` ${labelText(node.version, 16)}` : '';
  const kind = node.kind === 'pipeline' ? 'pipeline' : 'contract';
  return `${labelText(node.label)}${version}\n${kind} ${labelText(node.id.slice(node.id.indexOf(':') + 1))}`;
}

export interface DotOptions {
  /** Graphviz speed settings; default: from FAST_LAYOUT_FROM nodes on. */
  fast?: boolean;
}

/** The DOT source of a view: contracts and pipelines as clusters, flow left to right. */
export function toDot(view: LineageView, options: DotOptions = {}): string {
  const fast = options.fast ?? view.nodes.length >= FAST_LAYOUT_FROM;
  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  const children = new Map<string, LineageNode[]>();
  for (const node of view.nodes) {
    if (node.parent !== undefined && byId.has(node.parent)) {
      const list = children.get(node.parent);
      if (list) list.push(node);
      else children.set(node.parent, [node]);
    }
  }
  const clusterOf = new Map<string, string>();
  let clusters = 0;
  const lines: string[] = [];
  lines.push('digraph "lineage" {');
  lines.push(
    `  graph${attributes({
      rankdir: 'LR',
      compound: 'true',
      fontname: 'Helvetica,Arial,sans-serif',
      fontsize: 11,
      nodesep: 0.25,
      ranksep: 0.6,
      newrank: 'true',
      outputorder: 'edgesfirst',
      ...(fast ? { nslimit: 2, nslimit1: 2, mclimit: 0.3, splines: 'polyline' } : {}),
    })};`,
  );
  lines.push(`  node${attributes({ fontname: 'Helvetica,Arial,sans-serif', fontsize: 10, height: 0.35 })};`);
  lines.push(`  edge${attributes({ arrowsize: 0.7 })};`);

  const emitNode = (node: LineageNode, indent: string) => {
    const focus = node.id === view.focus ? { penwidth: 2.5, color: '#d35400' } : {};
    lines.push(
      `${indent}${dotString(node.id)}${attributes({ label: nodeLabel(node), class: node.kind, ...NODE_STYLE[node.kind], ...focus })};`,
    );
  };
  const emitCluster = (node: LineageNode, members: LineageNode[], indent: string) => {
    const name = `cluster_${clusters++}`;
    clusterOf.set(node.id, name);
    const focus = node.id === view.focus ? { penwidth: 2.5, color: '#d35400' } : {};
    const style =
      node.kind === 'pipeline'
        ? { style: 'rounded', color: '#c9a85a', fontcolor: '#7a5c14' }
        : node.kind === 'dataset'
          ? { style: 'rounded,dotted', color: '#4a7ab5', label: '' }
          : { style: 'rounded', color: '#8aa4c8', fontcolor: '#2c4a70' };
    lines.push(`${indent}subgraph ${dotString(name)} {`);
    lines.push(
      `${indent}  graph${attributes({ id: `cluster:${node.id}`, label: clusterLabel(node), labeljust: 'l', fontsize: 10, class: node.kind, ...style, ...focus })};`,
    );
    if (node.kind === 'dataset') emitNode(node, indent + '  ');
    for (const member of members) {
      const grand = children.get(member.id);
      if (grand?.length) emitCluster(member, grand, indent + '  ');
      else emitNode(member, indent + '  ');
    }
    lines.push(`${indent}}`);
  };
  for (const node of view.nodes) {
    if (node.parent !== undefined && byId.has(node.parent)) continue;
    const members = children.get(node.id);
    if (members?.length && (node.kind === 'contract' || node.kind === 'pipeline' || node.kind === 'dataset'))
      emitCluster(node, members, '  ');
    else emitNode(node, '  ');
  }

  // An edge to a contract drawn as a cluster ends at the cluster's border (an anchor inside it + lhead/ltail).
  const anchor = (id: string): { node: string; cluster?: string } => {
    const cluster = clusterOf.get(id);
    const node = byId.get(id);
    if (!cluster || !node || node.kind === 'dataset') return { node: id };
    let inner = children.get(id)![0];
    while (children.get(inner.id)?.length && inner.kind !== 'dataset') inner = children.get(inner.id)![0];
    return { node: inner.id, cluster };
  };
  for (const edge of view.edges) {
    const from = anchor(edge.from);
    const to = anchor(edge.to);
    if (from.node === to.node) continue;
    lines.push(
      `  ${dotString(from.node)} -> ${dotString(to.node)}${attributes({ class: edge.kind, ...EDGE_STYLE[edge.kind], ltail: from.cluster, lhead: to.cluster })};`,
    );
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
