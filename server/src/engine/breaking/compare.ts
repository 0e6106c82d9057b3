// The comparison of two versions of one contract: a list of CHANGES, each a named kind from the
// catalogue (./catalogue.ts) with which compatibility it breaks, a one-sentence summary, and where it
// is in the new document (and, for what was removed, where it was in the base document).
// Verdicts, severities, impact and messages are decided later (./index.ts): this file only sees two
// contracts.
import { editDistance } from '../similarity';
import type { DataPath } from '../workspace';
import { canonical, type Attr, type NContract, type NObject, type NProperty, type NQuality, type NSla } from './model';
import { classificationRank, logicalTypeDirection, physicalTypeDirection, type Direction } from './typeRules';
import type { BreakingRuleId } from './catalogue';
import { rewritten } from './rules/qualityRewritten';
import { definitionUnresolved } from './rules/definitionUnresolved';
import { isLogicalRename, logicalRename, physicalColumn } from './rules/logicalRename';
import { RULE_UNITS } from './rules';
import { asOdcsTypes } from './rules/crossFormat';

/** Which compatibility a change breaks (README, "Breaking changes"). */
export interface Breaks {
  /** Consumers of the old contract cannot read data written under the new one. */
  forward: boolean;
  /** Data written under the old contract is not valid under the new one. */
  backward: boolean;
}

export interface Place {
  path: DataPath;
  target: 'key' | 'value' | 'mapping';
}

export interface Change {
  rule: BreakingRuleId;
  /** Dotted: `orders.customer_id`, `orders.lines.sku`, `orders.tags[]`; `''` for the contract itself. */
  path: string;
  before: unknown;
  after: unknown;
  breaks: Breaks;
  /** One sentence saying what changed. */
  summary: string;
  /** Why it breaks, per direction (used when that direction is enforced). */
  why: { forward?: string; backward?: string };
  /** The change as a verb phrase for impact sentences: "Removing `customer_id`". */
  action: string;
  /** In the new document. */
  at: Place;
  /** What the change touches, to find who is affected: the schema object (base name) and the property (relative dotted name). */
  scope: { schemaObject?: string; property?: string };
  /** In the base document: what was removed or renamed. */
  was?: Place;
  /** Never more than a warning (a deprecation is an announcement). */
  cap?: 'warning';
  /** Reported only when someone uses the contract (a deprecation nobody consumes is no news). */
  onlyWhenConsumed?: boolean;
  /** Breaks only the consumers that read the logical model by name (a rename that keeps the stored column). */
  logicalOnly?: boolean;
}

const F: Breaks = { forward: true, backward: false };
const B: Breaks = { forward: false, backward: true };
const FB: Breaks = { forward: true, backward: true };
const NONE: Breaks = { forward: false, backward: false };

function byDirection(direction: Direction): Breaks {
  return direction === 'wider' ? F : direction === 'narrower' ? B : direction === 'other' ? FB : NONE;
}

const WHY_WIDER = 'consumers of the old contract can now receive values it did not allow';
const WHY_NARROWER = 'data written under the old contract may break the new rule';

const code = (s: unknown) => `\`${typeof s === 'string' ? s : canonical(s)}\``;

/** Compares two versions of a contract (matched by `id`). */
export function compareContracts(base: NContract, current: NContract): Change[] {
  const out: Change[] = [];
  // DCS on one side, ODCS on the other: DCS types read as the ODCS types they convert to.
  base = asOdcsTypes(base, current);
  current = asOdcsTypes(current, base);
  contractLevel(base, current, out);
  compareObjects(base, current, out);
  for (const unit of RULE_UNITS) unit.check?.(base, current, out);
  return out;
}

// ---- the contract -------------------------------------------------------------------------------

const DEPRECATED = new Set(['deprecated', 'retired', 'obsolete', 'sunset', 'decommissioned']);

function contractLevel(base: NContract, current: NContract, out: Change[]): void {
  const before = base.status?.toLowerCase();
  const after = current.status?.toLowerCase();
  if (after && DEPRECATED.has(after) && before !== after && !(before === 'retired' || before === 'decommissioned')) {
    const retired = after !== 'deprecated';
    out.push({
      rule: 'breaking/status-deprecated',
      path: '',
      before: base.status ?? null,
      after: current.status,
      breaks: F,
      cap: retired ? undefined : 'warning',
      onlyWhenConsumed: true,
      summary: `The contract's status changed from ${code(base.status ?? '(none)')} to ${code(current.status)}.`,
      why: {
        forward: retired
          ? 'its data is no longer produced, and consumers still read it'
          : 'consumers still read it and must plan a migration',
      },
      action: retired ? 'Retiring the contract' : 'Deprecating the contract',
      at: { path: current.statusPath, target: 'value' },
      scope: {},
    });
  }
  compareSla(base.sla, current.sla, current, out);
  compareQuality(base.quality, current.quality, 'the contract', '', {}, { path: [], target: 'mapping' }, out);
}

