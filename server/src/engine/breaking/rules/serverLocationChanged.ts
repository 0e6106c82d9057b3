// `breaking/server-location-changed`: a server moved (host, port, database, schema, catalog,
// project/dataset, topic, bucket/path/location, account — whichever its type uses). Consumers
// configured with the old location stop getting data (forward).
import { code, F } from '../change';
import { changedKeys, LOCATION_KEYS, locationLabel, serverLabel, settingAt, shown } from './server';
import { ruleUnit } from './unit';

export const SERVER_LOCATION_CHANGED = ruleUnit(
  [
    {
      id: 'breaking/server-location-changed',
      severity: 'error',
      verdict: 'F',
      description:
        'A server moved: its host, port, database, schema, catalog, project/dataset, topic, bucket/path/location or account changed (breaks forward).',
    },
  ] as const,
  {
    server: {
      changed(old, cur, current, out) {
        // A Kafka topic written as the schema object's physical name (DCS `servers.x.topic` → ODCS
        // `schema[].physicalName`, as datacontract-cli converts) has not moved.
        const topicAsObject = (k: string) =>
          k === 'topic' &&
          !cur.values.has(k) &&
          current.objects.some((o) => o.physicalName === old.values.get(k)?.value);
        const moved = changedKeys(old, cur, LOCATION_KEYS).filter((k) => !topicAsObject(k));
        if (!moved.length) return;
        const type = old.values.get('type')?.value;
        const parts = moved.map(
          (k) => `its ${locationLabel(k, type)} changed from ${code(shown(old, k))} to ${code(shown(cur, k))}`,
        );
        out.push({
          rule: 'breaking/server-location-changed',
          path: `servers.${old.name}`,
          before: Object.fromEntries(moved.map((k) => [k, old.values.get(k)?.value ?? null])),
          after: Object.fromEntries(moved.map((k) => [k, cur.values.get(k)?.value ?? null])),
          breaks: F,
          summary: `${serverLabel(old)}: ${parts.join('; ')}.`,
          why: { forward: 'consumers configured with the old location stop getting data' },
          action: `Moving server \`${old.name}\``,
          at: settingAt(cur, moved[0]),
          scope: {},
        });
      },
    },
  },
);
