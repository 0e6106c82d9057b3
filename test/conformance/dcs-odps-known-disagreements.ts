// Mutations of the DCS/ODPS conformance examples on which our generated schema and the official one
// give a different verdict ON PURPOSE. dcs-odps-agreement.test.ts fails on any disagreement not
// listed here, and on any listed one that no longer occurs (so this list never goes stale).
//
// `id` is the mutation id the test prints: `<format>:<seed document>|<kind>|<JSON pointer>[|detail]`.

export interface KnownDisagreement {
  id: string;
  ours: 'accept' | 'reject';
  official: 'accept' | 'reject';
  /** Why our verdict is the right one. */
  reason: string;
}

export const KNOWN_DISAGREEMENTS: KnownDisagreement[] = [];
