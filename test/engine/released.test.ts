// Closed files of a large workspace kept as facts only (`LanguageService.releaseDocument`): the
// parsed document (text, value, lines) is let go, the cross-file rules read the index's facts, and
// what needs a position in such a file reads it again through `reread` (the host's disk).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { definition, references, rename } from '../../server/src/engine/features';
import { LanguageService } from '../../server/src/engine/service';
import { exampleFiles, positionOf, ROOT } from './features/helpers';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MISTAKES = join(ROOT, 'test/fixtures/workspace-with-mistakes');

function filesOf(dir: string): Map<string, string> {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)],
    );
  return new Map(
    walk(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => [relative(dir, f).replace(/\\/g, '/'), readFileSync(f, 'utf8')]),
  );
}

/** Every file held, and the same files with every one released but `keep`; rereads counted. */
function services(files: Map<string, string>, keep: readonly string[] = []) {
  const held = new LanguageService();
  const rereads: string[] = [];
  const released = new LanguageService({
    reread: (path) => {
      rereads.push(path);
      return files.get(path);
    },
  });
  for (const [path, text] of files) {
    held.setDocument(path, text);
    released.setDocument(path, text);
  }
  for (const path of files.keys()) if (!keep.includes(path)) released.releaseDocument(path);
  rereads.length = 0;
  return { held, released, rereads };
}

/** Property trees (Maps as entries) as comparable text. */
const json = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (x instanceof Map ? [...x] : x));

describe('released documents: facts only', () => {
  it('lets go of the document, its value and text; the index keeps the facts', async () => {
    const files = exampleFiles();
    const path = 'examples/contracts/warehouse-orders.odcs.yaml';
    const service = new LanguageService({ reread: (p) => files.get(p) });
    const { doc, value } = (() => {
      const d = service.setDocument(path, files.get(path)!);
      // The property tree read once: it must not keep the value alive either.
      void service.index.facts(path)!.contract!.schemaObjects[0].tree;
      const object = (d.value as { schema: object[] }).schema[0];
      return { doc: new WeakRef(d), value: new WeakRef(object) };
    })();
    assert.equal(service.releaseDocument(path), true);
    assert.equal(service.isHeld(path), false);
    assert.equal(service.index.keepsDocument(path), false);
    assert.equal(service.hasDocument(path), true);
    assert.deepEqual([...service.paths()], [path]);
    await new Promise((r) => setImmediate(r));
    gc();
    assert.equal(doc.deref(), undefined, 'the parsed document is collected');
    assert.equal(value.deref(), undefined, 'its value (a schema object the tree was read from) is collected');
    assert.equal(service.index.facts(path)!.contract!.id, 'warehouse-orders');
  });

  it('a service without `reread` keeps every document', () => {
    const service = new LanguageService();
    service.setDocument('a.odcs.yaml', exampleFiles().get('examples/contracts/warehouse-orders.odcs.yaml')!);
    assert.equal(service.releaseDocument('a.odcs.yaml'), false);
    assert.equal(service.isHeld('a.odcs.yaml'), true);
  });

  it('cross-file findings of an open file come from the facts of the closed ones, not their text', () => {
    const files = filesOf(MISTAKES);
    const open = 'pipelines/crm-export.pipeline.yaml';
    const { held, released, rereads } = services(files, [open]);
    const found = released.diagnose(open);
    assert.ok(
      found.some((f) => f.code === 'ref/unknown-column'),
      'the pipeline has cross-file findings',
    );
    assert.deepEqual(found, held.diagnose(open));
    // The contracts it reads are checked on their facts: none is read again. (The pipelines that
    // conflict with it are: the graph's findings place their related locations.)
    assert.deepEqual(
      rereads.filter((p) => p.startsWith('contracts/')),
      [],
    );
    assert.ok(rereads.length < files.size / 4, `${rereads.length} of ${files.size} files read again`);
  });

  it('every file reports the same findings released as held (read again when diagnosed)', () => {
    const files = filesOf(MISTAKES);
    const { held, released } = services(files);
    for (const path of files.keys()) assert.deepEqual(released.diagnose(path), held.diagnose(path), path);
  });

  it('definition, references and rename into closed files answer as when every file is held', () => {
    const files = exampleFiles();
    const pipeline = 'examples/pipelines/warehouse-modelling.pipeline.yaml';
    const contract = 'examples/contracts/warehouse-orders.odcs.yaml';
    const { held, released, rereads } = services(files, [pipeline]);
    const text = files.get(pipeline)!;
    const at = positionOf(text, 'contract: validated-commerce-cdc', 15);
    assert.deepEqual(definition(released, pipeline, at), definition(held, pipeline, at));
    assert.ok(definition(released, pipeline, at).length);
    assert.ok(rereads.includes('examples/contracts/validated-commerce-cdc.odcs.yaml'), 'its position was read again');
    const id = positionOf(files.get(contract)!, 'id: warehouse-orders', 6);
    const refs = references(released, contract, id, true);
    assert.ok(refs.length > 2);
    assert.deepEqual(refs, references(held, contract, id, true));
    const column = positionOf(files.get(contract)!, 'name: customer_key', 9);
    const renamed = rename(released, contract, column, 'customer_hash');
    assert.ok('changes' in renamed && Object.keys(renamed.changes!).length > 1, 'renamed in several files');
    assert.deepEqual(renamed, rename(held, contract, column, 'customer_hash'));
  });

  it("a closed contract's property tree (what breaking changes compare) is read again, equal", () => {
    const files = exampleFiles();
    const { held, released } = services(files);
    for (const path of files.keys()) {
      const objects = (s: LanguageService) => s.index.facts(path)?.contract?.schemaObjects ?? [];
      assert.equal(json(objects(released).map((o) => o.tree)), json(objects(held).map((o) => o.tree)), path);
    }
  });

  it('an opened file is held again, and an edit installs it as usual', () => {
    const files = exampleFiles();
    const path = 'examples/contracts/warehouse-orders.odcs.yaml';
    const { released, held } = services(files);
    released.holdDocument(path);
    assert.equal(released.isHeld(path), true);
    const edited = files.get(path)!.replace('id: warehouse-orders', 'id: warehouse-orders-2');
    released.setDocument(path, edited);
    held.setDocument(path, edited);
    assert.equal(released.index.facts(path)!.contract!.id, 'warehouse-orders-2');
    for (const p of files.keys()) assert.deepEqual(released.diagnose(p), held.diagnose(p), p);
  });
});
