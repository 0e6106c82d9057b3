// Folding ranges, selection ranges and document links.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FoldingRangeKind, type SelectionRange } from 'vscode-languageserver-types';
import { documentLinks, foldingRanges, selectionRanges } from '../../../server/src/engine/features';
import { LanguageService } from '../../../server/src/engine/service';
import { exampleService, positionOf, range, rangeOf } from './helpers';

const DOC = `# A contract
# with a header
apiVersion: v3.1.0
kind: DataContract
id: fold
version: 1.0.0
status: active
description:
  purpose: >-
    two lines
    of text
schema:
  - name: orders
    properties:
      - name: id
        logicalType: string
      # trailing comment
tags: [a, b]
`;

function service(text = DOC, path = 'f.odcs.yaml'): LanguageService {
  const s = new LanguageService();
  s.setDocument(path, text);
  return s;
}

describe('folding ranges', () => {
  it('folds mappings, lists, multi-line scalars and comment blocks', () => {
    assert.deepEqual(foldingRanges(service(), 'f.odcs.yaml'), [
      { startLine: 0, endLine: 1, kind: FoldingRangeKind.Comment },
      { startLine: 7, endLine: 10 },
      { startLine: 8, endLine: 10 },
      { startLine: 11, endLine: 15 },
      { startLine: 12, endLine: 15 },
      { startLine: 13, endLine: 15 },
      { startLine: 14, endLine: 15 },
    ]);
  });

  it('folds every example without a range ending before it starts', () => {
    const s = exampleService();
    for (const path of s.paths()) {
      const ranges = foldingRanges(s, path);
      assert.ok(ranges.length > 0, path);
      assert.ok(
        ranges.every((r) => r.endLine > r.startLine),
        path,
      );
    }
  });
});

describe('selection ranges', () => {
  const chain = (r: SelectionRange | undefined): string[] => {
    const out: string[] = [];
    for (let s = r; s; s = s.parent)
      out.push(`${s.range.start.line}:${s.range.start.character}-${s.range.end.line}:${s.range.end.character}`);
    return out;
  };

  it("grows from a scalar to its entry, its mapping, the list item, the list's entry, ... the document", () => {
    const [result] = selectionRanges(service(), 'f.odcs.yaml', [positionOf(DOC, 'logicalType: string', 14)]);
    assert.deepEqual(chain(result), [
      '15:21-15:27', // string
      '15:8-15:27', // logicalType: string
      '14:8-15:27', // the property's mapping
      '14:6-15:27', // - the property (and the list, its only item)
      '13:4-15:27', // properties: ...
      '12:4-16:24', // the schema object's mapping
      '12:2-16:24', // - the schema object
      '11:0-16:24', // schema: ...
      '2:0-17:12', // the root mapping
      '0:0-17:12', // the document
    ]);
  });

  it('answers one range per position, even outside any node', () => {
    const results = selectionRanges(service(), 'f.odcs.yaml', [{ line: 0, character: 3 }, positionOf(DOC, 'kind', 1)]);
    assert.equal(results.length, 2);
    assert.deepEqual(chain(results[1]).slice(0, 2), ['3:0-3:4', '3:0-3:18']);
  });
});

describe('document links', () => {
  it('links the URLs of a contract: authoritative definitions, support channels', () => {
    const s = exampleService();
    const path = 'examples/contracts/warehouse-orders.odcs.yaml';
    const text = s.getDocument(path)!.text;
    const links = documentLinks(s, path);
    assert.deepEqual(
      links.map((l) => l.target),
      [
        'https://wiki.northwind-threads.example/data/glossary/order',
        'https://git.northwind-threads.example/analytics/dbt-commerce',
        'https://northwind-threads.slack.com/archives/C03ANALYTICS',
      ],
    );
    assert.deepEqual(links[0], {
      range: rangeOf(text, 'https://wiki.northwind-threads.example/data/glossary/order'),
      target: 'https://wiki.northwind-threads.example/data/glossary/order',
      tooltip: 'Open https://wiki.northwind-threads.example/data/glossary/order',
    });
  });

  it("finds URLs inside text, quoted values and lists, without the sentence's punctuation", () => {
    const text =
      'a:\n  description: See https://example.com/docs (or https://example.com/x_(y)).\n  url: "https://example.com/q?a=1"\n  list:\n    - https://example.com/item\n  other: s3://bucket/key\n  url2: s3://not-a-url-key\n';
    const s = service(text, 'links.yaml');
    const links = documentLinks(s, 'links.yaml');
    assert.deepEqual(
      links.map((l) => [l.target, l.range]),
      [
        ['https://example.com/docs', range(1, 19, 1, 43)],
        ['https://example.com/x_(y)', range(1, 48, 1, 73)],
        ['https://example.com/q?a=1', range(2, 8, 2, 33)],
        ['https://example.com/item', range(4, 6, 4, 30)],
      ],
    );
  });

  it('links a `url` that is a relative path inside the workspace, and no URI of another scheme', () => {
    const text =
      'support:\n  - url: mailto:data@example.com\n  - url: ../docs/orders.md\n  - url: ../../../etc/passwd\n  - url: s3://bucket/key\n';
    const s = service(text, 'contracts/u.yaml');
    assert.deepEqual(
      documentLinks(s, 'contracts/u.yaml').map((l) => [l.target, l.range]),
      [['docs/orders.md', range(2, 9, 2, 26)]],
    );
  });
});
