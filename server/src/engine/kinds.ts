// Which kind of file a path and its text are (README, "Files it understands").
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
const TOP_DCS = /^dataContractSpecification:/m;

/** The kind the text's top-level keys say (the file name said nothing). */
export function kindFromText(text: string): FileKind | undefined {
  if (TOP_DCS.test(text)) return 'dcs';
  const kind = TOP_KIND.exec(text)?.[1];
  if (!kind) return undefined;
  const api = TOP_API.exec(text)?.[1] ?? '';
  if (kind === 'DataContract' && /^v3\./.test(api)) return 'odcs';
  if (kind === 'DataProduct') return 'odps';
  if (kind === 'Pipeline' && api === 'pactline/v1') return 'pipeline';
  return undefined;
}

export function detectKind(path: string, text: string): FileKind | undefined {
  return kindFromName(path) ?? (isYamlPath(path) ? kindFromText(text) : undefined);
}

/** The version a document declares for its standard, as the schema targets match it. */
export function declaredVersion(kind: FileKind, value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const v = kind === 'dcs' ? value.dataContractSpecification : value.apiVersion;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
