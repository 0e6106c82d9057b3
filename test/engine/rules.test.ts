// Every rule of the catalogue (engine/rules.ts), through the real LanguageService: for each rule a
// small document (or a few files, for ref/ rules) that triggers it, with the exact rule id, default
// severity and 0-based range of the finding, and a clean variant that gives no finding at all.
// Then suppression comments, configured severities, and "one mistake gives one finding".
//
// A new rule in RULES must come with a case here: the meta-test at the end fails otherwise.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { resolveConfig, type ResolvedConfig } from '../../server/src/engine/config';
import type { PactlineConfig } from '../../server/src/formats/config';
import { RULES, ruleMeta, type RuleId } from '../../server/src/engine/rules';
import type { ReadRefusal } from '../../server/src/engine/document';
import { LanguageService } from '../../server/src/engine/service';
import type { Finding, Range } from '../../server/src/engine/types';

// ---- harness ------------------------------------------------------------------------------------

/** Files of a small workspace: text goes through `setDocument`, bytes through `setDocumentBytes`. */
/** A file's text, its bytes, or what the host refused to read it for (a link out, a FIFO). */
type Files = Record<string, string | Uint8Array | { refused: ReadRefusal }>;

interface Scenario {
  files: Files;
  /** The file whose findings are checked. */
  file: string;
  config?: ResolvedConfig;
}

interface RuleCase {
  rule: RuleId;
  /** What the trigger does wrong (the test's name). */
  what: string;
  trigger: Scenario;
  /** Every finding of `rule` in the trigger file, 0-based. */
  at: Range | Range[];
  /**
   * Findings of other rules the trigger also gives (rule ids, in report order). Default none:
   * one mistake, one finding. Anything listed here is a known deviation, explained where it is used.
   */
  alongside?: string[];
  clean: Scenario;
}

const LSP: Record<string, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

function config(value: PactlineConfig): ResolvedConfig {
  return resolveConfig(value, undefined, '');
}

function service(s: { files: Files; config?: ResolvedConfig }): LanguageService {
  const svc = new LanguageService(s.config ? { config: s.config } : {});
  for (const [path, content] of Object.entries(s.files)) {
    if (typeof content === 'string') svc.setDocument(path, content);
    else if ('refused' in content) svc.setRefusedDocument(path, content.refused);
    else svc.setDocumentBytes(path, content);
  }
  return svc;
}

function diagnose(s: Scenario): Finding[] {
  return service(s).diagnose(s.file);
}

function range(line: number, start: number, endLine: number, end: number): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

/** `rule line:char-line:char message`, for readable failures. */
function show(findings: readonly Finding[]): string[] {
  return findings.map(
    (f) =>
      `${f.code} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.message}`,
  );
}

function withRule(findings: readonly Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.code === rule);
}

// ---- documents (line numbers in comments are 0-based) -------------------------------------------

/** An ODCS contract: lines 0-4 are the header, `body` starts on line 5. */
function contract(body = '', options: { id?: string; api?: string } = {}): string {
  return `apiVersion: ${options.api ?? 'v3.1.0'}
kind: DataContract
id: ${options.id ?? 'orders'}
version: 1.0.0
status: active
${body}`;
}

/** An ODCS contract with one schema object `orders` (lines 5-11). */
const ORDERS = contract(`schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: string
      - name: amount
        logicalType: number
`);

/** A DCS contract whose one field is a `$ref` to `ref`; the file defines `order_identifier`. */
function DCS_REF(ref: string): string {
  return `dataContractSpecification: 1.1.0
id: orders
info:
  title: Orders
  version: 1.0.0
models:
  orders:
    fields:
      order_id:
        $ref: '${ref}'
definitions:
  order_identifier:
    type: string
`;
}

/** A contract with two schema objects, `fact` and `dim`. */
const DWH = contract(
  `schema:
  - name: fact
    properties:
      - name: order_key
        logicalType: string
  - name: dim
    properties:
      - name: customer_key
        logicalType: string
`,
  { id: 'dwh' },
);

/** A pipeline: lines 0-6 are the header, `steps` items start on line 7. */
function pipeline(steps: string, id = 'load'): string {
  return `apiVersion: pactline/v1
kind: Pipeline
id: ${id}
owner: data-eng
schedule:
  cron: "0 2 * * *"
steps:
${steps}`;
}

/** Lines 7-14: one step reading `orders`, writing `dwh.fact` with one column mapping. */
function loadStep(
  o: { input?: string; output?: string; column?: string; source?: string; schema?: string } = {},
): string {
  return `  - id: copy
    inputs:
      - contract: ${o.input ?? 'orders'}
    outputs:
      - contract: ${o.output ?? 'dwh'}
        schema: ${o.schema ?? 'fact'}
        columns:
          ${o.column ?? 'order_key'}: ${o.source ?? 'orders.order_id'}
`;
}

const PIPE = 'load.pipeline.yaml';

/** Bytes: a contract whose line 6 holds a Latin-1 `é` at character 14 (`  purpose: caf` + 0xE9). */
const LATIN1 = Buffer.concat([
  Buffer.from(contract('description:\n  purpose: caf')),
  Buffer.from([0xe9]),
  Buffer.from('\n'),
]);
const UTF8 = Buffer.from(contract('description:\n  purpose: café\n'));

