// Where strikes have fallen before, per zone: each strike counts by its weight halved every half-life of age,
// and a floor spread over the zones by area keeps every zone possible.
import { pointInPolygon } from '../geo/polygon.js';
import type { ZoneSet } from '../zones/zone.js';

export interface Strike {
  lat: number;
  lon: number;
  /** Epoch milliseconds. */
  time: number;
  /** Default 1. */
  weight?: number;
}

export interface PriorOptions {
  /** Strikes after now are ignored (the prior never looks ahead). Epoch ms. */
  now: number;
  /** Age at which a strike counts half; default 90 days. */
  halfLifeDays?: number;
  /** Share of the probability spread over all zones by area; default 0.1. In (0, 1]. */
  floor?: number;
}

export interface Prior {
  /** Probability that a strike falls in each zone (sums to 1), by zone index. */
  probability: Float64Array;
  /** probability / area: per square metre, by zone index. */
  density: Float64Array;
  /** The decayed weight of history per zone at `now`, by zone index. */
  mass: Float64Array;
  now: number;
  halfLifeMs: number;
  floor: number;
  /** Strikes counted, and those outside every zone or after now (not counted). */
  counted: number;
  outside: number;
  future: number;
}

/** The index of the zone holding the point, or -1. */
export function zoneIndexAt(set: ZoneSet, lat: number, lon: number): number {
  const p = set.projection.toXY(lat, lon);
  return set.zones.findIndex((z) => z.shape.some((polygon) => pointInPolygon(p, polygon)));
}

/** The per-zone prior. Precondition: set has zones of positive area; weights >= 0. */
export function buildPrior(set: ZoneSet, strikes: Iterable<Strike>, o: PriorOptions): Prior {
  const n = set.zones.length;
  const halfLifeMs = (o.halfLifeDays ?? 90) * 86_400_000;
  const floor = o.floor ?? 0.1;
  const mass = new Float64Array(n);
  let counted = 0, outside = 0, future = 0;
  for (const s of strikes) {
    if (s.time > o.now) {
      future++;
      continue;
    }
    const z = zoneIndexAt(set, s.lat, s.lon);
    if (z < 0) {
      outside++;
      continue;
    }
    const w = (s.weight ?? 1) * 0.5 ** ((o.now - s.time) / halfLifeMs);
    mass[z]! += w;
    counted++;
  }
  return normalise(set, { mass, now: o.now, halfLifeMs, floor, counted, outside, future });
}

function normalise(set: ZoneSet, p: Omit<Prior, 'probability' | 'density'>): Prior {
  const n = set.zones.length;
  const total = p.mass.reduce((s, m) => s + m, 0);
  const area = set.zones.reduce((s, z) => s + z.areaM2, 0);
  const probability = new Float64Array(n);
  const density = new Float64Array(n);
  // With no history at all, the floor is everything: strikes equally likely per square metre.
  const historyShare = total > 0 ? 1 - p.floor : 0;
  set.zones.forEach((z, i) => {
    probability[i] = (total > 0 ? (historyShare * p.mass[i]!) / total : 0) + ((1 - historyShare) * z.areaM2) / area;
    density[i] = probability[i]! / z.areaM2;
  });
  return { ...p, probability, density };
}

/** The prior with one more strike (our own incident), aged to its time. Precondition: prior was built on set; strike.time >= prior.now. */
export function withStrike(set: ZoneSet, prior: Prior, strike: Strike): Prior {
  const z = zoneIndexAt(set, strike.lat, strike.lon);
  if (z < 0) return { ...prior, outside: prior.outside + 1 };
  const now = Math.max(prior.now, strike.time);
  const decay = 0.5 ** ((now - prior.now) / prior.halfLifeMs);
  const mass = prior.mass.map((m) => m * decay);
  mass[z]! += strike.weight ?? 1;
  return normalise(set, { ...prior, mass, now, counted: prior.counted + 1 });
}
