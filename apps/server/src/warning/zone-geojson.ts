// Zones between their three forms: the engine's ZoneSet, rows of the zones table, and the public GeoJSON. Pure.
import type { ZoneCollection } from '@civdef/core';
import type { ZoneSet } from '@civdef/warning';
import type { Insertable, Selectable } from 'kysely';
import type { ZonesTable } from '../db/schema.js';

export type ZoneSource = ZoneCollection['source'];

/** The zones as the public reads them: ids and both names on every feature. Precondition: none. */
export function zoneCollection(set: ZoneSet, source: ZoneSource): ZoneCollection {
  return {
    type: 'FeatureCollection',
    source,
    features: set.zones.map((z) => ({
      type: 'Feature',
      id: z.id,
      properties: { id: z.id, name: z.name, name_en: z.nameEn ?? z.name, name_ar: z.nameAr ?? z.name },
      geometry: { type: 'MultiPolygon', coordinates: z.rings },
    })),
  };
}

/** Rows for the zones table, in the set's order. Precondition: none. */
export function zoneRows(set: ZoneSet, importId: string): Insertable<ZonesTable>[] {
  return set.zones.map((z, position) => ({
    id: z.id,
    import_id: importId,
    position,
    name: z.name,
    name_en: z.nameEn ?? null,
    name_ar: z.nameAr ?? null,
    geometry: JSON.stringify({ type: 'MultiPolygon', coordinates: z.rings }),
  }));
}

/** Stored zone rows as a FeatureCollection that parseZones reads back into the same zones. Precondition: rows in position order. */
export function featuresOfRows(rows: Selectable<ZonesTable>[]): unknown {
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      properties: { id: r.id, name: r.name, ...(r.name_en ? { 'name:en': r.name_en } : {}), ...(r.name_ar ? { 'name:ar': r.name_ar } : {}) },
      geometry: JSON.parse(r.geometry) as unknown,
    })),
  };
}