function compareSla(base: readonly NSla[], current: readonly NSla[], contract: NContract, out: Change[]): void {
  const now = new Map(current.map((s) => [s.key, s]));
  for (const old of base) {
    const sla = now.get(old.key);
    const looser =
      sla === undefined
        ? true
        : old.amount === undefined || sla.amount === undefined
          ? false
          : old.kind === 'retention' || old.kind === 'availability'
            ? sla.amount < old.amount
            : sla.amount > old.amount;
    if (!looser) continue;
    const what = old.kind === 'availability' ? 'availability' : old.kind === 'retention' ? 'retention' : old.kind;
    const at: Place = sla
      ? { path: sla.path, target: 'value' }
      : { path: contract.format === 'odcs' ? ['slaProperties'] : ['servicelevels'], target: 'key' };
    out.push({
      rule: 'breaking/sla-loosened',
      path: `sla.${old.key}`,
      before: old.text,
      after: sla?.text ?? null,
      breaks: F,
      summary: sla
        ? `The ${what} commitment went from ${code(old.text)} to ${code(sla.text)}${old.kind === 'retention' ? ' (shorter)' : old.kind === 'availability' ? ' (lower)' : ' (slower)'}.`
        : `The ${what} commitment (${code(old.text)}) was removed.`,
      why: { forward: 'consumers plan on the promised service level' },
      action: sla ? `Loosening the ${what} commitment` : `Dropping the ${what} commitment`,
      at,
      scope: {},
      was: sla ? undefined : { path: old.path.slice(0, -1), target: 'key' },
    });
  }
}

// ---- schema objects -----------------------------------------------------------------------------

function compareObjects(base: NContract, current: NContract, out: Change[]): void {
  const now = new Map(current.objects.map((o) => [o.name, o]));
  const then = new Map(base.objects.map((o) => [o.name, o]));
  const removed = base.objects.filter((o) => !now.has(o.name));
  const added = current.objects.filter((o) => !then.has(o.name));
  const renames = matchRenames(removed, added, objectRenameEvidence);
  for (const old of base.objects) {
    const cur = now.get(old.name);
    if (cur) {
      compareObject(old, cur, cur.name, out);
      continue;
    }
    const rename = renames.get(old);
    const container: Place = { path: current.format === 'odcs' ? ['schema'] : ['models'], target: 'key' };
    if (rename) {
      out.push({
        rule: 'breaking/schema-object-renamed',
        path: old.name,
        before: old.name,
        after: rename.to.name,
        breaks: FB,
        summary: rename.definite
          ? `Schema object ${code(old.name)} was renamed to ${code(rename.to.name)} (${rename.evidence}).`
          : `Schema object ${code(old.name)} is gone and ${code(rename.to.name)} is new with ${rename.evidence}: renamed ${code(old.name)} to ${code(rename.to.name)}?`,
        why: {
          forward: `consumers read it as \`${old.name}\``,
          backward: `data written under the old contract is stored as \`${old.name}\``,
        },
        action: `Renaming \`${old.name}\``,
        at: rename.to.namePath
          ? { path: rename.to.namePath, target: 'value' }
          : { path: rename.to.path, target: 'key' },
        scope: { schemaObject: old.name },
        was: { path: old.path, target: 'key' },
      });
      compareObject(old, rename.to, rename.to.name, out);
      continue;
    }
    out.push({
      rule: 'breaking/schema-object-removed',
      path: old.name,
      before: old.name,
      after: null,
      breaks: FB,
      summary: `Schema object ${code(old.name)} was removed.`,
      why: {
        forward: 'consumers still read it',
        backward: 'data written under the old contract for it is no longer governed',
      },
      action: `Removing \`${old.name}\``,
      at: container,
      scope: { schemaObject: old.name },
      was: { path: old.path, target: 'key' },
    });
  }
}

function compareObject(base: NObject, current: NObject, name: string, out: Change[]): void {
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
  compareKeys(base, current, name, renamed, 'primaryKey', out);
  compareKeys(base, current, name, renamed, 'partition', out);
  compareQuality(
    base.quality,
    current.quality,
    `schema object \`${name}\``,
    name,
    { schemaObject: base.name },
    { path: current.path, target: 'key' },
    out,
  );
}

function compareKeys(
  base: NObject,
  current: NObject,
  name: string,
  renamed: Map<string, string>,
  which: 'primaryKey' | 'partition',
  out: Change[],
): void {
  const before = base[which].map((p) => renamed.get(p) ?? p);
  const after = current[which];
  if (canonical(before) === canonical(after)) return;
  const flag = which === 'primaryKey' ? 'primaryKey' : 'partitioned';
  // Point at the first property whose flag changed, else at the object (or its `primaryKey` list).
  const changed = [...after.filter((p) => !before.includes(p)), ...before.filter((p) => !after.includes(p))];
  let at: Place =
    which === 'primaryKey' && current.primaryKeyPath
      ? { path: current.primaryKeyPath, target: 'value' }
      : { path: current.path, target: 'key' };
  for (const dotted of changed) {
    const prop = findProperty(current.properties, dotted);
    if (prop) {
      const attr = prop.attrs.get(flag);
      at = attr ? { path: attr.path, target: 'value' } : { path: prop.path, target: 'key' };
      break;
    }
  }
  const list = (l: string[]) => (l.length ? l.map((p) => `\`${p}\``).join(', ') : '(none)');
  const label = which === 'primaryKey' ? 'primary key' : 'partitioning';
  out.push({
    rule: which === 'primaryKey' ? 'breaking/primary-key-changed' : 'breaking/partition-changed',
    path: name,
    before: base[which],
    after,
    breaks: !before.length ? B : !after.length ? F : FB,
    summary: `The ${label} of ${code(name)} changed from ${list(base[which])} to ${list(after)}.`,
    why:
      which === 'primaryKey'
        ? {
            forward: 'consumers join and deduplicate on the old key',
            backward: 'data written under the old contract may not be unique on the new key',
          }
        : {
            forward: 'consumers prune and locate files by the old partitioning',
            backward: 'data already written is laid out by the old partitioning',
          },
    action: `Changing the ${label} of \`${name}\``,
    at,
    scope: { schemaObject: base.name },
  });
}

