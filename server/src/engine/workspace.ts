// The workspace index: what every file declares and references, kept up to date file by file.
//
// Facts are extracted from a document's value (the js-yaml value, never the AST) and every fact
// carries the DATA PATH of the value it came from, so rules can point at it and `rangeOf` can
// locate it later. Updating one file re-extracts that file only; the maps from ids to declaring
// files and from contracts to the files that refer to them are adjusted in place. The one global
// computation (the dataset → step → dataset graph: cycles and conflicting writers) is cached and
// dropped whenever a contract or a pipeline changes.
//
// Pure engine code: no I/O. The caller hands in parsed documents (see service.ts).
import type { Range } from 'vscode-languageserver-types';
import type { ParsedDocument } from './document';
import { isRecord } from './kinds';
import { rangeOf, type PathSegment, type RawFinding } from './locate';
import type { FileKind } from './types';
import {
  dirName,
  fileFindings,
  graphFindings,
  isUrl,
  joinPath,
  normalizePath,
  parseRelationshipRef,
  resolveQualified,
} from './workspaceRules';

export {
  dirName,
  isUrl,
  joinPath,
  normalizePath,
  parseRelationshipRef,
  resolveQualified,
  type RelationshipRef,
} from './workspaceRules';

/** A data path into one file. */
export type DataPath = readonly PathSegment[];

/** A string found in a file, with the data path of that string. */
export interface ReferenceFact {
  value: string;
  path: DataPath;
}

/** A property (column, field) of a schema object, nested ones included. */
export interface PropertyFact {
  /**
   * Dotted path from the schema object: `customer_id`, `address.city`. The `items` of an array
   * are transparent: the properties of `lines: { items: { properties: [sku] } }` are `lines.sku`.
   */
  name: string;
  /** The property's own name, the last segment of `name`. */
  leaf: string;
  /** The dotted name of the enclosing property; undefined at the top level. */
  parent?: string;
  /** ODCS `id` of the property (used by fully qualified references). */
  id?: string;
  /** ODCS `logicalType`, DCS `type`. */
  logicalType?: string;
  /** ODCS `physicalName` (an SLA `element` may name a column by it). */
  physicalName?: string;
  /** Data path of the property's mapping (`['schema', 0, 'properties', 2]`). */
  path: DataPath;
}

/** A schema object (ODCS) or model (DCS): a table, topic or file. */
export interface SchemaObjectFact {
  name: string;
  /** ODCS `id` of the schema object (used by fully qualified references). */
  id?: string;
  /** ODCS `physicalName` (an SLA `element` may name a table by it). */
  physicalName?: string;
  /** Data path of the schema object's mapping. */
  path: DataPath;
  /** Every property in document order, parents before their children. */
  properties: readonly PropertyFact[];
  /** The same properties by dotted name. */
  byName: ReadonlyMap<string, PropertyFact>;
}

/**
 * An ODCS relationship (foreign key). `from`/`to` are shorthand (`table.column`) or fully
 * qualified (`[file.yaml#]/schema/<id>/properties/<id>`) references, one per column.
 */
export interface RelationshipFact {
  level: 'schema' | 'property';
  /** The schema object the relationship is declared in. */
  schemaObject: string;
  /** For a property-level relationship, the (dotted) property it belongs to: its implicit `from`. */
  property?: string;
  /** Data path of the relationship's mapping. */
  path: DataPath;
  from: readonly ReferenceFact[];
  to: readonly ReferenceFact[];
}

export interface ContractFact {
  file: string;
  format: 'odcs' | 'dcs';
  /** The contract's `id`; undefined when the file declares none (or not as text). */
  id?: string;
  idPath: DataPath;
  version?: string;
  status?: string;
  schemaObjects: readonly SchemaObjectFact[];
  relationships: readonly RelationshipFact[];
  /** ODCS SLA `element`s and `slaDefaultElement`, as written (several may be comma-separated). */
  slaElements: readonly ReferenceFact[];
  /** DCS `$ref`s inside the file (`#/definitions/order_id`) that name nothing in it. */
  danglingRefs: readonly ReferenceFact[];
  /** DCS `definitions` names, for "did you mean". */
  definitions: readonly string[];
}

