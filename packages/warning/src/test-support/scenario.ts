// Shared test fixtures: a hex-grid city and sightings of an aircraft at map points.
import type { AircraftType, SightingCreate } from '@civdef/core';
import { destination } from '../geo/angles.js';
import type { XY } from '../geo/projection.js';
import { buildPrior, type Prior } from '../prior/prior.js';
import { hexGrid } from '../zones/hex-grid.js';
import type { ZoneSet } from '../zones/zone.js';

export const T0 = Date.UTC(2026, 2, 1, 10);

/** About 12 km x 12 km of 1.5 km hexagons around 36.2 N 37.15 E, uniform prior; coarser samples make it quicker. */
export function city(sampleSpacing?: number): { set: ZoneSet; prior: Prior } {
  const set = hexGrid({ south: 36.145, west: 37.083, north: 36.255, east: 37.217, sizeM: 1500, ...(sampleSpacing ? { sampleSpacing } : {}) });
  return { set, prior: buildPrior(set, [], { now: T0 }) };
}

/** The index of the zone whose centre is nearest p. */
export function zoneNear(set: ZoneSet, p: XY): number {
  let best = 0;
  set.zones.forEach((z, i) => {
    if (Math.hypot(z.centre.x - p.x, z.centre.y - p.y) < Math.hypot(set.zones[best]!.centre.x - p.x, set.zones[best]!.centre.y - p.y)) best = i;
  });
  return best;
}

let n = 0;
/** A sighting of an aircraft at `at` by a spotter 1.5 km to its south, at T0 + min minutes. */
export function sightingAt(set: ZoneSet, min: number, at: XY, extra: Partial<SightingCreate> & { aircraft?: AircraftType } = {}): SightingCreate {
  const spotter = set.projection.toLatLon(destination(at, 180, 1500));
  return { id: `T${++n}`, time: new Date(T0 + min * 60_000).toISOString(), spotter, aircraft: 'helicopter', bearing_deg: 0, distance_m: 1500, ...extra };
}
