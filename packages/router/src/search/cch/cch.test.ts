import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDemoCity } from '../../demo/demo-city.js';
import { Prng } from '../../demo/prng.js';
import type { RoadGraph } from '../../graph/graph.js';
import { arbGraph, buildSpec, close, naiveDistances } from '../../test-support/random-graph.js';
import { EdgeWeights } from '../../weights/edge-weights.js';
import { edgesNamed } from '../../weights/select.js';
import { nodeLat, nodeLon } from '../../graph/graph.js';
import { SnapIndex } from '../../snap/snap-index.js';
import { edgesInPolygon } from '../../weights/select-area.js';
import { travelTimes } from '../travel-times.js';
import { minVertexCut } from './flow-cut.js';
import { metricFor, preparedFor } from './index.js';
import { CchMetric } from './metric.js';
import { localGraph } from './order.js';

interface Step {
  kind: 'close' | 'slow' | 'reopen';
  edges: number[];
  factor: number;
  which: number;
}

const arbSteps = fc.array(
  fc.record({
    kind: fc.constantFrom<Step['kind']>('close', 'close', 'slow', 'reopen', 'reopen'),
    edges: fc.array(fc.nat(300), { minLength: 1, maxLength: 8 }),
    factor: fc.double({ min: 1, max: 6, noNaN: true }),
    which: fc.nat(20),
  }),
  { minLength: 1, maxLength: 12 },
);

/** Applies one step to the weights (reopen lifts one of the active restrictions). */
function apply(g: RoadGraph, w: EdgeWeights, active: string[], step: Step): void {
  const edges = step.edges.map((e) => e % g.edgeCount);
  if (step.kind === 'close') active.push(w.close(edges));
  else if (step.kind === 'slow') active.push(w.slow(edges, step.factor));
  else if (active.length) w.reopen(active.splice(step.which % active.length, 1)[0]!);
}