/** An ODPS input or output port. */
export interface PortFact {
  direction: 'input' | 'output';
  name?: string;
  version?: string;
  /** The port's `contractId`. */
  contractId?: ReferenceFact;
  /** An output port's `inputContracts[].id`: the contracts it is derived from. */
  inputContracts: readonly ReferenceFact[];
  path: DataPath;
}

export interface ProductFact {
  file: string;
  id?: string;
  idPath: DataPath;
  ports: readonly PortFact[];
}

/** A pipeline step's input or output: a schema object of a contract. */
export interface DatasetRefFact {
  contract?: ReferenceFact;
  schema?: ReferenceFact;
  /** The input's `as`, as written. */
  as?: string;
  /** Data path of the input's/output's mapping. */
  path: DataPath;
}

/** One entry of an output's `columns`: the output column and where it comes from. */
export interface ColumnMappingFact {
  column: string;
  /** Data path of the entry (`[..., 'columns', column]`): its key is the output column. */
  path: DataPath;
  /** `alias.column` sources, each with the path of its string (the value, or a list item). */
  sources: readonly ReferenceFact[];
}

export interface StepOutputFact extends DatasetRefFact {
  deadLetter: boolean;
  columns: readonly ColumnMappingFact[];
}

export interface StepFact {
  /** The step's `id`; `#<n>` (1-based) when it has none. */
  id: string;
  index: number;
  path: DataPath;
  inputs: readonly DatasetRefFact[];
  outputs: readonly StepOutputFact[];
}

export interface PipelineFact {
  file: string;
  id?: string;
  idPath: DataPath;
  steps: readonly StepFact[];
}

/** What one file declares and references. At most one of contract/product/pipeline is set. */
export interface FileFacts {
  path: string;
  kind: FileKind;
  contract?: ContractFact;
  product?: ProductFact;
  pipeline?: PipelineFact;
}

/** How a pipeline input/output's `contract` + `schema` resolve against the workspace. */
export type DatasetResolution =
  | {
      status: 'resolved';
      contract: ContractFact;
      object: SchemaObjectFact;
      /** `schema` was omitted */ implicit: boolean;
    }
  | { status: 'no-contract' }
  | { status: 'unknown-contract'; contractId: string }
  | { status: 'unknown-schema-object'; contract: ContractFact; name: string }
  | { status: 'ambiguous'; contract: ContractFact }
  | { status: 'no-schema-objects'; contract: ContractFact };

/**
 * One use of a contract by another file: what the breaking-change rules list as impact and what
 * lineage draws. Maps directly onto the report's `impact` entries (`kind`, `id`, `file`, `detail`).
 */
export interface ContractUse {
  kind: 'product' | 'pipeline' | 'contract';
  /**
   * `reads`: a product input port (or an output port's `inputContracts`), a pipeline input;
   * `writes`: a pipeline output; `exposes`: a product output port;
   * `references`: a relationship of another contract pointing into this one.
   */
  role: 'reads' | 'writes' | 'exposes' | 'references';
  file: string;
  /** The id of the product, pipeline or contract that uses the contract (when it declares one). */
  id?: string;
  /** The schema object used, when the use names or implies one (product ports use the whole contract). */
  schemaObject?: string;
  /** The property used (relationship targets). */
  property?: string;
  step?: string;
  port?: string;
  /** For a person: "input port `payments`", "step `enrich` reads `orders`". */
  detail: string;
  /** Data path of the reference in `file`. */
  path: DataPath;
}

/** The kinds of declaration whose ids must be unique among their own kind. */
export type DeclKind = 'contract' | 'product' | 'pipeline';

interface FileRecord {
  doc: ParsedDocument;
  facts: FileFacts;
}

/** Cached result of the global computation, per file. */
export type GraphFindings = ReadonlyMap<string, readonly RawFinding[]>;

