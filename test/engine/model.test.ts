// One contract model, read once per parse (server/src/engine/model): the workspace index holds it,
// the breaking model and the lineage graph are derived from it. Identity (`===`) of the data paths
// and values shows that each consumer took them from the model rather than reading the YAML again;
// the count of models built shows that each parse is read once, however many consumers ask.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareSnapshots } from '../../server/src/engine/breaking';
import { readContract } from '../../server/src/engine/breaking/model';
import { parseDocument } from '../../server/src/engine/document';
import { lineageFindingsFor } from '../../server/src/engine/lineage';
import { documentModel, modelsBuilt } from '../../server/src/engine/model';
import { SMALL, workspace } from '../lineage/helpers';

const RAW = 'contracts/raw.odcs.yaml';
const CLEAN = 'contracts/clean.odcs.yaml';
const PIPE = 'pipelines/validate.pipeline.yaml';

describe('one contract model', () => {
  it('each parsed document is modelled once, whatever reads it: index, ref/ and lineage rules, breaking', () => {
    const before = modelsBuilt();
    const { service, graph } = workspace(SMALL);
    const files = Object.keys(SMALL);
    assert.equal(modelsBuilt() - before, files.length, 'setting each document models it once (the index)');

    const afterIndex = modelsBuilt();
    for (const file of files) service.diagnose(file);
    for (const file of files) lineageFindingsFor(service.index, file);
    graph.sync();
    graph.nodes();
    for (const file of files) readContract(service.getDocument(file)!);
    for (const file of files) readContract(service.getDocument(file)!);
    assert.equal(modelsBuilt(), afterIndex, 'diagnostics, lineage and the breaking model built no other model');

    // A base snapshot is parsed apart: each of its documents is modelled once, the current ones not again.
    // (Both differ from the current text: an unchanged contract is not compared at all.)
    const base = [RAW, CLEAN].map((f) => parseDocument(f, SMALL[f].replace(/value: (\d+)/, 'value: 1$1')));
    const current = files.map((f) => service.getDocument(f)!);
    compareSnapshots(base, current, service.index);
    compareSnapshots(base, current, service.index);
    assert.equal(modelsBuilt() - afterIndex, base.length);

    // An edit is a new parse: that file alone is modelled again.
    const edited = modelsBuilt();
    service.setDocument(RAW, SMALL[RAW].replace('value: 10', 'value: 20'));
    service.diagnose(RAW);
    assert.equal(modelsBuilt() - edited, 1);
  });

  it('the index, the breaking model and the lineage graph hold what the model read, not copies of their own', () => {
    const { service, graph } = workspace(SMALL);
    const doc = service.getDocument(CLEAN)!;
    const model = documentModel(doc)!;
    const contract = model.contract!;

    // The index's facts are the model.
    assert.equal(service.index.facts(CLEAN), model);
    assert.equal(service.index.contract('clean-orders'), contract);

    // The breaking model is projected from it: the very data paths the model read.
    const compared = readContract(doc)!;
    const orders = contract.schemaObjects[0];
    assert.equal(compared.objects[0].path, orders.path);
    assert.equal(compared.objects[0].properties[1].path, orders.tree[1].path);
    assert.equal(
      compared.objects[0].properties[1].attrs.get('type')!.path,
      orders.tree[1].attributes.get('type')!.path,
    );
    assert.equal(compared.sla[0].path, contract.sla[0].path);

    // So are the lineage graph's nodes: metadata included, and the pipeline's edges.
    graph.sync();
    const dataset = graph.node('dataset:clean-orders/orders')!;
    assert.equal(dataset.sla![0].path, contract.sla[0].path);
    const email = graph.node('column:clean-orders/orders/email')!;
    assert.equal(email.classification, orders.byName.get('email')!.classification);
    assert.equal(graph.node('contract:raw-orders')!.tags, documentModel(service.getDocument(RAW)!)!.contract!.tags);
    const pipeline = documentModel(service.getDocument(PIPE)!)!.pipeline!;
    const input = pipeline.steps[0].inputs[0];
    assert.ok(graph.edges().some((e) => e.kind === 'input' && e.file === PIPE && e.path === input.path));
  });

  it('the ref/ cycle rule and the lineage graph share one graph of datasets and steps', () => {
    const { service, graph } = workspace(SMALL);
    const flow = service.index.dataflow();
    assert.equal(service.index.dataflow(), flow, 'kept while nothing changes');
    const pipeline = documentModel(service.getDocument(PIPE)!)!.pipeline!;
    const steps = flow.stepsOf(pipeline);
    assert.equal(steps[0].step, pipeline.steps[0]);
    // The lineage edge of the step's input is the one the shared graph resolved.
    graph.sync();
    const end = steps[0].inputs[0];
    assert.equal(end.resolution.status, 'resolved');
    const edge = graph.edges().find((e) => e.kind === 'input' && e.path === end.ref.path)!;
    assert.equal(edge.from, `dataset:${end.ref.contract!.value}/${end.dataset!.label.split('.')[1]}`);
    // A pipeline change drops it; the next ref/ diagnosis and lineage query build it once, for both.
    service.setDocument(PIPE, SMALL[PIPE] + '\n');
    const next = service.index.dataflow();
    assert.notEqual(next, flow);
    service.diagnose(PIPE);
    graph.sync();
    graph.edges();
    assert.equal(service.index.dataflow(), next);
  });
});
