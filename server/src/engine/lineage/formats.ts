// Text formats of a lineage view that need no layout: the lineage JSON (README), Mermaid
// (renders in a GitHub comment) and OpenLineage static job events.
import type { Range } from 'vscode-languageserver-types';
import type { LineageGraph } from './graph';
import { labelText } from './dot';
import type { LineageEdge, LineageNode, NodeKind } from './model';
import { summarize, type LineageView, type ViewSummary } from './view';

// ---- the lineage JSON ---------------------------------------------------------------------------

export interface JsonPosition {
  line: number;
  column: number;
}

export interface LineageJsonNode {
  id: string;
  kind: NodeKind;
  label: string;
  file: string;
  /** 1-based, end exclusive (as the lint report's ranges). */
  range: { start: JsonPosition; end: JsonPosition };
  parent?: string;
  owner?: string;
  version?: string;
  status?: string;
  classification?: string;
  personal?: boolean;
  source?: boolean;
  sla?: { property: string; value: unknown; unit?: string; element?: string }[];
  schedule?: { cron?: string; timezone?: string; streaming?: boolean; maxLatency?: string };
  runtime?: string;
}

export interface LineageJsonEdge {
  from: string;
  to: string;
  kind: LineageEdge['kind'];
  via?: string;
  identity?: boolean;
}

export interface LineageJson {
  nodes: LineageJsonNode[];
  edges: LineageJsonEdge[];
}

