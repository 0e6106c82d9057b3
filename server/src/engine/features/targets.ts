// What a name under the cursor stands for (a contract, a schema object, a property, a pipeline
// step's input) and everywhere the workspace writes it: the model behind hover, definition,
// references and rename. Declarations and references are read from the workspace index's facts
// (data paths) and located in the text through the documents' ASTs.
import * as YAML from 'yaml';
import type { Position, Range } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document';
import { resolvePath, type PathSegment } from '../locate';
import type { LanguageService } from '../service';
import {
  dirName,
  isUrl,
  joinPath,
  parseRelationshipRef,
  resolveQualified,
  type ContractFact,
  type DatasetRefFact,
  type PropertyFact,
  type SchemaObjectFact,
  type StepFact,
  type WorkspaceIndex,
} from '../workspace';
import { hitAt, keyText, nodeRange, partRange, samePath, text } from './shared';

export type Target =
  | { kind: 'contract'; id: string }
  | { kind: 'schemaObject'; contract: ContractFact; object: SchemaObjectFact }
  | { kind: 'property'; contract: ContractFact; object: SchemaObjectFact; property: PropertyFact }
  /** The `alias` of an `alias.column` source: an input of the same step. */
  | {
      kind: 'input';
      file: string;
      input: DatasetRefFact;
      alias: string;
      object?: SchemaObjectFact;
      contract?: ContractFact;
    };

export interface SymbolAt {
  target: Target;
  /** The name under the cursor, as written (what rename replaces) and where. */
  name: string;
  range: Range;
  role: 'declaration' | 'reference';
}

export interface Occurrence {
  file: string;
  range: Range;
  role: 'declaration' | 'reference';
  /** False when the text there names the target only indirectly (an id path by `id`, an omitted `schema`). */
  renameable: boolean;
  /** What uses it, for a person ("pipeline `x`, step `y`"). */
  detail?: string;
}

// ---- what is under the cursor -------------------------------------------------------------------

