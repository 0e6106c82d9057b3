// The check both fast-reader tests make on a text: the fast reader gives up or gives exactly
// js-yaml's value, and parseDocument gives the same document with and without it.
import assert from 'node:assert/strict';
import * as jsyaml from 'js-yaml';
import { hasUnderIndentedContinuation, MAX_EXPANDED_NODES, parseDocument } from '../../server/src/engine/document';
import { fastLoad } from '../../server/src/engine/fastYaml';

/** Checks one file; true when the fast reader accepted it. */
export function checkAgainstJsYaml(label: string, text: string): boolean {
  const fast = fastLoad(text, MAX_EXPANDED_NODES);
  if (fast) {
    let expected: unknown;
    try {
      expected = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, maxDepth: 1010 } as jsyaml.LoadOptions);
    } catch (error) {
      assert.fail(`${label}: the fast reader accepted a text js-yaml refuses (${(error as Error).message})`);
    }
    assert.deepStrictEqual(fast.value, expected, `${label}: the fast reader's value differs from js-yaml's`);
    // parseDocument runs the continuation check on the reader's lax regions only: the same answer.
    assert.equal(
      hasUnderIndentedContinuation(text, fast.laxRegions),
      hasUnderIndentedContinuation(text),
      `${label}: the continuation check on the lax regions differs from the whole text's`,
    );
  }
  // Without the fast reader's answer parseDocument runs the same code either way.
  if (!fast) return false;
  const withReader = parseDocument(label, text);
  const without = parseDocument(label, text, { fastReader: false });
  assert.deepStrictEqual(withReader.value, without.value, `${label}: parseDocument's value changed`);
  assert.deepStrictEqual(withReader.problems, without.problems, `${label}: parseDocument's problems changed`);
  assert.equal(withReader.multiDocument, without.multiDocument, `${label}: multiDocument changed`);
  return true;
}
