// Dispatch through the API on the test demo city (seed 1, ~2,000 nodes, three centres around 36.20 N 37.15 E):
// recommendations by road time, hold advisories after a strike, the alert when a unit breaks down on the
// way, auto-dispatch, the board and estimated positions. Each test retires its units at the end, so the
// next sees only its own free units.
import { haversineMeters, newUlid } from '@civdef/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';

let t: TestApp;
let admin: Record<string, string>;
let dispatcher: Record<string, string>;
let centreId: string;
let made: string[] = [];

// The test city's centre sites, and a point 500 m west of West Centre.
const WEST = { lat: 36.2020611, lon: 37.1398968 };
const NORTH_EAST = { lat: 36.2050624, lon: 37.1556407 };
const SOUTH_EAST = { lat: 36.1955638, lon: 37.154958 };
const WEST_EDGE = { lat: 36.2021, lon: 37.1343 };
const OFF_MAP = { lat: 36.25, lon: 37.15 }; // 4 km north of every road

type Json = Record<string, unknown>;
interface Item {
  unit_id: string;
  name: string;
  reachable: boolean;
  reason: string | null;
  eta_s: number | null;
  distance_m: number | null;
  profile: string;
  fills: string[];
  route: { type: string; coordinates: [number, number][] } | null;
  advisory: { staging: { lat: number; lon: number; distance_m: number } | null; hazard: { incident_id: string; radius_m: number } } | null;
}
interface Recs {
  needs: { capability: string; count: number; missing: number }[];
  items: Item[];
  suggested: string[];
  uncovered: { capability: string; missing: number }[];
  hazards: { source: string }[];
}

async function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: Json, who = dispatcher) {
  return t.app.inject({ method, url, headers: who, ...(payload ? { payload } : {}) });
}

async function ok(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: Json, who = dispatcher): Promise<Json> {
  const res = await call(method, url, payload, who);
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as Json;
}

async function unit(kind: string, capabilities: string[], at: { lat: number; lon: number }, centre = centreId): Promise<string> {
  const id = newUlid();
  await ok('POST', '/api/v1/units', { id, name: `${kind} ${id.slice(-6)}`, kind, centre_id: centre, capabilities, ...at }, admin);
  made.push(id);
  return id;
}

async function incident(o: Json): Promise<string> {
  const id = newUlid();
  await ok('POST', '/api/v1/incidents', { id, kind: 'building-collapse', severity: 2, casualties: 0, source: 'dispatcher', occurred_at: t.runtime.ctx.now().toISOString(), ...WEST_EDGE, ...o });
  return id;
}

const recs = async (incidentId: string, q = '') => (await ok('GET', `/api/v1/incidents/${incidentId}/recommendations${q}`)) as unknown as Recs;
const assign = (incidentId: string, unitId: string) => call('POST', `/api/v1/incidents/${incidentId}/assignments`, { id: newUlid(), unit_id: unitId });
const status = (unitId: string, s: string, extra: Json = {}) => ok('POST', `/api/v1/units/${unitId}/status`, { id: newUlid(), status: s, ...extra });
const events = async (type: string, subject: string) => ((await ok('GET', `/api/v1/events?type=${type}&subject_id=${subject}`)).items as { data: Json; actor_id: string }[]);

beforeAll(async () => {
  t = await startTestApp();
  admin = bearer(await t.tokenFor('admin'));
  dispatcher = bearer(await t.tokenFor('dispatcher'));
  centreId = newUlid();
  await ok('POST', '/api/v1/centres', { id: centreId, name: 'Dispatch Test Centre', ...WEST }, admin);
});
afterAll(() => t.close());

// Units out of the way of the next test: whatever their state, released and out of service.
afterEach(async () => {
  t.runtime.ctx.now = () => new Date();
  await t.runtime.ctx.dispatch.watcher.idle();
  for (const id of made) {
    const u = (await ok('GET', `/api/v1/units/${id}`)) as { status: string };
    if (u.status === 'dispatched' || u.status === 'en-route') await status(id, 'available');
    if (u.status === 'on-scene') await status(id, 'returning');
    if (u.status !== 'out-of-service') await status(id, 'out-of-service', { reason: 'maintenance' });
  }
  made = [];
});

