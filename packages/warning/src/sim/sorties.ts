// The raid's sorties: each aircraft takes off from a base outside the city, flies a dog-leg toward a target
// drawn from the prior's own distribution (with noise), sometimes circles first, strikes, sometimes circles
// and strikes the same site again (a double tap), then flies home. Nothing here looks at the forecast.
import type { AircraftType } from '@civdef/core';
import { dist } from '../geo/angles.js';
import type { XY } from '../geo/projection.js';
import { zoneIndexAt, type Prior } from '../prior/prior.js';
import { AIRCRAFT } from '../tracks/aircraft.js';
import type { ZoneSet } from '../zones/zone.js';
import { FlightBuilder, type Segment } from './flight.js';
import type { Prng } from './prng.js';

export interface Base {
  name: string;
  lat: number;
  lon: number;
  types: AircraftType[];
}

export interface SimStrike {
  sortie: number;
  time: number;
  at: XY;
  /** The zone index it fell in. */
  zone: number;
  doubleTap: boolean;
}

export interface Sortie {
  index: number;
  type: AircraftType;
  base: Base;
  segments: Segment[];
  start: number;
  end: number;
  strikes: SimStrike[];
}

export interface SortieOptions {
  /** Metres of Gaussian noise added to a target drawn from the prior; default 300. */
  targetNoiseM?: number;
  /** Mix of aircraft; default helicopters 45%, jets 45%, drones 10%. */
  mix?: Partial<Record<AircraftType, number>>;
  /** Chance of circling before the first strike; default 0.25. */
  circleFirst?: number;
  /** Chance of a second strike on the same site after circling; default 0.15. */
  doubleTap?: number;
}

/** A target: a zone drawn by the prior's probability, a point in it, then noise; redrawn until inside a zone. */
export function drawTarget(set: ZoneSet, prior: Prior, rng: Prng, noiseM: number): { at: XY; zone: number } {
  for (;;) {
    const z = set.zones[rng.weighted(prior.probability)]!;
    const cell = set.sampleSpacing;
    const s = z.samples[Math.floor(rng.next() * z.samples.length)]!;
    const at = { x: s.x + rng.uniform(-cell / 2, cell / 2) + rng.normal(0, noiseM), y: s.y + rng.uniform(-cell / 2, cell / 2) + rng.normal(0, noiseM) };
    const { lat, lon } = set.projection.toLatLon(at);
    const zone = zoneIndexAt(set, lat, lon);
    if (zone >= 0) return { at, zone };
  }
}

/** Plans one sortie taking off at `start`. Precondition: bases hold one that flies `type`. */
export function planSortie(index: number, type: AircraftType, start: number, set: ZoneSet, prior: Prior, bases: Base[], rng: Prng, o: SortieOptions): Sortie {
  const able = bases.filter((b) => b.types.includes(type));
  const base = able[Math.floor(rng.next() * able.length)]!;
  const home = set.projection.toXY(base.lat, base.lon);
  const profile = AIRCRAFT[type];
  const speed = profile.speed * Math.exp(rng.normal(0, 0.1));
  const target = drawTarget(set, prior, rng, o.targetNoiseM ?? 300);
  const f = new FlightBuilder(home, start, speed);
  // A dog-leg: halfway, off to one side by up to a fifth of the distance, then straight at the target.
  const d = dist(home, target.at);
  const [ux, uy] = [(target.at.x - home.x) / d, (target.at.y - home.y) / d];
  const side = rng.normal(0, 0.12 * d);
  f.lineTo({ x: home.x + ux * d * 0.5 - uy * side, y: home.y + uy * d * 0.5 + ux * side });
  if (rng.chance(o.circleFirst ?? 0.25)) {
    const c = { x: target.at.x + rng.normal(0, 800), y: target.at.y + rng.normal(0, 800) };
    f.circle(c, profile.circleRadius, rng.uniform(2, 5) * 60_000, rng.chance(0.5));
  }
  f.lineTo(target.at);
  const strikes: SimStrike[] = [{ sortie: index, time: f.time, at: target.at, zone: target.zone, doubleTap: false }];
  if (rng.chance(o.doubleTap ?? 0.15)) {
    f.circle(target.at, profile.circleRadius, rng.uniform(3, 8) * 60_000, rng.chance(0.5));
    const again = { x: target.at.x + rng.normal(0, 150), y: target.at.y + rng.normal(0, 150) };
    const { lat, lon } = set.projection.toLatLon(again);
    const zone = zoneIndexAt(set, lat, lon);
    f.lineTo(again);
    if (zone >= 0) strikes.push({ sortie: index, time: f.time, at: again, zone, doubleTap: true });
  }
  f.lineTo(home);
  return { index, type, base, segments: f.segments, start, end: f.time, strikes };
}
