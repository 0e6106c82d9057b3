// The lineage graph: one model of the workspace's data flow, built from the workspace index and
// kept up to date file by file.
//
// Each file contributes its own nodes (extract.ts) and edges, resolved against the workspace.
// `updateFile(path)` re-reads one file: its nodes and edges are replaced, every other file's
// stay the very same objects; edges of other files are resolved again only when the file changed
// what references resolve against (a contract's ids, schema objects, properties). The merged
// view (node map, adjacency) is rebuilt lazily, in time linear in the graph, on the next query.
//
// Pure engine code: no I/O. Everything, metadata included (names, owners, SLAs, classifications,
// schedules), comes from the files' models as the index holds them.
import type { Range } from 'vscode-languageserver-types';
import { closest } from '../similarity';
import type { WorkspaceIndex } from '../workspace';
import { contributionOf, type Contribution, type ResolvedEdges, type Resolver } from './extract';
import { contractNodeId, datasetNodeId, type LineageEdge, type LineageNode, type NodeKind } from './model';

/** The parsed document of a path (callers that have one hand it in; the graph reads only the index). */
export type DocumentLookup = (path: string) => { readonly value: unknown } | undefined;

interface Merged {
  nodes: Map<string, LineageNode>;
  sorted?: LineageNode[];
  byKind: Map<NodeKind, LineageNode[]>;
  edges: LineageEdge[];
  outgoing: Map<string, LineageEdge[]>;
  incoming: Map<string, LineageEdge[]>;
  children: Map<string, string[]>;
  /** Datasets by lower-case physical name (what free-text dataset names resolve against). */
  physical: Map<string, string[]>;
  /** The nodes of each file that the view holds (`nodesOfFile`; a lookup per node per file cost seconds at 10,000 contracts). */
  ofFile: Map<string, readonly LineageNode[]>;
}

export type FocusResolution =
  { ok: true; id: string } | { ok: false; message: string; suggestion?: string; candidates?: string[] };

export class LineageGraph {
  private readonly contributions = new Map<string, Contribution>();
  private readonly resolved = new Map<string, { epoch: number; result: ResolvedEdges }>();
  /** Bumped when what references resolve against changes (a contract's shape, a contract file added or removed). */
  private epoch = 0;
  private revision = 0;
  private merged: Merged | undefined;

  constructor(readonly index: WorkspaceIndex) {}

  /** Increases whenever the graph changes. */
  get version(): number {
    return this.revision;
  }

  // ---- keeping up with the index -------------------------------------------------------------

  /**
   * Re-reads one file from the index, after `WorkspaceIndex.update` or `remove`. Only that file's
   * nodes and edges change. Returns true when anything changed.
   */
  updateFile(path: string): boolean {
    const facts = this.index.facts(path);
    const old = this.contributions.get(path);
    if (old && old.facts === facts) return false;
    if (!facts) return this.removeFile(path);
    const next = contributionOf(facts);
    this.contributions.set(path, next);
    const reshaped = (old?.shape ?? '') !== next.shape;
    if (reshaped) this.epoch++;
    if (!reshaped && old && this.patch(path, old, next)) {
      this.revision++;
      return true;
    }
    this.resolved.delete(path);
    this.changed();
    return true;
  }

