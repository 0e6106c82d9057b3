// The `lineage/` findings the language service gives per file (the kept graph, updated file by
// file, each file's rules run from its own nodes) equal a full recomputation (a new graph built
// from the index, every rule over the whole graph), after every one of a few hundred random edits
// that switch each rule's findings on and off, add and remove files, rename contracts and schema
// objects, and declare a contract id twice. Real engine, no mocks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  LineageGraph,
  lineageFindings,
  lineageFindingsFor,
  lineageGraphFor,
  type LineageRuleId,
} from '../../server/src/engine/lineage';
import { LanguageService } from '../../server/src/engine/service';
import { DAILY, odcs, pipeline, SMALL, STREAMING, type Files } from './helpers';

const RAW = 'contracts/raw.odcs.yaml';
const CLEAN = 'contracts/clean.odcs.yaml';
const DLQ = 'contracts/dlq.odcs.yaml';
const PIPE = 'pipelines/validate.pipeline.yaml';
const PRODUCT = 'products/orders.odps.yaml';
const MART = 'contracts/mart.odcs.yaml';
const REPORT = 'pipelines/report.pipeline.yaml';
const DUP = 'contracts/dup.odcs.yaml';

/** Files that come and go. */
const OPTIONAL: Files = {
  [MART]: odcs(
    'mart-orders',
    `schema:
  - name: daily
    properties:
      - name: email
        logicalType: string
      - name: created_at
        logicalType: timestamp
slaProperties:
  - property: latency
    value: 30
    unit: m
`,
  ),
  [REPORT]: pipeline(
    'report',
    DAILY,
    `  - id: build
    runtime: dbt
    inputs:
      - contract: clean-orders
        schema: orders
        as: o
    outputs:
      - contract: mart-orders
        columns:
          email: o.email
          created_at: o.created_at
`,
  ),
  // The same contract id as the raw contract: the first file by path is the contract.
  [DUP]: SMALL[RAW].replace('name: Raw orders\n', 'name: Another raw orders\n'),
};

/** Per file, pairs of texts an edit switches between (either way), each turning some finding on or off. */
const TOGGLES: Record<string, [string, string][]> = {
  [RAW]: [
    ['tags: [raw]\n', ''],
    ['    value: 10\n    unit: s', '    value: 10\n    unit: m'],
    ['        classification: confidential\n', ''],
    ['      - name: amount\n', '      - name: amount_total\n'],
  ],
  [CLEAN]: [
    ['        classification: restricted\n', '        classification: internal\n'],
    ['    value: 2\n    unit: m', '    value: 1\n    unit: h'],
    ['      - name: email\n', '      - name: email_hash\n'],
    ['  - name: customers\n', '  - name: clients\n'],
    ['id: clean-orders', 'id: clean-orders-2'],
    ['        logicalType: timestamp', '        logicalType: string'],
  ],
  [DLQ]: [['id: dlq', 'id: dlq-2']],
  [PIPE]: [
    ['      - contract: dlq\n        deadLetter: true\n', ''],
    [STREAMING, DAILY],
    ['          email: raw.email\n', ''],
    ['      - contract: raw-orders\n', '      - contract: dlq\n'],
  ],
  [PRODUCT]: [
    ['    contractId: clean-orders\n', ''],
    ['contractId: raw-orders', 'contractId: mart-orders'],
  ],
  [MART]: [
    ['    value: 30\n    unit: m', '    value: 1\n    unit: m'],
    [
      '        logicalType: string\n      - name: created_at',
      '        logicalType: string\n        classification: restricted\n      - name: created_at',
    ],
  ],
  [REPORT]: [
    [DAILY, STREAMING],
    ['          email: o.email\n', ''],
    ['        schema: orders\n', ''],
  ],
  [DUP]: [['tags: [raw]\n', '']],
};

