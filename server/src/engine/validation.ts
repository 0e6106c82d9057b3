// Validation against the generated JSON Schemas, and the translation of Ajv's errors into one
// finding per mistake, written for a person and placed by data path.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import type { SchemaTarget } from '../formats/targets';
import { declaredVersion, isRecord } from './kinds';
import { BUILTIN_CHECKS, BUILTIN_SCHEMAS } from './schemaCatalog';
import { valueAt, type PathSegment, type RawFinding } from './locate';
import { closest } from './similarity';
import { MAX_FINDINGS_PER_FILE, omittedFinding } from './limits';
import type { FileKind } from './types';

type AnyAjv = Ajv | Ajv2019;
type JsonSchema = Record<string, unknown>;

export interface SchemaEntry {
  target: Pick<SchemaTarget, 'file' | 'id' | 'draft' | 'appliesTo' | 'title' | 'versions'>;
  schema: JsonSchema;
}

// The bundled schemas are checked against their meta-schemas by the tests, not at every start.
const AJV_OPTIONS = {
  allErrors: true,
  verbose: true,
  strict: false,
  allowUnionTypes: true,
  validateFormats: true,
  validateSchema: false,
  code: { process: appendErrorsInPlace },
} as const;

/**
 * Ajv adds the errors of a `$ref`'d validator with `vErrors.concat(…)`, a copy of every error so far
 * per call: 20,000 invalid list items took seconds (quadratic). The generated code appends in place
 * instead; the array is the calling validator's own, so nothing else sees the difference.
 */
function appendErrorsInPlace(code: string): string {
  return code.replace(
    /vErrors\.concat\(([\w$.]+\.errors)\)/g,
    (_, errors: string) => `(function(a,b){for(var i=0;i<b.length;i++)a.push(b[i]);return a})(vErrors,${errors})`,
  );
}

const KIND_NAMES: Record<FileKind, string> = {
  odcs: 'ODCS',
  dcs: 'Data Contract Specification',
  odps: 'ODPS',
  pipeline: 'pipeline',
  config: 'configuration',
};

/**
 * Validity checks precompiled from exactly these schema entries (standalone Ajv code), each loaded
 * on first use. They only say valid or not: the errors of an invalid document come from the Ajv
 * compiled at run time.
 */
export type PrecompiledChecks = ReadonlyMap<SchemaEntry, (() => (data: unknown) => boolean) | undefined>;

/** Validates documents against the schema their kind and version select. Compiles lazily, once. */
export class SchemaValidator {
  // Made on first need (a document the precompiled check rejects): building them and adding every
  // schema costs tens of milliseconds, which a run of valid documents never needs.
  private ajv2019: Ajv2019 | undefined;
  private ajv07: Ajv | undefined;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly checks = new Map<SchemaEntry, ((data: unknown) => boolean) | null>();
  private readonly precompiled: PrecompiledChecks | undefined;

  /** `precompiled`: defaults to the bundled checks when `entries` are the bundled schemas. */
  constructor(
    private readonly entries: readonly SchemaEntry[],
    precompiled?: PrecompiledChecks,
  ) {
    this.precompiled = precompiled ?? (entries === BUILTIN_SCHEMAS ? BUILTIN_CHECKS : undefined);
  }

  /** The schema a document is validated with, if its kind has one for its declared version. */
  entryFor(kind: FileKind, value: unknown): SchemaEntry | undefined {
    const version = declaredVersion(kind, value);
    return this.entries.find(
      (e) =>
        e.target.appliesTo.kind === kind &&
        (!e.target.appliesTo.version || (version !== undefined && e.target.appliesTo.version.test(version))),
    );
  }

  validate(kind: FileKind, value: unknown): RawFinding[] {
    if (value === null || value === undefined) {
      // An empty configuration means "all defaults"; an empty contract is a mistake worth one clear line.
      return kind === 'config'
        ? []
        : [
            {
              rule: 'schema/required',
              message: `This ${KIND_NAMES[kind]} file is empty.`,
              at: { path: [], target: 'mapping' },
            },
          ];
    }
    const entry = this.entryFor(kind, value);
    if (!entry) return this.unsupportedVersion(kind, value);
    // Most documents are valid: the precompiled check says so without compiling the schema.
    if (this.check(entry)?.(value)) return [];
    const validate = this.compile(entry, entry.target.id);
    if (validate(value)) return [];
    const errors = dropTypeBesideConst(dropEvaluationEchoes(this.explain(entry, validate.errors ?? [], '')));
    // Each translation searches a "did you mean": only as many as a file may report (limits.ts).
    if (errors.length <= MAX_FINDINGS_PER_FILE) return toFindings(errors, kind, value);
    return [
      ...toFindings(errors.slice(0, MAX_FINDINGS_PER_FILE), kind, value),
      omittedFinding(errors.length - MAX_FINDINGS_PER_FILE),
    ];
  }

  /**
   * Compiles the full validator for the schema `value` would be validated with, unless done: the
   * first invalid document otherwise waits for it (0.5–1 s for ODCS). False when there was nothing to do.
   */
  prepare(kind: FileKind, value: unknown): boolean {
    const entry = value === null || value === undefined ? undefined : this.entryFor(kind, value);
    if (!entry || this.compiled.has(entry.target.id)) return false;
    this.compile(entry, entry.target.id);
    return true;
  }

