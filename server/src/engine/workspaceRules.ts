// The cross-file rules (family `ref/`), run over the workspace index. Each finding is placed at
// the data path of the offending value; `rangeOf` (locate.ts) turns it into a range later.
//
// Unknown contracts are always reported, even for ids that look like they belong to some other
// system (UUIDs of contracts that live elsewhere): in a repository of contracts, a product or
// pipeline that references a contract the repository does not hold is the mistake this rule
// exists for. Teams whose products reference external contracts turn the rule off
// (`rules: { ref/unknown-contract: off }`), which the caller applies like any other severity.
// References whose target the index cannot possibly know are skipped instead: relationship
// targets in a file given by URL (`https://.../x.yaml#/schema/...`), and column sources that are
// expressions rather than `alias.column` names.
import type { PathSegment, RawFinding, RelatedLocation } from './locate';
import { shortestCycle, stronglyConnected, type FlowNode, type Writer } from './dataflow';
import { closest } from './similarity';
import type {
  ContractFact,
  DatasetRefFact,
  FileFacts,
  PipelineFact,
  ProductFact,
  PropertyFact,
  ReferenceFact,
  SchemaObjectFact,
  StepFact,
  StepOutputFact,
  WorkspaceIndex,
} from './workspace';

/** The `ref/` findings of one file that need no global computation. */
export function fileFindings(index: WorkspaceIndex, facts: FileFacts): RawFinding[] {
  const out: RawFinding[] = [];
  duplicateId(index, facts, out);
  if (facts.contract) {
    relationshipTargets(index, facts.contract, out);
    relationshipArity(facts.contract, out);
    duplicateSchemaObjects(index, facts.contract, out);
    slaElements(facts.contract, out);
    danglingRefs(facts.contract, out);
  }
  if (facts.product) productReferences(index, facts.product, out);
  if (facts.pipeline) pipelineReferences(index, facts.pipeline, out);
  return out;
}

// ---- ref/duplicate-id ---------------------------------------------------------------------------

const NOUN = { contract: 'Contract', product: 'Data product', pipeline: 'Pipeline' } as const;
const WHY = {
  contract:
    'Contract ids must be unique in the workspace: pipelines, products and breaking-change checks could not tell them apart. Give one of them another id.',
  product: 'Data product ids must be unique in the workspace. Give one of them another id.',
  pipeline:
    'Pipeline ids must be unique in the workspace: lineage names jobs by pipeline id. Give one of them another id.',
} as const;

function duplicateId(index: WorkspaceIndex, facts: FileFacts, out: RawFinding[]): void {
  const [kind, decl] = facts.contract
    ? (['contract', facts.contract] as const)
    : facts.product
      ? (['product', facts.product] as const)
      : facts.pipeline
        ? (['pipeline', facts.pipeline] as const)
        : [undefined, undefined];
  if (!kind || decl.id === undefined) return;
  const id = decl.id;
  const others = index.declaring(kind, id).filter((file) => file !== facts.path);
  if (!others.length) return;
  let hint = '';
  if (kind === 'contract') {
    const versions = new Set(index.contractsWithId(id).map((c) => c.version));
    if (versions.size > 1)
      hint = ' If they are two versions of one contract, keep only the current one: git keeps the history.';
  }
  out.push({
    rule: 'ref/duplicate-id',
    message: `${NOUN[kind]} id \`${id}\` is also declared in ${
      others.length > 3
        ? `${others
            .slice(0, 3)
            .map((o) => `\`${o}\``)
            .join(', ')} and ${others.length - 3} other files`
        : list(others)
    }. ${WHY[kind]}${hint}`,
    at: { path: decl.idPath, target: 'value' },
    related: related(
      index,
      others.map((file) => ({ file, path: ['id'], message: `\`${id}\` is declared here too` })),
    ),
  });
}

// ---- ref/unknown-contract -----------------------------------------------------------------------

