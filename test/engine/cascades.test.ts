// One mistake inside a branch chosen by a discriminator (`type` of a server or a quality check,
// `logicalType`…) gives one finding, on the mistake: no sibling key of the branch becomes
// "unknown" because the branch failed (draft 2019 `unevaluatedProperties` forgets every key a
// failed subschema declared), and a key of another branch is said to be one, not a typo.
// Through the real LanguageService, with exact rule ids, ranges and messages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LanguageService } from '../../server/src/engine/service';
import type { Finding, Range } from '../../server/src/engine/types';

function diagnose(path: string, text: string): Finding[] {
  const svc = new LanguageService({});
  svc.setDocument(path, text);
  // Every v3.0.x file also gets its `version/upgrade-available` info at `apiVersion`: not about the mistake.
  return svc.diagnose(path).filter((f) => f.code !== 'version/upgrade-available');
}

/** The range of `needle` on 0-based `line` of `text` (its first occurrence there). */
function on(text: string, line: number, needle: string): Range {
  const content = text.split('\n')[line];
  const character = content.indexOf(needle);
  assert.ok(character >= 0, `\`${needle}\` is not on line ${line}: ${content}`);
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

function show(findings: readonly Finding[]): string {
  return findings
    .map(
      (f) =>
        `${f.code} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.message}`,
    )
    .join('\n');
}

/** Asserts exactly these findings (rule, range, message), in order. */
function expectFindings(
  findings: readonly Finding[],
  expected: { rule: string; range: Range; message: string | RegExp }[],
): void {
  assert.equal(findings.length, expected.length, `expected ${expected.length} finding(s), got:\n${show(findings)}`);
  expected.forEach((e, i) => {
    const f = findings[i];
    assert.equal(f.code, e.rule, show(findings));
    assert.deepEqual(f.range, e.range, show(findings));
    if (typeof e.message === 'string') assert.equal(f.message, e.message);
    else assert.match(f.message, e.message);
  });
}

function odcs(api: string, body: string): string {
  return `apiVersion: ${api}\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\n${body}`;
}

/** Every ODCS version Pactline validates: each must give the same single finding. */
const ODCS_VERSIONS = ['v3.0.0', 'v3.0.1', 'v3.0.2', 'v3.1.0', 'v3.2.0'];

describe('cascades: a wrong value inside a server branch is one finding on that value', () => {
  for (const api of ODCS_VERSIONS) {
    it(`${api}: postgresql server with port "5432" (5 findings before: 4 siblings "unknown")`, () => {
      const text = odcs(
        api,
        `servers:
  - server: prod
    type: postgresql
    host: localhost
    port: "5432"
    database: shop
    schema: public
`,
      );
      expectFindings(diagnose('a.odcs.yaml', text), [
        {
          rule: 'schema/type',
          range: on(text, 9, '"5432"'),
          message: 'Expected an integer for `port`, found the string "5432".',
        },
      ]);
    });

    it(`${api}: oracle server with port __PORT__ (4 findings before)`, () => {
      const text = odcs(
        api,
        `servers:
  - server: oracle
    type: oracle
    host: localhost
    port: __PORT__
    serviceName: ORCL
`,
      );
      expectFindings(diagnose('a.odcs.yaml', text), [
        {
          rule: 'schema/type',
          range: on(text, 9, '__PORT__'),
          message: 'Expected an integer for `port`, found the string "__PORT__".',
        },
      ]);
    });

    it(`${api}: snowflake server with warehouse 42 (5 findings before)`, () => {
      const text = odcs(
        api,
        `servers:
  - server: snow
    type: snowflake
    account: acme
    database: shop
    schema: public
    warehouse: 42
`,
      );
      expectFindings(diagnose('a.odcs.yaml', text), [
        {
          rule: 'schema/type',
          range: on(text, 11, '42'),
          message: 'Expected a string for `warehouse`, found the number 42.',
        },
      ]);
    });
  }

  it('a misspelt server type is one finding on the type, not one per key of the branch it meant', () => {
    const text = odcs(
      'v3.1.0',
      `servers:
  - server: prod
    type: postgress
    host: localhost
    port: 5432
    database: shop
    schema: public
`,
    );
    expectFindings(diagnose('a.odcs.yaml', text), [
      {
        rule: 'schema/enum',
        range: on(text, 7, 'postgress'),
        message: /^`postgress` is not a valid `type`\. .* Did you mean `postgres`\?$/,
      },
    ]);
  });

  it('a server without type is one finding: the missing type', () => {
    const text = odcs(
      'v3.1.0',
      `servers:
  - server: prod
    host: localhost
    port: 5432
`,
    );
    expectFindings(diagnose('a.odcs.yaml', text), [
      {
        rule: 'schema/required',
        range: on(text, 6, '- server: prod'),
        message: 'Missing required key `type` in server `prod`.',
      },
    ]);
  });

  it('a key of another server type is said to be one (which types take it), and a typo still gets "did you mean"', () => {
    const text = odcs(
      'v3.1.0',
      `servers:
  - server: prod
    type: postgresql
    host: localhost
    port: 5432
    database: shop
    schema: public
    warehouse: wh
    hots: x
`,
    );
    expectFindings(diagnose('a.odcs.yaml', text), [
      {
        rule: 'schema/unknown-key',
        range: on(text, 12, 'warehouse'),
        message: 'Key `warehouse` is not allowed in server `prod` unless `type` is `snowflake` or `custom`.',
      },
      { rule: 'schema/unknown-key', range: on(text, 13, 'hots'), message: 'Unknown key `hots` in server `prod`.' },
    ]);
  });
});

describe('cascades: quality checks', () => {
  for (const api of ['v3.1.0', 'v3.2.0']) {
    it(`${api}: a SQL check without a threshold is one finding naming every threshold, no "Unknown key \`query\`"`, () => {
      const text = odcs(
        api,
        `schema:
  - name: orders
    quality:
      - type: sql
        query: SELECT COUNT(*) FROM orders
`,
      );
      expectFindings(diagnose('a.odcs.yaml', text), [
        {
          rule: 'schema/required',
          range: on(text, 8, '- type: sql'),
          message:
            'Missing one of the keys `mustBe`, `mustNotBe`, `mustBeGreaterThan`, `mustBeGreaterOrEqualTo`, `mustBeLessThan`, ' +
            '`mustBeLessOrEqualTo`, `mustBeBetween` or `mustNotBeBetween` in quality rule 1 of `quality`.',
        },
      ]);
    });

    it(`${api}: two thresholds is one finding naming both, no "Unknown key" for them or the query`, () => {
      const text = odcs(
        api,
        `schema:
  - name: orders
    quality:
      - type: sql
        query: SELECT COUNT(*) FROM orders
        mustBe: 0
        mustNotBe: 1
`,
      );
      expectFindings(diagnose('a.odcs.yaml', text), [
        {
          rule: 'schema/exclusive',
          range: on(text, 8, '- type: sql'),
          message: 'Quality rule 1 of `quality` has both `mustBe` and `mustNotBe`; only one of them is allowed.',
        },
      ]);
    });

    it(`${api}: a library check with a wrong threshold value is one finding; its metric and threshold stay known`, () => {
      const text = odcs(
        api,
        `schema:
  - name: orders
    quality:
      - metric: rowCount
        mustBeGreaterThan: lots
`,
      );
      expectFindings(diagnose('a.odcs.yaml', text), [
        {
          rule: 'schema/type',
          range: on(text, 9, 'lots'),
          message: 'Expected a number for `mustBeGreaterThan`, found the string "lots".',
        },
      ]);
    });

    it(`${api}: a threshold in a check of no type that takes one is no typo ("did you mean mustNotBe" before)`, () => {
      const text = odcs(
        api,
        `schema:
  - name: orders
    quality:
      - type: text
        description: Orders are never empty.
        mustBe: 0
`,
      );
      expectFindings(diagnose('a.odcs.yaml', text), [
        {
          rule: 'schema/unknown-key',
          range: on(text, 10, 'mustBe'),
          message: 'Key `mustBe` is not allowed in quality rule 1 of `quality` unless `type` is `library` or `sql`.',
        },
      ]);
    });

    it(`${api}: a misspelt threshold is one finding with its suggestion, not also "missing one of"`, () => {
      const text = odcs(
        api,
        `schema:
  - name: orders
    quality:
      - type: sql
        query: SELECT COUNT(*) FROM orders
        mustbe: 0
`,
      );
      expectFindings(diagnose('a.odcs.yaml', text), [
        {
          rule: 'schema/unknown-key',
          range: on(text, 10, 'mustbe'),
          message: 'Unknown key `mustbe` in quality rule 1 of `quality`. Did you mean `mustBe`?',
        },
      ]);
    });
  }
});

describe('cascades: logicalType branches', () => {
  it('a wrong option value of a string property is one finding; the other options stay known', () => {
    const text = odcs(
      'v3.1.0',
      `schema:
  - name: orders
    properties:
      - name: code
        logicalType: string
        logicalTypeOptions:
          minLength: 1
          maxLength: long
          pattern: "^[A-Z]+$"
`,
    );
    expectFindings(diagnose('a.odcs.yaml', text), [
      {
        rule: 'schema/type',
        range: on(text, 12, 'long'),
        message: 'Expected an integer for `maxLength`, found the string "long".',
      },
    ]);
  });
});

describe('cascades: logicalType as the discriminator', () => {
  const nested = (logicalType: string) =>
    odcs(
      'v3.1.0',
      `schema:
  - name: customers
    properties:
      - name: address
        logicalType: ${logicalType}
        properties:
          - name: street
            logicalType: string
`,
    );

  it('a misspelt logicalType is one finding; the nested `properties` it was meant to allow stay known', () => {
    const text = nested('objekt');
    expectFindings(diagnose('a.odcs.yaml', text), [
      {
        rule: 'schema/enum',
        range: on(text, 9, 'objekt'),
        message: /^`objekt` is not a valid `logicalType`\. .* Did you mean `object`\?$/,
      },
    ]);
  });

  it('nested `properties` under a string property: which logicalType takes them', () => {
    const text = nested('string');
    expectFindings(diagnose('a.odcs.yaml', text), [
      {
        rule: 'schema/unknown-key',
        range: on(text, 10, 'properties'),
        message: 'Key `properties` is not allowed in property `address` unless `logicalType` is `object`.',
      },
    ]);
  });
});

describe('cascades: DCS and ODPS', () => {
  it('DCS: postgres server with port "5432" is one finding', () => {
    const text = `dataContractSpecification: 1.2.1
id: orders
info:
  title: Orders
  version: 1.0.0
servers:
  production:
    type: postgres
    host: localhost
    port: "5432"
    database: shop
    schema: public
`;
    expectFindings(diagnose('datacontract.yaml', text), [
      {
        rule: 'schema/type',
        range: on(text, 9, '"5432"'),
        message: 'Expected an integer for `port`, found the string "5432".',
      },
    ]);
  });

  it('ODPS: a wrong value in an output port is one finding', () => {
    const text = `apiVersion: v1.0.0
kind: DataProduct
id: orders-product
status: active
outputPorts:
  - name: orders
    version: 2
    description: The orders.
`;
    // The port names no contract, which lineage/ reports on its own: only the schema findings count here.
    expectFindings(
      diagnose('a.odps.yaml', text).filter((f) => f.code.startsWith('schema/')),
      [
        {
          rule: 'schema/type',
          range: on(text, 6, '2'),
          message: 'Expected a string for `version`, found the number 2.',
        },
      ],
    );
  });
});
