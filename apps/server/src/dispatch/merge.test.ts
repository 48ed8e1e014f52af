import { describe, expect, it } from 'vitest';
import { mergeSearchWindow, mergeTarget, type MergeCandidate } from './merge.js';

const t = (min: number) => new Date(Date.UTC(2026, 0, 1, 12, min)).toISOString();
const open = (id: string, o: Partial<MergeCandidate> = {}): MergeCandidate => ({ id, kind: 'airstrike', lat: 36.2, lon: 37.15, occurred_at: t(0), status: 'open', ...o });
const w = { radiusM: 150, minutes: 30 };
const report = { kind: 'airstrike' as const, lat: 36.2009, lon: 37.15, occurred_at: t(10) }; // ~100 m north

describe('mergeTarget', () => {
  it('attaches a report to an open incident of its kind nearby in place and time', () => {
    const m = mergeTarget(report, [open('A')], w);
    expect(m?.incident.id).toBe('A');
    expect(m!.distanceM).toBeGreaterThan(95);
    expect(m!.distanceM).toBeLessThan(105);
  });

  it('does not attach to another kind, a closed incident, one too far, or one too long before or after', () => {
    expect(mergeTarget(report, [open('A', { kind: 'fire' })], w)).toBeNull();
    expect(mergeTarget(report, [open('A', { status: 'closed' })], w)).toBeNull();
    expect(mergeTarget(report, [open('A', { lat: 36.1995 })], w)).toBeNull(); // ~155 m south of the report
    expect(mergeTarget(report, [open('A', { occurred_at: t(-21) })], w)).toBeNull();
    expect(mergeTarget(report, [open('A', { occurred_at: t(41) })], w)).toBeNull();
    expect(mergeTarget(report, [open('A', { occurred_at: t(40), status: 'responding' })], w)?.incident.id).toBe('A');
  });

  it('picks the nearest of several, then the closest in time', () => {
    expect(mergeTarget(report, [open('A'), open('B', { lat: 36.2008 })], w)?.incident.id).toBe('B');
    expect(mergeTarget(report, [open('A'), open('C', { occurred_at: t(9) })], w)?.incident.id).toBe('C');
  });

  it('is off with a zero radius or time', () => {
    expect(mergeTarget(report, [open('A')], { radiusM: 0, minutes: 30 })).toBeNull();
    expect(mergeSearchWindow(report, { radiusM: 150, minutes: 0 })).toBeNull();
    expect(mergeSearchWindow(report, w)).toMatchObject({ from: t(-20), to: t(40) });
  });

  it('searches a box that holds every point within the radius, and no more than a little beyond it', () => {
    for (const at of [{ lat: 36.2, lon: 37.15 }, { lat: -33.9, lon: 18.4 }, { lat: 78.2, lon: 15.6 }, { lat: 0, lon: -179.9995 }]) {
      const r = { ...report, ...at };
      const box = mergeSearchWindow(r, w)!;
      for (let bearing = 0; bearing < 360; bearing += 5) {
        // A point exactly on the radius, by the same haversine the merge uses.
        const p = destination(r.lat, r.lon, bearing, w.radiusM);
        expect(p.lat, `${bearing}`).toBeGreaterThanOrEqual(box.minLat);
        expect(p.lat).toBeLessThanOrEqual(box.maxLat);
        if (box.lon) {
          expect(p.lon, `${bearing}`).toBeGreaterThanOrEqual(box.lon.min);
          expect(p.lon).toBeLessThanOrEqual(box.lon.max);
        }
      }
      expect(box.maxLat - box.minLat).toBeLessThan((3 * w.radiusM) / 111_000);
    }
    // Across the antimeridian longitude cannot bound the search.
    expect(mergeSearchWindow({ ...report, lat: 0, lon: -179.9995 }, w)!.lon).toBeUndefined();
  });
});

/** The point `metres` from (lat, lon) on `bearing` degrees (spherical, haversine's earth radius). */
function destination(lat: number, lon: number, bearing: number, metres: number): { lat: number; lon: number } {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const d = metres / R;
  const b = bearing * rad;
  const la = Math.asin(Math.sin(lat * rad) * Math.cos(d) + Math.cos(lat * rad) * Math.sin(d) * Math.cos(b));
  const lo = lon * rad + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat * rad), Math.cos(d) - Math.sin(lat * rad) * Math.sin(la));
  return { lat: la / rad, lon: lo / rad };
}