/** Reports `ref` when it names no contract of the workspace; true when it does name one. */
function knownContract(index: WorkspaceIndex, ref: ReferenceFact, subject: string, out: RawFinding[]): boolean {
  if (index.contract(ref.value)) return true;
  const suggestion = closest(ref.value, index.contractIds());
  out.push({
    rule: 'ref/unknown-contract',
    message:
      `${subject} contract \`${ref.value}\`, which no file in the workspace declares.` +
      (suggestion ? ` Did you mean \`${suggestion}\`?` : ' Add the contract to the workspace, or correct the id.'),
    at: { path: ref.path, target: 'value' },
    ...(suggestion ? { data: { suggestion } } : {}),
  });
  return false;
}

function productReferences(index: WorkspaceIndex, product: ProductFact, out: RawFinding[]): void {
  for (const port of product.ports) {
    const name = port.name !== undefined ? ` \`${port.name}\`` : '';
    if (port.contractId)
      knownContract(
        index,
        port.contractId,
        `${port.direction === 'input' ? 'Input' : 'Output'} port${name} names`,
        out,
      );
    for (const ref of port.inputContracts) knownContract(index, ref, `Output port${name} lists as input`, out);
  }
}

// ---- pipelines: unknown/ambiguous schema objects, inputs, columns ---------------------------------

interface InputInfo {
  alias: string | undefined;
  input: DatasetRefFact;
  object: SchemaObjectFact | undefined;
}

function pipelineReferences(index: WorkspaceIndex, pipeline: PipelineFact, out: RawFinding[]): void {
  for (const step of pipeline.steps) {
    const inputs: InputInfo[] = step.inputs.map((input) => {
      const object = dataset(index, input, 'input', out);
      const alias = input.as ?? input.schema?.value ?? object?.name;
      return { alias, input, object };
    });
    for (const output of step.outputs) {
      const object = dataset(index, output, 'output', out);
      columnMappings(index, step, output, object, inputs, out);
    }
  }
}

/** Checks an input's or output's contract and schema object; returns the schema object when it resolves. */
function dataset(
  index: WorkspaceIndex,
  ref: DatasetRefFact,
  role: 'input' | 'output',
  out: RawFinding[],
): SchemaObjectFact | undefined {
  if (!ref.contract) return undefined;
  const resolution = index.resolveDataset({ contract: ref.contract.value, schema: ref.schema?.value });
  const Role = role === 'input' ? 'Pipeline input' : 'Pipeline output';
  switch (resolution.status) {
    case 'resolved':
      return resolution.object;
    case 'unknown-contract':
      knownContract(index, ref.contract, `${Role} names`, out);
      return undefined;
    case 'unknown-schema-object': {
      const names = resolution.contract.schemaObjects.map((o) => o.name);
      const suggestion = closest(resolution.name, names);
      const hint = suggestion
        ? ` Did you mean \`${suggestion}\`?`
        : names.length
          ? ` It declares ${list(names, 'or')}.`
          : ' It declares no schema objects.';
      out.push({
        rule: 'ref/unknown-schema-object',
        message: `Contract \`${ref.contract.value}\` has no schema object \`${resolution.name}\`.${hint}`,
        at: { path: ref.schema!.path, target: 'value' },
        ...(suggestion ? { data: { suggestion } } : {}),
      });
      return undefined;
    }
    case 'ambiguous': {
      const names = resolution.contract.schemaObjects.map((o) => o.name);
      out.push({
        rule: 'ref/ambiguous-schema-object',
        message:
          `This ${role} does not say which schema object of contract \`${ref.contract.value}\` it ${role === 'input' ? 'reads' : 'writes'}, ` +
          `and the contract has ${names.length}: ${list(names)}. Add \`schema:\` with one of them.`,
        at: { path: ref.path, target: 'mapping' },
      });
      return undefined;
    }
    default:
      return undefined;
  }
}

/** `alias.column` (or a bare `column`); anything else is an expression Pactline does not read. */
const COLUMN_SOURCE = /^[A-Za-z_][A-Za-z0-9_$-]*(?:\.[A-Za-z_][A-Za-z0-9_$-]*)*$/;

