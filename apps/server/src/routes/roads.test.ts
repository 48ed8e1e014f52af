// Route, travel-time and isochrone answers over HTTP on the test apps' demo city (seed 1, 2,000 nodes),
// checked against each other and against the router called directly on the same graph.
import { routeBetween } from '@civdef/router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';
import { centreSites, type Site } from '../roads/demo-sites.js';

let t: TestApp;
let viewer: Record<string, string>;
let sites: Site[];

beforeAll(async () => {
  t = await startTestApp();
  viewer = bearer(await t.tokenFor('viewer'));
  sites = centreSites(await t.runtime.ctx.roads.ready());
});
afterAll(() => t.close());

const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: viewer, payload });
const at = (s: Site) => ({ lat: s.lat, lon: s.lon });

interface Reached {
  reachable: true;
  duration_s: number;
  distance_m: number;
  geometry: { type: string; coordinates: [number, number][] };
  streets: { name: string; distance_m: number }[];
  from: { lat: number; lon: number; distance_m: number };
}

describe('POST /api/v1/routes', () => {
  it('answers the fastest route with geometry, distance, duration and streets, as the router does', async () => {
    const res = await post('/api/v1/routes', { from: at(sites[0]!), to: at(sites[2]!) });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Reached;
    expect(r.reachable).toBe(true);
    expect(r.geometry.type).toBe('LineString');
    expect(r.geometry.coordinates[0]).toEqual([r.from.lon, r.from.lat]);
    // The centre sites are road nodes, so they snap onto themselves.
    expect(r.from.distance_m).toBeLessThan(1);
    const streetTotal = r.streets.reduce((sum, s) => sum + s.distance_m, 0);
    expect(Math.abs(streetTotal - r.distance_m)).toBeLessThan(1 + r.streets.length * 0.1);
    // Rounded to tenths, it is the router's own answer on the same live weights.
    const net = await t.runtime.ctx.roads.ready();
    const g = net.use('vehicle', Date.now());
    const direct = routeBetween(g.graph, g.weights, g.snap.snap(sites[0]!.lat, sites[0]!.lon), g.snap.snap(sites[2]!.lat, sites[2]!.lon))!;
    expect(r.duration_s).toBeCloseTo(direct.durationS, 1);
    expect(r.distance_m).toBeCloseTo(direct.distanceM, 1);
    // A straight line is the shortest; a road route is at least that long.
    const crow = Math.hypot((sites[0]!.lat - sites[2]!.lat) * 111_195, (sites[0]!.lon - sites[2]!.lon) * 111_195 * Math.cos((36.2 * Math.PI) / 180));
    expect(r.distance_m).toBeGreaterThan(crow);
  });

  it('walks on foot more slowly than it drives, and against one-way streets', async () => {
    const drive = (await post('/api/v1/routes', { from: at(sites[0]!), to: at(sites[1]!) })).json() as Reached;
    const walk = (await post('/api/v1/routes', { from: at(sites[0]!), to: at(sites[1]!), profile: 'foot' })).json() as Reached;
    expect(walk.reachable).toBe(true);
    expect(walk.duration_s).toBeGreaterThan(drive.duration_s);
    expect(walk.distance_m).toBeLessThanOrEqual(drive.distance_m + 1);
  });

  it('a point far from any road gets 422 naming the point and the distance', async () => {
    const res = await post('/api/v1/routes', { from: at(sites[0]!), to: { lat: 36.5, lon: 37.5 } });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const p = res.json() as { type: string; detail: string; lat: number; lon: number; limit_m: number };
    expect(p.type).toBe('urn:civdef:problem:no-road-nearby');
    expect(p.detail).toContain('No road within 500 m of 36.500000,37.500000');
    expect(p).toMatchObject({ lat: 36.5, lon: 37.5, limit_m: 500 });
  });

  it('a point a few metres off the road snaps onto it', async () => {
    const off = { lat: sites[1]!.lat + 0.0002, lon: sites[1]!.lon };
    const r = (await post('/api/v1/routes', { from: off, to: at(sites[2]!) })).json() as Reached;
    expect(r.reachable).toBe(true);
    expect(r.from.distance_m).toBeGreaterThan(0);
    expect(r.from.distance_m).toBeLessThanOrEqual(23);
  });
});

