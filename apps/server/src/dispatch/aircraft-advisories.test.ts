import { describe, expect, it } from 'vitest';
import type { DoubleTapAdvisoryData } from '@civdef/core';
import { aircraftAdvisoryHazards } from './aircraft-advisories.js';

const T = Date.parse('2026-03-01T10:00:00Z');
const iso = (m: number) => new Date(T + m * 60_000).toISOString();
const advisory = (over: Partial<DoubleTapAdvisoryData> = {}): DoubleTapAdvisoryData => ({
  incident_id: '01JD2Q7ZK3X8J5W6V4T2R0P9NM',
  time: iso(0),
  lat: 36.2,
  lon: 37.15,
  radius_m: 1000,
  until: iso(20),
  track_ids: ['01JD2Q7ZK3X8J5W6V4T2R0P9AA'],
  ...over,
});
const near = { lat: 36.2 + 0.008, lon: 37.15 }; // ~890 m north

describe('aircraftAdvisoryHazards', () => {
  it('holds a point inside the area from the advisory until its end, and names the aircraft advisory', () => {
    const [h] = aircraftAdvisoryHazards([advisory()], near, new Date(T + 5 * 60_000));
    expect(h).toMatchObject({ source: 'aircraft-advisory', radius_m: 1000, until: iso(20), lat: 36.2, lon: 37.15 });
    expect(h!.detail).toMatch(/an aircraft near the strike 890 m from here may return/);
    expect(aircraftAdvisoryHazards([advisory()], near, new Date(T + 20 * 60_000))).toEqual([]);
    expect(aircraftAdvisoryHazards([advisory()], near, new Date(T - 60_000))).toEqual([]);
    expect(aircraftAdvisoryHazards([advisory()], { lat: 36.2 + 0.01, lon: 37.15 }, new Date(T))).toEqual([]); // ~1.1 km
  });

  it('keeps the latest advisory of an incident and orders incidents nearest first', () => {
    const other = advisory({ incident_id: '01JD2Q7ZK3X8J5W6V4T2R0P9NN', lat: 36.2 + 0.004 });
    const renewed = advisory({ time: iso(10), until: iso(30), track_ids: ['a', 'b'] });
    const hs = aircraftAdvisoryHazards([advisory(), renewed, other], near, new Date(T + 25 * 60_000));
    expect(hs.map((h) => [h.incident_id, h.until])).toEqual([
      [renewed.incident_id, iso(30)],
    ]);
    const both = aircraftAdvisoryHazards([advisory(), other], near, new Date(T + 60_000));
    expect(both.map((h) => h.incident_id)).toEqual([other.incident_id, advisory().incident_id]);
    expect(hs[0]!.detail).toMatch(/^2 aircraft/);
  });
});
