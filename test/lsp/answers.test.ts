// The real server process over stdio, on a copy of examples/: the exact answers an editor gets,
// written out literally (ranges, labels, texts), for what features.test.ts checks against the
// engine's own answer — completion of keys with their descriptions, snippets, workspace contract
// ids, schema objects and columns at a reference; hover on a property and on a reference; refused
// ambiguous rename; the quick fixes that add a missing key and insert a suppression comment;
// formatting that keeps comments; debounce and stale versions.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { find, LspClient, ROOT, tempCopy, uriOf } from './client';
import { settle } from './helpers';

const EXAMPLES = join(ROOT, 'examples');
const WAREHOUSE = 'contracts/warehouse-orders.odcs.yaml';
const CHURN_PRODUCT = 'products/customer-churn.odps.yaml';
const CHURN_FEATURES = 'pipelines/churn-features.pipeline.yaml';
const CONTRACT_IDS = [
  'churn-predictions',
  'dead-letter-events',
  'features-customer-churn',
  'lake-validated-archive',
  'raw-customers-cdc',
  'raw-orders-cdc',
  'raw-payments-cdc',
  'raw-storefront-events',
  'validated-commerce-cdc',
  'validated-storefront-events',
  'warehouse-orders',
  'warehouse-web-sessions',
];
const at = (line: number, character: number) => ({ line, character });
const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: at(l1, c1), end: at(l2, c2) });

interface Item {
  label: string;
  kind?: number;
  detail?: string;
  documentation?: { kind: string; value: string };
  insertTextFormat?: number;
  textEdit?: { range: unknown; newText: string };
}

