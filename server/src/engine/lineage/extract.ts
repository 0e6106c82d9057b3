// What one file contributes to the lineage graph: its own nodes (with the metadata its document
// states) and a function that resolves its edges against the rest of the workspace.
//
// Nodes come from the file's model as the workspace index holds it (../model: ids, schema objects,
// properties, ports, steps, names, owners, SLAs, classifications, schedules); nothing here reads
// the YAML value. Edges name other files' nodes, so they are resolved later, against whatever the
// workspace then declares (`resolve`): a pipeline edited alone keeps its resolved edges; a contract
// whose shape changes makes every file resolve again.
import type { FlowEnd } from '../dataflow';
import type { ContractFact, DataPath, FileFacts, PipelineFact, ProductFact, PropertyFact } from '../workspace';
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

/** The contribution of one file, from its model. */
export function contributionOf(facts: FileFacts): Contribution {
  if (facts.contract) return contractContribution(facts, facts.contract);
  if (facts.product) return productContribution(facts, facts.product);
  if (facts.pipeline) return pipelineContribution(facts, facts.pipeline);
  return { file: facts.path, facts, nodes: [], shape: '', resolve: () => ({ edges: [], externals: [] }) };
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

function odcsSla(contract: ContractFact): SlaFact[] {
  const fallback = contract.slaDefaultElement;
  return contract.sla.flatMap((sla) =>
    sla.property === undefined
      ? []
      : [
          {
            property: sla.property,
            value: sla.value,
            unit: sla.unit,
            element: sla.element ?? fallback,
            path: sla.path,
          },
        ],
  );
}

function dcsSla(contract: ContractFact): SlaFact[] {
  return contract.serviceLevels.map((level) => {
    const { amounts } = level;
    const value = amounts.threshold ?? amounts.interval ?? amounts.period ?? amounts.percentage;
    const key =
      'threshold' in amounts
        ? 'threshold'
        : 'interval' in amounts
          ? 'interval'
          : 'period' in amounts
            ? 'period'
            : 'percentage';
    return { property: level.name, value, element: level.element, path: [...level.path, key] };
  });
}

function contractContribution(facts: FileFacts, contract: ContractFact): Contribution {
  const file = facts.path;
  const id = contract.id;
  if (id === undefined) return { file, facts, nodes: [], shape: '', resolve: () => ({ edges: [], externals: [] }) };
  const dcs = contract.format === 'dcs';
  const sla = dcs ? dcsSla(contract) : odcsSla(contract);
  const cid = contractNodeId(id);
  const nodes: LineageNode[] = [
    {
      id: cid,
      kind: 'contract',
      label: contract.name ?? id,
      file,
      at: { path: contract.idPath, target: 'value' },
      owner: contract.owner,
      version: contract.version,
      status: contract.status,
      description: contract.description,
      tags: contract.tags,
      sla: sla.length ? sla : undefined,
      source: contract.source || undefined,
      format: contract.format,
    },
  ];
  const shape: string[] = [id];
  // ODCS `transformSourceObjects`, found while the properties are read (resolving edges, again on
  // every change of what they resolve against, then walks only these, not every property).
  const transforms: TransformSources[] = [];
  for (const object of contract.schemaObjects) {
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
      owner: contract.owner,
      version: contract.version,
      status: contract.status,
      description: object.description,
      tags: object.tags,
      sla: objectSla.length ? objectSla : undefined,
      physicalName: object.physicalName,
      source: contract.source || object.source || undefined,
    });
    shape.push(`\u0001${object.name}\u0002${object.id ?? ''}\u0002${object.physicalName ?? ''}`);
    for (const p of object.properties) {
      if (!dcs && p.transformSources) transforms.push({ target: did, path: p.path, sources: p.transformSources });
      const classification = p.classification;
      nodes.push({
        id: columnNodeId(id, object.name, p.name),
        kind: 'column',
        label: p.name,
        parent: did,
        file,
        at: dcs ? { path: p.path, target: 'key' } : { path: [...p.path, 'name'], target: 'value' },
        classification,
        tags: p.tags,
        personal: isPersonal(classification, p.tags, p.pii === true) || undefined,
        classificationAt: classification !== undefined ? [...p.path, 'classification'] : undefined,
        logicalType: p.logicalType,
        physicalType: p.physicalType,
        description: p.description,
      });
      shape.push(`\u0003${p.name}\u0002${p.id ?? ''}`);
    }
  }
  return {
    file,
    facts,
    nodes,
    shape: shape.join(''),
    resolve: (r) => (dcs ? dcsEdges(file, id, contract, r) : odcsEdges(file, id, contract, transforms, r)),
  };
}