describe('contraction hierarchy', () => {
  it('repairing arc by arc after each change gives bit-for-bit the weights of a full customisation', () => {
    fc.assert(
      fc.property(arbGraph(40), arbSteps, (spec, steps) => {
        const g = buildSpec(spec);
        if (g.edgeCount === 0) return;
        const w = new EdgeWeights(g);
        const active: string[] = [];
        metricFor(w);
        for (const step of steps) {
          apply(g, w, active, step);
          const repaired = metricFor(w);
          const fresh = new CchMetric(preparedFor(g).structure, g, w.current);
          expect(repaired.weights()).toEqual(fresh.weights());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('travelTimes stays equal to a naive Dijkstra through closures, slowdowns and reopenings', () => {
    fc.assert(
      fc.property(arbGraph(40), arbSteps, fc.nat(), fc.array(fc.nat(), { minLength: 1, maxLength: 10 }), (spec, steps, t, srcs) => {
        const g = buildSpec(spec);
        if (g.edgeCount === 0) return;
        const w = new EdgeWeights(g);
        const active: string[] = [];
        const target = t % g.nodeCount;
        const sources = srcs.map((s) => s % g.nodeCount);
        for (const step of [null, ...steps]) {
          if (step) apply(g, w, active, step);
          const got = travelTimes(g, w, target, sources);
          const cur = w.current;
          sources.forEach((s, i) => {
            const expected = naiveDistances(g, (e) => cur[e]!, s)[target]!;
            if (!close(got[i]!, expected)) expect([s, got[i]]).toEqual([s, expected]);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('notices a restriction id reused for different edges between two queries', () => {
    const g = buildSpec({
      nodes: [0, 1, 2].map((i) => ({ lat: 36.19, lon: 37.14 + i * 0.001 })),
      edges: [
        { from: 0, to: 1, durationS: 10, speed: 10, twoWay: false, way: 0 },
        { from: 1, to: 2, durationS: 10, speed: 10, twoWay: false, way: 1 },
        { from: 0, to: 2, durationS: 50, speed: 10, twoWay: false, way: 2 },
      ],
      geometric: false,
    });
    const edge = (a: number, b: number) => [...Array(g.edgeCount).keys()].find((e) => e >= g.offsets[a]! && e < g.offsets[a + 1]! && g.targets[e] === b)!;
    const w = new EdgeWeights(g);
    expect(travelTimes(g, w, 2, [0])[0]).toBe(20);
    // Between two queries: 'x' closes 0 -> 1, is lifted, and comes back closing the detour 0 -> 2.
    w.close([edge(0, 1)], { id: 'x' });
    w.reopen('x');
    w.close([edge(0, 2)], { id: 'x' });
    expect(travelTimes(g, w, 2, [0])[0]).toBe(20);
    w.reopen('x');
    w.close([edge(1, 2)], { id: 'x' });
    expect(travelTimes(g, w, 2, [0])[0]).toBe(50);
  });

  it('repairs bit-for-bit on a demo city (flow-cut order, wide rows) through random closures, slowdowns and reopenings', () => {
    const { graph: g } = generateDemoCity({ seed: 5, targetNodes: 3000 });
    const w = new EdgeWeights(g);
    const rng = new Prng(11);
    metricFor(w);
    const active: string[] = [];
    const firstDifference = (a: Float32Array, b: Float32Array) => a.findIndex((x, i) => !Object.is(x, b[i]));
    for (let step = 0; step < 40; step++) {
      const edges = Array.from({ length: rng.int(1, 40) }, () => rng.int(0, g.edgeCount - 1));
      const kind = rng.int(0, 2);
      if (kind === 0) active.push(w.close(edges));
      else if (kind === 1) active.push(w.slow(edges, 1 + 4 * rng.next()));
      else if (active.length) w.reopen(active.splice(rng.int(0, active.length - 1), 1)[0]!);
      const repaired = metricFor(w);
      const fresh = new CchMetric(preparedFor(g).structure, g, w.current);
      expect([step, firstDifference(repaired.weights(), fresh.weights())]).toEqual([step, -1]);
    }
  });

  it('repairs bit-for-bit when a whole street and a polygon change in one batch, and when they reopen', () => {
    const { graph: g } = generateDemoCity({ seed: 8, targetNodes: 3000 });
    const w = new EdgeWeights(g);
    const snap = new SnapIndex(g);
    const rng = new Prng(21);
    metricFor(w);
    const fresh = () => new CchMetric(preparedFor(g).structure, g, w.current).weights();
    const firstDifference = (a: Float32Array, b: Float32Array) => a.findIndex((x, i) => !Object.is(x, b[i]));
    /** A square of about 130 m around a random node, as a [lon, lat] ring. */
    const square = (): number[][] => {
      const v = rng.int(0, g.nodeCount - 1);
      const [lat, lon, d] = [nodeLat(g, v), nodeLon(g, v), 0.0006];
      return [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]];
    };
    const open: string[] = [];
    const edgesOf = (id: string) => w.get(id)?.edges.length ?? 0;
    for (let round = 0; round < 12; round++) {
      const street = edgesNamed(g, g.names[1 + rng.int(0, g.names.length - 2)]!);
      const area = edgesInPolygon(snap, square());
      expect(street.length + area.length).toBeGreaterThan(0);
      // Between two queries: the street closes, the area closes (or slows down, every other round), and
      // from the third round on the two oldest restrictions lift: all repaired together by one metricFor.
      let changed = street.length + area.length;
      open.push(w.close(street));
      if (area.length) open.push(round % 2 ? w.slow(area, 1 + 3 * rng.next()) : w.close(area));
      if (round >= 2) {
        for (const id of open.splice(0, 2)) {
          changed += edgesOf(id);
          w.reopen(id);
        }
      }
      // Few enough edges that metricFor repairs rather than customising everything anew (index.ts).
      expect(changed).toBeLessThanOrEqual(Math.max(64, g.edgeCount / 50));
      expect([round, firstDifference(metricFor(w).weights(), fresh())]).toEqual([round, -1]);
      // And a closure reopened before any query: the batch carries both changes of the same edges.
      const twice = w.close(area.length ? area : street);
      w.reopen(twice);
      expect([round, firstDifference(metricFor(w).weights(), fresh())]).toEqual([round, -1]);
    }
    for (const id of open) w.reopen(id);
    expect(firstDifference(metricFor(w).weights(), fresh())).toBe(-1);
  });

  it('answers exactly on a demo city (flow-cut order) while streets close and reopen by name', () => {
    const { graph: g } = generateDemoCity({ seed: 3, targetNodes: 4000 });
    const w = new EdgeWeights(g);
    const rng = new Prng(9);
    const closed: number[] = [];
    for (let e = 0; e < g.edgeCount; e++) if (rng.chance(0.05)) closed.push(e);
    w.close(closed);
    const open: string[] = [];
    for (let round = 0; round < 25; round++) {
      if (round % 3 === 2 && open.length) w.reopen(open.shift()!);
      else open.push(w.close(edgesNamed(g, g.names[1 + rng.int(0, g.names.length - 2)]!)));
      const target = rng.int(0, g.nodeCount - 1);
      const sources = Array.from({ length: 20 }, () => rng.int(0, g.nodeCount - 1));
      const got = travelTimes(g, w, target, sources);
      const want = travelTimes(g, w, target, sources, Infinity, { method: 'dijkstra' });
      sources.forEach((_, i) => expect(close(got[i]!, want[i]!, 1e-9)).toBe(true));
    }
  });
});

describe('minVertexCut', () => {
  it('finds a smallest set of non-terminal nodes separating sources from sinks (brute force on small graphs)', () => {
    const arbCase = fc.integer({ min: 3, max: 11 }).chain((k) =>
      fc.record({
        k: fc.constant(k),
        edges: fc.array(fc.tuple(fc.nat(k - 1), fc.nat(k - 1)), { maxLength: 3 * k }),
        terminal: fc.array(fc.constantFrom(0, 0, 1, 2), { minLength: k, maxLength: k }),
      }),
    );
    fc.assert(
      fc.property(arbCase, ({ k, edges, terminal }) => {
        const rows: number[][] = Array.from({ length: k }, () => []);
        for (const [a, b] of edges) if (a !== b) rows[a]!.push(b);
        const g = localGraph(rows);
        const term = Uint8Array.from(terminal);
        const cut = minVertexCut(g, term);
        const touching = edges.some(([a, b]) => term[a]! * term[b]! === 2);
        if (touching || !term.includes(1)) {
          if (touching) expect(cut).toBeNull();
          return;
        }
        expect(cut).not.toBeNull();
        // The cut separates: no road joins side 0 and side 1, and sources/sinks are on their sides.
        for (const [a, b] of edges) expect(cut!.side[a]! + cut!.side[b]!).not.toBe(1);
        term.forEach((t, v) => t && expect(cut!.side[v]).toBe(t - 1));
        expect(cut!.side.filter((s) => s === 2).length).toBe(cut!.size);
        expect(cut!.size).toBe(bruteForceCut(k, edges, term));
      }),
      { numRuns: 400 },
    );
  });
});

/** Size of the smallest set of non-terminals whose removal leaves no path from a source to a sink. */
function bruteForceCut(k: number, edges: [number, number][], term: Uint8Array): number {
  const free = [...Array(k).keys()].filter((v) => term[v] === 0);
  let best = Infinity;
  for (let mask = 0; mask < 1 << free.length; mask++) {
    const removed = new Set(free.filter((_, i) => mask & (1 << i)));
    if (removed.size >= best) continue;
    const seen = new Set<number>();
    const stack = [...Array(k).keys()].filter((v) => term[v] === 1);
    stack.forEach((v) => seen.add(v));
    let reached = false;
    while (stack.length && !reached) {
      const v = stack.pop()!;
      for (const [a, b] of edges) {
        for (const [x, y] of [
          [a, b],
          [b, a],
        ] as const) {
          if (x !== v || seen.has(y) || removed.has(y)) continue;
          if (term[y] === 2) reached = true;
          seen.add(y);
          stack.push(y);
        }
      }
    }
    if (!reached) best = removed.size;
  }
  return best;
}
