// Reading YAML values: the few helpers every reader of a parsed value needs, defined once.
import { isRecord } from '../kinds';

export { isRecord };
export { valueAt } from '../locate';

/** A scalar as text: ids written as numbers (`id: 42`) still match `contract: 42`. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The mappings of a list, each with its index (other items are skipped, indexes kept). */
export function records(value: unknown): [Record<string, unknown>, number][] {
  return Array.isArray(value)
    ? value.flatMap((item, i) => (isRecord(item) ? [[item, i] as [Record<string, unknown>, number]] : []))
    : [];
}

/** A mapping, or an empty one. */
export function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** The strings of a `tags` list; undefined when there are none. */
export function tagsOf(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const tags = value.flatMap((t) => (typeof t === 'string' ? [t] : []));
  return tags.length ? tags : undefined;
}

/** JSON with sorted keys: equal values give equal text. */
export function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      isRecord(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
    ) ?? 'null'
  );
}
