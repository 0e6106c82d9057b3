// Which removed item and which added item are the same thing renamed: schema objects (same id or
// physical name, most properties in common) and properties (same id, physical name or stored column,
// or the same type and a similar name). The driver (./compare.ts) pairs them before the rules run;
// the rename rules (./rules/) report the pairs.
import { editDistance } from '../similarity';
import { canonical, type NObject, type NProperty } from './model';

/** The column a property is stored in: its `physicalName`, else its name. */
export function physicalColumn(p: NProperty): string {
  const declared = p.attrs.get('physicalName')?.value;
  return typeof declared === 'string' ? declared : p.name;
}

/** Whether a rename from `old` to `cur` keeps the stored column (a logical rename). */
export function isLogicalRename(old: NProperty, cur: NProperty): boolean {
  return old.name !== cur.name && physicalColumn(old) === physicalColumn(cur);
}

export interface Rename<T> {
  to: T;
  definite: boolean;
  /** For the message: "the same id `p1`", "the same type and a similar name". */
  evidence: string;
  score: number;
}

type Evidence<T> = (from: T, to: T, onlyPair: boolean) => Omit<Rename<T>, 'to'> | undefined;

/** Pairs removed and added items that are most likely the same thing renamed (best evidence first). */
export function matchRenames<T>(removed: readonly T[], added: readonly T[], evidence: Evidence<T>): Map<T, Rename<T>> {
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

export function propertyRenameEvidence(
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

export function objectRenameEvidence(
  from: NObject,
  to: NObject,
  onlyPair: boolean,
): Omit<Rename<NObject>, 'to'> | undefined {
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
