// The workspace index: what every file declares and references, kept up to date file by file.
//
// A file's facts are its contract model (./model: read once per parse, never the AST), and every
// fact carries the DATA PATH of the value it came from, so rules can point at it and `rangeOf` can
// locate it later. Updating one file takes that file's model only; the maps from ids to declaring
// files and from contracts to the files that refer to them are adjusted in place. The global
// computations (the graph of datasets and steps, dataflow.ts, and the cycles and conflicting
// writers found on it) are cached and dropped whenever a contract or a pipeline changes.
//
// Pure engine code: no I/O. The caller hands in parsed documents (see service.ts).
import type { Range } from 'vscode-languageserver-types';
import { buildDataflow, type Dataflow } from './dataflow';
import type { ParsedDocument } from './document';
import {
  detachModel,
  documentModel,
  hasNoValue,
  type ContractFact,
  type DataPath,
  type FileFacts,
  type ProductFact,
  type PipelineFact,
  type PropertyFact,
  type SchemaObjectFact,
} from './model';
import { rangeOf, type RawFinding } from './locate';
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

export type {
  ColumnMappingFact,
  ContractFact,
  DataPath,
  DatasetRefFact,
  FileFacts,
  PipelineFact,
  PortFact,
  ProductFact,
  PropertyFact,
  ReferenceFact,
  RelationshipFact,
  SchemaObjectFact,
  StepFact,
  StepOutputFact,
} from './model';

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
  /** The parsed document the facts were read from; dropped by `release` (closed files of a large workspace). */
  doc?: ParsedDocument;
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
  private flow: Dataflow | undefined;
  /** The files whose facts are a pipeline's (what `affected` adds when a contract or pipeline changes). */
  private readonly pipelineFiles = new Set<string>();
  private changes = 0;

  /**
   * @param documentOf the current parsed document of a file, for the files whose document the index
   *   no longer keeps (`release`): their text is read again when a position in them is needed.
   */
  constructor(private readonly documentOf?: (path: string) => ParsedDocument | undefined) {}

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
    if (old && hasNoValue(doc) && !doc.multiDocument && doc.kind === old.facts.kind) return [doc.path];
    const facts = documentModel(doc);
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

  /**
   * Keeps only a file's facts: its parsed document (text, value, lines) is let go, and what needs it
   * again (a position for a related location, a property tree to compare) gets it from `documentOf`.
   * For the closed files of a large workspace, which the cross-file rules read only as facts.
   */
  release(path: string): void {
    const record = this.records.get(path);
    if (!record?.doc || !this.documentOf) return;
    record.doc = undefined;
    const documentOf = this.documentOf;
    detachModel(record.facts, () => {
      const doc = documentOf(path);
      return doc ? documentModel(doc) : undefined;
    });
  }

  /** Whether the index keeps a file's parsed document (see `release`). */
  keepsDocument(path: string): boolean {
    return this.records.get(path)?.doc !== undefined;
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
    const doc = record && (record.doc ?? this.documentOf?.(file));
    return doc ? rangeOf(doc, { path, target }) : undefined;
  }

  /**
   * The graph of datasets and pipeline steps (dataflow.ts): what the `ref/` cycle and writer rules
   * and the lineage graph's pipeline edges are read from. Kept until a contract or pipeline changes.
   */
  dataflow(): Dataflow {
    this.flow ??= buildDataflow(this);
    return this.flow;
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
    if (before?.pipeline || after?.pipeline || datasetsOf(before) !== datasetsOf(after)) {
      this.graphCache = undefined;
      this.flow = undefined;
    }
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
