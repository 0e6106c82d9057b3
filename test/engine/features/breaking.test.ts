// The base is an input of the language service (`setBase`): with it, `diagnose(path, { breaking })`
// gives the breaking findings, `codeActions` their quick fixes, `hover` before and after, and
// `codeLenses` the comparison's lens; no adapter is involved. "Restore" puts a DCS field removed
// from the middle of its map back between its neighbours; without a base there is none of it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseSnapshot } from '../../../server/src/engine/breaking/editor';
import { codeActions, codeLenses, hover } from '../../../server/src/engine/features';
import { parseDocument } from '../../../server/src/engine/document';
import { LanguageService } from '../../../server/src/engine/service';
import { applyEdits } from './helpers';

const PATH = 'contracts/orders.dcs.yaml';
const DCS = `dataContractSpecification: 1.1.0
id: orders
info:
  title: Orders
  version: 0.3.0
models:
  orders:
    type: table
    fields:
      order_id:
        type: string
        required: true
      amount:
        type: decimal
        description: Order total.
      placed_at:
        type: timestamp
`;

function withoutAmount(): LanguageService {
  const service = new LanguageService();
  const start = DCS.indexOf('      amount:');
  const end = DCS.indexOf('      placed_at:');
  service.setDocument(PATH, DCS.slice(0, start) + DCS.slice(end));
  return service;
}

describe('the language service compares with a base it is given', () => {
  it('no base: no breaking finding, no comparison lens', () => {
    const service = withoutAmount();
    assert.ok(!service.diagnose(PATH, { breaking: true }).some((d) => d.code.startsWith('breaking/')));
    assert.ok(!codeLenses(service, PATH).some((l) => l.action.kind === 'compare-with-base'));
  });

  it('a DCS field removed from the middle: finding, quick fixes, hover, lens; restore puts it back in place', () => {
    const service = withoutAmount();
    service.setBase(baseSnapshot('HEAD~1', [parseDocument(PATH, DCS)]));
    assert.ok(!service.diagnose(PATH).some((d) => d.code.startsWith('breaking/')), 'only when asked');
    const found = service.diagnose(PATH, { breaking: true }).filter((d) => d.code === 'breaking/property-removed');
    assert.equal(found.length, 1);
    const [finding] = found;
    assert.equal(finding.data?.breaking?.ref, 'HEAD~1');
    assert.deepEqual(finding.data?.breaking?.restoreAt, { after: 'order_id', before: 'placed_at', first: false });

    const actions = codeActions(service, PATH, finding.range, [finding]);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Bump the major version to 0.4.0 (announce the breaking change)'), titles.join('\n'));
    const restore = actions.find((a) => a.title === 'Restore `amount` from HEAD~1');
    assert.ok(restore, titles.join('\n'));
    const text = service.getDocument(PATH)!.text;
    assert.equal(applyEdits(text, restore!.edit!.changes![PATH]), DCS);

    const shown = hover(service, PATH, finding.range.start);
    const value = (shown?.contents as { value: string }).value;
    assert.match(value, /Before \(HEAD~1, contracts\/orders\.dcs\.yaml:13\):\n\n```yaml\namount:\n {2}type: decimal/);

    assert.deepEqual(
      codeLenses(service, PATH).filter((l) => l.action.kind === 'compare-with-base'),
      [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          title: '1 breaking change vs HEAD~1 · 0 consumers affected',
          action: { kind: 'compare-with-base' },
        },
      ],
    );
    service.setBase(undefined);
    assert.ok(!service.diagnose(PATH, { breaking: true }).some((d) => d.code.startsWith('breaking/')));
  });
});