/** A property's `transformSourceObjects` (ODCS), in the order the contract declares them. */
interface TransformSources {
  /** The dataset node of the property's schema object. */
  target: string;
  /** The property's data path. */
  path: DataPath;
  sources: NonNullable<PropertyFact['transformSources']>;
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
  for (const { target, sources } of transforms) {
    for (const { value: name, path } of sources) {
      if (!name.trim()) continue;
      const from = r.datasetNamed(name, contractId) ?? out.external(name, file, path);
      if (from !== target) out.add({ from, to: target, kind: 'transform', file, path });
    }
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

function dcsEdges(file: string, contractId: string, contract: ContractFact, r: Resolver): ResolvedEdges {
  const out = new EdgeSet();
  for (const object of contract.schemaObjects) {
    const target = datasetNodeId(contractId, object.name);
    for (const p of object.properties) {
      if (!p.lineage) continue;
      const toColumn = columnNodeId(contractId, object.name, p.name);
      const legacyType = p.lineage.transformationType;
      for (const input of p.lineage.inputFields) {
        const { name, namespace, path } = input;
        const dataset = r.datasetNamed(name, contractId);
        const from = dataset ?? out.external(namespace ? `${namespace}/${name}` : name, file, [...path, 'name']);
        if (from !== target) out.add({ from, to: target, kind: 'lineage', file, path });
        const fromColumn = dataset && input.field !== undefined ? r.column(dataset, input.field) : undefined;
        if (!fromColumn) continue;
        const transformations: EdgeTransformation[] = input.transformations.map((t) => ({ ...t }));
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
      }
    }
  }
  return out.result();
}

// ---- products ---------------------------------------------------------------------------------

function productContribution(facts: FileFacts, product: ProductFact): Contribution {
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
    label: product.name ?? product.id,
    file,
    at: { path: product.idPath, target: 'value' },
    owner: product.owner,
    version: product.version,
    status: product.status,
    description: product.description,
    tags: product.tags,
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

function pipelineContribution(facts: FileFacts, pipeline: PipelineFact): Contribution {
  const file = facts.path;
  const pipelineId = pipeline.id;
  if (pipelineId === undefined)
    return { file, facts, nodes: [], shape: '', resolve: () => ({ edges: [], externals: [] }) };
  const pid = pipelineNodeId(pipelineId);
  const { schedule, owner } = pipeline;
  const nodes: LineageNode[] = [
    {
      id: pid,
      kind: 'pipeline',
      label: pipeline.name ?? pipelineId,
      file,
      at: { path: pipeline.idPath, target: 'value' },
      owner,
      version: pipeline.version,
      description: pipeline.description,
      tags: pipeline.tags,
      schedule,
    },
  ];
  const seen = new Set<string>();
  for (const step of pipeline.steps) {
    const jid = jobNodeId(pipelineId, step.id);
    if (seen.has(jid)) continue; // a repeated step id: the first one is the job
    seen.add(jid);
    nodes.push({
      id: jid,
      kind: 'job',
      label: step.name ?? step.id,
      parent: pid,
      file,
      at: step.hasId ? { path: [...step.path, 'id'], target: 'value' } : { path: step.path, target: 'mapping' },
      owner,
      version: pipeline.version,
      description: step.description,
      schedule,
      runtime: step.runtime,
    });
  }
  return { file, facts, nodes, shape: '', resolve: (r) => pipelineEdges(file, pipelineId, pipeline, r) };
}

function pipelineEdges(file: string, pipelineId: string, pipeline: PipelineFact, r: Resolver): ResolvedEdges {
  const out = new EdgeSet();
  // The steps as the workspace's one graph of datasets and steps resolved them (../dataflow.ts).
  const datasetOrContract = ({ ref, resolution }: FlowEnd): { id: string; object?: string } | undefined => {
    if (resolution.status === 'resolved') {
      const id = datasetNodeId(resolution.contract.id!, resolution.object.name);
      return r.has(id) ? { id, object: resolution.object.name } : undefined;
    }
    // An ambiguous or unknown schema object: the edge goes to the contract as a whole (when it exists).
    if (!ref.contract || ref.schema !== undefined) return undefined;
    const id = contractNodeId(ref.contract.value);
    return r.has(id) ? { id, object: undefined } : undefined;
  };
  const seen = new Set<string>();
  for (const { step, inputs: ins, outputs: outs } of r.index.dataflow().stepsOf(pipeline)) {
    const job = jobNodeId(pipelineId, step.id);
    if (seen.has(job)) continue;
    seen.add(job);
    const inputs = ins.map((end) => {
      const input = end.ref;
      const ds = datasetOrContract(end);
      const alias = input.as ?? input.schema?.value ?? ds?.object;
      if (ds) out.add({ from: ds.id, to: job, kind: 'input', file, path: input.path });
      return { alias, dataset: ds?.object !== undefined ? ds.id : undefined };
    });
    for (const end of outs) {
      const output = end.ref;
      const ds = datasetOrContract(end);
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
