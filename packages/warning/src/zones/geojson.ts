// Zones from a GeoJSON FeatureCollection (RFC 7946) of Polygons and MultiPolygons, names in Arabic and English kept.
import { ZonesError } from '../errors.js';
import { makeZone, type Position, type ZoneSet } from './zone.js';
import { DEFAULT_SAMPLE_SPACING_M, projectionAround, zoneSetOf } from './zone-set.js';

export interface ZoneParseOptions {
  /** Metres between sample points; default 150. */
  sampleSpacing?: number;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

function position(v: unknown, where: string, index: number): Position {
  if (!Array.isArray(v) || v.length < 2 || typeof v[0] !== 'number' || typeof v[1] !== 'number' || !Number.isFinite(v[0]) || !Number.isFinite(v[1])) {
    throw new ZonesError(`${where} is not a [longitude, latitude] position`, index);
  }
  const [lon, lat] = v as [number, number];
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) throw new ZonesError(`${where} [${lon}, ${lat}] is off the globe (longitude first, then latitude)`, index);
  return [lon, lat];
}

function ring(v: unknown, where: string, index: number): Position[] {
  if (!Array.isArray(v)) throw new ZonesError(`${where} is not a list of positions`, index);
  const pts = v.map((p, k) => position(p, `${where} position ${k}`, index));
  const [first, last] = [pts[0], pts[pts.length - 1]];
  // RFC 7946 rings repeat their first position last; close an open one rather than refuse it.
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) pts.push(first);
  if (new Set(pts.map((p) => `${p[0]},${p[1]}`)).size < 3) throw new ZonesError(`${where} has fewer than 3 distinct positions`, index);
  return pts;
}

function polygon(v: unknown, where: string, index: number): Position[][] {
  if (!Array.isArray(v) || v.length === 0) throw new ZonesError(`${where} has no rings`, index);
  return v.map((r, k) => ring(r, `${where} ring ${k}`, index));
}

function polygonsOf(geometry: unknown, index: number): Position[][][] {
  if (!isObject(geometry)) throw new ZonesError('has no geometry', index);
  if (geometry.type === 'Polygon') return [polygon(geometry.coordinates, 'polygon', index)];
  if (geometry.type === 'MultiPolygon') {
    if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) throw new ZonesError('MultiPolygon has no polygons', index);
    return geometry.coordinates.map((p, k) => polygon(p, `polygon ${k}`, index));
  }
  throw new ZonesError(`geometry is ${String(geometry.type)}, not a Polygon or MultiPolygon`, index);
}

/** Zones from parsed GeoJSON. Throws ZonesError naming the feature index and the fault. Precondition: none (any JSON value). */
export function parseZones(geojson: unknown, options: ZoneParseOptions = {}): ZoneSet {
  const spacing = options.sampleSpacing ?? DEFAULT_SAMPLE_SPACING_M;
  if (!isObject(geojson) || geojson.type !== 'FeatureCollection') throw new ZonesError('not a GeoJSON FeatureCollection');
  const features = geojson.features;
  if (!Array.isArray(features) || features.length === 0) throw new ZonesError('the FeatureCollection has no features');
  const parsed = features.map((f: unknown, i) => {
    if (!isObject(f) || f.type !== 'Feature') throw new ZonesError('is not a GeoJSON Feature', i);
    const props = isObject(f.properties) ? f.properties : {};
    const id = text(props.id) ?? (typeof f.id === 'number' ? String(f.id) : text(f.id)) ?? `zone-${i + 1}`;
    if (!/^[^\s,<&]{1,100}$/.test(id)) throw new ZonesError(`id ${JSON.stringify(id)} must be 1-100 characters without spaces, commas, < or &`, i);
    const nameAr = text(props['name:ar']);
    const nameEn = text(props['name:en']);
    const name = text(props.name) ?? nameEn ?? nameAr ?? id;
    return { fields: { id, name, ...(nameAr ? { nameAr } : {}), ...(nameEn ? { nameEn } : {}) }, rings: polygonsOf(f.geometry, i) };
  });
  const seen = new Map<string, number>();
  parsed.forEach((p, i) => {
    const before = seen.get(p.fields.id);
    if (before !== undefined) throw new ZonesError(`id ${p.fields.id} is already used by feature ${before}`, i);
    seen.set(p.fields.id, i);
  });
  const projection = projectionAround(parsed.flatMap((p) => p.rings.flat(2)));
  return zoneSetOf(projection, parsed.map((p) => makeZone(p.fields, p.rings, projection, spacing)), spacing);
}
