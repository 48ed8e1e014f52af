import { haversineMeters } from '@civdef/core';
import { describe, expect, it } from 'vitest';
import { LocalProjection } from './projection.js';

describe('LocalProjection', () => {
  const p = new LocalProjection(36.2, 37.15);

  it('puts the centre at the origin and round-trips', () => {
    expect(p.toXY(36.2, 37.15)).toEqual({ x: 0, y: 0 });
    const back = p.toLatLon(p.toXY(36.31, 36.98));
    expect(back.lat).toBeCloseTo(36.31, 10);
    expect(back.lon).toBeCloseTo(36.98, 10);
  });

  it('agrees with great-circle distance within 0.5% out to 100 km', () => {
    for (const [lat, lon] of [[36.25, 37.2], [35.5, 37.0], [36.2, 38.2], [37.0, 36.5]] as const) {
      const { x, y } = p.toXY(lat, lon);
      const truth = haversineMeters(36.2, 37.15, lat, lon);
      expect(Math.abs(Math.hypot(x, y) - truth) / truth).toBeLessThan(0.005);
    }
  });

  it('has x east and y north', () => {
    expect(p.toXY(36.2, 37.16).x).toBeGreaterThan(800);
    expect(p.toXY(36.21, 37.15).y).toBeGreaterThan(1100);
  });
});
