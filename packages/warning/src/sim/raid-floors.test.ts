import { describe, expect, it } from 'vitest';
import { buildPrior } from '../prior/prior.js';
import { city, T0 } from '../test-support/scenario.js';
import { syntheticHistory } from './history.js';
import { Prng } from './prng.js';
import { simulateRaid } from './simulate.js';

// A regression floor, not the targets: one fixed raid over a 12 km hex-grid city with coarse samples
// (to stay fast), scored with the engine's defaults. The floors sit a little under what the defaults reach
// today (hit rate 74%, median lead 1.12 min where seen 5 min out, 1.92 min over the hits, 3.77 zones per
// message with each alert's budget of 4 a message; 3.74 under a flat cap of 4), so a change that makes the
// warnings clearly worse fails here: without holding warned zones the aircraft may reach within 3 minutes,
// and without the cone's 1/d, the hit rate was 62%; with the tracker's 99.9% gate and circle centres weighed
// by the fixes' own errors alone, 72% and 0.99 min. The median over the
// hits fell from 2.6 min when the hold began catching late strikes (short leads) that were misses before. 50 strikes are a small sample: the
// figures to quote come from `civdef simulate raid` over the demo city, 200 strikes and five seeds (README).
const { set } = city(300);
const prior = buildPrior(set, syntheticHistory(set, new Prng(11), { end: T0 - 86_400_000 }), { now: T0 });

describe('the raid simulator, scored with the default engine', () => {
  it('keeps hit rate, lead time and zones per alert above their floors on a fixed raid', { timeout: 60_000 }, () => {
    const r = simulateRaid({ zones: set, prior, seed: 1, strikes: 50, start: T0 });
    expect(r.strikes).toBe(50);
    expect(r.hitRate).toBeGreaterThanOrEqual(0.72);
    expect(r.visible5MedianLeadMin).toBeGreaterThanOrEqual(1.05);
    expect(r.medianLeadMin).toBeGreaterThanOrEqual(1.75);
    expect(r.zonesPerMessage).toBeLessThanOrEqual(4);
  });
});
