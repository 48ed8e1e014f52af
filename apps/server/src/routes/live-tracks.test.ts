// GET /api/v1/warning/tracks: the live aircraft and their forecast cones for the operations room's map.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';
import { CENTRE, northbound, setClock, T0 } from '../test-support/sightings.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface Feature {
  id: string;
  geometry: { type: string; coordinates: number[] | number[][][] };
  properties: Record<string, string | number | null>;
}
const tracks = async (role: 'viewer' | 'spotter' = 'viewer', query = '') =>
  t.app.inject({ url: `/api/v1/warning/tracks${query}`, headers: bearer(await t.tokenFor(role)) });

describe('live tracks', () => {
  it('shows a helicopter flying north with a cone ahead of it, and nothing once its track ends', async () => {
    setClock(t, T0);
    expect((await tracks()).json().features).toEqual([]);
    const spotter = bearer(await t.tokenFor('spotter'));
    for (let m = 0; m <= 3; m++) {
      setClock(t, T0 + m * 60_000 + 5_000);
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/sightings', headers: spotter, payload: northbound(m) });
      expect(res.statusCode, res.body).toBe(201);
    }
    const res = await tracks();
    expect(res.statusCode, res.body).toBe(200);
    const fc = res.json() as { type: string; at: string; features: Feature[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.at).toBe(new Date(T0 + 3 * 60_000 + 5_000).toISOString());
    const point = fc.features.find((f) => f.properties.kind === 'track')!;
    const cone = fc.features.find((f) => f.properties.kind === 'cone')!;
    expect(point.properties).toMatchObject({ aircraft: 'helicopter', mode: 'cone', track_id: point.id });
    expect(Math.abs(((point.properties.heading_deg as number) + 180) % 360 - 180)).toBeLessThan(20); // north
    const [lon, lat] = point.geometry.coordinates as number[];
    // Last seen overhead a spotter 0.015 degrees north of the start each minute: near 36.185 N on the meridian.
    // The tracker weighs its motion model against the sightings, so the estimate may trail this aircraft (slower
    // than a helicopter's cruise) by about a kilometre; well inside the district the map shows it in.
    expect(Math.abs(lat! - (CENTRE.lat - 0.06 + 3 * 0.015))).toBeLessThan(0.015);
    expect(Math.abs(lon! - CENTRE.lon)).toBeLessThan(0.01);
    // The cone opens north of the aircraft: its apex is the aircraft, the rest of the ring lies ahead.
    const ring = (cone.geometry.coordinates as number[][][])[0]!;
    expect(cone.geometry.type).toBe('Polygon');
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ring.filter((p) => p[1]! > lat! + 0.05).length).toBeGreaterThan(ring.length / 2);
    expect(ring.every((p) => p[1]! >= lat! - 1e-6)).toBe(true);

    // Its path: where the tracker put it after each of the four sightings, running north, then where it is now.
    const trail = fc.features.find((f) => f.properties.kind === 'trail')!;
    expect(trail.geometry.type).toBe('LineString');
    expect(trail.properties).toMatchObject({ track_id: point.id, aircraft: 'helicopter', points: 4, since: new Date(T0).toISOString() });
    const path = trail.geometry.coordinates as unknown as number[][];
    expect(path).toHaveLength(5);
    expect(path.at(-1)).toEqual([lon, lat]);
    for (let i = 1; i < 4; i++) expect(path[i]![1]!).toBeGreaterThan(path[i - 1]![1]!);
    // The first estimate is the first sighting: overhead the first spotter.
    expect(Math.abs(path[0]![1]! - (CENTRE.lat - 0.06))).toBeLessThan(0.002);
    // Bounded by the minutes asked for: 2 minutes back from 3:05 holds the sightings at 2:00 and 3:00; 0 none.
    const recent = (await tracks('viewer', '?trail_min=2')).json() as { features: Feature[] };
    expect(recent.features.find((f) => f.properties.kind === 'trail')!.properties.points).toBe(2);
    const none = (await tracks('viewer', '?trail_min=0')).json() as { features: Feature[] };
    expect(none.features.map((f) => f.properties.kind).sort()).toEqual(['cone', 'track']);
    for (const bad of ['?trail_min=121', '?trail_min=-1', '?trail_min=ten', '?history=5']) {
      const res = await tracks('viewer', bad);
      expect(res.statusCode, bad).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }

    // Silent for longer than a helicopter track lives: no track any more.
    setClock(t, T0 + 20 * 60_000);
    await t.runtime.ctx.warning.tick();
    expect((await tracks()).json().features).toEqual([]);
  });

  it('is for the operations room, not for spotters', async () => {
    expect((await tracks('spotter')).statusCode).toBe(403);
  });
});
