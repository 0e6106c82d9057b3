// The breaking SLA rules and the lineage freshness rule read durations with one parser
// (engine/duration.ts). This reads every SLA of the examples and of the real-world corpus both ways,
// through the breaking model and through the lineage graph, and checks they give the same number.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readContract } from '../../server/src/engine/breaking/model';
import { durationOf } from '../../server/src/engine/duration';
import { filesUnder, SHARED, workspace } from '../lineage/helpers';

const REALWORLD = join(SHARED, 'realworld');

interface Compared {
  compared: number;
  differences: string[];
}

function compareFile(path: string, text: string, into: Compared): void {
  const { service, graph } = workspace({ [path]: text });
  const doc = service.getDocument(path);
  if (!doc || (doc.kind !== 'odcs' && doc.kind !== 'dcs')) return;
  const contract = readContract(doc);
  if (!contract) return;
  const byPath = new Map(
    contract.sla.filter((s) => s.kind !== 'availability').map((s) => [JSON.stringify(s.path), s.amount]),
  );
  for (const node of graph.nodes()) {
    if (node.kind !== 'contract' || node.file !== path) continue;
    for (const sla of node.sla ?? []) {
      const key = JSON.stringify(sla.path);
      if (!byPath.has(key)) continue;
      into.compared++;
      const lineage = durationOf(sla.value, sla.unit);
      const breaking = byPath.get(key);
      if (lineage !== breaking) into.differences.push(`${path} ${key}: lineage ${lineage}, breaking ${breaking}`);
    }
  }
}

describe('one duration parser', () => {
  it('the breaking model and the lineage graph read every SLA of examples/ alike', () => {
    const result: Compared = { compared: 0, differences: [] };
    for (const [path, text] of Object.entries(filesUnder('examples'))) compareFile(path, text, result);
    assert.deepEqual(result.differences, []);
    assert.ok(result.compared >= 10, `only ${result.compared} SLAs compared`);
  });

  it(
    '... and every SLA of the real-world corpus',
    {
      skip: existsSync(REALWORLD)
        ? false
        : `../shared/conformance/realworld is not beside this checkout: would compare the SLAs of 386 public contract files`,
    },
    () => {
      const manifest = JSON.parse(readFileSync(join(REALWORLD, 'MANIFEST.json'), 'utf8')) as
        { files?: Array<{ local: string }> } | Array<{ local: string }>;
      const entries = Array.isArray(manifest) ? manifest : (manifest.files ?? []);
      const result: Compared = { compared: 0, differences: [] };
      for (const entry of entries) {
        const full = join(REALWORLD, entry.local);
        if (existsSync(full)) compareFile(entry.local, readFileSync(full, 'utf8'), result);
      }
      assert.deepEqual(result.differences, []);
      assert.ok(result.compared >= 20, `only ${result.compared} SLAs compared`);
    },
  );

  it('reads the spellings both families used to read differently', () => {
    assert.equal(durationOf('25h', 'd'), 25 * 3_600_000, 'a unit in the value wins');
    assert.equal(durationOf('500', 'msec'), 500);
    assert.equal(durationOf(4, 'h'), 4 * 3_600_000);
    assert.equal(durationOf('PT1H30M'), 5_400_000);
    assert.equal(durationOf('4'), undefined, 'a bare number without a unit is not a duration');
    assert.equal(durationOf('soon', 'h'), undefined);
  });
});
