import type { SightingCreate } from '@civdef/core';
import { describe, expect, it } from 'vitest';
import { LocalProjection } from '../geo/projection.js';
import { observe } from './observation.js';
import { circleCentre, headingSdDeg, stateAt, TRAIL_POINTS, withTrailPoint } from './track.js';
import { Tracker } from './tracker.js';

const P = new LocalProjection(36.2, 37.15);
const T0 = Date.UTC(2026, 2, 1, 10);
let n = 0;
/** A sighting of an aircraft at map point (x, y) km by a spotter 2 km south of it. */
function seen(min: number, xKm: number, yKm: number, extra: Partial<SightingCreate> = {}): SightingCreate {
  const spot = P.toLatLon({ x: xKm * 1000, y: yKm * 1000 - 2000 });
  return {
    id: `s${++n}`,
    time: new Date(T0 + min * 60_000).toISOString(),
    spotter: { lat: spot.lat, lon: spot.lon },
    aircraft: 'helicopter',
    bearing_deg: 0,
    distance_m: 2000,
    ...extra,
  };
}

describe('Tracker', () => {
  it('keeps the heading of a straight run in between sightings a minute or more apart', () => {
    const tracker = new Tracker({ cityRadius: 8000 });
    // A helicopter flying north, seen every 75 s, its heading reported 8 degrees either side.
    for (let m = 0; m <= 5; m++) tracker.observe(observe(seen(m * 1.25, 0, -30 + 4.16 * m, { heading_deg: m % 2 ? 8 : 352 }), P));
    const t = tracker.live()[0]!;
    // A minute after the last sighting the heading is still known to within ~11 degrees (the cone's width).
    expect(headingSdDeg(stateAt(t, T0 + 7.25 * 60_000))).toBeLessThan(13);
  });

  it('joins one helicopter flying north into one track and learns its heading and speed', () => {
    const tracker = new Tracker({ cityRadius: 8000 });
    // 200 km/h is 3.33 km a minute.
    for (let m = 0; m <= 4; m++) tracker.observe(observe(seen(m, 0, -20 + 3.33 * m, { heading_deg: m % 2 ? 5 : 355 }), P));
    const [t, ...rest] = tracker.live();
    expect(rest).toEqual([]);
    expect(t!.sightings).toBe(5);
    const [x, y, vx, vy] = stateAt(t!, T0 + 4 * 60_000).x as number[];
    expect(Math.abs(x!)).toBeLessThan(500);
    expect(y!).toBeGreaterThan(-8500);
    expect(y!).toBeLessThan(-5500);
    expect(Math.abs(Math.atan2(vx!, vy!))).toBeLessThan(0.1);
    expect(Math.hypot(vx!, vy!)).toBeGreaterThan(45);
  });

  it('keeps two aircraft apart: far from each other, or of different types', () => {
    const tracker = new Tracker({ cityRadius: 8000 });
    for (let m = 0; m <= 3; m++) {
      tracker.observe(observe(seen(m, -15, -20 + 3.33 * m), P));
      tracker.observe(observe(seen(m, 15, -20 + 3.33 * m), P));
      tracker.observe(observe(seen(m + 0.1, -15, -20 + 3.33 * m, { aircraft: 'jet' }), P));
    }
    expect(tracker.live().map((t) => [t.type, t.sightings])).toEqual([['helicopter', 4], ['helicopter', 4], ['jet', 4]]);
  });

  it('starts a new track for a second helicopter on the same approach 2 km to the side rather than bend the first', () => {
    const tracker = new Tracker({ cityRadius: 8000 });
    // One flying north seen every minute; from the fourth minute another, half a minute behind and 2 km east.
    for (let m = 0; m <= 8; m++) {
      tracker.observe(observe(seen(m, 0, -30 + 3.33 * m, { heading_deg: 0 }), P));
      if (m >= 4) tracker.observe(observe(seen(m + 0.5, 2, -30 + 3.33 * (m + 0.5), { heading_deg: 0 }), P));
    }
    // A 99.9% gate let the second one's sightings into the first track (one track of 14 sightings).
    expect(tracker.live().map((t) => t.sightings)).toEqual([9, 5]);
    const [a, b] = tracker.live().map((t) => stateAt(t, T0 + 8.5 * 60_000).x[0]!);
    expect(Math.abs(a!)).toBeLessThan(500);
    expect(Math.abs(b! - 2000)).toBeLessThan(500);
  });

  it('keeps the first sighting said to be circling as a point on the circle, before a second confirms it', () => {
    const tracker = new Tracker({ cityRadius: 8000 });
    // Seen flying in from the south, then circling on the west side of a circle round (0, 0).
    tracker.observe(observe(seen(0, -1.2, -3, { heading_deg: 0 }), P));
    tracker.observe(observe(seen(1, -1.2, 0, { circling: true, distance_m: 700 }), P));
    const t = tracker.live()[0]!;
    expect(t.sightings).toBe(2);
    // Dropped until a second report said circling, so the centre came from the later fixes alone.
    expect(t.circleFixes.map((f) => Math.round(f.x / 100))).toEqual([-12]);
    expect(circleCentre(t, T0 + 60_000)).toBeDefined();
  });

  it('lets an unknown type join and takes the reported type', () => {
    const tracker = new Tracker({ cityRadius: 8000 });
    tracker.observe(observe(seen(0, 0, -10, { aircraft: 'unknown' }), P));
    tracker.observe(observe(seen(1, 0, -7, { aircraft: 'drone' }), P));
    expect(tracker.live().map((t) => t.type)).toEqual(['drone']);
  });

  it('ends a track that falls silent, and one seen flying away outside the city', () => {
    const tracker = new Tracker({ cityRadius: 8000 });
    tracker.observe(observe(seen(0, 0, 0), P));
    expect(tracker.expire(T0 + 7 * 60_000)).toEqual([]);
    expect(tracker.expire(T0 + 9 * 60_000).map((t) => t.ended)).toEqual([{ time: T0 + 9 * 60_000, reason: 'silent' }]);
    const out = tracker.observe(observe(seen(10, 0, 12, { heading_deg: 10 }), P));
    expect(out.track.ended).toEqual({ time: T0 + 10 * 60_000, reason: 'left' });
    // Outside the city but flying in: live.
    expect(tracker.observe(observe(seen(11, 0, -12, { heading_deg: 10 }), P)).track.ended).toBeUndefined();
  });

  it('starts a new track for each take-off, but merges a repeated report of the same one', () => {
    const tracker = new Tracker({ cityRadius: 8000 });
    const base = { ...P.toLatLon({ x: 0, y: -35_000 }), name: 'Hama' };
    tracker.observe(observe(seen(0, 0, -35, { base }), P));
    tracker.observe(observe(seen(0.5, 0, -35, { base }), P));
    expect(tracker.live()).toHaveLength(1);
    tracker.observe(observe(seen(4, 0, -35, { base }), P));
    expect(tracker.live()).toHaveLength(2);
  });

  it('keeps the filtered position after each sighting as a bounded trail, oldest first', () => {
    const tracker = new Tracker({ cityRadius: 8000 });
    for (let m = 0; m <= 5; m++) tracker.observe(observe(seen(m, 0, -30 + 3 * m, { heading_deg: 0 }), P));
    const t = tracker.live()[0]!;
    expect(t.trail.map((p) => p.time)).toEqual([0, 1, 2, 3, 4, 5].map((m) => T0 + m * 60_000));
    // The newest point is the filter's estimate at the last sighting, and the path runs north.
    expect(t.trail.at(-1)).toEqual({ time: t.at, x: t.state.x[0], y: t.state.x[1] });
    for (let i = 1; i < t.trail.length; i++) expect(t.trail[i]!.y).toBeGreaterThan(t.trail[i - 1]!.y);
    expect(t.trail[0]!.y).toBeCloseTo(-30_000, -3);
    for (let m = 6; m < TRAIL_POINTS + 10; m++) tracker.observe(observe(seen(m * 0.5 + 3, 0, -30 + 1.5 * m, { heading_deg: 0 }), P));
    expect(t.trail).toHaveLength(TRAIL_POINTS);
    expect(t.trail.at(-1)!.time).toBe(t.at);
  });

  it('puts a late point in time order and drops the oldest beyond the bound', () => {
    const pts = (times: number[]) => times.map((time) => ({ time, x: time, y: 0 }));
    expect(withTrailPoint(pts([1, 3]), { time: 2, x: 2, y: 0 }).map((p) => p.time)).toEqual([1, 2, 3]);
    expect(withTrailPoint(pts([1, 3]), { time: 0, x: 0, y: 0 }).map((p) => p.time)).toEqual([0, 1, 3]);
    const full = pts(Array.from({ length: TRAIL_POINTS }, (_, i) => i));
    expect(withTrailPoint(full, { time: 99, x: 99, y: 0 }).map((p) => p.time)).toEqual([...full.slice(1).map((p) => p.time), 99]);
  });
});