export class WorkspaceIndex {
  private readonly records = new Map<string, FileRecord>();
  /** id → files declaring it, per kind of declaration. */
  private readonly declared: Record<DeclKind, Map<string, Set<string>>> = {
    contract: new Map(),
    product: new Map(),
    pipeline: new Map(),
  };
  /** contract id → files whose ports or pipeline steps refer to it. */
  private readonly referrers = new Map<string, Set<string>>();
  /** normalized file path → files whose fully qualified relationships point into it. */
  private readonly fileReferrers = new Map<string, Set<string>>();
  /** normalized path → path as the caller knows it. */
  private readonly byNormalizedPath = new Map<string, string>();
  private graphCache: GraphFindings | undefined;
  /** The files whose facts are a pipeline's (what `affected` adds when a contract or pipeline changes). */
  private readonly pipelineFiles = new Set<string>();
  private changes = 0;

  /** Increases on every `update` and `remove` that reached the index (a cheap "did anything change since"). */
  get revision(): number {
    return this.changes;
  }

  /**
   * Adds or replaces one file's facts. Other files are not re-read.
   * A file that momentarily cannot be read (a YAML syntax error while typing) keeps its last good
   * facts, so that every file referring to it does not flicker to "unknown contract"; the file
   * itself reports the syntax error.
   *
   * Returns the files whose `ref/` findings may have changed (this one included, sorted): an
   * editor re-publishes their diagnostics.
   */
  update(doc: ParsedDocument): string[] {
    const old = this.records.get(doc.path);
    if (old && doc.value === undefined && !doc.multiDocument && doc.kind === old.facts.kind) return [doc.path];
    const facts = extractFacts(doc);
    this.changes++;
    if (old) this.unlink(old.facts);
    if (facts) {
      this.records.set(doc.path, { doc, facts });
      if (facts.pipeline) this.pipelineFiles.add(doc.path);
      else this.pipelineFiles.delete(doc.path);
      this.byNormalizedPath.set(normalizePath(doc.path), doc.path);
      this.link(facts);
    } else if (old) {
      this.records.delete(doc.path);
      this.pipelineFiles.delete(doc.path);
      this.byNormalizedPath.delete(normalizePath(doc.path));
    }
    this.invalidate(old?.facts, facts);
    return this.affected(doc.path, old?.facts, facts);
  }

  /**
   * Forgets a file. References to what it declared become unknown.
   * Returns the files whose `ref/` findings may have changed, as `update` does.
   */
  remove(path: string): string[] {
    const old = this.records.get(path);
    if (!old) return [];
    this.changes++;
    this.unlink(old.facts);
    this.records.delete(path);
    this.pipelineFiles.delete(path);
    this.byNormalizedPath.delete(normalizePath(path));
    this.invalidate(old.facts);
    return this.affected(path, old.facts);
  }

  /** The facts of one file, or undefined when the index holds none (unknown kind, unreadable, removed). */
  facts(path: string): FileFacts | undefined {
    return this.records.get(path)?.facts;
  }

  /** Every indexed file's facts, sorted by path (deterministic whatever the order of updates). */
  allFacts(): FileFacts[] {
    return [...this.records.keys()].sort().map((p) => this.records.get(p)!.facts);
  }

  /** The file indexed under a path that, normalized (`./`, `..`, backslashes), equals `path`. */
  fileAt(path: string): string | undefined {
    return this.byNormalizedPath.get(normalizePath(path));
  }

  // ---- contracts ----------------------------------------------------------------------------

  /** The contract with this id; when several files declare it, the first by path. */
  contract(id: string): ContractFact | undefined {
    return this.contractsWithId(id)[0];
  }

  /** Every contract declaring this id, sorted by file path (more than one is `ref/duplicate-id`). */
  contractsWithId(id: string): ContractFact[] {
    return this.declaring('contract', id).map((p) => this.records.get(p)!.facts.contract!);
  }

  /** Every contract id declared in the workspace, sorted. */
  contractIds(): string[] {
    return this.ids('contract');
  }

  /** The schema object `name` of contract `contractId`. */
  schemaObject(contractId: string, name: string): SchemaObjectFact | undefined {
    return this.contract(contractId)?.schemaObjects.find((o) => o.name === name);
  }

  /** Dotted names of every property of a schema object, nested ones included (`address.city`). */
  propertyNames(contractId: string, schemaObject: string): string[] {
    return this.schemaObject(contractId, schemaObject)?.properties.map((p) => p.name) ?? [];
  }

  /** One property of a schema object by dotted name. */
  property(contractId: string, schemaObject: string, name: string): PropertyFact | undefined {
    return this.schemaObject(contractId, schemaObject)?.byName.get(name);
  }

