// Rebuilding the engine after a restart (or a failed write, or new zones): replay the stored sightings of the
// last minutes into a fresh engine on their receipt times, then make the stored alerts agree with what it
// holds. Pure: the caller reads and writes.
import type { AircraftType, SightingCreate } from '@civdef/core';
import { AIRCRAFT, type AlertDecision, type WarningEngine, type ZoneSet } from '@civdef/warning';
import { TRACK_LOST, type Decision } from './alert-data.js';

/** A sighting older than this when received cannot join a live track (every type's track ends sooner). */
export const STALE_SIGHTING_MS = Math.max(...Object.values(AIRCRAFT).map((a) => a.maxSilenceMs));

/** Does a sighting received at `receivedAt` still tell where an aircraft is now? Precondition: times in epoch ms. */
export const isFresh = (sightingTime: number, receivedAt: number): boolean => receivedAt - sightingTime <= STALE_SIGHTING_MS;

export interface StoredSighting {
  sighting: SightingCreate;
  receivedAt: number;
}

/**
 * Feeds the sightings (in receipt order) into the engine, ticking every tickMs between them and once at
 * `until`; returns each track's last decision. Precondition: a fresh engine; sightings sorted by receivedAt <= until.
 */
export function replaySightings(engine: WarningEngine, sightings: readonly StoredSighting[], until: number, tickMs: number): Map<string, AlertDecision> {
  const last = new Map<string, AlertDecision>();
  const keep = (ds: AlertDecision[]) => ds.forEach((d) => last.set(d.trackId, d));
  let next = sightings.length ? sightings[0]!.receivedAt + tickMs : until;
  for (const { sighting, receivedAt } of sightings) {
    for (; next < receivedAt; next += tickMs) keep(engine.tick(next).decisions);
    if (isFresh(Date.parse(sighting.time), receivedAt)) keep(engine.sighting(sighting, receivedAt).decisions);
  }
  for (; next < until; next += tickMs) keep(engine.tick(next).decisions);
  keep(engine.tick(until).decisions);
  return last;
}

export interface StoredAlert {
  track_id: string;
  aircraft: AircraftType;
  zoneIds: string[];
}

/**
 * The decisions that make the stored alerts in force agree with the rebuilt engine's: an update where its
 * zones differ, a cancel where the engine holds none for the track, an issue where it holds one not stored.
 * Precondition: `last` from replaySightings on an engine over `set`.
 */
export function reconcile(last: ReadonlyMap<string, AlertDecision>, stored: readonly StoredAlert[], set: ZoneSet, now: number): Decision[] {
  const out: Decision[] = [];
  const open = new Map([...last].filter(([, d]) => d.action !== 'cancel'));
  for (const s of stored) {
    const d = open.get(s.track_id);
    open.delete(s.track_id);
    if (!d) {
      const ended = last.get(s.track_id);
      out.push({ time: now, trackId: s.track_id, aircraft: s.aircraft, action: 'cancel', zones: [], reason: ended?.reason ?? TRACK_LOST });
      continue;
    }
    const ids = new Set(d.zones.map((z) => set.zones[z.zone]!.id));
    const same = ids.size === s.zoneIds.length && s.zoneIds.every((id) => ids.has(id));
    if (!same) out.push({ time: now, trackId: d.trackId, aircraft: d.aircraft, action: 'update', zones: d.zones });
  }
  for (const d of open.values()) out.push({ time: now, trackId: d.trackId, aircraft: d.aircraft, action: 'issue', zones: d.zones });
  return out;
}