describe('exact answers over stdio (examples/)', () => {
  let ws: ReturnType<typeof tempCopy>;
  let client: LspClient;
  let warehouse: string;
  let product: string;
  let pipeline: string;
  let w: string;
  let p: string;
  let pl: string;

  before(async () => {
    ws = tempCopy(EXAMPLES);
    client = await LspClient.start({ workspace: ws.dir });
    await client.waitForIndexed();
    warehouse = client.open(join(ws.dir, WAREHOUSE));
    product = client.open(join(ws.dir, CHURN_PRODUCT));
    pipeline = client.open(join(ws.dir, CHURN_FEATURES));
    w = client.text(warehouse);
    p = client.text(product);
    pl = client.text(pipeline);
    await client.waitForDiagnostics(pipeline, { version: 1 });
  });
  after(() => {
    client?.kill();
    ws?.dispose();
  });

  it('completion of keys in a property: each with its description, as a snippet (enum values as a choice)', async () => {
    // A new, empty line inside the property `order_id` (line 125: `      - name: order_id`).
    assert.equal(w.split('\n')[125], '      - name: order_id');
    client.edit(warehouse, range(126, 0, 126, 0), '        \n');
    try {
      const list = await client.request('textDocument/completion', {
        textDocument: { uri: warehouse },
        position: at(126, 8),
      });
      const byLabel = new Map<string, Item>(list.items.map((i: Item) => [i.label, i]));
      // keys the property already has are not offered again
      for (const present of ['name', 'logicalType', 'physicalType', 'required', 'primaryKey'])
        assert.ok(!byLabel.has(present), present);
      assert.deepEqual(byLabel.get('physicalName'), {
        label: 'physicalName',
        kind: 10,
        detail: 'string',
        documentation: {
          kind: 'markdown',
          value: 'Name of the column in the data source, when it differs from `name`, e.g. `col_cust_id`.',
        },
        sortText: '1_physicalName',
        filterText: 'physicalName',
        insertTextFormat: 2,
        insertTextMode: 1,
        textEdit: { range: range(126, 8, 126, 8), newText: 'physicalName: $0' },
      });
      assert.equal(byLabel.get('partitioned')!.textEdit!.newText, 'partitioned: ${1|true,false|}');
      assert.equal(byLabel.get('logicalTypeOptions')!.textEdit!.newText, 'logicalTypeOptions:\n          $0');
      assert.equal(
        byLabel.get('logicalTypeOptions')!.documentation!.value,
        'Constraints that refine the logical type, e.g. `maxLength: 20` for a string,\n`minimum: 0` for a number, `format: yyyy-MM-dd` for a date.',
      );
    } finally {
      client.edit(warehouse, range(126, 0, 127, 0), '');
    }
    assert.equal(client.text(warehouse), w);
  });

  it('snippets for a new list item: a property of a schema object, a step of a pipeline', async () => {
    // a new `      - ` line before the property `customer_key` of fct_orders
    assert.equal(w.split('\n')[134], '      - name: customer_key');
    client.edit(warehouse, range(134, 0, 134, 0), '      - \n');
    try {
      const list = await client.request('textDocument/completion', {
        textDocument: { uri: warehouse },
        position: at(134, 8),
      });
      assert.deepEqual(
        list.items.filter((i: Item) => i.kind === 15),
        [
          {
            label: 'New property',
            kind: 15,
            detail: 'a column with its type',
            sortText: '00_0',
            filterText: 'name',
            insertTextFormat: 2,
            insertTextMode: 1,
            textEdit: {
              range: range(134, 8, 134, 8),
              newText:
                'name: ${1:column_name}\n        logicalType: ${2|string,array,boolean,date,integer,number,object,time,timestamp|}\n        description: ${3:What the column holds.}$0',
            },
          },
        ],
      );
    } finally {
      client.edit(warehouse, range(134, 0, 135, 0), '');
    }
    assert.equal(pl.split('\n')[17], '  - id: build-offline-features');
    client.edit(pipeline, range(17, 0, 17, 0), '  - \n');
    try {
      const list = await client.request('textDocument/completion', {
        textDocument: { uri: pipeline },
        position: at(17, 4),
      });
      assert.deepEqual(
        list.items.filter((i: Item) => i.kind === 15).map((i: Item) => [i.label, i.detail, i.textEdit]),
        [
          [
            'New pipeline step',
            'a job with one input and one output',
            {
              range: range(17, 4, 17, 4),
              newText:
                'id: ${1:step-id}\n    runtime: ${2:dbt}\n    inputs:\n      - contract: ${3:input-contract-id}\n    outputs:\n' +
                '      - contract: ${4:output-contract-id}\n        columns:\n          ${5:column}: ${6:alias.column}$0',
            },
          ],
        ],
      );
    } finally {
      client.edit(pipeline, range(17, 0, 18, 0), '');
    }
    assert.equal(client.text(pipeline), pl);
  });

  it("completion at a product port's `contractId`: every contract id of the workspace, with owner, version and SLA", async () => {
    const position = find(p, 'contractId: warehouse-orders', 'contractId: '.length);
    assert.deepEqual(position, at(30, 16));
    const list = await client.request('textDocument/completion', { textDocument: { uri: product }, position });
    assert.deepEqual(
      list.items.map((i: Item) => i.label),
      CONTRACT_IDS,
    );
    const item = list.items.find((i: Item) => i.label === 'churn-predictions');
    assert.deepEqual(item, {
      label: 'churn-predictions',
      kind: 9,
      detail: 'Customer churn scores · v1.1.0 · active',
      documentation: {
        kind: 'markdown',
        value:
          '**Contract `churn-predictions`** — Customer churn scores\n\n- version `1.1.0` · status `active`\n- owner: team `ml-platform` — Hannah Lee\n' +
          '- domain: machine-learning\n- SLA: frequency 1 d; timeOfAvailability 06:30+01:00; retention 400 d\n- schema: `churn_scores` (8 properties)\n' +
          '- file: `contracts/churn-predictions.odcs.yaml`\n\nProbability that each customer stops buying in the next 90 days, refreshed daily.',
      },
      sortText: '0_churn-predictions',
      filterText: 'churn-predictions',
      textEdit: { range: range(30, 16, 30, 16), newText: 'churn-predictions' },
    });
  });

  it("completion at a pipeline input's `schema`: the schema objects of that contract", async () => {
    const position = find(pl, 'schema: dim_customers', 'schema: '.length);
    assert.deepEqual(position, at(22, 16));
    const list = await client.request('textDocument/completion', { textDocument: { uri: pipeline }, position });
    assert.deepEqual(
      list.items.map((i: Item) => [i.label, i.kind, i.detail]),
      [
        ['dim_customers', 7, '9 properties · warehouse-orders'],
        ['fct_orders', 7, '12 properties · warehouse-orders'],
        ['fct_payments', 7, '10 properties · warehouse-orders'],
      ],
    );
    assert.deepEqual(list.items[0].textEdit, { range: range(22, 16, 22, 16), newText: 'dim_customers' });
  });

  it("completion after an input alias (`c.`): that input's columns, with type, object and contract", async () => {
    const position = find(pl, 'customer_key: c.customer_key', 'customer_key: c.'.length);
    assert.deepEqual(position, at(36, 26));
    const list = await client.request('textDocument/completion', { textDocument: { uri: pipeline }, position });
    assert.deepEqual(
      list.items.slice(0, 3).map((i: Item) => [i.label, i.kind, i.detail]),
      [
        ['c.customer_key', 5, 'string · dim_customers · warehouse-orders'],
        ['c.email_sha256', 5, 'string · dim_customers · warehouse-orders'],
        ['c.country_code', 5, 'string · dim_customers · warehouse-orders'],
      ],
    );
    // the 9 properties of dim_customers first, then the other inputs' columns (o., p., s.)
    const first = list.items.slice(0, 9);
    assert.ok(
      first.every((i: Item) => i.label.startsWith('c.') && i.detail!.endsWith(' · dim_customers · warehouse-orders')),
    );
    assert.ok(
      list.items.slice(9).every((i: Item) => /^[ops]\./.test(i.label)),
      list.items
        .slice(9)
        .map((i: Item) => i.label)
        .join(),
    );
    assert.deepEqual([...new Set(list.items.map((i: Item) => i.label[0]))], ['c', 'o', 'p', 's']);
    assert.deepEqual(list.items[0].textEdit, { range: range(36, 24, 36, 26), newText: 'c.customer_key' });
  });

  it('hover on a property: its type and constraints', async () => {
    const hover = await client.request('textDocument/hover', {
      textDocument: { uri: warehouse },
      position: find(w, '- name: order_id', 9),
    });
    assert.deepEqual(hover, {
      contents: {
        kind: 'markdown',
        value:
          '**Property `order_id`** of `fct_orders` · contract `warehouse-orders`\n\n- logical type: `integer`\n- physical type: `number(38,0)`\n' +
          '- required: yes\n- primary key: yes\n- primary key position: `1`\n- unique: yes\n- classification: `internal`\n- critical data element: yes',
      },
      range: range(125, 14, 125, 22),
    });
  });

  it('hover on a reference: a summary of the contract (owner, version, SLA, schema objects) and of a column', async () => {
    const hover = await client.request('textDocument/hover', {
      textDocument: { uri: product },
      position: find(p, 'contractId: warehouse-orders', 15),
    });
    assert.deepEqual(hover, {
      contents: {
        kind: 'markdown',
        value:
          '**Contract `warehouse-orders`** — Commerce warehouse (orders, customers, payments)\n\n- version `4.2.0` · status `active`\n' +
          '- owner: team `analytics-engineering` — Sofia Rossi\n- domain: commerce-analytics\n' +
          '- SLA: frequency 1 h; latency 75 m; timeOfAvailability 06:00+01:00; retention 10 yr\n' +
          '- schema: `dim_customers` (9 properties), `fct_orders` (12 properties), `fct_payments` (10 properties)\n' +
          '- file: `contracts/warehouse-orders.odcs.yaml`\n\nCurrent state of every order, payment and customer, cleaned, in EUR, ready to join.',
      },
      range: range(30, 16, 30, 32),
    });
    const column = await client.request('textDocument/hover', {
      textDocument: { uri: pipeline },
      position: at(36, 26),
    });
    assert.deepEqual(column.range, range(36, 26, 36, 38));
    assert.equal(
      column.contents.value.split('\n')[0],
      '**Property `customer_key`** of `dim_customers` · contract `warehouse-orders`',
    );
    assert.match(column.contents.value, /\n- transform: `sha2\(customer_id \|\| \$salt, 256\)`\n/);
  });

  it('rename refused where it would be ambiguous: a contract id declared twice', async () => {
    const dup = client.open(join(ws.dir, 'contracts/copy-of-warehouse.odcs.yaml'), w);
    await client.waitForDiagnostics(dup, { version: 1 });
    const message =
      'Contract id `warehouse-orders` is declared in 2 files (`contracts/copy-of-warehouse.odcs.yaml`, `contracts/warehouse-orders.odcs.yaml`): ' +
      'renaming it would be ambiguous. Give one of them another id first (ref/duplicate-id).';
    const position = find(w, 'id: warehouse-orders', 6);
    await assert.rejects(
      client.request('textDocument/prepareRename', { textDocument: { uri: warehouse }, position }),
      (e: Error) => e.message === message,
    );
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri: warehouse }, position, newName: 'wh-orders' }),
      (e: Error) => e.message === message,
    );
    client.close(dup);
    await settle(client, 200);
    // Closed (and not on disk): the rename is possible again.
    const prepared = await client.request('textDocument/prepareRename', { textDocument: { uri: warehouse }, position });
    assert.deepEqual(prepared, { range: range(4, 4, 4, 20), placeholder: 'warehouse-orders' });
  });

  it('quick fixes: add a missing required key, suppress with a reason placeholder, "did you mean"', async () => {
    const uri = client.open(
      join(ws.dir, 'contracts/scratch.odcs.yaml'),
      '# scratch\napiVersion: v3.1.0\nkind: DataContract\nid: scratch\nversion: 1.0.0\nschema:\n  - name: t\n    properties:\n      - name: a\n        logicalType: strin # typo\n',
    );
    const published = await client.waitForDiagnostics(uri, { version: 1 });
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.range, d.message]),
      [
        ['schema/required', range(0, 0, 0, 9), 'Missing required key `status` in the contract.'],
        [
          'schema/enum',
          range(9, 21, 9, 26),
          '`strin` is not a valid `logicalType`. Expected one of: array, boolean, date, integer, number, object, string, time, timestamp. Did you mean `string`?',
        ],
      ],
    );
    const [required, enumeration] = published.diagnostics;
    const forRequired = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: required.range,
      context: { diagnostics: [required] },
    });
    assert.deepEqual(
      forRequired.map((a: { title: string; kind: string; isPreferred?: boolean; edit: unknown }) => [
        a.title,
        a.kind,
        a.isPreferred ?? false,
        a.edit,
      ]),
      [
        [
          'Add missing key `status`',
          'quickfix',
          true,
          { changes: { [uri]: [{ range: range(9, 33, 9, 33), newText: '\nstatus: ' }] } },
        ],
        [
          'Suppress schema/required on this line',
          'quickfix',
          false,
          {
            changes: {
              [uri]: [
                { range: range(0, 0, 0, 0), newText: '# pactline-disable-next-line schema/required -- TODO: reason\n' },
              ],
            },
          },
        ],
      ],
    );
    const forEnum = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: enumeration.range,
      context: { diagnostics: [enumeration] },
    });
    assert.deepEqual(
      forEnum.map((a: { title: string; edit: unknown }) => [a.title, a.edit]),
      [
        ['Change `strin` to `string`', { changes: { [uri]: [{ range: range(9, 21, 9, 26), newText: 'string' }] } }],
        [
          'Suppress schema/enum on this line',
          {
            changes: {
              [uri]: [
                {
                  range: range(9, 0, 9, 0),
                  newText: '        # pactline-disable-next-line schema/enum -- TODO: reason\n',
                },
              ],
            },
          },
        ],
      ],
    );
    // Applied (as the editor would), the three edits leave a file with one finding fewer each.
    client.edit(uri, range(9, 33, 9, 33), '\nstatus: active');
    client.edit(uri, range(9, 21, 9, 26), 'string');
    const fixed = await client.waitForDiagnostics(uri, { version: 3 });
    assert.deepEqual(fixed.diagnostics, []);
    // A suppression comment silences the finding on the next line.
    client.edit(uri, range(9, 21, 9, 27), 'strin');
    client.edit(
      uri,
      range(9, 0, 9, 0),
      '        # pactline-disable-next-line schema/enum -- legacy name, fixed in v2\n',
    );
    const suppressed = await client.waitForDiagnostics(uri, { version: 5 });
    assert.deepEqual(suppressed.diagnostics, []);
    client.close(uri);
  });

  it('formatting re-indents and keeps every comment (head, own-line and trailing)', async () => {
    const uri = client.open(
      join(ws.dir, 'contracts/fmt.odcs.yaml'),
      '# head\napiVersion: v3.1.0\nkind: DataContract\nid: fmt\nversion: 1.0.0\nstatus: active\nschema:\n    # the table\n    - name: t   # trailing\n      properties:\n          - name: a\n            logicalType: string  # why\n',
    );
    const edits = await client.request('textDocument/formatting', {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.deepEqual(edits, [
      {
        range: range(0, 0, 12, 0),
        newText:
          '# head\napiVersion: v3.1.0\nkind: DataContract\nid: fmt\nversion: 1.0.0\nstatus: active\nschema:\n  # the table\n  - name: t   # trailing\n' +
          '    properties:\n      - name: a\n        logicalType: string  # why\n',
      },
    ]);
    client.close(uri);
  });

  it('pactline/skeleton: the snippet of the New Contract / Data Product / Pipeline commands; an empty file completes to it', async () => {
    const newContract = join(ws.dir, 'contracts/loyalty-points.odcs.yaml');
    const contract = await client.request('pactline/skeleton', {
      uri: uriOf(newContract),
      kind: 'odcs',
      version: 'v3.2.0',
      serverType: 'snowflake',
    });
    assert.equal(contract.label, 'ODCS v3.2.0 contract on snowflake');
    assert.match(contract.snippet, /^apiVersion: v3\.2\.0\nkind: DataContract\nid: \$\{1:loyalty-points\}\n/);
    assert.match(contract.snippet, /\n {4}type: snowflake\n {4}account: \$\{\d+:my-account\}\n/);
    // A pipeline reads a contract the workspace declares.
    const pipelineSkeleton = await client.request('pactline/skeleton', {
      uri: uriOf(join(ws.dir, 'pipelines/x.pipeline.yaml')),
      kind: 'pipeline',
    });
    assert.match(pipelineSkeleton.snippet, new RegExp(`- contract: \\$\\{\\d+:(${CONTRACT_IDS.join('|')})\\}`));
    assert.match(
      (await client.request('pactline/skeleton', { uri: uriOf(newContract), kind: 'odcs', version: 'v9' })).error,
      /one of v3\.1\.0/,
    );
    // The same skeleton as the completion of an empty file of that name.
    writeFileSync(newContract, '');
    const uri = client.open(newContract, '');
    try {
      const list = await client.request('textDocument/completion', { textDocument: { uri }, position: at(0, 0) });
      const item = list.items.find((i: Item) => i.label === 'ODCS v3.2.0 contract')!;
      assert.equal(item.insertTextFormat, 2);
      assert.equal(
        item.textEdit!.newText,
        (await client.request('pactline/skeleton', { uri, kind: 'odcs', version: 'v3.2.0' })).snippet,
      );
    } finally {
      client.close(uri);
    }
  });

  it('debounce: a burst of keystrokes is validated once, for the last version', async () => {
    const uri = client.open(
      join(ws.dir, 'contracts/typing.odcs.yaml'),
      w.replace('id: warehouse-orders', 'id: typing'),
    );
    await client.waitForDiagnostics(uri, { version: 1 });
    await settle(client, 300);
    const mark = client.published.length;
    // `logicalType: integer` of order_id typed over, one character every 10 ms (the default debounce is longer)
    const line = 126;
    assert.equal(client.text(uri).split('\n')[line], '        logicalType: integer');
    let version = 1;
    for (const ch of 'strin') {
      const col = client.text(uri).split('\n')[line].length;
      version = client.edit(uri, range(line, col, line, col), ch);
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.equal(version, 6);
    const final = await client.waitForDiagnostics(uri, { version: 6, after: mark });
    assert.deepEqual(
      final.diagnostics.map((d) => [d.code, d.range]),
      [['schema/enum', range(line, 21, line, 33)]],
    );
    await settle(client, 300);
    assert.deepEqual(
      client.published
        .slice(mark)
        .filter((x) => x.uri === uri)
        .map((x) => x.version),
      [6],
    );
    client.close(uri);
  });

  it('shuts down cleanly', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});

describe('stale versions', () => {
  it('edits sent while the first validation waits for the index: only the last version is ever published', async () => {
    // A workspace large enough that indexing is still running when the edits arrive.
    const ws = tempCopy(EXAMPLES);
    const template = readFileSync(join(ws.dir, 'contracts/warehouse-web-sessions.odcs.yaml'), 'utf8');
    mkdirSync(join(ws.dir, 'contracts/many'));
    for (let i = 0; i < 2000; i++)
      writeFileSync(
        join(ws.dir, `contracts/many/c${i}.odcs.yaml`),
        template.replace('id: warehouse-web-sessions', `id: many-${i}`),
      );
    const client = await LspClient.start({
      workspace: ws.dir,
      settings: { pactline: { diagnostics: { debounceMs: 0 } } },
    });
    try {
      const uri = client.open(join(ws.dir, WAREHOUSE));
      assert.equal(client.text(uri).split('\n')[126], '        logicalType: integer');
      const v2 = client.replace(uri, 'logicalType: integer', 'logicalType: intege');
      const v3 = client.replace(uri, 'logicalType: intege', 'logicalType: integr');
      assert.equal(v3, 3);
      // Sent before the index was built: the first validation (version 1) was still waiting for it.
      const ended = () => client.progress.some((e) => e.value.kind === 'end');
      assert.ok(!ended(), 'the edits were sent while indexing');
      const published = await client.waitForDiagnostics(uri, { version: v3, timeoutMs: 120_000 });
      assert.ok(ended());
      assert.deepEqual(
        published.diagnostics.map((d) => [d.code, d.range]),
        [['schema/enum', range(126, 21, 126, 27)]],
      );
      await settle(client, 400);
      assert.deepEqual(
        client.published.filter((x) => x.uri === uri).map((x) => x.version),
        [v3],
      );
      assert.ok(v2 < v3);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
      ws.dispose();
    }
  });
});
