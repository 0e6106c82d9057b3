// The conformance pairs: datacontract-cli's DCS v1→v2→v3 series (tests/fixtures/breaking, v0.10.41)
// and its ODCS changelog pairs, through the engine. Our findings are asserted exactly (forward mode,
// the default); datacontract-cli's own counts are kept next to them, and where we disagree on purpose
// (we are direction-aware; it was not) test/breaking/README.md says why.
// Without ../shared (an outside contributor's clone) the suite is skipped with a message.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { compareSnapshots, type BreakingFinding, type Compatibility } from '../../server/src/engine/breaking';
import { parseDocument } from '../../server/src/engine/document';
import { WorkspaceIndex } from '../../server/src/engine/workspace';
import { CORPUS, needsCorpus } from '../corpus';
import { breaking, Repo, type JsonFinding } from './helpers';

const DCS = path.join(CORPUS, 'dcs', 'breaking-pairs');
const ODCS = path.join(CORPUS, 'odcs', 'changelog-pairs');

function compare(dir: string, from: string, to: string, compat: Compatibility): BreakingFinding[] {
  const name = dir === ODCS ? 'contract.odcs.yaml' : 'datacontract.yaml';
  const base = parseDocument(name, fs.readFileSync(path.join(dir, from), 'utf8'));
  const current = parseDocument(name, fs.readFileSync(path.join(dir, to), 'utf8'));
  const index = new WorkspaceIndex();
  index.update(current);
  return compareSnapshots([base], [current], index, { compat });
}

/** `error constraint-loosened my_table.field_maxLength maxLength`: severity, kind, path (and which constraint). */
function line(f: BreakingFinding): string {
  const change = f.data!.change!;
  const constraint = /^constraint-/.test(change.kind)
    ? ` ${Object.keys((change.after ?? change.before) as object)[0]}`
    : '';
  return `${f.severity} ${change.kind} ${change.path}${constraint}`;
}

const count = (findings: BreakingFinding[]) => ({
  errors: findings.filter((f) => f.severity === 'error').length,
  warnings: findings.filter((f) => f.severity === 'warning').length,
});

interface Pair {
  from: string;
  to: string;
  /** datacontract-cli v0.10.41's `breaking` (test_breaking.py): errors and warnings; it has no direction. */
  datacontractCli: { errors: number; warnings: number };
  /** Ours, forward compatibility. */
  forward: string[];
  /** Ours, full compatibility: errors + warnings (what datacontract-cli's undirected count compares with). */
  full: number;
}

