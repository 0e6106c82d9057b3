// The contract model: what one parsed document declares, read once (read.ts) and shared by the
// workspace index, the breaking-change rules and the lineage graph. Every value carries the DATA
// PATH it came from, so a finding can point at it (`rangeOf` in locate.ts).
//
// Two views of a contract's properties live side by side: `properties` (flat, dotted names, what
// references resolve against: the index's view) and `tree` (nested, with array elements and map
// parts, DCS `$ref`s merged: what compatibility is judged on).
import type { PathSegment } from '../locate';
import type { FileKind } from '../types';

/** A data path into one file. */
export type DataPath = readonly PathSegment[];

/** A string found in a file, with the data path of that string. */
export interface ReferenceFact {
  value: string;
  path: DataPath;
}

/** A value exactly as written (any YAML type), and where. */
export interface Located {
  value: unknown;
  path: DataPath;
}

/** A quality check (ODCS `quality[]` entry, DCS check): its mapping is an opaque payload, compared by meaning. */
export interface QualityCheckModel {
  check: Readonly<Record<string, unknown>>;
  path: DataPath;
}

/** A property (column, field) of a schema object, nested ones included: the flat, dotted view. */
export interface PropertyFact {
  /**
   * Dotted path from the schema object: `customer_id`, `address.city`. The `items` of an array
   * are transparent: the properties of `lines: { items: { properties: [sku] } }` are `lines.sku`.
   */
  name: string;
  /** The property's own name, the last segment of `name`. */
  leaf: string;
  /** The dotted name of the enclosing property; undefined at the top level. */
  parent?: string;
  /** ODCS `id` of the property (used by fully qualified references). */
  id?: string;
  /** ODCS `logicalType`, DCS `type`, as written on the property itself. */
  logicalType?: string;
  /** ODCS `physicalName` (an SLA `element` may name a column by it). */
  physicalName?: string;
  /** Data path of the property's mapping (`['schema', 0, 'properties', 2]`). */
  path: DataPath;
  /** ODCS `physicalType`, as text. */
  physicalType?: string;
  classification?: string;
  tags?: readonly string[];
  /** DCS `pii: true`. */
  pii?: boolean;
  description?: string;
  /** ODCS `transformSourceObjects` (texts, each with its path), when the property lists them. */
  transformSources?: readonly ReferenceFact[];
  /** DCS `lineage` of the field. */
  lineage?: FieldLineage;
}

/** A DCS field's `lineage`: the fields it is computed from. */
export interface FieldLineage {
  /** The legacy `transformationType`, upper-cased. */
  transformationType?: string;
  inputFields: readonly LineageInputField[];
}

export interface LineageInputField {
  name: string;
  namespace?: string;
  field?: string;
  transformations: readonly { type: string; subtype?: string; masking?: boolean }[];
  /** Data path of the input's mapping (`[..., 'lineage', 'inputFields', k]`). */
  path: DataPath;
}

/**
 * A node of the property tree: a property, or the element of an array (`name` ends in `[]`), or a
 * part of a map (`[key]`, `[value]`). Children are the property's own (ODCS `properties`, DCS
 * `fields`); the element's children stay on `items`. DCS fields are read with their local `$ref`
 * merged in (the field's own keys win), so a node may come from `definitions`.
 */
export interface PropertyNode {
  name: string;
  /** ODCS stable `id`. */
  id?: string;
  /** ODCS: data path of its `name` value (DCS names are keys). */
  namePath?: DataPath;
  path: DataPath;
  /**
   * The compatibility-relevant attributes as written, each with its value's path: `type` (ODCS
   * `logicalType`, DCS `type`), `physicalType`, `required`, `unique`, `primaryKey`, positions,
   * `classification`, `pii`, the constraints (ODCS `logicalTypeOptions` flattened, `required` of
   * an object's options read as `requiredProperties`), `enum` (values), DCS `config.*Type` as
   * `physicalType:<key>`, DCS precision and scale as a `decimal(p,s)` physical type.
   */
  readonly attributes: ReadonlyMap<string, Located>;
  children: readonly PropertyNode[];
  /** Where the children are listed, when they are. */
  childrenPath?: DataPath;
  items?: PropertyNode;
  mapKey?: PropertyNode;
  mapValue?: PropertyNode;
  quality: readonly QualityCheckModel[];
  /** DCS: the field's `$ref`, and whether it resolves to a local definition. */
  ref?: { value: string; resolved: boolean; path: DataPath };
}