function findProperty(list: readonly NProperty[], dotted: string): NProperty | undefined {
  for (const p of list) {
    if (p.name === dotted) return p;
    if (dotted.startsWith(p.name + '.')) {
      const found = findProperty(p.children, dotted.slice(p.name.length + 1));
      if (found) return found;
    }
  }
  return undefined;
}

// ---- properties ---------------------------------------------------------------------------------

interface ListContext {
  /** Schema object name in the new document (used in paths). */
  object: string;
  /** Schema object name in the base (what consumers refer to). */
  baseObject: string;
  /** Relative dotted name of the parent property ('' at the top). */
  prefix: string;
  /** Where the list is in the new document. */
  parent: Place;
}

function join(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}

function compareList(
  base: readonly NProperty[],
  current: readonly NProperty[],
  ctx: ListContext,
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
    const rel = join(ctx.prefix, old.name);
    const full = `${ctx.object}.${rel}`;
    const cur = now.get(old.name);
    if (cur) {
      compareProperty(old, cur, ctx, rel, renamed, out);
      continue;
    }
    const rename = renames.get(old);
    if (rename) {
      const to = rename.to;
      const newRel = join(ctx.prefix, to.name);
      renamed.set(rel, newRel);
      const required = to.attrs.get('required')?.value === true;
      const toAt: Place = to.namePath ? { path: to.namePath, target: 'value' } : { path: to.path, target: 'key' };
      if (isLogicalRename(old, to)) {
        out.push(
          logicalRename(
            old,
            to,
            full,
            rel,
            toAt,
            { schemaObject: ctx.baseObject, property: rel },
            { path: old.path, target: 'key' },
          ),
        );
        compareProperty(old, to, ctx, rel, renamed, out, newRel);
        continue;
      }
      out.push({
        rule: 'breaking/property-renamed',
        path: full,
        before: old.name,
        after: to.name,
        breaks: { forward: true, backward: required },
        summary: rename.definite
          ? `Property ${code(full)} was renamed to ${code(to.name)} (${rename.evidence}).`
          : `Property ${code(full)} is gone and ${code(`${ctx.object}.${newRel}`)} is new with ${rename.evidence}: renamed ${code(old.name)} to ${code(to.name)}?`,
        why: {
          forward: `consumers read it as \`${old.name}\``,
          backward: `data written under the old contract has no \`${to.name}\`, which is now required`,
        },
        action: `Renaming \`${rel}\``,
        at: to.namePath ? { path: to.namePath, target: 'value' } : { path: to.path, target: 'key' },
        scope: { schemaObject: ctx.baseObject, property: rel },
        was: { path: old.path, target: 'key' },
      });
      compareProperty(old, to, ctx, rel, renamed, out, newRel);
      continue;
    }
    out.push({
      rule: 'breaking/property-removed',
      path: full,
      before: describeProperty(old),
      after: null,
      breaks: F,
      summary: `Property ${code(full)}${describeShort(old)} was removed.`,
      why: { forward: 'consumers of the old contract still read it' },
      action: `Removing \`${rel}\``,
      at: ctx.parent,
      scope: { schemaObject: ctx.baseObject, property: rel },
      was: { path: old.path, target: 'key' },
    });
  }
  for (const cur of added) {
    if (renamedTo.has(cur)) continue;
    const rel = join(ctx.prefix, cur.name);
    const full = `${ctx.object}.${rel}`;
    const required = cur.attrs.get('required')?.value === true;
    out.push({
      rule: required ? 'breaking/property-added-required' : 'breaking/property-added-optional',
      path: full,
      before: null,
      after: describeProperty(cur),
      breaks: required ? B : NONE,
      summary: `Property ${code(full)}${describeShort(cur)} was added${required ? ' as required' : ' (optional)'}.`,
      why: { backward: 'data written under the old contract does not have it' },
      action: `Adding required \`${rel}\``,
      at: { path: cur.path, target: 'key' },
      scope: { schemaObject: ctx.baseObject, property: rel },
    });
  }
}

/** `{ type: string, required: true }`: what a removed or added property was, for the report. */
function describeProperty(p: NProperty): Record<string, unknown> {
  const out: Record<string, unknown> = { name: p.name };
  for (const [key, attr] of p.attrs) out[key] = attr.value;
  if (p.children.length) out.properties = p.children.map((c) => c.name);
  return out;
}

function describeShort(p: NProperty): string {
  const type = p.attrs.get('type')?.value;
  return typeof type === 'string' ? ` (${type})` : '';
}

/**
 * Compares a property with its new version. `rel` is its relative dotted name in the base (what
 * consumers refer to); `newRel` its name in the new document when it was renamed.
 */