  /**
   * Resolves a pipeline input/output: `schema` names the schema object; omitted, the contract's
   * only schema object is meant.
   */
  resolveDataset(ref: { contract?: string; schema?: string }): DatasetResolution {
    if (ref.contract === undefined) return { status: 'no-contract' };
    const contract = this.contract(ref.contract);
    if (!contract) return { status: 'unknown-contract', contractId: ref.contract };
    if (ref.schema !== undefined) {
      const object = contract.schemaObjects.find((o) => o.name === ref.schema);
      return object
        ? { status: 'resolved', contract, object, implicit: false }
        : { status: 'unknown-schema-object', contract, name: ref.schema };
    }
    if (contract.schemaObjects.length === 1)
      return { status: 'resolved', contract, object: contract.schemaObjects[0], implicit: true };
    return contract.schemaObjects.length
      ? { status: 'ambiguous', contract }
      : { status: 'no-schema-objects', contract };
  }

  /** Every use of a contract by the other files: ports, pipeline inputs and outputs, relationships. */
  usesOf(contractId: string): ContractUse[] {
    const uses: ContractUse[] = [];
    for (const file of sorted(this.referrers.get(contractId))) {
      const facts = this.records.get(file)!.facts;
      if (facts.product) uses.push(...productUses(facts.product, contractId));
      if (facts.pipeline) uses.push(...this.pipelineUses(facts.pipeline, contractId));
    }
    for (const contract of this.contractsWithId(contractId)) {
      for (const file of sorted(this.fileReferrers.get(normalizePath(contract.file)))) {
        const referrer = this.records.get(file)?.facts.contract;
        if (!referrer || referrer.file === contract.file) continue; // a contract's own relationships are not uses
        uses.push(...relationshipUses(referrer, contract, this));
      }
    }
    return uses;
  }

  /**
   * Who depends on the contract's data: product input ports (and output ports' `inputContracts`),
   * pipeline inputs, relationships of other contracts. With `schemaObject`, only the uses of that
   * schema object, plus uses of the whole contract (product ports).
   */
  consumersOf(contractId: string, schemaObject?: string): ContractUse[] {
    return this.usesOf(contractId).filter(
      (u) =>
        (u.role === 'reads' || u.role === 'references') &&
        (schemaObject === undefined || u.schemaObject === undefined || u.schemaObject === schemaObject),
    );
  }

  /** Who produces or publishes the contract's data: pipeline outputs, product output ports. */
  producersOf(contractId: string, schemaObject?: string): ContractUse[] {
    return this.usesOf(contractId).filter(
      (u) =>
        (u.role === 'writes' || u.role === 'exposes') &&
        (schemaObject === undefined || u.schemaObject === undefined || u.schemaObject === schemaObject),
    );
  }

  // ---- products and pipelines ---------------------------------------------------------------

  /** The data product with this id (first by path when duplicated). */
  product(id: string): ProductFact | undefined {
    return this.declaring('product', id).map((p) => this.records.get(p)!.facts.product!)[0];
  }

  /** The pipeline with this id (first by path when duplicated). */
  pipeline(id: string): PipelineFact | undefined {
    return this.declaring('pipeline', id).map((p) => this.records.get(p)!.facts.pipeline!)[0];
  }

  /** Files declaring `id` as a contract, product or pipeline, sorted by path. */
  declaring(kind: DeclKind, id: string): string[] {
    return sorted(this.declared[kind].get(id));
  }

  /** Every id declared for a kind, sorted. */
  ids(kind: DeclKind): string[] {
    return [...this.declared[kind].keys()].sort();
  }

  // ---- findings -----------------------------------------------------------------------------

  /** The `ref/` findings that belong to one file, placed by data path. */
  findingsFor(path: string): RawFinding[] {
    const record = this.records.get(path);
    if (!record) return [];
    const found = fileFindings(this, record.facts);
    if (record.facts.pipeline) found.push(...(this.graph().get(path) ?? []));
    return found;
  }

  /** The range of a data path in an indexed file (for related locations); builds that file's AST. */
  locate(file: string, path: DataPath, target: 'key' | 'value' | 'mapping' = 'value'): Range | undefined {
    const record = this.records.get(file);
    return record ? rangeOf(record.doc, { path, target }) : undefined;
  }