describe('POST /api/v1/travel-times', () => {
  it('gives each source its time to the destination, equal to a route search; unroutable sources say why', async () => {
    const to = at(sites[2]!);
    const from = [
      { id: 'west', ...at(sites[0]!) },
      { id: 'north-east', ...at(sites[1]!) },
      { id: 'lost', lat: 36.5, lon: 37.5 },
      { lat: sites[2]!.lat, lon: sites[2]!.lon },
    ];
    const res = await post('/api/v1/travel-times', { to, from });
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: { id: string | null; reachable: boolean; duration_s: number | null; reason: string | null }[] }).items;
    expect(items.map((i) => i.id)).toEqual(['west', 'north-east', 'lost', null]);
    expect(items[2]).toMatchObject({ reachable: false, duration_s: null, reason: 'no-road-nearby' });
    expect(items[3]).toMatchObject({ reachable: true, duration_s: 0 });
    for (const i of [0, 1]) {
      const route = (await post('/api/v1/routes', { from: at(sites[i]!), to })).json() as Reached;
      expect(items[i]).toMatchObject({ reachable: true, reason: null });
      expect(Math.abs(items[i]!.duration_s! - route.duration_s)).toBeLessThanOrEqual(0.11);
    }
  });

  it('a time limit turns the farther sources unreachable (no-path) and keeps the nearer ones', async () => {
    const to = at(sites[2]!);
    const full = (await post('/api/v1/travel-times', { to, from: sites.map(at) })).json() as { items: { duration_s: number }[] };
    const times = full.items.map((i) => i.duration_s).sort((a, b) => a - b);
    const limit = (times[1]! + times[2]!) / 2;
    const cut = (await post('/api/v1/travel-times', { to, from: sites.map(at), limit_s: limit })).json() as { items: { reachable: boolean; reason: string | null }[] };
    expect(cut.items.filter((i) => i.reachable)).toHaveLength(2);
    expect(cut.items.filter((i) => !i.reachable).map((i) => i.reason)).toEqual(['no-path']);
  });

  it('refuses more than 500 sources and a destination off the map', async () => {
    const many = Array.from({ length: 501 }, () => at(sites[0]!));
    const tooMany = await post('/api/v1/travel-times', { to: at(sites[1]!), from: many });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.body).toContain('at most 500 sources');
    const lost = await post('/api/v1/travel-times', { to: { lat: 36.5, lon: 37.5 }, from: [at(sites[0]!)] });
    expect(lost.statusCode).toBe(422);
    expect((lost.json() as { type: string }).type).toBe('urn:civdef:problem:no-road-nearby');
  });
});

describe('GET /api/v1/isochrones', () => {
  const get = (query: string) => t.app.inject({ url: `/api/v1/isochrones?${query}`, headers: viewer });

  it('answers GeoJSON: the origin, then the nodes first reached in each band, all reachable in time', async () => {
    const s = sites[0]!;
    const res = await get(`lat=${s.lat}&lon=${s.lon}&minutes=1,2`);
    expect(res.statusCode, res.body).toBe(200);
    const fc = res.json() as { type: string; features: { properties: Record<string, number | string>; geometry: { type: string; coordinates: [number, number][] } }[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f) => f.geometry.type)).toEqual(['Point', 'MultiPoint', 'MultiPoint']);
    const [, one, two] = fc.features;
    expect(one!.properties).toMatchObject({ kind: 'band', minutes: 1, from_s: 0, to_s: 60 });
    expect(two!.properties).toMatchObject({ kind: 'band', minutes: 2, from_s: 60, to_s: 120 });
    expect(one!.geometry.coordinates.length).toBeGreaterThan(0);
    expect(two!.geometry.coordinates.length).toBeGreaterThan(one!.geometry.coordinates.length);
    // Every point of the first band is truly within a minute: ask for the route to a few of them.
    for (const [lon, lat] of one!.geometry.coordinates.slice(-3)) {
      const r = (await post('/api/v1/routes', { from: at(s), to: { lat, lon } })).json() as Reached;
      expect(r.duration_s).toBeLessThanOrEqual(60.1);
    }
  });

  it('names bad parameters', async () => {
    for (const [query, path] of [
      ['lat=36.2&lon=37.15&minutes=0', 'minutes'],
      ['lat=36.2&lon=37.15&minutes=5,99', 'minutes'],
      ['lat=91&lon=37.15&minutes=5', 'lat'],
      ['lat=abc&lon=37.15&minutes=5', 'lat'],
      ['lon=37.15&minutes=5', 'lat'],
    ]) {
      const res = await get(query!);
      expect(res.statusCode, query).toBe(422);
      expect((res.json() as { errors: { path: string }[] }).errors.map((e) => e.path), query).toContain(path);
    }
  });
});
