// Spotters at fixed posts: observatories at the bases report take-offs; posts around and inside the city report
// what they can see within their sight range, about once a minute, with errors of their own.
import type { AircraftType, SightingCreate } from '@civdef/core';
import { bearingDeg, dist } from '../geo/angles.js';
import type { LocalProjection, XY } from '../geo/projection.js';
import { flightStateAt } from './flight.js';
import type { Prng } from './prng.js';
import type { Sortie } from './sorties.js';

export interface Post {
  at: XY;
}

export interface SimSighting {
  sighting: SightingCreate;
  /** When the engine receives it. */
  receivedAt: number;
  sortie: number;
}

/** Metres within which a spotter can see and place each type. */
export const SIGHT_RANGE_M: Record<AircraftType, number> = { helicopter: 6000, jet: 10_000, drone: 2500, unknown: 5000 };

// The spotters' own errors (one standard deviation), drawn independently of what the engine assumes.
const BEARING_SD = 6;
const DISTANCE_LOG_SD = 0.3;
const HEADING_SD = 12;

/**
 * Posts as a spotter network sets them out: along the approaches from each base (every 8 km from the city's
 * edge toward the base, a little to one side), `ring` more spread 12-30 km around, and `city` inside the city.
 */
export function placePosts(rng: Prng, cityRadius: number, bases: XY[], ring = 8, city = 20): Post[] {
  const at = (r: number, a: number) => ({ at: { x: r * Math.cos(a), y: r * Math.sin(a) } });
  const approaches = bases.flatMap((b) => {
    const d = Math.hypot(b.x, b.y);
    const [ux, uy] = [b.x / d, b.y / d];
    const out: Post[] = [];
    for (let r = cityRadius + 4000; r < d - 4000; r += 8000) {
      const side = rng.normal(0, 1500);
      out.push({ at: { x: ux * r - uy * side, y: uy * r + ux * side } });
    }
    return out;
  });
  return [
    ...approaches,
    ...Array.from({ length: ring }, (_, i) => at(rng.uniform(12_000, 30_000), ((i + rng.next()) / ring) * 2 * Math.PI)),
    ...Array.from({ length: city }, () => at(cityRadius * Math.sqrt(rng.next()), rng.uniform(0, 2 * Math.PI))),
  ];
}

/** Every sighting of one sortie by the base observatory and the posts. Precondition: the sortie is planned. */
export function sightingsOf(s: Sortie, posts: Post[], projection: LocalProjection, rng: Prng, simId: () => string): SimSighting[] {
  const out: SimSighting[] = [];
  const iso = (t: number) => new Date(t).toISOString();
  const latLon = (p: XY) => projection.toLatLon(p);
  const reported = (): AircraftType => (rng.chance(0.9) ? s.type : 'unknown');
  if (rng.chance(0.9)) {
    const first = flightStateAt(s.segments, s.start)!;
    const home = latLon(s.segments[0]!.kind === 'line' ? s.segments[0]!.from : first.pos);
    out.push({
      sortie: s.index,
      receivedAt: s.start + rng.uniform(20, 90) * 1000,
      sighting: {
        id: simId(),
        time: iso(s.start),
        spotter: home,
        aircraft: s.type,
        base: { ...home, name: s.base.name },
        ...(rng.chance(0.7) ? { heading_deg: (first.heading + rng.normal(0, 20) + 360) % 360 } : {}),
      },
    });
  }
  const range = SIGHT_RANGE_M[s.type];
  for (const post of posts) {
    for (let t = s.start + Math.round(rng.uniform(0, 75_000)); t <= s.end; t += Math.round(rng.uniform(60_000, 90_000))) {
      const st = flightStateAt(s.segments, t);
      if (!st) continue;
      const d = dist(post.at, st.pos);
      if (d > range || !rng.chance(0.75)) continue;
      const spotter = latLon(post.at);
      const where =
        d < 700
          ? { overhead: true }
          : {
              bearing_deg: (bearingDeg(post.at, st.pos) + rng.normal(0, BEARING_SD) + 360) % 360,
              ...(rng.chance(0.8) ? { distance_m: Math.min(100_000, d * Math.exp(rng.normal(0, DISTANCE_LOG_SD))) } : {}),
            };
      out.push({
        sortie: s.index,
        receivedAt: t + rng.uniform(10, 40) * 1000,
        sighting: {
          id: simId(),
          time: iso(t),
          spotter,
          aircraft: reported(),
          ...where,
          ...(rng.chance(0.7) ? { heading_deg: (st.heading + rng.normal(0, HEADING_SD) + 360) % 360 } : {}),
          ...(st.circling && rng.chance(0.8) ? { circling: true } : {}),
        },
      });
    }
  }
  return out;
}
