// Which kind of file a path and its text are (README, "Files it understands").
import type { ParsedDocument } from './document';
import type { FileKind } from './types';

const CONFIG_NAMES = new Set(['pactline.yaml', '.pactline.yaml', 'pactline.yml', '.pactline.yml']);

export function baseName(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(slash + 1);
}

export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

/** The kind a file name alone says, if it says one. */
export function kindFromName(path: string): FileKind | undefined {
  const name = baseName(path).toLowerCase();
  if (CONFIG_NAMES.has(name)) return 'config';
  if (/\.odcs\.ya?ml$/.test(name)) return 'odcs';
  if (/\.odps\.ya?ml$/.test(name)) return 'odps';
  if (/\.pipeline\.ya?ml$/.test(name)) return 'pipeline';
  if (name === 'datacontract.yaml' || name === 'datacontract.yml' || /\.datacontract\.ya?ml$/.test(name)) return 'dcs';
  return undefined;
}

// Top-level keys at column 0; cheap enough to run on every YAML file of a repository before parsing.
const TOP_KIND = /^kind:[ \t]*["']?(DataContract|DataProduct|Pipeline)["']?[ \t]*(?:#.*)?$/m;
const TOP_API = /^apiVersion:[ \t]*["']?([^"'\s#]+)/m;
/** Keys only ODCS v2 has at its top level (v2 files may lack `kind` and `apiVersion`). */
const ODCS_V2_KEYS = ['quantumName:', 'datasetName:', 'datasetDomain:'];

/**
 * Whether a line starts with `prefix` (as `/^prefix/m`, whose line starts are also after "\r",
 * U+2028 and U+2029): found with `indexOf`, since such a regex tries every offset of a text that
 * mostly lacks it.
 */
function lineStartsWith(text: string, prefix: string): boolean {
  for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
    const before = at === 0 ? 10 : text.charCodeAt(at - 1);
    if (before === 10 || before === 13 || before === 0x2028 || before === 0x2029) return true;
  }
  return false;
}

/**
 * The kind the text's top-level keys say, whatever the file's name: datacontract-cli writes ODCS
 * v3.1.0 as `datacontract.yaml`. A contract of a version Pactline does not validate (ODCS v2, DCS
 * 0.9) still gets its kind, so that it is told so instead of being skipped.
 */
export function kindFromText(text: string): FileKind | undefined {
  if (lineStartsWith(text, 'dataContractSpecification:')) return 'dcs';
  const kind = TOP_KIND.exec(text)?.[1];
  if (kind === 'DataContract' || (!kind && ODCS_V2_KEYS.some((key) => lineStartsWith(text, key)))) return 'odcs';
  if (!kind) return undefined;
  if (kind === 'DataProduct') return 'odps';
  const api = TOP_API.exec(text)?.[1] ?? '';
  if (kind === 'Pipeline' && api === 'pactline/v1') return 'pipeline';
  return undefined;
}

/** Content first, the name second; configuration files are known by name only. */
export function detectKind(path: string, text: string): FileKind | undefined {
  const byName = kindFromName(path);
  if (byName === 'config') return byName;
  return (isYamlPath(path) ? kindFromText(text) : undefined) ?? byName;
}

/** The version a document declares for its standard, as the schema targets match it. */
export function declaredVersion(kind: FileKind, value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const v = kind === 'dcs' ? value.dataContractSpecification : value.apiVersion;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** The version a parsed document declares for its standard. */
export function declaredVersionOf(doc: ParsedDocument): string | undefined {
  return doc.kind ? declaredVersion(doc.kind, doc.value) : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