function columnMappings(
  index: WorkspaceIndex,
  step: StepFact,
  output: StepOutputFact,
  object: SchemaObjectFact | undefined,
  inputs: readonly InputInfo[],
  out: RawFinding[],
): void {
  if (!output.columns.length) return;
  const contractId = output.contract?.value;
  // An input whose alias cannot be known (its contract is unknown and it names no schema) could be
  // the one a source means: do not guess, its own finding says what is wrong.
  const aliasesKnown = inputs.every((i) => i.alias !== undefined);
  const aliases = inputs.flatMap((i) => (i.alias !== undefined ? [i.alias] : []));
  for (const mapping of output.columns) {
    if (object && !object.byName.has(mapping.column)) {
      const suggestion = closest(
        mapping.column,
        object.properties.map((p) => p.name),
      );
      out.push({
        rule: 'ref/unknown-column',
        message:
          `Output column \`${mapping.column}\` is not a property of schema object \`${object.name}\` in contract \`${contractId}\`.` +
          (suggestion ? ` Did you mean \`${suggestion}\`?` : ' Add it to the contract, or correct the name.'),
        at: { path: mapping.path, target: 'key' },
        ...(suggestion ? { data: { suggestion } } : {}),
      });
    }
    for (const source of mapping.sources) {
      if (!COLUMN_SOURCE.test(source.value)) continue;
      const dot = source.value.indexOf('.');
      const alias = dot < 0 ? undefined : source.value.slice(0, dot);
      let input = alias === undefined ? undefined : inputs.find((i) => i.alias === alias);
      let column = dot < 0 ? source.value : source.value.slice(dot + 1);
      let prefix = `${alias}.`;
      if (!input && inputs.length === 1 && (alias === undefined || inputs[0].object?.byName.has(source.value))) {
        // One input: a bare column (or a nested `address.city` of it) needs no alias.
        input = inputs[0];
        column = source.value;
        prefix = '';
      }
      if (!input) {
        if (!aliasesKnown) continue;
        out.push(unknownInput(source, alias, column, aliases));
        continue;
      }
      const from = input.object;
      if (from && !from.byName.has(column)) {
        const suggestion = closest(
          column,
          from.properties.map((p) => p.name),
        );
        const what =
          input.alias !== undefined && input.alias !== from.name
            ? `Input \`${input.alias}\` (schema object \`${from.name}\` of contract \`${input.input.contract?.value}\`)`
            : `Input \`${from.name}\` of contract \`${input.input.contract?.value}\``;
        out.push({
          rule: 'ref/unknown-column',
          message: `${what} has no property \`${column}\`.` + (suggestion ? ` Did you mean \`${suggestion}\`?` : ''),
          at: { path: source.path, target: 'value' },
          ...(suggestion ? { data: { suggestion: prefix + suggestion } } : {}),
        });
      }
    }
  }
}

function unknownInput(
  source: ReferenceFact,
  alias: string | undefined,
  column: string,
  aliases: readonly string[],
): RawFinding {
  const reads = aliases.length ? `this step reads ${list(aliases)}` : 'this step declares no inputs';
  if (alias === undefined) {
    return {
      rule: 'ref/unknown-input',
      message: `Column source \`${source.value}\` does not say which input it comes from: write it as \`alias.column\` (${reads}).`,
      at: { path: source.path, target: 'value' },
    };
  }
  const suggestion = closest(alias, aliases);
  return {
    rule: 'ref/unknown-input',
    message:
      `Column source \`${source.value}\` names input \`${alias}\`, but ${aliases.length ? `this step reads no input by that name (its inputs: ${list(aliases)})` : 'this step declares no inputs'}.` +
      (suggestion ? ` Did you mean \`${suggestion}\`?` : ''),
    at: { path: source.path, target: 'value' },
    ...(suggestion ? { data: { suggestion: `${suggestion}.${column}` } } : {}),
  };
}

// ---- ref/relationship-target ----------------------------------------------------------------------

function relationshipTargets(index: WorkspaceIndex, contract: ContractFact, out: RawFinding[]): void {
  for (const rel of contract.relationships) {
    for (const [role, refs] of [
      ['from', rel.from],
      ['to', rel.to],
    ] as const) {
      for (const ref of refs) {
        const problem = relationshipProblem(index, contract, ref.value);
        if (!problem) continue;
        out.push({
          rule: 'ref/relationship-target',
          message:
            `Relationship ${role === 'from' ? 'source' : 'target'} \`${ref.value}\`: ${problem.message}` +
            (problem.suggestion ? ` Did you mean \`${problem.suggestion}\`?` : ''),
          at: { path: ref.path, target: 'value' },
          ...(problem.replacement ? { data: { suggestion: problem.replacement } } : {}),
        });
      }
    }
  }
}

