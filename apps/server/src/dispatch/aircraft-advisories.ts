// The warning engine's double-tap advisories as dispatch hazards. The engine raises one when a strike is
// reported while a live aircraft track is near enough to come back; it holds the area around the site until
// its `until`. Pure: the caller reads the advisories.
import { haversineMeters, type DoubleTapAdvisoryData, type Hazard } from '@civdef/core';

/** The source name a hold from a warning-engine advisory carries. */
export const AIRCRAFT_ADVISORY = 'aircraft-advisory';

/**
 * The advisories in force at `now` whose area holds the point, as hazards, nearest first; a later advisory for
 * the same incident replaces an earlier one. Precondition: ISO times; valid degrees.
 */
export function aircraftAdvisoryHazards(advisories: readonly DoubleTapAdvisoryData[], point: { lat: number; lon: number }, now: Date): Hazard[] {
  const t = now.getTime();
  const latest = new Map<string, DoubleTapAdvisoryData>();
  for (const a of advisories) {
    const seen = latest.get(a.incident_id);
    if (!seen || Date.parse(seen.time) <= Date.parse(a.time)) latest.set(a.incident_id, a);
  }
  return [...latest.values()]
    .map((a) => ({ a, d: haversineMeters(point.lat, point.lon, a.lat, a.lon) }))
    .filter(({ a, d }) => d <= a.radius_m && Date.parse(a.time) <= t && t < Date.parse(a.until))
    .sort((x, y) => x.d - y.d)
    .map(({ a, d }) => {
      const aircraft = a.track_ids.length === 1 ? 'an aircraft' : `${a.track_ids.length} aircraft`;
      return {
        source: AIRCRAFT_ADVISORY,
        incident_id: a.incident_id,
        lat: a.lat,
        lon: a.lon,
        radius_m: a.radius_m,
        until: a.until,
        detail: `${aircraft} near the strike ${Math.round(d)} m from here may return; hold outside ${a.radius_m} m until ${a.until}`,
      };
    });
}
