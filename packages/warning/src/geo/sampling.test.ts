import { describe, expect, it } from 'vitest';
import { type Ring } from './polygon.js';
import { inSector, samplePolygons, sectorPolygonArea } from './sampling.js';

const square = (x0: number, y0: number, side: number): Ring => [
  { x: x0, y: y0 },
  { x: x0 + side, y: y0 },
  { x: x0 + side, y: y0 + side },
  { x: x0, y: y0 + side },
];

describe('sampling', () => {
  it('samples a polygon with one point per cell, so count x cell area = area', () => {
    expect(samplePolygons([[square(0, 0, 1000)]], 50)).toHaveLength(400);
    // Two touching squares share no sample.
    const both = samplePolygons([[square(0, 0, 1000)], [square(1000, 0, 1000)]], 50);
    expect(new Set(both.map((p) => `${p.x},${p.y}`)).size).toBe(800);
  });

  it('knows which points a sector holds', () => {
    const s = { apex: { x: 0, y: 0 }, bearing: 90, halfAngle: 10, radius: 100 };
    expect(inSector({ x: 50, y: 5 }, s)).toBe(true);
    expect(inSector({ x: 50, y: 20 }, s)).toBe(false);
    expect(inSector({ x: 150, y: 0 }, s)).toBe(false);
    expect(inSector({ x: 0, y: 0 }, s)).toBe(true);
  });

  it('measures a sector inside a polygon close to the exact area', () => {
    // A 60-degree sector of radius 2 km wholly inside a 10 km square: (60/360) pi r^2.
    const s = { apex: { x: 5000, y: 5000 }, bearing: 45, halfAngle: 30, radius: 2000 };
    const exact = (Math.PI * 2000 ** 2) / 6;
    expect(Math.abs(sectorPolygonArea(s, [[square(0, 0, 10_000)]], 20) - exact) / exact).toBeLessThan(0.01);
    // Cut in half by the polygon's edge: a sector pointing north from the middle of a square's top edge, half-angle 90.
    const half = { apex: { x: 5000, y: 10_000 }, bearing: 0, halfAngle: 90, radius: 1000 };
    expect(sectorPolygonArea(half, [[square(0, 0, 10_000)]], 20)).toBe(0);
    const south = { ...half, bearing: 180 };
    expect(Math.abs(sectorPolygonArea(south, [[square(0, 0, 10_000)]], 20) - Math.PI * 1e6 / 2) / (Math.PI * 1e6 / 2)).toBeLessThan(0.01);
  });
});
