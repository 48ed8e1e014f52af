// The road network on the full-size demo city (30k nodes, as `npm start` makes it): closures apply live
// within the 1 ms budget, stack and lift correctly, and edge ids never reach into another graph.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError, type ClosureTarget } from '@civdef/core';
import { edgeName, liveSeconds } from '@civdef/router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log.js';
import { demoInfoOf } from './demo-files.js';
import { loadRoadNetwork } from './load.js';
import { RoadNetwork, type ClosureSpec } from './network.js';

let dir: string;
let net: RoadNetwork;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'civdef-roads-'));
  net = await loadRoadNetwork({ dataDir: dir, demoCityNodes: 30_000, maxSnapM: 500 }, createLogger('silent'));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const spec = (target: ClosureTarget, extra: Partial<ClosureSpec> = {}): ClosureSpec => ({
  id: `c${++n}`,
  kind: 'closure',
  target,
  factor: null,
  untilMs: null,
  profile: null,
  graphId: null,
  ...extra,
});

describe('the demo city as loaded at start', () => {
  it('has both profiles, about 30k road nodes, and its centre sites in the file', () => {
    expect(net.profiles.sort()).toEqual(['foot', 'vehicle']);
    const g = net.primary();
    expect(g.graph.nodeCount).toBeGreaterThan(25_000);
    expect(demoInfoOf(g.info)!.centres).toHaveLength(3);
    expect(net.use('foot', Date.now()).graph.nodeCount).toBe(g.graph.nodeCount);
  });

  it('applies a closure in under a millisecond (median of 25), with no rebuild', () => {
    const g = net.primary();
    const { lat, lon } = demoInfoOf(g.info)!.centres[1]!;
    const street = edgeName(g.graph, g.graph.offsets[demoInfoOf(g.info)!.centres[0]!.node]!);
    const d = 0.002;
    const targets: ClosureTarget[] = [
      { street },
      { way_id: demoInfoOf(g.info)!.bridges[0]!.way_id },
      { circle: { lat, lon, radius_m: 200 } },
      { polygon: [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d]] },
    ];
    for (const target of targets) {
      const ms: number[] = [];
      for (let i = 0; i < 25; i++) {
        const s = spec(target);
        const t0 = performance.now();
        const applied = net.apply(s);
        ms.push(performance.now() - t0);
        expect(applied.vehicle, JSON.stringify(target)).toBeGreaterThan(0);
        net.lift(s.id);
      }
      ms.sort((a, b) => a - b);
      expect(ms[12], `${JSON.stringify(target)}: ${ms.map((x) => x.toFixed(3)).join(' ')}`).toBeLessThan(1);
    }
  });

  it('overlapping closures: lifting one leaves the road closed while the other covers it', () => {
    const g = net.primary();
    const bridge = { way_id: demoInfoOf(g.info)!.bridges[1]!.way_id };
    const a = spec(bridge);
    const b = spec(bridge, { kind: 'slowdown', factor: 3 });
    const c = spec(bridge);
    net.apply(a);
    net.apply(b);
    net.apply(c);
    const edges = g.weights.get(a.id)!.edges;
    net.lift(a.id);
    expect([...edges].every((e) => g.weights.current[e] === Infinity)).toBe(true);
    net.lift(c.id);
    expect([...edges].every((e) => g.weights.current[e] === liveSeconds(g.graph.durationS[e]! * 3))).toBe(true);
    net.lift(b.id);
    expect([...edges].every((e) => g.weights.current[e] === liveSeconds(g.graph.durationS[e]!))).toBe(true);
  });

  it('an edge id recorded against another graph applies nowhere; against this one, to the vehicle graph only', () => {
    expect(net.apply(spec({ edge: 5 }, { graphId: 'another-graph' }))).toEqual({ vehicle: 0, foot: 0 });
    expect(net.apply(spec({ edge: 5 }, { graphId: net.primary().graphId }))).toEqual({ vehicle: 2, foot: 0 });
  });

  it('expiry: a search after the end no longer sees the closure, before any sweep', () => {
    const s = spec({ way_id: demoInfoOf(net.primary().info)!.bridges[2]!.way_id }, { untilMs: Date.now() + 50 });
    net.apply(s);
    expect(net.applied(s.id).vehicle).toBeGreaterThan(0);
    expect(net.nextExpiryMs()).toBe(s.untilMs);
    net.use('vehicle', s.untilMs! + 1);
    expect(net.applied(s.id).vehicle).toBe(0);
  });

  it('a profile with no graph is a ValidationError naming the profile', () => {
    const one = new RoadNetwork([net.primary()], createLogger('silent'));
    expect(() => one.use('foot', 0)).toThrow(ValidationError);
    expect(() => one.use('foot', 0)).toThrow(/profile: no foot road graph is loaded/);
  });
});
