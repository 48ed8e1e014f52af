// A made-up strike history for a city with no real one: strikes cluster around a few hotspots (a front line,
// markets, hospitals), the rest fall anywhere. Real histories are clustered like this; how much is a choice,
// stated here: 75% of strikes within ~700 m of one of 8 hotspots of unequal weight.
import type { Strike } from '../prior/prior.js';
import type { ZoneSet } from '../zones/zone.js';
import type { Prng } from './prng.js';

export interface HistoryOptions {
  /** Strikes; default 1500. */
  count?: number;
  /** Spread over this many days before `end`; default 365. */
  days?: number;
  /** Epoch ms of the last day. */
  end: number;
  hotspots?: number;
  /** Share of strikes around hotspots; default 0.75. */
  clustered?: number;
}

/** Random strikes over the zones. Precondition: the zone set has samples. */
export function syntheticHistory(set: ZoneSet, rng: Prng, o: HistoryOptions): Strike[] {
  const all = set.zones.flatMap((z) => z.samples);
  const spots = Array.from({ length: o.hotspots ?? 8 }, () => ({ at: all[Math.floor(rng.next() * all.length)]!, weight: Math.exp(rng.normal(0, 0.8)) }));
  const weights = spots.map((s) => s.weight);
  const days = o.days ?? 365;
  return Array.from({ length: o.count ?? 1500 }, () => {
    const p = rng.chance(o.clustered ?? 0.75)
      ? ((s) => ({ x: s.x + rng.normal(0, 700), y: s.y + rng.normal(0, 700) }))(spots[rng.weighted(weights)]!.at)
      : all[Math.floor(rng.next() * all.length)]!;
    const { lat, lon } = set.projection.toLatLon(p);
    return { lat, lon, time: o.end - Math.floor(rng.next() * days * 86_400_000) };
  });
}