function compareProperty(
  b: NProperty,
  c: NProperty,
  ctx: ListContext,
  rel: string,
  renamed: Map<string, string>,
  out: Change[],
  newRel = rel,
): void {
  const full = `${ctx.object}.${newRel}`;
  const scope = { schemaObject: ctx.baseObject, property: rel };
  const at = (attr: string): Place => {
    const a = c.attrs.get(attr);
    return a ? { path: a.path, target: 'value' } : { path: c.path, target: 'key' };
  };
  const leaf = `\`${newRel}\``;

  // A `$ref` that resolved and points nowhere now: one change, not one per attribute it carried.
  if (c.ref && !c.ref.resolved && (!b.ref || b.ref.resolved)) {
    out.push(definitionUnresolved(full, c.ref.value, b.ref?.value, { path: c.ref.path, target: 'value' }, scope));
    return;
  }

  // Types.
  const bt = b.attrs.get('type')?.value;
  const ct = c.attrs.get('type')?.value;
  if (bt !== ct && (typeof bt === 'string' || typeof ct === 'string')) {
    const direction: Direction =
      typeof bt !== 'string' ? 'narrower' : typeof ct !== 'string' ? 'wider' : logicalTypeDirection(bt, ct);
    const bs = b.attrs.get('type')?.shown ?? bt;
    const cs = c.attrs.get('type')?.shown ?? ct;
    if (direction !== 'equal') {
      out.push({
        rule: 'breaking/logical-type-changed',
        path: full,
        before: bs ?? null,
        after: cs ?? null,
        breaks: byDirection(direction),
        summary:
          typeof bt !== 'string'
            ? `Property ${code(full)} now declares type ${code(cs)}.`
            : typeof ct !== 'string'
              ? `Property ${code(full)} no longer declares its type (was ${code(bs)}).`
              : `The type of ${code(full)} changed from ${code(bs)} to ${code(cs)}${directionNote(direction)}.`,
        why: {
          forward: direction === 'wider' ? WHY_WIDER : 'consumers of the old contract read it as `' + String(bs) + '`',
          backward: 'data written under the old contract holds `' + String(bs ?? 'untyped') + '` values',
        },
        action: `Changing the type of ${leaf}`,
        at: at('type'),
        scope,
      });
    }
  }
  const physicalKeys = new Set([...b.attrs.keys(), ...c.attrs.keys()].filter((k) => k.startsWith('physicalType')));
  for (const key of physicalKeys) {
    const bp = b.attrs.get(key)?.value;
    const cp = c.attrs.get(key)?.value;
    if (typeof bp !== 'string' && typeof cp !== 'string') continue;
    const direction: Direction =
      typeof bp !== 'string' ? 'narrower' : typeof cp !== 'string' ? 'wider' : physicalTypeDirection(bp, cp);
    if (direction === 'equal') continue;
    const which = key === 'physicalType' ? 'physical type' : `\`${key.slice('physicalType:'.length)}\``;
    out.push({
      rule: 'breaking/physical-type-changed',
      path: full,
      before: bp ?? null,
      after: cp ?? null,
      breaks: byDirection(direction),
      summary:
        typeof bp !== 'string'
          ? `Property ${code(full)} now declares the ${which} ${code(cp)}.`
          : typeof cp !== 'string'
            ? `Property ${code(full)} no longer declares its ${which} (was ${code(bp)}).`
            : `The ${which} of ${code(full)} changed from ${code(bp)} to ${code(cp)}${directionNote(direction)}.`,
      why: {
        forward:
          direction === 'wider'
            ? 'consumers of the old contract may receive values that do not fit their columns'
            : `consumers of the old contract expect \`${String(bp)}\``,
        backward: `data written under the old contract may not fit \`${String(cp)}\``,
      },
      action: `Changing the ${which} of ${leaf}`,
      at: at(key),
      scope,
    });
  }

  // Nullability and uniqueness.
  flagChange(b, c, 'required', full, leaf, scope, at('required'), out);
  flagChange(b, c, 'unique', full, leaf, scope, at('unique'), out);

  // Classification.
  const bc = b.attrs.get('classification')?.value;
  const cc = c.attrs.get('classification')?.value;
  const br = classificationRank(bc);
  const cr = classificationRank(cc);
  if (br !== undefined && (cr === undefined ? cc === undefined : cr < br)) {
    out.push({
      rule: 'breaking/classification-lowered',
      path: full,
      before: bc,
      after: cc ?? null,
      breaks: FB,
      summary:
        cc === undefined
          ? `Property ${code(full)} lost its classification ${code(bc)}.`
          : `The classification of ${code(full)} was lowered from ${code(bc)} to ${code(cc)}.`,
      why: {
        forward: 'consumers would handle data that is still sensitive with fewer controls',
        backward: `data already written as \`${String(bc)}\` would be handled as \`${String(cc ?? 'unclassified')}\``,
      },
      action: `Lowering the classification of ${leaf}`,
      at: at('classification'),
      scope,
    });
  }
  if (b.attrs.get('pii')?.value === true && c.attrs.get('pii')?.value !== true) {
    out.push({
      rule: 'breaking/classification-lowered',
      path: full,
      before: { pii: true },
      after: { pii: c.attrs.get('pii')?.value ?? null },
      breaks: FB,
      summary: `Property ${code(full)} is no longer marked as personal data (\`pii: true\` → ${code(c.attrs.get('pii')?.value ?? '(unset)')}).`,
      why: {
        forward: 'consumers would stop protecting personal data',
        backward: 'data already written holds personal data',
      },
      action: `Unmarking ${leaf} as personal data`,
      at: at('pii'),
      scope,
    });
  }

  // Physical name: the column itself is renamed.
  const bn = b.attrs.get('physicalName')?.value;
  const cn = c.attrs.get('physicalName')?.value;
  if (typeof bn === 'string' && typeof cn === 'string' && bn !== cn) {
    out.push({
      rule: 'breaking/property-renamed',
      path: full,
      before: bn,
      after: cn,
      breaks: { forward: true, backward: c.attrs.get('required')?.value === true },
      summary: `The physical name of ${code(full)} changed from ${code(bn)} to ${code(cn)}: the column is renamed in the data source.`,
      why: { forward: `consumers query the column \`${bn}\``, backward: `data already written is stored in \`${bn}\`` },
      action: `Renaming the column of ${leaf}`,
      at: at('physicalName'),
      scope,
    });
  }

  compareConstraints(b, c, full, leaf, scope, at, out);
  compareEnum(b, c, full, leaf, scope, at, out);
  compareQuality(b.quality, c.quality, `property \`${full}\``, full, scope, { path: c.path, target: 'key' }, out);

  // Nested properties, array elements, map parts.
  compareList(
    b.children,
    c.children,
    {
      object: ctx.object,
      baseObject: ctx.baseObject,
      prefix: newRel,
      parent: c.childrenPath ? { path: c.childrenPath, target: 'key' } : { path: c.path, target: 'key' },
    },
    renamed,
    out,
  );
  if (b.items && c.items) compareProperty(b.items, c.items, ctx, `${rel}[]`, renamed, out, `${newRel}[]`);
  if (b.mapKey && c.mapKey) compareProperty(b.mapKey, c.mapKey, ctx, `${rel}[key]`, renamed, out, `${newRel}[key]`);
  if (b.mapValue && c.mapValue)
    compareProperty(b.mapValue, c.mapValue, ctx, `${rel}[value]`, renamed, out, `${newRel}[value]`);
}

