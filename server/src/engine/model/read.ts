// The one reader of parsed contracts, products and pipelines: a document's value → its model
// (types.ts), built once per parsed document and kept with it. The workspace index, the
// breaking-change rules and the lineage graph all derive from this model; none of them reads the
// YAML value itself (test/architecture/model.test.ts keeps it so).
//
// Pure: from a parsed document's value to plain data; never throws on user input.
import type { ParsedDocument } from '../document';
import type {
  ColumnMappingFact,
  ContractFact,
  DataPath,
  DatasetRefFact,
  DcsServiceLevel,
  FieldLineage,
  FileFacts,
  Located,
  OdcsSlaEntry,
  PipelineFact,
  PortFact,
  ProductFact,
  PropertyFact,
  PropertyNode,
  QualityCheckModel,
  ReferenceFact,
  RelationshipFact,
  SchemaObjectFact,
  ServerModel,
  StepFact,
  StepOutputFact,
} from './types';
import { isRecord, record, records, tagsOf, text } from './values';

const models = new WeakMap<ParsedDocument, FileFacts | null>();
let built = 0;

/**
 * The model of a parsed document; undefined for files that declare nothing a model holds (unknown
 * kind, configuration, several YAML documents, no mapping). Built on first use, then the same
 * object for as long as the parsed document lives.
 */
export function documentModel(doc: ParsedDocument): FileFacts | undefined {
  let model = models.get(doc);
  if (model === undefined) {
    built++;
    model = readModel(doc) ?? null;
    models.set(doc, model);
  }
  return model ?? undefined;
}

/** How many models have been built since the process started (each parse is read at most once). */
export function modelsBuilt(): number {
  return built;
}

/** The id a contract declares, read alone (cheap: for choosing files, before anything is modelled). */
export function declaredContractId(doc: ParsedDocument): string | undefined {
  if ((doc.kind !== 'odcs' && doc.kind !== 'dcs') || doc.multiDocument || !isRecord(doc.value)) return undefined;
  return text(doc.value.id);
}

/** Whether a document has no value at all (a YAML syntax error, an empty or refused file). */
export function hasNoValue(doc: ParsedDocument): boolean {
  return doc.value === undefined;
}

function readModel(doc: ParsedDocument): FileFacts | undefined {
  const { kind, value } = doc;
  if (!kind || kind === 'config' || doc.multiDocument || !isRecord(value)) return undefined;
  const facts: FileFacts = { path: doc.path, kind };
  if (kind === 'odcs') facts.contract = odcsContract(doc.path, value);
  else if (kind === 'dcs') facts.contract = dcsContract(doc.path, value);
  else if (kind === 'odps') facts.product = odpsProduct(doc.path, value);
  else if (kind === 'pipeline') facts.pipeline = pipelineModel(doc.path, value);
  return facts;
}

// ---- shared -------------------------------------------------------------------------------------

function ref(value: unknown, path: DataPath): ReferenceFact | undefined {
  const t = text(value);
  return t === undefined ? undefined : { value: t, path };
}

/** A string, or each string of a list, with its path. */
function refs(value: unknown, path: DataPath): ReferenceFact[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => ref(item, [...path, i]) ?? []);
  const one = ref(value, path);
  return one ? [one] : [];
}

