// Findings are one readable sentence: no regex dumps, no description cut after "e.g.", every key
// that would do when one of several is missing, and `{placeholder}` templates recognised (a DCS
// `location` takes them; elsewhere the message says what the braces are). Through the real
// LanguageService, with exact ranges and messages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeActions } from '../../server/src/engine/features/codeActions';
import { LanguageService } from '../../server/src/engine/service';
import type { Finding, Range } from '../../server/src/engine/types';

function diagnose(path: string, text: string): Finding[] {
  const svc = new LanguageService({});
  svc.setDocument(path, text);
  return svc.diagnose(path);
}

function on(text: string, line: number, needle: string): Range {
  const content = text.split('\n')[line];
  const character = content.indexOf(needle);
  assert.ok(character >= 0, `\`${needle}\` is not on line ${line}: ${content}`);
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

function only(findings: readonly Finding[]): Finding {
  assert.equal(findings.length, 1, findings.map((f) => `${f.code} ${f.message}`).join('\n'));
  return findings[0];
}

function odcs(body: string, api = 'v3.1.0'): string {
  return `apiVersion: ${api}\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\n${body}`;
}

function dcs(servers: string): string {
  return `dataContractSpecification: 1.2.1\nid: orders\ninfo:\n  title: Orders\n  version: 1.0.0\nservers:\n${servers}`;
}

describe("messages: schema/pattern says the expected form in the schema's words", () => {
  const relationship = (to: string) =>
    odcs(`schema:
  - name: orders
    properties:
      - name: customer_id
        logicalType: string
        relationships:
          - to: ${to}
`);

  it('a reference of the wrong form: the description, whole, not the 185-character regex, not cut after "e.g."', () => {
    const text = relationship('customers/id/x');
    const f = only(diagnose('a.odcs.yaml', text));
    assert.equal(f.code, 'schema/pattern');
    assert.deepEqual(f.range, on(text, 11, 'customers/id/x'));
    assert.equal(
      f.message,
      '"customers/id/x" does not have the form required for `to`: the referenced property, e.g. `customers.id`, ' +
        'or a list of them for a composite key. Each reference is `table.column` or an id path such as `schema/customers/properties/id`.',
    );
    assert.ok(!f.message.includes('[A-Za-z'), 'no regex in the message');
  });

  it("an item of a composite reference: named as the item, described by the list's description", () => {
    const text = odcs(`schema:
  - name: orders
    properties:
      - name: a
      - name: b
    relationships:
      - from: [orders.a, orders.b]
        to: [orders.a, "not valid"]
`);
    const f = only(diagnose('a.odcs.yaml', text));
    assert.equal(f.code, 'schema/pattern');
    assert.deepEqual(f.range, on(text, 12, '"not valid"'));
    assert.match(
      f.message,
      /^"not valid" does not have the form required for item 2 of `to`: the referenced property, e\.g\. `customers\.id`, or a list of them for a composite key\. Each reference is/,
    );
  });

  it('a short pattern without an example in its description is still printed', () => {
    const text = odcs(`servers:
  - id: "prod server"
    server: prod
    type: local
    path: ./data
`);
    // local servers need only `path` and `format`; add the format so that the id is the only mistake
    const withFormat = text.replace('    path: ./data\n', '    path: ./data\n    format: parquet\n');
    const f = only(diagnose('a.odcs.yaml', withFormat));
    assert.equal(f.code, 'schema/pattern');
    assert.deepEqual(f.range, on(withFormat, 6, '"prod server"'));
    assert.equal(f.message, '"prod server" does not match the pattern `^[A-Za-z0-9_-]+$` required for `id`.');
  });
});

describe('messages: several keys that would each do', () => {
  const text = odcs(`schema:
  - name: orders
    quality:
      - type: sql
        query: SELECT COUNT(*) FROM orders
`);

  it('"missing one of" names every threshold, and the quick fix offers each', () => {
    const svc = new LanguageService({});
    svc.setDocument('a.odcs.yaml', text);
    const f = only(svc.diagnose('a.odcs.yaml'));
    assert.equal(f.code, 'schema/required');
    assert.match(
      f.message,
      /^Missing one of the keys `mustBe`, `mustNotBe`, .* or `mustNotBeBetween` in quality rule 1 of `quality`\.$/,
    );
    const titles = codeActions(svc, 'a.odcs.yaml', f.range, [f])
      .map((a) => a.title)
      .filter((t) => t.startsWith('Add'));
    assert.equal(titles.length, 8, titles.join('\n'));
    assert.ok(
      titles.some((t) => t.includes('`mustBeBetween`')),
      titles.join('\n'),
    );
  });
});

describe('messages: long lists end in a sentence', () => {
  it('an enum of 34 server types lists 15 and counts the rest, then suggests', () => {
    const text = odcs(`servers:
  - server: prod
    type: postgress
`);
    const f = only(diagnose('a.odcs.yaml', text));
    assert.equal(f.code, 'schema/enum');
    assert.match(
      f.message,
      /^`postgress` is not a valid `type`\. Expected one of: api, athena, (\w+, ){12}\w+ and \d+ more\. Did you mean `postgres`\?$/,
    );
  });
});

describe('messages: {placeholder} templates', () => {
  it('DCS: an S3 location with `{model}` is a template, as the specification documents: no finding', () => {
    const text = dcs(`  production:
    type: s3
    location: s3://datacontract-example-orders-latest/v2/{model}/*.json
    format: json
`);
    assert.deepEqual(diagnose('datacontract.yaml', text), []);
  });

  it('DCS: a template location is still checked: spaces are not allowed', () => {
    const text = dcs(`  production:
    type: s3
    location: s3://bucket/my {model}/*.json
`);
    const f = only(diagnose('datacontract.yaml', text));
    assert.equal(f.code, 'schema/format');
    assert.deepEqual(f.range, on(text, 8, 's3://bucket/my {model}/*.json'));
    assert.equal(
      f.message,
      '"s3://bucket/my {model}/*.json" is not a URI such as `s3://bucket/{model}/*.json` (placeholders in braces allowed).',
    );
  });

  it("DCS: a location must still be absolute (a scheme), in the description's words", () => {
    const text = dcs(`  production:
    type: s3
    location: __S3_LOCATION__
`);
    const f = only(diagnose('datacontract.yaml', text));
    assert.equal(f.code, 'schema/pattern');
    assert.equal(
      f.message,
      '"__S3_LOCATION__" does not have the form required for `location`: S3 URL of the files, globs and `{model}` allowed, e.g. `s3://acme-orders/v2/{model}/*.json`.',
    );
  });

  it('ODCS: a location with `{model}` is named as a placeholder, which ODCS does not fill in', () => {
    const text = odcs(`servers:
  - server: production
    type: s3
    location: s3://bucket/data/{model}/*.json
`);
    const f = only(diagnose('a.odcs.yaml', text));
    assert.equal(f.code, 'schema/format');
    assert.deepEqual(f.range, on(text, 8, 's3://bucket/data/{model}/*.json'));
    assert.equal(
      f.message,
      '"s3://bucket/data/{model}/*.json" is not an absolute URI such as `https://example.com/docs`: ' +
        '`{model}` is a template placeholder, which `location` does not take; write the actual address.',
    );
  });
});