function directionNote(direction: Direction): string {
  return direction === 'wider'
    ? ' (wider: it accepts more values)'
    : direction === 'narrower'
      ? ' (narrower: it accepts fewer values)'
      : '';
}

function flagChange(
  b: NProperty,
  c: NProperty,
  flag: 'required' | 'unique',
  full: string,
  leaf: string,
  scope: Change['scope'],
  at: Place,
  out: Change[],
): void {
  const before = b.attrs.get(flag)?.value === true;
  const after = c.attrs.get(flag)?.value === true;
  if (before === after) return;
  const word = flag === 'required' ? (after ? 'required' : 'optional') : after ? 'unique' : 'no longer unique';
  out.push({
    rule: flag === 'required' ? 'breaking/required-changed' : 'breaking/unique-changed',
    path: full,
    before,
    after,
    breaks: after ? B : F,
    summary:
      flag === 'required'
        ? `Property ${code(full)} is now ${word} (\`required: ${before}\` → \`${after}\`).`
        : `Property ${code(full)} is now ${word} (\`unique: ${before}\` → \`${after}\`).`,
    why:
      flag === 'required'
        ? {
            forward: 'consumers of the old contract do not expect missing values',
            backward: 'data written under the old contract may have missing values',
          }
        : {
            forward: 'consumers of the old contract rely on distinct values',
            backward: 'data written under the old contract may repeat values',
          },
    action: flag === 'required' ? `Making ${leaf} ${word}` : `Changing the uniqueness of ${leaf}`,
    at,
    scope,
  });
}

// ---- constraints --------------------------------------------------------------------------------

const LOWER_BOUNDS = new Set(['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties']);
const UPPER_BOUNDS = new Set(['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties']);
const CONSTRAINT_ORDER = [
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'requiredProperties',
  'timezone',
  'defaultTimezone',
];

function compareConstraints(
  b: NProperty,
  c: NProperty,
  full: string,
  leaf: string,
  scope: Change['scope'],
  at: (attr: string) => Place,
  out: Change[],
): void {
  const type = (c.attrs.get('type')?.value ?? b.attrs.get('type')?.value) as string | undefined;
  for (const name of CONSTRAINT_ORDER) {
    const ba = b.attrs.get(name);
    const ca = c.attrs.get(name);
    if (!ba && !ca) continue;
    const direction = constraintDirection(name, ba, ca, type);
    if (direction === 'equal') continue;
    const rule: BreakingRuleId =
      direction === 'narrower'
        ? 'breaking/constraint-tightened'
        : direction === 'wider'
          ? 'breaking/constraint-loosened'
          : 'breaking/constraint-changed';
    const shown = name === 'requiredProperties' ? 'required' : name;
    out.push({
      rule,
      path: full,
      before: ba ? { [shown]: ba.value } : null,
      after: ca ? { [shown]: ca.value } : null,
      breaks: byDirection(direction),
      summary: !ba
        ? `Property ${code(full)} gained the constraint \`${shown}: ${fmt(ca!.value)}\`.`
        : !ca
          ? `Property ${code(full)} lost the constraint \`${shown}: ${fmt(ba.value)}\`.`
          : `The constraint \`${shown}\` of ${code(full)} changed from \`${fmt(ba.value)}\` to \`${fmt(ca.value)}\`${direction === 'other' ? ' (neither accepts all the values of the other)' : ''}.`,
      why: { forward: WHY_WIDER, backward: WHY_NARROWER },
      action: `${direction === 'narrower' ? 'Tightening' : direction === 'wider' ? 'Loosening' : 'Changing'} \`${shown}\` of ${leaf}`,
      at: ca ? at(name) : { path: c.path, target: 'key' },
      scope,
    });
  }
}

function fmt(value: unknown): string {
  return typeof value === 'string' ? value : canonical(value);
}

const INT_FORMATS: Record<string, [number, boolean]> = {
  i8: [8, true],
  i16: [16, true],
  i32: [32, true],
  i64: [64, true],
  i128: [128, true],
  u8: [8, false],
  u16: [16, false],
  u32: [32, false],
  u64: [64, false],
  u128: [128, false],
};

