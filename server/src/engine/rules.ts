// The catalogue of rules: stable ids (`<family>/<name>`), default severities, one line each.
// The README's rule table is generated from this list; ids never change once published.
import type { RuleMeta } from './types';
import { BREAKING_RULE_DOCS } from './breaking/rules';
import { LINEAGE_RULES } from './lineage/rules/index';

export const RULES = [
  // yaml/: the file itself
  { id: 'yaml/syntax', severity: 'error', description: 'The file is not valid YAML.' },
  {
    id: 'yaml/duplicate-key',
    severity: 'error',
    description: 'A mapping has the same key twice; the second occurrence is reported.',
  },
  { id: 'yaml/encoding', severity: 'error', description: 'The file is not valid UTF-8.' },
  { id: 'yaml/binary', severity: 'info', description: 'The file looks binary and is skipped.' },
  { id: 'yaml/too-large', severity: 'warning', description: 'The file is larger than `maxFileSize` and is skipped.' },
  {
    id: 'yaml/too-deep',
    severity: 'error',
    description: 'The document nests deeper than Pactline reads (1,000 levels).',
  },
  {
    id: 'yaml/alias-expansion',
    severity: 'error',
    description: 'YAML aliases expand the document beyond a safe size (an "alias bomb").',
  },

  // schema/: the standard's JSON Schema
  {
    id: 'schema/unknown-key',
    severity: 'error',
    description: 'A key the standard does not define at this place (with a "did you mean").',
  },
  { id: 'schema/required', severity: 'error', description: 'A key the standard requires is missing.' },
  {
    id: 'schema/type',
    severity: 'error',
    description: 'A value has the wrong type (string, number, list, mapping...).',
  },
  { id: 'schema/enum', severity: 'error', description: 'A value is not one of the values the standard allows.' },
  {
    id: 'schema/const',
    severity: 'error',
    description: 'A value must be exactly one fixed value (such as `kind: DataContract`).',
  },
  {
    id: 'schema/format',
    severity: 'error',
    description: 'A value is not in the expected format (date-time, email, URI...).',
  },
  { id: 'schema/pattern', severity: 'error', description: 'A value does not match the pattern the standard requires.' },
  { id: 'schema/range', severity: 'error', description: 'A number is outside the allowed range.' },
  { id: 'schema/size', severity: 'error', description: 'A text, list or mapping is shorter or longer than allowed.' },
  { id: 'schema/unique-items', severity: 'error', description: 'A list that must hold distinct values repeats one.' },
  {
    id: 'schema/exclusive',
    severity: 'error',
    description: 'A value matches several alternatives where exactly one is allowed, or a forbidden combination.',
  },
  {
    id: 'schema/unsupported-version',
    severity: 'error',
    description:
      'The document declares a version of its standard that Pactline does not validate (or none): one finding naming the versions it does.',
  },

  // version/: the standard's version a file declares (not a mistake: it stays valid by its own rules)
  {
    id: 'version/upgrade-available',
    severity: 'info',
    description:
      'An ODCS v3.0.x file: v3.1.0 changed quality checks, exclusive bounds and `team`, and v3.2.0 is current; `pactline migrate` or the quick fix carries it across.',
  },

  // ref/: references across files
  {
    id: 'ref/duplicate-id',
    severity: 'error',
    description: 'Two contracts, products or pipelines declare the same `id`.',
  },
  {
    id: 'ref/unknown-contract',
    severity: 'error',
    description: 'A product port or pipeline input/output names a contract id that no file declares.',
  },
  {
    id: 'ref/unknown-schema-object',
    severity: 'error',
    description: 'A reference names a schema object the contract does not have.',
  },
  {
    id: 'ref/ambiguous-schema-object',
    severity: 'warning',
    description: 'A pipeline input or output omits `schema` but its contract has several schema objects.',
  },
  {
    id: 'ref/unknown-column',
    severity: 'error',
    description: 'A column mapping names a property the contract does not have.',
  },
  {
    id: 'ref/unknown-input',
    severity: 'error',
    description: 'A column mapping names an input alias the step does not read.',
  },
  {
    id: 'ref/relationship-target',
    severity: 'error',
    description: 'An ODCS relationship points at a table or column that does not exist.',
  },
  {
    id: 'ref/relationship-arity',
    severity: 'error',
    description:
      'An ODCS relationship maps a different number of `from` columns than `to` columns (2 source columns, 1 target).',
  },
  {
    id: 'ref/duplicate-schema-object',
    severity: 'error',
    description: 'Two schema objects of one ODCS contract have the same name.',
  },
  {
    id: 'ref/unknown-sla-element',
    severity: 'warning',
    description: 'An SLA `element` (or `slaDefaultElement`) names a table or column the contract does not have.',
  },
  {
    id: 'ref/unknown-definition',
    severity: 'error',
    description:
      'A DCS `$ref` inside the file (`#/definitions/order_id`) points at nothing: the definition was renamed or removed.',
  },
  {
    id: 'ref/pipeline-cycle',
    severity: 'error',
    description: 'Pipelines form a cycle: a dataset feeds, through steps, back into itself.',
  },
  {
    id: 'ref/conflicting-writers',
    severity: 'error',
    description: 'Two pipeline steps write the same dataset (dead-letter destinations shared by design excepted).',
  },

  // lineage/: rules over the lineage graph (units in engine/lineage/rules/, each saying exactly what it checks)
  ...LINEAGE_RULES.map(({ id, severity, description }) => ({ id, severity, description })),

  // breaking/: changes against a base (`--against REF`); the severity is decided per change: an error when it
  // breaks the enforced compatibility (a warning with a major version bump), info otherwise
  ...BREAKING_RULE_DOCS.map(({ id, severity, description }) => ({ id, severity, description })),

  // pactline/: about Pactline's own files and comments
  {
    id: 'pactline/suppression-without-reason',
    severity: 'warning',
    description: 'A `pactline-disable` comment gives no reason after `--`.',
  },
  {
    id: 'pactline/too-many-findings',
    severity: 'warning',
    description:
      'A file has more than 1,000 findings: the first 1,000 are reported, then one finding with the number left out.',
  },
  {
    id: 'pactline/unknown-rule',
    severity: 'warning',
    description: 'A suppression comment or the configuration names a rule that does not exist.',
  },
  {
    id: 'pactline/unsafe-path',
    severity: 'error',
    description:
      'A symbolic link that leads outside the workspace, or a FIFO, device or socket where a file should be: not read.',
  },
  {
    id: 'pactline/config',
    severity: 'error',
    description:
      'A configuration setting can never work: an `ignore` pattern that matches no file (absolute, leaving the folder with `..`, `\\` as separator, empty), a `maxFileSize` under 1 byte, a `breaking.against` REF git would read as an option.',
  },
] as const satisfies readonly RuleMeta[];

export type RuleId = (typeof RULES)[number]['id'];

const BY_ID = new Map<string, RuleMeta>(RULES.map((rule) => [rule.id, rule]));

export function ruleMeta(id: string): RuleMeta | undefined {
  return BY_ID.get(id);
}

export function isKnownRule(idOrFamily: string): boolean {
  return BY_ID.has(idOrFamily) || RULES.some((rule) => rule.id.startsWith(idOrFamily + '/'));
}
