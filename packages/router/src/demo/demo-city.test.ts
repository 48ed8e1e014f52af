import { createHash } from 'node:crypto';
import { haversineMeters } from '@civdef/core';
import { describe, expect, it } from 'vitest';
import { edgeWayId, nodeLat, nodeLon } from '../graph/graph.js';
import { route } from '../search/route.js';
import { stronglyConnected } from '../search/components.js';
import { edgeSource, twinsOf } from '../snap/twins.js';
import { segmentsIntersect } from '../weights/select-area.js';
import { EdgeWeights } from '../weights/edge-weights.js';
import { generateDemoCity, type DemoCity } from './demo-city.js';

const cities = new Map<number, DemoCity>();
const city = (seed: number): DemoCity => {
  if (!cities.has(seed)) cities.set(seed, generateDemoCity({ seed }));
  return cities.get(seed)!;
};

function hash(c: DemoCity): string {
  const h = createHash('sha256');
  const g = c.graph;
  for (const a of [g.latE7, g.lonE7, g.offsets, g.targets, g.durationS, g.lengthM, g.edgeWay, g.wayIds, g.wayNames]) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  h.update(JSON.stringify([g.names, c.zones, c.centres, c.hospitals, c.river]));
  return h.digest('hex');
}

describe('generateDemoCity', () => {
  it('is deterministic for a seed and different for another', () => {
    expect(hash(generateDemoCity({ seed: 1 }))).toBe(hash(city(1)));
    expect(hash(city(2))).not.toBe(hash(city(1)));
  });

  it('has about 30k nodes around 36.20 N, 37.15 E, and grows with targetNodes', () => {
    for (const seed of [1, 2]) {
      const g = city(seed).graph;
      expect(g.nodeCount).toBeGreaterThan(25_000);
      expect(g.nodeCount).toBeLessThan(38_000);
      const mid = Math.floor(g.nodeCount / 2);
      expect(Math.abs(nodeLat(g, mid) - 36.2)).toBeLessThan(0.1);
      expect(Math.abs(nodeLon(g, mid) - 37.15)).toBeLessThan(0.1);
    }
    const small = generateDemoCity({ seed: 1, targetNodes: 5000 }).graph.nodeCount;
    expect(small).toBeGreaterThan(4000);
    expect(small).toBeLessThan(6000);
    expect(() => generateDemoCity({ targetNodes: 10 })).toThrow(RangeError);
  });

  it('is one strongly connected component for vehicles, with some oneway streets', () => {
    const g = city(1).graph;
    expect(stronglyConnected(g).count).toBe(1);
    const twins = twinsOf(g);
    const oneway = twins.filter((t) => t < 0).length;
    expect(oneway / g.edgeCount).toBeGreaterThan(0.03);
    expect(oneway / g.edgeCount).toBeLessThan(0.3);
    expect(Math.min(...g.durationS)).toBeGreaterThan(0);
    expect(Math.min(...g.lengthM)).toBeGreaterThan(0);
  });

  it('has 30-60 named neighbourhoods in English and Arabic, as closed counter-clockwise polygons', () => {
    const { features } = city(1).zones;
    expect(features.length).toBeGreaterThanOrEqual(30);
    expect(features.length).toBeLessThanOrEqual(60);
    expect(new Set(features.map((f) => f.properties['name:en'])).size).toBe(features.length);
    expect(features.some((f) => f.properties.kind === 'old-town')).toBe(true);
    for (const f of features) {
      expect(f.properties['name:ar']).toMatch(/^[\u0600-\u06FF ]+$/);
      const ring = f.geometry.coordinates[0]!;
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      let area2 = 0;
      for (let i = 0; i + 1 < ring.length; i++) area2 += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
      expect(area2).toBeGreaterThan(0);
    }
  });

  it('crosses the river only on its few bridges', () => {
    const c = city(1);
    const g = c.graph;
    expect(c.bridges.length).toBeGreaterThanOrEqual(3);
    expect(c.bridges.length).toBeLessThanOrEqual(8);
    const bridgeWays = new Set(c.bridges.map((b) => b.wayId));
    for (const b of c.bridges) {
      expect(b.edges.length).toBeGreaterThan(0);
      expect(b.name.en).toMatch(/ Bridge$/);
    }
    const river = c.river.geometry.coordinates;
    const crossings = new Map<number, number>();
    for (let e = 0; e < g.edgeCount; e++) {
      const u = edgeSource(g, e);
      const v = g.targets[e]!;
      for (let i = 0; i + 1 < river.length; i++) {
        const [p, q] = [river[i]!, river[i + 1]!];
        if (segmentsIntersect(nodeLon(g, u), nodeLat(g, u), nodeLon(g, v), nodeLat(g, v), p[0], p[1], q[0], q[1])) {
          crossings.set(edgeWayId(g, e), (crossings.get(edgeWayId(g, e)) ?? 0) + 1);
        }
      }
    }
    expect([...crossings.keys()].sort()).toEqual([...bridgeWays].sort());
  });

  it('places three centres and two hospitals on fast roads, one centre across the river', () => {
    const c = city(1);
    expect(c.centres).toHaveLength(3);
    expect(c.hospitals).toHaveLength(2);
    for (const p of [...c.centres, ...c.hospitals]) {
      expect(p.lat).toBe(nodeLat(c.graph, p.node));
      expect(p.lon).toBe(nodeLon(c.graph, p.node));
    }
    const west = c.centres[0]!;
    const river = c.river.geometry.coordinates;
    const nearest = river.reduce((a, b) => (Math.abs(b[1] - west.lat) < Math.abs(a[1] - west.lat) ? b : a));
    expect(west.lon).toBeLessThan(nearest[0]);
    expect(c.centres[1]!.lon).toBeGreaterThan(nearest[0]);
  });
});

describe('closures on the demo city', () => {
  it('closing a bridge forces a longer detour that avoids it, and its expiry lifts it', () => {
    const c = city(1);
    const g = c.graph;
    const w = new EdgeWeights(g);
    // Cross each bridge from bank to bank: its ends are the nodes that also have roads off it.
    for (const bridge of c.bridges) {
      const on = new Set(bridge.edges);
      const ends = new Set<number>();
      for (const e of bridge.edges) {
        for (const v of [edgeSource(g, e), g.targets[e]!]) {
          for (let f = g.offsets[v]!; f < g.offsets[v + 1]!; f++) if (!on.has(f)) ends.add(v);
        }
      }
      // Usually two; three when an interchange sits on the bridge. Take the two farthest apart.
      expect(ends.size).toBeGreaterThanOrEqual(2);
      let [from, to] = [-1, -1];
      let far = -1;
      for (const a of ends) {
        for (const b of ends) {
          const d = haversineMeters(nodeLat(g, a), nodeLon(g, a), nodeLat(g, b), nodeLon(g, b));
          if (d > far) [from, to, far] = [a, b, d];
        }
      }
      const before = route(g, w, from, to)!;
      expect([...before.edges].some((e) => on.has(e))).toBe(true);
      const id = w.close(bridge.edges, { untilMs: 1_000 });
      const detour = route(g, w, from, to)!;
      expect(detour).not.toBeNull();
      expect(detour.durationS).toBeGreaterThan(before.durationS + 30);
      for (const x of bridge.edges) expect(detour.edges).not.toContain(x);
      expect(w.expire(999)).toEqual([]);
      expect(w.expire(1_000)).toEqual([id]);
      expect(route(g, w, from, to)!.durationS).toBeCloseTo(before.durationS, 9);
    }
  });
});
