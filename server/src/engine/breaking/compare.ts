// The comparison of two versions of one contract: the driver of the breaking rules (./rules/). It
// pairs what the two versions declare — the contract, its SLAs, quality checks, schema objects and
// their properties (nested, array items, map keys and values), servers — finding renames first
// (./renames.ts), and runs, for each pair, each removed and each added element, the checks the rule
// units register for it, in the order of ./rules/index.ts. The result is a list of CHANGES
// (./change.ts). Verdicts, severities, impact and messages are decided later (./index.ts): this
// file only sees two contracts.
import { code, type Change, type Place } from './change';
import { asOdcsTypes } from './crossFormat';
import type { NContract, NObject, NProperty, NQuality, NSla } from './model';
import { matchRenames, objectRenameEvidence, propertyRenameEvidence } from './renames';
import { BREAKING_RULES } from './rules';
import { readServers } from './rules/server';
import type { Checks, ListContext, PropertyContext, PropertyPairContext, QualityContext } from './rules/unit';

export type { Breaks, Change, Place } from './change';
export { nameSimilarity } from './renames';

const UNITS: readonly { readonly checks: Checks<Change['rule']> }[] = BREAKING_RULES;

/** One hook of every unit that has it, in the order of the units (no unit's check uses `this`). */
function hooks<T>(pick: (checks: Checks<Change['rule']>) => T | undefined): T[] {
  return UNITS.flatMap((unit) => {
    const hook = pick(unit.checks);
    return hook ? [hook] : [];
  });
}

const CONTRACT_CHANGED = hooks((c) => c.contract?.changed);
const CONTRACT_REMOVED = hooks((c) => c.contract?.removed);
const SLA_REMOVED = hooks((c) => c.sla?.removed);
const SLA_CHANGED = hooks((c) => c.sla?.changed);
const QUALITY_REMOVED = hooks((c) => c.quality?.removed);
const QUALITY_CHANGED = hooks((c) => c.quality?.changed);
const QUALITY_ADDED = hooks((c) => c.quality?.added);
const OBJECT_REMOVED = hooks((c) => c.object?.removed);
const OBJECT_RENAMED = hooks((c) => c.object?.renamed);
const OBJECT_CHANGED = hooks((c) => c.object?.changed);
const PROPERTY_REMOVED = hooks((c) => c.property?.removed);
const PROPERTY_RENAMED = hooks((c) => c.property?.renamed);
const PROPERTY_CHANGED = hooks((c) => c.property?.changed);
const PROPERTY_ADDED = hooks((c) => c.property?.added);
const SERVER_REMOVED = hooks((c) => c.server?.removed);
const SERVER_CHANGED = hooks((c) => c.server?.changed);
const SERVER_ADDED = hooks((c) => c.server?.added);

/** Compares two versions of a contract (matched by `id`). */
export function compareContracts(base: NContract, current: NContract): Change[] {
  const out: Change[] = [];
  // DCS on one side, ODCS on the other: DCS types read as the ODCS types they convert to.
  base = asOdcsTypes(base, current);
  current = asOdcsTypes(current, base);
  for (const check of CONTRACT_CHANGED) check(base, current, out);
  compareSla(base.sla, current.sla, current, out);
  compareQuality(
    base.quality,
    current.quality,
    { owner: 'the contract', path: 'quality', scope: {}, parent: { path: [], target: 'mapping' } },
    out,
  );
  compareObjects(base, current, out);
  compareServers(base, current, out);
  return out;
}

/**
 * A contract of the base that no current file declares (`stillThere`: the current version of its
 * file, declaring another id); `baseLabel` names the base in messages.
 */
export function compareRemovedContract(old: NContract, stillThere: NContract | undefined, baseLabel: string): Change[] {
  const out: Change[] = [];
  for (const check of CONTRACT_REMOVED) check(old, stillThere, baseLabel, out);
  return out;
}

function compareSla(base: readonly NSla[], current: readonly NSla[], contract: NContract, out: Change[]): void {
  const now = new Map(current.map((s) => [s.key, s]));
  for (const old of base) {
    const sla = now.get(old.key);
    if (sla) for (const check of SLA_CHANGED) check(old, sla, contract, out);
    else for (const check of SLA_REMOVED) check(old, contract, out);
  }
}

function compareQuality(
  base: readonly NQuality[],
  current: readonly NQuality[],
  ctx: QualityContext,
  out: Change[],
): void {
  const now = new Map(current.map((q) => [q.key, q]));
  const then = new Set(base.map((q) => q.key));
  // A check whose identity changed with its spelling (an unnamed SQL row count that became the
  // `rowCount` metric) is found again by its meaning.
  const unmatchedNew = current.filter((q) => !then.has(q.key));
  const pairedNew = new Set<NQuality>();
  const partner = (old: NQuality): NQuality | undefined => {
    const found = unmatchedNew.find((q) => !pairedNew.has(q) && q.body === old.body);
    if (found) pairedNew.add(found);
    return found;
  };
  for (const old of base) {
    const cur = now.get(old.key) ?? partner(old);
    if (cur) for (const check of QUALITY_CHANGED) check(old, cur, ctx, out);
    else for (const check of QUALITY_REMOVED) check(old, ctx, out);
  }
  for (const cur of current) {
    if (then.has(cur.key) || pairedNew.has(cur)) continue;
    for (const check of QUALITY_ADDED) check(cur, ctx, out);
  }
}

