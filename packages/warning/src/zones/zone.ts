// A zone: a named area warned as one. Kept twice: the GeoJSON rings for publishing (CAP polygons), and the
// rings on the local map with a grid of sample points for forecasting.
import { polygonArea, type Polygon } from '../geo/polygon.js';
import type { LocalProjection, XY } from '../geo/projection.js';
import { samplePolygons } from '../geo/sampling.js';

/** [lon, lat], GeoJSON order. */
export type Position = [number, number];

export interface Zone {
  id: string;
  /** The name to show when no language is chosen. */
  name: string;
  nameAr?: string;
  nameEn?: string;
  /** Each polygon as GeoJSON rings of [lon, lat]: outer ring first, then holes. */
  rings: Position[][][];
  /** The same polygons on the local map. */
  shape: Polygon[];
  areaM2: number;
  /** Sample points inside the zone, one per sampleSpacing² square metres. */
  samples: XY[];
  /** Mean of the samples (or of the outer ring when the zone is smaller than a sample cell). */
  centre: XY;
}

/** The zones of one city on one local map. */
export interface ZoneSet {
  projection: LocalProjection;
  zones: Zone[];
  sampleSpacing: number;
  /** Metres from the map's centre to the farthest zone vertex: the city's reach. */
  radius: number;
}

/** Builds a zone from GeoJSON rings. Precondition: rings are valid (closed or not), projection fits the city. */
export function makeZone(
  fields: { id: string; name: string; nameAr?: string; nameEn?: string },
  rings: Position[][][],
  projection: LocalProjection,
  spacing: number,
): Zone {
  const shape = rings.map((polygon) => polygon.map((ring) => ring.map(([lon, lat]) => projection.toXY(lat, lon))));
  const grid = samplePolygons(shape, spacing);
  const pts = grid.length ? grid : shape.flatMap((p) => p[0] ?? []);
  const centre = { x: pts.reduce((s, p) => s + p.x, 0) / pts.length, y: pts.reduce((s, p) => s + p.y, 0) / pts.length };
  // A zone smaller than one cell still gets one sample, so it can be forecast and warned.
  const samples = grid.length ? grid : [centre];
  return { ...fields, rings, shape, areaM2: shape.reduce((s, p) => s + polygonArea(p), 0), samples, centre };
}
