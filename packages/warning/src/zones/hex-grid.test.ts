import { describe, expect, it } from 'vitest';
import { pointInPolygon } from '../geo/polygon.js';
import { hexGrid } from './hex-grid.js';

describe('hexGrid', () => {
  const set = hexGrid({ south: 36.15, west: 37.09, north: 36.25, east: 37.21, sizeM: 1500 });

  it('tiles the box with hexagons of the asked size', () => {
    const area = (Math.sqrt(3) / 2) * 1500 ** 2;
    for (const z of set.zones) expect(z.areaM2 / area).toBeCloseTo(1, 6);
    // The box is about 10.8 km x 11.1 km: about 11.1e6 * 10.8e6 / area hexagons' centres fall in it.
    expect(set.zones.length).toBeGreaterThan(50);
    expect(set.zones.length).toBeLessThan(80);
    expect(new Set(set.zones.map((z) => z.id)).size).toBe(set.zones.length);
  });

  it('leaves no gaps and no overlaps inside the box', () => {
    for (const p of [{ x: 0, y: 0 }, { x: 1234, y: -2345 }, { x: -3000, y: 2500 }]) {
      expect(set.zones.filter((z) => pointInPolygon(p, z.shape[0]!)).length).toBe(1);
    }
  });

  it('takes its size from the options', () => {
    expect(hexGrid({ south: 36.15, west: 37.09, north: 36.25, east: 37.21, sizeM: 3000 }).zones.length).toBeLessThan(set.zones.length / 3);
  });
});
