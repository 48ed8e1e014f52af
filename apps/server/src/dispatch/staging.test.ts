import { haversineMeters } from '@civdef/core';
import { describe, expect, it } from 'vitest';
import { stagingPoint } from './staging.js';

const centre = { lat: 36.2, lon: 37.15 };
// A street running due north into the site: a point every ~111 m.
const street: [number, number][] = [0.01, 0.008, 0.006, 0.004, 0.002, 0].map((d) => [37.15, 36.2 + d]);

describe('stagingPoint', () => {
  it('stops on the route where it enters the radius', () => {
    const p = stagingPoint(street, centre, 500)!;
    expect(p.lon).toBeCloseTo(37.15, 9);
    expect(p.distance_m).toBeGreaterThan(499.9);
    expect(p.distance_m).toBeLessThan(500.5);
    expect(haversineMeters(p.lat, p.lon, centre.lat, centre.lon)).toBeCloseTo(p.distance_m, 0);
  });

  it('takes the first entry when the route dips in and out', () => {
    const wiggle: [number, number][] = [[37.15, 36.21], [37.15, 36.2035], [37.16, 36.2035], [37.15, 36.2]];
    const p = stagingPoint(wiggle, centre, 500)!;
    expect(p.lat).toBeGreaterThan(36.2035);
  });

  it('has no staging point for a unit already inside, or no route', () => {
    expect(stagingPoint([[37.15, 36.201], [37.15, 36.2]], centre, 500)).toBeNull();
    expect(stagingPoint([], centre, 500)).toBeNull();
  });

  it('ends at the route end when the route never comes within the radius', () => {
    const p = stagingPoint(street.slice(0, 3), centre, 100)!;
    expect(p.lat).toBeCloseTo(36.206, 9);
  });
});
