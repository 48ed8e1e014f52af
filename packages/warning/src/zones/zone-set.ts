import { dist } from '../geo/angles.js';
import { LocalProjection } from '../geo/projection.js';
import type { Zone, ZoneSet } from './zone.js';

/** The default spacing of zone sample points: 150 m makes ~44 points per km². */
export const DEFAULT_SAMPLE_SPACING_M = 150;

/** A projection centred on the middle of the bounding box of some [lon, lat] positions. Precondition: at least one. */
export function projectionAround(positions: Iterable<[number, number]>): LocalProjection {
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  for (const [lon, lat] of positions) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  return new LocalProjection((minLat + maxLat) / 2, (minLon + maxLon) / 2);
}

/** Bundles zones built on one projection. Precondition: at least one zone, all built on `projection` at `spacing`. */
export function zoneSetOf(projection: LocalProjection, zones: Zone[], spacing: number): ZoneSet {
  const o = { x: 0, y: 0 };
  let radius = 0;
  for (const z of zones) for (const polygon of z.shape) for (const p of polygon[0] ?? []) radius = Math.max(radius, dist(o, p));
  return { projection, zones, sampleSpacing: spacing, radius };
}