  /** Whether `prepare` would have work to do. */
  needsPreparing(kind: FileKind, value: unknown): boolean {
    const entry = value === null || value === undefined ? undefined : this.entryFor(kind, value);
    return entry !== undefined && !this.compiled.has(entry.target.id);
  }

  private unsupportedVersion(kind: FileKind, value: unknown): RawFinding[] {
    const known = this.entries.filter((e) => e.target.appliesTo.kind === kind);
    if (!known.length) return [];
    if (!isRecord(value))
      return [
        {
          rule: 'schema/type',
          message: `Expected a mapping with the ${KIND_NAMES[kind]} keys, found ${describeRoot(value)}.`,
          at: { path: [], target: 'mapping' },
        },
      ];
    const version = declaredVersion(kind, value);
    const key = kind === 'dcs' ? 'dataContractSpecification' : 'apiVersion';
    const supported = supportedVersions(known);
    // One finding for the whole file: checking it by the rules of another version would bury this
    // under findings that are not mistakes in the version it follows.
    if (version === undefined) {
      return [
        {
          rule: 'schema/unsupported-version',
          message: `This ${KIND_NAMES[kind]} document declares no \`${key}\`, so Pactline cannot tell which version's rules apply; it validates ${supported}.`,
          at: { path: [], target: 'mapping' },
        },
      ];
    }
    return [
      {
        rule: 'schema/unsupported-version',
        message: `${KIND_NAMES[kind]} version \`${version}\` is not one Pactline validates; it validates ${supported}.`,
        at: { path: [key], target: 'value' },
      },
    ];
  }

  private check(entry: SchemaEntry): ((data: unknown) => boolean) | undefined {
    let fn = this.checks.get(entry);
    if (fn === undefined) {
      const load = this.precompiled?.get(entry);
      fn = load ? load() : null;
      this.checks.set(entry, fn);
    }
    return fn ?? undefined;
  }

  private ajvFor(entry: SchemaEntry): AnyAjv {
    if (entry.target.draft === 'draft-07') return (this.ajv07 ??= this.withSchemas(new Ajv(AJV_OPTIONS), 'draft-07'));
    return (this.ajv2019 ??= this.withSchemas(new Ajv2019(AJV_OPTIONS), entry.target.draft));
  }

  /** `ajv` with formats and every schema of its draft (one schema may `$ref` another by id). */
  private withSchemas<T extends AnyAjv>(ajv: T, draft: SchemaEntry['target']['draft']): T {
    addFormats(ajv);
    const mine = (entry: SchemaEntry) => (entry.target.draft === 'draft-07') === (draft === 'draft-07');
    for (const entry of this.entries) {
      if (!mine(entry)) continue;
      indexSchemaRoot(entry.schema);
      ajv.addSchema(entry.schema, entry.target.id);
    }
    return ajv;
  }

  private compile(entry: SchemaEntry, ref: string): ValidateFunction {
    let fn = this.compiled.get(ref);
    if (!fn) {
      const ajv = this.ajvFor(entry);
      fn = ref === entry.target.id ? ajv.getSchema(ref)! : ajv.compile({ $ref: ref });
      this.compiled.set(ref, fn);
    }
    return fn;
  }

  /**
   * Ajv reports the errors of every alternative of an `anyOf`/`oneOf`, then the failure of the
   * alternative itself. A person made one mistake: keep only the errors of the alternative that fits
   * best. The alternatives' errors are the contiguous run just before the `anyOf` error; its length
   * is the sum of the errors each alternative gives alone, which we need anyway to choose.
   */
  private explain(entry: SchemaEntry, errors: readonly ErrorObject[], prefix: string): ErrorObject[] {
    const out: ErrorObject[] = [];
    let i = errors.length - 1;
    while (i >= 0) {
      const error = errors[i];
      const isUnion =
        error.keyword === 'anyOf' ||
        (error.keyword === 'oneOf' && !(error.params as { passingSchemas?: unknown }).passingSchemas);
      if (!isUnion || !Array.isArray(error.schema)) {
        out.push(withPrefix(error, prefix));
        i--;
        continue;
      }
      // Ajv's schemaPath restarts inside a definition it compiled apart, so the alternatives are
      // addressed by where their schema object sits in the root.
      const at = pointerByNode.get(error.schema as object);
      const branches = (error.schema as unknown[]).map((_, index) => {
        const validate = this.compile(entry, `${entry.target.id}#${at ?? error.schemaPath.replace(/^#/, '')}/${index}`);
        validate(error.data);
        return validate.errors ? [...validate.errors] : [];
      });
      const consumed = branches.reduce((n, b) => n + b.length, 0);
      let start = i - consumed;
      if (start < 0 || errors.slice(start, i).some((e) => !e.instancePath.startsWith(error.instancePath))) {
        start = i;
        while (
          start > 0 &&
          errors[start - 1].instancePath.startsWith(error.instancePath) &&
          errors[start - 1].instancePath !== error.instancePath
        )
          start--;
      }
      out.push(...this.chooseBranch(entry, error, branches, prefix).reverse());
      i = start - 1;
    }
    return out.reverse();
  }