export function symbolAt(service: LanguageService, doc: ParsedDocument, position: Position): SymbolAt | undefined {
  const ast = doc.ast();
  if (!ast) return undefined;
  const offset = doc.lines.offsetAt(position);
  const hit = hitAt(ast, offset);
  if (!hit || !hit.node || !YAML.isScalar(hit.node) || !hit.node.range) return undefined;
  const facts = service.index.facts(doc.path);
  if (!facts) return undefined;
  const index = service.index;
  const path = hit.path;
  const isKey = hit.target === 'key';
  const value = isKey ? keyText(hit.pair?.key) : text(hit.node.value);
  if (value === undefined) return undefined;
  const whole = nodeRange(doc, hit.node);
  const cursor = offsetInValue(doc, whole, value, offset);
  const make = (target: Target, role: SymbolAt['role'], from = 0, to = value.length): SymbolAt | undefined => {
    const range = partRange(doc, whole, value, from, to);
    return range ? { target, name: value.slice(from, to), range, role } : undefined;
  };

  const contract = facts.contract;
  if (contract) {
    if (!isKey && samePath(path, contract.idPath)) return make({ kind: 'contract', id: value }, 'declaration');
    if (contract.format === 'odcs' && !isKey && path[path.length - 1] === 'name') {
      const owner = path.slice(0, -1);
      const object = contract.schemaObjects.find((o) => samePath(o.path, owner));
      if (object) return make({ kind: 'schemaObject', contract, object }, 'declaration');
      for (const o of contract.schemaObjects) {
        const property = o.properties.find((p) => samePath(p.path, owner));
        if (property) return make({ kind: 'property', contract, object: o, property }, 'declaration');
      }
    }
    if (contract.format === 'dcs' && isKey) {
      const object = contract.schemaObjects.find((o) => samePath(o.path, path));
      if (object) return make({ kind: 'schemaObject', contract, object }, 'declaration');
      for (const o of contract.schemaObjects) {
        const property = o.properties.find((p) => samePath(p.path, path));
        if (property) return make({ kind: 'property', contract, object: o, property }, 'declaration');
      }
    }
    if (!isKey) {
      for (const rel of contract.relationships) {
        if ([...rel.from, ...rel.to].some((r) => samePath(r.path, path))) {
          const part = relationshipPart(index, contract, value, cursor);
          return part && make(part.target, 'reference', part.from, part.to);
        }
      }
      if (isSlaElementPath(path)) {
        const part = elementPart(contract, value, cursor);
        return part && make(part.target, 'reference', part.from, part.to);
      }
    }
    return undefined;
  }

  if (facts.product && !isKey) {
    for (const port of facts.product.ports) {
      if (port.contractId && samePath(port.contractId.path, path))
        return make({ kind: 'contract', id: value }, 'reference');
      if (port.inputContracts.some((r) => samePath(r.path, path)))
        return make({ kind: 'contract', id: value }, 'reference');
    }
    return undefined;
  }

  const pipeline = facts.pipeline;
  if (pipeline) {
    for (const step of pipeline.steps) {
      for (const ref of [...step.inputs, ...step.outputs]) {
        if (!isKey && ref.contract && samePath(ref.contract.path, path))
          return make({ kind: 'contract', id: value }, 'reference');
        if (!isKey && ref.schema && samePath(ref.schema.path, path)) {
          const resolution = index.resolveDataset({ contract: ref.contract?.value, schema: ref.schema.value });
          return resolution.status === 'resolved'
            ? make({ kind: 'schemaObject', contract: resolution.contract, object: resolution.object }, 'reference')
            : undefined;
        }
      }
      for (const output of step.outputs) {
        for (const mapping of output.columns) {
          if (isKey && samePath(mapping.path, path)) {
            const resolution = index.resolveDataset({ contract: output.contract?.value, schema: output.schema?.value });
            if (resolution.status !== 'resolved') return undefined;
            const seg = dottedSegment(value, cursor);
            const property = resolution.object.byName.get(value.slice(0, seg.to));
            return (
              property &&
              make(
                { kind: 'property', contract: resolution.contract, object: resolution.object, property },
                'reference',
                seg.from,
                seg.to,
              )
            );
          }
          const source = !isKey ? mapping.sources.find((s) => samePath(s.path, path)) : undefined;
          if (source) {
            const resolved = resolveSource(index, step, source.value);
            if (!resolved) return undefined;
            if (resolved.aliasEnd > 0 && cursor < resolved.aliasEnd) {
              return make(
                {
                  kind: 'input',
                  file: pipeline.file,
                  input: resolved.input.input,
                  alias: resolved.input.alias!,
                  object: resolved.input.object,
                  contract: resolved.input.contract,
                },
                'reference',
                0,
                resolved.aliasEnd - 1,
              );
            }
            const object = resolved.input.object;
            if (!object || !resolved.input.contract) return undefined;
            const columnStart = resolved.aliasEnd;
            const seg = dottedSegment(resolved.column, cursor - columnStart);
            const property = object.byName.get(resolved.column.slice(0, seg.to));
            return (
              property &&
              make(
                { kind: 'property', contract: resolved.input.contract, object, property },
                'reference',
                columnStart + seg.from,
                columnStart + seg.to,
              )
            );
          }
        }
      }
    }
  }
  return undefined;
}

function offsetInValue(doc: ParsedDocument, whole: Range, value: string, offset: number): number {
  const start = doc.lines.offsetAt(whole.start);
  const raw = doc.text.slice(start, doc.lines.offsetAt(whole.end));
  const quoted = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") ? 1 : 0;
  return Math.max(0, Math.min(value.length, offset - start - quoted));
}

/** The dotted segment of `name` that holds `cursor`: [from, to) offsets in `name`. */
function dottedSegment(name: string, cursor: number): { from: number; to: number } {
  let from = 0;
  for (;;) {
    const dot = name.indexOf('.', from);
    const to = dot < 0 ? name.length : dot;
    if (cursor <= to || dot < 0) return { from, to };
    from = dot + 1;
  }
}

function isSlaElementPath(path: readonly PathSegment[]): boolean {
  return (
    (path.length === 3 && path[0] === 'slaProperties' && path[2] === 'element') ||
    (path.length === 1 && path[0] === 'slaDefaultElement')
  );
}

interface Part {
  target: Target;
  from: number;
  to: number;
}

