// What the warning page keeps on the phone, in localStorage, and nothing else anywhere: the zone list, the
// picked zones, and (so that a reload with no network still shows a warning in force, and the stream
// resumes where it stopped) the warnings held and the stream's last event id. Nothing about the person.
import type { StreamZone, Warnings } from './alert-state.js';

const STREAM_KEY = 'civdef.alerts.stream';

/** Where the stream of a set of zones stopped, and the warnings held then. */
export interface StreamKept {
  lastId: string | null;
  warnings: Warnings;
}

const isZone = (z: unknown): z is StreamZone =>
  typeof z === 'object' && z !== null && ['id', 'name_en', 'name_ar', 'earliest', 'latest'].every((k) => typeof (z as Record<string, unknown>)[k] === 'string');

/** The order-free key of a set of zones: a last event id is only good for the zones it was read with. Precondition: none. */
export const zonesKey = (zones: Iterable<string>): string => [...zones].sort().join(',');

/** Reads what was kept for `zones` from its stored text; nothing (a fresh start) when absent, damaged or for other zones. Precondition: none. */
export function parseKept(text: string | null, zones: string): StreamKept {
  const empty: StreamKept = { lastId: null, warnings: new Map() };
  try {
    const v = JSON.parse(text ?? 'null') as { zones?: unknown; lastId?: unknown; warnings?: unknown } | null;
    if (!v || v.zones !== zones || !Array.isArray(v.warnings)) return empty;
    const entries = v.warnings.filter((e): e is [string, StreamZone[]] => Array.isArray(e) && typeof e[0] === 'string' && Array.isArray(e[1]) && e[1].every(isZone));
    return { lastId: typeof v.lastId === 'string' ? v.lastId : null, warnings: new Map(entries) };
  } catch {
    return empty;
  }
}

/** The stored text of `kept` for `zones`. Precondition: none. */
export const keptText = (zones: string, kept: StreamKept): string => JSON.stringify({ zones, lastId: kept.lastId, warnings: [...kept.warnings] });

/** Loads what was kept for `zones`. Precondition: localStorage is available. */
export const loadKept = (zones: string): StreamKept => parseKept(localStorage.getItem(STREAM_KEY), zones);

/** Keeps `kept` for `zones`. Precondition: localStorage is available. */
export function saveKept(zones: string, kept: StreamKept): void {
  try {
    localStorage.setItem(STREAM_KEY, keptText(zones, kept));
  } catch {
    // storage full or refused: the page still works, only a reload starts afresh
  }
}
