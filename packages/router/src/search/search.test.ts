import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RoadGraph } from '../graph/graph.js';
import { SnapIndex, type SnappedPoint } from '../snap/snap-index.js';
import { edgeSource, twinsOf } from '../snap/twins.js';
import { arbDegrees, arbGraph, buildSpec, close, naiveDistances } from '../test-support/random-graph.js';
import { EdgeWeights, liveSeconds } from '../weights/edge-weights.js';
import { isochrone } from './isochrone.js';
import { route, routeBetween, searchRoute } from './route.js';
import { atNode } from './endpoints.js';
import { travelTimes, travelTimesBetween } from './travel-times.js';
import { projectionOf } from '../snap/projection.js';

interface Op {
  kind: 'close' | 'slow' | 'reopen';
  edges: number[];
  factor: number;
  which: number;
}

const arbOps = fc.array(
  fc.record({
    kind: fc.constantFrom<Op['kind']>('close', 'slow', 'slow', 'reopen'),
    edges: fc.array(fc.nat(200), { maxLength: 6 }),
    factor: fc.double({ min: 1, max: 5, noNaN: true }),
    which: fc.nat(10),
  }),
  { maxLength: 8 },
);

/** Applies ops to real weights and returns the reference weight of each edge, computed independently. */
function applyOps(graph: RoadGraph, ops: Op[]): { weights: EdgeWeights; ref: (e: number) => number } {
  const weights = new EdgeWeights(graph);
  const active: { id: string; kind: 'close' | 'slow'; edges: number[]; factor: number }[] = [];
  for (const op of ops) {
    const edges = graph.edgeCount ? op.edges.map((e) => e % graph.edgeCount) : [];
    if (op.kind === 'close') active.push({ id: weights.close(edges), kind: 'close', edges, factor: 1 });
    else if (op.kind === 'slow') active.push({ id: weights.slow(edges, op.factor), kind: 'slow', edges, factor: op.factor });
    else if (active.length) {
      const [r] = active.splice(op.which % active.length, 1);
      expect(weights.reopen(r!.id)).toBe(true);
    }
  }
  const ref = (e: number): number => {
    if (active.some((r) => r.kind === 'close' && r.edges.includes(e))) return Infinity;
    const f = Math.max(1, ...active.filter((r) => r.edges.includes(e)).map((r) => r.factor));
    return liveSeconds(graph.durationS[e]! * f);
  };
  return { weights, ref };
}

const arbCase = fc.record({ spec: arbGraph(), ops: arbOps, a: fc.nat(), b: fc.nat(), c: fc.array(fc.nat(), { maxLength: 8 }) });

