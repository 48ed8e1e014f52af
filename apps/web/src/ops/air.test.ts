import { describe, expect, it } from 'vitest';
import { labelPoint, ringOffset, tracksOf, worksiteSpot, zoneWindows, type AlertInForce } from './air.js';

const zone = (id: string, earliest: string, latest: string) => ({ id, name_en: id, name_ar: id, probability: 0.3, earliest, latest });

describe('the air picture', () => {
  it('pairs each track with its cone and its trail', () => {
    const ring: [number, number][] = [[37.15, 36.2], [37.16, 36.3], [37.14, 36.3], [37.15, 36.2]];
    const path: [number, number][] = [[37.15, 36.1], [37.15, 36.15], [37.15, 36.2]];
    const tracks = tracksOf({
      features: [
        { id: 'T1:trail', geometry: { type: 'LineString', coordinates: path }, properties: { kind: 'trail', track_id: 'T1', points: 2 } },
        { id: 'T1:cone', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { kind: 'cone', track_id: 'T1', mode: 'cone' } },
        { id: 'T1', geometry: { type: 'Point', coordinates: [37.15, 36.2] }, properties: { kind: 'track', track_id: 'T1', aircraft: 'helicopter', mode: 'cone', heading_deg: 2, last_seen: '2026-03-01T10:03:00.000Z' } },
        { id: 'T2', geometry: { type: 'Point', coordinates: [37.1, 36.1] }, properties: { kind: 'track', track_id: 'T2', aircraft: 'jet', mode: 'any-direction', heading_deg: null, last_seen: '2026-03-01T10:03:00.000Z' } },
      ],
    });
    expect(tracks).toEqual([
      { id: 'T1', aircraft: 'helicopter', mode: 'cone', heading: 2, lon: 37.15, lat: 36.2, lastSeen: '2026-03-01T10:03:00.000Z', cone: ring, trail: path },
      { id: 'T2', aircraft: 'jet', mode: 'any-direction', heading: null, lon: 37.1, lat: 36.1, lastSeen: '2026-03-01T10:03:00.000Z', cone: null, trail: [] },
    ]);
  });

  it('gives a zone two alerts warn the widest of their windows', () => {
    const alerts: AlertInForce[] = [
      { id: 'A1', aircraft: 'helicopter', track_id: 'T1', zones: [zone('z1', '2026-03-01T10:05:00Z', '2026-03-01T10:09:00Z'), zone('z2', '2026-03-01T10:06:00Z', '2026-03-01T10:08:00Z')] },
      { id: 'A2', aircraft: 'jet', track_id: 'T2', zones: [zone('z1', '2026-03-01T10:04:00Z', '2026-03-01T10:07:00Z')] },
    ];
    const w = zoneWindows(alerts);
    expect(w.get('z1')).toEqual({ earliest: '2026-03-01T10:04:00Z', latest: '2026-03-01T10:09:00Z' });
    expect(w.get('z2')).toEqual({ earliest: '2026-03-01T10:06:00Z', latest: '2026-03-01T10:08:00Z' });
    expect(w.size).toBe(2);
  });

  it('labels a zone at the middle of its corners', () => {
    expect(labelPoint([[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]])).toEqual([1, 1]);
  });

  it('draws a worksite at its own position, else fanned out around its incident', () => {
    const incident = { lat: 36.2, lon: 37.15 };
    expect(worksiteSpot({ lat: 36.21, lon: 37.16 }, incident, 0)).toEqual([37.16, 36.21]);
    const spots = [0, 1, 2].map((i) => worksiteSpot({ lat: null, lon: null }, incident, i));
    expect(new Set(spots.map((p) => p.join())).size).toBe(3);
    for (const [lon, lat] of spots) expect(Math.hypot((lon - incident.lon) * 0.8, lat - incident.lat)).toBeLessThan(0.001);
  });

  it('spreads marks in a ring around a point, the first to the north', () => {
    const [x0, y0] = ringOffset(0, 4, 10);
    expect(x0).toBeCloseTo(0);
    expect(y0).toBeCloseTo(-10);
    const [x1, y1] = ringOffset(1, 4, 10);
    expect(x1).toBeCloseTo(10);
    expect(y1).toBeCloseTo(0);
    for (let k = 0; k < 7; k++) expect(Math.hypot(...ringOffset(k, 7, 13))).toBeCloseTo(13);
  });
});