  /**
   * Puts a file's new contribution into the merged view in place, when the edit changed only what
   * its nodes say (types, classifications, SLAs, schedules, owners…), not what anything resolves
   * against (the same nodes, parents, labels and physical names) nor its own edges. That is the
   * usual keystroke; rebuilding the view instead costs time linear in the whole graph (about a
   * second for 10,000 contracts under load). False when it cannot: the caller rebuilds.
   */
  private patch(path: string, old: Contribution, next: Contribution): boolean {
    const merged = this.merged;
    const before = this.resolved.get(path);
    if (!merged || !before || before.epoch !== this.epoch || old.nodes.length !== next.nodes.length) return false;
    for (let i = 0; i < old.nodes.length; i++) {
      const a = old.nodes[i];
      const b = next.nodes[i];
      if (a.id !== b.id || a.kind !== b.kind || a.parent !== b.parent || a.label !== b.label) return false;
      if (a.physicalName !== b.physicalName) return false;
    }
    // Resolved as the view resolves: against the declared nodes (the `external:` ones come after).
    const declared = {
      has: (id: string) => merged.nodes.get(id)?.kind !== 'external' && merged.nodes.has(id),
      get: (id: string) => {
        const node = merged.nodes.get(id);
        return node?.kind === 'external' ? undefined : node;
      },
    };
    const result = next.resolve(this.resolver(declared, merged.children, merged.physical));
    if (JSON.stringify(result) !== JSON.stringify(before.result)) return false;
    // The view keeps the earlier (equal) edges; the nodes are the new ones, where the view held the old.
    const replaced = new Map<LineageNode, LineageNode>();
    old.nodes.forEach((a, i) => {
      if (merged.nodes.get(a.id) !== a) return;
      merged.nodes.set(a.id, next.nodes[i]);
      replaced.set(a, next.nodes[i]);
    });
    if (replaced.size) {
      for (const kind of new Set(next.nodes.map((n) => n.kind))) {
        const list = merged.byKind.get(kind) ?? [];
        for (let i = 0; i < list.length; i++) list[i] = replaced.get(list[i]) ?? list[i];
      }
      merged.sorted = undefined;
    }
    merged.ofFile.set(
      path,
      next.nodes.filter((n) => merged.nodes.get(n.id) === n),
    );
    return true;
  }

  /** Forgets one file. Returns true when it contributed anything. */
  removeFile(path: string): boolean {
    const old = this.contributions.get(path);
    if (!old) return false;
    this.contributions.delete(path);
    this.resolved.delete(path);
    if (old.shape) this.epoch++;
    this.changed();
    return true;
  }

  /**
   * Brings the graph up to date with the index: files whose facts changed are re-read, files the
   * index no longer holds are forgotten. With `paths`, only those are looked at for additions
   * (cheaper than listing the index when the caller knows its files). Returns true when anything changed.
   */
  sync(paths?: Iterable<string>): boolean {
    let changed = false;
    for (const path of paths ?? this.index.allFacts().map((f) => f.path)) {
      const facts = this.index.facts(path);
      const old = this.contributions.get(path);
      if (facts && old?.facts !== facts) changed = this.updateFile(path) || changed;
    }
    for (const [path, c] of [...this.contributions]) {
      if (this.index.facts(path) !== c.facts) changed = this.updateFile(path) || changed;
    }
    return changed;
  }

  private changed(): void {
    this.revision++;
    this.merged = undefined;
  }

  // ---- what a file contributes (for tests and incremental consumers) ---------------------------

  /** The nodes and resolved edges one file contributes. */
  contribution(path: string): { nodes: readonly LineageNode[]; edges: readonly LineageEdge[] } | undefined {
    const c = this.contributions.get(path);
    if (!c) return undefined;
    this.view();
    return { nodes: c.nodes, edges: this.resolved.get(path)?.result.edges ?? [] };
  }

  // ---- queries -----------------------------------------------------------------------------------

  /**
   * The nodes one file contributes that the merged view holds (a contract id declared twice keeps
   * only the first file's): the anchors of that file's `lineage/` findings.
   */
  nodesOfFile(path: string): readonly LineageNode[] {
    if (!this.contributions.has(path)) return [];
    return this.view().ofFile.get(path) ?? [];
  }

  node(id: string): LineageNode | undefined {
    return this.view().nodes.get(id);
  }

