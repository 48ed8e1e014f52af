// Places a unit should not drive into yet. Aircraft return to strike the rescuers and the crowd that gathers
// ("double tap"). Where the warning engine saw an aircraft near a strike, its advisory says so
// (aircraft-advisories.ts); where it saw none, a strike is still taken to stay dangerous within a configured
// radius for a configured time (CIVDEF_DOUBLE_TAP_RADIUS_M, CIVDEF_DOUBLE_TAP_MINUTES). Dispatch reads
// hazards through HazardSource, one source for each, combined.
import { haversineMeters, type Hazard, type Incident } from '@civdef/core';

/** Anything that knows of hazards: the strike window below, the warning engine's advisories. */
export interface HazardSource {
  /** Hazards whose area holds the point at `now`, nearest first. Precondition: valid degrees. */
  hazardsAt(point: { lat: number; lon: number }, now: Date): Promise<Hazard[]>;
}

export interface StrikeWindow {
  radiusM: number;
  minutes: number;
}

export type Strike = Pick<Incident, 'id' | 'kind' | 'lat' | 'lon' | 'occurred_at'>;

/** The strike-window hazards over a point at `now`, nearest strike first. Precondition: occurred_at ISO times. */
export function strikeWindowHazards(strikes: readonly Strike[], point: { lat: number; lon: number }, now: Date, w: StrikeWindow): Hazard[] {
  if (w.radiusM <= 0 || w.minutes <= 0) return [];
  const t = now.getTime();
  return strikes
    .map((s) => ({ s, d: haversineMeters(point.lat, point.lon, s.lat, s.lon), start: Date.parse(s.occurred_at) }))
    .filter(({ d, start }) => d <= w.radiusM && start <= t && t < start + w.minutes * 60_000)
    .sort((a, b) => a.d - b.d)
    .map(({ s, d, start }) => {
      const until = new Date(start + w.minutes * 60_000).toISOString();
      const ago = Math.round((t - start) / 60_000);
      return {
        source: 'strike-window',
        incident_id: s.id,
        lat: s.lat,
        lon: s.lon,
        radius_m: w.radiusM,
        until,
        detail: `${s.kind} ${ago} min ago, ${Math.round(d)} m from here: aircraft may return; hold outside ${w.radiusM} m until ${until}`,
      };
    });
}

/** One source that asks each of several, nearest hazards first; at equal distance, in the sources' order. Precondition: none. */
export function combineHazardSources(sources: readonly HazardSource[]): HazardSource {
  return {
    async hazardsAt(point, now) {
      const all = (await Promise.all(sources.map((s) => s.hazardsAt(point, now)))).flat();
      const d = (h: Hazard) => haversineMeters(point.lat, point.lon, h.lat, h.lon);
      return all.sort((a, b) => d(a) - d(b));
    },
  };
}
