// The servers of a contract as the `breaking/server-…` rules read them: ODCS `servers[]` (matched by
// `server`) and DCS `servers.<name>`, each with its scalar settings; which keys say where the data is
// and how it is encoded. The driver (../compare.ts) pairs them by name; the rules are
// ./serverRemoved.ts, ./serverLocationChanged.ts, ./serverTypeChanged.ts,
// ./serverEnvironmentChanged.ts and ./serverAdded.ts.
import { documentModel, type ServerModel } from '../../model';
import type { Place } from '../change';
import type { NContract } from '../model';

/** Keys that say where the data is, in the order they are reported. */
export const LOCATION_KEYS = [
  'account',
  'host',
  'port',
  'endpointUrl',
  'url',
  'serviceName',
  'catalog',
  'project',
  'database',
  'dataset',
  'schema',
  'topic',
  'bucket',
  'location',
  'path',
  'share',
  'region',
] as const;
/** Keys that say how the data is encoded. */
export const FORMAT_KEYS = ['format', 'delimiter'] as const;

/** How a location key is called for a server type (a Kafka `host` is its bootstrap servers). */
export function locationLabel(key: string, type: string | undefined): string {
  const t = type?.toLowerCase();
  if (t === 'kafka' && key === 'host') return 'bootstrap servers (`host`)';
  if ((t === 's3' || t === 'gcs' || t === 'azure' || t === 'local' || t === 'sftp') && key === 'location')
    return 'bucket and path (`location`)';
  if (t === 'bigquery' && key === 'project') return 'BigQuery project';
  if (t === 'bigquery' && key === 'dataset') return 'BigQuery dataset';
  if (t === 'snowflake' && key === 'account') return 'Snowflake account';
  return `\`${key}\``;
}

/** A production environment's name. */
export const PROD = /^prod(uction)?$/i;

/** A server as the contract model read it (../../model). */
export type NServer = ServerModel;

/** The contract's servers, as its model read them. */
export function readServers(contract: NContract): readonly NServer[] {
  return documentModel(contract.doc)?.contract?.servers ?? [];
}

/** `Server \`name\` (type)`, as messages start. */
export function serverLabel(s: NServer): string {
  const type = s.values.get('type')?.value;
  return `Server \`${s.name}\`${type ? ` (${type})` : ''}`;
}

/** A setting's value, `(none)` when unset. */
export function shown(s: NServer, key: string): string {
  return s.values.get(key)?.value ?? '(none)';
}

/** Where a setting of the new version is (the server's name when it has none). */
export function settingAt(s: NServer, key: string): Place {
  const v = s.values.get(key);
  return v ? { path: v.path, target: 'value' } : { path: s.namePath, target: s.nameTarget };
}

/** The keys whose values differ between two versions of a server. */
export function changedKeys(old: NServer, cur: NServer, keys: readonly string[]): string[] {
  return keys.filter((k) => old.values.get(k)?.value !== cur.values.get(k)?.value);
}
