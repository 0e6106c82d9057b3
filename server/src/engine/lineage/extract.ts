// What one file contributes to the lineage graph: its own nodes (with the metadata its document
// states) and a function that resolves its edges against the rest of the workspace.
//
// Nodes come from the workspace index's facts (ids, schema objects, properties, ports, steps) and
// the document's value (names, owners, SLAs, classifications, schedules). Edges name other files'
// nodes, so they are resolved later, against whatever the workspace then declares (`resolve`):
// a pipeline edited alone keeps its resolved edges; a contract whose shape changes makes every
// file resolve again.
import { isRecord } from '../kinds';
import type { ContractFact, DataPath, FileFacts, PipelineFact, ProductFact } from '../workspace';
import { dirName, joinPath, parseRelationshipRef, resolveQualified, type WorkspaceIndex } from '../workspace';
import {
  columnNodeId,
  contractNodeId,
  datasetNodeId,
  externalNodeId,
  isPersonal,
  jobNodeId,
  pipelineNodeId,
  productNodeId,
  type EdgeTransformation,
  type LineageEdge,
  type LineageNode,
  type PortInfo,
  type ScheduleFact,
  type SlaFact,
} from './model';

/** What edges are resolved against: the workspace as the graph currently knows it. */
export interface Resolver {
  readonly index: WorkspaceIndex;
  /**
   * The dataset a pipeline input/output names: `schema` given, or the contract's only schema
   * object. Undefined when the contract is unknown, the schema object too, or it is ambiguous.
   */
  dataset(contract: string, schema?: string): { id: string; object: string } | undefined;
  /** The column node of a dataset's (dotted) property, when the dataset declares it. */
  column(datasetId: string, property: string): string | undefined;
  /** Whether a node exists. */
  has(id: string): boolean;
  /**
   * A dataset named in free text (`transformSourceObjects`, a DCS lineage `name`): `contract/object`,
   * `contract.object`, an object of `fromContract`, a contract with one object, or a unique
   * physical name.
   */
  datasetNamed(text: string, fromContract: string | undefined): string | undefined;
}

export interface ResolvedEdges {
  edges: LineageEdge[];
  /** `external:` nodes for sources the workspace does not declare. */
  externals: LineageNode[];
}

export interface Contribution {
  file: string;
  /** The facts it was built from: a new object whenever the index re-read the file. */
  facts: FileFacts;
  nodes: LineageNode[];
  /** What other files resolve against (contract ids, object and property names): a change makes everything resolve again. */
  shape: string;
  resolve(resolver: Resolver): ResolvedEdges;
}

/** The contribution of one file; `value` is its document's value when the caller has it. */
export function contributionOf(facts: FileFacts, value: unknown): Contribution {
  const v = isRecord(value) ? value : {};
  if (facts.contract) return contractContribution(facts, facts.contract, v);
  if (facts.product) return productContribution(facts, facts.product, v);
  if (facts.pipeline) return pipelineContribution(facts, facts.pipeline, v);
  return { file: facts.path, facts, nodes: [], shape: '', resolve: () => ({ edges: [], externals: [] }) };
}

