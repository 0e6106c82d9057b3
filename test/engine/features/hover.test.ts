// Hover: the meaning of keys (schema descriptions, types, constraints) and summaries of what
// references point at (contracts, schema objects, columns, a step's inputs).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver-types';
import { hover } from '../../../server/src/engine/features';
import { exampleService, positionOf, range, rangeOf } from './helpers';

const service = exampleService();
const PIPELINE = 'examples/pipelines/warehouse-modelling.pipeline.yaml';
const CONTRACT = 'examples/contracts/warehouse-orders.odcs.yaml';
const PRODUCT = 'examples/products/customer-churn.odps.yaml';
const textOf = (path: string) => service.getDocument(path)!.text;
const markdown = (h: Hover | null) => {
  assert.ok(h, 'a hover');
  assert.equal((h.contents as { kind: string }).kind, 'markdown');
  return (h.contents as { value: string }).value;
};

describe('hover: keys', () => {
  it('shows the description, type and allowed values of `logicalType`', () => {
    const text = textOf(CONTRACT);
    const h = hover(service, CONTRACT, positionOf(text, 'logicalType: string', 3));
    assert.deepEqual(h!.range, rangeOf(text, 'logicalType: string', 0, 'logicalType'));
    assert.equal(
      markdown(h),
      '**`logicalType`** · `string`, one of `array`, `boolean`, `date`, `integer`, `number`, `object`, `string`, `time`, `timestamp`\n\n' +
        'Platform-independent type of the values, e.g. `string`, `integer`, `timestamp`. Decides which\n' +
        '`logicalTypeOptions` are allowed; `object` lets you list nested `properties`, `array` its\n' +
        '`items`, and `map` (v3.2.0 and later) needs a `map` block.',
    );
  });

  it('explains a key on its value too, and a list by its key', () => {
    const text = textOf(CONTRACT);
    const onValue = markdown(hover(service, CONTRACT, positionOf(text, 'type: snowflake', 8)));
    assert.match(onValue, /^\*\*`type`\*\* · `string`, one of `api`, `athena`/);
    assert.match(onValue, /Platform that hosts the data\./);
    const tags = hover(service, CONTRACT, positionOf(text, 'tags: [warehouse', 8));
    assert.deepEqual(tags!.range, rangeOf(text, 'tags: [warehouse', 0, 'warehouse'));
    assert.equal(
      markdown(tags),
      '**`tags`** · list of `string`\n\nFree-form labels for search and grouping, e.g. `finance`, `pii`.',
    );
  });

  it('explains pipeline keys behind an anyOf (schedule) and ODPS keys', () => {
    const cron = markdown(hover(service, PIPELINE, positionOf(textOf(PIPELINE), 'cron:', 1)));
    assert.equal(
      cron,
      '**`cron`** · `string`\n\nCron expression with five fields (minute hour day-of-month month day-of-week), e.g. `0 2 * * *`.',
    );
    assert.match(
      markdown(hover(service, PRODUCT, positionOf(textOf(PRODUCT), 'inputPorts', 2))),
      /^\*\*`inputPorts`\*\* · list of `OdpsInputPort`/,
    );
  });

  it('gives nothing on comments, blank lines and keys the standard does not define', () => {
    assert.equal(hover(service, PIPELINE, { line: 0, character: 5 }), null);
    const service2 = exampleService({
      'x.odcs.yaml': 'apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: active\nnotAKey: 1\n',
    });
    assert.equal(hover(service2, 'x.odcs.yaml', { line: 5, character: 2 }), null);
  });
});

