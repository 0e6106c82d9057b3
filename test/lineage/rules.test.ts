// The lineage/ rules through the real LanguageService: each triggers, with its exact range and
// default severity, and stays silent on its clean variants; the example workspace and the
// fixture with (non-lineage) mistakes give no lineage finding.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { lineageFindingsFor } from '../../server/src/engine/lineage';
import { ruleMeta } from '../../server/src/engine/rules';
import type { Finding } from '../../server/src/engine/types';
import { filesUnder, pipeline, SMALL, DAILY, STREAMING, workspace, type Files } from './helpers';

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** `rule line:char-line:char` of the lineage findings of `file` (0-based). */
function lineage(files: Files, file: string): string[] {
  const { service } = workspace(files);
  return service
    .diagnose(file)
    .filter((f) => f.code.startsWith('lineage/'))
    .map(show);
}

function show(f: Finding): string {
  return `${f.code} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`;
}

/** Every lineage finding of the workspace, `file rule line`, for "nothing anywhere" checks. */
function allLineage(files: Files): string[] {
  const { service } = workspace(files);
  return Object.keys(files).flatMap((file) =>
    service
      .diagnose(file)
      .filter((f) => f.code.startsWith('lineage/'))
      .map((f) => `${file} ${f.code} ${f.range.start.line + 1}: ${f.message}`),
  );
}

function messages(files: Files, file: string, rule: string): string[] {
  const { service } = workspace(files);
  return service
    .diagnose(file)
    .filter((f) => f.code === rule)
    .map((f) => {
      assert.equal(f.severity, SEVERITY[ruleMeta(rule)!.severity], `default severity of ${rule}`);
      assert.ok(!/undefined|\[object Object\]/.test(f.message), f.message);
      return f.message;
    });
}

const with_ = (changes: Files) => ({ ...SMALL, ...changes });
const PIPE = 'pipelines/validate.pipeline.yaml';
const RAW = 'contracts/raw.odcs.yaml';
const CLEAN = 'contracts/clean.odcs.yaml';

describe('the small workspace, the example workspace and the fixture with other mistakes are clean', () => {
  it('small', () => assert.deepEqual(allLineage(SMALL), []));
  it('examples', () => assert.deepEqual(allLineage(filesUnder('examples')), []));
  it('test/fixtures/workspace-with-mistakes (its mistakes are not lineage ones)', () =>
    assert.deepEqual(allLineage(filesUnder('test/fixtures/workspace-with-mistakes')), []));
});

describe('lineage/missing-dead-letter', () => {
  const noDeadLetter = SMALL[PIPE].replace('      - contract: dlq\n        deadLetter: true\n', '');

  it('triggers on a streaming step that reads a source and writes another contract without a dead-letter output, at the step id', () => {
    assert.deepEqual(lineage(with_({ [PIPE]: noDeadLetter }), PIPE), ['lineage/missing-dead-letter 8:8-8:13']);
    const [message] = messages(with_({ [PIPE]: noDeadLetter }), PIPE, 'lineage/missing-dead-letter');
    assert.match(message, /Step `check` validates `raw-orders\/orders` into `clean-orders\/orders`/);
  });

  it('is silent with a dead-letter output (even one naming an unknown contract: ref/ reports that)', () => {
    assert.deepEqual(lineage(SMALL, PIPE), []);
    assert.deepEqual(
      lineage(with_({ [PIPE]: SMALL[PIPE].replace('- contract: dlq', '- contract: nowhere') }), PIPE),
      [],
    );
  });

  it('is silent on a batch pipeline, and on a step whose inputs are not sources (an archive sink)', () => {
    assert.deepEqual(lineage(with_({ [PIPE]: noDeadLetter.replace(STREAMING, DAILY) }), PIPE), []);
    assert.deepEqual(
      lineage(with_({ [PIPE]: noDeadLetter, [RAW]: SMALL[RAW].replace('tags: [raw]\n', '') }), PIPE),
      [],
    );
  });

  it('is silent on a step that writes only the contract it reads', () => {
    const sameContract = pipeline(
      'validate',
      STREAMING,
      '  - id: check\n    inputs:\n      - contract: raw-orders\n    outputs:\n      - contract: raw-orders\n',
    );
    assert.deepEqual(lineage(with_({ [PIPE]: sameContract }), PIPE), []);
  });
});