/** the lineage JSON of the README for a view; `rangeOf` gives a node's 0-based range (`LineageGraph.range`). */
export function toLineageJson(view: LineageView, rangeOf: (id: string) => Range | undefined): LineageJson {
  const nodes = view.nodes.map((n): LineageJsonNode => {
    const r = rangeOf(n.id);
    const out: LineageJsonNode = {
      id: n.id,
      kind: n.kind,
      label: n.label,
      file: n.file,
      range: r
        ? {
            start: { line: r.start.line + 1, column: r.start.character + 1 },
            end: { line: r.end.line + 1, column: r.end.character + 1 },
          }
        : { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    };
    if (n.parent !== undefined) out.parent = n.parent;
    if (n.owner !== undefined) out.owner = n.owner;
    if (n.version !== undefined) out.version = n.version;
    if (n.status !== undefined) out.status = n.status;
    if (n.classification !== undefined) out.classification = n.classification;
    if (n.personal) out.personal = true;
    if (n.source) out.source = true;
    if (n.sla?.length)
      out.sla = n.sla.map((s) => ({ property: s.property, value: s.value, unit: s.unit, element: s.element }));
    if (n.schedule && (n.kind === 'pipeline' || n.kind === 'job')) {
      const { cron, timezone, streaming, maxLatency } = n.schedule;
      out.schedule = { cron, timezone, streaming, maxLatency };
    }
    if (n.runtime !== undefined) out.runtime = n.runtime;
    return out;
  });
  const edges = view.edges.map((e): LineageJsonEdge => {
    const out: LineageJsonEdge = { from: e.from, to: e.to, kind: e.kind };
    if (e.via !== undefined) out.via = e.via;
    if (e.identity) out.identity = true;
    return out;
  });
  return { nodes, edges };
}

// ---- Mermaid ----------------------------------------------------------------------------------

/** GitHub renders Mermaid with the library's defaults: at most 500 edges and 50,000 characters. */
export const MERMAID_MAX_EDGES = 500;
export const MERMAID_MAX_TEXT = 50_000;

/**
 * Text for a Mermaid label inside `"..."`: one line, cut to length, and every character Mermaid
 * (or the Markdown around it) could read as syntax written as an entity code (`#35;`): quotes,
 * `#`, `&`, `<`, `>`, backticks, brackets, braces, parentheses, `|`, `%`, `\` and `;`.
 */
export function mermaidText(text: string, max = 48): string {
  return labelText(text, max).replace(/[#&"'<>`[\]{}()|%\\;]/g, (ch) => `#${ch.codePointAt(0)};`);
}

const MERMAID_CLASSES: Record<NodeKind, string> = {
  dataset: 'fill:#e8f1fb,stroke:#4a7ab5,color:#1a1a1a',
  job: 'fill:#fff4d6,stroke:#b58a2a,color:#1a1a1a',
  product: 'fill:#e9f7ec,stroke:#3d8b4f,color:#1a1a1a',
  contract: 'fill:#eef0f3,stroke:#6b7785,color:#1a1a1a',
  pipeline: 'fill:#fff4d6,stroke:#b58a2a,color:#1a1a1a',
  external: 'fill:#ffffff,stroke:#7f8c8d,stroke-dasharray:4 3,color:#1a1a1a',
  column: 'fill:#ffffff,stroke:#9aa5b1,color:#1a1a1a',
};

const MERMAID_ARROW: Record<LineageEdge['kind'], string> = {
  input: '-->',
  output: '-->',
  column: '-->',
  'dead-letter': '-. dead letter .->',
  'input-port': '==>',
  'output-port': '==>',
  transform: '-. derived .->',
  lineage: '-. derived .->',
  relationship: '-.->',
};

export type MermaidResult =
  | { ok: true; text: string }
  | { ok: false; reason: 'too-large'; edges: number; characters: number; summary: ViewSummary };

/**
 * A Mermaid flowchart in a ```mermaid fence, ready to paste into a GitHub comment. Node ids are
 * generated (`n0`, `s0`), labels escaped by `mermaidText`; no `click`, link or directive is emitted.
 */
export function toMermaid(view: LineageView): MermaidResult {
  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  const names = new Map<string, string>();
  const children = new Map<string, LineageNode[]>();
  for (const n of view.nodes) {
    if (n.parent !== undefined && byId.has(n.parent)) children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
  }
  let nodeCount = 0;
  let groupCount = 0;
  const lines: string[] = ['```mermaid', 'flowchart LR'];
  const classes = new Map<NodeKind, string[]>();
  const emit = (node: LineageNode, indent: string) => {
    const members = children.get(node.id);
    if (members?.length && node.kind !== 'column') {
      const name = `s${groupCount++}`;
      names.set(node.id, name);
      lines.push(`${indent}subgraph ${name} ["${mermaidText(node.label)}"]`);
      if (node.kind === 'dataset') emitLeaf(node, indent + '  ', `${name}n`);
      for (const m of members) emit(m, indent + '  ');
      lines.push(`${indent}end`);
    } else {
      emitLeaf(node, indent);
    }
  };
  const emitLeaf = (node: LineageNode, indent: string, forced?: string) => {
    const name = forced ?? `n${nodeCount++}`;
    names.set(node.id, name);
    const label = node.kind === 'product' ? `${mermaidText(node.label)} (data product)` : mermaidText(node.label);
    const shape =
      node.kind === 'job'
        ? ['[["', '"]]']
        : node.kind === 'product'
          ? ['[/"', '"/]']
          : node.kind === 'column'
            ? ['("', '")']
            : ['["', '"]'];
    lines.push(`${indent}${name}${shape[0]}${label}${shape[1]}`);
    classes.set(node.kind, [...(classes.get(node.kind) ?? []), name]);
  };
  for (const node of view.nodes) {
    if (node.parent !== undefined && byId.has(node.parent)) continue;
    emit(node, '  ');
  }
  let edges = 0;
  for (const e of view.edges) {
    const from = names.get(e.from);
    const to = names.get(e.to);
    if (!from || !to || from === to) continue;
    lines.push(`  ${from} ${MERMAID_ARROW[e.kind]} ${to}`);
    edges++;
  }
  for (const [kind, members] of classes) {
    lines.push(`  classDef ${kind} ${MERMAID_CLASSES[kind]}`);
    lines.push(`  class ${members.join(',')} ${kind}`);
  }
  if (view.focus && names.has(view.focus))
    lines.push(`  style ${names.get(view.focus)} stroke:#d35400,stroke-width:3px`);
  lines.push('```');
  const text = lines.join('\n') + '\n';
  if (edges > MERMAID_MAX_EDGES || text.length > MERMAID_MAX_TEXT) {
    return { ok: false, reason: 'too-large', edges, characters: text.length, summary: summarize(view) };
  }
  return { ok: true, text };
}

// ---- OpenLineage ------------------------------------------------------------------------------

export interface OpenLineageOptions {
  /** When the events happened (ISO 8601); the caller decides (the CLI: now, or SOURCE_DATE_EPOCH). */
  eventTime: string;
  /** URI of the producer, e.g. the tool's repository at its version. */
  producer: string;
  /** Namespace of the jobs and datasets (default `pactline`). */
  namespace?: string;
}

const OL_EVENT_SCHEMA = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent';
const OL_SCHEMA_FACET = 'https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet';
const OL_COLUMN_FACET =
  'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet';
const OL_JOB_TYPE_FACET = 'https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet';
const OL_DOC_FACET = 'https://openlineage.io/spec/facets/1-1-0/DocumentationJobFacet.json#/$defs/DocumentationJobFacet';
const OL_OWNERSHIP_FACET = 'https://openlineage.io/spec/facets/1-1-0/OwnershipJobFacet.json#/$defs/OwnershipJobFacet';

interface OlField {
  name: string;
  type?: string;
  description?: string;
  fields?: OlField[];
}

/**
 * Static OpenLineage job events (`JobEvent`: a job and its datasets, no run), one per job of the
 * view: inputs and outputs with a `schema` facet, outputs with a `columnLineage` facet where the
 * pipeline maps columns. Dataset names are `<contract id>/<schema object>`, job names
 * `<pipeline id>/<step id>`, both in `namespace`.
 */
export function toOpenLineage(graph: LineageGraph, view: LineageView, options: OpenLineageOptions): object[] {
  const namespace = options.namespace ?? 'pactline';
  const producer = options.producer;
  const events: object[] = [];
  const datasetName = (id: string) => id.slice('dataset:'.length);
  const schemaFacet = (datasetId: string) => {
    const columns = graph
      .children(datasetId)
      .map((id) => graph.node(id)!)
      .filter((n) => n.kind === 'column');
    const byName = new Map<string, OlField>();
    const top: OlField[] = [];
    for (const c of columns) {
      const field: OlField = { name: c.label.slice(c.label.lastIndexOf('.') + 1) };
      const type = c.logicalType ?? c.physicalType;
      if (type !== undefined) field.type = type;
      if (c.description !== undefined) field.description = c.description;
      byName.set(c.label, field);
      const dot = c.label.lastIndexOf('.');
      const parent = dot > 0 ? byName.get(c.label.slice(0, dot)) : undefined;
      if (parent) (parent.fields ??= []).push(field);
      else top.push(field);
    }
    return { _producer: producer, _schemaURL: OL_SCHEMA_FACET, fields: top };
  };
  for (const job of view.nodes) {
    if (job.kind !== 'job') continue;
    const inputs = graph.incoming(job.id).filter((e) => e.kind === 'input' && e.from.startsWith('dataset:'));
    const outputs = graph
      .outgoing(job.id)
      .filter((e) => (e.kind === 'output' || e.kind === 'dead-letter') && e.to.startsWith('dataset:'));
    const jobFacets: Record<string, object> = {
      jobType: {
        _producer: producer,
        _schemaURL: OL_JOB_TYPE_FACET,
        processingType: job.schedule?.streaming ? 'STREAMING' : 'BATCH',
        integration: 'PACTLINE',
        jobType: 'TASK',
      },
    };
    if (job.description !== undefined)
      jobFacets.documentation = { _producer: producer, _schemaURL: OL_DOC_FACET, description: job.description };
    if (job.owner !== undefined)
      jobFacets.ownership = { _producer: producer, _schemaURL: OL_OWNERSHIP_FACET, owners: [{ name: job.owner }] };
    const outputDatasets = outputs.map((e) => {
      const facets: Record<string, object> = { schema: schemaFacet(e.to) };
      const fields: Record<string, { inputFields: object[] }> = {};
      for (const column of graph.children(e.to)) {
        for (const c of graph.incoming(column)) {
          if (c.kind !== 'column' || c.via !== job.id) continue;
          const from = graph.node(c.from);
          if (!from?.parent) continue;
          const target = graph.node(column)!.label;
          (fields[target] ??= { inputFields: [] }).inputFields.push({
            namespace,
            name: datasetName(from.parent),
            field: from.label,
            transformations: [{ type: 'DIRECT', subtype: c.identity ? 'IDENTITY' : 'TRANSFORMATION' }],
          });
        }
      }
      if (Object.keys(fields).length)
        facets.columnLineage = { _producer: producer, _schemaURL: OL_COLUMN_FACET, fields };
      return { namespace, name: datasetName(e.to), facets };
    });
    events.push({
      eventTime: options.eventTime,
      producer,
      schemaURL: OL_EVENT_SCHEMA,
      job: { namespace, name: bareJob(job.id), facets: jobFacets },
      inputs: inputs.map((e) => ({ namespace, name: datasetName(e.from), facets: { schema: schemaFacet(e.from) } })),
      outputs: outputDatasets,
    });
  }
  return events;
}

function bareJob(id: string): string {
  return id.slice('job:'.length);
}
