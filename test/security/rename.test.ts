// Issue 8, item 4: renaming a contract id or a property to `null`, `true`, `123`, `1e3`, `0x1F`, `1.0`
// was accepted and written unquoted, so every file read the name back as null, a boolean or a
// number; `abc:` broke three files. Now each rename, asked of the real server over stdio, is either
// refused with a reason or, applied to the files, reads back as exactly the new name: every edited
// file is parsed again (js-yaml as Pactline reads it, and the `yaml` package as YAML 1.2 and 1.1)
// and must equal the old data with exactly the renamed places changed.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as jsyaml from 'js-yaml';
import * as YAML from 'yaml';
import { LspClient, offsetAt, uriOf, type Range } from '../lsp/client';
import { tempDir } from './engine-helpers';

const FILES: Record<string, string> = {
  'contracts/orders.odcs.yaml': `apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: string
      - name: amount
        logicalType: number
  - name: refunds
    properties:
      - name: order_id
        logicalType: string
        relationships:
          - to: orders.order_id
            type: foreignKey
`,
  'contracts/raw.odcs.yaml': `apiVersion: v3.1.0
kind: DataContract
id: 'raw-orders'
version: 1.0.0
status: active
tags: [source]
schema:
  - name: raw_orders
    properties:
      - name: order_id
        logicalType: string
      - name: amount_cents
        logicalType: integer
`,
  'pipelines/load.pipeline.yaml': `apiVersion: pactline/v1
kind: Pipeline
id: load
owner: data-eng
steps:
  - id: copy
    inputs:
      - contract: raw-orders
        as: r
    outputs:
      - contract: orders
        schema: orders
        columns:
          order_id: r.order_id
          amount: r.amount_cents
`,
  'products/sales.odps.yaml': `apiVersion: v1.0.0
kind: DataProduct
id: sales
status: active
outputPorts:
  - name: orders
    version: 1.0.0
    contractId: "orders"
`,
};

/** YAML-special, syntax-breaking and ordinary names. */
const CONTRACT_IDS = [
  'null',
  'Null',
  'NULL',
  'true',
  'False',
  'yes',
  'No',
  'on',
  'off',
  'y',
  'n',
  '~',
  '123',
  '-1',
  '+1',
  '1e3',
  '0x1F',
  '0o17',
  '1.0',
  '.inf',
  '-.inf',
  '.nan',
  '1_000',
  '12:30',
  '2024-01-01',
  'abc:',
  'a: b',
  '- x',
  '#x',
  'x #y',
  ' lead',
  'trail ',
  'a,b',
  '[x]',
  '{x}',
  '*x',
  '&x',
  '!x',
  '|x',
  '>x',
  '%x',
  '@x',
  '`x',
  '"q"',
  "'s'",
  'x\ny',
  'a\tb',
  '\u202Ex',
  '',
  '<<',
  'urn:sales:orders',
  'sales.orders/v2',
  'orders-v2',
];
const PROPERTY_NAMES = [
  'null',
  'true',
  'yes',
  'No',
  'y',
  '~',
  '_',
  '__',
  '123',
  '1e3',
  '0x1F',
  '1.0',
  'abc:',
  'a b',
  'x.y',
  '#x',
  '',
  'total_amount',
];

interface TextEdit {
  range: Range;
  newText: string;
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  let out = text;
  for (const e of sorted)
    out = out.slice(0, offsetAt(out, e.range.start)) + e.newText + out.slice(offsetAt(out, e.range.end));
  return out;
}

/** Every way the file may be read: as Pactline does, and by YAML 1.2 and 1.1 tools. */
function readings(text: string): unknown[] {
  return [
    jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }),
    YAML.parse(text, { version: '1.2', uniqueKeys: true }),
    YAML.parse(text, { version: '1.1', uniqueKeys: true }),
  ];
}

/** A place the name is written: the scalar holding it (a value or a key) and where in it. */
interface Place {
  path: (string | number)[];
  isKey: boolean;
  value: string;
  from: number;
}

/** The places of `name` in `text` at the given ranges, found through the `yaml` document model. */
function placesOf(text: string, ranges: readonly Range[], name: string): Place[] {
  const doc = YAML.parseDocument(text);
  const places: Place[] = [];
  for (const range of ranges) {
    const start = offsetAt(text, range.start);
    let found: Place | undefined;
    YAML.visit(doc, {
      Scalar(key, node, path) {
        if (!node.range || node.range[0] > start || start >= node.range[1]) return;
        const dataPath: (string | number)[] = [];
        for (let i = 1; i < path.length; i++) {
          const parent = path[i - 1];
          const child = path[i];
          if (YAML.isSeq(parent)) dataPath.push(parent.items.indexOf(child as never));
          else if (YAML.isPair(child)) dataPath.push(String((child.key as YAML.Scalar).value));
        }
        const quote = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
        const value = String(node.value);
        const from = start - node.range[0] - quote;
        assert.equal(value.slice(from, from + name.length), name, 'the reference names the old name');
        found = { path: dataPath, isKey: key === 'key', value, from };
        return YAML.visit.BREAK;
      },
    });
    assert.ok(found, `a scalar at ${JSON.stringify(range)}`);
    places.push(found);
  }
  return places;
}