describe('recommendations', () => {
  it('ranks the units an incident needs by road time, each with its route, and suggests the fastest cover', async () => {
    const near = await unit('rescue-truck', ['heavy-rescue', 'light-rescue'], WEST);
    const mid = await unit('rescue-truck', ['heavy-rescue'], NORTH_EAST);
    const far = await unit('excavator', ['excavation', 'heavy-rescue'], SOUTH_EAST);
    await unit('ambulance', ['medical'], WEST); // a collapse with no casualties needs no ambulance
    const id = await incident({ kind: 'building-collapse', severity: 2, casualties: 0 });
    const r = await recs(id);
    expect(r.needs).toEqual([expect.objectContaining({ capability: 'heavy-rescue', count: 1, missing: 1 })]);
    expect(r.items.map((i) => i.unit_id).sort()).toEqual([near, mid, far].sort());
    const etas = r.items.map((i) => i.eta_s!);
    expect(etas).toEqual([...etas].sort((a, b) => a - b));
    expect(r.items[0]!.unit_id).toBe(near);
    expect(r.suggested).toEqual([near]);
    expect(r.uncovered).toEqual([]);
    for (const i of r.items) {
      expect(i).toMatchObject({ reachable: true, reason: null, profile: 'vehicle', fills: ['heavy-rescue'] });
      expect(i.route!.type).toBe('LineString');
      const end = i.route!.coordinates.at(-1)!;
      expect(haversineMeters(end[1], end[0], WEST_EDGE.lat, WEST_EDGE.lon)).toBeLessThan(200);
      expect(i.distance_m!).toBeGreaterThan(0);
    }
    // The same figures as the router's own answer to the dispatch question.
    const tt = (await ok('POST', '/api/v1/travel-times', { to: WEST_EDGE, from: [{ id: far, ...SOUTH_EAST }] })) as { items: { duration_s: number }[] };
    expect(r.items.find((i) => i.unit_id === far)!.eta_s).toBeCloseTo(tt.items[0]!.duration_s, 0);
  });

  it('ranks by road time on the live roads, not by distance: a slowed street pushes the nearest unit back', async () => {
    const near = await unit('fire-truck', ['firefighting'], WEST);
    const other = await unit('fire-truck', ['firefighting'], NORTH_EAST);
    const id = await incident({ kind: 'fire', severity: 2, casualties: 0 });
    expect((await recs(id)).suggested).toEqual([near]);
    const closure = newUlid();
    await ok('POST', '/api/v1/closures', { id: closure, kind: 'slowdown', factor: 100, reason: 'rubble', target: { circle: { ...WEST, radius_m: 150 } } });
    try {
      const r = await recs(id);
      expect(r.suggested).toEqual([other]);
      expect(r.items.map((i) => i.unit_id)).toEqual([other, near]);
      expect(haversineMeters(WEST.lat, WEST.lon, WEST_EDGE.lat, WEST_EDGE.lon)).toBeLessThan(haversineMeters(NORTH_EAST.lat, NORTH_EAST.lon, WEST_EDGE.lat, WEST_EDGE.lon));
    } finally {
      await ok('DELETE', `/api/v1/closures/${closure}`);
    }
  });

  it('lists units with no road to the site as unreachable, last, and never suggests them', async () => {
    const lost = await unit('rescue-truck', ['heavy-rescue'], OFF_MAP);
    const fine = await unit('rescue-truck', ['heavy-rescue'], SOUTH_EAST);
    const id = await incident({});
    const r = await recs(id);
    expect(r.items.map((i) => i.unit_id)).toEqual([fine, lost]);
    expect(r.items[1]).toMatchObject({ reachable: false, reason: 'no-road-nearby', eta_s: null, route: null, distance_m: null });
    expect(r.suggested).toEqual([fine]);
    // Every road within a kilometre closed: the site itself is cut off, and every unit with it.
    const closure = newUlid();
    await ok('POST', '/api/v1/closures', { id: closure, kind: 'closure', reason: 'rubble', target: { circle: { ...WEST_EDGE, radius_m: 1000 } } });
    try {
      const cut = await recs(id);
      const why = new Map(cut.items.map((i) => [i.unit_id, [i.reachable, i.reason]]));
      expect(why).toEqual(new Map([[fine, [false, 'no-path']], [lost, [false, 'no-road-nearby']]]));
      expect(cut.suggested).toEqual([]);
      expect(cut.uncovered).toEqual([{ capability: 'heavy-rescue', missing: 1 }]);
    } finally {
      await ok('DELETE', `/api/v1/closures/${closure}`);
    }
  });

  it('matches capabilities, sends teams on foot on the foot graph, and leaves out units it does not need', async () => {
    const fire = await unit('fire-truck', ['firefighting', 'water'], NORTH_EAST);
    const foot = await unit('foot-team', ['light-rescue', 'medical'], SOUTH_EAST);
    const amb = await unit('ambulance', ['medical'], WEST);
    const tanker = await unit('water-tanker', ['water'], WEST);
    const id = await incident({ kind: 'fire', severity: 2, casualties: 1, ...SOUTH_EAST });
    const r = await recs(id);
    const byId = new Map(r.items.map((i) => [i.unit_id, i]));
    expect(byId.has(tanker)).toBe(false); // a small fire needs no tanker
    expect(byId.get(foot)).toMatchObject({ profile: 'foot', fills: ['medical'] });
    expect(byId.get(amb)).toMatchObject({ profile: 'vehicle', fills: ['medical'] });
    expect(r.suggested).toContain(fire);
    expect(r.suggested).toHaveLength(2);
    expect(r.uncovered).toEqual([]);
  });

  it('answers 404 for an unknown incident and 409 for a closed one', async () => {
    expect((await call('GET', `/api/v1/incidents/${newUlid()}/recommendations`)).statusCode).toBe(404);
    const id = await incident({});
    await ok('POST', `/api/v1/incidents/${id}/status`, { status: 'closed' });
    const res = await call('GET', `/api/v1/incidents/${id}/recommendations`);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ incident_id: id });
    expect((await call('GET', `/api/v1/incidents/${id}/recommendations?limit=0`)).statusCode).toBe(422);
  });
});