function scalar(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

function servers(value: Record<string, unknown>, format: 'odcs' | 'dcs'): ServerModel[] {
  const out: ServerModel[] = [];
  const read = (
    server: Record<string, unknown>,
    name: string,
    path: DataPath,
    namePath: DataPath,
    nameTarget: ServerModel['nameTarget'],
  ) => {
    const values = new Map<string, { value: string; path: DataPath }>();
    for (const [key, v] of Object.entries(server)) {
      const s = scalar(v);
      if (s !== undefined) values.set(key, { value: s, path: [...path, key] });
    }
    out.push({ name, path, namePath, nameTarget, values });
  };
  if (format === 'odcs' && Array.isArray(value.servers)) {
    value.servers.forEach((server, i) => {
      const name = isRecord(server) ? scalar(server.server) : undefined;
      if (isRecord(server) && name !== undefined) read(server, name, ['servers', i], ['servers', i, 'server'], 'value');
    });
  } else if (format === 'dcs' && isRecord(value.servers)) {
    for (const [name, server] of Object.entries(value.servers)) {
      if (isRecord(server)) read(server, name, ['servers', name], ['servers', name], 'key');
    }
  }
  return out;
}

function checks(list: unknown, listPath: DataPath): QualityCheckModel[] {
  return records(list).map(([check, i]) => ({ check, path: [...listPath, i] }));
}

/** ODCS `description` (text, or `{ purpose }`), DCS model `description`. */
function description(v: Record<string, unknown>): string | undefined {
  if (typeof v.description === 'string') return v.description;
  if (isRecord(v.description)) return text(v.description.purpose);
  return undefined;
}

/** The owner a document states: a team's name, or the member whose role says owner. */
function ownerOf(v: Record<string, unknown>): string | undefined {
  const direct = text(v.owner);
  if (direct !== undefined) return direct;
  const team = v.team;
  let members: unknown;
  if (isRecord(team)) {
    const name = text(team.name);
    if (name !== undefined) return name;
    members = team.members;
  } else {
    members = team;
  }
  if (!Array.isArray(members)) return undefined;
  const owner = members.find((m) => isRecord(m) && /owner/i.test(String(m.role ?? '')));
  return isRecord(owner) ? (text(owner.username) ?? text(owner.name)) : undefined;
}

/**
 * How a contract (or one of its schema objects) declares itself a source, data that enters the
 * workspace from outside rather than being written by a pipeline: a tag `source` or `raw`, or a
 * custom property `source: true`.
 */
function declaresSource(v: Record<string, unknown>): boolean {
  if ((tagsOf(v.tags) ?? []).some((t) => /^(source|raw)$/i.test(t))) return true;
  const custom = v.customProperties;
  if (Array.isArray(custom)) {
    return custom.some(
      (c) =>
        isRecord(c) &&
        String(c.property).toLowerCase() === 'source' &&
        (c.value === true || String(c.value).toLowerCase() === 'true'),
    );
  }
  if (isRecord(custom)) return custom.source === true || String(custom.source).toLowerCase() === 'true';
  return false;
}

function schemaObject(
  fields: Omit<SchemaObjectFact, 'byName' | 'properties' | 'tree'>,
  properties: PropertyFact[],
  readTree: () => PropertyNode[],
): SchemaObjectFact {
  const byName = new Map<string, PropertyFact>();
  for (const p of properties) if (!byName.has(p.name)) byName.set(p.name, p);
  // The tree is what comparison needs (breaking changes): read on first use, then kept.
  let tree: PropertyNode[] | undefined;
  const object = fields as Omit<SchemaObjectFact, 'tree'>;
  object.properties = properties;
  object.byName = byName;
  return Object.defineProperty(object, 'tree', {
    enumerable: true,
    configurable: true,
    get: () => (tree ??= readTree()),
  }) as unknown as SchemaObjectFact;
}

/**
 * Lets a model outlive its parsed document: the property trees, which are read from the document's
 * value on first use (and keep it alive), are read instead from `reread()`'s model of the same file
 * (the host reads it again) each time one is asked for. The flat facts are kept as they are.
 */
export function detachModel(facts: FileFacts, reread: () => FileFacts | undefined): void {
  for (const object of facts.contract?.schemaObjects ?? []) {
    Object.defineProperty(object, 'tree', {
      enumerable: true,
      configurable: true,
      get: () => reread()?.contract?.schemaObjects.find((o) => o.name === object.name)?.tree ?? [],
    });
  }
}

/** What a property says of itself for people and for lineage (read from its own mapping). */
function propertyFact(raw: Record<string, unknown>, fact: PropertyFact): PropertyFact {
  // The caller's literal, then only the keys that are set (this runs once per property of the workspace).
  let t = text(raw.physicalName);
  if (t !== undefined) fact.physicalName = t;
  t = text(raw.physicalType);
  if (t !== undefined) fact.physicalType = t;
  t = text(raw.classification);
  if (t !== undefined) fact.classification = t;
  if (raw.tags !== undefined) {
    const tags = tagsOf(raw.tags);
    if (tags) fact.tags = tags;
  }
  if (raw.pii === true) fact.pii = true;
  t = text(raw.description);
  if (t !== undefined) fact.description = t;
  return fact;
}

// ---- ODCS ---------------------------------------------------------------------------------------

const ODCS_OPTIONS: Record<string, string> = {
  minLength: 'minLength',
  maxLength: 'maxLength',
  pattern: 'pattern',
  format: 'format',
  minimum: 'minimum',
  maximum: 'maximum',
  exclusiveMinimum: 'exclusiveMinimum',
  exclusiveMaximum: 'exclusiveMaximum',
  multipleOf: 'multipleOf',
  minItems: 'minItems',
  maxItems: 'maxItems',
  uniqueItems: 'uniqueItems',
  minProperties: 'minProperties',
  maxProperties: 'maxProperties',
  required: 'requiredProperties',
  timezone: 'timezone',
  defaultTimezone: 'defaultTimezone',
};

/** Where the flat view of the properties being read goes, when the nodes being read belong to it. */
interface FlatSink {
  objectName: string;
  /** The dotted name of the enclosing property. */
  parent: string | undefined;
  out: PropertyFact[];
  relationships: RelationshipFact[];
}

function odcsContract(file: string, value: Record<string, unknown>): ContractFact {
  const schemaObjects: SchemaObjectFact[] = [];
  const relationships: RelationshipFact[] = [];
  for (const [object, i] of records(value.schema)) {
    const name = text(object.name);
    if (name === undefined) continue;
    const path = ['schema', i];
    const properties: PropertyFact[] = [];
    const sink: FlatSink = { objectName: name, parent: undefined, out: properties, relationships };
    odcsNodes(object.properties, [...path, 'properties'], sink, false);
    for (const [rel, k] of records(object.relationships)) {
      const relPath = [...path, 'relationships', k];
      relationships.push({
        level: 'schema',
        schemaObject: name,
        path: relPath,
        from: refs(rel.from, [...relPath, 'from']),
        to: refs(rel.to, [...relPath, 'to']),
      });
    }
    schemaObjects.push(
      schemaObject(
        {
          name,
          namePath: [...path, 'name'],
          id: text(object.id),
          ...(text(object.physicalName) !== undefined ? { physicalName: text(object.physicalName) } : {}),
          path,
          propertiesPath: Array.isArray(object.properties) ? [...path, 'properties'] : undefined,
          quality: checks(object.quality, [...path, 'quality']),
          description: description(object),
          tags: tagsOf(object.tags),
          source: declaresSource(object),
        },
        properties,
        () => odcsNodes(object.properties, [...path, 'properties'], undefined, true),
      ),
    );
  }
  const sla: OdcsSlaEntry[] = records(value.slaProperties).map(([entry, i]) => ({
    property: text(entry.property),
    value: entry.value,
    unit: text(entry.unit),
    element: text(entry.element),
    path: ['slaProperties', i, 'value'],
  }));
  const slaElements = [
    ...refs(value.slaDefaultElement, ['slaDefaultElement']),
    ...records(value.slaProperties).flatMap(([entry, i]) => refs(entry.element, ['slaProperties', i, 'element'])),
  ];
  let compatibility: string | undefined;
  for (const [entry] of records(value.customProperties)) {
    if (entry.property === 'compatibility') {
      compatibility = text(entry.value);
      break;
    }
  }
  return {
    file,
    format: 'odcs',
    id: text(value.id),
    idPath: ['id'],
    version: text(value.version),
    versionPath: ['version'],
    status: text(value.status),
    statusPath: ['status'],
    name: text(value.name),
    owner: ownerOf(value),
    description: description(value),
    tags: tagsOf(value.tags),
    source: declaresSource(value),
    compatibility,
    schemaObjects,
    servers: servers(value, 'odcs'),
    relationships,
    slaElements,
    slaDefaultElement: text(value.slaDefaultElement),
    sla,
    serviceLevels: [],
    quality: { checks: [] },
    danglingRefs: [],
    definitions: [],
  };
}

/**
 * The named properties of a list: each goes to the flat view when `flat` is given, and is built as
 * a tree node when `build` is (the two views are read in separate passes: the tree only on demand).
 */
function odcsNodes(list: unknown, listPath: DataPath, flat: FlatSink | undefined, build: boolean): PropertyNode[] {
  const out: PropertyNode[] = [];
  for (const [prop, i] of records(list)) {
    const name = text(prop.name);
    if (name === undefined) continue;
    const node = odcsNode(prop, [...listPath, i], name, flat, true, build);
    if (node) out.push(node);
  }
  return out;
}

function odcsNode(
  prop: Record<string, unknown>,
  path: DataPath,
  name: string,
  flat: FlatSink | undefined,
  isProperty: boolean,
  build: boolean,
): PropertyNode | undefined {
  // The flat view: a property, then its relationships, its own properties, then its items' (the
  // `items` of an array are transparent: their properties are the array property's).
  let childSink = flat;
  if (flat && isProperty) {
    const dotted = flat.parent === undefined ? name : `${flat.parent}.${name}`;
    const fact = propertyFact(prop, {
      name: dotted,
      leaf: name,
      parent: flat.parent,
      id: text(prop.id),
      logicalType: text(prop.logicalType),
      path,
    });
    if (Array.isArray(prop.transformSourceObjects)) {
      fact.transformSources = prop.transformSourceObjects.flatMap((s, k) => {
        const t = text(s);
        return t === undefined ? [] : [{ value: t, path: [...path, 'transformSourceObjects', k] }];
      });
    }
    flat.out.push(fact);
    for (const [rel, k] of records(prop.relationships)) {
      const relPath = [...path, 'relationships', k];
      flat.relationships.push({
        level: 'property',
        schemaObject: flat.objectName,
        property: dotted,
        path: relPath,
        from: refs(rel.from, [...relPath, 'from']),
        to: refs(rel.to, [...relPath, 'to']),
      });
    }
    childSink = { objectName: flat.objectName, parent: dotted, out: flat.out, relationships: flat.relationships };
  }
  const children = odcsNodes(prop.properties, [...path, 'properties'], childSink, build);
  const items = isRecord(prop.items)
    ? odcsNode(prop.items, [...path, 'items'], `${name}[]`, childSink, false, build)
    : undefined;
  if (!build) return undefined;
  const node: PropertyNode = {
    name,
    id: text(prop.id),
    namePath: prop.name !== undefined ? [...path, 'name'] : undefined,
    path,
    attributes: odcsAttributes(prop, path),
    children,
    childrenPath: Array.isArray(prop.properties) ? [...path, 'properties'] : undefined,
    quality: checks(prop.quality, [...path, 'quality']),
  };
  if (items) node.items = items;
  if (isRecord(prop.map)) {
    if (isRecord(prop.map.key))
      node.mapKey = odcsNode(prop.map.key, [...path, 'map', 'key'], `${name}[key]`, undefined, false, true);
    if (isRecord(prop.map.value))
      node.mapValue = odcsNode(prop.map.value, [...path, 'map', 'value'], `${name}[value]`, undefined, false, true);
  }
  return node;
}

function odcsAttributes(prop: Record<string, unknown>, path: DataPath): Map<string, Located> {
  const attrs = new Map<string, Located>();
  const set = (attr: string, key: string, value: unknown = prop[key]) => {
    if (value !== undefined && value !== null) attrs.set(attr, { value, path: [...path, key] });
  };
  if (typeof prop.logicalType === 'string') set('type', 'logicalType');
  set('physicalType', 'physicalType');
  set('physicalName', 'physicalName');
  set('required', 'required');
  set('unique', 'unique');
  set('primaryKey', 'primaryKey');
  set('primaryKeyPosition', 'primaryKeyPosition');
  set('partitioned', 'partitioned');
  set('partitionKeyPosition', 'partitionKeyPosition');
  set('classification', 'classification');
  if (isRecord(prop.logicalTypeOptions)) {
    for (const [key, attr] of Object.entries(ODCS_OPTIONS)) {
      const v = prop.logicalTypeOptions[key];
      if (v !== undefined && v !== null) attrs.set(attr, { value: v, path: [...path, 'logicalTypeOptions', key] });
    }
  }
  if (Array.isArray(prop.enum)) {
    // ODCS 3.2: `- value: EUR` entries (a bare scalar is read as its own value).
    const values = prop.enum.map((e) => (isRecord(e) ? e.value : e));
    attrs.set('enum', { value: values, path: [...path, 'enum'] });
  } else {
    // Before 3.2, datacontract-cli writes a DCS `enum` as the custom property `enum` (a list, or a
    // JSON list in a string): the same restriction.
    const custom = records(prop.customProperties).find(([entry]) => entry.property === 'enum');
    if (custom) {
      let values: unknown = custom[0].value;
      if (typeof values === 'string') {
        try {
          values = JSON.parse(values);
        } catch {
          values = undefined;
        }
      }
      if (Array.isArray(values))
        attrs.set('enum', { value: values, path: [...path, 'customProperties', custom[1], 'value'] });
    }
  }
  return attrs;
}

// ---- DCS ----------------------------------------------------------------------------------------

function dcsContract(file: string, value: Record<string, unknown>): ContractFact {
  const info = record(value.info);
  const definitions = record(value.definitions);
  const schemaObjects: SchemaObjectFact[] = [];
  if (isRecord(value.models)) {
    for (const [name, model] of Object.entries(value.models)) {
      const path = ['models', name];
      const m = record(model);
      const properties: PropertyFact[] = [];
      const sink: FlatSink = { objectName: name, parent: undefined, out: properties, relationships: [] };
      dcsFields(m.fields, [...path, 'fields'], definitions, sink, false);
      schemaObjects.push(
        schemaObject(
          {
            name,
            ...(text(m.physicalName) !== undefined ? { physicalName: text(m.physicalName) } : {}),
            path,
            propertiesPath: isRecord(m.fields) ? [...path, 'fields'] : undefined,
            quality: checks(m.quality, [...path, 'quality']),
            ...(Array.isArray(m.primaryKey)
              ? { primaryKey: { names: m.primaryKey.flatMap((k) => text(k) ?? []), path: [...path, 'primaryKey'] } }
              : {}),
            description: description(m),
            tags: tagsOf(m.tags),
            source: declaresSource(m),
          },
          properties,
          () => dcsFields(m.fields, [...path, 'fields'], definitions, undefined, true),
        ),
      );
    }
  }
  const serviceLevels: DcsServiceLevel[] = [];
  for (const [name, level] of Object.entries(record(value.servicelevels))) {
    if (!isRecord(level)) continue;
    const amounts: DcsServiceLevel['amounts'] = {};
    for (const key of ['threshold', 'interval', 'period', 'percentage'] as const)
      if (key in level) amounts[key] = level[key];
    serviceLevels.push({
      name,
      amounts,
      unlimited: level.unlimited === true,
      element: text(level.timestampField) ?? text(level.processedTimestampField) ?? text(level.sourceTimestampField),
      path: ['servicelevels', name],
    });
  }
  return {
    file,
    format: 'dcs',
    id: text(value.id),
    idPath: ['id'],
    version: text(info.version),
    versionPath: ['info', 'version'],
    status: text(info.status),
    statusPath: ['info', 'status'],
    name: text(info.title),
    owner: text(info.owner),
    description: text(info.description),
    tags: tagsOf(value.tags),
    source: declaresSource(value),
    compatibility: text(info['x-compatibility'] ?? info.compatibility),
    schemaObjects,
    servers: servers(value, 'dcs'),
    relationships: [],
    slaElements: [],
    sla: [],
    serviceLevels,
    quality: isRecord(value.quality)
      ? { block: { value: value.quality, path: ['quality'] } }
      : { checks: checks(value.quality, ['quality']) },
    danglingRefs: localRefs(value, value, []).filter((r) => !resolvesIn(value, r.value)),
    definitions: Object.keys(definitions),
  };
}

/** Every `$ref` string that points into this file (`#/...`), with its path. External ones are not ours to check. */
function localRefs(root: unknown, node: unknown, path: DataPath, out: ReferenceFact[] = []): ReferenceFact[] {
  if (Array.isArray(node)) node.forEach((item, i) => localRefs(root, item, [...path, i], out));
  else if (isRecord(node)) {
    for (const [key, item] of Object.entries(node)) {
      if (key === '$ref' && typeof item === 'string' && item.startsWith('#/'))
        out.push({ value: item, path: [...path, key] });
      else localRefs(root, item, [...path, key], out);
    }
  }
  return out;
}

/** Whether a JSON pointer (`#/definitions/order_id`, `~0`/`~1` escapes) names a value of `root`. */
function resolvesIn(root: unknown, pointer: string): boolean {
  let node = root;
  for (const raw of pointer.slice(2).split('/')) {
    let part: string;
    try {
      part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    } catch {
      return false;
    }
    if (Array.isArray(node) && /^\d+$/.test(part)) node = node[Number(part)];
    else if (isRecord(node) && Object.hasOwn(node, part)) node = node[part];
    else return false;
  }
  return node !== undefined;
}

/** A field with its `$ref` (a local `#/definitions/<name>`) merged in: the field's own keys win. */
function resolveRef(
  field: Record<string, unknown>,
  path: DataPath,
  definitions: Record<string, unknown>,
): { value: Record<string, unknown>; paths: Map<string, DataPath>; dangling?: boolean } {
  const paths = new Map<string, DataPath>();
  let merged: Record<string, unknown> = {};
  const chain: [Record<string, unknown>, DataPath][] = [[field, path]];
  let current = field;
  let dangling = false;
  for (let depth = 0; depth < 10; depth++) {
    const target$ = current.$ref;
    const match = typeof target$ === 'string' ? /^#\/definitions\/(.+)$/.exec(target$) : null;
    if (!match) break;
    const target = definitions[match[1]];
    if (!isRecord(target)) {
      dangling = true;
      break;
    }
    chain.push([target, ['definitions', match[1]]]);
    current = target;
  }
  // Deepest definition first, the field itself last.
  for (const [layer, layerPath] of chain.reverse()) {
    merged = { ...merged, ...layer };
    for (const key of Object.keys(layer)) paths.set(key, [...layerPath, key]);
  }
  return { value: merged, paths, dangling };
}

function dcsFields(
  fields: unknown,
  fieldsPath: DataPath,
  definitions: Record<string, unknown>,
  flat: FlatSink | undefined,
  build: boolean,
): PropertyNode[] {
  if (!isRecord(fields)) return [];
  const out: PropertyNode[] = [];
  for (const [name, field] of Object.entries(fields)) {
    const node = dcsField(isRecord(field) ? field : {}, [...fieldsPath, name], name, definitions, flat, true, build);
    if (node) out.push(node);
  }
  return out;
}

const DCS_CONSTRAINTS = [
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
];

function dcsField(
  raw: Record<string, unknown>,
  path: DataPath,
  name: string,
  definitions: Record<string, unknown>,
  flat: FlatSink | undefined,
  isProperty: boolean,
  build: boolean,
): PropertyNode | undefined {
  // The flat view reads the field as written: what its `$ref` brings is not part of it.
  let childSink = flat;
  if (flat && isProperty) {
    const dotted = flat.parent === undefined ? name : `${flat.parent}.${name}`;
    const fact = propertyFact(raw, {
      name: dotted,
      leaf: name,
      parent: flat.parent,
      logicalType: text(raw.type),
      path,
    });
    const lineage = fieldLineage(raw.lineage, [...path, 'lineage']);
    if (lineage) fact.lineage = lineage;
    flat.out.push(fact);
    childSink = { objectName: flat.objectName, parent: dotted, out: flat.out, relationships: flat.relationships };
  }
  if (!build) {
    // The field's own `fields` and `items` (a `$ref` never brings them into the flat view).
    dcsFields(raw.fields, [...path, 'fields'], definitions, childSink, false);
    if (isRecord(raw.items)) dcsField(raw.items, [...path, 'items'], `${name}[]`, definitions, childSink, false, false);
    return undefined;
  }
  const { value: field, paths, dangling } = resolveRef(raw, path, definitions);
  const at = (key: string): DataPath => paths.get(key) ?? [...path, key];
  const node: PropertyNode = {
    name,
    path,
    attributes: dcsAttributes(field, at),
    children: dcsFields(field.fields, at('fields'), definitions, undefined, true),
    childrenPath: isRecord(field.fields) ? at('fields') : undefined,
    quality: checks(field.quality, at('quality')),
  };
  if (typeof raw.$ref === 'string') node.ref = { value: raw.$ref, resolved: !dangling, path: [...path, '$ref'] };
  if (isRecord(field.items))
    node.items = dcsField(field.items, at('items'), `${name}[]`, definitions, undefined, false, true);
  if (isRecord(field.keys))
    node.mapKey = dcsField(field.keys, at('keys'), `${name}[key]`, definitions, undefined, false, true);
  if (isRecord(field.values))
    node.mapValue = dcsField(field.values, at('values'), `${name}[value]`, definitions, undefined, false, true);
  return node;
}

function dcsAttributes(field: Record<string, unknown>, at: (key: string) => DataPath): Map<string, Located> {
  const attrs = new Map<string, Located>();
  const set = (attr: string, value: unknown, key: string) => {
    if (value !== undefined && value !== null) attrs.set(attr, { value, path: at(key) });
  };
  if (typeof field.type === 'string') set('type', field.type, 'type');
  set('required', field.required, 'required');
  set('unique', field.unique, 'unique');
  const primary = field.primaryKey ?? field.primary;
  set('primaryKey', primary, field.primaryKey !== undefined ? 'primaryKey' : 'primary');
  set('classification', field.classification, 'classification');
  set('pii', field.pii, 'pii');
  for (const key of DCS_CONSTRAINTS) set(key, field[key], key);
  if (Array.isArray(field.enum)) set('enum', field.enum, 'enum');
  if (field.precision !== undefined || field.scale !== undefined) {
    // Decimal precision and scale compare like a physical DECIMAL(p,s).
    const p = typeof field.precision === 'number' ? field.precision : undefined;
    const s = typeof field.scale === 'number' ? field.scale : 0;
    if (p !== undefined) attrs.set('physicalType', { value: `decimal(${p},${s})`, path: at('precision') });
  }
  if (isRecord(field.config)) {
    for (const [key, v] of Object.entries(field.config)) {
      if (/Type$/.test(key) && typeof v === 'string')
        attrs.set(`physicalType:${key}`, { value: v, path: [...at('config'), key] });
    }
  }
  return attrs;
}

function fieldLineage(lineage: unknown, path: DataPath): FieldLineage | undefined {
  if (!isRecord(lineage) || !Array.isArray(lineage.inputFields)) return undefined;
  const inputFields = lineage.inputFields.flatMap((input, k) => {
    if (!isRecord(input)) return [];
    const name = text(input.name);
    if (name === undefined) return [];
    return [
      {
        name,
        namespace: text(input.namespace),
        field: text(input.field),
        transformations: Array.isArray(input.transformations)
          ? input.transformations.flatMap((t) =>
              isRecord(t) && text(t.type) !== undefined
                ? [
                    {
                      type: text(t.type)!,
                      subtype: text(t.subtype),
                      masking: typeof t.masking === 'boolean' ? t.masking : undefined,
                    },
                  ]
                : [],
            )
          : [],
        path: [...path, 'inputFields', k],
      },
    ];
  });
  return { transformationType: text(lineage.transformationType)?.toUpperCase(), inputFields };
}

// ---- ODPS ---------------------------------------------------------------------------------------

function odpsProduct(file: string, value: Record<string, unknown>): ProductFact {
  const ports: PortFact[] = [];
  for (const [key, direction] of [
    ['inputPorts', 'input'],
    ['outputPorts', 'output'],
  ] as const) {
    for (const [port, i] of records(value[key])) {
      const path = [key, i];
      ports.push({
        direction,
        name: text(port.name),
        version: text(port.version),
        path,
        contractId: ref(port.contractId, [...path, 'contractId']),
        inputContracts: records(port.inputContracts).flatMap(
          ([c, k]) => ref(c.id, [...path, 'inputContracts', k, 'id']) ?? [],
        ),
      });
    }
  }
  return {
    file,
    id: text(value.id),
    idPath: ['id'],
    ports,
    name: text(value.name),
    owner: ownerOf(value),
    version: text(value.version),
    status: text(value.status),
    description: description(value),
    tags: tagsOf(value.tags),
  };
}

// ---- pipelines ----------------------------------------------------------------------------------

function pipelineModel(file: string, value: Record<string, unknown>): PipelineFact {
  const steps: StepFact[] = [];
  for (const [step, i] of records(value.steps)) {
    const path = ['steps', i];
    const datasetRef = (item: Record<string, unknown>, itemPath: DataPath): DatasetRefFact => ({
      contract: ref(item.contract, [...itemPath, 'contract']),
      schema: ref(item.schema, [...itemPath, 'schema']),
      as: text(item.as),
      path: itemPath,
    });
    const inputs = records(step.inputs).map(([input, k]) => datasetRef(input, [...path, 'inputs', k]));
    const outputs = records(step.outputs).map(([output, k]): StepOutputFact => {
      const outPath = [...path, 'outputs', k];
      const columns: ColumnMappingFact[] = isRecord(output.columns)
        ? Object.entries(output.columns).map(([column, sources]) => {
            const colPath = [...outPath, 'columns', column];
            return { column, path: colPath, sources: refs(sources, colPath) };
          })
        : [];
      return { ...datasetRef(output, outPath), deadLetter: output.deadLetter === true, columns };
    });
    const id = text(step.id);
    steps.push({
      id: id ?? `#${i + 1}`,
      hasId: id !== undefined,
      index: i,
      path,
      inputs,
      outputs,
      name: text(step.name),
      description: text(step.description),
      runtime: text(step.runtime),
    });
  }
  const s = value.schedule;
  return {
    file,
    id: text(value.id),
    idPath: ['id'],
    steps,
    name: text(value.name),
    owner: text(value.owner),
    version: text(value.version),
    description: text(value.description),
    tags: tagsOf(value.tags),
    schedule: isRecord(s)
      ? {
          cron: text(s.cron),
          timezone: text(s.timezone),
          streaming: s.streaming === true || undefined,
          maxLatency: text(s.maxLatency),
          path: ['schedule'],
        }
      : undefined,
  };
}