function constraintDirection(
  name: string,
  ba: Attr | undefined,
  ca: Attr | undefined,
  type: string | undefined,
): Direction {
  const bv = ba?.value;
  const cv = ca?.value;
  if (canonical(bv) === canonical(cv)) return 'equal';
  if (LOWER_BOUNDS.has(name) || UPPER_BOUNDS.has(name)) {
    if (ba === undefined) return 'narrower';
    if (ca === undefined) return 'wider';
    const order = orderOf(bv, cv);
    if (order === undefined) return 'other';
    if (order === 0) return 'equal';
    // A lower bound going up, or an upper bound going down, accepts fewer values.
    return LOWER_BOUNDS.has(name) === order > 0 ? 'narrower' : 'wider';
  }
  if (name === 'format' && typeof bv === 'string' && typeof cv === 'string') {
    const bi = INT_FORMATS[bv];
    const ci = INT_FORMATS[cv];
    if (bi && ci) return intFormatDirection(bi, ci);
    if ((bv === 'f32' || bv === 'f64') && (cv === 'f32' || cv === 'f64')) return cv === 'f64' ? 'wider' : 'narrower';
  }
  if (name === 'format' && type === 'integer') {
    // An integer without `format` is i32.
    const bi = INT_FORMATS[typeof bv === 'string' ? bv : 'i32'];
    const ci = INT_FORMATS[typeof cv === 'string' ? cv : 'i32'];
    if (bi && ci) return intFormatDirection(bi, ci);
  }
  if (name === 'uniqueItems') return cv === true ? 'narrower' : bv === true ? 'wider' : 'equal';
  if (name === 'multipleOf') {
    if (ba === undefined) return 'narrower';
    if (ca === undefined) return 'wider';
    if (typeof bv === 'number' && typeof cv === 'number' && bv > 0 && cv > 0) {
      if (isMultiple(cv, bv)) return 'narrower';
      if (isMultiple(bv, cv)) return 'wider';
    }
    return 'other';
  }
  if (name === 'requiredProperties') {
    const bs = new Set(Array.isArray(bv) ? bv.map(String) : []);
    const cs = new Set(Array.isArray(cv) ? cv.map(String) : []);
    const bInC = [...bs].every((x) => cs.has(x));
    const cInB = [...cs].every((x) => bs.has(x));
    return bInC && cInB ? 'equal' : bInC ? 'narrower' : cInB ? 'wider' : 'other';
  }
  if (name === 'timezone' || name === 'defaultTimezone') return 'other';
  // pattern, format: a new one restricts, a dropped one frees, a different one is neither.
  if (ba === undefined) return 'narrower';
  if (ca === undefined) return 'wider';
  return 'other';
}

function intFormatDirection([bBits, bSigned]: [number, boolean], [cBits, cSigned]: [number, boolean]): Direction {
  if (bBits === cBits && bSigned === cSigned) return 'equal';
  const contains = (outer: [number, boolean], inner: [number, boolean]) =>
    outer[1] === inner[1] ? outer[0] >= inner[0] : outer[1] && !inner[1] ? outer[0] > inner[0] : false;
  if (contains([cBits, cSigned], [bBits, bSigned])) return 'wider';
  if (contains([bBits, bSigned], [cBits, cSigned])) return 'narrower';
  return 'other';
}

function isMultiple(value: number, of: number): boolean {
  const ratio = value / of;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}

/** Numbers, or dates/times written as text; undefined when they cannot be ordered. */
function orderOf(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(b - a);
  if (typeof a === 'string' && typeof b === 'string') {
    const da = Date.parse(a);
    const db = Date.parse(b);
    if (!Number.isNaN(da) && !Number.isNaN(db)) return Math.sign(db - da);
    const na = Number(a);
    const nb = Number(b);
    if (a.trim() && b.trim() && !Number.isNaN(na) && !Number.isNaN(nb)) return Math.sign(nb - na);
  }
  return undefined;
}

function compareEnum(
  b: NProperty,
  c: NProperty,
  full: string,
  leaf: string,
  scope: Change['scope'],
  at: (attr: string) => Place,
  out: Change[],
): void {
  const ba = b.attrs.get('enum');
  const ca = c.attrs.get('enum');
  if (!ba && !ca) return;
  const values = (a: Attr | undefined) => (Array.isArray(a?.value) ? (a!.value as unknown[]) : []);
  if (!ba || !ca) {
    const list = values(ba ?? ca);
    out.push({
      rule: ba ? 'breaking/constraint-loosened' : 'breaking/constraint-tightened',
      path: full,
      before: ba ? { enum: list } : null,
      after: ca ? { enum: list } : null,
      breaks: ba ? F : B,
      summary: ba
        ? `Property ${code(full)} no longer restricts its values to ${listOf(list)}.`
        : `Property ${code(full)} now restricts its values to ${listOf(list)}.`,
      why: { forward: WHY_WIDER, backward: WHY_NARROWER },
      action: ba ? `Dropping the allowed values of ${leaf}` : `Restricting the values of ${leaf}`,
      at: ca ? at('enum') : { path: c.path, target: 'key' },
      scope,
    });
    return;
  }
  const key = (v: unknown) => canonical(v);
  const before = values(ba);
  const after = values(ca);
  const afterKeys = new Set(after.map(key));
  const beforeKeys = new Set(before.map(key));
  const gone = before.filter((v) => !afterKeys.has(key(v)));
  const fresh = after.filter((v) => !beforeKeys.has(key(v)));
  if (gone.length) {
    out.push({
      rule: 'breaking/enum-value-removed',
      path: full,
      before: gone,
      after: null,
      breaks: B,
      summary: `Property ${code(full)} no longer allows ${listOf(gone)}.`,
      why: { backward: `data written under the old contract may hold ${listOf(gone)}` },
      action: `Removing ${listOf(gone)} from ${leaf}`,
      at: at('enum'),
      scope,
    });
  }
  if (fresh.length) {
    // Point at the first new entry.
    const index = after.findIndex((v) => !beforeKeys.has(key(v)));
    out.push({
      rule: 'breaking/enum-value-added',
      path: full,
      before: null,
      after: fresh,
      breaks: F,
      summary: `Property ${code(full)} now also allows ${listOf(fresh)}.`,
      why: { forward: `consumers of the old contract do not handle ${listOf(fresh)}` },
      action: `Adding ${listOf(fresh)} to ${leaf}`,
      at: { path: [...ca.path, index], target: 'value' },
      scope,
    });
  }
}