/** The part of a relationship reference under the cursor (`table` or a column segment; an id path segment). */
function relationshipPart(
  index: WorkspaceIndex,
  contract: ContractFact,
  value: string,
  cursor: number,
): Part | undefined {
  const parsed = parseRelationshipRef(value);
  if (!parsed) return undefined;
  if (parsed.form === 'shorthand') return shorthandPart(contract, value, 0, cursor);
  const target = qualifiedTarget(index, contract, parsed.file);
  if (!target) return undefined;
  const segments = qualifiedSegmentOffsets(value);
  const k = segments.findIndex((s) => cursor >= s.from && cursor <= s.to);
  if (k < 0) return undefined;
  const resolved = resolveQualified(target, parsed.segments.slice(0, k + 1));
  if (resolved.failedAt !== undefined || !resolved.object) return undefined;
  const seg = segments[k];
  if (k === 0)
    return { target: { kind: 'schemaObject', contract: target, object: resolved.object }, from: seg.from, to: seg.to };
  return resolved.property
    ? {
        target: { kind: 'property', contract: target, object: resolved.object, property: resolved.property },
        from: seg.from,
        to: seg.to,
      }
    : undefined;
}

/** `table.column.sub` at `offset` in `text`: the table, or the property up to the segment under the cursor. */
function shorthandPart(
  contract: ContractFact,
  whole: string,
  offset: number,
  cursor: number,
  ref = whole,
): Part | undefined {
  const dot = ref.indexOf('.');
  const table = dot < 0 ? ref : ref.slice(0, dot);
  const object = contract.schemaObjects.find((o) => o.name === table);
  if (!object) return undefined;
  const local = cursor - offset;
  if (dot < 0 || local <= dot)
    return { target: { kind: 'schemaObject', contract, object }, from: offset, to: offset + table.length };
  const column = ref.slice(dot + 1);
  const seg = dottedSegment(column, local - dot - 1);
  const property = object.byName.get(column.slice(0, seg.to));
  return property
    ? {
        target: { kind: 'property', contract, object, property },
        from: offset + dot + 1 + seg.from,
        to: offset + dot + 1 + seg.to,
      }
    : undefined;
}

/** SLA `element`: one or several (comma-separated) `table.column` references. */
function elementPart(contract: ContractFact, value: string, cursor: number): Part | undefined {
  for (const item of elementItems(value)) {
    if (cursor >= item.from && cursor <= item.from + item.ref.length)
      return shorthandPart(contract, value, item.from, cursor, item.ref);
  }
  return undefined;
}

export function elementItems(value: string): { ref: string; from: number }[] {
  const out: { ref: string; from: number }[] = [];
  let from = 0;
  for (const piece of value.split(',')) {
    const lead = piece.length - piece.trimStart().length;
    const ref = piece.trim();
    if (ref && /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_$-]*)*$/.test(ref)) out.push({ ref, from: from + lead });
    from += piece.length + 1;
  }
  return out;
}

/** The contract a qualified relationship reference points into. */
function qualifiedTarget(
  index: WorkspaceIndex,
  contract: ContractFact,
  file: string | undefined,
): ContractFact | undefined {
  if (file === undefined) return contract;
  if (isUrl(file)) return undefined;
  const path = index.fileAt(joinPath(dirName(contract.file), file));
  return path ? index.facts(path)?.contract : undefined;
}

/** Offsets of the id of each `section/id` pair of a qualified reference. */
function qualifiedSegmentOffsets(value: string): { from: number; to: number }[] {
  let start = value.includes('#') ? value.indexOf('#') + 1 : 0;
  if (value[start] === '/') start++;
  const out: { from: number; to: number }[] = [];
  const parts = value.slice(start).split('/');
  let at = start;
  parts.forEach((part, i) => {
    if (i % 2 === 1) out.push({ from: at, to: at + part.length });
    at += part.length + 1;
  });
  return out;
}

// ---- pipeline inputs and column sources ---------------------------------------------------------

export interface InputInfo {
  alias: string | undefined;
  input: DatasetRefFact;
  object?: SchemaObjectFact;
  contract?: ContractFact;
}