interface Problem {
  message: string;
  suggestion?: string;
  /** The whole reference, corrected. */
  replacement?: string;
}

function relationshipProblem(index: WorkspaceIndex, contract: ContractFact, text: string): Problem | undefined {
  const parsed = parseRelationshipRef(text);
  if (!parsed) return undefined; // not a reference at all: the schema rules report its format
  if (parsed.form === 'shorthand') {
    const object = contract.schemaObjects.find((o) => o.name === parsed.table);
    if (!object) {
      const suggestion = closest(
        parsed.table,
        contract.schemaObjects.map((o) => o.name),
      );
      return {
        message: `this contract has no schema object \`${parsed.table}\`.`,
        suggestion,
        replacement: suggestion && `${suggestion}.${parsed.column}`,
      };
    }
    if (object.byName.has(parsed.column)) return undefined;
    const suggestion = closest(
      parsed.column,
      object.properties.map((p) => p.name),
    );
    return {
      message: `schema object \`${object.name}\` has no property \`${parsed.column}\`.`,
      suggestion,
      replacement: suggestion && `${object.name}.${suggestion}`,
    };
  }
  let target = contract;
  let where = 'this contract';
  if (parsed.file !== undefined) {
    if (isUrl(parsed.file)) return undefined; // outside the workspace: nothing to check against
    const file = index.fileAt(joinPath(dirName(contract.file), parsed.file));
    if (!file) return { message: `no file \`${parsed.file}\` next to this one is in the workspace.` };
    const other = index.facts(file)?.contract;
    if (!other) return { message: `\`${parsed.file}\` is not a data contract.` };
    target = other;
    where = other.id !== undefined ? `contract \`${other.id}\` (\`${parsed.file}\`)` : `\`${parsed.file}\``;
  }
  const resolved = resolveQualified(target, parsed.segments);
  if (!resolved.understood || resolved.failedAt === undefined) return undefined;
  const missing = parsed.segments[resolved.failedAt].id;
  if (resolved.failedAt === 0) {
    const candidates = target.schemaObjects.map((o) => o.id ?? o.name);
    return {
      message: `${where} has no schema object with id \`${missing}\`.`,
      suggestion: closest(missing, candidates),
    };
  }
  const object = resolved.object!;
  const parent = resolved.property;
  const children = object.properties.filter((p) => p.parent === parent?.name);
  return {
    message: `${parent ? `property \`${parent.name}\`` : `schema object \`${object.name}\``} of ${where} has no property with id \`${missing}\`.`,
    suggestion: closest(
      missing,
      children.map((p) => p.id ?? p.leaf),
    ),
  };
}

// ---- one contract's own consistency: ref/relationship-arity, ref/duplicate-schema-object, -------
// ---- ref/unknown-sla-element, ref/unknown-definition -------------------------------------------

/** A composite key maps column to column: as many `to` as `from` (a property-level `from` is the property). */
function relationshipArity(contract: ContractFact, out: RawFinding[]): void {
  for (const rel of contract.relationships) {
    const from = rel.level === 'property' && !rel.from.length ? 1 : rel.from.length;
    const to = rel.to.length;
    if (!from || !to || from === to) continue;
    // A list on one side and a single column on the other is the schema's finding (`schema/type`).
    const isList = (refs: readonly ReferenceFact[]) => typeof refs[0]?.path[refs[0].path.length - 1] === 'number';
    if (rel.from.length && isList(rel.from) !== isList(rel.to)) continue;
    const cols = (n: number) => `${n} column${n === 1 ? '' : 's'}`;
    out.push({
      rule: 'ref/relationship-arity',
      message:
        `This relationship maps ${cols(from)} (\`from\`${rel.level === 'property' && !rel.from.length ? `: the property \`${rel.property}\`` : ''}) to ${cols(to)} (\`to\`): ` +
        'a composite key needs one target column per source column, in the same order.',
      at: { path: [...rel.path, 'to'], target: 'value' },
    });
  }
}

