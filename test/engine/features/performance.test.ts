// A performance sanity check, not a timed assertion: completion, hover and the outline on a
// generated 5,000-property contract, with the times printed (`node --test` shows them as diagnostics).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { completion, documentSymbols, foldingRanges, hover } from '../../../server/src/engine/features';
import { LanguageService } from '../../../server/src/engine/service';

const PROPERTIES = 5000;

function bigContract(): string {
  const lines = [
    'apiVersion: v3.1.0',
    'kind: DataContract',
    'id: big',
    'version: 1.0.0',
    'status: active',
    'schema:',
    '  - name: wide_table',
    '    properties:',
  ];
  for (let i = 0; i < PROPERTIES; i++) {
    lines.push(
      `      - name: column_${i}`,
      '        logicalType: string',
      `        description: Column number ${i}.`,
      '        required: false',
    );
  }
  return lines.join('\n') + '\n';
}

function time<T>(run: () => T): [T, string] {
  const start = performance.now();
  const result = run();
  return [result, `${(performance.now() - start).toFixed(1)} ms`];
}

it(`completion and hover on a ${PROPERTIES.toLocaleString('en-US')}-property contract (times printed)`, (t) => {
  const service = new LanguageService();
  const path = 'big.odcs.yaml';
  const [, parse] = time(() => service.setDocument(path, bigContract()));
  const middle = 8 + 4 * (PROPERTIES / 2); // the `- name:` line of the middle property
  const valuePosition = { line: middle + 1, character: '        logicalType: '.length };

  const [values, firstCompletion] = time(() => completion(service, path, valuePosition));
  const [, secondCompletion] = time(() => completion(service, path, valuePosition));
  assert.equal(values.items.length, 9);
  const [keys, keyCompletion] = time(() => completion(service, path, { line: middle + 4, character: 0 }));
  assert.ok(keys.items.length > 0);

  const [first, firstHover] = time(() => hover(service, path, { line: middle + 1, character: 10 }));
  const [second, secondHover] = time(() => hover(service, path, { line: middle + 2, character: 10 }));
  assert.ok(first && second);

  // While the user types a key, the text does not parse: completion answers from the last good parse.
  const broken = service.getDocument(path)!.text.split('\n');
  broken.splice(middle + 4, 0, '        logi');
  service.setDocument(path, broken.join('\n'));
  const [typing, brokenCompletion] = time(() => completion(service, path, { line: middle + 4, character: 12 }));
  assert.ok(typing.items.some((i) => i.label === 'physicalType'));
  service.setDocument(path, bigContract());

  const [symbols, outline] = time(() => documentSymbols(service, path));
  assert.equal(symbols[0].children![0].children!.length, PROPERTIES);
  const [, folding] = time(() => foldingRanges(service, path));

  for (const line of [
    `parse (setDocument): ${parse}`,
    `completion of a value: ${firstCompletion} (first), ${secondCompletion} (again)`,
    `completion of a key: ${keyCompletion}`,
    `completion while the line does not parse: ${brokenCompletion}`,
    `hover: ${firstHover} (first: builds the document model), ${secondHover} (next)`,
    `document symbols: ${outline}; folding ranges: ${folding}`,
  ]) {
    t.diagnostic(line);
  }
});
