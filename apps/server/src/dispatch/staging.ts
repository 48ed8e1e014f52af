// Where a unit heading into a hazard should wait: on its own route, at the last point before the route
// enters the hazard's circle. That point is on the road the unit is driving, so it needs no other search,
// and it is the nearest safe place to the site along the way the unit will go on.
import { haversineMeters } from '@civdef/core';

export interface StagingPoint {
  lat: number;
  lon: number;
  /** Straight-line distance from the hazard centre, metres. */
  distance_m: number;
}

type Position = readonly [number, number]; // [lon, lat]

/**
 * The point on the route where it first comes within radiusM of the centre, or null when the route starts
 * inside (the unit is already there) or is empty. A route that never enters ends at its last point.
 * Precondition: geometry in [lon, lat]; radiusM > 0.
 */
export function stagingPoint(geometry: readonly Position[], centre: { lat: number; lon: number }, radiusM: number): StagingPoint | null {
  const dist = (p: Position) => haversineMeters(p[1], p[0], centre.lat, centre.lon);
  if (geometry.length === 0 || dist(geometry[0]!) <= radiusM) return null;
  for (let i = 1; i < geometry.length; i++) {
    const a = geometry[i - 1]!;
    const b = geometry[i]!;
    if (dist(b) > radiusM) continue;
    // Along a street segment the distance to the centre falls from > radius to <= radius: bisect for the crossing.
    let lo = 0;
    let hi = 1;
    for (let k = 0; k < 40; k++) {
      const mid = (lo + hi) / 2;
      if (dist(lerp(a, b, mid)) > radiusM) lo = mid;
      else hi = mid;
    }
    const p = lerp(a, b, lo);
    return { lat: p[1], lon: p[0], distance_m: Math.round(dist(p) * 10) / 10 };
  }
  const last = geometry[geometry.length - 1]!;
  return { lat: last[1], lon: last[0], distance_m: Math.round(dist(last) * 10) / 10 };
}

const lerp = (a: Position, b: Position, f: number): Position => [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