/** The data of `before` with each place's name replaced by `newName`. */
function expectedAfter(before: unknown, places: readonly Place[], oldName: string, newName: string): unknown {
  const data = structuredClone(before) as Record<string, unknown>;
  // Keys last, deepest first, so that the paths of values stay valid while keys change.
  for (const place of [...places].sort((a, b) => Number(a.isKey) - Number(b.isKey) || b.path.length - a.path.length)) {
    const renamed = place.value.slice(0, place.from) + newName + place.value.slice(place.from + oldName.length);
    let parent: any = data;
    for (const segment of place.path.slice(0, -1)) parent = parent[segment];
    const last = place.path[place.path.length - 1];
    if (place.isKey) {
      const entries = Object.entries(parent as object).map(([k, v]) => [k === last ? renamed : k, v]);
      for (const k of Object.keys(parent)) delete parent[k];
      for (const [k, v] of entries) parent[k as string] = v;
    } else {
      parent[last] = renamed;
    }
  }
  return data;
}

describe('rename to YAML-special names, over stdio', () => {
  const tmp = tempDir();
  let client: LspClient;
  const originals = new Map<string, string>();
  before(async () => {
    for (const [rel, text] of Object.entries(FILES)) {
      mkdirSync(join(tmp.dir, rel, '..'), { recursive: true });
      writeFileSync(join(tmp.dir, rel), text);
      originals.set(uriOf(join(tmp.dir, rel)), text);
    }
    client = await LspClient.start({ workspace: tmp.dir, entry: 'server' });
    await client.waitForIndexed(1, 60_000);
  });
  after(async () => {
    await client?.shutdown().catch(() => client.kill());
    tmp.dispose();
  });

  async function check(
    what: string,
    file: string,
    search: string,
    delta: number,
    oldName: string,
    names: readonly string[],
  ) {
    const uri = uriOf(join(tmp.dir, file));
    const text = originals.get(uri)!;
    const at = text.indexOf(search) + delta;
    const position = {
      line: text.slice(0, at).split('\n').length - 1,
      character: at - text.lastIndexOf('\n', at - 1) - 1,
    };
    const references = await client.request<{ uri: string; range: Range }[]>('textDocument/references', {
      textDocument: { uri },
      position,
      context: { includeDeclaration: true },
    });
    assert.ok(references.length >= 3, `${what}: the workspace refers to it several times`);
    const outcomes: string[] = [];
    for (const name of names) {
      let edit: { changes?: Record<string, TextEdit[]> };
      try {
        edit = await client.request('textDocument/rename', { textDocument: { uri }, position, newName: name });
      } catch (error) {
        const message = (error as Error).message;
        assert.ok(message.length > 20, `${what} ${JSON.stringify(name)}: refused with a reason (${message})`);
        outcomes.push(`${JSON.stringify(name)}: refused`);
        continue;
      }
      const changes = edit.changes ?? {};
      assert.deepEqual(
        Object.keys(changes).sort(),
        [...new Set(references.map((r) => r.uri))].sort(),
        `${what} ${JSON.stringify(name)}: every file that refers to it is edited`,
      );
      for (const [fileUri, edits] of Object.entries(changes)) {
        const before = originals.get(fileUri)!;
        const after = applyEdits(before, edits);
        const places = placesOf(
          before,
          references.filter((r) => r.uri === fileUri).map((r) => r.range),
          oldName,
        );
        const expected = expectedAfter(jsyaml.load(before, { schema: jsyaml.CORE_SCHEMA }), places, oldName, name);
        for (const [i, read] of (() => {
          try {
            return readings(after).entries();
          } catch (error) {
            assert.fail(`${what} ${JSON.stringify(name)}: ${fileUri} no longer parses:\n${after}\n${String(error)}`);
          }
        })()) {
          assert.deepStrictEqual(
            read,
            expected,
            `${what} ${JSON.stringify(name)}: ${fileUri} reads back differently (reader ${i}):\n${after}`,
          );
        }
      }
      outcomes.push(`${JSON.stringify(name)}: renamed`);
    }
    return outcomes;
  }

  it('a contract id: refused with a reason, or every file reads back the exact string', async (t) => {
    const outcomes = await check('contract id', 'contracts/orders.odcs.yaml', 'id: orders', 5, 'orders', CONTRACT_IDS);
    t.diagnostic(outcomes.join(', '));
    // The names of the report are usable ids: quoted, not refused.
    for (const name of ['null', 'true', '123', '1e3', '0x1F', '1.0', 'abc:', 'yes', 'urn:sales:orders'])
      assert.ok(outcomes.includes(`${JSON.stringify(name)}: renamed`), name);
    for (const name of [' lead', 'trail ', '- x', '#x', 'x\ny', '', '\u202Ex'])
      assert.ok(outcomes.includes(`${JSON.stringify(name)}: refused`), name);
  });

  it('a property (declared, mapped by a pipeline, named by a relationship): refused, or read back exactly', async (t) => {
    const outcomes = await check(
      'property',
      'contracts/orders.odcs.yaml',
      'name: order_id',
      6,
      'order_id',
      PROPERTY_NAMES,
    );
    t.diagnostic(outcomes.join(', '));
    for (const name of ['null', 'true', 'yes', 'No', 'y', '_', 'total_amount'])
      assert.ok(outcomes.includes(`${JSON.stringify(name)}: renamed`), name);
    for (const name of ['123', '1e3', '0x1F', '1.0', 'abc:', 'a b', 'x.y', '#x', ''])
      assert.ok(outcomes.includes(`${JSON.stringify(name)}: refused`), name);
  });

  it('the files on disk are what they were (a rename only answers an edit)', () => {
    for (const [uri, text] of originals) assert.equal(readFileSync(new URL(uri), 'utf8'), text);
  });
});
