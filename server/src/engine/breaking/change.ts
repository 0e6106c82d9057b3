// What a breaking-change rule reports: a CHANGE, one named kind of the catalogue with which
// compatibility it breaks, a one-sentence summary, and where it is in the new document (and, for
// what was removed, where it was in the base document). Shared by the rules (./rules/) and the
// driver (./compare.ts); verdicts, severities and impact are decided later (./index.ts).
import type { DataPath } from '../workspace';
import { canonical, type NProperty } from './model';
import type { Direction } from './typeRules';

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

export interface Change<Id extends `breaking/${string}` = `breaking/${string}`> {
  rule: Id;
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

/** Where a rule puts its changes: it may only emit the ids it declares (checked by the compiler). */
export interface Sink<Id extends `breaking/${string}`> {
  push(change: Change<Id>): unknown;
}

export const F: Breaks = { forward: true, backward: false };
export const B: Breaks = { forward: false, backward: true };
export const FB: Breaks = { forward: true, backward: true };
export const NONE: Breaks = { forward: false, backward: false };

export function byDirection(direction: Direction): Breaks {
  return direction === 'wider' ? F : direction === 'narrower' ? B : direction === 'other' ? FB : NONE;
}

export function directionNote(direction: Direction): string {
  return direction === 'wider'
    ? ' (wider: it accepts more values)'
    : direction === 'narrower'
      ? ' (narrower: it accepts fewer values)'
      : '';
}

export const WHY_WIDER = 'consumers of the old contract can now receive values it did not allow';
export const WHY_NARROWER = 'data written under the old contract may break the new rule';

/** A value in backticks, as messages show it. */
export { code } from '../markdown';

export function fmt(value: unknown): string {
  return typeof value === 'string' ? value : canonical(value);
}

/** Up to five values in backticks, then how many more. */
export function listOf(values: readonly unknown[]): string {
  const shown = values
    .slice(0, 5)
    .map((v) => `\`${fmt(v)}\``)
    .join(', ');
  return values.length > 5 ? `${shown} and ${values.length - 5} more` : shown;
}

/** `{ type: string, required: true }`: what a removed or added property was, for the report. */
export function describeProperty(p: NProperty): Record<string, unknown> {
  const out: Record<string, unknown> = { name: p.name };
  for (const [key, attr] of p.attrs) out[key] = attr.value;
  if (p.children.length) out.properties = p.children.map((c) => c.name);
  return out;
}

/** ` (string)`: a property's type for a message, or nothing. */
export function describeShort(p: NProperty): string {
  const type = p.attrs.get('type')?.value;
  return typeof type === 'string' ? ` (${type})` : '';
}
