import { describe, expect, it } from 'vitest';
import { buildPrior } from '../prior/prior.js';
import { city, T0 } from '../test-support/scenario.js';
import { syntheticHistory } from './history.js';
import { Prng } from './prng.js';
import { simulateRaid } from './simulate.js';
import { drawTarget } from './sorties.js';

// Coarse samples and few strikes: this checks the simulator's contract, not the engine's figures.
const { set } = city(400);
const prior = buildPrior(set, syntheticHistory(set, new Prng(5), { end: T0 - 86_400_000, count: 400 }), { now: T0 });

describe('simulateRaid', () => {
  it('is deterministic for a seed, and flies exactly the strikes asked for', () => {
    const a = simulateRaid({ zones: set, prior, seed: 3, strikes: 6, start: T0 });
    const b = simulateRaid({ zones: set, prior, seed: 3, strikes: 6, start: T0 });
    const { decisions: da, advisories: _a, ...ra } = a;
    const { decisions: db, advisories: _b, ...rb } = b;
    expect(ra).toEqual(rb);
    expect(da).toEqual(db);
    expect(a.strikes).toBe(6);
    expect(a.hits).toBeLessThanOrEqual(6);
    expect(a.hitRate).toBeGreaterThanOrEqual(0);
    expect(a.sightings).toBeGreaterThan(6);
    expect(a.decisions.length).toBeGreaterThan(0);
    // The per-type figures split the same strikes and hits.
    const types = Object.values(a.byType);
    expect(types.reduce((s, t) => s + t.strikes, 0)).toBe(6);
    expect(types.reduce((s, t) => s + t.hitRate * t.strikes, 0)).toBeCloseTo(a.hits, 9);
    expect(types.reduce((s, t) => s + t.visible5, 0)).toBe(a.visible5);
    const c = simulateRaid({ zones: set, prior, seed: 4, strikes: 6, start: T0 });
    expect(c.sightings).not.toBe(a.sightings);
  });

  it('places strikes by the prior, not by the engine: another alert policy meets the same strikes', () => {
    const loose = simulateRaid({ zones: set, prior, seed: 3, strikes: 6, start: T0, engine: { policy: { maxZones: 1, maxImminent: 0 } } });
    const base = simulateRaid({ zones: set, prior, seed: 3, strikes: 6, start: T0 });
    expect(loose.sightings).toBe(base.sightings);
    expect(loose.zonesPerMessage).toBeLessThanOrEqual(1);
    expect(loose.visible5).toBe(base.visible5);
  });
});

describe('drawTarget', () => {
  it('draws zones in proportion to the prior', () => {
    const rng = new Prng(9);
    const counts = new Float64Array(set.zones.length);
    const n = 4000;
    for (let i = 0; i < n; i++) counts[drawTarget(set, prior, rng, 0).zone]!++;
    const top = prior.probability.indexOf(Math.max(...prior.probability));
    expect(counts[top]! / n).toBeCloseTo(prior.probability[top]!, 1);
    const total = set.zones.reduce((s, _z, i) => s + Math.abs(counts[i]! / n - prior.probability[i]!), 0);
    expect(total).toBeLessThan(0.15);
  });
});
