// Mutations of the DCS/ODPS conformance examples on which our generated schema and the official one
// give a different verdict ON PURPOSE. dcs-odps-agreement.test.ts fails on any disagreement not
// listed here, and on any listed one that no longer occurs (so this list never goes stale).
//
// `id` is the id the test prints: `<format>:<seed document>|<kind>|<JSON pointer>[|detail]` for a
// mutation, `<format>:targeted|<case name>` for a hand-written edge case.

export interface KnownDisagreement {
  id: string;
  ours: 'accept' | 'reject';
  official: 'accept' | 'reject';
  /** Why our verdict is the right one. */
  reason: string;
}

export const KNOWN_DISAGREEMENTS: KnownDisagreement[] = [
  {
    id: 'dcs:targeted|quality without type, all four variant keys',
    ours: 'reject',
    official: 'accept',
    reason:
      'A DCS quality check is defined by its `type` (text, sql, library, custom). The official if-clauses ' +
      'do not require `type`, so a check without one must satisfy all four variants at once: it is ' +
      'rejected unless it happens to carry description, query, metric and engine together, and then it is ' +
      'accepted although no engine can tell what kind of check it is. We require `type` (dcs.patch.ts), ' +
      'which rejects that accident too and reports one clear "missing type" instead of four missing keys. ' +
      'Every other type-less check is rejected by both schemas.',
  },
];