function duplicateSchemaObjects(index: WorkspaceIndex, contract: ContractFact, out: RawFinding[]): void {
  if (contract.format !== 'odcs') return; // DCS models are mapping keys: YAML itself refuses a duplicate
  const first = new Map<string, SchemaObjectFact>();
  for (const object of contract.schemaObjects) {
    const earlier = first.get(object.name);
    if (!earlier) {
      first.set(object.name, object);
      continue;
    }
    out.push({
      rule: 'ref/duplicate-schema-object',
      message:
        `Another schema object of this contract is also named \`${object.name}\`: references by name (\`${object.name}.<column>\`, ` +
        "a pipeline's `schema:`, SLA elements) cannot tell them apart, and only the first is ever found. Rename or merge one of them.",
      at: { path: [...object.path, 'name'], target: 'value' },
      related: related(index, [
        { file: contract.file, path: [...earlier.path, 'name'], message: `\`${object.name}\` is first declared here` },
      ]),
    });
  }
}

/**
 * SLA elements name `table` or `table.column` (several separated by commas), by name or physical
 * name. A contract with no schema objects (an SLA-only document) has nothing to check them against.
 */
function slaElements(contract: ContractFact, out: RawFinding[]): void {
  if (!contract.schemaObjects.length) return;
  for (const ref of contract.slaElements) {
    for (const element of ref.value
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean)) {
      const dot = element.indexOf('.');
      const table = dot < 0 ? element : element.slice(0, dot);
      const column = dot < 0 ? undefined : element.slice(dot + 1);
      const object =
        contract.schemaObjects.find((o) => o.name === table) ??
        contract.schemaObjects.find((o) => o.physicalName === table);
      let problem: string | undefined;
      let suggestion: string | undefined;
      if (!object) {
        suggestion = closest(
          table,
          contract.schemaObjects.map((o) => o.name),
        );
        problem = `this contract has no schema object \`${table}\``;
      } else if (
        column !== undefined &&
        !object.byName.has(column) &&
        !object.properties.some((p) => p.parent === undefined && p.physicalName === column)
      ) {
        suggestion = closest(
          column,
          object.properties.map((p) => p.name),
        );
        problem = `schema object \`${object.name}\` has no property \`${column}\``;
        if (suggestion) suggestion = `${table}.${suggestion}`;
      }
      if (!problem) continue;
      out.push({
        rule: 'ref/unknown-sla-element',
        message:
          `SLA element \`${element}\`: ${problem}, so this service level applies to nothing.` +
          (suggestion ? ` Did you mean \`${suggestion}\`?` : ''),
        at: { path: ref.path, target: 'value' },
        ...(suggestion && element === ref.value ? { data: { suggestion } } : {}),
      });
    }
  }
}

function danglingRefs(contract: ContractFact, out: RawFinding[]): void {
  for (const ref of contract.danglingRefs) {
    const match = /^#\/definitions\/([^/]+)$/.exec(ref.value);
    const suggestion = match ? closest(match[1], contract.definitions) : undefined;
    out.push({
      rule: 'ref/unknown-definition',
      message:
        `\`$ref: ${ref.value}\` points at nothing in this file` +
        (match
          ? contract.definitions.length
            ? `: \`definitions\` has no \`${match[1]}\`.`
            : ': it has no `definitions`.'
          : '.') +
        (suggestion ? ` Did you mean \`#/definitions/${suggestion}\`?` : ''),
      at: { path: ref.path, target: 'value' },
      ...(suggestion ? { data: { suggestion: `#/definitions/${suggestion}` } } : {}),
    });
  }
}

// ---- the dataset → step → dataset graph: ref/pipeline-cycle, ref/conflicting-writers --------------

