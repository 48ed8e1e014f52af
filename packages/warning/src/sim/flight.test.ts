import { describe, expect, it } from 'vitest';
import { dist } from '../geo/angles.js';
import { FlightBuilder, flightStateAt } from './flight.js';

describe('flights', () => {
  it('flies legs at its speed and circles round a centre', () => {
    const f = new FlightBuilder({ x: 0, y: -10_000 }, 0, 100).lineTo({ x: 0, y: 0 }).circle({ x: 1000, y: 0 }, 1000, 60_000, true).lineTo({ x: 0, y: 5000 });
    expect(flightStateAt(f.segments, 50_000)).toEqual({ pos: { x: 0, y: -5000 }, heading: 0, circling: false });
    // Entering the circle at (0, 0) west of its centre, turning clockwise: heading north first.
    const s = flightStateAt(f.segments, 100_000 + 1)!;
    expect(s.circling).toBe(true);
    expect(dist(s.pos, { x: 1000, y: 0 })).toBeCloseTo(1000, 6);
    expect(Math.min(s.heading, 360 - s.heading)).toBeLessThan(1);
    // A quarter turn later (pi/2 * 1000 m at 100 m/s = 15.7 s) it is north of the centre heading east.
    const q = flightStateAt(f.segments, 100_000 + 15_708)!;
    expect(q.pos.x).toBeCloseTo(1000, 0);
    expect(q.pos.y).toBeCloseTo(1000, 0);
    expect(q.heading).toBeCloseTo(90, 0);
    expect(flightStateAt(f.segments, f.time + 1)).toBeUndefined();
  });
});
