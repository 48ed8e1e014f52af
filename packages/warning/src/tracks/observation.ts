// A sighting turned into a measurement on the local map: where the aircraft probably is, how sure that is,
// and its velocity when a heading was reported.
import type { AircraftType, SightingCreate } from '@civdef/core';
import { destination } from '../geo/angles.js';
import type { LocalProjection, XY } from '../geo/projection.js';
import { AIRCRAFT } from './aircraft.js';
import { covAlong, type Cov2 } from './kalman.js';

export interface Observation {
  id: string;
  /** Epoch ms. */
  time: number;
  type: AircraftType;
  pos: XY;
  posCov: Cov2;
  velocity?: { v: XY; cov: Cov2 };
  circling: boolean;
  /** A take-off report from a base. */
  takeOff: boolean;
  spotter: XY;
}

// Spotters' errors, one standard deviation: a compass bearing by eye, a distance guessed by eye or ear,
// a direction of flight. Estimates, not measured facts: the simulator draws its spotters' errors independently.
const BEARING_SD_DEG = 8;
const DISTANCE_SD = 0.35;
const HEADING_SD_DEG = 15;
const BASE_SD_M = 1000;

/** The observation a valid sighting makes. Precondition: s passed SightingCreate (so it can be placed). */
export function observe(s: SightingCreate, projection: LocalProjection): Observation {
  const p = AIRCRAFT[s.aircraft];
  const spotter = projection.toXY(s.spotter.lat, s.spotter.lon);
  let pos: XY;
  let posCov: Cov2;
  if (s.base) {
    pos = projection.toXY(s.base.lat, s.base.lon);
    posCov = [BASE_SD_M ** 2, 0, BASE_SD_M ** 2];
  } else if (s.overhead) {
    pos = spotter;
    posCov = [p.overheadSpread ** 2, 0, p.overheadSpread ** 2];
  } else {
    const bearing = s.bearing_deg!;
    const d = s.distance_m ?? p.typicalRange;
    // Without a distance the aircraft is anywhere along the bearing out to about twice the typical range.
    const along = s.distance_m === undefined ? p.typicalRange : DISTANCE_SD * d + 100;
    const across = d * Math.sin((BEARING_SD_DEG * Math.PI) / 180) + 50;
    pos = destination(spotter, bearing, d);
    posCov = covAlong(bearing, along, across);
  }
  const velocity =
    s.heading_deg === undefined
      ? undefined
      : {
          v: destination({ x: 0, y: 0 }, s.heading_deg, p.speed),
          cov: covAlong(s.heading_deg, p.speed * p.speedSpread, p.speed * Math.sin((HEADING_SD_DEG * Math.PI) / 180)),
        };
  return {
    id: s.id,
    time: Date.parse(s.time),
    type: s.aircraft,
    pos,
    posCov,
    ...(velocity ? { velocity } : {}),
    circling: s.circling === true,
    takeOff: s.base !== undefined,
    spotter,
  };
}