/** The findings of the global computation, by file. Deterministic whatever the order of updates. */
export function graphFindings(index: WorkspaceIndex): Map<string, RawFinding[]> {
  const found = new Map<string, RawFinding[]>();
  const add = (file: string, finding: RawFinding) => {
    const list = found.get(file);
    if (list) list.push(finding);
    else found.set(file, [finding]);
  };
  // The graph the lineage graph's pipeline edges come from too (dataflow.ts).
  const { nodes, adjacency, writers } = index.dataflow();

  // Cycles: per strongly connected component, per pipeline with a step in it, one finding.
  const component = stronglyConnected(adjacency);
  const members = new Map<number, number[]>();
  component.forEach((c, n) => {
    const group = members.get(c);
    if (group) group.push(n);
    else members.set(c, [n]);
  });
  for (const [c, nodesOfC] of members) {
    if (nodesOfC.length < 2) continue; // the graph is bipartite: a cycle has a dataset and a step at least
    const byPipeline = new Map<PipelineFact, number[]>();
    for (const n of nodesOfC) {
      const info = nodes[n];
      if (info.type !== 'step') continue;
      const steps = byPipeline.get(info.pipeline);
      if (steps) steps.push(n);
      else byPipeline.set(info.pipeline, [n]);
    }
    const multiPipeline = byPipeline.size > 1;
    for (const [pipeline, steps] of byPipeline) {
      const first = steps.reduce((a, b) => (stepOf(nodes[a]).index <= stepOf(nodes[b]).index ? a : b));
      const cycle = shortestCycle(adjacency, component, c, first);
      if (!cycle) continue;
      // The output that closes the cycle: the last output of this pipeline before the cycle
      // returns to its first step; the cycle is spelled from the dataset that output writes.
      let r = -1;
      cycle.forEach((e, i) => {
        if (e.edge.writer?.pipeline === pipeline) r = i;
      });
      const closing = cycle[r].edge.writer!;
      const rotated = [...cycle.slice(r + 1), ...cycle.slice(0, r + 1)];
      const label = (n: number) => {
        const info = nodes[n];
        if (info.type === 'dataset') return info.dataset.label;
        return `step ${multiPipeline ? `${info.pipeline.id ?? info.pipeline.file}/` : ''}${info.step.id}`;
      };
      const chain = [label(cycle[r].edge.to), ...rotated.map((e) => label(e.edge.to))].join(' → ');
      add(pipeline.file, {
        rule: 'ref/pipeline-cycle',
        message:
          `This output closes a cycle: ${chain}. Data written here flows back into a dataset it is derived from. ` +
          'Write to another dataset, or, if the loop is intended, suppress this finding with the reason.',
        at: { path: closing.output.contract!.path, target: 'value' },
      });
    }
  }

  // Conflicting writers.
  for (const { dataset, writers: group } of writers.values()) {
    if (group.length < 2 || group.every((w) => w.output.deadLetter)) continue;
    for (const writer of group) {
      const others = group.filter((w) => w !== writer);
      add(writer.pipeline.file, {
        rule: 'ref/conflicting-writers',
        message:
          `This output writes ${dataset.described}, which ${join(others.map((o) => describeWriter(o, writer)))} also ${others.length > 1 ? 'write' : 'writes'}. ` +
          'Two writers of one dataset overwrite or race each other: make one step the writer' +
          (group.some((w) => w.output.deadLetter)
            ? ', or mark every writer `deadLetter: true` if this is a shared dead-letter destination.'
            : '.'),
        at: { path: writer.output.contract!.path, target: 'value' },
        related: related(
          index,
          others.map((o) => ({
            file: o.pipeline.file,
            path: o.output.contract!.path,
            message: `step \`${o.step.id}\` writes ${dataset.described} here`,
          })),
        ),
      });
    }
  }
  return found;
}

function stepOf(node: FlowNode): StepFact {
  if (node.type !== 'step') throw new Error('not a step');
  return node.step;
}

function describeWriter(other: Writer, self: Writer): string {
  if (other.pipeline === self.pipeline) {
    return other.step === self.step ? 'another output of this step' : `step \`${other.step.id}\` of this pipeline`;
  }
  return `step \`${other.step.id}\` of pipeline \`${other.pipeline.id ?? '?'}\` (\`${other.pipeline.file}\`)`;
}

// ---- helpers --------------------------------------------------------------------------------------

/** `a`, `a` and `b`, `a`, `b` and `c` (each in backticks). */
function list(items: readonly string[], last: 'and' | 'or' = 'and'): string {
  return join(
    items.map((i) => `\`${i}\``),
    last,
  );
}

