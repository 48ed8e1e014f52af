// Polygons on the local map: a ring is a closed or open list of vertices; a polygon is an outer ring then holes.
import type { XY } from './projection.js';

export type Ring = XY[];
export type Polygon = Ring[];

/** Whether p is inside the ring (even-odd rule; a point on the edge may go either way). */
export function pointInRing(p: XY, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Whether p is inside the polygon's outer ring and outside each of its holes. */
export function pointInPolygon(p: XY, polygon: Polygon): boolean {
  if (!polygon[0] || !pointInRing(p, polygon[0])) return false;
  for (let h = 1; h < polygon.length; h++) if (pointInRing(p, polygon[h]!)) return false;
  return true;
}

/** Area in square metres (shoelace), holes subtracted. Precondition: rings do not cross themselves. */
export function polygonArea(polygon: Polygon): number {
  let total = 0;
  polygon.forEach((ring, i) => {
    let twice = 0;
    for (let k = 0, j = ring.length - 1; k < ring.length; j = k++) twice += ring[j]!.x * ring[k]!.y - ring[k]!.x * ring[j]!.y;
    total += (i === 0 ? 1 : -1) * Math.abs(twice / 2);
  });
  return total;
}

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The bounding box of some points. Precondition: at least one point. */
export function boxOf(points: Iterable<XY>): Box {
  const b = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const p of points) {
    b.minX = Math.min(b.minX, p.x);
    b.minY = Math.min(b.minY, p.y);
    b.maxX = Math.max(b.maxX, p.x);
    b.maxY = Math.max(b.maxY, p.y);
  }
  return b;
}