/** An alias bomb: 10 values, each alias level multiplies by 10; the first alias is on line 9. */
function aliasBomb(levels: number): string {
  let body = 'customProperties:\n  - property: a0\n    value: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i <= levels; i++)
    body += `  - property: a${i}\n    value: &a${i} [${Array(10)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  return contract(body);
}

/** `depth` levels of flow lists inside a custom property's value (line 7). */
function nestedValue(depth: number): string {
  return contract(`customProperties:\n  - property: deep\n    value: ${'['.repeat(depth)}1${']'.repeat(depth)}\n`);
}

// ---- the catalogue, rule by rule ----------------------------------------------------------------

const CASES: RuleCase[] = [
  // yaml/
  {
    rule: 'yaml/syntax',
    what: 'an unclosed double quote, reported on the line where it opens',
    trigger: {
      files: { 'a.odcs.yaml': contract('description:\n  purpose: "never closed\n  usage: internal\n') },
      file: 'a.odcs.yaml',
    },
    at: range(6, 11, 6, 24), // from the quote to the end of line 6
    clean: {
      files: { 'a.odcs.yaml': contract('description:\n  purpose: "closed"\n  usage: internal\n') },
      file: 'a.odcs.yaml',
    },
  },
  {
    rule: 'yaml/duplicate-key',
    what: 'a key twice in one mapping, reported at the second occurrence',
    trigger: { files: { 'a.odcs.yaml': contract('description:\n  purpose: a\n  purpose: b\n') }, file: 'a.odcs.yaml' },
    at: range(7, 2, 7, 9),
    clean: { files: { 'a.odcs.yaml': contract('description:\n  purpose: a\n  usage: b\n') }, file: 'a.odcs.yaml' },
  },
  {
    rule: 'yaml/encoding',
    what: 'a Latin-1 byte, reported at that byte',
    trigger: { files: { 'a.odcs.yaml': LATIN1 }, file: 'a.odcs.yaml' },
    at: range(6, 14, 6, 15),
    clean: { files: { 'a.odcs.yaml': UTF8 }, file: 'a.odcs.yaml' },
  },
  {
    rule: 'yaml/binary',
    what: 'NUL bytes in a file named like a contract',
    trigger: {
      files: { 'a.odcs.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]) },
      file: 'a.odcs.yaml',
    },
    at: range(0, 0, 0, 0),
    clean: { files: { 'a.odcs.yaml': UTF8 }, file: 'a.odcs.yaml' },
  },
  {
    rule: 'yaml/too-large',
    what: 'a file larger than the configured maxFileSize (100)',
    trigger: {
      files: { 'a.odcs.yaml': contract(`description:\n  purpose: ${'x'.repeat(40)}\n`) },
      file: 'a.odcs.yaml',
      config: config({ maxFileSize: 100 }),
    },
    at: range(0, 0, 0, 0),
    clean: { files: { 'a.odcs.yaml': contract() }, file: 'a.odcs.yaml', config: config({ maxFileSize: 100 }) },
  },
  {
    rule: 'pactline/unsafe-path',
    what: 'a file the host did not read: a symbolic link out of the workspace (the CLI and server tests in test/security make it)',
    trigger: { files: { 'orders.yaml': { refused: { reason: 'outside' } } }, file: 'orders.yaml' },
    at: range(0, 0, 0, 0),
    clean: { files: { 'orders.yaml': contract() }, file: 'orders.yaml' },
  },
  {
    rule: 'yaml/too-deep',
    what: '1,001 levels of flow nesting, reported on the line where the limit is passed',
    trigger: { files: { 'a.odcs.yaml': nestedValue(1001) }, file: 'a.odcs.yaml' },
    at: range(7, 4, 7, 4 + 'value: '.length + 2 * 1001 + 1), // the line's content
    clean: { files: { 'a.odcs.yaml': nestedValue(20) }, file: 'a.odcs.yaml' },
  },
  {
    rule: 'yaml/alias-expansion',
    what: 'an alias bomb (10^7 values), reported at the first alias',
    trigger: { files: { 'a.odcs.yaml': aliasBomb(6) }, file: 'a.odcs.yaml' },
    at: range(9, 16, 9, 19), // `*a0` on `    value: &a1 [*a0, ...`
    clean: { files: { 'a.odcs.yaml': aliasBomb(1) }, file: 'a.odcs.yaml' },
  },
  {
    rule: 'yaml/alias-expansion',
    what: 'an alias inside the node it names (an infinite document)',
    trigger: {
      files: { 'a.odcs.yaml': contract('customProperties:\n  - property: loop\n    value: &x [*x]\n') },
      file: 'a.odcs.yaml',
    },
    at: range(7, 15, 7, 17),
    clean: {
      files: {
        'a.odcs.yaml': contract(
          'customProperties:\n  - property: loop\n    value: &x [1]\n  - property: again\n    value: *x\n',
        ),
      },
      file: 'a.odcs.yaml',
    },
  },

  // schema/
  {
    rule: 'schema/unknown-key',
    what: 'a step key the pipeline format does not define, reported at the key',
    trigger: { files: { [PIPE]: pipeline('  - id: copy\n    runtme: spark\n') }, file: PIPE },
    at: range(8, 4, 8, 10),
    clean: { files: { [PIPE]: pipeline('  - id: copy\n    runtime: spark\n') }, file: PIPE },
  },
  {
    rule: 'schema/required',
    what: 'a pipeline without `owner`, reported on line 1',
    trigger: { files: { [PIPE]: pipeline('  - id: copy\n').replace('owner: data-eng\n', '') }, file: PIPE },
    at: range(0, 0, 0, 23),
    clean: { files: { [PIPE]: pipeline('  - id: copy\n') }, file: PIPE },
  },
  {
    rule: 'schema/required',
    what: 'an ODCS property without `name`, reported at the `-` of the list item',
    trigger: {
      files: { 'a.odcs.yaml': contract('schema:\n  - name: orders\n    properties:\n      - logicalType: string\n') },
      file: 'a.odcs.yaml',
    },
    at: range(8, 6, 8, 27),
    clean: {
      files: {
        'a.odcs.yaml': contract(
          'schema:\n  - name: orders\n    properties:\n      - name: id\n        logicalType: string\n',
        ),
      },
      file: 'a.odcs.yaml',
    },
  },
  {
    rule: 'schema/type',
    what: 'a number for the cron string (inside the anyOf of `schedule`)',
    trigger: { files: { [PIPE]: pipeline('  - id: copy\n').replace('cron: "0 2 * * *"', 'cron: 5') }, file: PIPE },
    at: range(5, 8, 5, 9),
    clean: { files: { [PIPE]: pipeline('  - id: copy\n') }, file: PIPE },
  },
  {
    rule: 'schema/type',
    what: "a string for the configuration's maxFileSize",
    trigger: { files: { 'pactline.yaml': 'maxFileSize: big\n' }, file: 'pactline.yaml' },
    at: range(0, 13, 0, 16),
    clean: { files: { 'pactline.yaml': 'maxFileSize: 1048576\n' }, file: 'pactline.yaml' },
  },
  {
    rule: 'schema/enum',
    what: 'an ODCS logicalType that does not exist',
    trigger: {
      files: { 'a.odcs.yaml': ORDERS.replace('logicalType: number', 'logicalType: numbr') },
      file: 'a.odcs.yaml',
    },
    at: range(11, 21, 11, 26),
    clean: { files: { 'a.odcs.yaml': ORDERS }, file: 'a.odcs.yaml' },
  },
  {
    rule: 'schema/enum',
    what: 'a DCS field type that does not exist',
    trigger: {
      files: {
        'datacontract.yaml':
          'dataContractSpecification: 1.1.0\nid: dcs\ninfo:\n  title: T\n  version: 1.0.0\nmodels:\n  m:\n    fields:\n      f:\n        type: strng\n',
      },
      file: 'datacontract.yaml',
    },
    at: range(9, 14, 9, 19),
    clean: {
      files: {
        'datacontract.yaml':
          'dataContractSpecification: 1.1.0\nid: dcs\ninfo:\n  title: T\n  version: 1.0.0\nmodels:\n  m:\n    fields:\n      f:\n        type: string\n',
      },
      file: 'datacontract.yaml',
    },
  },
  {
    rule: 'schema/const',
    what: 'a pipeline `apiVersion` other than pactline/v1',
    trigger: { files: { [PIPE]: pipeline('  - id: copy\n').replace('pactline/v1', 'pactline/v2') }, file: PIPE },
    at: range(0, 12, 0, 23),
    clean: { files: { [PIPE]: pipeline('  - id: copy\n') }, file: PIPE },
  },
  {
    rule: 'schema/const',
    what: 'an ODPS `kind` other than DataProduct',
    trigger: {
      files: { 'p.odps.yaml': 'apiVersion: v1.0.0\nkind: Product\nid: shop\nstatus: active\n' },
      file: 'p.odps.yaml',
    },
    at: range(1, 6, 1, 13),
    clean: {
      files: { 'p.odps.yaml': 'apiVersion: v1.0.0\nkind: DataProduct\nid: shop\nstatus: active\n' },
      file: 'p.odps.yaml',
    },
  },
  {
    rule: 'schema/format',
    what: 'an ODCS contractCreatedTs that is not a date-time',
    trigger: { files: { 'a.odcs.yaml': contract('contractCreatedTs: yesterday\n') }, file: 'a.odcs.yaml' },
    at: range(5, 19, 5, 28),
    clean: { files: { 'a.odcs.yaml': contract('contractCreatedTs: 2024-05-01T09:30:00Z\n') }, file: 'a.odcs.yaml' },
  },
  {
    rule: 'schema/pattern',
    what: 'a pipeline id that starts with a dot and has capitals',
    trigger: { files: { [PIPE]: pipeline('  - id: copy\n', '.Load') }, file: PIPE },
    at: range(2, 4, 2, 9),
    clean: { files: { [PIPE]: pipeline('  - id: copy\n', 'load.v2') }, file: PIPE },
  },
  {
    rule: 'schema/range',
    what: 'a negative maxLength in an ODCS v3.2.0 string property',
    trigger: {
      files: {
        'a.odcs.yaml': contract(
          'schema:\n  - name: t\n    properties:\n      - name: s\n        logicalType: string\n        logicalTypeOptions:\n          maxLength: -1\n',
          { api: 'v3.2.0' },
        ),
      },
      file: 'a.odcs.yaml',
    },
    at: range(11, 21, 11, 23),
    clean: {
      files: {
        'a.odcs.yaml': contract(
          'schema:\n  - name: t\n    properties:\n      - name: s\n        logicalType: string\n        logicalTypeOptions:\n          maxLength: 255\n',
          { api: 'v3.2.0' },
        ),
      },
      file: 'a.odcs.yaml',
    },
  },
  {
    rule: 'schema/size',
    what: 'a pipeline with no steps (minItems 1), reported at the key',
    trigger: { files: { [PIPE]: pipeline('').replace('steps:\n', 'steps: []\n') }, file: PIPE },
    at: range(6, 0, 6, 5),
    clean: { files: { [PIPE]: pipeline('  - id: copy\n') }, file: PIPE },
  },
  {
    rule: 'schema/unique-items',
    what: "a repeated name in an object property's `required`, reported at the repeat",
    trigger: {
      files: {
        'a.odcs.yaml': contract(
          'schema:\n  - name: t\n    properties:\n      - name: o\n        logicalType: object\n        logicalTypeOptions:\n          required: [x, x]\n',
        ),
      },
      file: 'a.odcs.yaml',
    },
    at: range(11, 24, 11, 25),
    clean: {
      files: {
        'a.odcs.yaml': contract(
          'schema:\n  - name: t\n    properties:\n      - name: o\n        logicalType: object\n        logicalTypeOptions:\n          required: [x, y]\n',
        ),
      },
      file: 'a.odcs.yaml',
    },
  },
  {
    // QualityThresholds is the one `oneOf` of the bundled schemas (no schema has a `not`): a check
    // with two expected results matches two alternatives.
    rule: 'schema/exclusive',
    what: 'a quality check with both mustBe and mustNotBe, reported at its `-`',
    trigger: {
      files: {
        'a.odcs.yaml': contract(
          'schema:\n  - name: t\n    quality:\n      - metric: rowCount\n        mustBe: 1\n        mustNotBe: 2\n',
        ),
      },
      file: 'a.odcs.yaml',
    },
    at: range(8, 6, 8, 24),
    clean: {
      files: {
        'a.odcs.yaml': contract('schema:\n  - name: t\n    quality:\n      - metric: rowCount\n        mustBe: 1\n'),
      },
      file: 'a.odcs.yaml',
    },
  },
  {
    rule: 'schema/unsupported-version',
    what: 'ODCS v4.0.0, reported at the version (not as an enum error)',
    trigger: { files: { 'a.odcs.yaml': contract('', { api: 'v4.0.0' }) }, file: 'a.odcs.yaml' },
    at: range(0, 12, 0, 18),
    clean: { files: { 'a.odcs.yaml': contract('', { api: 'v3.2.0' }) }, file: 'a.odcs.yaml' },
  },
  {
    rule: 'version/upgrade-available',
    what: 'an ODCS v3.0.2 file (valid as it is), an info at its version; v3.1.0 gets none',
    trigger: { files: { 'a.odcs.yaml': contract('', { api: 'v3.0.2' }) }, file: 'a.odcs.yaml' },
    at: range(0, 12, 0, 18),
    clean: { files: { 'a.odcs.yaml': contract('', { api: 'v3.1.0' }) }, file: 'a.odcs.yaml' },
  },
  {
    rule: 'schema/unsupported-version',
    what: 'DCS 2.0.0',
    trigger: {
      files: {
        'datacontract.yaml': 'dataContractSpecification: 2.0.0\nid: dcs\ninfo:\n  title: T\n  version: 1.0.0\n',
      },
      file: 'datacontract.yaml',
    },
    at: range(0, 27, 0, 32),
    clean: {
      files: {
        'datacontract.yaml': 'dataContractSpecification: 1.2.1\nid: dcs\ninfo:\n  title: T\n  version: 1.0.0\n',
      },
      file: 'datacontract.yaml',
    },
  },

  // ref/
  {
    rule: 'ref/duplicate-id',
    what: 'two contracts with one id, reported at the id value',
    trigger: { files: { 'a.odcs.yaml': ORDERS, 'b.odcs.yaml': ORDERS }, file: 'b.odcs.yaml' },
    at: range(2, 4, 2, 10),
    clean: { files: { 'a.odcs.yaml': ORDERS, 'b.odcs.yaml': DWH }, file: 'b.odcs.yaml' },
  },
  {
    rule: 'ref/unknown-contract',
    what: 'a pipeline input naming a contract no file declares',
    trigger: {
      files: { 'o.odcs.yaml': ORDERS, 'd.odcs.yaml': DWH, [PIPE]: pipeline(loadStep({ input: 'ordrs' })) },
      file: PIPE,
    },
    at: range(9, 18, 9, 23),
    clean: { files: { 'o.odcs.yaml': ORDERS, 'd.odcs.yaml': DWH, [PIPE]: pipeline(loadStep()) }, file: PIPE },
  },
  {
    rule: 'ref/unknown-contract',
    what: 'an ODPS input port naming a contract no file declares',
    trigger: {
      files: {
        'o.odcs.yaml': ORDERS,
        'p.odps.yaml':
          'apiVersion: v1.0.0\nkind: DataProduct\nid: shop\nstatus: active\ninputPorts:\n  - name: raw\n    version: 1.0.0\n    contractId: order\n',
      },
      file: 'p.odps.yaml',
    },
    at: range(7, 16, 7, 21),
    clean: {
      files: {
        'o.odcs.yaml': ORDERS,
        'p.odps.yaml':
          'apiVersion: v1.0.0\nkind: DataProduct\nid: shop\nstatus: active\ninputPorts:\n  - name: raw\n    version: 1.0.0\n    contractId: orders\n',
      },
      file: 'p.odps.yaml',
    },
  },
  {
    rule: 'ref/unknown-schema-object',
    what: 'an output naming a schema object the contract lacks',
    trigger: {
      files: { 'o.odcs.yaml': ORDERS, 'd.odcs.yaml': DWH, [PIPE]: pipeline(loadStep({ schema: 'facts' })) },
      file: PIPE,
    },
    at: range(12, 16, 12, 21),
    clean: { files: { 'o.odcs.yaml': ORDERS, 'd.odcs.yaml': DWH, [PIPE]: pipeline(loadStep()) }, file: PIPE },
  },
  {
    rule: 'ref/ambiguous-schema-object',
    what: 'an input without `schema` when the contract has two, reported from its `-`',
    trigger: {
      files: {
        'o.odcs.yaml': ORDERS,
        'd.odcs.yaml': DWH,
        [PIPE]: pipeline(loadStep({ input: 'dwh' }).replace('orders.order_id', 'fact.order_key')),
      },
      file: PIPE,
    },
    at: range(9, 6, 9, 21),
    clean: {
      files: {
        'o.odcs.yaml': ORDERS,
        'd.odcs.yaml': DWH,
        [PIPE]: pipeline(
          loadStep({ input: 'dwh\n        schema: dim' }).replace('orders.order_id', 'dim.customer_key'),
        ),
      },
      file: PIPE,
    },
  },
  {
    rule: 'ref/unknown-column',
    what: 'an output column the output schema object lacks, reported at the key',
    trigger: {
      files: { 'o.odcs.yaml': ORDERS, 'd.odcs.yaml': DWH, [PIPE]: pipeline(loadStep({ column: 'order_keys' })) },
      file: PIPE,
    },
    at: range(14, 10, 14, 20),
    clean: { files: { 'o.odcs.yaml': ORDERS, 'd.odcs.yaml': DWH, [PIPE]: pipeline(loadStep()) }, file: PIPE },
  },
  {
    rule: 'ref/unknown-column',
    what: 'a source column the input lacks, reported at the value',
    trigger: {
      files: { 'o.odcs.yaml': ORDERS, 'd.odcs.yaml': DWH, [PIPE]: pipeline(loadStep({ source: 'orders.order_idd' })) },
      file: PIPE,
    },
    at: range(14, 21, 14, 37),
    clean: { files: { 'o.odcs.yaml': ORDERS, 'd.odcs.yaml': DWH, [PIPE]: pipeline(loadStep()) }, file: PIPE },
  },
  {
    rule: 'ref/unknown-input',
    what: 'a column source naming an input alias the step does not read',
    trigger: {
      files: { 'o.odcs.yaml': ORDERS, 'd.odcs.yaml': DWH, [PIPE]: pipeline(loadStep({ source: 'order.order_id' })) },
      file: PIPE,
    },
    at: range(14, 21, 14, 35),
    clean: { files: { 'o.odcs.yaml': ORDERS, 'd.odcs.yaml': DWH, [PIPE]: pipeline(loadStep()) }, file: PIPE },
  },
  {
    rule: 'ref/relationship-target',
    what: 'a relationship to a column the schema object lacks, reported at `to`',
    trigger: {
      files: { 'a.odcs.yaml': ORDERS + '        relationships:\n          - to: orders.order_ids\n' },
      file: 'a.odcs.yaml',
    },
    at: range(13, 16, 13, 32),
    clean: {
      files: { 'a.odcs.yaml': ORDERS + '        relationships:\n          - to: orders.order_id\n' },
      file: 'a.odcs.yaml',
    },
  },
  {
    rule: 'ref/relationship-arity',
    what: 'a composite relationship with 2 `from` columns and 1 `to`, reported at `to`',
    trigger: {
      files: {
        'a.odcs.yaml':
          ORDERS +
          '    relationships:\n      - from: [orders.order_id, orders.amount]\n        to: [orders.order_id]\n',
      },
      file: 'a.odcs.yaml',
    },
    at: range(14, 8, 14, 10),
    clean: {
      files: {
        'a.odcs.yaml':
          ORDERS +
          '    relationships:\n      - from: [orders.order_id, orders.amount]\n        to: [orders.order_id, orders.amount]\n',
      },
      file: 'a.odcs.yaml',
    },
  },
  {
    rule: 'ref/duplicate-schema-object',
    what: 'a second schema object with the same name, reported at its name',
    trigger: {
      files: {
        'a.odcs.yaml': ORDERS + '  - name: orders\n    properties:\n      - name: x\n        logicalType: string\n',
      },
      file: 'a.odcs.yaml',
    },
    at: range(12, 10, 12, 16),
    clean: {
      files: {
        'a.odcs.yaml':
          ORDERS + '  - name: orders_archive\n    properties:\n      - name: x\n        logicalType: string\n',
      },
      file: 'a.odcs.yaml',
    },
  },
  {
    rule: 'ref/unknown-sla-element',
    what: 'an SLA element naming a column the table lacks, reported at the element',
    trigger: {
      files: {
        'a.odcs.yaml':
          ORDERS + 'slaProperties:\n  - property: latency\n    value: 4\n    unit: d\n    element: orders.order_ids\n',
      },
      file: 'a.odcs.yaml',
    },
    at: range(16, 13, 16, 29),
    clean: {
      files: {
        'a.odcs.yaml':
          ORDERS + 'slaProperties:\n  - property: latency\n    value: 4\n    unit: d\n    element: orders.order_id\n',
      },
      file: 'a.odcs.yaml',
    },
  },
  {
    rule: 'ref/unknown-definition',
    what: 'a DCS `$ref` to a definition that was renamed, reported at the reference (one finding)',
    trigger: { files: { 'datacontract.yaml': DCS_REF('#/definitions/order_id') }, file: 'datacontract.yaml' },
    at: range(9, 14, 9, 38),
    clean: { files: { 'datacontract.yaml': DCS_REF('#/definitions/order_identifier') }, file: 'datacontract.yaml' },
  },
  {
    rule: 'ref/pipeline-cycle',
    what: 'a step that writes the dataset it reads, reported at the output contract',
    trigger: {
      files: {
        'o.odcs.yaml': ORDERS,
        [PIPE]: pipeline(
          '  - id: loop\n    inputs:\n      - contract: orders\n    outputs:\n      - contract: orders\n',
        ),
      },
      file: PIPE,
    },
    at: range(11, 18, 11, 24),
    clean: {
      files: {
        'o.odcs.yaml': ORDERS,
        'd.odcs.yaml': DWH,
        [PIPE]: pipeline(
          '  - id: loop\n    inputs:\n      - contract: orders\n    outputs:\n      - contract: dwh\n        schema: fact\n',
        ),
      },
      file: PIPE,
    },
  },
  {
    rule: 'ref/conflicting-writers',
    what: 'two steps writing one dataset, reported at each writer',
    trigger: {
      files: {
        'o.odcs.yaml': ORDERS,
        'd.odcs.yaml': DWH,
        [PIPE]: pipeline(
          '  - id: a\n    outputs:\n      - contract: dwh\n        schema: fact\n  - id: b\n    outputs:\n      - contract: dwh\n        schema: fact\n',
        ),
      },
      file: PIPE,
    },
    at: [range(9, 18, 9, 21), range(13, 18, 13, 21)],
    // Shared dead-letter destinations are the documented exception.
    clean: {
      files: {
        'o.odcs.yaml': ORDERS,
        'd.odcs.yaml': DWH,
        [PIPE]: pipeline(
          '  - id: a\n    outputs:\n      - contract: dwh\n        schema: fact\n        deadLetter: true\n  - id: b\n    outputs:\n      - contract: dwh\n        schema: fact\n        deadLetter: true\n',
        ),
      },
      file: PIPE,
    },
  },

  // pactline/
  {
    rule: 'pactline/suppression-without-reason',
    what: 'a next-line suppression with no `-- reason`, reported at the comment',
    trigger: {
      files: { 'a.odcs.yaml': contract('# pactline-disable-next-line schema/enum\ndescription:\n  purpose: x\n') },
      file: 'a.odcs.yaml',
    },
    at: range(5, 0, 5, 40),
    clean: {
      files: {
        'a.odcs.yaml': contract(
          '# pactline-disable-next-line schema/enum -- generated upstream\ndescription:\n  purpose: x\n',
        ),
      },
      file: 'a.odcs.yaml',
    },
  },
  {
    rule: 'pactline/too-many-findings',
    what: "1,001 unknown keys: the first 1,000 are reported, then the count of the rest on the last one's line",
    trigger: {
      files: { 'a.odcs.yaml': contract(Array.from({ length: 1001 }, (_, i) => `extra${i}: 1\n`).join('')) },
      file: 'a.odcs.yaml',
    },
    at: range(1004, 0, 1004, 0),
    alongside: Array.from({ length: 1000 }, () => 'schema/unknown-key'),
    clean: {
      files: {
        'a.odcs.yaml': contract(
          'schema:\n  - name: wide\n    properties:\n' +
            Array.from({ length: 1001 }, (_, i) => `      - name: c${i}\n        logicalType: string\n`).join(''),
        ),
      },
      file: 'a.odcs.yaml',
    },
  },
  {
    rule: 'pactline/unknown-rule',
    what: 'a suppression comment naming a rule that does not exist',
    trigger: {
      files: {
        'a.odcs.yaml': contract('description:\n  # pactline-disable-next-line schema/enums -- typo\n  purpose: x\n'),
      },
      file: 'a.odcs.yaml',
    },
    at: range(6, 2, 6, 51),
    clean: {
      files: {
        'a.odcs.yaml': contract('description:\n  # pactline-disable-next-line schema/enum -- no typo\n  purpose: x\n'),
      },
      file: 'a.odcs.yaml',
    },
  },
  {
    rule: 'pactline/unknown-rule',
    what: 'a suppression comment naming no rule at all',
    trigger: {
      files: { 'a.odcs.yaml': contract('description:\n  purpose: x # pactline-disable-next-line\n') },
      file: 'a.odcs.yaml',
    },
    at: range(6, 13, 6, 41),
    clean: {
      files: { 'a.odcs.yaml': contract('description:\n  purpose: x # pactline-disable-next-line schema -- why\n') },
      file: 'a.odcs.yaml',
    },
  },
  {
    rule: 'pactline/unknown-rule',
    what: 'a configuration `rules:` key that is no rule id or family, reported at the key',
    trigger: { files: { 'pactline.yaml': 'rules:\n  schema/enums: off\n' }, file: 'pactline.yaml' },
    at: range(1, 2, 1, 14),
    clean: { files: { 'pactline.yaml': 'rules:\n  schema/enum: off\n  ref: warning\n' }, file: 'pactline.yaml' },
  },
  {
    rule: 'pactline/config',
    what: 'an absolute ignore pattern (it can never match: patterns are relative to the file), at the pattern',
    trigger: { files: { 'pactline.yaml': 'ignore:\n  - /legacy/**\n' }, file: 'pactline.yaml' },
    at: range(1, 4, 1, 14),
    clean: { files: { 'pactline.yaml': 'ignore:\n  - legacy/**\n' }, file: 'pactline.yaml' },
  },
  {
    rule: 'pactline/config',
    what: 'a Windows path separator in an ignore pattern',
    trigger: { files: { 'pactline.yaml': 'ignore:\n  - "drafts/**"\n  - legacy\\old\\**\n' }, file: 'pactline.yaml' },
    at: range(2, 4, 2, 17),
    clean: {
      files: { 'pactline.yaml': 'ignore:\n  - "drafts/**"\n  - legacy/old/**\n  - file\\[1\\].odcs.yaml\n' },
      file: 'pactline.yaml',
    },
  },
  {
    rule: 'pactline/config',
    what: 'ignore patterns that leave the folder (`..`) or are empty',
    trigger: { files: { 'pactline.yaml': 'ignore:\n  - ../other/**\n  - ""\n' }, file: 'pactline.yaml' },
    at: [range(1, 4, 1, 15), range(2, 4, 2, 6)],
    clean: { files: { 'pactline.yaml': 'ignore:\n  - other/**\n  - "**/..backup/**"\n' }, file: 'pactline.yaml' },
  },
  {
    rule: 'pactline/config',
    what: 'a maxFileSize that would skip every file',
    trigger: { files: { 'pactline.yaml': 'maxFileSize: 0\n' }, file: 'pactline.yaml' },
    at: range(0, 13, 0, 14),
    clean: { files: { 'pactline.yaml': 'maxFileSize: 1\n' }, file: 'pactline.yaml' },
  },
  {
    rule: 'pactline/config',
    what: 'a breaking.against REF that git would read as an option',
    trigger: { files: { 'pactline.yaml': 'breaking:\n  against: --output=x\n' }, file: 'pactline.yaml' },
    at: range(1, 11, 1, 21),
    clean: { files: { 'pactline.yaml': 'breaking:\n  against: merge-base:origin/main\n' }, file: 'pactline.yaml' },
  },
];

/**
 * Rules no input can trigger, with the reason. The meta-test checks that the engine indeed never
 * names them outside the catalogue, so emitting one without adding a case here fails.
 */
const NOT_EMITTED: Partial<Record<RuleId, string>> = {};

/**
 * Rule families whose rules are tested rule by rule in their own suite, which this file checks:
 * - breaking/ comes from another entry point (`breakingDiagnostics(service, base)`, `--against REF`)
 *   and needs a git base: test/breaking/rules.test.ts commits a base in a real repository, makes the
 *   change (the trigger), and checks the rule, its severity in each compatibility mode and that it is
 *   the only finding; the reversed change or `none` is the clean side, and its "placement" tests
 *   check ranges. Each rule must be an expected `rule:` there.
 * - lineage/ needs a small workspace of contracts and pipelines: test/lineage/rules.test.ts has a
 *   `describe('<rule id>')` per rule whose tests assert the exact range (`'<rule> l:c-l:c'`) of a
 *   trigger, the default severity, and clean variants (`is silent ...`).
 */
const DELEGATED: Record<string, { file: string; covers: (source: string, id: string) => string | undefined }> = {
  breaking: {
    file: 'test/breaking/rules.test.ts',
    covers: (source, id) => (source.includes(`rule: '${id}'`) ? undefined : `no case expects \`rule: '${id}'\``),
  },
  lineage: {
    file: 'test/lineage/rules.test.ts',
    covers: (source, id) => {
      const start = source.indexOf(`describe('${id}'`);
      if (start < 0) return `no describe('${id}')`;
      const end = source.indexOf('\ndescribe(', start + 1);
      const block = source.slice(start, end < 0 ? undefined : end);
      const escaped = id.replace(/[/-]/g, '\\$&');
      // Either quote: the formatter picks double quotes for a title with an apostrophe.
      if (!new RegExp(`it\\(['"]triggers[^]*'${escaped} \\d+:\\d+-\\d+:\\d+'`).test(block))
        return "no `it('triggers ...')` asserting an exact range";
      if (!/it\(['"]is silent/.test(block)) return "no `it('is silent ...')` clean variant";
      return undefined;
    },
  },
};

const familyOf = (id: string) => id.slice(0, id.indexOf('/'));

describe('every rule: a trigger with its exact range and default severity, and a clean variant', () => {
  for (const c of CASES) {
    describe(`${c.rule}: ${c.what}`, () => {
      it('triggers', () => {
        const found = diagnose(c.trigger);
        const mine = withRule(found, c.rule);
        const expected = Array.isArray(c.at) ? c.at : [c.at];
        assert.deepEqual(
          mine.map((f) => f.range),
          expected,
          show(found).join('\n'),
        );
        const severity = LSP[ruleMeta(c.rule)!.severity];
        for (const f of mine) {
          assert.equal(f.severity, severity, `default severity of ${c.rule}`);
          assert.equal(f.source, 'pactline');
          assert.ok(f.message.length > 10, 'a message written for a person');
          assert.ok(!/undefined|\[object Object\]/.test(f.message), f.message);
        }
        const others = found.filter((f) => f.code !== c.rule).map((f) => f.code);
        assert.deepEqual(others, c.alongside ?? [], `other findings:\n${show(found).join('\n')}`);
      });

      it('is silent on the clean variant', () => {
        assert.deepEqual(show(diagnose(c.clean)), []);
      });
    });
  }

  it('every rule in RULES has a case (or is listed as not emitted, with the reason)', () => {
    const covered = new Set<string>(CASES.map((c) => c.rule));
    const missing = RULES.map((r) => r.id).filter(
      (id) => !covered.has(id) && !(id in NOT_EMITTED) && !(familyOf(id) in DELEGATED),
    );
    assert.deepEqual(missing, [], 'add a case to CASES for each new rule');
    for (const id of Object.keys(NOT_EMITTED)) {
      assert.ok(!covered.has(id), `${id} has a case now: remove it from NOT_EMITTED`);
      assert.ok(ruleMeta(id), `${id} is not in RULES any more`);
    }
    for (const c of CASES) assert.ok(ruleMeta(c.rule), `${c.rule} is not in RULES`);
  });

  it('every rule of a delegated family (breaking/, lineage/) has its trigger and clean variant in its own suite', () => {
    const problems: string[] = [];
    for (const [family, { file, covers }] of Object.entries(DELEGATED)) {
      const source = readFileSync(join(__dirname, '../..', file), 'utf8');
      const ids = RULES.map((r) => r.id as string).filter((id) => familyOf(id) === family);
      assert.ok(ids.length > 0, `RULES has no ${family}/ rule any more: remove it from DELEGATED`);
      for (const id of ids) {
        const why = covers(source, id);
        if (why) problems.push(`${id}: ${file} has ${why}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('rule ids are unique and spelt `<family>/<name>`', () => {
    const ids = RULES.map((r) => r.id);
    assert.deepEqual(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      [],
    );
    for (const id of ids) assert.match(id, /^[a-z]+\/[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('the rules listed as not emitted are named nowhere in the engine but the catalogue', () => {
    const engine = join(__dirname, '../../server/src');
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts') && !full.endsWith(join('engine', 'rules.ts'))) sources.push(full);
      }
    };
    walk(engine);
    for (const id of Object.keys(NOT_EMITTED)) {
      const users = sources.filter((file) => readFileSync(file, 'utf8').includes(`'${id}'`));
      assert.deepEqual(users, [], `${id} is emitted now: give it a case in CASES`);
    }
  });
});

// ---- suppression comments -----------------------------------------------------------------------

describe('suppression comments', () => {
  // Lines 9 and 11 hold two independent enum mistakes.
  const TWO_MISTAKES = () =>
    contract(`schema:
  - name: t
    properties:
      - name: a
        logicalType: strin
      - name: b
        logicalType: numbr
`);
  const enumLines = (text: string, cfg?: ResolvedConfig) =>
    withRule(diagnose({ files: { 'a.odcs.yaml': text }, file: 'a.odcs.yaml', config: cfg }), 'schema/enum').map(
      (f) => f.range.start.line,
    );

  it('without any comment, both mistakes are reported', () => {
    assert.deepEqual(enumLines(TWO_MISTAKES()), [9, 11]);
  });

  it('next-line by rule id silences exactly the next content line (blank and comment lines skipped)', () => {
    const text = contract(`schema:
  - name: t
    properties:
      - name: a
        # pactline-disable-next-line schema/enum, schema/type -- the enum is extended by our platform

        # (a comment in between)
        logicalType: strin
        physicalType: 5
      - name: b
        logicalType: numbr
`);
    // Line 12 is silenced; line 13 (schema/type) and line 15 (schema/enum) are not.
    const found = diagnose({ files: { 'a.odcs.yaml': text }, file: 'a.odcs.yaml' });
    assert.deepEqual(
      show(found).map((l) => l.split(' ').slice(0, 2).join(' ')),
      ['schema/type 13:22-13:23', 'schema/enum 15:21-15:26'],
    );
  });

  it('next-line silences only the rule it names', () => {
    const text = TWO_MISTAKES().replace(
      '      - name: a\n',
      '      - name: a\n        # pactline-disable-next-line schema/type -- not this one\n',
    );
    assert.deepEqual(enumLines(text), [10, 12]);
  });

  it('next-line by family silences every rule of the family on that line', () => {
    const text = TWO_MISTAKES().replace(
      '      - name: b\n',
      '      - name: b\n        # pactline-disable-next-line ref, schema -- legacy types\n',
    );
    assert.deepEqual(enumLines(text), [9]);
  });

  it('next-line as a trailing comment silences the following line, not its own', () => {
    // Line 9 gets the comment; line 10 (`physicalType: 5`) is a schema/type mistake.
    const text = TWO_MISTAKES().replace(
      '        logicalType: strin\n',
      '        logicalType: strin # pactline-disable-next-line schema -- next\n        physicalType: 5\n',
    );
    const found = diagnose({ files: { 'a.odcs.yaml': text }, file: 'a.odcs.yaml' });
    assert.deepEqual(
      found.map((f) => [f.code, f.range.start.line]),
      [
        ['schema/enum', 9],
        ['schema/enum', 12],
      ],
    );
    const unsuppressed = TWO_MISTAKES().replace(
      '        logicalType: strin\n',
      '        logicalType: strin\n        physicalType: 5\n',
    );
    assert.deepEqual(
      diagnose({ files: { 'a.odcs.yaml': unsuppressed }, file: 'a.odcs.yaml' }).map((f) => [
        f.code,
        f.range.start.line,
      ]),
      [
        ['schema/enum', 9],
        ['schema/type', 10],
        ['schema/enum', 12],
      ],
    );
  });

  it('file-level `# pactline-disable RULE -- reason`, anywhere in the file, silences the rule everywhere', () => {
    const text = TWO_MISTAKES() + '# pactline-disable schema/enum -- types come from a legacy catalogue\n';
    assert.deepEqual(show(diagnose({ files: { 'a.odcs.yaml': text }, file: 'a.odcs.yaml' })), []);
  });

  it('file-level by family silences the family only', () => {
    const text =
      '# pactline-disable schema -- generated file\n' +
      TWO_MISTAKES() +
      '        relationships:\n          - to: t.c\n';
    const found = diagnose({ files: { 'a.odcs.yaml': text }, file: 'a.odcs.yaml' });
    assert.deepEqual(
      found.map((f) => f.code),
      ['ref/relationship-target'],
    );
  });

  it('a suppression without a reason still silences, and is itself a warning', () => {
    const text = TWO_MISTAKES().replace(
      '      - name: a\n',
      '      - name: a\n        # pactline-disable-next-line schema/enum\n',
    );
    const found = diagnose({ files: { 'a.odcs.yaml': text }, file: 'a.odcs.yaml' });
    assert.deepEqual(
      found.map((f) => [f.code, f.range.start.line, f.severity]),
      [
        ['pactline/suppression-without-reason', 9, DiagnosticSeverity.Warning],
        ['schema/enum', 12, DiagnosticSeverity.Error],
      ],
    );
  });

  it('a suppression naming an unknown rule silences nothing', () => {
    const text = TWO_MISTAKES().replace(
      '      - name: a\n',
      '      - name: a\n        # pactline-disable-next-line schema/enums -- typo\n',
    );
    const found = diagnose({ files: { 'a.odcs.yaml': text }, file: 'a.odcs.yaml' });
    assert.deepEqual(
      found.map((f) => [f.code, f.range.start.line]),
      [
        ['pactline/unknown-rule', 9],
        ['schema/enum', 10],
        ['schema/enum', 12],
      ],
    );
  });

  it('"# pactline-disable" inside a quoted string is text, not a comment, and silences nothing', () => {
    const text = contract(`description:
  purpose: "How to silence: # pactline-disable schema -- like this"
schema:
  - name: t
    properties:
      - name: a
        logicalType: strin
`);
    assert.deepEqual(
      show(diagnose({ files: { 'a.odcs.yaml': text }, file: 'a.odcs.yaml' })).map((l) =>
        l.split(' ').slice(0, 2).join(' '),
      ),
      ['schema/enum 11:21-11:26'],
    );
  });

  it('"# pactline-disable" inside a block scalar or a single-quoted string is text too', () => {
    const text = contract(`description:
  purpose: |
    Write this above a line to silence it:
    # pactline-disable-next-line schema/enum -- like this
  usage: '# pactline-disable schema'
schema:
  - name: t
    properties:
      - name: a
        # pactline-disable-next-line schema/enum
        logicalType: strin
      - name: b
        logicalType: numbr
`);
    // Only the real comment on line 14 counts: it silences line 15 (and gives no reason), not line 17.
    const found = diagnose({ files: { 'a.odcs.yaml': text }, file: 'a.odcs.yaml' });
    assert.deepEqual(
      found.map((f) => [f.code, f.range.start.line]),
      [
        ['pactline/suppression-without-reason', 14],
        ['schema/enum', 17],
      ],
    );
  });

  it('a suppression comment inside a flow collection, and on a line ending in CRLF, is still a comment', () => {
    const text = TWO_MISTAKES()
      .replace('      - name: b\n', '      - name: b\n        # pactline-disable-next-line schema/enum -- legacy\r\n')
      .replace(
        '    properties:\n',
        '    tags: [a, # pactline-disable-next-line schema -- x\n      b]\n    properties:\n',
      );
    const found = diagnose({ files: { 'a.odcs.yaml': text }, file: 'a.odcs.yaml' });
    // The flow comment silences line 8 (`b]`, nothing there); the CRLF one silences the enum of b.
    assert.deepEqual(
      found.map((f) => [f.code, f.range.start.line]),
      [['schema/enum', 11]],
    );
  });
});

// ---- configured severities ----------------------------------------------------------------------

describe('configuration `rules:`', () => {
  // Line 5: `status` as a number (schema/type); line 9: an enum mistake; line 11: a relationship to nothing.
  const TEXT = contract(`schema:
  - name: t
    properties:
      - name: a
        logicalType: strin
        relationships:
          - to: t.b
`).replace('status: active', 'status: 5');
  const run = (rules?: PactlineConfig['rules']) =>
    diagnose({
      files: { 'a.odcs.yaml': TEXT },
      file: 'a.odcs.yaml',
      config: rules ? config({ rules }) : undefined,
    }).map((f) => [f.code, f.severity]);

  it('defaults', () => {
    assert.deepEqual(run(), [
      ['schema/type', DiagnosticSeverity.Error],
      ['schema/enum', DiagnosticSeverity.Error],
      ['ref/relationship-target', DiagnosticSeverity.Error],
    ]);
  });

  it('`RULE: off` removes that rule only', () => {
    assert.deepEqual(run({ 'schema/enum': 'off' }), [
      ['schema/type', DiagnosticSeverity.Error],
      ['ref/relationship-target', DiagnosticSeverity.Error],
    ]);
  });

  it('a family setting changes every rule of the family', () => {
    assert.deepEqual(run({ schema: 'warning', ref: 'info' }), [
      ['schema/type', DiagnosticSeverity.Warning],
      ['schema/enum', DiagnosticSeverity.Warning],
      ['ref/relationship-target', DiagnosticSeverity.Information],
    ]);
  });

  it('a rule setting wins over its family setting', () => {
    assert.deepEqual(run({ schema: 'off', 'schema/enum': 'warning' }), [
      ['schema/enum', DiagnosticSeverity.Warning],
      ['ref/relationship-target', DiagnosticSeverity.Error],
    ]);
  });

  it('can raise a warning rule to error', () => {
    const files = {
      'o.odcs.yaml': ORDERS,
      'd.odcs.yaml': DWH,
      [PIPE]: pipeline(loadStep({ input: 'dwh' }).replace('orders.order_id', 'fact.order_key')),
    };
    const found = diagnose({
      files,
      file: PIPE,
      config: config({ rules: { 'ref/ambiguous-schema-object': 'error' } }),
    });
    assert.deepEqual(
      found.map((f) => [f.code, f.severity]),
      [['ref/ambiguous-schema-object', DiagnosticSeverity.Error]],
    );
  });
});

// ---- one mistake, one finding -------------------------------------------------------------------

describe('one mistake gives one finding', () => {
  const only = (files: Files, file: string) => show(diagnose({ files, file }));

  it('a misspelt required key (`nme:` for `name:`) is one unknown key with "did you mean", not also "missing name"', () => {
    const text = contract('schema:\n  - nme: orders\n');
    const found = diagnose({ files: { 'a.odcs.yaml': text }, file: 'a.odcs.yaml' });
    assert.deepEqual(
      found.map((f) => [f.code, f.range]),
      [['schema/unknown-key', range(6, 4, 6, 7)]],
    );
    assert.match(found[0].message, /Did you mean `name`\?/);
    assert.deepEqual(found[0].data, { suggestion: 'name' });
  });

  it('the same at the top level (`satus:` for `status:`)', () => {
    const found = only({ 'a.odcs.yaml': contract().replace('status:', 'satus:') }, 'a.odcs.yaml');
    assert.deepEqual(found, ['schema/unknown-key 4:0-4:5 Unknown key `satus` in the contract. Did you mean `status`?']);
  });

  it("a wrong type inside an anyOf alternative gives only that alternative's error (cron schedule)", () => {
    const found = only({ [PIPE]: pipeline('  - id: copy\n').replace('cron: "0 2 * * *"', 'cron: 5') }, PIPE);
    assert.deepEqual(found, ['schema/type 5:8-5:9 Expected a string for `cron`, found the number 5.']);
  });

  it('a wrong type inside the other alternative gives only its error (streaming schedule)', () => {
    const found = only(
      { [PIPE]: pipeline('  - id: copy\n').replace('cron: "0 2 * * *"', 'streaming: true\n  maxLatency: 5') },
      PIPE,
    );
    assert.deepEqual(found, ['schema/type 6:14-6:15 Expected a string for `maxLatency`, found the number 5.']);
  });

  it("a value of no alternative's shape is one finding naming the shapes", () => {
    const found = only(
      { [PIPE]: pipeline('  - id: copy\n').replace('schedule:\n  cron: "0 2 * * *"', 'schedule: daily') },
      PIPE,
    );
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0], /^schema\/type 4:10-4:15 /);
  });

  it("a wrong value for the key that selects an alternative (`streaming: yes`) is reported as that alternative's error", () => {
    const found = only({ [PIPE]: pipeline('  - id: copy\n').replace('cron: "0 2 * * *"', 'streaming: yes') }, PIPE);
    assert.deepEqual(found, ['schema/const 5:13-5:16 Expected `true` for `streaming`, found the string "yes".']);
    const off = only({ [PIPE]: pipeline('  - id: copy\n').replace('cron: "0 2 * * *"', 'streaming: false') }, PIPE);
    assert.deepEqual(off, ['schema/const 5:13-5:18 Expected `true` for `streaming`, found false.']);
  });

  it('a cron schedule with a misspelt key is still a cron schedule (the other alternative does not take over)', () => {
    const found = only(
      { [PIPE]: pipeline('  - id: copy\n').replace('cron: "0 2 * * *"', 'cron: "0 2 * * *"\n  timezon: UTC') },
      PIPE,
    );
    assert.deepEqual(found, [
      'schema/unknown-key 6:2-6:9 Unknown key `timezon` in `schedule`. Did you mean `timezone`?',
    ]);
  });

  it('two expected results in one quality check are one finding, not three', () => {
    const found = only(
      {
        'a.odcs.yaml': contract(
          'schema:\n  - name: t\n    quality:\n      - metric: rowCount\n        mustBe: 1\n        mustNotBe: 2\n',
        ),
      },
      'a.odcs.yaml',
    );
    assert.deepEqual(
      found.map((l) => l.split(' ')[0]),
      ['schema/exclusive'],
    );
    // A key no alternative defines is still reported beside it.
    const more = only(
      {
        'a.odcs.yaml': contract(
          'schema:\n  - name: t\n    quality:\n      - metric: rowCount\n        mustBe: 1\n        mustNotBe: 2\n        mustBee: 3\n',
        ),
      },
      'a.odcs.yaml',
    );
    assert.deepEqual(
      more.map((l) => l.split(' ').slice(0, 2).join(' ')),
      ['schema/exclusive 8:6-8:24', 'schema/unknown-key 11:8-11:15'],
    );
  });

  it('150 and 900 levels of nesting (under the documented 1,000) are read: no finding at all', () => {
    for (const depth of [150, 900]) {
      const svc = service({ files: { 'a.odcs.yaml': nestedValue(depth) } });
      assert.deepEqual(show(svc.diagnose('a.odcs.yaml')), [], `${depth} levels`);
      let node = (svc.getDocument('a.odcs.yaml')!.value as { customProperties: { value: unknown }[] })
        .customProperties[0].value;
      let levels = 0;
      while (Array.isArray(node)) {
        node = node[0];
        levels++;
      }
      assert.deepEqual([levels, node], [depth, 1]);
    }
  });
});

// ---- maxFileSize --------------------------------------------------------------------------------

describe('maxFileSize counts bytes, and the message gives sizes a person can read', () => {
  const tooLarge = (text: string, maxFileSize: number) =>
    withRule(
      diagnose({ files: { 'a.odcs.yaml': text }, file: 'a.odcs.yaml', config: config({ maxFileSize }) }),
      'yaml/too-large',
    );

  it('a small limit is said in bytes, not "0.0 MB"', () => {
    const text = contract(`description:\n  purpose: ${'x'.repeat(40)}\n`);
    const [finding] = tooLarge(text, 100);
    assert.equal(
      finding.message,
      `This file is ${Buffer.byteLength(text)} bytes, larger than the 100 bytes Pactline reads; it was skipped. Raise \`maxFileSize\` in pactline.yaml to check it.`,
    );
  });

  it('kilobytes and megabytes', () => {
    assert.match(
      tooLarge(contract(`description:\n  purpose: ${'x'.repeat(3000)}\n`), 2048)[0].message,
      /^This file is 3\.0 KB, larger than the 2\.0 KB Pactline reads/,
    );
    assert.match(
      tooLarge(contract(`description:\n  purpose: ${'x'.repeat(1_200_000)}\n`), 1024 * 1024)[0].message,
      /^This file is 1\.1 MB, larger than the 1\.0 MB Pactline reads/,
    );
  });

  it('non-ASCII text is measured in UTF-8 bytes, as on disk: 100 characters of `é` are 200 bytes', () => {
    const header = contract('description:\n  purpose: ');
    const text = header + 'é'.repeat(100) + '\n';
    const bytes = Buffer.byteLength(text);
    assert.equal(bytes, header.length + 201);
    assert.equal(text.length, header.length + 101);
    assert.equal(tooLarge(text, text.length).length, 1, 'over the limit in bytes, though not in characters');
    assert.equal(tooLarge(text, bytes).length, 0, 'exactly the limit is read');
    assert.equal(tooLarge(text, bytes - 1).length, 1);
    // Astral characters (a surrogate pair, 4 bytes) and 3-byte characters.
    const wide = header + '😀€'.repeat(50) + '\n';
    assert.equal(tooLarge(wide, Buffer.byteLength(wide)).length, 0);
    assert.equal(tooLarge(wide, Buffer.byteLength(wide) - 1).length, 1);
  });
});

// ---- each version by its own rules; the kind from the content --------------------------------------

describe('each version is checked by its own rules', () => {
  // Mistakes only: a v3.0.x file also gets the `version/upgrade-available` information.
  const codes = (files: Files, file: string) =>
    diagnose({ files, file })
      .filter((f) => f.code !== 'version/upgrade-available')
      .map((f) => f.code);
  const property = (extra: string) => contract(`schema:\n  - name: t\n    properties:\n      - name: c\n${extra}`);

  it('v3.0.x constructs are valid in a v3.0.x file and mistakes in a v3.1.0 one', () => {
    const v30 = [
      property(
        '        logicalType: integer\n        logicalTypeOptions:\n          maximum: 10\n          exclusiveMaximum: true\n',
      ),
      property('        quality:\n          - rule: nullCheck\n            mustBe: 0\n'),
      contract('team:\n  - username: jdoe\n    comment: on leave\n'),
      contract('slaProperties:\n  - property: latency\n    value: 4\n    column: orders.created_at\n'),
      contract('servers:\n  - server: k\n    type: kafka\n    host: broker:9092\n    topic: orders\n    port: 9092\n'),
    ];
    for (const text of v30) {
      assert.deepEqual(codes({ 'a.odcs.yaml': text.replace('v3.1.0', 'v3.0.2') }, 'a.odcs.yaml'), [], text);
      assert.notDeepEqual(codes({ 'a.odcs.yaml': text }, 'a.odcs.yaml'), [], `v3.1.0 should reject: ${text}`);
    }
  });

  it('v3.1.0 constructs are mistakes in a v3.0.x file', () => {
    const v31 = [
      property('        logicalType: timestamp\n'),
      property('        logicalType: integer\n        logicalTypeOptions:\n          exclusiveMinimum: 5\n'),
      contract('team:\n  name: orders team\n  members:\n    - username: jdoe\n'),
      contract('servers:\n  - server: i\n    type: impala\n    host: h\n    database: d\n'),
      contract('servers:\n  - server: a\n    type: athena\n    schema: s\n    stagingDir: s3://b/tmp/\n'),
    ];
    for (const text of v31) {
      assert.deepEqual(codes({ 'a.odcs.yaml': text }, 'a.odcs.yaml'), [], text);
      const api = text.includes('athena') ? 'v3.0.1' : 'v3.0.2'; // Athena wanted `staging_dir` before v3.0.2
      assert.notDeepEqual(
        codes({ 'a.odcs.yaml': text.replace('v3.1.0', api) }, 'a.odcs.yaml'),
        [],
        `${api} should reject: ${text}`,
      );
    }
    // Property `physicalName` came with v3.0.2.
    const physical = property('        physicalName: col_c\n');
    assert.deepEqual(codes({ 'a.odcs.yaml': physical.replace('v3.1.0', 'v3.0.2') }, 'a.odcs.yaml'), []);
    assert.deepEqual(codes({ 'a.odcs.yaml': physical.replace('v3.1.0', 'v3.0.1') }, 'a.odcs.yaml'), [
      'schema/unknown-key',
    ]);
  });

  it('DCS 1.1.0 has no `variant` field type; 1.2.0 and 1.2.1 do', () => {
    const dcs = (v: string) =>
      `dataContractSpecification: ${v}\nid: dcs\ninfo:\n  title: T\n  version: 1.0.0\nmodels:\n  m:\n    fields:\n      f:\n        type: variant\n`;
    assert.deepEqual(codes({ 'datacontract.yaml': dcs('1.1.0') }, 'datacontract.yaml'), ['schema/enum']);
    assert.deepEqual(codes({ 'datacontract.yaml': dcs('1.2.0') }, 'datacontract.yaml'), []);
    assert.deepEqual(codes({ 'datacontract.yaml': dcs('1.2.1') }, 'datacontract.yaml'), []);
  });
});

describe('the kind of a file comes from its content first, its name second', () => {
  it('an ODCS contract named datacontract.yaml (as datacontract-cli writes v3.1.0) is checked as ODCS', () => {
    const text = contract('schema:\n  - name: t\n    properties:\n      - name: c\n        logicalType: strng\n');
    const found = diagnose({ files: { 'datacontract.yaml': text }, file: 'datacontract.yaml' });
    assert.deepEqual(show(found), [show(diagnose({ files: { 'a.odcs.yaml': text }, file: 'a.odcs.yaml' }))[0]]);
    assert.equal(found[0].code, 'schema/enum');
  });

  it('a DCS document named *.odcs.yaml is checked as DCS', () => {
    const text = 'dataContractSpecification: 1.2.1\nid: dcs\ninfo:\n  title: T\n  version: 1.0.0\n';
    assert.deepEqual(diagnose({ files: { 'a.odcs.yaml': text }, file: 'a.odcs.yaml' }), []);
  });

  it('a contract of a version Pactline does not validate gets exactly one clear finding, whatever its name', () => {
    const v2 =
      'apiVersion: v2.2.2\nkind: DataContract\nuuid: 53581432-6c55-4ba2-a65f-72344a91553a\ndatasetName: orders\nquantumName: orders\n';
    const v2NoApi =
      'version: 1.0.0\nkind: DataContract\nuuid: 53581432\ndatasetName: orders\ndataset:\n  - table: orders\n';
    const v2NoKind = 'datasetDomain: sales\nquantumName: orders\nversion: 1.0.0\nstatus: current\n';
    const dcs09 = 'dataContractSpecification: 0.9.3\nid: dcs\ninfo:\n  title: T\n  version: 1.0.0\n';
    for (const [file, text, says] of [
      [
        'contracts/orders.yaml',
        v2,
        /ODCS version `v2\.2\.2` is not one Pactline validates; it validates v3\.0\.0, v3\.0\.1, v3\.0\.2, v3\.1\.0 and v3\.2\.0\./,
      ],
      ['contracts/orders.odcs.yaml', v2, /ODCS version `v2\.2\.2`/],
      [
        'contracts/legacy.yaml',
        v2NoApi,
        /declares no `apiVersion`.*validates v3\.0\.0, v3\.0\.1, v3\.0\.2, v3\.1\.0 and v3\.2\.0\./,
      ],
      ['contracts/legacy2.yaml', v2NoKind, /declares no `apiVersion`/],
      [
        'contracts/datacontract.yaml',
        dcs09,
        /Data Contract Specification version `0\.9\.3` is not one Pactline validates; it validates 1\.1\.0, 1\.2\.0 and 1\.2\.1\./,
      ],
    ] as const) {
      const found = diagnose({ files: { [file]: text }, file });
      assert.deepEqual(
        found.map((f) => f.code),
        ['schema/unsupported-version'],
        `${file}: ${show(found).join('; ')}`,
      );
      assert.match(found[0].message, says);
    }
  });

  it('a plain YAML file that is not a contract stays unrecognised', () => {
    const s = service({ files: { 'docker-compose.yaml': 'version: "3"\nservices:\n  db:\n    image: postgres\n' } });
    assert.equal(s.getDocument('docker-compose.yaml')!.kind, undefined);
  });
});