/** a, a and b, a, b and c. */
function join(items: readonly string[], last: 'and' | 'or' = 'and'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

function related(
  index: WorkspaceIndex,
  places: { file: string; path: readonly PathSegment[]; message: string }[],
): RelatedLocation[] | undefined {
  const out: RelatedLocation[] = [];
  for (const place of places) {
    const range = index.locate(place.file, place.path);
    if (range) out.push({ file: place.file, range, message: place.message });
  }
  return out.length ? out : undefined;
}

// ---- relationship references -------------------------------------------------------------------

const SHORTHAND = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/;
const QUALIFIED =
  /^(?:(.+\.ya?ml)#)?\/?([A-Za-z_][A-Za-z0-9_]*\/[A-Za-z0-9_-]+(?:\/[A-Za-z_][A-Za-z0-9_]*\/[A-Za-z0-9_-]+)*)$/;

export type RelationshipRef =
  /** `table.column` or `table.address.city`: a schema object of the same contract and a property path. */
  | { form: 'shorthand'; table: string; column: string }
  /** `[file.yaml#]/schema/<id>/properties/<id>...`: section/id pairs, by `id` (or `name`) fields. */
  | { form: 'qualified'; file?: string; segments: { section: string; id: string }[] };

/** Reads an ODCS relationship reference; undefined for text of neither form (the schema reports it). */
export function parseRelationshipRef(text: string): RelationshipRef | undefined {
  if (SHORTHAND.test(text)) {
    const dot = text.indexOf('.');
    return { form: 'shorthand', table: text.slice(0, dot), column: text.slice(dot + 1) };
  }
  const match = QUALIFIED.exec(text);
  if (!match) return undefined;
  const parts = match[2].split('/');
  const segments: { section: string; id: string }[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) segments.push({ section: parts[i], id: parts[i + 1] });
  return { form: 'qualified', file: match[1], segments };
}

/**
 * Follows `schema/<id>/properties/<id>/properties/<id>` through a contract. Each id matches the
 * element's `id`, or failing that its `name`. Stops at the first segment it cannot follow.
 */
export function resolveQualified(
  contract: ContractFact,
  segments: readonly { section: string; id: string }[],
): {
  object?: SchemaObjectFact;
  property?: PropertyFact;
  failedAt?: number;
  understood: boolean;
} {
  if (
    !segments.length ||
    segments[0].section !== 'schema' ||
    segments.slice(1).some((s) => s.section !== 'properties')
  ) {
    return { understood: false };
  }
  const objectId = segments[0].id;
  const object =
    contract.schemaObjects.find((o) => o.id === objectId) ?? contract.schemaObjects.find((o) => o.name === objectId);
  if (!object) return { failedAt: 0, understood: true };
  let property: PropertyFact | undefined;
  for (let i = 1; i < segments.length; i++) {
    const parent = property?.name;
    const children = object.properties.filter((p) => p.parent === parent);
    const next = children.find((p) => p.id === segments[i].id) ?? children.find((p) => p.leaf === segments[i].id);
    if (!next) return { object, property, failedAt: i, understood: true };
    property = next;
  }
  return { object, property, understood: true };
}

export function isUrl(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path);
}

/** Forward slashes, no `.` segments, `..` folded where possible. */
export function normalizePath(path: string): string {
  const parts = path.replace(/\\/g, '/').split('/');
  const out: string[] = [];
  for (const [i, part] of parts.entries()) {
    if (part === '.' || (part === '' && i > 0 && i < parts.length - 1)) continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..' && out[out.length - 1] !== '') {
      out.pop();
      continue;
    }
    out.push(part);
  }
  return out.join('/');
}

export function dirName(path: string): string {
  const p = path.replace(/\\/g, '/');
  const slash = p.lastIndexOf('/');
  return slash < 0 ? '' : p.slice(0, slash);
}

/** `base` joined with a relative path (an absolute `rel` is returned as is). */
export function joinPath(base: string, rel: string): string {
  if (rel.startsWith('/') || !base) return rel;
  return `${base}/${rel}`;
}
