// Client settings (the `pactline` section): read on start and on workspace/didChangeConfiguration,
// never per validation.
import type { PactlineSettings } from '../../../protocol/pactline';

export const DEFAULT_DEBOUNCE_MS = 50;
/** Watcher events are gathered this long after the last one and handled in one batch. */
export const WATCHER_DEBOUNCE_MS = 200;

export function normalizeSettings(raw: unknown): PactlineSettings {
  const out: PactlineSettings = {};
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  if (r.rules && typeof r.rules === 'object' && !Array.isArray(r.rules))
    out.rules = r.rules as PactlineSettings['rules'];
  // Both `{ diagnostics: { debounceMs } }` and a flat `'diagnostics.debounceMs'` (some clients send dotted keys).
  const diagnostics =
    r.diagnostics && typeof r.diagnostics === 'object' ? (r.diagnostics as Record<string, unknown>) : {};
  const debounce = diagnostics.debounceMs ?? r['diagnostics.debounceMs'];
  if (typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0)
    out.diagnostics = { debounceMs: Math.min(debounce, 10_000) };
  const breaking = r.breaking && typeof r.breaking === 'object' ? (r.breaking as Record<string, unknown>) : {};
  if (typeof breaking.against === 'string') out.breaking = { against: breaking.against };
  return out;
}

export function debounceOf(settings: PactlineSettings): number {
  return settings.diagnostics?.debounceMs ?? DEFAULT_DEBOUNCE_MS;
}