describe('lineage/unproduced-dataset', () => {
  const notSource = SMALL[RAW].replace('tags: [raw]\n', '');

  it('triggers on a dataset read by a step that nothing writes and that is not declared a source, at its name', () => {
    assert.deepEqual(lineage(with_({ [RAW]: notSource }), RAW), ['lineage/unproduced-dataset 7:10-7:16']);
    assert.match(
      messages(with_({ [RAW]: notSource }), RAW, 'lineage/unproduced-dataset')[0],
      /read by step `validate\/check`, but nothing in the workspace writes it/,
    );
  });

  it('is silent when the contract or the schema object declares itself a source (tag source or raw, or customProperties source: true)', () => {
    assert.deepEqual(lineage(SMALL, RAW), []);
    assert.deepEqual(
      lineage(with_({ [RAW]: notSource.replace('name: Raw orders\n', 'name: Raw orders\ntags: [Source]\n') }), RAW),
      [],
    );
    assert.deepEqual(
      lineage(with_({ [RAW]: notSource + 'customProperties:\n  - property: source\n    value: true\n' }), RAW),
      [],
    );
    assert.deepEqual(
      lineage(with_({ [RAW]: notSource.replace('  - name: orders\n', '  - name: orders\n    tags: [raw]\n') }), RAW),
      [],
    );
  });

  it('is silent when something produces it: a pipeline output, a product output port, a declared derivation', () => {
    const writer = pipeline(
      'ingest',
      '  streaming: true',
      '  - id: load\n    outputs:\n      - contract: raw-orders\n',
    );
    assert.deepEqual(lineage(with_({ [RAW]: notSource, 'pipelines/ingest.pipeline.yaml': writer }), RAW), []);
    const exposed = SMALL['products/orders.odps.yaml'].replace('contractId: clean-orders', 'contractId: raw-orders');
    assert.deepEqual(lineage(with_({ [RAW]: notSource, 'products/orders.odps.yaml': exposed }), RAW), []);
    const derived = notSource.replace(
      '      - name: amount\n',
      '      - name: amount\n        transformSourceObjects: [erp.invoices]\n',
    );
    assert.deepEqual(lineage(with_({ [RAW]: derived }), RAW), []);
  });

  it('a contract read only by a product input port: one finding at its id', () => {
    const files = with_({ [RAW]: notSource, [PIPE]: pipeline('validate', STREAMING, '  - id: idle\n') });
    assert.deepEqual(lineage(files, RAW), ['lineage/unproduced-dataset 2:4-2:14']);
    assert.match(messages(files, RAW, 'lineage/unproduced-dataset')[0], /input port of data product `orders-product`/);
  });
});

describe('lineage/output-port-without-contract', () => {
  const PRODUCT = 'products/orders.odps.yaml';
  const without = SMALL[PRODUCT] + '  - name: extract\n    version: 1.0.0\n';

  it('triggers on an output port without contractId, at its `-`', () => {
    assert.deepEqual(lineage(with_({ [PRODUCT]: without }), PRODUCT), [
      'lineage/output-port-without-contract 13:2-13:17',
    ]);
    assert.match(
      messages(with_({ [PRODUCT]: without }), PRODUCT, 'lineage/output-port-without-contract')[0],
      /Output port `extract` names no contract/,
    );
  });

  it('is silent on input ports without one and on output ports with one', () => {
    assert.deepEqual(lineage(SMALL, PRODUCT), []);
    assert.deepEqual(
      lineage(with_({ [PRODUCT]: SMALL[PRODUCT].replace('    contractId: raw-orders\n', '') }), PRODUCT),
      [],
    );
  });
});

describe('lineage/unreachable-freshness', () => {
  const daily = SMALL[PIPE].replace(STREAMING, DAILY);

  it("triggers when a daily cron writes a dataset that promises 1 h, at the promise's value", () => {
    const files = with_({
      [PIPE]: daily,
      [CLEAN]: SMALL[CLEAN].replace('    value: 2\n    unit: m', '    value: 1\n    unit: h'),
    });
    assert.deepEqual(lineage(files, CLEAN), ['lineage/unreachable-freshness 29:11-29:12']);
    assert.match(
      messages(files, CLEAN, 'lineage/unreachable-freshness')[0],
      /promises latency of 1 h for `orders`, but step `check` of pipeline `validate` runs on `0 4 \* \* \*`, at most every 1 d/,
    );
  });

  it("triggers when the input's own promise is looser than the output's (streaming)", () => {
    const files = with_({ [RAW]: SMALL[RAW].replace('    value: 10\n    unit: s', '    value: 10\n    unit: m') });
    assert.deepEqual(lineage(files, CLEAN), ['lineage/unreachable-freshness 29:11-29:12']);
    assert.match(
      messages(files, CLEAN, 'lineage/unreachable-freshness')[0],
      /reads `raw-orders\/orders`, whose own contract promises only 10 min/,
    );
  });

  it('is silent when the schedule and the inputs can deliver it (bounds are not summed)', () => {
    assert.deepEqual(lineage(SMALL, CLEAN), [], 'max(10 s, 1 min) <= 2 min');
    assert.deepEqual(
      lineage(
        with_({ [PIPE]: daily, [CLEAN]: SMALL[CLEAN].replace('    value: 2\n    unit: m', '    value: PT25H\n') }),
        CLEAN,
      ),
      [],
    );
  });

  it('is silent on a latency measured on an element that is not a time (a response time)', () => {
    const files = with_({
      [PIPE]: daily,
      [CLEAN]: SMALL[CLEAN].replace(
        '    value: 2\n    unit: m\n    element: orders.created_at',
        '    value: 50\n    unit: ms\n    element: orders.order_id',
      ),
    });
    assert.deepEqual(lineage(files, CLEAN), []);
  });

  it('with several writers, the best one decides (a weekly backfill next to an hourly job)', () => {
    const hourly = pipeline(
      'hourly',
      '  cron: "0 * * * *"',
      '  - id: load\n    outputs:\n      - contract: clean-orders\n        schema: orders\n',
    );
    const files = with_({
      [PIPE]: daily,
      'pipelines/hourly.pipeline.yaml': hourly,
      [CLEAN]: SMALL[CLEAN].replace('    value: 2\n    unit: m', '    value: 90\n    unit: min'),
    });
    assert.deepEqual(lineage(files, CLEAN), []);
  });
});

