import type { ZoneSet } from '../zones/zone.js';

/** Every zone's sample points in flat arrays, for the forecast's inner loop. */
export interface SampleGrid {
  x: Float64Array;
  y: Float64Array;
  zone: Int32Array;
}

const cache = new WeakMap<ZoneSet, SampleGrid>();

/** The zone set's samples, flattened once and cached. Precondition: the set is not mutated afterwards. */
export function sampleGrid(set: ZoneSet): SampleGrid {
  let g = cache.get(set);
  if (g) return g;
  const n = set.zones.reduce((s, z) => s + z.samples.length, 0);
  g = { x: new Float64Array(n), y: new Float64Array(n), zone: new Int32Array(n) };
  let k = 0;
  set.zones.forEach((z, i) => {
    for (const p of z.samples) {
      g!.x[k] = p.x;
      g!.y[k] = p.y;
      g!.zone[k++] = i;
    }
  });
  cache.set(set, g);
  return g;
}