const PAIRS: Pair[] = [
  {
    from: 'datacontract-fields-v1.yaml',
    to: 'datacontract-fields-v2.yaml',
    datacontractCli: { errors: 0, warnings: 14 },
    full: 10,
    forward: [
      'info logical-type-changed my_table.field_type',
      'info constraint-tightened my_table.field_format format',
      'info constraint-tightened my_table.field_pattern pattern',
      'info constraint-tightened my_table.field_minLength minLength',
      'info constraint-tightened my_table.field_maxLength maxLength',
      'info constraint-tightened my_table.field_minimum minimum',
      'info constraint-tightened my_table.field_exclusiveMinimum exclusiveMinimum',
      'info constraint-tightened my_table.field_maximum maximum',
      'info constraint-tightened my_table.field_exclusiveMaximum exclusiveMaximum',
      'info constraint-tightened my_table.field_enum enum',
      'info property-added-optional my_table.field_fields.new_nested_field',
      'info property-added-optional my_table.new_field',
    ],
  },
  {
    from: 'datacontract-fields-v2.yaml',
    to: 'datacontract-fields-v1.yaml',
    datacontractCli: { errors: 5, warnings: 10 },
    full: 14,
    forward: [
      'error logical-type-changed my_table.field_type',
      'error constraint-loosened my_table.field_format format',
      'error classification-lowered my_table.field_pii',
      'error classification-lowered my_table.field_classification',
      'error constraint-loosened my_table.field_pattern pattern',
      'error constraint-loosened my_table.field_minLength minLength',
      'error constraint-loosened my_table.field_maxLength maxLength',
      'error constraint-loosened my_table.field_minimum minimum',
      'error constraint-loosened my_table.field_exclusiveMinimum exclusiveMinimum',
      'error constraint-loosened my_table.field_maximum maximum',
      'error constraint-loosened my_table.field_exclusiveMaximum exclusiveMaximum',
      'error constraint-loosened my_table.field_enum enum',
      'error property-removed my_table.field_fields.new_nested_field',
      'error property-removed my_table.new_field',
    ],
  },
  {
    from: 'datacontract-fields-v2.yaml',
    to: 'datacontract-fields-v3.yaml',
    datacontractCli: { errors: 15, warnings: 3 },
    full: 15,
    forward: [
      'error logical-type-changed my_table.field_type',
      'error constraint-changed my_table.field_format format',
      'info required-changed my_table.field_required',
      'info unique-changed my_table.field_unique',
      'error classification-lowered my_table.field_pii',
      'error constraint-changed my_table.field_pattern pattern',
      'info constraint-tightened my_table.field_minLength minLength',
      'error constraint-loosened my_table.field_maxLength maxLength',
      'info constraint-tightened my_table.field_minimum minimum',
      'info constraint-tightened my_table.field_exclusiveMinimum exclusiveMinimum',
      'error constraint-loosened my_table.field_maximum maximum',
      'error constraint-loosened my_table.field_exclusiveMaximum exclusiveMaximum',
      'error enum-value-added my_table.field_enum',
      'error logical-type-changed my_table.field_fields.nested_field_1',
      'info primary-key-changed my_table',
    ],
  },
  {
    from: 'datacontract-definitions-v1.yaml',
    to: 'datacontract-definitions-v2.yaml',
    datacontractCli: { errors: 0, warnings: 13 },
    full: 10,
    forward: [
      'info logical-type-changed my_table.my_field',
      'info constraint-tightened my_table.my_field minLength',
      'info constraint-tightened my_table.my_field maxLength',
      'info constraint-tightened my_table.my_field pattern',
      'info constraint-tightened my_table.my_field format',
      'info constraint-tightened my_table.my_field minimum',
      'info constraint-tightened my_table.my_field exclusiveMinimum',
      'info constraint-tightened my_table.my_field maximum',
      'info constraint-tightened my_table.my_field exclusiveMaximum',
      'info constraint-tightened my_table.my_field enum',
    ],
  },
  {
    from: 'datacontract-definitions-v2.yaml',
    to: 'datacontract-definitions-v1.yaml',
    datacontractCli: { errors: 3, warnings: 9 },
    full: 11,
    forward: [
      'error logical-type-changed my_table.my_field',
      'error classification-lowered my_table.my_field',
      'error constraint-loosened my_table.my_field minLength',
      'error constraint-loosened my_table.my_field maxLength',
      'error constraint-loosened my_table.my_field pattern',
      'error constraint-loosened my_table.my_field format',
      'error constraint-loosened my_table.my_field minimum',
      'error constraint-loosened my_table.my_field exclusiveMinimum',
      'error constraint-loosened my_table.my_field maximum',
      'error constraint-loosened my_table.my_field exclusiveMaximum',
      'error constraint-loosened my_table.my_field enum',
    ],
  },
  {
    from: 'datacontract-definitions-v2.yaml',
    to: 'datacontract-definitions-v3.yaml',
    datacontractCli: { errors: 12, warnings: 1 },
    full: 11,
    forward: [
      'error logical-type-changed my_table.my_field',
      'info constraint-tightened my_table.my_field minLength',
      'error constraint-loosened my_table.my_field maxLength',
      'error constraint-changed my_table.my_field pattern',
      'error constraint-changed my_table.my_field format',
      'info constraint-tightened my_table.my_field minimum',
      'error constraint-loosened my_table.my_field exclusiveMinimum',
      'error constraint-loosened my_table.my_field maximum',
      'error constraint-loosened my_table.my_field exclusiveMaximum',
      'info enum-value-removed my_table.my_field',
      'error enum-value-added my_table.my_field',
    ],
  },
  {
    from: 'datacontract-models-v1.yaml',
    to: 'datacontract-models-v2.yaml',
    datacontractCli: { errors: 0, warnings: 0 },
    full: 0,
    forward: [],
  },
  {
    from: 'datacontract-models-v2.yaml',
    to: 'datacontract-models-v1.yaml',
    datacontractCli: { errors: 1, warnings: 0 },
    full: 1,
    forward: ['error schema-object-removed my_table_2'],
  },
  {
    from: 'datacontract-models-v2.yaml',
    to: 'datacontract-models-v3.yaml',
    datacontractCli: { errors: 1, warnings: 0 },
    full: 0,
    forward: [],
  },
  {
    from: 'datacontract-quality-v1.yaml',
    to: 'datacontract-quality-v2.yaml',
    datacontractCli: { errors: 0, warnings: 0 },
    full: 1,
    forward: ['info quality-added quality'],
  },
  {
    from: 'datacontract-quality-v2.yaml',
    to: 'datacontract-quality-v1.yaml',
    datacontractCli: { errors: 0, warnings: 1 },
    full: 1,
    forward: ['error quality-removed quality'],
  },
  {
    from: 'datacontract-quality-v2.yaml',
    to: 'datacontract-quality-v3.yaml',
    datacontractCli: { errors: 0, warnings: 2 },
    full: 1,
    forward: ['error quality-changed quality'],
  },
  // info and terms: metadata for both tools (datacontract-cli's `changelog` lists them as info only).
  ...['info', 'terms'].flatMap((topic) =>
    [
      ['v1', 'v2'],
      ['v2', 'v1'],
      ['v2', 'v3'],
    ].map(([a, b]) => ({
      from: `datacontract-${topic}-${a}.yaml`,
      to: `datacontract-${topic}-${b}.yaml`,
      datacontractCli: { errors: 0, warnings: 0 },
      full: 0,
      forward: [],
    })),
  ),
  {
    from: 'datacontract-fields-array-v1.yaml',
    to: 'datacontract-fields-array-v2.yaml',
    datacontractCli: { errors: 3, warnings: 0 },
    full: 1,
    forward: ['error logical-type-changed DataType.Records.Discount.Conditions.Hierarchy.HasArticles'],
  },
];