describe('lineage/unclassified-personal-data', () => {
  const internal = SMALL[CLEAN].replace('        classification: restricted\n', '        classification: internal\n');

  it('triggers on personal data copied unchanged into a column not classified as personal, at its classification', () => {
    assert.deepEqual(lineage(with_({ [CLEAN]: internal }), CLEAN), ['lineage/unclassified-personal-data 18:24-18:32']);
    assert.match(
      messages(with_({ [CLEAN]: internal }), CLEAN, 'lineage/unclassified-personal-data')[0],
      /`email` is copied unchanged from `email` of `raw-orders\/orders` \(classified `confidential`\) by step `validate\/check`, but is classified `internal` here/,
    );
  });

  it("without a classification downstream: at the column's name", () => {
    const none = SMALL[CLEAN].replace('        classification: restricted\n', '');
    assert.deepEqual(lineage(with_({ [CLEAN]: none }), CLEAN), ['lineage/unclassified-personal-data 16:14-16:19']);
  });

  it('is silent when the copy keeps a personal classification or a pii tag', () => {
    assert.deepEqual(lineage(SMALL, CLEAN), []);
    assert.deepEqual(
      lineage(
        with_({
          [CLEAN]: internal.replace(
            '        classification: internal\n',
            '        classification: internal\n        tags: [pii]\n',
          ),
        }),
        CLEAN,
      ),
      [],
    );
  });

  it("is silent on renamed or computed columns (a transformation: its classification is the owner's decision)", () => {
    const renamed = internal.replace('      - name: email\n', '      - name: email_hash\n');
    const pipe = SMALL[PIPE].replace('          email: raw.email\n', '          email_hash: raw.email\n');
    assert.deepEqual(lineage(with_({ [CLEAN]: renamed, [PIPE]: pipe }), CLEAN), []);
    const computed = SMALL[PIPE].replace(
      '          email: raw.email\n',
      '          email: [raw.email, raw.order_id]\n',
    );
    assert.deepEqual(lineage(with_({ [CLEAN]: internal, [PIPE]: computed }), CLEAN), []);
  });

  it('DCS lineage: an IDENTITY input triggers, a masking one does not', () => {
    const dcs = (transformation: string) => `dataContractSpecification: 1.2.1
id: crm
info:
  title: CRM
  version: 1.0.0
models:
  contacts:
    fields:
      mail:
        type: string
        classification: internal
        lineage:
          inputFields:
            - namespace: pactline
              name: raw-orders.orders
              field: email
              transformations:
                - ${transformation}
`;
    assert.deepEqual(
      lineage(
        { ...SMALL, 'datacontract.yaml': dcs('type: DIRECT\n                  subtype: IDENTITY') },
        'datacontract.yaml',
      ),
      ['lineage/unclassified-personal-data 10:24-10:32'],
    );
    assert.deepEqual(
      lineage(
        {
          ...SMALL,
          'datacontract.yaml': dcs(
            'type: DIRECT\n                  subtype: IDENTITY\n                  masking: true',
          ),
        },
        'datacontract.yaml',
      ),
      [],
    );
  });
});

describe('lineageFindingsFor', () => {
  it('serves a graph or an index; findings follow edits of other files (the graph is kept in step)', () => {
    const { service, graph } = workspace(
      with_({
        [CLEAN]: SMALL[CLEAN].replace('        classification: restricted\n', '        classification: internal\n'),
      }),
    );
    assert.equal(lineageFindingsFor(graph, CLEAN).length, 1);
    assert.equal(lineageFindingsFor(service.index, CLEAN).length, 1);
    service.setDocument(PIPE, SMALL[PIPE].replace('          email: raw.email\n', ''));
    assert.equal(
      service.diagnose(CLEAN).filter((f) => f.code.startsWith('lineage/')).length,
      0,
      'the mapping is gone, so is the finding in the contract',
    );
  });

  it('can be suppressed and configured like any rule', () => {
    const { service } = workspace(
      with_({
        [RAW]: SMALL[RAW].replace('tags: [raw]\n', '').replace(
          '  - name: orders\n',
          '  # pactline-disable-next-line lineage/unproduced-dataset -- fed by the vendor SFTP drop\n  - name: orders\n',
        ),
      }),
    );
    assert.deepEqual(
      service.diagnose(RAW).filter((f) => f.code.startsWith('lineage/')),
      [],
    );
  });
});