describe('hover: references', () => {
  it('summarizes the contract a pipeline output names: owner, version, status, SLA, schema objects', () => {
    const text = textOf(PIPELINE);
    const h = hover(service, PIPELINE, positionOf(text, 'contract: warehouse-orders', 12));
    assert.deepEqual(h!.range, range(26, 18, 26, 34));
    assert.equal(
      markdown(h),
      [
        '**Contract `warehouse-orders`** — Commerce warehouse (orders, customers, payments)',
        '',
        '- version `4.2.0` · status `active`',
        '- owner: team `analytics-engineering` — Sofia Rossi',
        '- domain: commerce-analytics',
        '- SLA: frequency 1 h; latency 75 m; timeOfAvailability 06:00+01:00; retention 10 yr',
        '- schema: `dim_customers` (9 properties), `fct_orders` (12 properties), `fct_payments` (10 properties)',
        '- file: `examples/contracts/warehouse-orders.odcs.yaml`',
        '',
        'Current state of every order, payment and customer, cleaned, in EUR, ready to join.',
      ].join('\n'),
    );
  });

  it('summarizes the contract an ODPS port names', () => {
    const text = textOf(PRODUCT);
    const value = markdown(hover(service, PRODUCT, positionOf(text, 'contractId: features-customer-churn', 14)));
    assert.match(value, /^\*\*Contract `features-customer-churn`\*\*/);
    assert.match(value, /- file: `examples\/contracts\/features-customer-churn\.odcs\.yaml`/);
  });

  it('shows the type and constraints of the column an `alias.column` source names', () => {
    const text = textOf(PIPELINE);
    const h = hover(service, PIPELINE, positionOf(text, 'customers.customer_id', 12));
    assert.deepEqual(h!.range, rangeOf(text, 'customers.customer_id', 0, 'customer_id'));
    assert.equal(
      markdown(h),
      [
        '**Property `customer_id`** of `customers` · contract `validated-commerce-cdc`',
        '',
        '- logical type: `string`',
        '- physical type: `string`',
        '- required: yes',
        '- primary key: yes',
        '- primary key position: `1`',
        '- unique: yes',
        '- classification: `restricted`',
        '- tags: `pii`, `pseudonymous`',
      ].join('\n'),
    );
  });

  it('on the alias of `alias.column`, shows the input and its schema object', () => {
    const text = textOf(PIPELINE);
    const value = markdown(hover(service, PIPELINE, positionOf(text, 'items.quantity', 2)));
    assert.match(
      value,
      /^\*\*Input `items`\*\* of this step: schema object `order_items` of contract `validated-commerce-cdc`/,
    );
    assert.match(value, /9 columns:\n- `order_item_id` integer, required, primary key\n/);
  });

  it('on a property declaration, shows the property', () => {
    const text = textOf(CONTRACT);
    assert.equal(
      markdown(hover(service, CONTRACT, positionOf(text, 'name: email_sha256', 8))),
      [
        '**Property `email_sha256`** of `dim_customers` · contract `warehouse-orders`',
        '',
        '- logical type: `string`',
        '- physical type: `varchar(64)`',
        '- required: yes',
        '- classification: `restricted`',
        '- tags: `pii`, `pseudonymous`',
        '',
        'For matching with ad platforms (customer match). Only for customers with marketing_opt_in.',
      ].join('\n'),
    );
  });

  it('on a relationship target, shows the schema object or the column under the cursor', () => {
    const text = textOf(CONTRACT);
    assert.match(
      markdown(hover(service, CONTRACT, positionOf(text, 'to: dim_customers.customer_key', 6))),
      /^\*\*Schema object `dim_customers`\*\* of contract `warehouse-orders`/,
    );
    assert.match(
      markdown(hover(service, CONTRACT, positionOf(text, 'to: dim_customers.customer_key', 20))),
      /^\*\*Property `customer_key`\*\* of `dim_customers`/,
    );
  });

  it('says so when a referenced contract does not exist', () => {
    const s = exampleService({
      'p.odps.yaml':
        'apiVersion: v1.0.0\nkind: DataProduct\nid: p\ninputPorts:\n  - name: a\n    version: 1.0.0\n    contractId: nowhere\n',
    });
    assert.equal(
      markdown(hover(s, 'p.odps.yaml', { line: 6, character: 18 })),
      '**Contract `nowhere`**\n\nNo file in the workspace declares this contract id.',
    );
  });
});

describe('hover: the version a file is checked as', () => {
  const contract = (api: string) => `apiVersion: ${api}\nkind: DataContract\nid: hv\nversion: 1.0.0\nstatus: active\n`;
  const on = (path: string, text: string, key: string) => {
    const s = exampleService({ [path]: text });
    return markdown(hover(s, path, positionOf(text, key, 1)));
  };

  it('names the edition whose rules apply, on the version key', () => {
    assert.match(
      on('h/a.odcs.yaml', contract('v3.0.2'), 'apiVersion'),
      /Pactline checks this file by the rules of \*\*Open Data Contract Standard v3\.0\.2\*\*\./,
    );
    assert.match(
      on('h/b.odcs.yaml', contract('v3.1.0'), 'apiVersion'),
      /rules of \*\*Open Data Contract Standard v3\.1\.0\*\*/,
    );
    const dcs = 'dataContractSpecification: 1.1.0\nid: c\ninfo:\n  title: t\n  version: 1.0.0\n';
    assert.match(
      on('h/datacontract.yaml', dcs, 'dataContractSpecification'),
      /rules of \*\*Data Contract Specification 1\.1\.0\*\*/,
    );
  });

  it('says when the declared version is not one Pactline validates', () => {
    assert.match(
      on('h/c.odcs.yaml', contract('v2.2.2'), 'apiVersion'),
      /Pactline does not validate `v2\.2\.2`; it validates v3\.0\.0, v3\.0\.1, v3\.0\.2, v3\.1\.0 and v3\.2\.0\./,
    );
  });

  it('says nothing of the kind on other keys', () => {
    assert.doesNotMatch(on('h/d.odcs.yaml', contract('v3.0.2'), 'status'), /Pactline checks/);
  });
});
