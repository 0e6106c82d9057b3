// `breaking/server-…`: where consumers get the data. ODCS `servers[]` (matched by `server`) and DCS
// `servers.<name>`: a server removed, its location moved (host, port, database, schema, catalog,
// project/dataset, topic, bucket/path/location, account — whichever its type uses), its type or
// format changed, a production server's environment changed. Each breaks consumers (forward): they
// are configured with the old location and stop getting data. A server added breaks no one.
import { isRecord } from '../../kinds';
import type { DataPath } from '../../workspace';
import type { Change, Place } from '../compare';
import type { NContract } from '../model';
import type { BreakingRuleUnit, RuleDoc } from './unit';

const F = { forward: true, backward: false };
const NONE = { forward: false, backward: false };

/** Keys that say where the data is, in the order they are reported. */
const LOCATION_KEYS = [
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
const FORMAT_KEYS = ['format', 'delimiter'] as const;

/** How a location key is called for a server type (a Kafka `host` is its bootstrap servers). */
function locationLabel(key: string, type: string | undefined): string {
  const t = type?.toLowerCase();
  if (t === 'kafka' && key === 'host') return 'bootstrap servers (`host`)';
  if ((t === 's3' || t === 'gcs' || t === 'azure' || t === 'local' || t === 'sftp') && key === 'location')
    return 'bucket and path (`location`)';
  if (t === 'bigquery' && key === 'project') return 'BigQuery project';
  if (t === 'bigquery' && key === 'dataset') return 'BigQuery dataset';
  if (t === 'snowflake' && key === 'account') return 'Snowflake account';
  return `\`${key}\``;
}

const PROD = /^prod(uction)?$/i;

interface NServer {
  name: string;
  path: DataPath;
  /** Data path of the server's name (ODCS `server` value; DCS: the key). */
  namePath: DataPath;
  nameTarget: Place['target'];
  values: Map<string, { value: string; path: DataPath }>;
}

function scalar(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

export function readServers(contract: NContract): NServer[] {
  const value = contract.doc.value;
  if (!isRecord(value)) return [];
  const out: NServer[] = [];
  const read = (
    server: Record<string, unknown>,
    name: string,
    path: DataPath,
    namePath: DataPath,
    nameTarget: Place['target'],
  ) => {
    const values = new Map<string, { value: string; path: DataPath }>();
    for (const [key, v] of Object.entries(server)) {
      const s = scalar(v);
      if (s !== undefined) values.set(key, { value: s, path: [...path, key] });
    }
    out.push({ name, path, namePath, nameTarget, values });
  };
  if (contract.format === 'odcs' && Array.isArray(value.servers)) {
    value.servers.forEach((server, i) => {
      const name = isRecord(server) ? scalar(server.server) : undefined;
      if (isRecord(server) && name !== undefined) read(server, name, ['servers', i], ['servers', i, 'server'], 'value');
    });
  } else if (contract.format === 'dcs' && isRecord(value.servers)) {
    for (const [name, server] of Object.entries(value.servers)) {
      if (isRecord(server)) read(server, name, ['servers', name], ['servers', name], 'key');
    }
  }
  return out;
}

const code = (s: string) => `\`${s}\``;

function check(base: NContract, current: NContract, out: Change[]): void {
  const before = readServers(base);
  const after = new Map(readServers(current).map((s) => [s.name, s]));
  const seen = new Set<string>();
  const serversList: Place = { path: ['servers'], target: 'key' };
  for (const old of before) {
    seen.add(old.name);
    const cur = after.get(old.name);
    const type = old.values.get('type')?.value;
    const what = `Server ${code(old.name)}${type ? ` (${type})` : ''}`;
    const scope = {};
    if (!cur) {
      out.push({
        rule: 'breaking/server-removed',
        path: `servers.${old.name}`,
        before: Object.fromEntries([...old.values].map(([k, v]) => [k, v.value])),
        after: null,
        breaks: F,
        summary: `${what} was removed.`,
        why: { forward: 'consumers configured with it stop getting data' },
        action: `Removing server \`${old.name}\``,
        at: serversList,
        scope,
        was: { path: old.path, target: old.nameTarget === 'key' ? 'key' : 'mapping' },
      });
      continue;
    }
    const at = (key: string): Place => {
      const v = cur.values.get(key);
      return v ? { path: v.path, target: 'value' } : { path: cur.namePath, target: cur.nameTarget };
    };
    const diff = (keys: readonly string[]) => keys.filter((k) => old.values.get(k)?.value !== cur.values.get(k)?.value);
    const show = (s: NServer, k: string) => s.values.get(k)?.value ?? '(none)';

    // A Kafka topic written as the schema object's physical name (DCS `servers.x.topic` → ODCS
    // `schema[].physicalName`, as datacontract-cli converts) has not moved.
    const topicAsObject = (k: string) =>
      k === 'topic' && !cur.values.has(k) && current.objects.some((o) => o.physicalName === old.values.get(k)?.value);
    const moved = diff(LOCATION_KEYS).filter((k) => !topicAsObject(k));
    if (moved.length) {
      const parts = moved.map(
        (k) => `its ${locationLabel(k, type)} changed from ${code(show(old, k))} to ${code(show(cur, k))}`,
      );
      out.push({
        rule: 'breaking/server-location-changed',
        path: `servers.${old.name}`,
        before: Object.fromEntries(moved.map((k) => [k, old.values.get(k)?.value ?? null])),
        after: Object.fromEntries(moved.map((k) => [k, cur.values.get(k)?.value ?? null])),
        breaks: F,
        summary: `${what}: ${parts.join('; ')}.`,
        why: { forward: 'consumers configured with the old location stop getting data' },
        action: `Moving server \`${old.name}\``,
        at: at(moved[0]),
        scope,
      });
    }
    const retyped = diff(['type', ...FORMAT_KEYS]);
    if (retyped.length) {
      out.push({
        rule: 'breaking/server-type-changed',
        path: `servers.${old.name}`,
        before: Object.fromEntries(retyped.map((k) => [k, old.values.get(k)?.value ?? null])),
        after: Object.fromEntries(retyped.map((k) => [k, cur.values.get(k)?.value ?? null])),
        breaks: F,
        summary: `${what}: ${retyped.map((k) => `its \`${k}\` changed from ${code(show(old, k))} to ${code(show(cur, k))}`).join('; ')}.`,
        why: { forward: 'consumers read it with the old connector or decoder' },
        action: `Changing the ${retyped.map((k) => `\`${k}\``).join(' and ')} of server \`${old.name}\``,
        at: at(retyped[0]),
        scope,
      });
    }
    const envBefore = old.values.get('environment')?.value;
    const envAfter = cur.values.get('environment')?.value;
    if (envBefore !== envAfter) {
      const wasProd = envBefore !== undefined && PROD.test(envBefore);
      out.push({
        rule: 'breaking/server-environment-changed',
        path: `servers.${old.name}`,
        before: envBefore ?? null,
        after: envAfter ?? null,
        breaks: wasProd && !(envAfter !== undefined && PROD.test(envAfter)) ? F : NONE,
        summary: `${what}: its environment changed from ${code(envBefore ?? '(none)')} to ${code(envAfter ?? '(none)')}${wasProd ? ': it is no longer a production server' : ''}.`,
        why: { forward: 'consumers read production data from it' },
        action: `Taking server \`${old.name}\` out of production`,
        at: at('environment'),
        scope,
      });
    }
  }
  for (const cur of after.values()) {
    if (seen.has(cur.name)) continue;
    const type = cur.values.get('type')?.value;
    out.push({
      rule: 'breaking/server-added',
      path: `servers.${cur.name}`,
      before: null,
      after: Object.fromEntries([...cur.values].map(([k, v]) => [k, v.value])),
      breaks: NONE,
      summary: `Server ${code(cur.name)}${type ? ` (${type})` : ''} was added.`,
      why: {},
      action: `Adding server \`${cur.name}\``,
      at: { path: cur.namePath, target: cur.nameTarget },
      scope: {},
    });
  }
}

export const SERVER_RULE_DOCS = [
  {
    id: 'breaking/server-removed',
    severity: 'error',
    verdict: 'F',
    description:
      'A server (ODCS `servers[]`, DCS `servers`) was removed: consumers configured with it stop getting data (breaks forward).',
  },
  {
    id: 'breaking/server-location-changed',
    severity: 'error',
    verdict: 'F',
    description:
      'A server moved: its host, port, database, schema, catalog, project/dataset, topic, bucket/path/location or account changed (breaks forward).',
  },
  {
    id: 'breaking/server-type-changed',
    severity: 'error',
    verdict: 'F',
    description: "A server's `type` or data `format` (or `delimiter`) changed (breaks forward).",
  },
  {
    id: 'breaking/server-environment-changed',
    severity: 'error',
    verdict: 'F',
    description:
      "A server's `environment` changed; breaking (forward) when a `prod`/`production` server stops being one, information otherwise.",
  },
  { id: 'breaking/server-added', severity: 'info', verdict: '-', description: 'A server was added (breaks no one).' },
] as const satisfies readonly RuleDoc[];

export const SERVER_RULES: BreakingRuleUnit = { rules: SERVER_RULE_DOCS, check };