function listOf(values: readonly unknown[]): string {
  const shown = values
    .slice(0, 5)
    .map((v) => `\`${fmt(v)}\``)
    .join(', ');
  return values.length > 5 ? `${shown} and ${values.length - 5} more` : shown;
}

// ---- quality ------------------------------------------------------------------------------------

interface Interval {
  lo: number;
  loOpen: boolean;
  hi: number;
  hiOpen: boolean;
}

function thresholdInterval(t: Record<string, unknown>): Interval | undefined | 'unknown' {
  const keys = Object.keys(t);
  if (!keys.length) return undefined;
  const iv: Interval = { lo: -Infinity, loOpen: false, hi: Infinity, hiOpen: false };
  const lower = (v: number, open: boolean) => {
    if (v > iv.lo || (v === iv.lo && open)) {
      iv.lo = v;
      iv.loOpen = open;
    }
  };
  const upper = (v: number, open: boolean) => {
    if (v < iv.hi || (v === iv.hi && open)) {
      iv.hi = v;
      iv.hiOpen = open;
    }
  };
  for (const [key, v] of Object.entries(t)) {
    const pair =
      Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number'
        ? (v as [number, number])
        : undefined;
    if (key === 'mustBeBetween' && pair) {
      lower(pair[0], false);
      upper(pair[1], false);
      continue;
    }
    if (typeof v !== 'number') return 'unknown';
    switch (key) {
      case 'mustBe':
        lower(v, false);
        upper(v, false);
        break;
      case 'mustBeGreaterThan':
        lower(v, true);
        break;
      case 'mustBeGreaterOrEqualTo':
      case 'mustBeGreaterThanOrEqualTo':
        lower(v, false);
        break;
      case 'mustBeLessThan':
        upper(v, true);
        break;
      case 'mustBeLessOrEqualTo':
      case 'mustBeLessThanOrEqualTo':
        upper(v, false);
        break;
      default:
        return 'unknown';
    }
  }
  return iv;
}

function contains(outer: Interval, inner: Interval): boolean {
  const loOk = outer.lo < inner.lo || (outer.lo === inner.lo && (!outer.loOpen || inner.loOpen));
  const hiOk = outer.hi > inner.hi || (outer.hi === inner.hi && (!outer.hiOpen || inner.hiOpen));
  return loOk && hiOk;
}

function thresholdDirection(before: Record<string, unknown>, after: Record<string, unknown>): Direction {
  if (canonical(before) === canonical(after)) return 'equal';
  const b = thresholdInterval(before);
  const a = thresholdInterval(after);
  if (b === 'unknown' || a === 'unknown') return 'other';
  if (b === undefined) return 'narrower'; // a threshold where there was none
  if (a === undefined) return 'wider';
  const wider = contains(a, b);
  const narrower = contains(b, a);
  return wider && narrower ? 'equal' : wider ? 'wider' : narrower ? 'narrower' : 'other';
}

function showThresholds(t: Record<string, unknown>): string {
  const entries = Object.entries(t);
  return entries.length ? entries.map(([k, v]) => `${k}: ${fmt(v)}`).join(', ') : 'no threshold';
}

function compareQuality(
  base: readonly NQuality[],
  current: readonly NQuality[],
  owner: string,
  path: string,
  scope: Change['scope'],
  parent: Place,
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
  const qpath = path ? `${path}.quality` : 'quality';
  for (const old of base) {
    const cur = now.get(old.key) ?? partner(old);
    if (!cur) {
      out.push({
        rule: 'breaking/quality-removed',
        path: qpath,
        before: old.label,
        after: null,
        breaks: F,
        summary: `The quality check ${old.label} of ${owner} was removed.`,
        why: { forward: 'consumers rely on the check passing' },
        action: `Removing the check ${old.label}`,
        at: parent,
        scope,
        was: { path: old.path, target: 'key' },
      });
      continue;
    }
    if (old.body !== cur.body) {
      out.push({
        rule: 'breaking/quality-changed',
        path: qpath,
        before: JSON.parse(old.body),
        after: JSON.parse(cur.body),
        breaks: FB,
        summary: `The quality check ${cur.label} of ${owner} checks something else now (its definition changed); Pactline cannot tell whether it is stricter or looser.`,
        why: {
          forward: 'consumers rely on what the old check guaranteed',
          backward: 'data written under the old contract may fail the new check',
        },
        action: `Changing the check ${cur.label}`,
        at: { path: cur.path, target: 'key' },
        scope,
      });
      continue;
    }
    const direction = thresholdDirection(old.thresholds, cur.thresholds);
    if (direction === 'equal') {
      if (old.raw !== cur.raw) out.push(rewritten(old, cur, owner, qpath, scope));
      continue;
    }
    out.push({
      rule:
        direction === 'wider'
          ? 'breaking/quality-relaxed'
          : direction === 'narrower'
            ? 'breaking/quality-tightened'
            : 'breaking/quality-changed',
      path: qpath,
      before: old.thresholds,
      after: cur.thresholds,
      breaks: byDirection(direction),
      summary: `The threshold of the quality check ${cur.label} of ${owner} changed from \`${showThresholds(old.thresholds)}\` to \`${showThresholds(cur.thresholds)}\`${direction === 'wider' ? ' (more lenient)' : direction === 'narrower' ? ' (stricter)' : ''}.`,
      why: {
        forward: 'consumers rely on the stricter guarantee',
        backward: 'data written under the old contract may fail the stricter check',
      },
      action: `${direction === 'wider' ? 'Relaxing' : direction === 'narrower' ? 'Tightening' : 'Changing'} the check ${cur.label}`,
      at: thresholdPlace(cur),
      scope,
    });
  }
  for (const cur of current) {
    if (then.has(cur.key) || pairedNew.has(cur)) continue;
    out.push({
      rule: 'breaking/quality-added',
      path: qpath,
      before: null,
      after: cur.label,
      breaks: B,
      summary: `The quality check ${cur.label} was added to ${owner}.`,
      why: { backward: 'data written under the old contract may fail it' },
      action: `Adding the check ${cur.label}`,
      at: { path: cur.path, target: 'key' },
      scope,
    });
  }
}

