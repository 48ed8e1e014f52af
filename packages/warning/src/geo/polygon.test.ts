import { describe, expect, it } from 'vitest';
import { boxOf, pointInPolygon, polygonArea, type Ring } from './polygon.js';

const square = (x0: number, y0: number, side: number): Ring => [
  { x: x0, y: y0 },
  { x: x0 + side, y: y0 },
  { x: x0 + side, y: y0 + side },
  { x: x0, y: y0 + side },
  { x: x0, y: y0 },
];

describe('polygons', () => {
  const withHole = [square(0, 0, 100), square(40, 40, 20)];

  it('tells inside from outside and from a hole', () => {
    expect(pointInPolygon({ x: 10, y: 10 }, withHole)).toBe(true);
    expect(pointInPolygon({ x: 50, y: 50 }, withHole)).toBe(false);
    expect(pointInPolygon({ x: 150, y: 50 }, withHole)).toBe(false);
    expect(pointInPolygon({ x: 10, y: 10 }, [])).toBe(false);
  });

  it('measures area with holes subtracted, whatever the winding', () => {
    expect(polygonArea(withHole)).toBe(10_000 - 400);
    expect(polygonArea([square(0, 0, 10).reverse()])).toBe(100);
  });

  it('boxes points', () => {
    expect(boxOf(square(-5, 3, 2))).toEqual({ minX: -5, minY: 3, maxX: -3, maxY: 5 });
  });
});