/** A step's inputs with the names column mappings know them by (`as`, else the schema object's name). */
export function stepInputs(index: WorkspaceIndex, step: StepFact): InputInfo[] {
  return step.inputs.map((input) => {
    const resolution = index.resolveDataset({ contract: input.contract?.value, schema: input.schema?.value });
    const object = resolution.status === 'resolved' ? resolution.object : undefined;
    const contract = resolution.status === 'resolved' ? resolution.contract : undefined;
    return { alias: input.as ?? input.schema?.value ?? object?.name, input, object, contract };
  });
}

/** An `alias.column` source of a column mapping, resolved as the `ref/` rules read it. */
export function resolveSource(
  index: WorkspaceIndex,
  step: StepFact,
  source: string,
): { input: InputInfo; column: string; aliasEnd: number } | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_$-]*(?:\.[A-Za-z_][A-Za-z0-9_$-]*)*$/.test(source)) return undefined;
  const inputs = stepInputs(index, step);
  const dot = source.indexOf('.');
  if (dot > 0) {
    const input = inputs.find((i) => i.alias === source.slice(0, dot));
    if (input) return { input, column: source.slice(dot + 1), aliasEnd: dot + 1 };
  }
  if (inputs.length === 1 && (dot < 0 || inputs[0].object?.byName.has(source)))
    return { input: inputs[0], column: source, aliasEnd: 0 };
  return undefined;
}

// ---- occurrences ---------------------------------------------------------------------------------

/** Every place the workspace writes the target: its declaration(s) first, then the references. */
export function occurrences(service: LanguageService, target: Target): Occurrence[] {
  switch (target.kind) {
    case 'contract':
      return contractOccurrences(service, target.id);
    case 'schemaObject':
      return objectOccurrences(service, target.contract, target.object);
    case 'property':
      return propertyOccurrences(service, target.contract, target.object, target.property);
    case 'input':
      return [];
  }
}

/** The range of the scalar (value or key) at a data path of an indexed file. */
function scalarRange(
  service: LanguageService,
  file: string,
  path: readonly PathSegment[],
  target: 'key' | 'value',
): { doc: ParsedDocument; range: Range } | undefined {
  const doc = service.getDocument(file);
  const ast = doc?.ast();
  if (!doc || !ast) return undefined;
  const resolved = resolvePath(ast, path);
  if (resolved.depth !== path.length) return undefined;
  const node = target === 'key' ? resolved.key : resolved.node;
  if (!node || !YAML.isScalar(node) || !node.range) return undefined;
  return { doc, range: nodeRange(doc, node) };
}

function occurrence(
  service: LanguageService,
  file: string,
  path: readonly PathSegment[],
  target: 'key' | 'value',
  value: string,
  role: Occurrence['role'],
  from = 0,
  to = value.length,
  renameable = true,
  detail?: string,
): Occurrence | undefined {
  const found = scalarRange(service, file, path, target);
  if (!found) return undefined;
  const range = partRange(found.doc, found.range, value, from, to);
  return range ? { file, range, role, renameable, detail } : undefined;
}

/** Where a contract's schema object / property is declared. */
export function declarationOf(
  service: LanguageService,
  contract: ContractFact,
  element: SchemaObjectFact | PropertyFact,
): Occurrence | undefined {
  const name = 'leaf' in element ? element.leaf : element.name;
  return contract.format === 'odcs'
    ? occurrence(service, contract.file, [...element.path, 'name'], 'value', name, 'declaration')
    : occurrence(service, contract.file, element.path, 'key', name, 'declaration');
}

function contractOccurrences(service: LanguageService, id: string): Occurrence[] {
  const index = service.index;
  const out: Occurrence[] = [];
  for (const contract of index.contractsWithId(id))
    push(out, occurrence(service, contract.file, contract.idPath, 'value', id, 'declaration'));
  for (const use of index.usesOf(id)) {
    if (use.kind === 'contract') {
      // A fully qualified relationship into the contract's file: it names the file, not the id.
      const found = scalarRange(service, use.file, use.path, 'value');
      if (found)
        out.push({ file: use.file, range: found.range, role: 'reference', renameable: false, detail: use.detail });
      continue;
    }
    push(out, occurrence(service, use.file, use.path, 'value', id, 'reference', 0, id.length, true, use.detail));
  }
  return out;
}

