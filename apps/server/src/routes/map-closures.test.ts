// GET /api/v1/map/closures: the roads a closure in force covers, as lines the operations room can draw.
import { newUlid } from '@civdef/core';
import { edgeName, edgeSource, nodeLat, nodeLon } from '@civdef/router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface Lines {
  scale: number;
  items: { id: string; kind: string; segments: number[] }[];
}

describe('GET /api/v1/map/closures', () => {
  it('draws a street closed by name along that street, once per road, and forgets it when lifted', async () => {
    const dispatcher = bearer(await t.tokenFor('dispatcher'));
    const g = (await t.runtime.ctx.roads.ready()).use('vehicle', Date.now()).graph;
    // A named street of the test city.
    let street = '';
    for (let e = 0; e < g.edgeCount && !street; e++) street = edgeName(g, e);
    expect(street).not.toBe('');
    const id = newUlid();
    const made = await t.app.inject({ method: 'POST', url: '/api/v1/closures', headers: dispatcher, payload: { id, kind: 'closure', reason: 'rubble', target: { street } } });
    expect(made.statusCode, made.body).toBe(201);
    const applied = made.json().applied_edges.vehicle as number;

    const res = await t.app.inject({ url: '/api/v1/map/closures', headers: bearer(await t.tokenFor('viewer')) });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Lines;
    const item = body.items.find((i) => i.id === id)!;
    expect(item.kind).toBe('closure');
    const n = item.segments.length / 4;
    // Each road once: at least half the directed edges (all two-way), at most all of them (all one-way).
    expect(n).toBeGreaterThanOrEqual(applied / 2);
    expect(n).toBeLessThanOrEqual(applied);
    // Every end is a node of a road of that name.
    const ends = new Set<string>();
    for (let e = 0; e < g.edgeCount; e++) {
      if (edgeName(g, e).toLowerCase() !== street.toLowerCase()) continue;
      for (const v of [edgeSource(g, e), g.targets[e]!]) ends.add(`${Math.round(nodeLon(g, v) * body.scale)} ${Math.round(nodeLat(g, v) * body.scale)}`);
    }
    for (let i = 0; i < item.segments.length; i += 2) expect(ends.has(`${item.segments[i]} ${item.segments[i + 1]}`)).toBe(true);

    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/closures/${id}`, headers: dispatcher })).statusCode).toBe(200);
    const after = (await t.app.inject({ url: '/api/v1/map/closures', headers: dispatcher })).json() as Lines;
    expect(after.items.find((i) => i.id === id)).toBeUndefined();
  });
});
