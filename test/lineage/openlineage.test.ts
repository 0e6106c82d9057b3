// OpenLineage output: static job events that validate against the official OpenLineage JSON
// Schemas (draft 2020-12) in ../shared/conformance/schemas, with schema and column lineage facets.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { lineageView, toOpenLineage } from '../../server/src/engine/lineage';
import { needsCorpus } from '../corpus';
import { filesUnder, SHARED, SMALL, workspace } from './helpers';

const SCHEMAS = join(SHARED, 'schemas');
const skip = needsCorpus(
  'the OpenLineage events against the official OpenLineage JSON Schemas',
  'schemas/openlineage-OpenLineage.json',
);

function validators() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const load = (name: string) => JSON.parse(readFileSync(join(SCHEMAS, `openlineage-${name}.json`), 'utf8'));
  const core = load('OpenLineage');
  const schemaFacet = load('SchemaDatasetFacet');
  const columnFacet = load('ColumnLineageDatasetFacet');
  ajv.addSchema(core);
  ajv.addSchema(load('LineageFacet'));
  ajv.addSchema(schemaFacet);
  ajv.addSchema(columnFacet);
  return {
    event: ajv.getSchema(core.$id)!,
    schemaFacet: ajv.getSchema(schemaFacet.$id)!,
    columnFacet: ajv.getSchema(columnFacet.$id)!,
  };
}

const OPTIONS = { eventTime: '2025-01-02T03:04:05.000Z', producer: 'https://github.com/pactline/pactline/tree/v0.1.0' };

interface Dataset {
  namespace: string;
  name: string;
  facets: Record<string, { fields?: unknown }>;
}
interface Event {
  job: { namespace: string; name: string; facets: Record<string, unknown> };
  inputs: Dataset[];
  outputs: Dataset[];
  run?: unknown;
  eventType?: unknown;
}

function assertValid(events: object[]) {
  const v = validators();
  for (const event of events) {
    assert.ok(v.event(event), `${(event as Event).job.name}: ${JSON.stringify(v.event.errors, null, 1)}`);
    for (const dataset of [...(event as Event).inputs, ...(event as Event).outputs]) {
      assert.ok(v.schemaFacet(dataset.facets), `${dataset.name} schema facet: ${JSON.stringify(v.schemaFacet.errors)}`);
      assert.ok(
        v.columnFacet(dataset.facets),
        `${dataset.name} columnLineage facet: ${JSON.stringify(v.columnFacet.errors)}`,
      );
    }
  }
}

describe('OpenLineage job events', { skip }, () => {
  it('the schemas reject what they should (the validators are real)', () => {
    const v = validators();
    assert.equal(
      v.event({ eventTime: 'now', producer: 'x', schemaURL: 'y', job: { namespace: 'n', name: 'j' } }),
      false,
    );
    assert.equal(
      v.columnFacet({ columnLineage: { _producer: 'https://x', _schemaURL: 'https://y', fields: { a: {} } } }),
      false,
    );
  });

  it('one static JobEvent per job of the small workspace, with schema and column lineage facets', () => {
    const { graph } = workspace(SMALL);
    const events = toOpenLineage(graph, lineageView(graph), OPTIONS) as Event[];
    assertValid(events);
    assert.equal(events.length, 1);
    const [event] = events;
    assert.equal(event.run, undefined, 'a job event carries no run');
    assert.deepEqual(event.job.name, 'validate/check');
    assert.deepEqual(
      event.inputs.map((d) => `${d.namespace}:${d.name}`),
      ['pactline:raw-orders/orders'],
    );
    assert.deepEqual(
      event.outputs.map((d) => d.name),
      ['clean-orders/orders', 'dlq/rejects'],
    );
    assert.deepEqual(event.inputs[0].facets.schema.fields, [
      { name: 'order_id', type: 'integer' },
      { name: 'email', type: 'string' },
      { name: 'amount', type: 'number' },
      { name: 'created_at', type: 'timestamp' },
    ]);
    const lineage = (
      event.outputs[0].facets as Record<
        string,
        {
          fields: Record<
            string,
            { inputFields: { name: string; field: string; transformations: { subtype: string }[] }[] }
          >;
        }
      >
    ).columnLineage.fields;
    assert.deepEqual(Object.keys(lineage).sort(), ['amount_eur', 'created_at', 'email', 'order_id']);
    assert.deepEqual(
      lineage.amount_eur.inputFields.map((f) => `${f.name}.${f.field} ${f.transformations[0].subtype}`),
      ['raw-orders/orders.amount TRANSFORMATION', 'raw-orders/orders.created_at TRANSFORMATION'],
    );
    assert.equal(lineage.email.inputFields[0].transformations[0].subtype, 'IDENTITY');
    assert.equal(event.outputs[1].facets.columnLineage, undefined, 'no mapping, no column lineage facet');
    assert.deepEqual(event.job.facets.jobType, {
      _producer: OPTIONS.producer,
      _schemaURL: 'https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet',
      processingType: 'STREAMING',
      integration: 'PACTLINE',
      jobType: 'TASK',
    });
  });

  it('every job of the example workspace; nested properties become nested fields', () => {
    const { graph } = workspace(filesUnder('examples'));
    const events = toOpenLineage(graph, lineageView(graph), OPTIONS) as Event[];
    assertValid(events);
    assert.equal(events.length, 14);
    const train = events.find((e) => e.job.name === 'churn-model/train')!;
    assert.deepEqual(train.outputs, [], 'a step that writes nothing');
    const { graph: nested } = workspace({
      'n.odcs.yaml': `apiVersion: v3.1.0\nkind: DataContract\nid: n\nversion: 1.0.0\nstatus: active\nschema:\n  - name: t\n    properties:\n      - name: address\n        logicalType: object\n        properties:\n          - name: city\n            logicalType: string\n`,
      'p.pipeline.yaml':
        'apiVersion: pactline/v1\nkind: Pipeline\nid: p\nowner: o\nschedule:\n  cron: "0 1 * * *"\nsteps:\n  - id: s\n    inputs:\n      - contract: n\n',
    });
    const [event] = toOpenLineage(nested, lineageView(nested), OPTIONS) as Event[];
    assertValid([event]);
    assert.deepEqual(event.inputs[0].facets.schema.fields, [
      { name: 'address', type: 'object', fields: [{ name: 'city', type: 'string' }] },
    ]);
  });
});
