// Hover: what a key means (its schema description, type and constraints), and on a name that
// refers to something (a contract id, a schema object, a column), a summary of what it points at.
import * as YAML from 'yaml';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import { breakingHover } from '../breaking/editor';
import { declaredVersion, isRecord } from '../kinds';
import { BUILTIN_SCHEMAS } from '../schemaCatalog';
import type { FileKind } from '../types';
import { supportedVersions, type SchemaEntry } from '../validation';
import type { PathSegment } from '../locate';
import type { LanguageService } from '../service';
import type { ContractFact, PropertyFact, SchemaObjectFact } from '../workspace';
import type { SchemaNavigator, SchemaSummary } from './schemaNav';
import {
  code,
  currentOrLastGoodValue,
  documentOf,
  hitAt,
  navigatorFor,
  nodeRange,
  schemaEntryFor,
  valueAt,
  versionProbe,
} from './shared';
import { symbolAt, type Target } from './targets';

/** The hover at a position: a breaking change's before and after (when there is a base) above the key's meaning. */
export function hover(service: LanguageService, path: string, position: Position): Hover | null {
  return breakingHover(service, path, position, documentHover(service, path, position));
}

function documentHover(service: LanguageService, path: string, position: Position): Hover | null {
  const doc = documentOf(service, path);
  if (!doc || !doc.kind || doc.multiDocument) return null;
  const ast = doc.ast();
  if (!ast) return null;
  const offset = doc.lines.offsetAt(position);
  const hit = hitAt(ast, offset);
  if (!hit || !hit.node || !(YAML.isScalar(hit.node) || YAML.isAlias(hit.node))) return null;
  const range = nodeRange(doc, hit.node);

  const symbol = symbolAt(service, doc, position);
  if (symbol) {
    const value = targetSummary(service, symbol.target);
    if (value)
      return {
        contents: { kind: MarkupKind.Markdown, value },
        range: symbol.role === 'reference' ? symbol.range : range,
      };
  }

  // The meaning of the key (on the key, or on its value).
  const root = currentOrLastGoodValue(service, doc);
  const entry = schemaEntryFor(service, doc.kind, versionProbe(doc, root));
  if (!entry) return null;
  const nav = navigatorFor(entry);
  let keyPath = hit.path;
  while (keyPath.length && typeof keyPath[keyPath.length - 1] === 'number') keyPath = keyPath.slice(0, -1); // a list item: its list's key
  if (!keyPath.length) return null;
  let value = keyDocumentation(nav, root, keyPath);
  if (value && keyPath.length === 1 && keyPath[0] === VERSION_KEYS[doc.kind])
    value += '\n\n' + checkedAs(entry, declaredVersion(doc.kind, versionProbe(doc, root)));
  return value ? { contents: { kind: MarkupKind.Markdown, value }, range } : null;
}

/** The key that declares the version of the standard a file follows. */
const VERSION_KEYS: Partial<Record<FileKind, string>> = {
  odcs: 'apiVersion',
  odps: 'apiVersion',
  dcs: 'dataContractSpecification',
};

/** "Checked as Open Data Contract Standard v3.0.2." on the version key: each version has its own rules. */
function checkedAs(entry: SchemaEntry, version: string | undefined): string {
  const applies =
    !entry.target.appliesTo.version || (version !== undefined && entry.target.appliesTo.version.test(version));
  if (applies)
    return `Pactline checks this file by the rules of **${entry.target.title}**${entry.target.versions && !entry.target.title.includes(entry.target.versions) ? ` (${entry.target.versions})` : ''}.`;
  const known = BUILTIN_SCHEMAS.filter((e) => e.target.appliesTo.kind === entry.target.appliesTo.kind);
  return (
    `Pactline does not validate ${version === undefined ? 'a file without a version' : code(version)}; it validates ${supportedVersions(known)}. ` +
    `Completion and hover follow ${entry.target.title}.`
  );
}

/** Markdown for the key at the end of `path`: its name, type and constraints, description. */
export function keyDocumentation(
  nav: SchemaNavigator,
  root: unknown,
  path: readonly PathSegment[],
): string | undefined {
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  const parents = nav.at(parentPath, (depth) => valueAt(root, parentPath.slice(0, depth)));
  const written = nav.children(parents, key);
  if (!written.length) return undefined;
  const summary = nav.summary(written, valueAt(root, path));
  const description = nav.description(written);
  const lines = [`**${code(key)}**${typeLine(summary) ? ` · ${typeLine(summary)}` : ''}`];
  if (description) lines.push('', description);
  if (summary.deprecated && !description?.includes(summary.deprecated)) lines.push('', `*${summary.deprecated}*`);
  return lines.join('\n');
}