describe('double tap', () => {
  it('gives units heading to a fresh strike a hold advisory with a staging point on their route, and records it', async () => {
    const u = await unit('rescue-truck', ['heavy-rescue'], NORTH_EAST);
    const strike = await incident({ kind: 'airstrike', severity: 3 });
    const r = await recs(strike);
    expect(r.hazards[0]).toMatchObject({ source: 'strike-window' });
    const item = r.items.find((i) => i.unit_id === u)!;
    expect(item.advisory!.hazard).toMatchObject({ incident_id: strike, radius_m: 500 });
    const staging = item.advisory!.staging!;
    expect(staging.distance_m).toBeGreaterThan(499);
    expect(staging.distance_m).toBeLessThan(501);
    const res = await assign(strike, u);
    expect(res.statusCode).toBe(201);
    expect((res.json() as { advisory: { staging: unknown } }).advisory.staging).toEqual(staging);
    const recorded = await events('dispatch.hold-advisory', strike);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.data).toMatchObject({ unit_id: u, hold: true, staging });
  });

  it('gives none for a fire, or once the hold time has passed', async () => {
    const u = await unit('fire-truck', ['firefighting', 'heavy-rescue'], WEST);
    const fire = await incident({ kind: 'fire', ...SOUTH_EAST });
    const old = await incident({ kind: 'barrel-bomb', severity: 3, ...NORTH_EAST, occurred_at: new Date(Date.now() - 11 * 60_000).toISOString() });
    for (const id of [fire, old]) expect((await recs(id)).items.every((i) => i.advisory === null)).toBe(true);
    const res = await assign(fire, u);
    expect((res.json() as { advisory: unknown }).advisory).toBeNull();
    expect(await events('dispatch.hold-advisory', fire)).toEqual([]);
  });
});

