import { describe, expect, it } from 'vitest';
import { SightingCreate, sightingSchemaAt } from './sightings.js';

const NOW = Date.parse('2026-03-01T10:00:00Z');
const base = {
  id: '01JD2Q7ZK3X8J5W6V4T2R0P9NM',
  time: '2026-03-01T09:59:00Z',
  spotter: { lat: 36.2, lon: 37.15 },
  aircraft: 'helicopter',
};
const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('sighting schema', () => {
  const schema = sightingSchemaAt(() => NOW);

  it('accepts a sighting placed by bearing, by bearing and distance, overhead, or by base', () => {
    for (const extra of [{ bearing_deg: 90 }, { bearing_deg: 90, distance_m: 3000, heading_deg: 270 }, { overhead: true }, { base: { lat: 35.4, lon: 36.9, name: 'Hama' } }]) {
      expect(messages(schema.safeParse({ ...base, ...extra }))).toEqual([]);
    }
  });

  it('refuses a sighting that cannot place the aircraft, saying so', () => {
    expect(messages(schema.safeParse({ ...base, heading_deg: 10, circling: true }))).toEqual([
      ': cannot place the aircraft: give bearing_deg (and distance_m), overhead: true, or base',
    ]);
    expect(messages(schema.safeParse({ ...base, distance_m: 2000 }))[0]).toMatch(/^bearing_deg: is required with distance_m/);
    expect(messages(schema.safeParse({ ...base, overhead: false }))[0]).toMatch(/cannot place the aircraft/);
  });

  it('refuses a time in the future beyond the clock skew, but allows the skew', () => {
    expect(messages(schema.safeParse({ ...base, overhead: true, time: '2026-03-01T10:01:59Z' }))).toEqual([]);
    expect(messages(schema.safeParse({ ...base, overhead: true, time: '2026-03-01T10:02:01Z' }))).toEqual([
      'time: is in the future: 2026-03-01T10:02:01Z is after 2026-03-01T10:02:00.000Z (the clock now plus 120 s)',
    ]);
    // The plain schema does not look at a clock.
    expect(SightingCreate.safeParse({ ...base, overhead: true, time: '2099-01-01T00:00:00Z' }).success).toBe(true);
  });

  it('refuses coordinates off the globe and bearings outside 0-360', () => {
    const r = messages(schema.safeParse({ ...base, spotter: { lat: 91, lon: 181 }, bearing_deg: 400 }));
    expect(r).toContain('spotter.lat: latitude must be <= 90');
    expect(r).toContain('spotter.lon: longitude must be <= 180');
    expect(r).toContain('bearing_deg: must be 0-360 degrees');
    expect(messages(schema.safeParse({ ...base, base: { lat: -95, lon: 0, name: 'x' } }))).toContain('base.lat: latitude must be >= -90');
  });
});
