// Closures through the API on the demo city: a bridge closed from the field changes the very next route;
// lifting, expiry and a restart each do what they say, and each leaves its event.
import { newUlid } from '@civdef/core';
import { edgeName, nodeLat, nodeLon } from '@civdef/router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.js';
import { demoInfoOf, writeDemoCity } from '../roads/demo-files.js';
import { centreSites } from '../roads/demo-sites.js';
import { openRuntime } from '../runtime.js';
import { bearer, startTestApp, testConfig, type TestApp } from '../test-support/harness.js';

let t: TestApp;
let leader: Record<string, string>;
let from: { lat: number; lon: number };
let to: { lat: number; lon: number };
let bridges: { name: string; way_id: number }[];

interface Answer {
  reachable: boolean;
  duration_s: number;
  streets: { name: string }[];
}
interface ClosureJson {
  id: string;
  lifted_at: string | null;
  lifted_by: string | null;
  until: string | null;
  applied_edges: Record<string, number>;
}

beforeAll(async () => {
  t = await startTestApp();
  leader = bearer(await t.tokenFor('team-leader'));
  const net = await t.runtime.ctx.roads.ready();
  // West Centre lies across the river from South-East Centre: the drive between them takes a bridge.
  const [west, , southEast] = centreSites(net);
  from = { lat: west!.lat, lon: west!.lon };
  to = { lat: southEast!.lat, lon: southEast!.lon };
  bridges = demoInfoOf(net.primary().info)!.bridges;
});
afterAll(() => t.close());