  private chooseBranch(
    entry: SchemaEntry,
    union: ErrorObject,
    branches: ErrorObject[][],
    prefix: string,
  ): ErrorObject[] {
    // A key of the data that one alternative defines and another forbids says which alternative
    // the author meant (`streaming: yes` is a streaming schedule with a wrong value, not a cron
    // schedule with an unknown key): an alternative that rejects such a key fits worse than any
    // wrong value inside the one that defines it.
    const alternatives = Array.isArray(union.schema) ? (union.schema as unknown[]) : [];
    const keysOf = alternatives.map((alt) => new Set(allowedKeys(alt, rootByParent.get(alt as object))));
    const scored = branches.map((errors, index) => {
      let score = branchScore(errors);
      for (const e of errors) {
        if (e.instancePath !== '' || (e.keyword !== 'additionalProperties' && e.keyword !== 'unevaluatedProperties'))
          continue;
        const key = String(
          (e.params as Record<string, unknown>).additionalProperty ??
            (e.params as Record<string, unknown>).unevaluatedProperty,
        );
        if (keysOf.some((keys, other) => other !== index && keys.has(key))) score += 600;
      }
      return { errors, index, score };
    });
    scored.sort((a, b) => a.score - b.score || a.index - b.index);
    const best = scored[0];
    const rootTypeErrors = branches.every((errs) =>
      errs.some(
        (e) => e.instancePath === '' && (e.keyword === 'type' || e.keyword === 'const' || e.keyword === 'enum'),
      ),
    );
    const base = prefix + union.instancePath;
    if (rootTypeErrors) {
      // No alternative has the right shape: say what shapes would do, once.
      const expected = [
        ...new Set(branches.flatMap((errs) => errs.filter((e) => e.instancePath === '').map(expectedShape))),
      ];
      return [
        { ...union, instancePath: base, keyword: 'type', params: { type: expected.join(' or ') }, message: 'union' },
      ];
    }
    const missingOneOf = onlyMissingKeys(branches);
    if (missingOneOf) {
      // Each alternative only lacks its own key (`mustBe` or `mustNotBe` or …): one mistake, and
      // the person needs to know every key that would do, not the first alternative's.
      return [
        {
          ...union,
          instancePath: base,
          keyword: 'required',
          params: { missingProperty: missingOneOf[0], missingOneOf },
          message: 'union',
        },
      ];
    }
    // The keys of the alternative that speaks count as evaluated: draft 2019's
    // unevaluatedProperties would otherwise call them unknown, since a failed union evaluates nothing.
    const marker: ErrorObject = {
      ...union,
      instancePath: base,
      keyword: EVALUATED,
      params: { keys: [...keysOf[best.index]] },
    };
    return [marker, ...this.explain(entry, best.errors, base)];
  }
}

/** Keyword of the marker `chooseBranch` leaves: these keys were evaluated by the alternative that speaks. */
const EVALUATED = 'pactline:evaluated';

/**
 * Draft 2019's `unevaluatedProperties` forgets every key that a failed subschema declared: when the
 * `then` of a discriminated branch fails (a postgres server's `port: "5432"`), or a union fails, every
 * other key of that branch is reported as unknown too. One mistake, one finding: a key is not unknown
 * when
 * - the failed `then`/`else` of an `if` that matched declares it (Ajv's `if` error says which);
 * - the alternative of a failed union that explains the mistake declares it (the EVALUATED marker);
 * - several alternatives of a `oneOf` matched (`mustBe` beside `mustNotBe`: `schema/exclusive`);
 * - the discriminator itself is missing or wrong (`type: postgress`): then no branch applies, and
 *   the one finding is on the discriminator, not on the keys of the branch it was meant to pick.
 * The `if` errors and markers are dropped afterwards: they are bookkeeping, not mistakes.
 */
function dropEvaluationEchoes(errors: ErrorObject[]): ErrorObject[] {
  // Per instance path, the key lists that cover it (not one entry per key: 40,000 invalid list items
  // made millions of them).
  const covered = new Map<string, (readonly string[])[]>();
  const coverKeys = (at: string, keys: readonly string[]) => {
    const lists = covered.get(at);
    if (!lists) covered.set(at, [keys]);
    else if (!lists.includes(keys)) lists.push(keys);
  };
  const cover = (at: string, schema: unknown) => coverKeys(at, allowedKeys(schema, rootByParent.get(schema as object)));
  const isCovered = (at: string, key: string) => covered.get(at)?.some((keys) => keys.includes(key)) ?? false;
  const wrongAt = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'if') {
      const failing = (e.params as { failingKeyword?: string }).failingKeyword;
      if (failing && isRecord(e.parentSchema)) cover(e.instancePath, e.parentSchema[failing]);
    } else if (e.keyword === EVALUATED) {
      coverKeys(e.instancePath, (e.params as { keys: string[] }).keys);
    } else if (
      e.keyword === 'oneOf' &&
      (e.params as { passingSchemas?: unknown }).passingSchemas &&
      Array.isArray(e.schema)
    ) {
      for (const alt of e.schema as unknown[]) cover(e.instancePath, alt);
    } else if (e.keyword === 'required') {
      wrongAt.add(`${e.instancePath}/${String((e.params as { missingProperty?: unknown }).missingProperty)}`);
    } else if (e.keyword === 'enum' || e.keyword === 'const' || e.keyword === 'type') {
      wrongAt.add(e.instancePath);
    }
  }
  for (const e of errors) {
    if (e.keyword !== 'unevaluatedProperties' || !isRecord(e.parentSchema)) continue;
    if (discriminators(e.parentSchema).some((key) => wrongAt.has(`${e.instancePath}/${escapePointer(key)}`)))
      cover(e.instancePath, e.parentSchema);
  }
  return errors.filter(
    (e) =>
      e.keyword !== 'if' &&
      e.keyword !== EVALUATED &&
      (e.keyword !== 'unevaluatedProperties' ||
        !isCovered(e.instancePath, String((e.params as { unevaluatedProperty?: unknown }).unevaluatedProperty))),
  );
}

