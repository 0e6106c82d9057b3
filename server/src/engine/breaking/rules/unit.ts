// A breaking-change rule as a small unit, as bufbuild/buf writes its breaking rules: its id, default
// severity, one-line doc and verdict (the catalogue, engine/rules.ts and the README table read them
// from here), and its checks. A unit covers one rule, or a family whose kinds one check decides
// (constraint tightened / loosened / changed). The driver (../compare.ts) pairs the elements of two
// versions of a contract (contract, SLAs, quality checks, schema objects, properties, servers; renames
// found first) and calls, for each pair, the hooks the units register for that element, in the order
// the units are listed in ./index.ts. A unit may only emit the ids it declares (`Sink<Id>`).
import type { Severity } from '../../types';
import type { Change, Place, Sink } from '../change';
import type { NContract, NObject, NProperty, NQuality, NSla } from '../model';
import type { Rename } from '../renames';
import type { NServer } from './server';

/** Which compatibility a kind breaks (see catalogue.ts, VERDICTS). */
export type Verdict = 'F' | 'B' | 'FB' | 'dir' | '-';

export type BreakingId = `breaking/${string}`;

export interface RuleDoc<Id extends BreakingId = BreakingId> {
  readonly id: Id;
  readonly severity: Severity;
  /** One line: what it finds and which compatibility it breaks. */
  readonly description: string;
  /** `F` forward, `B` backward, `FB` both, `dir` by the direction of the change, `-` never. */
  readonly verdict: Verdict;
}

/** A quality check's owner: the contract, a schema object or a property. */
export interface QualityContext {
  /** For messages: "the contract", "schema object `orders`", "property `orders.id`". */
  owner: string;
  /** The change's path: `quality`, `orders.quality`. */
  path: string;
  scope: Change['scope'];
  /** Where the owner's list is in the new document (for what was removed). */
  parent: Place;
}

/** Where a property list is: its schema object and parent property. */
export interface ListContext {
  /** Schema object name in the new document (used in paths). */
  object: string;
  /** Schema object name in the base (what consumers refer to). */
  baseObject: string;
  /** Relative dotted name of the parent property ('' at the top). */
  prefix: string;
  /** Where the list is in the new document. */
  parent: Place;
}

/** One property of a list: its names and what a change of it touches. */
export interface PropertyContext extends ListContext {
  /** Relative dotted name in the base (for an added property: in the new document). */
  rel: string;
  /** Relative dotted name in the new document (differs from `rel` after a rename). */
  newRel: string;
  /** As reported: `object.rel` (removed, renamed, added), `object.newRel` (changed). */
  full: string;
  scope: Change['scope'];
}

/** A property and its new version. */
export interface PropertyPairContext extends PropertyContext {
  /** `\`newRel\``, for action phrases. */
  leaf: string;
  /** Where an attribute of the new version is (the property itself when it has none). */
  at(attr: string): Place;
}

/** What a unit checks, per element the driver pairs. `changed` returning `'stop'` ends the pair's comparison. */
export interface Checks<Id extends BreakingId> {
  contract?: {
    changed?(base: NContract, current: NContract, out: Sink<Id>): void;
    /** The base declares a contract id no current file does (`stillThere`: the same file, with another id). */
    removed?(old: NContract, stillThere: NContract | undefined, baseLabel: string, out: Sink<Id>): void;
  };
  sla?: {
    removed?(old: NSla, current: NContract, out: Sink<Id>): void;
    changed?(old: NSla, cur: NSla, current: NContract, out: Sink<Id>): void;
  };
  quality?: {
    removed?(old: NQuality, ctx: QualityContext, out: Sink<Id>): void;
    changed?(old: NQuality, cur: NQuality, ctx: QualityContext, out: Sink<Id>): void;
    added?(cur: NQuality, ctx: QualityContext, out: Sink<Id>): void;
  };
  object?: {
    removed?(old: NObject, current: NContract, out: Sink<Id>): void;
    renamed?(old: NObject, rename: Rename<NObject>, out: Sink<Id>): void;
    /** After its properties; `renamed` maps their renames (base relative name → new). */
    changed?(old: NObject, cur: NObject, renamed: ReadonlyMap<string, string>, out: Sink<Id>): void;
  };
  property?: {
    removed?(old: NProperty, ctx: PropertyContext, out: Sink<Id>): void;
    renamed?(old: NProperty, rename: Rename<NProperty>, ctx: PropertyContext, out: Sink<Id>): void;
    changed?(old: NProperty, cur: NProperty, ctx: PropertyPairContext, out: Sink<Id>): void | 'stop';
    added?(cur: NProperty, ctx: PropertyContext, out: Sink<Id>): void;
  };
  server?: {
    removed?(old: NServer, current: NContract, out: Sink<Id>): void;
    changed?(old: NServer, cur: NServer, current: NContract, out: Sink<Id>): void;
    added?(cur: NServer, current: NContract, out: Sink<Id>): void;
  };
}

export interface RuleUnit<Id extends BreakingId = BreakingId> {
  readonly rules: readonly RuleDoc<Id>[];
  readonly checks: Checks<Id>;
}

/** A unit: its rules' docs (ids kept as literal types for the catalogue) and its checks. */
export function ruleUnit<const R extends readonly RuleDoc[]>(
  rules: R,
  checks: Checks<R[number]['id']>,
): { readonly rules: R; readonly checks: Checks<R[number]['id']> } {
  return { rules, checks };
}