const route = async (app = t.app): Promise<Answer> => {
  const res = await app.inject({ method: 'POST', url: '/api/v1/routes', headers: leader, payload: { from, to } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Answer;
};
const bridgeOf = (a: Answer) => a.streets.map((s) => s.name).find((n) => bridges.some((b) => b.name === n));
const close = async (body: Record<string, unknown>, expected = 201) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/closures', headers: leader, payload: { id: newUlid(), kind: 'closure', reason: 'rubble', ...body } });
  expect(res.statusCode, res.body).toBe(expected);
  return res.json() as ClosureJson;
};
const lift = async (id: string, expected = 200) => {
  const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/closures/${id}`, headers: leader });
  expect(res.statusCode, res.body).toBe(expected);
  return res.json() as ClosureJson;
};
const eventsOf = async (id: string) => {
  const res = await t.app.inject({ url: `/api/v1/events?subject_id=${id}`, headers: leader });
  return (res.json() as { items: { type: string; actor_id: string; data: Record<string, unknown> }[] }).items;
};

describe('closing a bridge', () => {
  it('by street name: the very next route takes another bridge, slower; DELETE brings the first back', async () => {
    const before = await route();
    const used = bridgeOf(before);
    expect(used, JSON.stringify(before.streets)).toBeDefined();
    const c = await close({ target: { street: used!.toUpperCase() } });
    expect(c.applied_edges.vehicle).toBeGreaterThan(0);
    expect(c.applied_edges.foot).toBeGreaterThan(0);
    const during = await route();
    expect(during.reachable).toBe(true);
    expect(bridgeOf(during)).not.toBe(used);
    expect(during.duration_s).toBeGreaterThan(before.duration_s);
    const lifted = await lift(c.id);
    expect(lifted.lifted_by).toEqual(expect.any(String));
    expect(lifted.applied_edges).toEqual({ vehicle: 0, foot: 0 });
    expect(await route()).toEqual(before);
    expect((await eventsOf(c.id)).map((e) => e.type)).toEqual(['closure.created', 'closure.lifted']);
  });

  it('every bridge by way id: the other bank is cut off, answered as reachable: false', async () => {
    const ids: string[] = [];
    for (const b of bridges) ids.push((await close({ target: { way_id: b.way_id }, reason: 'crater' })).id);
    const cut = await route();
    expect(cut).toMatchObject({ reachable: false, detail: expect.stringContaining('No open road') });
    const listed = (await t.app.inject({ url: '/api/v1/closures', headers: leader })).json() as { items: ClosureJson[] };
    expect(listed.items.map((c) => c.id).sort()).toEqual([...ids].sort());
    for (const id of ids) await lift(id);
    expect((await route()).reachable).toBe(true);
    const active = (await t.app.inject({ url: '/api/v1/closures', headers: leader })).json() as { items: unknown[] };
    expect(active.items).toHaveLength(0);
    const all = (await t.app.inject({ url: '/api/v1/closures?all=1', headers: leader })).json() as { items: ClosureJson[] };
    expect(all.items.filter((c) => ids.includes(c.id)).every((c) => c.lifted_at !== null)).toBe(true);
  });

  it('a circle over the bridge closes it too; a slowdown there makes the route slower or avoid it', async () => {
    const before = await route();
    const net = await t.runtime.ctx.roads.ready();
    const g = net.primary();
    const name = bridgeOf(before)!;
    let edge = 0;
    while (edgeName(g.graph, edge) !== name) edge++;
    const u = g.snap.sourceOf(edge);
    const v = g.graph.targets[edge]!;
    const mid = { lat: (nodeLat(g.graph, u) + nodeLat(g.graph, v)) / 2, lon: (nodeLon(g.graph, u) + nodeLon(g.graph, v)) / 2 };
    const circle = await close({ target: { circle: { ...mid, radius_m: 5 } }, reason: 'fire', profile: 'vehicle' });
    expect(circle.applied_edges).toEqual({ vehicle: expect.any(Number), foot: 0 });
    expect(bridgeOf(await route())).not.toBe(name);
    await lift(circle.id);
    const slow = await close({ kind: 'slowdown', factor: 4, target: { street: name }, reason: 'rubble' });
    const slowed = await route();
    expect(slowed.duration_s).toBeGreaterThan(before.duration_s);
    await lift(slow.id);
    expect((await route()).duration_s).toBe(before.duration_s);
  });

  it('a road segment by edge id (both directions, vehicle graph only)', async () => {
    const before = await route();
    const g = (await t.runtime.ctx.roads.ready()).primary();
    const name = bridgeOf(before)!;
    const edge = [...g.graph.edgeWay].findIndex((w) => g.graph.names[g.graph.wayNames[w]!] === name);
    const c = await close({ target: { edge } });
    expect(c.applied_edges).toEqual({ vehicle: 2, foot: 0 });
    expect(bridgeOf(await route())).not.toBe(name);
    await lift(c.id);
  });
});

describe('expiry', () => {
  it('lifts the closure at its end, records closure.expired by the system, and routes over the bridge again', async () => {
    const before = await route();
    const until = new Date(Date.now() + 1_500).toISOString();
    const c = await close({ target: { street: bridgeOf(before)! }, until, reason: 'sniper' });
    expect(c.until).toBe(until);
    expect(bridgeOf(await route())).not.toBe(bridgeOf(before));
    let types: string[] = [];
    for (let i = 0; i < 50 && !types.includes('closure.expired'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      types = (await eventsOf(c.id)).map((e) => e.type);
    }
    expect(types).toEqual(['closure.created', 'closure.expired']);
    const expired = (await eventsOf(c.id))[1]!;
    expect(expired).toMatchObject({ actor_id: 'system', data: { until } });
    expect(await route()).toEqual(before);
    const all = (await t.app.inject({ url: '/api/v1/closures?all=1', headers: leader })).json() as { items: ClosureJson[] };
    expect(all.items.find((x) => x.id === c.id)).toMatchObject({ lifted_at: until, lifted_by: 'system', applied_edges: { vehicle: 0 } });
    // Lifting it by hand afterwards changes nothing and writes nothing.
    expect(await lift(c.id)).toMatchObject({ lifted_by: 'system' });
    expect(await eventsOf(c.id)).toHaveLength(2);
  });
});

describe('restart', () => {
  it('replays active closures from the database onto the freshly loaded graph; lifted ones stay lifted', async () => {
    const before = await route();
    const used = bridgeOf(before)!;
    const kept = await close({ target: { street: used } });
    const gone = await close({ target: { way_id: bridges.find((b) => b.name !== used)!.way_id } });
    await lift(gone.id);
    // A second server on the same database and data folder: it loads the graph file and replays.
    const again = await openRuntime(testConfig(t.dataDir), t.runtime.ctx.storage);
    const app = await buildApp(again.deps);
    try {
      const net = await again.ctx.roads.ready();
      expect(net.applied(kept.id).vehicle).toBeGreaterThan(0);
      expect(net.applied(gone.id)).toEqual({ vehicle: 0, foot: 0 });
      const after = await route(app);
      expect(bridgeOf(after)).not.toBe(used);
      expect(after.duration_s).toBeGreaterThan(before.duration_s);
    } finally {
      await app.close();
      again.ctx.roads.close();
    }
    await lift(kept.id);
  });
});

describe('reports', () => {
  it('a retry with the same id answers 200 with the stored closure and writes nothing; other content is 409', async () => {
    const body = { id: newUlid(), kind: 'closure', reason: 'rubble', target: { way_id: bridges[0]!.way_id }, note: 'collapsed span' };
    const first = await close(body);
    const again = await close(body, 200);
    expect(again).toEqual(first);
    expect(await eventsOf(first.id)).toHaveLength(1);
    const clash = await t.app.inject({ method: 'POST', url: '/api/v1/closures', headers: leader, payload: { ...body, reason: 'fire' } });
    expect(clash.statusCode).toBe(409);
    expect(clash.body).toContain('reason');
    await lift(first.id);
  });

  it('refuses a report that closes nothing, ends in the past, or is inconsistent, naming the field', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ target: { street: 'No Such Street' } }, 'target', 'covers no road'],
      [{ target: { circle: { lat: 36.5, lon: 37.5, radius_m: 100 } } }, 'target', 'covers no road'],
      [{ target: { edge: 10_000_000 } }, 'target.edge', 'no road segment'],
      [{ target: { street: 'x' }, until: '2020-01-01T00:00:00Z' }, 'until', 'in the past'],
      [{ kind: 'slowdown', target: { way_id: 1 } }, 'factor', 'required'],
      [{ target: { way_id: 1 }, factor: 2 }, 'factor', 'slowdowns only'],
      [{ kind: 'slowdown', factor: 0.5, target: { way_id: 1 } }, 'factor', 'above 1'],
      [{ target: { polygon: [[37.1, 36.2], [37.2, 36.2]] } }, 'target', ''],
    ];
    for (const [body, path, message] of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/closures', headers: leader, payload: { id: newUlid(), kind: 'closure', reason: 'other', ...body } });
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      const errors = (res.json() as { errors: { path: string; message: string }[] }).errors;
      expect(errors.some((e) => e.path.startsWith(path) && e.message.includes(message)), `${JSON.stringify(body)}: ${JSON.stringify(errors)}`).toBe(true);
    }
    const listed = (await t.app.inject({ url: '/api/v1/closures?all=1', headers: leader })).json() as { items: ClosureJson[] };
    expect(listed.items.filter((c) => c.lifted_at === null)).toHaveLength(0);
  });

  it('DELETE of an unknown closure is 404', async () => {
    const id = newUlid();
    const res = await lift(id, 404);
    expect(res).toMatchObject({ status: 404, detail: `No closure with id ${id}` });
  });
});

// Last: it puts another city in place of the one the tests above route on.
describe('a new map written beside the running server', () => {
  it('is loaded in place, with the active closures applied to it again', async () => {
    const c = await close({ target: { circle: { lat: 36.2, lon: 37.15, radius_m: 150 } } });
    const net = await t.runtime.ctx.roads.ready();
    const old = net.primary().graphId;
    await writeDemoCity(t.dataDir, 2, 2000);
    for (let i = 0; i < 50 && net.primary().graphId === old; i++) await new Promise((r) => setTimeout(r, 100));
    expect(net.primary().graphId).not.toBe(old);
    expect(net.applied(c.id).vehicle).toBeGreaterThan(0);
    expect(net.primary().weights.get(c.id)!.edges.every((e) => net.primary().weights.current[e] === Infinity)).toBe(true);
    await lift(c.id);
  });
});