function objectOccurrences(service: LanguageService, contract: ContractFact, object: SchemaObjectFact): Occurrence[] {
  const index = service.index;
  const out: Occurrence[] = [];
  push(out, declarationOf(service, contract, object));
  for (const facts of index.allFacts()) {
    for (const step of facts.pipeline?.steps ?? []) {
      for (const ref of [...step.inputs, ...step.outputs]) {
        if (!ref.contract || ref.contract.value !== contract.id) continue;
        const resolution = index.resolveDataset({ contract: ref.contract.value, schema: ref.schema?.value });
        if (resolution.status !== 'resolved' || resolution.object !== object) continue;
        const detail = `step \`${step.id}\``;
        if (ref.schema)
          push(
            out,
            occurrence(
              service,
              facts.path,
              ref.schema.path,
              'value',
              ref.schema.value,
              'reference',
              0,
              ref.schema.value.length,
              true,
              detail,
            ),
          );
        else
          push(
            out,
            occurrence(
              service,
              facts.path,
              ref.contract.path,
              'value',
              ref.contract.value,
              'reference',
              0,
              ref.contract.value.length,
              false,
              detail,
            ),
          );
      }
    }
  }
  forEachRelationshipRef(service, contract, (file, _role, path, value, owner) => {
    const parsed = parseRelationshipRef(value);
    if (parsed?.form === 'shorthand') {
      if (owner === contract && parsed.table === object.name)
        push(out, occurrence(service, file, path, 'value', value, 'reference', 0, parsed.table.length));
      return;
    }
    if (parsed?.form !== 'qualified') return;
    const resolved = resolveQualified(contract, parsed.segments.slice(0, 1));
    if (resolved.object !== object) return;
    const seg = qualifiedSegmentOffsets(value)[0];
    push(
      out,
      occurrence(
        service,
        file,
        path,
        'value',
        value,
        'reference',
        seg.from,
        seg.to,
        object.id !== parsed.segments[0].id,
      ),
    );
  });
  forEachElement(service, contract, (path, value, item) => {
    const dot = item.ref.indexOf('.');
    const table = dot < 0 ? item.ref : item.ref.slice(0, dot);
    if (table === object.name)
      push(
        out,
        occurrence(service, contract.file, path, 'value', value, 'reference', item.from, item.from + table.length),
      );
  });
  return out;
}

function propertyOccurrences(
  service: LanguageService,
  contract: ContractFact,
  object: SchemaObjectFact,
  property: PropertyFact,
): Occurrence[] {
  const index = service.index;
  const out: Occurrence[] = [];
  push(out, declarationOf(service, contract, property));
  const depth = property.name.split('.').length;
  /** Offsets of the property's own segment in a dotted name that is it or one of its children. */
  const segmentIn = (name: string): { from: number; to: number } | undefined => {
    if (name !== property.name && !name.startsWith(property.name + '.')) return undefined;
    const parts = name.split('.');
    const from = parts.slice(0, depth - 1).reduce((n, p) => n + p.length + 1, 0);
    return { from, to: from + parts[depth - 1].length };
  };

  for (const facts of index.allFacts()) {
    const pipeline = facts.pipeline;
    if (!pipeline) continue;
    for (const step of pipeline.steps) {
      for (const output of step.outputs) {
        const resolution = index.resolveDataset({ contract: output.contract?.value, schema: output.schema?.value });
        const writesObject = resolution.status === 'resolved' && resolution.object === object;
        for (const mapping of output.columns) {
          const detail = `pipeline \`${pipeline.id ?? pipeline.file}\`, step \`${step.id}\``;
          const seg = writesObject ? segmentIn(mapping.column) : undefined;
          if (seg)
            push(
              out,
              occurrence(
                service,
                pipeline.file,
                mapping.path,
                'key',
                mapping.column,
                'reference',
                seg.from,
                seg.to,
                true,
                detail,
              ),
            );
          for (const source of mapping.sources) {
            const resolved = resolveSource(index, step, source.value);
            if (!resolved || resolved.input.object !== object) continue;
            const s = segmentIn(resolved.column);
            if (s)
              push(
                out,
                occurrence(
                  service,
                  pipeline.file,
                  source.path,
                  'value',
                  source.value,
                  'reference',
                  resolved.aliasEnd + s.from,
                  resolved.aliasEnd + s.to,
                  true,
                  detail,
                ),
              );
          }
        }
      }
    }
  }

  forEachRelationshipRef(service, contract, (file, _role, path, value, owner) => {
    const parsed = parseRelationshipRef(value);
    if (parsed?.form === 'shorthand') {
      if (owner !== contract || parsed.table !== object.name) return;
      const seg = segmentIn(parsed.column);
      if (seg)
        push(
          out,
          occurrence(
            service,
            file,
            path,
            'value',
            value,
            'reference',
            parsed.table.length + 1 + seg.from,
            parsed.table.length + 1 + seg.to,
          ),
        );
      return;
    }
    if (parsed?.form !== 'qualified' || parsed.segments.length <= depth) return;
    const resolved = resolveQualified(contract, parsed.segments.slice(0, depth + 1));
    if (resolved.object !== object || resolved.property !== property) return;
    const seg = qualifiedSegmentOffsets(value)[depth];
    push(
      out,
      occurrence(
        service,
        file,
        path,
        'value',
        value,
        'reference',
        seg.from,
        seg.to,
        property.id !== parsed.segments[depth].id,
      ),
    );
  });
  forEachElement(service, contract, (path, value, item) => {
    const dot = item.ref.indexOf('.');
    if (dot < 0 || item.ref.slice(0, dot) !== object.name) return;
    const seg = segmentIn(item.ref.slice(dot + 1));
    if (seg)
      push(
        out,
        occurrence(
          service,
          contract.file,
          path,
          'value',
          value,
          'reference',
          item.from + dot + 1 + seg.from,
          item.from + dot + 1 + seg.to,
        ),
      );
  });
  return out;
}