/** "`string`, one of `a`, `b`" / "list of `SchemaObject`" / "`Server`". */
export function typeLine(summary: SchemaSummary): string {
  const parts: string[] = [];
  const types = summary.types.filter((t) => t !== 'null');
  if (types.includes('array')) parts.push(summary.items ? `list of ${code(summary.items)}` : 'list');
  const others = types.filter((t) => t !== 'array');
  if (others.length === 1 && others[0] === 'object' && summary.refNames.length)
    parts.push(code(summary.refNames[summary.refNames.length - 1]));
  else if (others.length) parts.push(others.map(code).join(' or '));
  if (!types.length && summary.refNames.length) parts.push(code(summary.refNames[summary.refNames.length - 1]));
  if (summary.enumValues.length === 1) parts.push(`always ${code(summary.enumValues[0])}`);
  else if (summary.enumValues.length > 1) {
    const shown = summary.enumValues.slice(0, 40).map(code).join(', ');
    parts.push(`one of ${shown}${summary.enumValues.length > 40 ? ', …' : ''}`);
  }
  if (summary.format) parts.push(`format ${code(summary.format)}`);
  if (summary.minimum !== undefined) parts.push(`at least ${summary.minimum}`);
  if (summary.maximum !== undefined) parts.push(`at most ${summary.maximum}`);
  if (summary.minLength !== undefined && summary.minLength > 0) parts.push(`at least ${summary.minLength} characters`);
  if (summary.maxLength !== undefined) parts.push(`at most ${summary.maxLength} characters`);
  if (summary.minItems !== undefined && summary.minItems > 0)
    parts.push(`at least ${summary.minItems} item${summary.minItems > 1 ? 's' : ''}`);
  if (summary.defaultValue !== undefined) parts.push(`default ${code(summary.defaultValue)}`);
  return parts.join(', ');
}

// ---- summaries of what references point at ------------------------------------------------------

export function targetSummary(service: LanguageService, target: Target): string | undefined {
  switch (target.kind) {
    case 'contract':
      return contractSummary(service, target.id);
    case 'schemaObject':
      return objectSummary(service, target.contract, target.object);
    case 'property':
      return propertySummary(service, target.contract, target.object, target.property);
    case 'input': {
      const what =
        target.object && target.contract
          ? `schema object ${code(target.object.name)} of contract ${code(target.contract.id ?? '?')}`
          : `contract ${code(target.input.contract?.value ?? '?')}`;
      const head = `**Input ${code(target.alias)}** of this step: ${what}`;
      return target.object && target.contract
        ? `${head}\n\n---\n\n${objectSummary(service, target.contract, target.object)}`
        : head;
    }
  }
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;
}

