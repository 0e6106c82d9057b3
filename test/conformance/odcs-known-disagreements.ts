// Mutations of the official ODCS examples on which our generated schema and the official one give
// a different verdict ON PURPOSE. odcs-agreement.test.ts fails on any disagreement not listed
// here, and on any listed one that no longer occurs (so the list never goes stale).

export type Verdict = 'accept' | 'reject';

export interface OdcsKnownDisagreement {
  /** The mutated example, relative to ../shared/conformance/odcs/. */
  file: string;
  /** The mutation exactly as the test prints it. */
  mutation: string;
  ours: Verdict;
  official: Verdict;
  /** Why our verdict is the right one. */
  why: string;
}

// All current entries have one cause. In the official v3.2.0 schema (dev-v3.2.0 @ 68aca3cf) the
// `logicalType: map` rule is `if: {properties: {logicalType: {const: map}}}` without
// `required: [logicalType]`, so it also fires when `logicalType` is absent. Upstream fixed it by
// adding the guard (bitol-io/open-data-contract-standard#322, PRs #324 and #328); our schema has
// the fixed rule. With the fix applied to the official schema, both agree on every mutation.

const NO_LOGICAL_TYPE_NEEDS_NO_MAP =
  'A v3.2.0 property (or array item, map key/value) without `logicalType` is valid; the official ' +
  'v3.2.0 schema demands a `map` block on it only because its map rule lacks `required: [logicalType]`, ' +
  'a bug fixed upstream (bitol-io/open-data-contract-standard#322).';

const MAP_NEEDS_LOGICAL_TYPE =
  'A `map` block belongs to `logicalType: map`; with the upstream fix of the map rule ' +
  '(bitol-io/open-data-contract-standard#322) a `map` on a property without `logicalType` is an ' +
  'unknown key. The unfixed official v3.2.0 schema lets it through only because its map rule fires vacuously.';

export const ODCS_KNOWN_DISAGREEMENTS: OdcsKnownDisagreement[] = [
  {
    file: 'v3.2.0/valid/all/full-example.odcs.yaml',
    mutation: 'drop-logical-type /schema/0/properties/2/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'v3.2.0/valid/authoritative-definitions/authoritative-definitions.odcs.yaml',
    mutation: 'drop-logical-type /schema/0/properties/0/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'v3.2.0/valid/custom-other-properties/custom-properties.odcs.yaml',
    mutation: 'drop-logical-type /schema/0/properties/1/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'v3.2.0/valid/pricing/basic-pricing.odcs.yaml',
    mutation: 'drop-logical-type /schema/0/properties/0/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'v3.2.0/valid/quality/column-accuracy.odcs.yaml',
    mutation: 'drop-logical-type /schema/0/properties/0/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'v3.2.0/valid/quality/column-custom.odcs.yaml',
    mutation: 'drop-logical-type /schema/0/properties/0/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'v3.2.0/valid/quality/column-validity.odcs.yaml',
    mutation: 'drop-logical-type /schema/0/properties/0/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'v3.2.0/valid/references/relationships.odcs.yaml',
    mutation: 'delete-keys /schema/0/properties/0/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'v3.2.0/valid/references/relationships.odcs.yaml',
    mutation: 'drop-logical-type /schema/1/properties/0/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'v3.2.0/valid/schema/enum.odcs.yaml',
    mutation:
      'delete-keys /schema/0/properties/0/logicalType /schema/0/properties/1/enum/0/tags /schema/0/properties/1/enum/3/label',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'v3.2.0/valid/schema/enum.odcs.yaml',
    mutation: 'drop-logical-type /schema/0/properties/1/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'v3.2.0/valid/schema/map.odcs.yaml',
    mutation: 'delete-keys /schema/0/properties/1/map/key/logicalType /schema/0/properties/4/map/value/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'v3.2.0/valid/schema/map.odcs.yaml',
    mutation: 'drop-logical-type /schema/0/properties/3/map/value/properties/2/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'v3.2.0/valid/schema/measures-and-dimensions.odcs.yaml',
    mutation: 'drop-logical-type /schema/0/properties/0/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'v3.2.0/valid/schema/measures-and-dimensions.odcs.yaml',
    mutation:
      'delete-keys /schema/0/properties/0/physicalType /schema/0/properties/7/transformLogic /schema/0/properties/8/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'v3.2.0/valid/tags/tags.odcs.yaml',
    mutation: 'drop-logical-type /schema/0/properties/0/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'v3.2.0/valid/team/team.odcs.yaml',
    mutation: 'drop-logical-type /schema/0/properties/0/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'rich/v3.1.0.yaml',
    mutation: 'api-version = v3.2.0',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'rich/v3.2.0.yaml',
    mutation: 'drop-logical-type /schema/0/properties/8/properties/1/properties/0/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'rich/v3.2.0.yaml',
    mutation: 'drop-logical-type /schema/0/properties/13/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'rich/v3.2.0.yaml',
    mutation: 'drop-logical-type /schema/0/properties/11/map/value/logicalType',
    ours: 'reject',
    official: 'accept',
    why: MAP_NEEDS_LOGICAL_TYPE,
  },
  {
    file: 'rich/v3.2.0.yaml',
    mutation: 'drop-logical-type /schema/0/properties/11/map/key/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'rich/v3.2.0-team-list.yaml',
    mutation: 'drop-logical-type /schema/0/properties/10/items/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'rich/v3.2.0-team-list.yaml',
    mutation: 'drop-logical-type /schema/0/properties/10/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'rich/v3.2.0-team-list.yaml',
    mutation: 'drop-logical-type /schema/0/properties/8/properties/1/properties/0/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'rich/v3.2.0-team-list.yaml',
    mutation: 'drop-logical-type /schema/0/properties/11/map/value/map/value/logicalType',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
  {
    file: 'rich/v3.2.0-team-list.yaml',
    mutation:
      'delete-keys /schema/0/properties/8/properties/0/logicalType /servers/9/location /slaProperties/0/scheduler',
    ours: 'accept',
    official: 'reject',
    why: NO_LOGICAL_TYPE_NEEDS_NO_MAP,
  },
];