function thresholdPlace(q: NQuality): Place {
  const key = Object.keys(q.thresholds)[0];
  return key ? { path: [...q.path, key], target: 'value' } : { path: q.path, target: 'key' };
}

// ---- renames ------------------------------------------------------------------------------------

interface Rename<T> {
  to: T;
  definite: boolean;
  /** For the message: "the same id `p1`", "the same type and a similar name". */
  evidence: string;
  score: number;
}

type Evidence<T> = (from: T, to: T, onlyPair: boolean) => Omit<Rename<T>, 'to'> | undefined;

/** Pairs removed and added items that are most likely the same thing renamed (best evidence first). */
function matchRenames<T>(removed: readonly T[], added: readonly T[], evidence: Evidence<T>): Map<T, Rename<T>> {
  const out = new Map<T, Rename<T>>();
  if (!removed.length || !added.length) return out;
  const onlyPair = removed.length === 1 && added.length === 1;
  const candidates: { from: T; rename: Rename<T> }[] = [];
  for (const from of removed) {
    for (const to of added) {
      const e = evidence(from, to, onlyPair);
      if (e) candidates.push({ from, rename: { ...e, to } });
    }
  }
  candidates.sort((a, b) => b.rename.score - a.rename.score);
  const taken = new Set<T>();
  for (const { from, rename } of candidates) {
    if (out.has(from) || taken.has(rename.to)) continue;
    out.set(from, rename);
    taken.add(rename.to);
  }
  return out;
}

/** Words of an identifier: `custId`, `cust_id`, `cust-id` → `cust`, `id`. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** 0..1: how alike two names are (shared words, abbreviations, typos). */
export function nameSimilarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  let matched = 0;
  const used = new Set<number>();
  for (const x of wa) {
    const j = wb.findIndex(
      (y, k) =>
        !used.has(k) &&
        (x === y ||
          (Math.min(x.length, y.length) >= 2 && (x.startsWith(y) || y.startsWith(x))) ||
          (Math.min(x.length, y.length) >= 4 && editDistance(x, y) <= 1)),
    );
    if (j >= 0) {
      used.add(j);
      matched++;
    }
  }
  const byWords = wa.length + wb.length ? (2 * matched) / (wa.length + wb.length) : 0;
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  const byChars = 1 - editDistance(la, lb) / Math.max(la.length, lb.length, 1);
  return Math.max(byWords, byChars);
}

/** What a property is, names and metadata aside. */
function signature(p: NProperty): string {
  const attrs: Record<string, unknown> = {};
  for (const [k, a] of p.attrs)
    if (k !== 'physicalName' && k !== 'primaryKeyPosition' && k !== 'partitionKeyPosition') attrs[k] = a.value;
  return canonical({
    attrs,
    children: p.children.map((c) => [c.name, signature(c)]),
    items: p.items && signature(p.items),
  });
}

function propertyRenameEvidence(
  from: NProperty,
  to: NProperty,
  onlyPair: boolean,
): Omit<Rename<NProperty>, 'to'> | undefined {
  if (from.id && from.id === to.id) return { definite: true, evidence: `same id \`${from.id}\``, score: 10 };
  const fp = from.attrs.get('physicalName')?.value;
  if (typeof fp === 'string' && fp === to.attrs.get('physicalName')?.value)
    return { definite: true, evidence: `same physical name \`${fp}\``, score: 9 };
  // The old name is the column the new property declares it is stored in: the same column, renamed in the model only.
  const tp = to.attrs.get('physicalName')?.value;
  if (typeof tp === 'string' && physicalColumn(from) === tp)
    return { definite: true, evidence: `stored in the same column \`${tp}\``, score: 9 };
  if (from.attrs.get('type')?.value !== to.attrs.get('type')?.value) return undefined;
  const similarity = nameSimilarity(from.name, to.name);
  const sameShape = signature(from) === signature(to);
  if (similarity >= 0.5 || (onlyPair && sameShape && similarity >= 0.3)) {
    return {
      definite: false,
      evidence: sameShape ? 'the same definition and a similar name' : 'the same type and a similar name',
      score: similarity + (sameShape ? 1 : 0),
    };
  }
  return undefined;
}

function objectRenameEvidence(from: NObject, to: NObject, onlyPair: boolean): Omit<Rename<NObject>, 'to'> | undefined {
  if (from.id && from.id === to.id) return { definite: true, evidence: `same id \`${from.id}\``, score: 10 };
  if (from.physicalName && from.physicalName === to.physicalName)
    return { definite: true, evidence: `same physical name \`${from.physicalName}\``, score: 9 };
  const a = new Set(from.properties.map((p) => p.name));
  const b = new Set(to.properties.map((p) => p.name));
  if (!a.size || !b.size) return undefined;
  const shared = [...a].filter((n) => b.has(n)).length;
  const jaccard = shared / (a.size + b.size - shared);
  const similarity = nameSimilarity(from.name, to.name);
  if (jaccard >= 0.6 && (similarity >= 0.4 || onlyPair)) {
    return { definite: false, evidence: `${shared} of its ${a.size} properties`, score: jaccard + similarity };
  }
  return undefined;
}