  private graph(): GraphFindings {
    if (!this.graphCache) this.graphCache = graphFindings(this);
    return this.graphCache;
  }

  private pipelineUses(pipeline: PipelineFact, contractId: string): ContractUse[] {
    const uses: ContractUse[] = [];
    for (const step of pipeline.steps) {
      for (const [role, refs] of [
        ['reads', step.inputs],
        ['writes', step.outputs],
      ] as const) {
        for (const ref of refs) {
          if (ref.contract?.value !== contractId) continue;
          const resolution = this.resolveDataset({ contract: contractId, schema: ref.schema?.value });
          const schemaObject = resolution.status === 'resolved' ? resolution.object.name : ref.schema?.value;
          uses.push({
            kind: 'pipeline',
            role,
            file: pipeline.file,
            id: pipeline.id,
            step: step.id,
            schemaObject,
            detail: `step \`${step.id}\` ${role === 'reads' ? 'reads' : 'writes'} ${schemaObject ? `\`${schemaObject}\`` : 'it'}`,
            path: ref.contract.path,
          });
        }
      }
    }
    return uses;
  }

  private link(facts: FileFacts): void {
    this.forEachLink(facts, (map, key) => {
      let set = map.get(key);
      if (!set) map.set(key, (set = new Set()));
      set.add(facts.path);
    });
  }

  private unlink(facts: FileFacts): void {
    this.forEachLink(facts, (map, key) => {
      const set = map.get(key);
      if (!set) return;
      set.delete(facts.path);
      if (!set.size) map.delete(key);
    });
  }

  private forEachLink(facts: FileFacts, each: (map: Map<string, Set<string>>, key: string) => void): void {
    const { contract, product, pipeline } = facts;
    if (contract?.id !== undefined) each(this.declared.contract, contract.id);
    if (product?.id !== undefined) each(this.declared.product, product.id);
    if (pipeline?.id !== undefined) each(this.declared.pipeline, pipeline.id);
    for (const id of referencedContracts(facts)) each(this.referrers, id);
    for (const target of referencedFiles(facts)) each(this.fileReferrers, target);
  }

  /** The file itself, files sharing its ids, files referring to what it declares; every pipeline when the graph changed. */
  private affected(path: string, ...changed: (FileFacts | undefined)[]): string[] {
    const out = new Set<string>([path]);
    const addAll = (files: Iterable<string> | undefined) => {
      for (const f of files ?? []) out.add(f);
    };
    for (const facts of changed) {
      if (!facts) continue;
      if (facts.contract?.id !== undefined) {
        addAll(this.declared.contract.get(facts.contract.id));
        addAll(this.referrers.get(facts.contract.id));
      }
      if (facts.product?.id !== undefined) addAll(this.declared.product.get(facts.product.id));
      if (facts.pipeline?.id !== undefined) addAll(this.declared.pipeline.get(facts.pipeline.id));
    }
    addAll(this.fileReferrers.get(normalizePath(path)));
    if (changed.some((f) => f?.contract || f?.pipeline)) {
      for (const file of this.pipelineFiles) out.add(file);
    }
    return [...out].sort();
  }

  /**
   * Drops the graph cache when what it is built from changed: any pipeline, or what a pipeline's
   * dataset resolves against (a contract's id and schema object names). Editing a contract's types,
   * descriptions or SLAs keeps it: rebuilding it for 500 pipelines on every keystroke in a contract
   * was the largest `ref/` cost of an edit in a large workspace.
   */
  private invalidate(before: FileFacts | undefined, after?: FileFacts): void {
    if (before?.pipeline || after?.pipeline || datasetsOf(before) !== datasetsOf(after)) this.graphCache = undefined;
  }
}

/** What pipeline datasets resolve against in a file: its contract's id and schema object names. */
function datasetsOf(facts: FileFacts | undefined): string {
  const contract = facts?.contract;
  return contract ? `${contract.id}\u0000${contract.schemaObjects.map((o) => o.name).join('\u0001')}` : '';
}

// ---- uses ---------------------------------------------------------------------------------------

function productUses(product: ProductFact, contractId: string): ContractUse[] {
  const uses: ContractUse[] = [];
  for (const port of product.ports) {
    const portName = port.name ?? '(unnamed)';
    if (port.contractId?.value === contractId) {
      uses.push({
        kind: 'product',
        role: port.direction === 'input' ? 'reads' : 'exposes',
        file: product.file,
        id: product.id,
        port: port.name,
        detail: `${port.direction} port \`${portName}\``,
        path: port.contractId.path,
      });
    }
    for (const ref of port.inputContracts) {
      if (ref.value !== contractId) continue;
      uses.push({
        kind: 'product',
        role: 'reads',
        file: product.file,
        id: product.id,
        port: port.name,
        detail: `output port \`${portName}\` is derived from it`,
        path: ref.path,
      });
    }
  }
  return uses;
}

function relationshipUses(referrer: ContractFact, target: ContractFact, index: WorkspaceIndex): ContractUse[] {
  const uses: ContractUse[] = [];
  for (const rel of referrer.relationships) {
    for (const ref of rel.to) {
      const parsed = parseRelationshipRef(ref.value);
      if (parsed?.form !== 'qualified' || parsed.file === undefined) continue;
      if (index.fileAt(joinPath(dirName(referrer.file), parsed.file)) !== target.file) continue;
      const resolved = resolveQualified(target, parsed.segments);
      uses.push({
        kind: 'contract',
        role: 'references',
        file: referrer.file,
        id: referrer.id,
        schemaObject: resolved.object?.name,
        property: resolved.property?.name,
        detail: `relationship of \`${rel.property ? `${rel.schemaObject}.${rel.property}` : rel.schemaObject}\``,
        path: ref.path,
      });
    }
  }
  return uses;
}

/** Contract ids a file refers to (ports, pipeline inputs and outputs). */
function referencedContracts(facts: FileFacts): Set<string> {
  const ids = new Set<string>();
  for (const port of facts.product?.ports ?? []) {
    if (port.contractId) ids.add(port.contractId.value);
    for (const ref of port.inputContracts) ids.add(ref.value);
  }
  for (const step of facts.pipeline?.steps ?? []) {
    for (const ref of [...step.inputs, ...step.outputs]) if (ref.contract) ids.add(ref.contract.value);
  }
  return ids;
}

/** Normalized paths of the files a contract's fully qualified relationships point into. */
function referencedFiles(facts: FileFacts): Set<string> {
  const files = new Set<string>();
  for (const rel of facts.contract?.relationships ?? []) {
    for (const ref of [...rel.from, ...rel.to]) {
      const parsed = parseRelationshipRef(ref.value);
      if (parsed?.form === 'qualified' && parsed.file !== undefined && !isUrl(parsed.file)) {
        files.add(normalizePath(joinPath(dirName(facts.path), parsed.file)));
      }
    }
  }
  return files;
}

function sorted(set: Set<string> | undefined): string[] {
  return set ? [...set].sort() : [];
}

// ---- extraction ---------------------------------------------------------------------------------

/** The facts of one parsed document; undefined for files the index does not track. */
export function extractFacts(doc: ParsedDocument): FileFacts | undefined {
  const { kind, value } = doc;
  if (!kind || kind === 'config' || doc.multiDocument || !isRecord(value)) return undefined;
  const facts: FileFacts = { path: doc.path, kind };
  if (kind === 'odcs') facts.contract = odcsContract(doc.path, value);
  else if (kind === 'dcs') facts.contract = dcsContract(doc.path, value);
  else if (kind === 'odps') facts.product = odpsProduct(doc.path, value);
  else if (kind === 'pipeline') facts.pipeline = pipelineFacts(doc.path, value);
  return facts;
}

/** A scalar as text: ids written as numbers (`id: 42`) still match `contract: 42`. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function ref(value: unknown, path: DataPath): ReferenceFact | undefined {
  const t = text(value);
  return t === undefined ? undefined : { value: t, path };
}

/** A string, or each string of a list, with its path. */
function refs(value: unknown, path: DataPath): ReferenceFact[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => ref(item, [...path, i]) ?? []);
  const one = ref(value, path);
  return one ? [one] : [];
}