  /** Every node, sorted by id. */
  nodes(): readonly LineageNode[] {
    const merged = this.view();
    merged.sorted ??= [...merged.nodes.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return merged.sorted;
  }

  /** The nodes of one kind, in no particular order (cheaper than `nodes()` for a scan). */
  nodesOfKind(kind: NodeKind): readonly LineageNode[] {
    return this.view().byKind.get(kind) ?? [];
  }

  /** Every edge whose two ends exist, in a stable order (by declaring file, then as declared). */
  edges(): readonly LineageEdge[] {
    return this.view().edges;
  }

  outgoing(id: string): readonly LineageEdge[] {
    return this.view().outgoing.get(id) ?? [];
  }

  incoming(id: string): readonly LineageEdge[] {
    return this.view().incoming.get(id) ?? [];
  }

  /** The nodes a node contains: a contract's datasets, a dataset's columns, a pipeline's jobs. */
  children(id: string): readonly string[] {
    return this.view().children.get(id) ?? [];
  }

  /** The range (0-based, LSP) of a node's declaration in its file; builds that file's AST. */
  range(id: string): Range | undefined {
    const node = this.node(id);
    return node ? this.index.locate(node.file, node.at.path, node.at.target) : undefined;
  }

  /**
   * Reads what a person typed as a focus: a node id (`dataset:orders/orders`), or a bare contract,
   * pipeline or product id, `contract/object` or `contract.object`, `pipeline/step`, a schema
   * object's name or a step id when only one dataset or job has it.
   */
  resolveFocus(text: string): FocusResolution {
    const t = text.trim();
    const nodes = this.view().nodes;
    if (!t) return { ok: false, message: 'An empty focus names no node.' };
    const exact = this.resolveFocusExactly(t);
    if (exact !== undefined) return { ok: true, id: exact };
    const matches: string[] = [];
    for (const node of nodes.values()) {
      if ((node.kind === 'dataset' || node.kind === 'job') && node.id.slice(node.id.lastIndexOf('/') + 1) === t)
        matches.push(node.id);
    }
    if (matches.length === 1) return { ok: true, id: matches[0] };
    if (matches.length > 1) {
      matches.sort();
      return {
        ok: false,
        candidates: matches,
        message: `\`${t}\` names ${matches.length} nodes: ${matches
          .slice(0, 8)
          .map((m) => `\`${m}\``)
          .join(', ')}${matches.length > 8 ? ', …' : ''}. Give one of these ids.`,
      };
    }
    const candidates = new Map<string, string>();
    for (const node of nodes.values()) {
      if (node.kind === 'column') continue;
      candidates.set(node.id, node.id);
      const bare = node.id.slice(node.id.indexOf(':') + 1);
      if (!candidates.has(bare)) candidates.set(bare, node.id);
      if (node.kind === 'dataset' || node.kind === 'job') {
        const last = bare.slice(bare.lastIndexOf('/') + 1);
        if (!candidates.has(last)) candidates.set(last, node.id);
      }
    }
    const suggestion = closest(t, [...candidates.keys()]);
    return {
      ok: false,
      suggestion,
      message: `No node \`${t}\` in the lineage graph.${suggestion ? ` Did you mean \`${suggestion}\`?` : ' Give a contract, schema object, pipeline, step or product id, or a node id such as `dataset:<contract id>/<schema object>`.'}`,
    };
  }

  /**
   * The node a focus names by its id alone (a node id, a bare id with its kind added, or
   * `contract.object`): the answer depends only on whether those ids exist, never on the rest of
   * the graph (scan.ts's `focusContracts` lists the contracts it may name). Undefined otherwise.
   */
  resolveFocusExactly(text: string): string | undefined {
    const t = text.trim();
    const nodes = this.view().nodes;
    if (!t) return undefined;
    if (nodes.has(t)) return t;
    for (const kind of ['contract', 'pipeline', 'product', 'dataset', 'job', 'column', 'external'] as const) {
      if (nodes.has(`${kind}:${t}`)) return `${kind}:${t}`;
    }
    for (let i = t.indexOf('.'); i > 0; i = t.indexOf('.', i + 1)) {
      const id = datasetNodeId(t.slice(0, i), t.slice(i + 1));
      if (nodes.has(id)) return id;
    }
    return undefined;
  }

  // ---- the merged view -------------------------------------------------------------------------

  private view(): Merged {
    if (this.merged) return this.merged;
    const nodes = new Map<string, LineageNode>();
    const ofFile = new Map<string, readonly LineageNode[]>();
    const files = [...this.contributions.keys()].sort();
    for (const file of files) {
      const c = this.contributions.get(file)!;
      // A contract id declared twice: the first file by path is the contract (as in the index).
      if (c.facts.contract && c.nodes.length && nodes.has(c.nodes[0].id)) continue;
      // The file's own list when the view holds all its nodes (the usual case), else those it holds.
      let kept: LineageNode[] | undefined;
      for (let i = 0; i < c.nodes.length; i++) {
        const node = c.nodes[i];
        if (nodes.has(node.id)) kept ??= c.nodes.slice(0, i);
        else {
          nodes.set(node.id, node);
          kept?.push(node);
        }
      }
      if (c.nodes.length) ofFile.set(file, kept ?? c.nodes);
    }
    const children = new Map<string, string[]>();
    const physical = new Map<string, string[]>();
    const byKind = new Map<NodeKind, LineageNode[]>();
    for (const node of nodes.values()) {
      const same = byKind.get(node.kind);
      if (same) same.push(node);
      else byKind.set(node.kind, [node]);
      if (node.parent !== undefined) {
        const list = children.get(node.parent);
        if (list) list.push(node.id);
        else children.set(node.parent, [node.id]);
      }
      if (node.kind === 'dataset' && node.physicalName) {
        const key = node.physicalName.toLowerCase();
        physical.set(key, [...(physical.get(key) ?? []), node.id]);
      }
    }
    const resolver = this.resolver(nodes, children, physical);
    const edges: LineageEdge[] = [];
    const seen = new Set<string>();
    const externals: LineageNode[] = [];
    for (const file of files) {
      let cached = this.resolved.get(file);
      if (!cached || cached.epoch !== this.epoch) {
        cached = { epoch: this.epoch, result: this.contributions.get(file)!.resolve(resolver) };
        this.resolved.set(file, cached);
      }
      externals.push(...cached.result.externals);
      for (const edge of cached.result.edges) {
        const key = `${edge.from}\u0000${edge.to}\u0000${edge.kind}\u0000${edge.via ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        edges.push(edge);
      }
    }
    for (const node of externals) {
      if (nodes.has(node.id)) continue;
      nodes.set(node.id, node);
      const same = byKind.get('external');
      if (same) same.push(node);
      else byKind.set('external', [node]);
    }
    const outgoing = new Map<string, LineageEdge[]>();
    const incoming = new Map<string, LineageEdge[]>();
    const kept = edges.filter((e) => nodes.has(e.from) && nodes.has(e.to));
    for (const edge of kept) {
      (outgoing.get(edge.from) ?? outgoing.set(edge.from, []).get(edge.from)!).push(edge);
      (incoming.get(edge.to) ?? incoming.set(edge.to, []).get(edge.to)!).push(edge);
    }
    this.merged = { nodes, byKind, edges: kept, outgoing, incoming, children, physical, ofFile };
    return this.merged;
  }

  private resolver(
    nodes: Pick<ReadonlyMap<string, LineageNode>, 'has' | 'get'>,
    children: Map<string, string[]>,
    physical: Map<string, string[]>,
  ): Resolver {
    const datasetsOf = (contract: string) =>
      (children.get(contractNodeId(contract)) ?? []).filter((id) => nodes.get(id)?.kind === 'dataset');
    return {
      index: this.index,
      has: (id) => nodes.has(id),
      dataset: (contract, schema) => {
        if (schema !== undefined) {
          const id = datasetNodeId(contract, schema);
          return nodes.has(id) ? { id, object: schema } : undefined;
        }
        const all = datasetsOf(contract);
        return all.length === 1 ? { id: all[0], object: nodes.get(all[0])!.label } : undefined;
      },
      column: (datasetId, property) => {
        const id = `column:${datasetId.slice('dataset:'.length)}/${property}`;
        return nodes.has(id) ? id : undefined;
      },
      datasetNamed: (text, fromContract) => {
        const t = text.trim();
        if (nodes.has(`dataset:${t}`)) return `dataset:${t}`;
        for (let i = t.indexOf('.'); i > 0; i = t.indexOf('.', i + 1)) {
          const id = datasetNodeId(t.slice(0, i), t.slice(i + 1));
          if (nodes.has(id)) return id;
        }
        if (fromContract !== undefined && nodes.has(datasetNodeId(fromContract, t)))
          return datasetNodeId(fromContract, t);
        const only = datasetsOf(t);
        if (only.length === 1) return only[0];
        const byPhysical = physical.get(t.toLowerCase());
        if (byPhysical?.length === 1) return byPhysical[0];
        return undefined;
      },
    };
  }
}

/** Counts of a set of nodes by kind (for summaries). */
export function countByKind(nodes: Iterable<LineageNode>): Partial<Record<NodeKind, number>> {
  const out: Partial<Record<NodeKind, number>> = {};
  for (const node of nodes) out[node.kind] = (out[node.kind] ?? 0) + 1;
  return out;
}