/** mulberry32: the same edits on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    let t = (s = (s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const key = (f: unknown) => JSON.stringify(f);
const sorted = (fs: readonly unknown[]) => fs.map(key).sort();

describe('incremental lineage findings', () => {
  it('equal a full recomputation after each of 300 random edits', () => {
    const seen = new Map<string, number>();
    for (const seed of [1, 2, 3]) {
      const next = random(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
      const service = new LanguageService();
      const texts = new Map<string, string>(Object.entries(SMALL));
      for (const [path, text] of texts) service.setDocument(path, text);
      const docs = (p: string) => service.getDocument(p);
      const kept = lineageGraphFor(service.index, docs);
      for (let step = 0; step < 100; step++) {
        const path = pick(Object.keys(TOGGLES));
        const present = texts.has(path);
        if (!present || (path in OPTIONAL && next() < 0.2)) {
          // Add an optional file (or remove it again).
          if (present) {
            texts.delete(path);
            service.removeDocument(path);
          } else if (path in OPTIONAL) {
            texts.set(path, OPTIONAL[path]);
            service.setDocument(path, OPTIONAL[path]);
          }
        } else {
          const which = Math.floor(next() * TOGGLES[path].length);
          const [a, removed] = TOGGLES[path][which];
          // A removed line leaves a comment in its place, so that it can come back where it was.
          const b = removed || `# off ${which}\n`;
          const text = texts.get(path)!;
          const edited = text.includes(a) ? text.replace(a, b) : text.includes(b) ? text.replace(b, a) : text;
          texts.set(path, edited);
          // Every edit leaves valid YAML (a broken file keeps its last good facts in the index, on purpose).
          assert.deepEqual(service.setDocument(path, edited).problems, [], `${path} after edit ${step + 1}`);
        }
        // The kept graph, brought up to date file by file, and each file's findings from its own nodes…
        assert.equal(lineageGraphFor(service.index, docs), kept, 'the graph is kept, not rebuilt');
        // …against a graph built from nothing, every rule over the whole graph.
        const fresh = new LineageGraph(service.index);
        fresh.sync();
        const full = lineageFindings(fresh);
        assert.deepEqual(kept.nodes().map(key), fresh.nodes().map(key), `seed ${seed}, edit ${step + 1}: nodes`);
        assert.deepEqual(kept.edges().map(key), fresh.edges().map(key), `seed ${seed}, edit ${step + 1}: edges`);
        for (const file of [...texts.keys(), ...Object.keys(OPTIONAL)]) {
          const incremental = lineageFindingsFor(service.index, file, docs);
          assert.deepEqual(
            sorted(incremental),
            sorted(full.get(file) ?? []),
            `seed ${seed}, edit ${step + 1} (${path}): the findings of ${file}`,
          );
          for (const f of incremental) seen.set(f.rule, (seen.get(f.rule) ?? 0) + 1);
        }
      }
    }
    // The edits did switch every rule on somewhere, so the comparison compared findings, not empty lists.
    const rules: LineageRuleId[] = [
      'lineage/missing-dead-letter',
      'lineage/unproduced-dataset',
      'lineage/output-port-without-contract',
      'lineage/unreachable-freshness',
      'lineage/unclassified-personal-data',
    ];
    for (const rule of rules) assert.ok((seen.get(rule) ?? 0) > 0, `${rule} was found at least once`);
  });

  it('patch the graph in place when an edit changes only what a node says', () => {
    const service = new LanguageService();
    for (const [path, text] of Object.entries(SMALL)) service.setDocument(path, text);
    const docs = (p: string) => service.getDocument(p);
    const graph = lineageGraphFor(service.index, docs);
    const edges = graph.edges();
    assert.deepEqual(lineageFindingsFor(service.index, CLEAN, docs), []);
    // The copy of `email` is no longer classified as personal data: a finding, and the same edges.
    service.setDocument(
      CLEAN,
      SMALL[CLEAN].replace('        classification: restricted\n', '        classification: internal\n'),
    );
    assert.deepEqual(
      lineageFindingsFor(service.index, CLEAN, docs).map((f) => f.rule),
      ['lineage/unclassified-personal-data'],
    );
    assert.equal(graph.edges(), edges, 'the merged view was patched, not rebuilt');
    assert.equal(graph.node('column:clean-orders/orders/email')?.classification, 'internal');
    // A renamed schema object changes what references resolve against: the view is rebuilt.
    service.setDocument(CLEAN, SMALL[CLEAN].replace('  - name: customers\n', '  - name: clients\n'));
    assert.equal(lineageGraphFor(service.index, docs), graph);
    assert.notEqual(graph.edges(), edges);
    assert.equal(graph.node('dataset:clean-orders/customers'), undefined);
  });
});