/** A schema object (ODCS) or model (DCS): a table, topic or file. */
export interface SchemaObjectFact {
  name: string;
  /** ODCS: data path of its `name` value. */
  namePath?: DataPath;
  /** ODCS `id` of the schema object (used by fully qualified references). */
  id?: string;
  /** `physicalName` (an SLA `element` may name a table by it). */
  physicalName?: string;
  /** Data path of the schema object's mapping. */
  path: DataPath;
  /** Every property in document order, parents before their children. */
  properties: readonly PropertyFact[];
  /** The same properties by dotted name. */
  byName: ReadonlyMap<string, PropertyFact>;
  /** The property tree (see PropertyNode). */
  tree: readonly PropertyNode[];
  /** Where the properties are listed (ODCS `properties`, DCS `fields`), when they are. */
  propertiesPath?: DataPath;
  quality: readonly QualityCheckModel[];
  /** DCS model `primaryKey` (names), when the model declares its key as a list. */
  primaryKey?: { names: readonly string[]; path: DataPath };
  description?: string;
  tags?: readonly string[];
  /** Declared a source (a tag `source`/`raw`, a custom property `source: true`). */
  source: boolean;
}

/**
 * An ODCS relationship (foreign key). `from`/`to` are shorthand (`table.column`) or fully
 * qualified (`[file.yaml#]/schema/<id>/properties/<id>`) references, one per column.
 */
export interface RelationshipFact {
  level: 'schema' | 'property';
  /** The schema object the relationship is declared in. */
  schemaObject: string;
  /** For a property-level relationship, the (dotted) property it belongs to: its implicit `from`. */
  property?: string;
  /** Data path of the relationship's mapping. */
  path: DataPath;
  from: readonly ReferenceFact[];
  to: readonly ReferenceFact[];
}

/** An ODCS `slaProperties[]` entry, as written. */
export interface OdcsSlaEntry {
  property?: string;
  value: unknown;
  unit?: string;
  /** The entry's own `element`, as text. */
  element?: string;
  /** Data path of the entry's `value`. */
  path: DataPath;
}

/** A DCS `servicelevels.<name>` block. */
export interface DcsServiceLevel {
  name: string;
  /** Its `threshold`, `interval`, `period` or `percentage`, those present (values as written). */
  amounts: Partial<Record<'threshold' | 'interval' | 'period' | 'percentage', unknown>>;
  /** `retention: { unlimited: true }`. */
  unlimited: boolean;
  /** The timestamp field it is measured on (`timestampField`, `processedTimestampField`, `sourceTimestampField`). */
  element?: string;
  path: DataPath;
}

/** A server (ODCS `servers[]` entry with a `server` name, DCS `servers.<name>`): where consumers get the data. */
export interface ServerModel {
  name: string;
  path: DataPath;
  /** Data path of the server's name (ODCS `server` value; DCS: the key). */
  namePath: DataPath;
  nameTarget: 'key' | 'value';
  /** Its scalar keys (`type`, `host`, `topic`...), as text. */
  values: ReadonlyMap<string, { value: string; path: DataPath }>;
}