function firstParagraph(value: unknown, max = 400): string | undefined {
  const s = str(value);
  if (!s) return undefined;
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

export function contractSummary(service: LanguageService, id: string): string {
  const contracts = service.index.contractsWithId(id);
  if (!contracts.length) return `**Contract ${code(id)}**\n\nNo file in the workspace declares this contract id.`;
  const contract = contracts[0];
  const value = record(service.getDocument(contract.file)?.value);
  const lines: string[] = [];
  const info = record(value.info);
  const name = str(value.name) ?? str(info.title);
  lines.push(`**Contract ${code(id)}**${name ? ` — ${name}` : ''}`);
  lines.push('');
  const facts: string[] = [];
  const meta = [
    contract.version && `version ${code(contract.version)}`,
    contract.status && `status ${code(contract.status)}`,
  ].filter(Boolean);
  if (meta.length) facts.push(meta.join(' · '));
  const owner = ownerOf(value);
  if (owner) facts.push(`owner: ${owner}`);
  if (str(value.domain)) facts.push(`domain: ${str(value.domain)}`);
  const sla = slaOf(value);
  if (sla) facts.push(`SLA: ${sla}`);
  if (contract.schemaObjects.length) {
    const objects = contract.schemaObjects
      .slice(0, 12)
      .map(
        (o) =>
          `${code(o.name)} (${o.properties.length} ${contract.format === 'dcs' ? 'field' : 'propert'}${o.properties.length === 1 ? (contract.format === 'dcs' ? '' : 'y') : contract.format === 'dcs' ? 's' : 'ies'})`,
      );
    facts.push(
      `${contract.format === 'dcs' ? 'models' : 'schema'}: ${objects.join(', ')}${contract.schemaObjects.length > 12 ? `, … ${contract.schemaObjects.length - 12} more` : ''}`,
    );
  }
  facts.push(
    `file: ${code(contract.file)}${
      contracts.length > 1
        ? ` (also declared in ${contracts
            .slice(1)
            .map((c) => code(c.file))
            .join(', ')})`
        : ''
    }`,
  );
  lines.push(...facts.map((f) => `- ${f}`));
  const purpose = firstParagraph(
    record(value.description).purpose ??
      (typeof value.description === 'string' ? value.description : undefined) ??
      info.description,
  );
  if (purpose) lines.push('', purpose);
  return lines.join('\n');
}

function ownerOf(value: Record<string, unknown>): string | undefined {
  const info = record(value.info);
  if (str(info.owner)) return str(info.owner);
  const team = value.team;
  const members = Array.isArray(team)
    ? team
    : Array.isArray(record(team).members)
      ? (record(team).members as unknown[])
      : [];
  const teamName = str(record(team).name);
  const owners = members
    .filter((m) => /owner/i.test(str(record(m).role) ?? '') && !record(m).dateOut)
    .map((m) => str(record(m).name) ?? str(record(m).username))
    .filter(Boolean);
  const parts = [teamName && `team ${code(teamName)}`, owners.length ? `${owners.join(', ')}` : undefined].filter(
    Boolean,
  );
  return parts.length ? parts.join(' — ') : undefined;
}

function slaOf(value: Record<string, unknown>): string | undefined {
  if (Array.isArray(value.slaProperties)) {
    const items = value.slaProperties
      .map(record)
      .filter((s) => str(s.property))
      .map((s) => `${str(s.property)} ${str(s.value) ?? ''}${str(s.unit) ? ` ${str(s.unit)}` : ''}`.trim());
    return items.length ? items.join('; ') : undefined;
  }
  const levels = record(value.servicelevels);
  const items = Object.entries(levels).map(([key, v]) => {
    const scalars = Object.entries(record(v))
      .filter(([k, x]) => k !== 'description' && str(x) !== undefined)
      .map(([, x]) => str(x));
    return scalars.length ? `${key} ${scalars.join(' ')}` : key;
  });
  return items.length ? items.join('; ') : undefined;
}

export function objectSummary(service: LanguageService, contract: ContractFact, object: SchemaObjectFact): string {
  const value = record(valueAt(service.getDocument(contract.file)?.value, object.path));
  const lines = [
    `**${contract.format === 'dcs' ? 'Model' : 'Schema object'} ${code(object.name)}** of contract ${code(contract.id ?? contract.file)}${contract.version ? ` (version ${code(contract.version)})` : ''}`,
  ];
  const meta = [
    str(value.businessName),
    str(value.physicalName) && `physical name ${code(value.physicalName)}`,
    str(value.physicalType) && code(value.physicalType),
    str(value.type) && code(value.type),
  ].filter(Boolean);
  if (meta.length) lines.push('', meta.join(' · '));
  const description = firstParagraph(value.description);
  if (description) lines.push('', description);
  const top = object.properties.filter((p) => p.parent === undefined);
  if (top.length) {
    lines.push('', `${top.length} ${top.length === 1 ? 'column' : 'columns'}:`);
    for (const p of top.slice(0, 25)) {
      const pv = record(valueAt(service.getDocument(contract.file)?.value, p.path));
      const required = pv.required === true ? ', required' : '';
      const key = pv.primaryKey === true || pv.primary === true ? ', primary key' : '';
      lines.push(`- ${code(p.leaf)}${p.logicalType ? ` ${p.logicalType}` : ''}${required}${key}`);
    }
    if (top.length > 25) lines.push(`- … and ${top.length - 25} more`);
  }
  return lines.join('\n');
}

const PROPERTY_FACTS: [string, string][] = [
  ['logicalType', 'logical type'],
  ['type', 'type'],
  ['physicalType', 'physical type'],
  ['physicalName', 'physical name'],
  ['format', 'format'],
  ['required', 'required'],
  ['primaryKey', 'primary key'],
  ['primary', 'primary key'],
  ['primaryKeyPosition', 'primary key position'],
  ['unique', 'unique'],
  ['partitioned', 'partitioned'],
  ['partitionKeyPosition', 'partition key position'],
  ['classification', 'classification'],
  ['pii', 'PII'],
  ['criticalDataElement', 'critical data element'],
  ['encryptedName', 'encrypted as'],
  ['transformLogic', 'transform'],
  ['references', 'references'],
];

export function propertySummary(
  service: LanguageService,
  contract: ContractFact,
  object: SchemaObjectFact,
  property: PropertyFact,
): string {
  const value = record(valueAt(service.getDocument(contract.file)?.value, property.path));
  const lines = [
    `**${contract.format === 'dcs' ? 'Field' : 'Property'} ${code(property.name)}** of ${code(object.name)} · contract ${code(contract.id ?? contract.file)}`,
    '',
  ];
  for (const [key, label] of PROPERTY_FACTS) {
    const v = value[key];
    if (v === undefined || (key === 'primaryKeyPosition' && v === -1) || (key === 'partitionKeyPosition' && v === -1))
      continue;
    if (typeof v === 'boolean') lines.push(`- ${label}: ${v ? 'yes' : 'no'}`);
    else if (str(v) !== undefined) lines.push(`- ${label}: ${code(v)}`);
  }
  if (isRecord(value.logicalTypeOptions)) {
    const opts = Object.entries(value.logicalTypeOptions)
      .filter(([, v]) => str(v) !== undefined)
      .map(([k, v]) => `${k} ${code(v)}`);
    if (opts.length) lines.push(`- constraints: ${opts.join(', ')}`);
  }
  if (Array.isArray(value.tags) && value.tags.length)
    lines.push(`- tags: ${value.tags.map((t) => code(t)).join(', ')}`);
  const description = firstParagraph(value.description);
  if (description) lines.push('', description);
  return lines.join('\n').replace(/\n\n$/, '');
}