function records(value: unknown): [Record<string, unknown>, number][] {
  return Array.isArray(value)
    ? value.flatMap((item, i) => (isRecord(item) ? [[item, i] as [Record<string, unknown>, number]] : []))
    : [];
}

function schemaObject(
  name: string,
  id: string | undefined,
  path: DataPath,
  properties: PropertyFact[],
  physicalName?: string,
): SchemaObjectFact {
  const byName = new Map<string, PropertyFact>();
  for (const p of properties) if (!byName.has(p.name)) byName.set(p.name, p);
  return { name, id, path, properties, byName, ...(physicalName !== undefined ? { physicalName } : {}) };
}

function odcsContract(file: string, value: Record<string, unknown>): ContractFact {
  const schemaObjects: SchemaObjectFact[] = [];
  const relationships: RelationshipFact[] = [];
  for (const [object, i] of records(value.schema)) {
    const name = text(object.name);
    if (name === undefined) continue;
    const path = ['schema', i];
    const properties: PropertyFact[] = [];
    odcsProperties(object.properties, [...path, 'properties'], undefined, name, properties, relationships);
    for (const [rel, k] of records(object.relationships)) {
      const relPath = [...path, 'relationships', k];
      relationships.push({
        level: 'schema',
        schemaObject: name,
        path: relPath,
        from: refs(rel.from, [...relPath, 'from']),
        to: refs(rel.to, [...relPath, 'to']),
      });
    }
    schemaObjects.push(schemaObject(name, text(object.id), path, properties, text(object.physicalName)));
  }
  const slaElements = [
    ...refs(value.slaDefaultElement, ['slaDefaultElement']),
    ...records(value.slaProperties).flatMap(([sla, i]) => refs(sla.element, ['slaProperties', i, 'element'])),
  ];
  return {
    file,
    format: 'odcs',
    id: text(value.id),
    idPath: ['id'],
    version: text(value.version),
    status: text(value.status),
    schemaObjects,
    relationships,
    slaElements,
    danglingRefs: [],
    definitions: [],
  };
}