describe('a unit lost on the way', () => {
  it('frees its assignment and alerts the dispatcher with fresh recommendations', async () => {
    const first = await unit('ambulance', ['medical'], WEST);
    const spare = await unit('ambulance', ['medical'], NORTH_EAST);
    const id = await incident({ kind: 'shelling', severity: 2, casualties: 2, ...SOUTH_EAST });
    expect((await assign(id, first)).statusCode).toBe(201);
    await status(first, 'en-route');
    await status(first, 'out-of-service', { reason: 'overheated' });
    await t.runtime.ctx.dispatch.watcher.idle();
    const alerts = await events('dispatch.alert', id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.actor_id).toBe('system');
    expect(alerts[0]!.data).toMatchObject({ alert: 'unit-lost', unit_id: first, reason: 'overheated', uncovered: expect.arrayContaining([{ capability: 'medical', missing: 1 }]) });
    expect((alerts[0]!.data.recommended as { unit_id: string }[]).map((x) => x.unit_id)).toEqual([spare]);
    expect(alerts[0]!.data.detail).toContain('overheated');
  });
});

describe('auto-dispatch', () => {
  it('is off by default; when a centre turns it on, a new incident gets its fastest needed unit at once', async () => {
    const other = newUlid();
    await ok('POST', '/api/v1/centres', { id: other, name: 'Auto Centre', ...SOUTH_EAST }, admin);
    expect(await ok('GET', `/api/v1/centres/${other}/dispatch-policy`)).toMatchObject({ auto_dispatch: false, updated_at: null });
    const mine = await unit('rescue-truck', ['heavy-rescue'], SOUTH_EAST, other);
    await unit('rescue-truck', ['heavy-rescue'], WEST); // nearer, but its centre has not opted in
    const before = await incident({});
    await t.runtime.ctx.dispatch.watcher.idle();
    expect((await ok('GET', `/api/v1/incidents/${before}/assignments`)).items).toEqual([]);

    const policy = await ok('PUT', `/api/v1/centres/${other}/dispatch-policy`, { auto_dispatch: true, max_units: 1 });
    expect(policy).toMatchObject({ centre_id: other, auto_dispatch: true, max_units: 1 });
    try {
      const after = await incident({});
      await t.runtime.ctx.dispatch.watcher.idle();
      const items = (await ok('GET', `/api/v1/incidents/${after}/assignments`)).items as { unit_id: string; assigned_by: string }[];
      expect(items).toEqual([expect.objectContaining({ unit_id: mine, assigned_by: 'system' })]);
    } finally {
      await ok('PUT', `/api/v1/centres/${other}/dispatch-policy`, { auto_dispatch: false });
    }
    expect(await events('dispatch.policy-set', other)).toHaveLength(2);
  });

  it('answers 404 for an unknown centre and writes nothing for the same policy again', async () => {
    expect((await call('GET', `/api/v1/centres/${newUlid()}/dispatch-policy`)).statusCode).toBe(404);
    expect((await call('PUT', `/api/v1/centres/${newUlid()}/dispatch-policy`, { auto_dispatch: true })).statusCode).toBe(404);
    expect((await call('PUT', `/api/v1/centres/${centreId}/dispatch-policy`, { auto_dispatch: 'yes' })).statusCode).toBe(422);
    await ok('PUT', `/api/v1/centres/${centreId}/dispatch-policy`, { auto_dispatch: false, max_units: 2 });
    await ok('PUT', `/api/v1/centres/${centreId}/dispatch-policy`, { auto_dispatch: false, max_units: 2 });
    expect(await events('dispatch.policy-set', centreId)).toHaveLength(1);
  });
});

