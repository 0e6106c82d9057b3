// Who a change breaks, from the workspace index: ODPS products whose ports use the contract,
// pipeline steps that read (or write) it — and, where columns are mapped, exactly which mapped
// columns are affected — and contracts whose relationships point into it.
import type { ImpactInfo } from '../types';
import type { ContractUse, DatasetRefFact, StepFact, WorkspaceIndex } from '../workspace';

export interface Impact {
  info: ImpactInfo;
  /** For the message: "pipeline `feature-build` step `join` (maps it to `customer_key`)". */
  phrase: string;
  /**
   * How it reads the property: `name` (an ODPS port, a column map or a relationship naming it: the
   * logical model) or `physical` (a pipeline step reading the dataset without naming its columns).
   */
  readsBy?: 'name' | 'physical';
}

export interface ImpactScope {
  /** Schema object (as the base names it); undefined: the whole contract. */
  schemaObject?: string;
  /** Relative dotted property (`customer_id`, `address.city`, `tags[]`); undefined: the whole object. */
  property?: string;
}

/**
 * The uses of a contract affected by a change. `who`: `consumers` (readers, relationships) for a
 * change that breaks forward compatibility, `producers` (writers, output ports) for one that breaks
 * backward compatibility.
 */
export function impactOf(
  index: WorkspaceIndex,
  contractId: string,
  scope: ImpactScope,
  who: { consumers: boolean; producers: boolean },
): Impact[] {
  const out: Impact[] = [];
  const seen = new Set<string>();
  const property = scope.property?.replace(/\[(?:\]|key\]|value\])/g, '');
  for (const use of index.usesOf(contractId)) {
    const consumer = use.role === 'reads' || use.role === 'references';
    if (consumer ? !who.consumers : !who.producers) continue;
    if (scope.schemaObject !== undefined && use.schemaObject !== undefined && use.schemaObject !== scope.schemaObject)
      continue;
    const impact = describe(index, use, property);
    if (!impact) continue;
    const key = `${impact.info.kind}\0${impact.info.id}\0${impact.info.file}\0${impact.info.detail ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(impact);
  }
  return out;
}

function describe(index: WorkspaceIndex, use: ContractUse, property: string | undefined): Impact | undefined {
  const id = use.id ?? use.file;
  if (use.kind === 'contract') {
    // A relationship pointing at a property is affected by changes of that property (or its parents).
    if (property !== undefined && use.property !== undefined && !related(use.property, property)) return undefined;
    return {
      info: { kind: 'contract', id, file: use.file, detail: use.detail },
      phrase: `contract \`${id}\` (${use.detail})`,
      readsBy: 'name',
    };
  }
  if (use.kind === 'product') {
    const what = use.detail;
    return {
      info: { kind: 'product', id, file: use.file, detail: what },
      phrase: `product \`${id}\` ${what}`,
      readsBy: 'name',
    };
  }
  // A pipeline step: which of its mapped columns involve the property.
  const step = index.facts(use.file)?.pipeline?.steps.find((s) => s.id === use.step);
  const stepName = use.step ?? '?';
  let mapping = '';
  let detail = use.detail;
  let readsBy: Impact['readsBy'] = 'physical';
  if (step && property !== undefined) {
    if (use.role === 'reads') {
      const { mapped, mapsInput } = mappedFrom(index, step, use, property);
      // A step that declares which columns it takes from this input, none of them this property, is not affected.
      if (!mapped.length && mapsInput) return undefined;
      if (mapped.length) {
        readsBy = 'name';
        mapping = ` (maps it to ${mapped.map((c) => `\`${c}\``).join(', ')})`;
        detail = `step \`${stepName}\` maps \`${property}\` to ${mapped.map((c) => `\`${c}\``).join(', ')}`;
      }
    } else if (use.role === 'writes') {
      const output = step.outputs.find((o) => o.contract?.path === use.path || samePath(o.contract?.path, use.path));
      if (output && output.columns.length) {
        const writes = output.columns.filter((c) => related(c.column, property)).map((c) => c.column);
        mapping = writes.length ? ` (writes ${writes.map((c) => `\`${c}\``).join(', ')})` : ' (does not map it)';
        detail = writes.length
          ? `step \`${stepName}\` writes ${writes.map((c) => `\`${c}\``).join(', ')}`
          : `step \`${stepName}\` does not map \`${property}\``;
      }
    }
  }
  return {
    info: { kind: 'pipeline', id, file: use.file, detail },
    phrase: `pipeline \`${id}\` step \`${stepName}\`${mapping}`,
    readsBy,
  };
}

/** The output columns of a step mapped from the property of the input `use` points at. */
function mappedFrom(
  index: WorkspaceIndex,
  step: StepFact,
  use: ContractUse,
  property: string,
): { mapped: string[]; mapsInput: boolean } {
  const input = step.inputs.find((i) => samePath(i.contract?.path, use.path));
  if (!input) return { mapped: [], mapsInput: false };
  const alias = aliasOf(index, input);
  const single = step.inputs.length === 1;
  const columns: string[] = [];
  let mapsInput = false;
  for (const output of step.outputs) {
    for (const mapping of output.columns) {
      for (const source of mapping.sources) {
        let column: string | undefined;
        if (alias !== undefined && source.value.startsWith(alias + '.')) column = source.value.slice(alias.length + 1);
        else if (single && !source.value.includes('.')) column = source.value;
        else if (single && alias === undefined) column = source.value;
        if (column === undefined) continue;
        mapsInput = true;
        if (related(column, property) && !columns.includes(mapping.column)) columns.push(mapping.column);
      }
    }
  }
  return { mapped: columns, mapsInput };
}

function aliasOf(index: WorkspaceIndex, input: DatasetRefFact): string | undefined {
  if (input.as !== undefined) return input.as;
  if (input.schema?.value !== undefined) return input.schema.value;
  const resolution = input.contract ? index.resolveDataset({ contract: input.contract.value }) : undefined;
  return resolution?.status === 'resolved' ? resolution.object.name : undefined;
}

/** Whether two dotted property names are the same or one contains the other. */
function related(a: string, b: string): boolean {
  return a === b || a.startsWith(b + '.') || b.startsWith(a + '.');
}

function samePath(a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((s, i) => s === b[i]);
}
