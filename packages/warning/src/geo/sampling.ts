// Areas by sampling: a zone becomes a grid of points, each standing for spacing² square metres. Forecasts
// weigh these points, so the area of a cone inside a polygon is a sum over the points that fall in the cone.
import { angleDiffDeg, bearingDeg, dist } from './angles.js';
import { boxOf, pointInPolygon, type Polygon } from './polygon.js';
import type { XY } from './projection.js';

/** Grid points inside any of the polygons, at the centres of spacing-sized cells. Precondition: spacing > 0. */
export function samplePolygons(polygons: Polygon[], spacing: number): XY[] {
  const out: XY[] = [];
  for (const polygon of polygons) {
    if (!polygon[0]?.length) continue;
    const b = boxOf(polygon[0]);
    // Cells aligned to a global grid, so neighbouring zones' samples interleave without gaps or overlaps.
    for (let x = (Math.floor(b.minX / spacing) + 0.5) * spacing; x <= b.maxX; x += spacing) {
      for (let y = (Math.floor(b.minY / spacing) + 0.5) * spacing; y <= b.maxY; y += spacing) {
        if (pointInPolygon({ x, y }, polygon)) out.push({ x, y });
      }
    }
  }
  return out;
}

/** A circular sector: apex, central bearing, half-angle (degrees) and radius (metres). */
export interface Sector {
  apex: XY;
  bearing: number;
  halfAngle: number;
  radius: number;
}

/** Whether p lies in the sector. */
export function inSector(p: XY, s: Sector): boolean {
  const d = dist(s.apex, p);
  if (d > s.radius) return false;
  return d === 0 || Math.abs(angleDiffDeg(s.bearing, bearingDeg(s.apex, p))) <= s.halfAngle;
}

/** The area (m²) of the sector inside the polygons, by sampling at `spacing`. Error ~ perimeter x spacing / 2. */
export function sectorPolygonArea(s: Sector, polygons: Polygon[], spacing: number): number {
  return samplePolygons(polygons, spacing).filter((p) => inSector(p, s)).length * spacing * spacing;
}