describe(
  'datacontract-cli breaking pairs (DCS)',
  { skip: needsCorpus("our findings on datacontract-cli's DCS breaking pairs", 'dcs/breaking-pairs') },
  () => {
    for (const pair of PAIRS) {
      it(`${pair.from} → ${pair.to}`, () => {
        const forward = compare(DCS, pair.from, pair.to, 'forward');
        assert.deepEqual(forward.map(line), pair.forward);
        const full = count(compare(DCS, pair.from, pair.to, 'full'));
        assert.equal(full.errors + full.warnings, pair.full, 'full compatibility: breaking changes');
        // `none` never fails a build.
        assert.ok(compare(DCS, pair.from, pair.to, 'none').every((f) => f.severity === 'info'));
      });
    }

    it('direction matters: the same pair reversed gives different verdicts (datacontract-cli gave 14 and 15 for both ways)', () => {
      const there = count(compare(DCS, 'datacontract-fields-v1.yaml', 'datacontract-fields-v2.yaml', 'forward'));
      const back = count(compare(DCS, 'datacontract-fields-v2.yaml', 'datacontract-fields-v1.yaml', 'forward'));
      assert.deepEqual([there.errors, back.errors], [0, 14]);
      const thereB = count(compare(DCS, 'datacontract-fields-v1.yaml', 'datacontract-fields-v2.yaml', 'backward'));
      const backB = count(compare(DCS, 'datacontract-fields-v2.yaml', 'datacontract-fields-v1.yaml', 'backward'));
      assert.deepEqual([thereB.errors, backB.errors], [10, 2]);
    });

    it('the fields-v2 → v3 comparison with datacontract-cli (18 changes, 15 errors, 3 warnings)', () => {
      const full = compare(DCS, 'datacontract-fields-v2.yaml', 'datacontract-fields-v3.yaml', 'full');
      // Both tools see these 15 fields change; datacontract-cli also counts references, classification
      // (sensitive → restricted, a raise) and the $ref target (same resolved definition).
      assert.equal(full.length, 15);
      const forward = count(compare(DCS, 'datacontract-fields-v2.yaml', 'datacontract-fields-v3.yaml', 'forward'));
      assert.deepEqual(forward, { errors: 9, warnings: 0 });
    });
  },
);