export interface ContractFact {
  file: string;
  format: 'odcs' | 'dcs';
  /** The contract's `id`; undefined when the file declares none (or not as text). */
  id?: string;
  idPath: DataPath;
  version?: string;
  versionPath: DataPath;
  status?: string;
  statusPath: DataPath;
  /** ODCS `name`, DCS `info.title`. */
  name?: string;
  owner?: string;
  description?: string;
  tags?: readonly string[];
  /** Declared a source as a whole. */
  source: boolean;
  /** The compatibility the contract declares for itself, when it does. */
  compatibility?: string;
  schemaObjects: readonly SchemaObjectFact[];
  servers: readonly ServerModel[];
  relationships: readonly RelationshipFact[];
  /** ODCS SLA `element`s and `slaDefaultElement`, as written (several may be comma-separated). */
  slaElements: readonly ReferenceFact[];
  /** ODCS `slaDefaultElement`, as text. */
  slaDefaultElement?: string;
  /** ODCS `slaProperties`. */
  sla: readonly OdcsSlaEntry[];
  /** DCS `servicelevels`. */
  serviceLevels: readonly DcsServiceLevel[];
  /** DCS: a contract-wide `quality` block (0.9: `{ type: SodaCL, specification }`), or checks as a list. */
  quality: { block: Located & { value: Readonly<Record<string, unknown>> } } | { checks: readonly QualityCheckModel[] };
  /** DCS `$ref`s inside the file (`#/definitions/order_id`) that name nothing in it. */
  danglingRefs: readonly ReferenceFact[];
  /** DCS `definitions` names, for "did you mean". */
  definitions: readonly string[];
}

/** An ODPS input or output port. */
export interface PortFact {
  direction: 'input' | 'output';
  name?: string;
  version?: string;
  /** The port's `contractId`. */
  contractId?: ReferenceFact;
  /** An output port's `inputContracts[].id`: the contracts it is derived from. */
  inputContracts: readonly ReferenceFact[];
  path: DataPath;
}

export interface ProductFact {
  file: string;
  id?: string;
  idPath: DataPath;
  ports: readonly PortFact[];
  name?: string;
  owner?: string;
  version?: string;
  status?: string;
  description?: string;
  tags?: readonly string[];
}

/** A pipeline step's input or output: a schema object of a contract. */
export interface DatasetRefFact {
  contract?: ReferenceFact;
  schema?: ReferenceFact;
  /** The input's `as`, as written. */
  as?: string;
  /** Data path of the input's/output's mapping. */
  path: DataPath;
}

/** One entry of an output's `columns`: the output column and where it comes from. */
export interface ColumnMappingFact {
  column: string;
  /** Data path of the entry (`[..., 'columns', column]`): its key is the output column. */
  path: DataPath;
  /** `alias.column` sources, each with the path of its string (the value, or a list item). */
  sources: readonly ReferenceFact[];
}

export interface StepOutputFact extends DatasetRefFact {
  deadLetter: boolean;
  columns: readonly ColumnMappingFact[];
}

export interface StepFact {
  /** The step's `id`; `#<n>` (1-based) when it has none. */
  id: string;
  /** Whether the step writes an `id` (else `id` is its position). */
  hasId: boolean;
  index: number;
  path: DataPath;
  inputs: readonly DatasetRefFact[];
  outputs: readonly StepOutputFact[];
  name?: string;
  description?: string;
  runtime?: string;
}

export interface ScheduleModel {
  cron?: string;
  timezone?: string;
  streaming?: boolean;
  maxLatency?: string;
  /** Data path of `schedule`. */
  path: DataPath;
}

export interface PipelineFact {
  file: string;
  id?: string;
  idPath: DataPath;
  steps: readonly StepFact[];
  name?: string;
  owner?: string;
  version?: string;
  description?: string;
  tags?: readonly string[];
  schedule?: ScheduleModel;
}

/** What one file declares and references (its model). At most one of contract/product/pipeline is set. */
export interface FileFacts {
  path: string;
  kind: FileKind;
  contract?: ContractFact;
  product?: ProductFact;
  pipeline?: PipelineFact;
}