function odcsProperties(
  list: unknown,
  listPath: DataPath,
  parent: string | undefined,
  objectName: string,
  out: PropertyFact[],
  relationships: RelationshipFact[],
): void {
  for (const [prop, i] of records(list)) {
    const leaf = text(prop.name);
    if (leaf === undefined) continue;
    const path = [...listPath, i];
    const name = parent === undefined ? leaf : `${parent}.${leaf}`;
    const physicalName = text(prop.physicalName);
    out.push({
      name,
      leaf,
      parent,
      id: text(prop.id),
      logicalType: text(prop.logicalType),
      path,
      ...(physicalName !== undefined ? { physicalName } : {}),
    });
    for (const [rel, k] of records(prop.relationships)) {
      const relPath = [...path, 'relationships', k];
      relationships.push({
        level: 'property',
        schemaObject: objectName,
        property: name,
        path: relPath,
        from: refs(rel.from, [...relPath, 'from']),
        to: refs(rel.to, [...relPath, 'to']),
      });
    }
    odcsProperties(prop.properties, [...path, 'properties'], name, objectName, out, relationships);
    // Arrays: the items' properties (through any depth of arrays of arrays) belong to this property.
    let items = prop.items;
    let itemsPath: DataPath = [...path, 'items'];
    while (isRecord(items)) {
      odcsProperties(items.properties, [...itemsPath, 'properties'], name, objectName, out, relationships);
      items = items.items;
      itemsPath = [...itemsPath, 'items'];
    }
  }
}

function dcsContract(file: string, value: Record<string, unknown>): ContractFact {
  const schemaObjects: SchemaObjectFact[] = [];
  if (isRecord(value.models)) {
    for (const [name, model] of Object.entries(value.models)) {
      const path = ['models', name];
      const properties: PropertyFact[] = [];
      if (isRecord(model)) dcsFields(model.fields, [...path, 'fields'], undefined, properties);
      schemaObjects.push(schemaObject(name, undefined, path, properties));
    }
  }
  const info = isRecord(value.info) ? value.info : {};
  return {
    file,
    format: 'dcs',
    id: text(value.id),
    idPath: ['id'],
    version: text(info.version),
    status: text(info.status),
    schemaObjects,
    relationships: [],
    slaElements: [],
    danglingRefs: localRefs(value, value, []).filter((r) => !resolvesIn(value, r.value)),
    definitions: isRecord(value.definitions) ? Object.keys(value.definitions) : [],
  };
}

