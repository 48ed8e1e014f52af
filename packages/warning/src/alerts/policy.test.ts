import { describe, expect, it } from 'vitest';
import type { TrackForecast, ZoneForecast } from '../forecast/forecast.js';
import { DEFAULT_POLICY, selectZones, zoneCap } from './policy.js';

const NOW = 1_000_000;
const zone = (zone: number, probability: number, imminent = 0, earliestMin = 1): ZoneForecast => ({
  zone,
  probability,
  imminent,
  earliest: NOW + earliestMin * 60_000,
  latest: NOW + (earliestMin + 2) * 60_000,
});
const forecast = (zones: ZoneForecast[]): TrackForecast => ({
  trackId: 't',
  time: NOW,
  mode: 'cone',
  position: { x: 0, y: 0 },
  positionSd: 500,
  speed: 55,
  zones: [...zones].sort((a, b) => b.probability - a.probability),
});
const ids = (zs: ZoneForecast[]) => zs.map((z) => z.zone).sort((a, b) => a - b);

describe('selectZones', () => {
  const p = { ...DEFAULT_POLICY, maxImminent: 1, maxZones: 3, coverage: 0.8, minProbability: 0.08, keepProbability: 0.03, holdMs: 0 };

  it('takes the zone just ahead, then the likeliest targets, at most maxZones', () => {
    const f = forecast([zone(1, 0.3), zone(2, 0.25), zone(3, 0.2), zone(4, 0.1), zone(5, 0.05, 0.9)]);
    expect(ids(selectZones(f, new Set(), p))).toEqual([1, 2, 5]);
  });

  it('stops once the chosen zones cover enough probability, and never adds an unlikely one', () => {
    expect(ids(selectZones(forecast([zone(1, 0.85), zone(2, 0.1)]), new Set(), p))).toEqual([1]);
    expect(ids(selectZones(forecast([zone(1, 0.05), zone(2, 0.04)]), new Set(), p))).toEqual([]);
  });

  it('gives no slot to a zone the aircraft only flies over on its way, when it is unlikely to be the target', () => {
    const f = forecast([zone(1, 0.4), zone(2, 0.3), zone(3, 0.2), zone(5, 0.01, 0.9)]);
    expect(ids(selectZones(f, new Set(), { ...p, minImminentProbability: 0 }))).toEqual([1, 2, 5]);
    expect(ids(selectZones(f, new Set(), { ...p, minImminentProbability: 0.02 }))).toEqual([1, 2, 3]);
  });

  it('leaves out zones the aircraft cannot reach within the horizon', () => {
    expect(ids(selectZones(forecast([zone(1, 0.5, 0, 30), zone(2, 0.3)]), new Set(), p))).toEqual([2]);
  });

  it('keeps a zone already warned while it stays plausible, so warnings do not flicker', () => {
    const f = forecast([zone(1, 0.3), zone(2, 0.28), zone(3, 0.22), zone(4, 0.2)]);
    const q = { ...p, maxImminent: 0, maxZones: 2, coverage: 1 };
    expect(ids(selectZones(f, new Set(), q))).toEqual([1, 2]);
    expect(ids(selectZones(f, new Set([4]), q))).toEqual([1, 4]);
    expect(ids(selectZones(forecast([zone(1, 0.9), zone(4, 0.02)]), new Set([4]), q))).toEqual([1]);
  });

  it('holds a warned zone the aircraft may reach within holdMs against likelier rivals, leaving holdFree slots', () => {
    const q = { ...p, maxImminent: 1, maxZones: 3, coverage: 1, stickiness: 1, holdMs: 180_000, holdFree: 1 };
    // Zones 1 and 2 were warned; now 3, 4 and 5 are each far likelier, and 6 is just ahead.
    const f = forecast([zone(1, 0.04, 0, 1), zone(2, 0.05, 0, 2), zone(3, 0.3), zone(4, 0.25), zone(5, 0.2), zone(6, 0.1, 0.9)]);
    expect(ids(selectZones(f, new Set([1, 2]), q))).toEqual([1, 2, 6]);
    // Without holding, the rivals and the path ahead push both out.
    expect(ids(selectZones(f, new Set([1, 2]), { ...q, holdMs: 0 }))).toEqual([3, 4, 6]);
    // A warned zone the aircraft cannot reach for 5 minutes, or has flown past, is not held.
    const later = forecast([zone(1, 0.04, 0, 5), zone(2, 0.05, 0, -3), zone(3, 0.3), zone(4, 0.25), zone(6, 0.1, 0.9)]);
    expect(ids(selectZones(later, new Set([1, 2]), q))).toEqual([3, 4, 6]);
    // Nor one no longer plausible.
    expect(ids(selectZones(forecast([zone(1, 0.001, 0, 1), zone(3, 0.3)]), new Set([1]), q))).toEqual([3]);
  });
});

describe('zoneCap', () => {
  const p = { ...DEFAULT_POLICY, maxZones: 6, meanZones: 4 };

  it('spends only what the alert saved: a first message, or one after full messages, gets meanZones at most', () => {
    expect(zoneCap({ messages: 0, zones: 0 }, p)).toBe(4);
    expect(zoneCap({ messages: 5, zones: 20 }, p)).toBe(4);
    expect(zoneCap({ messages: 5, zones: 19 }, p)).toBe(5);
    expect(zoneCap({ messages: 5, zones: 12 }, p)).toBe(6);
    expect(zoneCap({ messages: 5, zones: 12 }, { ...p, maxZones: 4 })).toBe(4);
  });
});