/**
 * The `if`/`then` pairs that apply to the same object as `schema`: its own, and those of its
 * `allOf` members and `$ref`s, recursively (not inside `then`, `anyOf` or `oneOf`).
 */
function conditionals(
  schema: unknown,
  root = isRecord(schema) ? rootByParent.get(schema) : undefined,
  seen = new Set<unknown>(),
): Record<string, unknown>[] {
  if (!isRecord(schema) || seen.has(schema)) return [];
  seen.add(schema);
  const out: Record<string, unknown>[] = isRecord(schema.if) ? [schema] : [];
  if (Array.isArray(schema.allOf)) for (const member of schema.allOf) out.push(...conditionals(member, root, seen));
  if (typeof schema.$ref === 'string' && root)
    out.push(...conditionals(resolveLocalRef(root, schema.$ref), root, seen));
  return out;
}

/** The keys whose value picks a branch: those an `if` applying to the object tests. */
function discriminators(schema: Record<string, unknown>): string[] {
  let known = discriminatorsCache.get(schema);
  if (!known) discriminatorsCache.set(schema, (known = findDiscriminators(schema)));
  return known;
}
const discriminatorsCache = new WeakMap<object, string[]>();

function findDiscriminators(schema: Record<string, unknown>): string[] {
  const keys = new Set<string>();
  const conditions = conditionals(schema).map((c) => c.if);
  const visit = (condition: unknown): void => {
    if (!isRecord(condition)) return;
    if (isRecord(condition.properties)) for (const key of Object.keys(condition.properties)) keys.add(key);
    for (const k of ['anyOf', 'oneOf', 'allOf'])
      if (Array.isArray(condition[k])) (condition[k] as unknown[]).forEach(visit);
  };
  conditions.forEach(visit);
  return [...keys];
}

/**
 * When an alternative fails only for lacking a key, different for each (`mustBe`, `mustNotBe`, …),
 * those keys in order; otherwise undefined.
 */
function onlyMissingKeys(branches: readonly ErrorObject[][]): string[] | undefined {
  if (branches.length < 2) return undefined;
  const keys: string[] = [];
  for (const errs of branches) {
    const own = errs.filter((e) => e.keyword !== 'if');
    if (own.length !== 1 || own[0].keyword !== 'required' || own[0].instancePath !== '') return undefined;
    keys.push(String((own[0].params as { missingProperty: unknown }).missingProperty));
  }
  return new Set(keys).size === keys.length ? keys : undefined;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `type: boolean, const: true` on `yes` is one mistake: the `const` (the exact value expected) speaks. */
function dropTypeBesideConst(errors: ErrorObject[]): ErrorObject[] {
  const exact = new Set(errors.filter((e) => e.keyword === 'const' || e.keyword === 'enum').map((e) => e.instancePath));
  return exact.size
    ? errors.filter((e) => e.keyword !== 'type' || e.message === 'union' || !exact.has(e.instancePath))
    : errors;
}

/** "v3.0.0, v3.0.1, v3.0.2, v3.1.0 and v3.2.0", from the schemas of the kind. */
export function supportedVersions(entries: readonly SchemaEntry[]): string {
  const names = entries.flatMap((e) => (e.target.versions ?? '').split(', ').filter(Boolean));
  return names.length > 1
    ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
    : (names[0] ?? 'no version');
}

function withPrefix(error: ErrorObject, prefix: string): ErrorObject {
  return prefix ? { ...error, instancePath: prefix + error.instancePath } : error;
}

/** Lower is a better fit: shape mismatches at the alternative's root weigh most. */
function branchScore(errors: readonly ErrorObject[]): number {
  let score = errors.length;
  for (const e of errors) {
    const depth = e.instancePath.split('/').length - 1;
    if (e.instancePath === '' && e.keyword === 'type') score += 1000;
    else if ((e.keyword === 'const' || e.keyword === 'enum') && depth <= 1) score += 500;
    else if (e.keyword === 'required' && e.instancePath === '') score += 10;
    else if ((e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties') && e.instancePath === '')
      score += 5;
  }
  return score;
}

function expectedShape(error: ErrorObject): string {
  if (error.keyword === 'type') return article(String((error.params as { type: string }).type));
  if (error.keyword === 'const') return `\`${String((error.params as { allowedValue: unknown }).allowedValue)}\``;
  if (error.keyword === 'enum')
    return (error.params as { allowedValues: unknown[] }).allowedValues.map((v) => `\`${String(v)}\``).join(' or ');
  return 'another value';
}

// ---------------------------------------------------------------------------------------------
// Ajv errors → findings

export function pointerToPath(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => {
      const segment = s.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^\d+$/.test(segment) ? Number(segment) : segment;
    });
}

const CONTAINER_NOUNS: Record<string, string> = {
  schema: 'schema object',
  properties: 'property',
  fields: 'field',
  items: 'item',
  steps: 'step',
  inputs: 'input',
  outputs: 'output',
  servers: 'server',
  quality: 'quality rule',
  inputPorts: 'input port',
  outputPorts: 'output port',
  managementPorts: 'management port',
  team: 'team member',
  members: 'team member',
  roles: 'role',
  support: 'support channel',
  slaProperties: 'SLA property',
  relationships: 'relationship',
  authoritativeDefinitions: 'authoritative definition',
  customProperties: 'custom property',
  models: 'model',
  definitions: 'definition',
  price: 'price',
  tags: 'tag',
};

const ROOT_NAMES: Record<FileKind, string> = {
  odcs: 'the contract',
  dcs: 'the contract',
  odps: 'the data product',
  pipeline: 'the pipeline',
  config: 'the configuration',
};

/** "property `amount`", "schema object `orders`", "`description`", "the contract". */
export function describePlace(kind: FileKind, root: unknown, path: readonly PathSegment[]): string {
  if (!path.length) return ROOT_NAMES[kind];
  const last = path[path.length - 1];
  const node = valueAt(root, path);
  if (typeof last === 'number') {
    const container = String(path[path.length - 2] ?? '');
    const noun = CONTAINER_NOUNS[container] ?? `item of \`${container}\``;
    const name = isRecord(node)
      ? firstString(node, ['name', 'id', 'property', 'server', 'username', 'channel', 'contract'])
      : undefined;
    return name
      ? `${noun} \`${name}\``
      : `${noun} ${last + 1}${CONTAINER_NOUNS[container] ? ` of \`${container}\`` : ''}`;
  }
  const parent = path[path.length - 2];
  // Keyed collections (DCS models and fields are mappings of name → definition).
  if (
    typeof parent === 'string' &&
    (parent === 'models' || parent === 'fields' || parent === 'definitions' || parent === 'servers')
  ) {
    return `${CONTAINER_NOUNS[parent]} \`${last}\``;
  }
  return `\`${last}\``;
}

function firstString(node: Record<string, unknown>, keys: string[]): string | undefined {
  for (const key of keys) if (typeof node[key] === 'string' && node[key]) return node[key] as string;
  return undefined;
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    integer: 'an integer',
    number: 'a number',
    boolean: 'true or false',
    null: 'nothing (null)',
  };
  return type
    .split(',')
    .map((t) => names[t.trim()] ?? t.trim())
    .join(' or ');
}