describe(
  'datacontract-cli changelog pairs (ODCS)',
  { skip: needsCorpus("our findings on datacontract-cli's ODCS changelog pairs", 'odcs/changelog-pairs') },
  () => {
    it('changelog_integration v1 → v2 (datacontract-cli: 3 errors, 5 infos)', () => {
      // The version goes 1.0.0 → 2.0.0: announced, so breaking changes are warnings.
      assert.deepEqual(
        compare(ODCS, 'changelog_integration_v1.yaml', 'changelog_integration_v2.yaml', 'forward').map(line),
        [
          'warning sla-loosened sla.availability',
          'warning property-removed orders.customer_id',
          'warning logical-type-changed orders.order_date',
          'info required-changed orders.total_amount',
          'info property-added-optional orders.region',
        ],
      );
      assert.deepEqual(
        compare(ODCS, 'changelog_integration_v1.yaml', 'changelog_integration_v2.yaml', 'backward').map(line),
        [
          'info sla-loosened sla.availability',
          'info property-removed orders.customer_id',
          'warning logical-type-changed orders.order_date',
          'warning required-changed orders.total_amount',
          'info property-added-optional orders.region',
        ],
      );
      // datacontract-cli's three errors are exactly our full-compatibility verdicts minus the SLA.
      const full = compare(ODCS, 'changelog_integration_v1.yaml', 'changelog_integration_v2.yaml', 'full').filter(
        (f) => f.severity !== 'info',
      );
      assert.deepEqual(
        full.map((f) => f.data!.change!.path),
        ['sla.availability', 'orders.customer_id', 'orders.order_date', 'orders.total_amount'],
      );
    });

    it('changelog_unit v1 → v2', () => {
      assert.deepEqual(compare(ODCS, 'changelog_unit_v1.yaml', 'changelog_unit_v2.yaml', 'forward').map(line), [
        'warning sla-loosened sla.availability',
        'warning property-removed orders.customer_id',
        'warning logical-type-changed orders.order_date',
        'info required-changed orders.total_amount',
        'info quality-tightened orders.total_amount.quality',
        'info property-added-optional orders.region',
        'info quality-tightened orders.quality',
      ]);
    });

    it('warning_only v1 → v2: an optional property is information only', () => {
      assert.deepEqual(compare(ODCS, 'warning_only_v1.yaml', 'warning_only_v2.yaml', 'forward').map(line), [
        'info property-added-optional orders.region',
      ]);
    });
  },
);

// The same series through the checker as users run it: each topic's v1, v2, v3 committed in turn to a
// temporary repository as `datacontract.yaml`, `pactline breaking --against` the previous tag.
describe(
  'the DCS series through git and `pactline breaking`',
  {
    skip: needsCorpus(
      'the DCS v1→v2→v3 series committed to git and compared by `pactline breaking`',
      'dcs/breaking-pairs',
    ),
  },
  () => {
    const jsonLine = (f: JsonFinding) => {
      const change = f.change!;
      const constraint = /^constraint-/.test(change.kind)
        ? ` ${Object.keys((change.after ?? change.before) as object)[0]}`
        : '';
      return `${f.severity} ${change.kind} ${change.path}${constraint}`;
    };
    const topics = ['fields', 'definitions', 'models', 'quality', 'info', 'terms', 'fields-array'];
    for (const topic of topics) {
      it(`${topic}: v1 → v2 → v3 and back, the same verdicts as the engine`, async () => {
        const versions = ['v1', 'v2', 'v3'].filter((v) =>
          fs.existsSync(path.join(DCS, `datacontract-${topic}-${v}.yaml`)),
        );
        const repo = Repo.init();
        for (const v of versions) {
          repo
            .write({ 'datacontract.yaml': fs.readFileSync(path.join(DCS, `datacontract-${topic}-${v}.yaml`), 'utf8') })
            .commit(v);
          repo.git('tag', v);
        }
        const steps = PAIRS.filter(
          (p) => p.from.startsWith(`datacontract-${topic}-v`) && p.to.startsWith(`datacontract-${topic}-v`),
        );
        assert.ok(steps.length >= 1);
        for (const pair of steps) {
          const [from, to] = [pair.from, pair.to].map((f) => /-(v\d)\.yaml$/.exec(f)![1]);
          repo.git('checkout', '-q', '--detach', to);
          const forward = await breaking(repo.dir, from);
          assert.equal(forward.error, undefined, forward.error);
          assert.deepEqual(forward.findings.map(jsonLine).sort(), [...pair.forward].sort(), `${from} → ${to}`);
          assert.equal(forward.exitCode, pair.forward.some((l) => l.startsWith('error')) ? 1 : 0);
          const full = await breaking(repo.dir, from, { compat: 'full' });
          assert.equal(full.findings.filter((f) => f.severity !== 'info').length, pair.full, `${from} → ${to} full`);
        }
      });
    }

    it('ODCS changelog pairs: v1 committed, v2 in the working tree, against HEAD', async () => {
      for (const name of ['changelog_integration', 'changelog_unit', 'warning_only']) {
        const repo = Repo.init({ 'contract.odcs.yaml': fs.readFileSync(path.join(ODCS, `${name}_v1.yaml`), 'utf8') });
        repo.write({ 'contract.odcs.yaml': fs.readFileSync(path.join(ODCS, `${name}_v2.yaml`), 'utf8') });
        const viaGit = (await breaking(repo.dir, 'HEAD')).findings.map(jsonLine).sort();
        const viaEngine = compare(ODCS, `${name}_v1.yaml`, `${name}_v2.yaml`, 'forward').map(line).sort();
        assert.deepEqual(viaGit, viaEngine, name);
      }
    });
  },
);
