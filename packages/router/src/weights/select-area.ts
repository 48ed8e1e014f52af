// Finding the edges inside an area a closure report draws: a circle around a crater, a polygon around a
// burning block. An edge is inside when any part of its segment is (a road cut anywhere is cut). The
// snap grid narrows the candidates to the area's box; both directions of each road are returned.
import { projectX, projectY, segmentDistance } from '../snap/projection.js';
import type { SnapIndex, SnappedPoint } from '../snap/snap-index.js';
import { bothDirections } from './select.js';

/** Edges with any point within radiusM of the centre, both directions, ascending. Precondition: radiusM >= 0. */
export function edgesInCircle(index: SnapIndex, lat: number, lon: number, radiusM: number): Uint32Array {
  const p = index.projection;
  const cx = projectX(p, lon);
  const cy = projectY(p, lat);
  const targets = index.graph.targets;
  const found: number[] = [];
  index.forEachCandidate(cx - radiusM, cy - radiusM, cx + radiusM, cy + radiusM, (e) => {
    const u = index.sourceOf(e);
    const v = targets[e]!;
    if (segmentDistance(cx, cy, p.x(u), p.y(u), p.x(v), p.y(v)) <= radiusM) found.push(e);
  });
  return bothDirections(index.graph, found);
}

/**
 * Edges that touch a polygon (GeoJSON ring of [lon, lat], closed or not), both directions, ascending.
 * Precondition: at least 3 distinct positions; the ring need not be convex but must not self-intersect.
 */
export function edgesInPolygon(index: SnapIndex, ring: readonly (readonly [number, number] | readonly number[])[]): Uint32Array {
  if (ring.length < 3) throw new RangeError(`a polygon ring needs at least 3 positions, got ${ring.length}`);
  const p = index.projection;
  const n = ring.length;
  const rx = new Float64Array(n);
  const ry = new Float64Array(n);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const [lon, lat] = ring[i]!;
    rx[i] = projectX(p, lon!);
    ry[i] = projectY(p, lat!);
    minX = Math.min(minX, rx[i]!);
    maxX = Math.max(maxX, rx[i]!);
    minY = Math.min(minY, ry[i]!);
    maxY = Math.max(maxY, ry[i]!);
  }
  const targets = index.graph.targets;
  const found: number[] = [];
  index.forEachCandidate(minX, minY, maxX, maxY, (e) => {
    const u = index.sourceOf(e);
    const v = targets[e]!;
    const ax = p.x(u);
    const ay = p.y(u);
    const bx = p.x(v);
    const by = p.y(v);
    if (pointInRing(ax, ay, rx, ry) || pointInRing(bx, by, rx, ry) || crossesRing(ax, ay, bx, by, rx, ry)) found.push(e);
  });
  return bothDirections(index.graph, found);
}

/** The nearest road point (as SnapIndex.nearest), or null beyond maxDistanceM. Precondition: valid WGS84 degrees. */
export function nearestEdge(index: SnapIndex, lat: number, lon: number, maxDistanceM = index.maxDistanceM): SnappedPoint | null {
  return index.nearest(lat, lon, { maxDistanceM });
}

/** Even-odd ray casting; a closing position equal to the first is harmless. Precondition: rx.length === ry.length. */
export function pointInRing(px: number, py: number, rx: Float64Array, ry: Float64Array): boolean {
  let inside = false;
  for (let i = 0, j = rx.length - 1; i < rx.length; j = i++) {
    const yi = ry[i]!;
    const yj = ry[j]!;
    if (yi > py !== yj > py && px < ((rx[j]! - rx[i]!) * (py - yi)) / (yj - yi) + rx[i]!) inside = !inside;
  }
  return inside;
}

function crossesRing(ax: number, ay: number, bx: number, by: number, rx: Float64Array, ry: Float64Array): boolean {
  for (let i = 0, j = rx.length - 1; i < rx.length; j = i++) {
    if (segmentsIntersect(ax, ay, bx, by, rx[j]!, ry[j]!, rx[i]!, ry[i]!)) return true;
  }
  return false;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
}

function onSegment(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  return Math.min(ax, bx) <= cx && cx <= Math.max(ax, bx) && Math.min(ay, by) <= cy && cy <= Math.max(ay, by);
}

/** Closed-segment intersection, touching included. Precondition: finite coordinates. */
export function segmentsIntersect(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const o1 = orient(ax, ay, bx, by, cx, cy);
  const o2 = orient(ax, ay, bx, by, dx, dy);
  const o3 = orient(cx, cy, dx, dy, ax, ay);
  const o4 = orient(cx, cy, dx, dy, bx, by);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && onSegment(ax, ay, bx, by, cx, cy)) ||
    (o2 === 0 && onSegment(ax, ay, bx, by, dx, dy)) ||
    (o3 === 0 && onSegment(cx, cy, dx, dy, ax, ay)) ||
    (o4 === 0 && onSegment(cx, cy, dx, dy, bx, by))
  );
}