/**
 * A whole document that is not a mapping, by its type only: such a file is not a recognised
 * document, so its content is never quoted (a `pactline.yaml` linked to a credentials file).
 */
export function describeRoot(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (an empty document)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'a string (its text is not shown)';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return describe(value);
}

export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string "${truncate(value)}"`;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isInteger(value) ? `the number ${value}` : `the number ${value}`;
  return String(value);
}

function truncate(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine;
}

/** Keys a schema allows at an object, for "did you mean" (following local $refs and if/then). */
function allowedKeys(schema: unknown, root: JsonSchema | undefined, seen?: Set<unknown>): string[] {
  if (seen || !isRecord(schema)) return collectKeys(schema, root, seen ?? new Set());
  // Asked once per error: 40,000 invalid list items walked the same schema 40,000 times.
  const known = allowedKeysCache.get(schema);
  if (known && known.root === root) return known.keys;
  const keys = collectKeys(schema, root, new Set());
  allowedKeysCache.set(schema, { root, keys });
  return keys;
}
const allowedKeysCache = new WeakMap<object, { root: JsonSchema | undefined; keys: string[] }>();

function collectKeys(schema: unknown, root: JsonSchema | undefined, seen: Set<unknown>): string[] {
  if (!isRecord(schema) || seen.has(schema)) return [];
  seen.add(schema);
  const keys = isRecord(schema.properties) ? Object.keys(schema.properties) : [];
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    if (Array.isArray(schema[key]))
      for (const sub of schema[key] as unknown[]) keys.push(...allowedKeys(sub, root, seen));
  }
  for (const key of ['then', 'else']) keys.push(...allowedKeys(schema[key], root, seen));
  if (typeof schema.$ref === 'string' && root)
    keys.push(...allowedKeys(resolveLocalRef(root, schema.$ref), root, seen));
  return [...new Set(keys)];
}

function resolveLocalRef(root: JsonSchema, ref: string): unknown {
  const hash = ref.indexOf('#');
  if (hash < 0) return undefined;
  return valueAt(root, pointerToPath(ref.slice(hash + 1)));
}

const FORMAT_EXAMPLES: Record<string, string> = {
  'date-time': 'a date and time such as `2024-05-31T14:30:00Z`',
  date: 'a date such as `2024-05-31`',
  time: 'a time such as `14:30:00Z`',
  email: 'an e-mail address',
  uri: 'an absolute URI such as `https://example.com/docs`',
  'uri-reference': 'a URI or relative reference',
  'uri-template': 'a URI such as `s3://bucket/{model}/*.json` (placeholders in braces allowed)',
  uuid: 'a UUID',
  hostname: 'a host name',
  duration: 'an ISO 8601 duration such as `P1D`',
  ipv4: 'an IPv4 address',
  regex: 'a regular expression',
};

