import { describe, expect, it } from 'vitest';
import { ZonesError } from '../errors.js';
import { parseZones } from './geojson.js';

// Two neighbourhoods 0.01 degrees square (about 1.1 km x 0.9 km at 36 N), side by side.
const square = (lon: number, lat: number) => [[lon, lat], [lon + 0.01, lat], [lon + 0.01, lat + 0.01], [lon, lat + 0.01], [lon, lat]];
const feature = (props: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties: props, geometry });
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

function thrown(input: unknown): ZonesError {
  try {
    parseZones(input);
  } catch (err) {
    if (err instanceof ZonesError) return err;
    throw err;
  }
  throw new Error('parseZones did not throw');
}

describe('parseZones', () => {
  it('keeps ids and names in Arabic and English, and measures each zone', () => {
    const set = parseZones(
      collection(
        feature({ id: 'z1', name: 'Old Town', 'name:ar': 'المدينة القديمة', 'name:en': 'Old Town' }, { type: 'Polygon', coordinates: [square(37.15, 36.2)] }),
        feature({ 'name:ar': 'الشعار' }, { type: 'MultiPolygon', coordinates: [[square(37.16, 36.2)], [square(37.18, 36.2)]] }),
      ),
    );
    expect(set.zones.map((z) => [z.id, z.name, z.nameAr, z.nameEn])).toEqual([
      ['z1', 'Old Town', 'المدينة القديمة', 'Old Town'],
      ['zone-2', 'الشعار', 'الشعار', undefined],
    ]);
    const [a, b] = set.zones;
    // 0.01 deg of latitude is 1112 m; of longitude at 36.2 N, 897 m.
    expect(a!.areaM2 / 1e6).toBeCloseTo(1.112 * 0.897, 2);
    expect(b!.areaM2).toBeCloseTo(2 * a!.areaM2, -3);
    expect(b!.samples.length).toBeGreaterThan(1.9 * a!.samples.length);
    // Samples stand for area to within a row of cells along the edges.
    expect(Math.abs((a!.samples.length * set.sampleSpacing ** 2) / a!.areaM2 - 1)).toBeLessThan(0.1);
    // The map is centred on the zones.
    expect(Math.abs(set.projection.lon0 - 37.17)).toBeLessThan(1e-9);
  });

  it('names the feature and the fault in bad input', () => {
    expect(thrown({ type: 'Feature' }).message).toBe('zones: not a GeoJSON FeatureCollection');
    expect(thrown(collection()).message).toBe('zones: the FeatureCollection has no features');
    const good = feature({}, { type: 'Polygon', coordinates: [square(37.15, 36.2)] });
    expect(thrown(collection(good, feature({}, { type: 'Point', coordinates: [37, 36] })))).toMatchObject({
      featureIndex: 1,
      message: 'zones: feature 1: geometry is Point, not a Polygon or MultiPolygon',
    });
    expect(thrown(collection(good, good, feature({}, { type: 'Polygon', coordinates: [[[37, 36], [37.1, 36], [37.1, 95], [37, 36]]] }))).message).toBe(
      'zones: feature 2: polygon ring 0 position 2 [37.1, 95] is off the globe (longitude first, then latitude)',
    );
    expect(thrown(collection(feature({}, { type: 'Polygon', coordinates: [[[37, 36], [37.1, 36], [37, 36]]] }))).message).toBe(
      'zones: feature 0: polygon ring 0 has fewer than 3 distinct positions',
    );
    expect(thrown(collection(feature({}, { type: 'Polygon', coordinates: [['a']] }))).message).toBe(
      'zones: feature 0: polygon ring 0 position 0 is not a [longitude, latitude] position',
    );
    expect(thrown(collection(feature({ id: 'a' }, good.geometry), feature({ id: 'a' }, good.geometry))).message).toBe(
      'zones: feature 1: id a is already used by feature 0',
    );
    expect(thrown(collection(feature({}, null))).message).toBe('zones: feature 0: has no geometry');
  });

  it('closes an open ring', () => {
    const open = square(37.15, 36.2).slice(0, 4);
    const set = parseZones(collection(feature({}, { type: 'Polygon', coordinates: [open] })));
    expect(set.zones[0]!.rings[0]![0]).toHaveLength(5);
  });
});