// ---- value helpers ----------------------------------------------------------------------------

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function at(value: unknown, path: DataPath): unknown {
  let v = value;
  for (const segment of path) {
    if (Array.isArray(v) && typeof segment === 'number') v = v[segment];
    else if (isRecord(v)) v = v[String(segment)];
    else return undefined;
  }
  return v;
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function tagsOf(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const tags = value.flatMap((t) => (typeof t === 'string' ? [t] : []));
  return tags.length ? tags : undefined;
}

/** The owner a document states: a team's name, or the member whose role says owner. */
function ownerOf(v: Record<string, unknown>): string | undefined {
  const direct = text(v.owner);
  if (direct !== undefined) return direct;
  const team = v.team;
  let members: unknown;
  if (isRecord(team)) {
    const name = text(team.name);
    if (name !== undefined) return name;
    members = team.members;
  } else {
    members = team;
  }
  if (!Array.isArray(members)) return undefined;
  const owner = members.find((m) => isRecord(m) && /owner/i.test(String(m.role ?? '')));
  return isRecord(owner) ? (text(owner.username) ?? text(owner.name)) : undefined;
}

/**
 * How a contract (or one of its schema objects) declares itself a source, data that enters the
 * workspace from outside rather than being written by a pipeline: a tag `source` or `raw`, or a
 * custom property `source: true`.
 */
export function declaresSource(v: Record<string, unknown>): boolean {
  if ((tagsOf(v.tags) ?? []).some((t) => /^(source|raw)$/i.test(t))) return true;
  const custom = v.customProperties;
  if (Array.isArray(custom)) {
    return custom.some(
      (c) =>
        isRecord(c) &&
        String(c.property).toLowerCase() === 'source' &&
        (c.value === true || String(c.value).toLowerCase() === 'true'),
    );
  }
  if (isRecord(custom)) return custom.source === true || String(custom.source).toLowerCase() === 'true';
  return false;
}

function description(v: Record<string, unknown>): string | undefined {
  if (typeof v.description === 'string') return v.description;
  if (isRecord(v.description)) return text(v.description.purpose);
  return undefined;
}

/** The schema objects an SLA `element` (`obj.col`, comma-separated) concerns; undefined for all. */
export function elementObjects(element: string | undefined): Set<string> | undefined {
  if (element === undefined || !element.trim()) return undefined;
  return new Set(
    element
      .split(',')
      .map((e) => e.trim().split('.')[0])
      .filter(Boolean),
  );
}

// ---- contracts --------------------------------------------------------------------------------

function odcsSla(v: Record<string, unknown>): SlaFact[] {
  const out: SlaFact[] = [];
  const fallback = text(v.slaDefaultElement);
  if (!Array.isArray(v.slaProperties)) return out;
  v.slaProperties.forEach((sla, i) => {
    if (!isRecord(sla) || text(sla.property) === undefined) return;
    out.push({
      property: text(sla.property)!,
      value: sla.value,
      unit: text(sla.unit),
      element: text(sla.element) ?? fallback,
      path: ['slaProperties', i, 'value'],
    });
  });
  return out;
}

function dcsSla(v: Record<string, unknown>): SlaFact[] {
  const out: SlaFact[] = [];
  const levels = record(v.servicelevels);
  for (const [property, level] of Object.entries(levels)) {
    if (!isRecord(level)) continue;
    const element =
      text(level.timestampField) ?? text(level.processedTimestampField) ?? text(level.sourceTimestampField);
    const value = level.threshold ?? level.interval ?? level.period ?? level.percentage;
    const key =
      'threshold' in level
        ? 'threshold'
        : 'interval' in level
          ? 'interval'
          : 'period' in level
            ? 'period'
            : 'percentage';
    out.push({ property, value, element, path: ['servicelevels', property, key] });
  }
  return out;
}

function contractContribution(facts: FileFacts, contract: ContractFact, v: Record<string, unknown>): Contribution {
  const file = facts.path;
  const id = contract.id;
  if (id === undefined) return { file, facts, nodes: [], shape: '', resolve: () => ({ edges: [], externals: [] }) };
  const dcs = contract.format === 'dcs';
  const info = record(v.info);
  const sla = dcs ? dcsSla(v) : odcsSla(v);
  const contractSource = declaresSource(v);
  const owner = dcs ? text(info.owner) : ownerOf(v);
  const cid = contractNodeId(id);
  const nodes: LineageNode[] = [
    {
      id: cid,
      kind: 'contract',
      label: (dcs ? text(info.title) : text(v.name)) ?? id,
      file,
      at: { path: contract.idPath, target: 'value' },
      owner,
      version: contract.version,
      status: contract.status,
      description: dcs ? text(info.description) : description(v),
      tags: tagsOf(v.tags),
      sla: sla.length ? sla : undefined,
      source: contractSource || undefined,
      format: contract.format,
    },
  ];
  const shape: string[] = [id];
  // ODCS `transformSourceObjects`, found while the properties are read (resolving edges, again on
  // every change of what they resolve against, then walks only these, not every property).
  const transforms: TransformSources[] = [];
  for (const object of contract.schemaObjects) {
    const ov = record(at(v, object.path));
    const did = datasetNodeId(id, object.name);
    const objectSla = sla.filter((s) => {
      const objects = elementObjects(s.element);
      return !objects || objects.has(object.name);
    });
    nodes.push({
      id: did,
      kind: 'dataset',
      label: object.name,
      parent: cid,
      file,
      at: dcs ? { path: object.path, target: 'key' } : { path: [...object.path, 'name'], target: 'value' },
      owner,
      version: contract.version,
      status: contract.status,
      description: description(ov),
      tags: tagsOf(ov.tags),
      sla: objectSla.length ? objectSla : undefined,
      physicalName: text(ov.physicalName),
      source: contractSource || declaresSource(ov) || undefined,
    });
    shape.push(`\u0001${object.name}\u0002${object.id ?? ''}\u0002${text(ov.physicalName) ?? ''}`);
    for (const p of object.properties) {
      const pv = record(at(v, p.path));
      if (!dcs && Array.isArray(pv.transformSourceObjects))
        transforms.push({ target: did, path: p.path, sources: pv.transformSourceObjects });
      const tags = tagsOf(pv.tags);
      const classification = text(pv.classification);
      nodes.push({
        id: columnNodeId(id, object.name, p.name),
        kind: 'column',
        label: p.name,
        parent: did,
        file,
        at: dcs ? { path: p.path, target: 'key' } : { path: [...p.path, 'name'], target: 'value' },
        classification,
        tags,
        personal: isPersonal(classification, tags, pv.pii === true) || undefined,
        classificationAt: classification !== undefined ? [...p.path, 'classification'] : undefined,
        logicalType: p.logicalType,
        physicalType: text(pv.physicalType),
        description: text(pv.description),
      });
      shape.push(`\u0003${p.name}\u0002${p.id ?? ''}`);
    }
  }
  return {
    file,
    facts,
    nodes,
    shape: shape.join(''),
    resolve: (r) => (dcs ? dcsEdges(file, id, contract, v, r) : odcsEdges(file, id, contract, transforms, r)),
  };
}

/** A property's `transformSourceObjects` (ODCS), in the order the contract declares them. */
interface TransformSources {
  /** The dataset node of the property's schema object. */
  target: string;
  /** The property's data path. */
  path: DataPath;
  sources: unknown[];
}

class EdgeSet {
  readonly edges: LineageEdge[] = [];
  readonly externals = new Map<string, LineageNode>();
  private readonly seen = new Set<string>();

  add(edge: LineageEdge): void {
    const key = `${edge.from}\u0000${edge.to}\u0000${edge.kind}\u0000${edge.via ?? ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.edges.push(edge);
  }

  external(name: string, file: string, path: DataPath): string {
    const id = externalNodeId(name);
    if (!this.externals.has(id))
      this.externals.set(id, { id, kind: 'external', label: name, file, at: { path, target: 'value' } });
    return id;
  }

  result(): ResolvedEdges {
    return { edges: this.edges, externals: [...this.externals.values()] };
  }
}

function odcsEdges(
  file: string,
  contractId: string,
  contract: ContractFact,
  transforms: readonly TransformSources[],
  r: Resolver,
): ResolvedEdges {
  const out = new EdgeSet();
  // transformSourceObjects: the source datasets feed the property's dataset.
  for (const { target, path: propertyPath, sources } of transforms) {
    sources.forEach((s, k) => {
      const name = text(s);
      if (name === undefined || !name.trim()) return;
      const path = [...propertyPath, 'transformSourceObjects', k];
      const from = r.datasetNamed(name, contractId) ?? out.external(name, file, path);
      if (from !== target) out.add({ from, to: target, kind: 'transform', file, path });
    });
  }
  // Relationships: from the referenced column to the referencing one (foreign key values come from the key).
  for (const rel of contract.relationships) {
    const froms =
      rel.level === 'property' && !rel.from.length
        ? [{ column: rel.property!, object: rel.schemaObject, contract: contractId }]
        : rel.from.map((ref) => relationshipColumn(r, contract, ref.value));
    const tos = rel.to.map((ref) => ({ ref, column: relationshipColumn(r, contract, ref.value) }));
    tos.forEach(({ ref, column: to }, i) => {
      const from = froms.length === tos.length ? froms[i] : froms[0];
      if (!from || !to) return;
      const fromColumn = r.column(datasetNodeId(from.contract, from.object), from.column);
      const toColumn = r.column(datasetNodeId(to.contract, to.object), to.column);
      if (!fromColumn || !toColumn) return;
      out.add({ from: toColumn, to: fromColumn, kind: 'relationship', file, path: ref.path });
      const fromDataset = datasetNodeId(from.contract, from.object);
      const toDataset = datasetNodeId(to.contract, to.object);
      if (fromDataset !== toDataset)
        out.add({ from: toDataset, to: fromDataset, kind: 'relationship', file, path: ref.path });
    });
  }
  return out.result();
}

/** A relationship end (`table.column` or `[file#]/schema/<id>/properties/<id>`) as contract, object, property. */
function relationshipColumn(
  r: Resolver,
  contract: ContractFact,
  refText: string,
): { contract: string; object: string; column: string } | undefined {
  const parsed = parseRelationshipRef(refText);
  if (!parsed || contract.id === undefined) return undefined;
  if (parsed.form === 'shorthand') return { contract: contract.id, object: parsed.table, column: parsed.column };
  let target: ContractFact | undefined = contract;
  if (parsed.file !== undefined) {
    const found = r.index.fileAt(joinPath(dirName(contract.file), parsed.file));
    target = found ? r.index.facts(found)?.contract : undefined;
  }
  if (!target || target.id === undefined) return undefined;
  const resolved = resolveQualified(target, parsed.segments);
  if (!resolved.object || !resolved.property || resolved.failedAt !== undefined) return undefined;
  return { contract: target.id, object: resolved.object.name, column: resolved.property.name };
}

function dcsEdges(
  file: string,
  contractId: string,
  contract: ContractFact,
  v: Record<string, unknown>,
  r: Resolver,
): ResolvedEdges {
  const out = new EdgeSet();
  for (const object of contract.schemaObjects) {
    const target = datasetNodeId(contractId, object.name);
    for (const p of object.properties) {
      const lineage = at(v, [...p.path, 'lineage']);
      if (!isRecord(lineage) || !Array.isArray(lineage.inputFields)) continue;
      const toColumn = columnNodeId(contractId, object.name, p.name);
      const legacyType = text(lineage.transformationType)?.toUpperCase();
      lineage.inputFields.forEach((input, k) => {
        if (!isRecord(input)) return;
        const name = text(input.name);
        if (name === undefined) return;
        const path = [...p.path, 'lineage', 'inputFields', k];
        const namespace = text(input.namespace);
        const dataset = r.datasetNamed(name, contractId);
        const from = dataset ?? out.external(namespace ? `${namespace}/${name}` : name, file, [...path, 'name']);
        if (from !== target) out.add({ from, to: target, kind: 'lineage', file, path });
        const field = text(input.field);
        const fromColumn = dataset && field !== undefined ? r.column(dataset, field) : undefined;
        if (!fromColumn) return;
        const transformations: EdgeTransformation[] = Array.isArray(input.transformations)
          ? input.transformations.flatMap((t) =>
              isRecord(t) && text(t.type) !== undefined
                ? [
                    {
                      type: text(t.type)!,
                      subtype: text(t.subtype),
                      masking: typeof t.masking === 'boolean' ? t.masking : undefined,
                    },
                  ]
                : [],
            )
          : [];
        const masked = legacyType === 'MASKED' || transformations.some((t) => t.masking === true);
        const identity =
          !masked &&
          (legacyType === 'IDENTITY' || transformations.some((t) => t.subtype?.toUpperCase() === 'IDENTITY'));
        out.add({
          from: fromColumn,
          to: toColumn,
          kind: 'column',
          file,
          path,
          identity: identity || undefined,
          transformations: transformations.length ? transformations : undefined,
        });
      });
    }
  }
  return out.result();
}

// ---- products ---------------------------------------------------------------------------------

function productContribution(facts: FileFacts, product: ProductFact, v: Record<string, unknown>): Contribution {
  const file = facts.path;
  if (product.id === undefined)
    return { file, facts, nodes: [], shape: '', resolve: () => ({ edges: [], externals: [] }) };
  const pid = productNodeId(product.id);
  const ports: PortInfo[] = product.ports.map((p) => ({
    direction: p.direction,
    name: p.name,
    contractId: p.contractId?.value,
    path: p.path,
  }));
  const node: LineageNode = {
    id: pid,
    kind: 'product',
    label: text(v.name) ?? product.id,
    file,
    at: { path: product.idPath, target: 'value' },
    owner: ownerOf(v),
    version: text(v.version),
    status: text(v.status),
    description: description(v),
    tags: tagsOf(v.tags),
    ports,
  };
  const edges: LineageEdge[] = [];
  for (const port of product.ports) {
    if (!port.contractId) continue;
    const contract = contractNodeId(port.contractId.value);
    edges.push(
      port.direction === 'input'
        ? { from: contract, to: pid, kind: 'input-port', file, path: port.contractId.path }
        : { from: pid, to: contract, kind: 'output-port', file, path: port.contractId.path },
    );
  }
  return { file, facts, nodes: [node], shape: '', resolve: () => ({ edges, externals: [] }) };
}

// ---- pipelines --------------------------------------------------------------------------------

/** `alias.column` (or a bare `column`); anything else is an expression (as in the `ref/` rules). */
const COLUMN_SOURCE = /^[A-Za-z_][A-Za-z0-9_$-]*(?:\.[A-Za-z_][A-Za-z0-9_$-]*)*$/;

function scheduleOf(v: Record<string, unknown>): ScheduleFact | undefined {
  const s = v.schedule;
  if (!isRecord(s)) return undefined;
  return {
    cron: text(s.cron),
    timezone: text(s.timezone),
    streaming: s.streaming === true || undefined,
    maxLatency: text(s.maxLatency),
    path: ['schedule'],
  };
}

function pipelineContribution(facts: FileFacts, pipeline: PipelineFact, v: Record<string, unknown>): Contribution {
  const file = facts.path;
  const pipelineId = pipeline.id;
  if (pipelineId === undefined)
    return { file, facts, nodes: [], shape: '', resolve: () => ({ edges: [], externals: [] }) };
  const pid = pipelineNodeId(pipelineId);
  const schedule = scheduleOf(v);
  const owner = text(v.owner);
  const nodes: LineageNode[] = [
    {
      id: pid,
      kind: 'pipeline',
      label: text(v.name) ?? pipelineId,
      file,
      at: { path: pipeline.idPath, target: 'value' },
      owner,
      version: text(v.version),
      description: text(v.description),
      tags: tagsOf(v.tags),
      schedule,
    },
  ];
  const seen = new Set<string>();
  for (const step of pipeline.steps) {
    const jid = jobNodeId(pipelineId, step.id);
    if (seen.has(jid)) continue; // a repeated step id: the first one is the job
    seen.add(jid);
    const sv = record(at(v, step.path));
    nodes.push({
      id: jid,
      kind: 'job',
      label: text(sv.name) ?? step.id,
      parent: pid,
      file,
      at:
        text(sv.id) !== undefined
          ? { path: [...step.path, 'id'], target: 'value' }
          : { path: step.path, target: 'mapping' },
      owner,
      version: text(v.version),
      description: text(sv.description),
      schedule,
      runtime: text(sv.runtime),
    });
  }
  return { file, facts, nodes, shape: '', resolve: (r) => pipelineEdges(file, pipelineId, pipeline, r) };
}

function pipelineEdges(file: string, pipelineId: string, pipeline: PipelineFact, r: Resolver): ResolvedEdges {
  const out = new EdgeSet();
  const datasetOrContract = (contract: string, schema?: string) => {
    const ds = r.dataset(contract, schema);
    if (ds) return ds;
    // An ambiguous or unknown schema object: the edge goes to the contract as a whole (when it exists).
    const id = contractNodeId(contract);
    return schema === undefined && r.has(id) ? { id, object: undefined } : undefined;
  };
  const seen = new Set<string>();
  for (const step of pipeline.steps) {
    const job = jobNodeId(pipelineId, step.id);
    if (seen.has(job)) continue;
    seen.add(job);
    const inputs = step.inputs.map((input) => {
      const ds = input.contract ? datasetOrContract(input.contract.value, input.schema?.value) : undefined;
      const alias = input.as ?? input.schema?.value ?? ds?.object;
      if (ds) out.add({ from: ds.id, to: job, kind: 'input', file, path: input.path });
      return { alias, dataset: ds?.object !== undefined ? ds.id : undefined };
    });
    for (const output of step.outputs) {
      const ds = output.contract ? datasetOrContract(output.contract.value, output.schema?.value) : undefined;
      if (!ds) continue;
      out.add({ from: job, to: ds.id, kind: output.deadLetter ? 'dead-letter' : 'output', file, path: output.path });
      if (ds.object === undefined) continue;
      for (const mapping of output.columns) {
        const target = r.column(ds.id, mapping.column);
        if (!target) continue;
        for (const source of mapping.sources) {
          const from = sourceColumn(r, source.value, inputs);
          if (!from) continue;
          const identity = mapping.sources.length === 1 && leaf(from.column) === leaf(mapping.column);
          out.add({
            from: from.id,
            to: target,
            kind: 'column',
            file,
            path: source.path,
            via: job,
            identity: identity || undefined,
          });
        }
      }
    }
  }
  return out.result();
}

function leaf(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** The input column a mapping source names, as the `ref/` rules read it: `alias.column`, or a bare column of the only input. */
function sourceColumn(
  r: Resolver,
  source: string,
  inputs: { alias?: string; dataset?: string }[],
): { id: string; column: string } | undefined {
  if (!COLUMN_SOURCE.test(source)) return undefined;
  const dot = source.indexOf('.');
  const alias = dot < 0 ? undefined : source.slice(0, dot);
  let input = alias === undefined ? undefined : inputs.find((i) => i.alias === alias);
  let column = dot < 0 ? source : source.slice(dot + 1);
  if (
    !input &&
    inputs.length === 1 &&
    (alias === undefined || (inputs[0].dataset && r.column(inputs[0].dataset, source)))
  ) {
    input = inputs[0];
    column = source;
  }
  if (!input?.dataset) return undefined;
  const id = r.column(input.dataset, column);
  return id ? { id, column } : undefined;
}
