import { describe, expect, it } from 'vitest';
import { hexGrid } from '../zones/hex-grid.js';
import { buildPrior, withStrike, zoneIndexAt } from './prior.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 1);

describe('buildPrior', () => {
  const set = hexGrid({ south: 36.15, west: 37.09, north: 36.25, east: 37.21, sizeM: 2000 });
  const at = (i: number) => set.projection.toLatLon(set.zones[i]!.centre);
  const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);

  it('is uniform per square metre with no history, and never zero', () => {
    const prior = buildPrior(set, [], { now: NOW });
    expect(sum(prior.probability)).toBeCloseTo(1, 12);
    const d0 = prior.density[0]!;
    for (const d of prior.density) expect(d).toBeCloseTo(d0, 15);
  });

  it('puts mass where strikes fell, with a floor everywhere else', () => {
    const a = at(3);
    const strikes = Array.from({ length: 10 }, () => ({ lat: a.lat, lon: a.lon, time: NOW - DAY }));
    const prior = buildPrior(set, strikes, { now: NOW, floor: 0.2 });
    expect(zoneIndexAt(set, a.lat, a.lon)).toBe(3);
    expect(prior.counted).toBe(10);
    expect(sum(prior.probability)).toBeCloseTo(1, 12);
    const areaShare = set.zones[3]!.areaM2 / set.zones.reduce((s, z) => s + z.areaM2, 0);
    expect(prior.probability[3]).toBeCloseTo(0.8 + 0.2 * areaShare, 12);
    expect(Math.min(...prior.probability)).toBeGreaterThan(0);
  });

  it('halves a strike weight every half-life, and ignores strikes after now or outside every zone', () => {
    const [a, b] = [at(1), at(2)];
    const prior = buildPrior(
      set,
      [
        { lat: a.lat, lon: a.lon, time: NOW - 30 * DAY },
        { lat: b.lat, lon: b.lon, time: NOW - 60 * DAY },
        { lat: b.lat, lon: b.lon, time: NOW + DAY },
        { lat: 10, lon: 10, time: NOW - DAY },
      ],
      { now: NOW, halfLifeDays: 30, floor: 0.01 },
    );
    expect({ counted: prior.counted, future: prior.future, outside: prior.outside }).toEqual({ counted: 2, future: 1, outside: 1 });
    const excess = (i: number) => prior.probability[i]! - prior.probability[0]!;
    expect(excess(1) / excess(2)).toBeCloseTo(2, 9);
  });
});

describe('withStrike', () => {
  const set = hexGrid({ south: 36.15, west: 37.09, north: 36.25, east: 37.21, sizeM: 2000 });
  it('adds our own incident to the history, aged from the prior time', () => {
    const a = set.projection.toLatLon(set.zones[5]!.centre);
    const prior = buildPrior(set, [{ ...a, time: NOW - 30 * DAY }], { now: NOW, halfLifeDays: 30, floor: 0.1 });
    const b = set.projection.toLatLon(set.zones[6]!.centre);
    const next = withStrike(set, prior, { ...b, time: NOW + 30 * DAY });
    // Zone 5's strike is now 60 days old (weight 1/4), zone 6's is new (weight 1).
    expect(next.mass[5]).toBeCloseTo(0.25, 12);
    expect(next.mass[6]).toBeCloseTo(1, 12);
    expect(next.probability.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(next.counted).toBe(2);
    expect(buildPrior(set, [{ ...a, time: NOW - 30 * DAY }, { ...b, time: NOW + 30 * DAY }], { now: NOW + 30 * DAY, halfLifeDays: 30, floor: 0.1 }).probability).toEqual(next.probability);
  });
});
