import { describe, expect, it } from 'vitest';
import { haversineMeters } from './distance.js';

describe('haversineMeters', () => {
  it('is zero for one point and symmetric', () => {
    expect(haversineMeters(36.2, 37.15, 36.2, 37.15)).toBe(0);
    expect(haversineMeters(36.2, 37.1, 36.3, 37.2)).toBeCloseTo(haversineMeters(36.3, 37.2, 36.2, 37.1), 6);
  });
  it('gives one degree of latitude as about 111.2 km', () => {
    expect(haversineMeters(0, 0, 1, 0)).toBeGreaterThan(111_100);
    expect(haversineMeters(0, 0, 1, 0)).toBeLessThan(111_300);
  });
});