/**
 * Every relationship reference that may point into `contract`: the contract's own, and the fully
 * qualified ones of other contracts that name its file.
 */
function forEachRelationshipRef(
  service: LanguageService,
  contract: ContractFact,
  each: (file: string, role: 'from' | 'to', path: readonly PathSegment[], value: string, owner: ContractFact) => void,
): void {
  const index = service.index;
  for (const facts of index.allFacts()) {
    const owner = facts.contract;
    if (!owner) continue;
    for (const rel of owner.relationships) {
      for (const [role, refs] of [
        ['from', rel.from],
        ['to', rel.to],
      ] as const) {
        for (const ref of refs) {
          if (owner === contract) {
            const parsed = parseRelationshipRef(ref.value);
            if (
              parsed?.form === 'qualified' &&
              parsed.file !== undefined &&
              qualifiedTarget(index, owner, parsed.file) !== contract
            )
              continue;
            each(owner.file, role, ref.path, ref.value, owner);
          } else {
            const parsed = parseRelationshipRef(ref.value);
            if (parsed?.form !== 'qualified' || parsed.file === undefined) continue;
            if (qualifiedTarget(index, owner, parsed.file) === contract)
              each(owner.file, role, ref.path, ref.value, owner);
          }
        }
      }
    }
  }
}

/** Each `table.column` of the contract's SLA `element`s and `slaDefaultElement`. */
function forEachElement(
  service: LanguageService,
  contract: ContractFact,
  each: (path: PathSegment[], value: string, item: { ref: string; from: number }) => void,
): void {
  if (contract.format !== 'odcs') return;
  const value = service.getDocument(contract.file)?.value as Record<string, unknown> | undefined;
  if (!value || typeof value !== 'object') return;
  const visit = (path: PathSegment[], v: unknown) => {
    if (typeof v !== 'string') return;
    for (const item of elementItems(v)) each(path, v, item);
  };
  visit(['slaDefaultElement'], value.slaDefaultElement);
  if (Array.isArray(value.slaProperties)) {
    value.slaProperties.forEach((sla, i) => {
      if (sla && typeof sla === 'object')
        visit(['slaProperties', i, 'element'], (sla as Record<string, unknown>).element);
    });
  }
}

function push(out: Occurrence[], occurrence: Occurrence | undefined): void {
  if (!occurrence) return;
  if (
    out.some(
      (o) =>
        o.file === occurrence.file &&
        o.range.start.line === occurrence.range.start.line &&
        o.range.start.character === occurrence.range.start.character &&
        o.range.end.character === occurrence.range.end.character,
    )
  )
    return;
  out.push(occurrence);
}