describe('searches against a naive Dijkstra', () => {
  it('route finds the naive shortest duration and a valid path, with and without the A* bound', () => {
    fc.assert(
      fc.property(arbCase, ({ spec, ops, a, b }) => {
        const g = buildSpec(spec);
        const { weights, ref } = applyOps(g, ops);
        const from = a % g.nodeCount;
        const to = b % g.nodeCount;
        const expected = naiveDistances(g, ref, from)[to]!;
        const r = route(g, weights, from, to);
        if (expected === Infinity) {
          expect(r).toBeNull();
          return;
        }
        expect(r).not.toBeNull();
        expect(close(r!.durationS, expected)).toBe(true);
        expect(r!.nodes[0]).toBe(from);
        expect(r!.nodes[r!.nodes.length - 1]).toBe(to);
        let sum = 0;
        r!.edges.forEach((e, i) => {
          expect(edgeSource(g, e)).toBe(r!.nodes[i]);
          expect(g.targets[e]).toBe(r!.nodes[i + 1]);
          sum += weights.current[e]!;
        });
        expect(close(sum, expected)).toBe(true);
        const p = projectionOf(g);
        for (const bound of [true, false]) {
          const other = searchRoute(g, weights, atNode(from), atNode(to), p.x(to), p.y(to), { bound });
          expect(close(other!.durationS, expected)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('travelTimes equals the naive duration from every source, with and without a limit', () => {
    fc.assert(
      fc.property(arbCase, fc.option(fc.double({ min: 0, max: 600, noNaN: true })), ({ spec, ops, a, c }, limit) => {
        const g = buildSpec(spec);
        const { weights, ref } = applyOps(g, ops);
        const target = a % g.nodeCount;
        const sources = c.map((s) => s % g.nodeCount);
        const got = travelTimes(g, weights, target, sources, limit ?? undefined);
        sources.forEach((s, i) => {
          const d = naiveDistances(g, ref, s)[target]!;
          const expected = limit !== null && d > limit ? Infinity : d;
          if (!close(got[i]!, expected)) expect([s, got[i]]).toEqual([s, expected]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('isochrone settles exactly the nodes within the budget, at their naive times', () => {
    fc.assert(
      fc.property(arbCase, fc.double({ min: 0, max: 400, noNaN: true }), ({ spec, ops, a }, seconds) => {
        const g = buildSpec(spec);
        const { weights, ref } = applyOps(g, ops);
        const from = a % g.nodeCount;
        const naive = naiveDistances(g, ref, from);
        const iso = isochrone(g, weights, from, seconds);
        const expected = naive.map((d, v) => [v, d] as const).filter(([, d]) => d <= seconds);
        expect(iso.nodes.length).toBe(expected.length);
        iso.nodes.forEach((v, i) => expect(close(iso.timesS[i]!, naive[v]!)).toBe(true));
        for (let i = 1; i < iso.timesS.length; i++) expect(iso.timesS[i]!).toBeGreaterThanOrEqual(iso.timesS[i - 1]!);
      }),
      { numRuns: 200 },
    );
  });

  it('searches between snapped points count the partial edges at both ends', () => {
    const arbPoint = fc.record({ lat: arbDegrees(36.185), lon: arbDegrees(37.135) });
    fc.assert(
      fc.property(arbCase, arbPoint, fc.array(arbPoint, { minLength: 1, maxLength: 5 }), ({ spec, ops }, tp, sps) => {
        const g = buildSpec(spec);
        if (g.edgeCount === 0) return;
        const { weights, ref } = applyOps(g, ops);
        const index = new SnapIndex(g, 1e6);
        const target = index.snap(tp.lat, tp.lon);
        const sources = sps.map((p) => index.snap(p.lat, p.lon));
        const got = travelTimesBetween(g, weights, target, sources);
        sources.forEach((s, i) => {
          const expected = naivePointTime(g, ref, s, target);
          if (!close(got[i]!, expected)) expect([i, got[i]]).toEqual([i, expected]);
          const r = routeBetween(g, weights, s, target);
          expect(r === null ? Infinity : r.durationS).toSatisfy((d: number) => close(d, expected));
        });
      }),
      { numRuns: 300 },
    );
  });
});

/** Reference point-to-point time: every way off the source edge, naive node distances, every way onto the target edge. */
function naivePointTime(g: RoadGraph, ref: (e: number) => number, s: SnappedPoint, t: SnappedPoint): number {
  const twins = twinsOf(g);
  const on = (p: SnappedPoint): [number, number][] => {
    const tw = twins[p.edge]!;
    return tw >= 0 ? [[p.edge, p.fraction], [tw, 1 - p.fraction]] : [[p.edge, p.fraction]];
  };
  const part = (e: number, share: number) => (share === 0 ? 0 : ref(e) === Infinity ? Infinity : share * ref(e));
  let best = Infinity;
  for (const [es, fs] of on(s)) {
    const dist = naiveDistances(g, ref, g.targets[es]!);
    for (const [et, ft] of on(t)) {
      if (es === et && ft >= fs) best = Math.min(best, ft === fs ? 0 : part(es, ft - fs));
      best = Math.min(best, part(es, 1 - fs) + dist[edgeSource(g, et)]! + part(et, ft));
    }
  }
  return best;
}