/** Every `$ref` string that points into this file (`#/...`), with its path. External ones are not ours to check. */
function localRefs(root: unknown, node: unknown, path: DataPath, out: ReferenceFact[] = []): ReferenceFact[] {
  if (Array.isArray(node)) node.forEach((item, i) => localRefs(root, item, [...path, i], out));
  else if (isRecord(node)) {
    for (const [key, item] of Object.entries(node)) {
      if (key === '$ref' && typeof item === 'string' && item.startsWith('#/'))
        out.push({ value: item, path: [...path, key] });
      else localRefs(root, item, [...path, key], out);
    }
  }
  return out;
}

/** Whether a JSON pointer (`#/definitions/order_id`, `~0`/`~1` escapes) names a value of `root`. */
function resolvesIn(root: unknown, ref: string): boolean {
  let node = root;
  for (const raw of ref.slice(2).split('/')) {
    let part: string;
    try {
      part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    } catch {
      return false;
    }
    if (Array.isArray(node) && /^\d+$/.test(part)) node = node[Number(part)];
    else if (isRecord(node) && Object.hasOwn(node, part)) node = node[part];
    else return false;
  }
  return node !== undefined;
}

function dcsFields(fields: unknown, fieldsPath: DataPath, parent: string | undefined, out: PropertyFact[]): void {
  if (!isRecord(fields)) return;
  for (const [leaf, field] of Object.entries(fields)) {
    const path = [...fieldsPath, leaf];
    const name = parent === undefined ? leaf : `${parent}.${leaf}`;
    out.push({ name, leaf, parent, logicalType: isRecord(field) ? text(field.type) : undefined, path });
    if (!isRecord(field)) continue;
    dcsFields(field.fields, [...path, 'fields'], name, out);
    let items = field.items;
    let itemsPath: DataPath = [...path, 'items'];
    while (isRecord(items)) {
      dcsFields(items.fields, [...itemsPath, 'fields'], name, out);
      items = items.items;
      itemsPath = [...itemsPath, 'items'];
    }
  }
}

function odpsProduct(file: string, value: Record<string, unknown>): ProductFact {
  const ports: PortFact[] = [];
  for (const [key, direction] of [
    ['inputPorts', 'input'],
    ['outputPorts', 'output'],
  ] as const) {
    for (const [port, i] of records(value[key])) {
      const path = [key, i];
      ports.push({
        direction,
        name: text(port.name),
        version: text(port.version),
        path,
        contractId: ref(port.contractId, [...path, 'contractId']),
        inputContracts: records(port.inputContracts).flatMap(
          ([c, k]) => ref(c.id, [...path, 'inputContracts', k, 'id']) ?? [],
        ),
      });
    }
  }
  return { file, id: text(value.id), idPath: ['id'], ports };
}

function pipelineFacts(file: string, value: Record<string, unknown>): PipelineFact {
  const steps: StepFact[] = [];
  for (const [step, i] of records(value.steps)) {
    const path = ['steps', i];
    const datasetRef = (item: Record<string, unknown>, itemPath: DataPath): DatasetRefFact => ({
      contract: ref(item.contract, [...itemPath, 'contract']),
      schema: ref(item.schema, [...itemPath, 'schema']),
      as: text(item.as),
      path: itemPath,
    });
    const inputs = records(step.inputs).map(([input, k]) => datasetRef(input, [...path, 'inputs', k]));
    const outputs = records(step.outputs).map(([output, k]): StepOutputFact => {
      const outPath = [...path, 'outputs', k];
      const columns: ColumnMappingFact[] = isRecord(output.columns)
        ? Object.entries(output.columns).map(([column, sources]) => {
            const colPath = [...outPath, 'columns', column];
            return { column, path: colPath, sources: refs(sources, colPath) };
          })
        : [];
      return { ...datasetRef(output, outPath), deadLetter: output.deadLetter === true, columns };
    });
    steps.push({ id: text(step.id) ?? `#${i + 1}`, index: i, path, inputs, outputs });
  }
  return { file, id: text(value.id), idPath: ['id'], steps };
}
