import { nodeLat, nodeLon } from '@civdef/router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roadLines } from '../roads/road-lines.js';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';

let t: TestApp;
let viewer: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  viewer = bearer(await t.tokenFor('viewer'));
});
afterAll(() => t.close());

interface Answer {
  graph_id: string;
  truncated: boolean;
  bounds: [number, number, number, number];
  scale: number;
  classes: { class: number; segments: number[] }[];
}
const get = async (query = '') => {
  const res = await t.app.inject({ url: `/api/v1/map/roads${query}`, headers: viewer });
  return { status: res.statusCode, body: res.json() as Answer };
};
const count = (a: Answer) => a.classes.reduce((n, c) => n + c.segments.length / 4, 0);

describe('GET /api/v1/map/roads', () => {
  it('draws every road of the graph once, its ends on the graph nodes', async () => {
    const { status, body } = await get();
    expect(status).toBe(200);
    const g = (await t.runtime.ctx.roads.ready()).use('vehicle', Date.now());
    expect(body.graph_id).toBe(g.graphId);
    // Every road once: directed edges less the second direction of two-way roads.
    const pairs = new Set<string>();
    for (let u = 0; u < g.graph.nodeCount; u++) {
      for (let e = g.graph.offsets[u]!; e < g.graph.offsets[u + 1]!; e++) {
        const v = g.graph.targets[e]!;
        pairs.add(u < v ? `${u} ${v}` : `${v} ${u}`);
      }
    }
    expect(count(body)).toBe(pairs.size);
    expect(body.classes.map((c) => c.class)).toEqual([0, 1, 2]);
    expect(body.classes.every((c) => c.segments.length > 0)).toBe(true);
    const nodes = new Set<string>();
    for (let v = 0; v < g.graph.nodeCount; v++) nodes.add(`${Math.round(nodeLon(g.graph, v) * 1e5)} ${Math.round(nodeLat(g.graph, v) * 1e5)}`);
    const segs = body.classes[0]!.segments;
    for (let i = 0; i < segs.length; i += 4) expect(nodes.has(`${segs[i]} ${segs[i + 1]}`)).toBe(true);
    const [w, s, e, n] = body.bounds;
    expect(w).toBeLessThan(e);
    expect(s).toBeLessThan(n);
  });

  it('cuts to a box and leaves minor roads out when zoomed out', async () => {
    const all = (await get()).body;
    const [w, s, e, n] = all.bounds;
    const quarter = (await get(`?bbox=${w},${s},${(w + e) / 2},${(s + n) / 2}`)).body;
    expect(count(quarter)).toBeGreaterThan(0);
    expect(count(quarter)).toBeLessThan(count(all));
    for (const c of quarter.classes) {
      for (let i = 0; i < c.segments.length; i += 4) {
        expect(Math.min(c.segments[i]!, c.segments[i + 2]!) / all.scale).toBeLessThanOrEqual((w + e) / 2 + 1e-5);
      }
    }
    const far = (await get('?zoom=10')).body;
    expect(far.classes[0]!.segments).toEqual([]);
    expect(far.classes[1]!.segments).toEqual([]);
    expect(far.classes[2]!.segments).toEqual(all.classes[2]!.segments);
    const mid = (await get('?zoom=12')).body;
    expect(mid.classes.map((c) => c.segments.length)).toEqual([0, all.classes[1]!.segments.length, all.classes[2]!.segments.length]);
    expect((await get('?zoom=13')).body.classes).toEqual(all.classes);
    expect(all.truncated).toBe(false);
  });

  it('answers at most limit segments, leaving out the minor roads first', async () => {
    const all = (await get()).body;
    const arterials = all.classes[2]!.segments.length / 4;
    const main = all.classes[1]!.segments.length / 4;
    const some = (await get(`?limit=${arterials + main}`)).body;
    expect(some.truncated).toBe(true);
    expect(some.classes.map((c) => c.segments)).toEqual([[], all.classes[1]!.segments, all.classes[2]!.segments]);
    const few = (await get('?limit=10')).body;
    expect(few.truncated).toBe(true);
    expect(few.classes.map((c) => c.segments)).toEqual([[], [], all.classes[2]!.segments.slice(0, 40)]);
    expect((await get(`?limit=${count(all)}`)).body.truncated).toBe(false);
    for (const bad of ['0', '50001', 'ten']) {
      const res = await t.app.inject({ url: `/api/v1/map/roads?limit=${bad}`, headers: viewer });
      expect(res.statusCode, bad).toBe(422);
      expect(res.json().errors[0].path).toBe('limit');
    }
  });

  it('refuses a box that is not one', async () => {
    for (const bad of ['1,2,3', '37.2,36.1,37.1,36.2', 'a,b,c,d', '37,36,200,37']) {
      const res = await t.app.inject({ url: `/api/v1/map/roads?bbox=${bad}`, headers: viewer });
      expect(res.statusCode, bad).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors[0].path).toBe('bbox');
    }
    expect((await t.app.inject({ url: '/api/v1/map/roads?zoom=40', headers: viewer })).statusCode).toBe(422);
  });

  it('is made once per graph', async () => {
    const g = (await t.runtime.ctx.roads.ready()).use('vehicle', Date.now());
    expect(roadLines(g.graph)).toBe(roadLines(g.graph));
  });
});