function compareObjects(base: NContract, current: NContract, out: Change[]): void {
  const now = new Map(current.objects.map((o) => [o.name, o]));
  const then = new Map(base.objects.map((o) => [o.name, o]));
  const removed = base.objects.filter((o) => !now.has(o.name));
  const added = current.objects.filter((o) => !then.has(o.name));
  const renames = matchRenames(removed, added, objectRenameEvidence);
  for (const old of base.objects) {
    const cur = now.get(old.name);
    if (cur) {
      compareObject(old, cur, out);
      continue;
    }
    const rename = renames.get(old);
    if (rename) {
      for (const check of OBJECT_RENAMED) check(old, rename, out);
      compareObject(old, rename.to, out);
      continue;
    }
    for (const check of OBJECT_REMOVED) check(old, current, out);
  }
}

function compareObject(base: NObject, current: NObject, out: Change[]): void {
  const name = current.name;
  const renamed = new Map<string, string>();
  compareList(
    base.properties,
    current.properties,
    {
      object: name,
      baseObject: base.name,
      prefix: '',
      parent: current.propertiesPath
        ? { path: current.propertiesPath, target: 'key' }
        : { path: current.path, target: 'key' },
    },
    renamed,
    out,
  );
  for (const check of OBJECT_CHANGED) check(base, current, renamed, out);
  compareQuality(
    base.quality,
    current.quality,
    {
      owner: `schema object \`${name}\``,
      path: `${name}.quality`,
      scope: { schemaObject: base.name },
      parent: { path: current.path, target: 'key' },
    },
    out,
  );
}

function join(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}

function compareList(
  base: readonly NProperty[],
  current: readonly NProperty[],
  list: ListContext,
  renamed: Map<string, string>,
  out: Change[],
): void {
  const now = new Map(current.map((p) => [p.name, p]));
  const then = new Map(base.map((p) => [p.name, p]));
  const removed = base.filter((p) => !now.has(p.name));
  const added = current.filter((p) => !then.has(p.name));
  const renames = matchRenames(removed, added, propertyRenameEvidence);
  const renamedTo = new Set([...renames.values()].map((r) => r.to));
  for (const old of base) {
    const rel = join(list.prefix, old.name);
    const cur = now.get(old.name);
    if (cur) {
      compareProperty(old, cur, list, rel, renamed, out);
      continue;
    }
    const ctx: PropertyContext = {
      ...list,
      rel,
      newRel: rel,
      full: `${list.object}.${rel}`,
      scope: { schemaObject: list.baseObject, property: rel },
    };
    const rename = renames.get(old);
    if (rename) {
      const newRel = join(list.prefix, rename.to.name);
      renamed.set(rel, newRel);
      for (const check of PROPERTY_RENAMED) check(old, rename, { ...ctx, newRel }, out);
      compareProperty(old, rename.to, list, rel, renamed, out, newRel);
      continue;
    }
    for (const check of PROPERTY_REMOVED) check(old, ctx, out);
  }
  for (const cur of added) {
    if (renamedTo.has(cur)) continue;
    const rel = join(list.prefix, cur.name);
    const ctx: PropertyContext = {
      ...list,
      rel,
      newRel: rel,
      full: `${list.object}.${rel}`,
      scope: { schemaObject: list.baseObject, property: rel },
    };
    for (const check of PROPERTY_ADDED) check(cur, ctx, out);
  }
}

/**
 * Compares a property with its new version. `rel` is its relative dotted name in the base (what
 * consumers refer to); `newRel` its name in the new document when it was renamed.
 */
function compareProperty(
  b: NProperty,
  c: NProperty,
  list: ListContext,
  rel: string,
  renamed: Map<string, string>,
  out: Change[],
  newRel = rel,
): void {
  const full = `${list.object}.${newRel}`;
  const ctx: PropertyPairContext = {
    ...list,
    rel,
    newRel,
    full,
    scope: { schemaObject: list.baseObject, property: rel },
    leaf: `\`${newRel}\``,
    at(attr: string): Place {
      const a = c.attrs.get(attr);
      return a ? { path: a.path, target: 'value' } : { path: c.path, target: 'key' };
    },
  };
  for (const check of PROPERTY_CHANGED) if (check(b, c, ctx, out) === 'stop') return;

  compareQuality(
    b.quality,
    c.quality,
    {
      owner: `property ${code(full)}`,
      path: `${full}.quality`,
      scope: ctx.scope,
      parent: { path: c.path, target: 'key' },
    },
    out,
  );
  // Nested properties, array elements, map parts.
  compareList(
    b.children,
    c.children,
    {
      object: list.object,
      baseObject: list.baseObject,
      prefix: newRel,
      parent: c.childrenPath ? { path: c.childrenPath, target: 'key' } : { path: c.path, target: 'key' },
    },
    renamed,
    out,
  );
  if (b.items && c.items) compareProperty(b.items, c.items, list, `${rel}[]`, renamed, out, `${newRel}[]`);
  if (b.mapKey && c.mapKey) compareProperty(b.mapKey, c.mapKey, list, `${rel}[key]`, renamed, out, `${newRel}[key]`);
  if (b.mapValue && c.mapValue)
    compareProperty(b.mapValue, c.mapValue, list, `${rel}[value]`, renamed, out, `${newRel}[value]`);
}

function compareServers(base: NContract, current: NContract, out: Change[]): void {
  const after = new Map(readServers(current).map((s) => [s.name, s]));
  const seen = new Set<string>();
  for (const old of readServers(base)) {
    seen.add(old.name);
    const cur = after.get(old.name);
    if (cur) for (const check of SERVER_CHANGED) check(old, cur, current, out);
    else for (const check of SERVER_REMOVED) check(old, current, out);
  }
  for (const cur of after.values()) {
    if (seen.has(cur.name)) continue;
    for (const check of SERVER_ADDED) check(cur, current, out);
  }
}