describe('the board', () => {
  it('orders open incidents by severity, people trapped and age, and shows what is uncovered', async () => {
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    const a = await incident({ kind: 'fire', severity: 3, ...SOUTH_EAST, occurred_at: minutesAgo(30) });
    const b = await incident({ kind: 'fire', severity: 3, people_trapped: 2, ...SOUTH_EAST, occurred_at: minutesAgo(1) });
    const c = await incident({ kind: 'fire', severity: 5, ...SOUTH_EAST, occurred_at: minutesAgo(2) });
    const d = await incident({ kind: 'fire', severity: 3, ...SOUTH_EAST, occurred_at: minutesAgo(40) });
    const board = async () => {
      const all = (await ok('GET', '/api/v1/dispatch/board')) as { items: { incident: { id: string }; covered: boolean; priority: number; units: { unit_id: string; estimated: boolean }[] }[]; uncovered: string[] };
      const mine = new Set([a, b, c, d]);
      return { items: all.items.filter((i) => mine.has(i.incident.id)), uncovered: all.uncovered.filter((id) => mine.has(id)) };
    };
    let now = await board();
    expect(now.items.map((i) => i.incident.id)).toEqual([c, b, d, a]);
    expect(now.uncovered).toEqual([c, b, d, a]);
    const truck = await unit('fire-truck', ['firefighting'], NORTH_EAST);
    expect((await assign(d, truck)).statusCode).toBe(201);
    now = await board();
    expect(now.uncovered).toEqual([c, b, a]);
    const covered = now.items.find((i) => i.incident.id === d)!;
    expect(covered.covered).toBe(true);
    expect(covered.units).toEqual([expect.objectContaining({ unit_id: truck, estimated: false })]);
    // Raising what is known of an incident moves it up.
    await ok('POST', `/api/v1/incidents/${a}/assessment`, { people_trapped: 9 });
    expect((await board()).items.map((i) => i.incident.id)).toEqual([c, a, b, d]);
  });
});

describe('positions', () => {
  it('estimates a unit en route along its route until a fix comes', async () => {
    const u = await unit('ambulance', ['medical'], WEST);
    const id = await incident({ kind: 'shelling', casualties: 1, ...NORTH_EAST });
    const t0 = Date.now();
    t.runtime.ctx.now = () => new Date(t0);
    const eta = (await recs(id)).items.find((i) => i.unit_id === u)!.eta_s!;
    expect((await assign(id, u)).statusCode).toBe(201);
    await status(u, 'en-route');
    const where = async (): Promise<{ lat: number; lon: number; estimated: boolean }> =>
      ((await ok('GET', '/api/v1/dispatch/positions')).items as { unit_id: string; lat: number; lon: number; estimated: boolean }[]).find((p) => p.unit_id === u)!;
    const toSite = (p: { lat: number; lon: number }) => haversineMeters(p.lat, p.lon, NORTH_EAST.lat, NORTH_EAST.lon);
    expect(await where()).toMatchObject({ ...WEST, estimated: false });
    t.runtime.ctx.now = () => new Date(t0 + (eta / 2) * 1000);
    const half = await where();
    expect(half.estimated).toBe(true);
    expect(toSite(half)).toBeLessThan(toSite(WEST) - 100);
    expect(toSite(half)).toBeGreaterThan(100);
    t.runtime.ctx.now = () => new Date(t0 + (eta + 60) * 1000);
    const there = await where();
    expect(there.estimated).toBe(true);
    expect(toSite(there)).toBeLessThan(100);
    // A fix from the field app wins over the estimate; a stale one from a phone's backlog does not move it back.
    const fix = { lat: 36.2035, lon: 37.148 };
    await ok('PUT', `/api/v1/units/${u}/position`, { ...fix, at: new Date(t0 + (eta + 60) * 1000).toISOString() });
    expect(await where()).toMatchObject({ ...fix, estimated: false });
    await ok('PUT', `/api/v1/units/${u}/position`, { ...WEST, at: new Date(t0).toISOString() });
    expect(await where()).toMatchObject(fix);
  });
});

describe('assessment', () => {
  it('updates what is known, once; refuses a closed incident and an empty body', async () => {
    const id = await incident({});
    const updated = await ok('POST', `/api/v1/incidents/${id}/assessment`, { severity: 5, people_trapped: 7 });
    expect(updated).toMatchObject({ id, severity: 5, people_trapped: 7, casualties: 0 });
    await ok('POST', `/api/v1/incidents/${id}/assessment`, { severity: 5 });
    const recorded = await events('incident.assessed', id);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.data).toEqual({ changes: { severity: { from: 2, to: 5 }, people_trapped: { from: null, to: 7 } } });
    expect((await recs(id)).needs).toContainEqual(expect.objectContaining({ capability: 'heavy-rescue', count: 2 }));
    expect((await call('POST', `/api/v1/incidents/${id}/assessment`, {})).statusCode).toBe(422);
    await ok('POST', `/api/v1/incidents/${id}/status`, { status: 'closed' });
    expect((await call('POST', `/api/v1/incidents/${id}/assessment`, { severity: 1 })).statusCode).toBe(409);
  });
});
