import { haversineMeters } from '@civdef/core';
import { describe, expect, it } from 'vitest';
import { combineHazardSources, strikeWindowHazards, type Strike } from './hazards.js';

const at = (min: number) => new Date(Date.UTC(2026, 0, 1, 12, min));
const strike = (id: string, lat: number, lon: number, min: number): Strike => ({ id, kind: 'airstrike', lat, lon, occurred_at: at(min).toISOString() });
const w = { radiusM: 500, minutes: 10 };

describe('strikeWindowHazards', () => {
  it('holds the ground within the radius until the window ends', () => {
    const s = strike('01J0000000000000000000000A', 36.2, 37.15, 0);
    const near = { lat: 36.2 + 0.004, lon: 37.15 }; // ~445 m north
    expect(haversineMeters(near.lat, near.lon, 36.2, 37.15)).toBeLessThan(500);
    const [h] = strikeWindowHazards([s], near, at(3), w);
    expect(h).toMatchObject({ source: 'strike-window', incident_id: s.id, radius_m: 500, until: at(10).toISOString() });
    expect(h!.detail).toContain('3 min ago');
    expect(strikeWindowHazards([s], near, at(10), w)).toEqual([]);
    expect(strikeWindowHazards([s], { lat: 36.2 + 0.005, lon: 37.15 }, at(3), w)).toEqual([]); // ~556 m
  });

  it('ignores a strike reported for a time still to come, and is off with a zero radius or time', () => {
    const s = strike('01J0000000000000000000000A', 36.2, 37.15, 5);
    expect(strikeWindowHazards([s], s, at(4), w)).toEqual([]);
    expect(strikeWindowHazards([s], s, at(6), { radiusM: 0, minutes: 10 })).toEqual([]);
    expect(strikeWindowHazards([s], s, at(6), { radiusM: 500, minutes: 0 })).toEqual([]);
  });

  it('lists the nearest strike first', () => {
    const far = strike('01J0000000000000000000000F', 36.2 + 0.003, 37.15, 0);
    const near = strike('01J0000000000000000000000N', 36.2 + 0.001, 37.15, 0);
    expect(strikeWindowHazards([far, near], { lat: 36.2, lon: 37.15 }, at(1), w).map((h) => h.incident_id)).toEqual([near.id, far.id]);
  });
});

describe('combineHazardSources', () => {
  it('merges what every source says, nearest first', async () => {
    const a = strike('01J0000000000000000000000A', 36.203, 37.15, 0);
    const b = strike('01J0000000000000000000000B', 36.201, 37.15, 0);
    const source = (s: Strike) => ({ hazardsAt: async (p: { lat: number; lon: number }, now: Date) => strikeWindowHazards([s], p, now, w) });
    const all = await combineHazardSources([source(a), source(b)]).hazardsAt({ lat: 36.2, lon: 37.15 }, at(1));
    expect(all.map((h) => h.incident_id)).toEqual([b.id, a.id]);
  });
});