function toFindings(errors: readonly ErrorObject[], kind: FileKind, value: unknown): RawFinding[] {
  const findings: RawFinding[] = [];
  const unknownKeys: { path: string; key: string; suggestion?: string }[] = [];
  const rootSchemaOf = (e: ErrorObject) => rootOf(e);
  for (const error of errors) {
    const path = pointerToPath(error.instancePath);
    const place = describePlace(kind, value, path);
    const params = error.params as Record<string, unknown>;
    const key = path[path.length - 1];
    const keyName = typeof key === 'string' ? `\`${key}\`` : 'this value';
    switch (error.keyword) {
      case 'additionalProperties':
      case 'unevaluatedProperties': {
        const unknown = String(params.additionalProperty ?? params.unevaluatedProperty);
        const here = valueAt(value, path);
        // Keys already present are no typo's target.
        const candidates = allowedKeys(error.parentSchema, rootSchemaOf(error)).filter(
          (k) => !isRecord(here) || here[k] === undefined,
        );
        const elsewhere = branchConditions(error.parentSchema, unknown);
        const suggestion = elsewhere ? undefined : closest(unknown, candidates);
        unknownKeys.push({ path: error.instancePath, key: unknown, suggestion });
        findings.push({
          rule: 'schema/unknown-key',
          message: elsewhere
            ? // A key of another branch is no typo: say which discriminator value would allow it.
              `Key \`${unknown}\` is not allowed in ${place} unless ${elsewhere}.`
            : `Unknown key \`${unknown}\` in ${place}.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
          at: { path: [...path, unknown], target: 'key' },
          data: suggestion ? { suggestion } : undefined,
        });
        break;
      }
      case 'false schema':
        findings.push({
          rule: 'schema/unknown-key',
          message: `${keyName} is not allowed in ${describePlace(kind, value, path.slice(0, -1))}.`,
          at: { path, target: 'key' },
        });
        break;
      case 'required':
      case 'dependentRequired':
      case 'dependencies': {
        const missing = String(params.missingProperty);
        if (Array.isArray(params.missingOneOf)) {
          const keys = (params.missingOneOf as string[]).map((k) => `\`${k}\``);
          findings.push({
            rule: 'schema/required',
            message: `Missing one of the keys ${keys.slice(0, -1).join(', ')} or ${keys[keys.length - 1]} in ${place}.`,
            at: { path, target: 'mapping' },
            data: { suggestion: missing, alternatives: params.missingOneOf as string[] },
          });
          break;
        }
        const because = error.keyword === 'required' ? '' : ` (needed together with \`${String(params.property)}\`)`;
        findings.push({
          rule: 'schema/required',
          message: `Missing required key \`${missing}\` in ${place}${because}.`,
          at: { path, target: 'mapping' },
          data: { suggestion: missing },
        });
        break;
      }
      case 'type': {
        const expected = error.message === 'union' ? String(params.type) : article(String(params.type));
        findings.push({
          rule: 'schema/type',
          message: `Expected ${expected} for ${keyName === 'this value' ? place : keyName}, found ${path.length ? describe(valueAt(value, path)) : describeRoot(value)}.`,
          at: { path, target: 'value' },
        });
        break;
      }
      case 'enum': {
        const allowed = (params.allowedValues as unknown[]).map(String);
        const actual = valueAt(value, path);
        const suggestion = typeof actual === 'string' ? closest(actual, allowed) : undefined;
        const list =
          allowed.length > 15
            ? `${allowed.slice(0, 15).join(', ')} and ${allowed.length - 15} more`
            : allowed.join(', ');
        findings.push({
          rule: 'schema/enum',
          message: `\`${truncate(String(actual))}\` is not a valid ${typeof key === 'string' ? `\`${key}\`` : 'value'}. Expected one of: ${list}.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
          at: { path, target: 'value' },
          data: suggestion ? { suggestion } : undefined,
        });
        break;
      }
      case 'const':
        findings.push({
          rule: 'schema/const',
          message: `Expected \`${String(params.allowedValue)}\` for ${keyName}, found ${describe(valueAt(value, path))}.`,
          at: { path, target: 'value' },
          data: { suggestion: String(params.allowedValue) },
        });
        break;
      case 'format': {
        const format = String(params.format);
        const actual = valueAt(value, path);
        const placeholder =
          format === 'uri' && typeof actual === 'string' ? /\{[A-Za-z_][\w.-]*\}/.exec(actual)?.[0] : undefined;
        const why = placeholder
          ? `: \`${placeholder}\` is a template placeholder, which ${keyName} does not take; write the actual address`
          : '';
        findings.push({
          rule: 'schema/format',
          message: `${describe(actual).replace(/^the string /, '')} is not ${FORMAT_EXAMPLES[format] ?? `in the \`${format}\` format`}${why}.`,
          at: { path, target: 'value' },
        });
        break;
      }
      case 'pattern': {
        const what =
          typeof key === 'number' && typeof path[path.length - 2] === 'string'
            ? `item ${key + 1} of \`${String(path[path.length - 2])}\``
            : keyName;
        findings.push({
          rule: 'schema/pattern',
          message: patternMessage(
            describe(valueAt(value, path)).replace(/^the string /, ''),
            what,
            String(params.pattern),
            error.parentSchema,
          ),
          at: { path, target: 'value' },
        });
        break;
      }
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        const bound = {
          minimum: 'at least',
          maximum: 'at most',
          exclusiveMinimum: 'more than',
          exclusiveMaximum: 'less than',
        }[error.keyword];
        findings.push({
          rule: 'schema/range',
          message: `${keyName === 'this value' ? 'The value' : keyName} must be ${bound} ${String(params.limit)}, found ${String(valueAt(value, path))}.`,
          at: { path, target: 'value' },
        });
        break;
      }
      case 'minLength':
      case 'maxLength':
      case 'minItems':
      case 'maxItems':
      case 'minProperties':
      case 'maxProperties': {
        const unit = error.keyword.endsWith('Length') ? 'character' : error.keyword.endsWith('Items') ? 'item' : 'key';
        const bound = error.keyword.startsWith('min') ? 'at least' : 'at most';
        const limit = Number(params.limit);
        findings.push({
          rule: 'schema/size',
          message: `${keyName === 'this value' ? place[0].toUpperCase() + place.slice(1) : keyName} must have ${bound} ${limit} ${unit}${limit === 1 ? '' : 's'}.`,
          at: { path, target: 'value' },
        });
        break;
      }
      case 'uniqueItems': {
        const j = Number(params.j);
        const i = Number(params.i);
        findings.push({
          rule: 'schema/unique-items',
          message: `Item ${Math.max(i, j) + 1} of ${keyName} repeats item ${Math.min(i, j) + 1}; the values must be distinct.`,
          at: { path: [...path, Math.max(i, j)], target: 'value' },
        });
        break;
      }
      case 'oneOf': {
        const keys = exclusiveKeys(error);
        findings.push({
          rule: 'schema/exclusive',
          message: keys
            ? `${capitalise(place)} has ${keys.length === 2 ? 'both ' : ''}${keys
                .map((k) => `\`${k}\``)
                .join(keys.length > 2 ? ', ' : ' and ')
                .replace(/, ([^,]*)$/, ' and $1')}; only one of them is allowed.`
            : `${capitalise(place)} matches more than one of the allowed alternatives; it must match exactly one.`,
          at: { path, target: 'value' },
        });
        break;
      }
      case 'not':
        findings.push({
          rule: 'schema/exclusive',
          message: `This combination of keys is not allowed in ${place}.`,
          at: { path, target: 'value' },
        });
        break;
      default:
        findings.push({
          rule: 'schema/type',
          message: `${place[0].toUpperCase() + place.slice(1)}: ${error.message ?? 'invalid value'}.`,
          at: { path, target: 'value' },
        });
    }
  }
  return dedupe(mergeMisspelledRequired(findings, unknownKeys));
}

/**
 * "`type` is `library` or `sql`": the conditions under which a conditional branch of `schema`
 * (`if`/`then` in it or its `allOf`) allows `key`; undefined when no branch declares it or a
 * condition is not a plain value test.
 */
function branchConditions(schema: unknown, key: string): string | undefined {
  if (!isRecord(schema)) return undefined;
  const root = rootByParent.get(schema);
  const values = new Map<string, string[]>();
  for (const c of conditionals(schema)) {
    if (!allowedKeys(c.then, root).includes(key)) continue;
    const tested = valueTests(c.if);
    if (!tested.length) return undefined;
    for (const [k, vs] of tested) values.set(k, [...new Set([...(values.get(k) ?? []), ...vs])]);
  }
  if (!values.size) return undefined;
  return [...values].map(([k, vs]) => `\`${k}\` is ${alternatives(vs)}`).join(', or ');
}

/** "`a`", "`a` or `b`", "`a`, `b` or `c`"; a long list as "one of the 19 values that allow it (`a`, `b`, `c`, …)". */
function alternatives(values: readonly string[]): string {
  const quoted = values.map((v) => `\`${v}\``);
  if (quoted.length > 5)
    return `one of the ${quoted.length} values that allow it (${quoted.slice(0, 3).join(', ')}, …)`;
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** The `key: value` tests of an `if` (`const`/`enum` on a property), following `anyOf` alternatives. */
function valueTests(condition: unknown): [string, string[]][] {
  if (!isRecord(condition)) return [];
  const out: [string, string[]][] = [];
  if (isRecord(condition.properties)) {
    for (const [k, test] of Object.entries(condition.properties)) {
      if (!isRecord(test)) continue;
      if (test.const !== undefined) out.push([k, [String(test.const)]]);
      else if (Array.isArray(test.enum)) out.push([k, test.enum.map(String)]);
    }
  }
  if (Array.isArray(condition.anyOf)) for (const alt of condition.anyOf) out.push(...valueTests(alt));
  return out;
}

/** The keys that made several alternatives of a `oneOf` match, when each alternative is "has key X". */
function exclusiveKeys(error: ErrorObject): string[] | undefined {
  const passing = (error.params as { passingSchemas?: unknown }).passingSchemas;
  if (!Array.isArray(passing) || !Array.isArray(error.schema)) return undefined;
  const keys: string[] = [];
  for (const index of passing) {
    const alt = (error.schema as unknown[])[Number(index)];
    if (!isRecord(alt) || !Array.isArray(alt.required) || alt.required.length !== 1) return undefined;
    keys.push(String(alt.required[0]));
  }
  return keys.length >= 2 ? keys : undefined;
}

function capitalise(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}

function rootOf(error: ErrorObject): JsonSchema | undefined {
  // Ajv keeps no pointer from an error to its root schema; parentSchema's $refs are local to
  // the schema the validator was built from, which `attachRoot` records at compile time.
  return rootByParent.get(error.parentSchema as object);
}
const rootByParent = new WeakMap<object, JsonSchema>();
/** Where each schema node sits in its root, as a JSON pointer ('' for the root). */
const pointerByNode = new WeakMap<object, string>();
/** The schema node holding each node (an `items` schema → its array schema). */
const parentByNode = new WeakMap<object, object>();

/** Makes "did you mean" follow local $refs inside a schema, and lets errors find their schema's place. */
export function indexSchemaRoot(root: JsonSchema): void {
  const visit = (node: unknown, pointer: string, parent: object | undefined): void => {
    if (typeof node !== 'object' || node === null || pointerByNode.has(node)) return;
    if (!Array.isArray(node)) rootByParent.set(node, root);
    pointerByNode.set(node, pointer);
    if (parent) parentByNode.set(node, parent);
    for (const [key, child] of Object.entries(node)) visit(child, `${pointer}/${escapePointer(key)}`, node);
  };
  visit(root, '', undefined);
}

/** `nme:` instead of `name:` is one mistake: keep the unknown key (with its suggestion), drop "missing name". */
function mergeMisspelledRequired(
  findings: RawFinding[],
  unknownKeys: { path: string; key: string; suggestion?: string }[],
): RawFinding[] {
  return findings.filter((f) => {
    if (f.rule !== 'schema/required' || !('path' in f.at)) return true;
    const at = '/' + f.at.path.map(String).join('/');
    const pointer = at === '/' ? '' : at;
    const wanted = [f.data?.suggestion, ...(f.data?.alternatives ?? [])];
    return !unknownKeys.some((u) => u.path === pointer && u.suggestion !== undefined && wanted.includes(u.suggestion));
  });
}

function dedupe(findings: RawFinding[]): RawFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}|${f.message}|${JSON.stringify(f.at)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Longest pattern printed as such: a longer regex says nothing to a person reading a finding. */
const MAX_PRINTED_PATTERN = 40;
/** Longest schema description quoted whole; a longer one is cut after its first sentence. */
const MAX_QUOTED_DESCRIPTION = 200;

/**
 * "`x` does not have the form required for `to`: the referenced property, e.g. `customers.id`…".
 * The schema's own words (its description, or an example) say what is expected; the regex itself
 * only when it is short and nothing else does.
 */
function patternMessage(actual: string, keyName: string, pattern: string, schema: unknown): string {
  const description = describedBy(schema);
  const hint = description ? quoteDescription(description) : undefined;
  const example = exampleOf(schema);
  if (hint && (/\be\.g\.|`/.test(hint) || pattern.length > MAX_PRINTED_PATTERN))
    return `${actual} does not have the form required for ${keyName}: ${hint}`;
  if (pattern.length <= MAX_PRINTED_PATTERN)
    return `${actual} does not match the pattern \`${pattern}\` required for ${keyName}.${example ? ` For example: \`${example}\`.` : ''}`;
  return `${actual} does not have the form required for ${keyName}${example ? `, for example \`${example}\`` : ''}.`;
}

/** The description of a schema, or of the array schema whose `items` it is. */
function describedBy(schema: unknown): string | undefined {
  if (!isRecord(schema)) return undefined;
  if (typeof schema.description === 'string' && schema.description.trim()) return schema.description;
  const parent = parentByNode.get(schema);
  return isRecord(parent) && parent.items === schema && typeof parent.description === 'string'
    ? parent.description
    : undefined;
}

function exampleOf(schema: unknown): string | undefined {
  if (!isRecord(schema)) return undefined;
  const parent = parentByNode.get(schema);
  for (const s of [schema, isRecord(parent) && parent.items === schema ? parent : undefined]) {
    if (isRecord(s) && Array.isArray(s.examples) && typeof s.examples[0] === 'string') return s.examples[0];
  }
  return undefined;
}

/** A description as the end of a sentence: whole when short, else its first sentence; lower-cased start. */
function quoteDescription(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const quoted = flat.length <= MAX_QUOTED_DESCRIPTION ? flat : firstSentence(flat);
  const lowered = /^[A-Z][a-z]/.test(quoted) ? quoted[0].toLowerCase() + quoted.slice(1) : quoted;
  return /[.!?]$/.test(lowered) ? lowered : lowered + '.';
}

/** Up to the first full stop that ends a sentence: not the one of "e.g." or "i.e.", nor one inside `code`. */
function firstSentence(flat: string): string {
  let inCode = false;
  for (let i = 0; i < flat.length; i++) {
    if (flat[i] === '`') inCode = !inCode;
    if (inCode || flat[i] !== '.' || (i + 1 < flat.length && flat[i + 1] !== ' ')) continue;
    if (/\b(e\.g|i\.e|etc|vs)$/i.test(flat.slice(Math.max(0, i - 4), i))) continue;
    return flat.slice(0, i + 1);
  }
  return flat;
}
