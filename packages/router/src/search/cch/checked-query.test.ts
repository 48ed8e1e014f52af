import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDemoCity } from '../../demo/demo-city.js';
import { GraphBuilder } from '../../demo/graph-builder.js';
import { Prng } from '../../demo/prng.js';
import type { RoadGraph } from '../../graph/graph.js';
import { nodeLat, nodeLon } from '../../graph/graph.js';
import { importOsm } from '../../osm/import.js';
import { sharedDataFile } from '../../osm/shared-data.js';
import { SnapIndex } from '../../snap/snap-index.js';
import { arbGraph, buildSpec, close, naiveDistances } from '../../test-support/random-graph.js';
import { EdgeWeights } from '../../weights/edge-weights.js';
import { edgesNamed } from '../../weights/select.js';
import { edgesInCircle } from '../../weights/select-area.js';
import { travelTimes } from '../travel-times.js';
import { detourSettled, heldMetric, preparedFor, timesTo, unrepairedEdges } from './index.js';
import { CchMetric } from './metric.js';

interface Step {
  kind: 'close' | 'slow' | 'expiring' | 'reopen' | 'tick';
  edges: number[];
  factor: number;
  which: number;
}

const arbSteps = fc.array(
  fc.record({
    kind: fc.constantFrom<Step['kind']>('close', 'close', 'slow', 'expiring', 'reopen', 'reopen', 'tick'),
    edges: fc.array(fc.nat(300), { minLength: 1, maxLength: 8 }),
    factor: fc.double({ min: 1, max: 6, noNaN: true }),
    which: fc.nat(20),
  }),
  { minLength: 1, maxLength: 16 },
);

/** Applies one step; `clock` is the time expiry is checked against, moved on by a tick. */
function apply(g: RoadGraph, w: EdgeWeights, active: string[], step: Step, clock: { now: number }): void {
  const edges = step.edges.map((e) => e % g.edgeCount);
  if (step.kind === 'close') active.push(w.close(edges));
  else if (step.kind === 'slow') active.push(w.slow(edges, step.factor));
  else if (step.kind === 'expiring') active.push(w.close(edges, { untilMs: clock.now + 1 + (step.which % 3) }));
  else if (step.kind === 'tick') {
    clock.now += 1;
    for (const id of w.expire(clock.now)) active.splice(active.indexOf(id), 1);
  } else if (active.length) w.reopen(active.splice(step.which % active.length, 1)[0]!);
}

/** How the queries after a change went: answered around it, searched for units it may cut, repaired (in part). */
function tally() {
  return { around: 0, searched: 0, repaired: 0, partly: 0 };
}

/**
 * Runs one query and books how it went (only when a change was pending before it). With `strict`, also
 * checks that the metric is bit for bit a fresh customisation for the road weights it holds, which must
 * differ from the live ones only on roads now slower: what answering around them relies on.
 */
function booked(w: EdgeWeights, seen: ReturnType<typeof tally>, query: () => void, strict = false): void {
  const pending = unrepairedEdges(w);
  const settled = detourSettled(w);
  query();
  if (strict) {
    const { metric, held } = heldMetric(w)!;
    const g = w.graph;
    const fresh = new CchMetric(preparedFor(g).structure, g, held).weights();
    const now = metric.weights();
    expect(fresh.findIndex((x, i) => !Object.is(x, now[i]))).toBe(-1);
    expect(held.findIndex((x, e) => w.current[e]! < x)).toBe(-1);
  }
  if (pending === 0) return;
  const left = unrepairedEdges(w);
  if (left === 0) seen.repaired++;
  else if (left < pending) seen.partly++;
  else if (detourSettled(w) > settled) seen.searched++;
  else seen.around++;
}

describe('queries on a metric not yet repaired for closures', () => {
  it('answer like a naive Dijkstra to several ends at extra costs through closures, slowdowns, reopenings and expiry', () => {
    const seen = tally();
    fc.assert(
      fc.property(
        arbGraph(40),
        arbSteps,
        fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 50, noNaN: true })), { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 10 }),
        fc.constantFrom(0, 3, 20_000),
        (spec, steps, endSpecs, srcs, maxSettled) => {
          const g = buildSpec(spec);
          if (g.edgeCount === 0) return;
          const w = new EdgeWeights(g);
          const active: string[] = [];
          const clock = { now: 0 };
          const ends = endSpecs.map(([v]) => v % g.nodeCount);
          const endCosts = endSpecs.map(([, c]) => Math.round(c * 1024) / 1024);
          const sources = srcs.map((s) => s % g.nodeCount);
          const out = new Float64Array(sources.length);
          for (const step of [null, ...steps]) {
            if (step) apply(g, w, active, step, clock);
            booked(w, seen, () => timesTo(w, ends, endCosts, sources, out, maxSettled), true);
            const cur = w.current;
            sources.forEach((s, i) => {
              const d = naiveDistances(g, (e) => cur[e]!, s);
              const expected = Math.min(...ends.map((t, j) => d[t]! + endCosts[j]!));
              if (!close(out[i]!, expected)) expect([step, s, out[i]]).toEqual([step, s, expected]);
            });
          }
        },
      ),
      { numRuns: 400 },
    );
    // Every way was taken: answered around a change, searched for the units it may cut, repaired.
    expect(seen.around).toBeGreaterThan(50);
    expect(seen.searched).toBeGreaterThan(50);
    expect(seen.repaired).toBeGreaterThan(50);
  });

  it('answer like a naive Dijkstra on grids of equal weights (fastest paths tie everywhere) as roads close and reopen', () => {
    const seen = tally();
    const arbGrid = fc.record({
      rows: fc.integer({ min: 2, max: 7 }),
      cols: fc.integer({ min: 2, max: 7 }),
      weights: fc.array(fc.constantFrom(0, 1, 1, 1, 2), { minLength: 84, maxLength: 84 }),
    });
    fc.assert(
      fc.property(arbGrid, arbSteps, fc.nat(), fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), fc.constantFrom(0, 3, 20_000), ({ rows, cols, weights }, steps, t, srcs, maxSettled) => {
        const b = new GraphBuilder();
        for (let i = 0; i < rows * cols; i++) b.addNode(36.19 + 0.001 * Math.floor(i / cols), 37.14 + 0.001 * (i % cols));
        let k = 0;
        for (let i = 0; i < rows * cols; i++) {
          for (const j of [i % cols < cols - 1 ? i + 1 : -1, i + cols < rows * cols ? i + cols : -1]) {
            if (j < 0) continue;
            const s = weights[k++ % weights.length]!;
            b.addEdge(i, j, s, 100, k, `Street ${k % 4}`);
            b.addEdge(j, i, s, 100, k, `Street ${k % 4}`);
          }
        }
        const g = b.build();
        const w = new EdgeWeights(g);
        const active: string[] = [];
        const clock = { now: 0 };
        const target = t % g.nodeCount;
        const sources = srcs.map((x) => x % g.nodeCount);
        for (const step of [null, ...steps]) {
          if (step) apply(g, w, active, step, clock);
          const got = new Float64Array(sources.length);
          booked(w, seen, () => timesTo(w, [target], [0], sources, got, maxSettled), true);
          const cur = w.current;
          sources.forEach((x, i) => {
            const expected = naiveDistances(g, (e) => cur[e]!, x)[target]!;
            if (got[i] !== expected) expect([step, x, got[i]]).toEqual([step, x, expected]);
          });
        }
      }),
      { numRuns: 400 },
    );
    expect(seen.around).toBeGreaterThan(50);
    expect(seen.searched).toBeGreaterThan(50);
    expect(seen.repaired).toBeGreaterThan(50);
  });

  it('answers exactly on a demo city while streets close, reopen and expire, searching for the units a street may cut', () => {
    const { graph: g } = generateDemoCity({ seed: 4, targetNodes: 4000 });
    const seen = streetRounds(g, new Prng(31), 60, undefined, true);
    expect(seen.around).toBeGreaterThan(5);
    expect(seen.searched).toBeGreaterThan(5);
    // Closures pile up faster than they are lifted: queries repair the oldest a chunk at a time.
    expect(seen.partly).toBeGreaterThan(2);
  });
});

const extracts = [
  ['Monaco', 'osm/monaco.osm.pbf'],
  ['Andorra', 'osm/andorra.osm.pbf'],
] as const;
const CI = process.env.CI === 'true';

describe.each(extracts)('closures on the %s extract', (name, file) => {
  const path = sharedDataFile(file);
  if (!path && !CI) process.stderr.write(`[router] skipping ${name} closure queries: ${file} not in the shared data folder\n`);
  it.skipIf(!path && !CI)('travelTimes equals Dijkstra as streets and 50 m circles close, reopen and expire', async () => {
    if (!path) throw new Error(`CI=true but ${file} is missing (set CIVDEF_SHARED_DATA)`);
    const { graph: g } = await importOsm(path);
    const seen = streetRounds(g, new Prng(name.length), 40, new SnapIndex(g));
    expect(seen.around).toBeGreaterThan(3);
    expect(seen.searched).toBeGreaterThan(3);
  }, 60_000);
});

/**
 * Rounds of closing a named street (or a 50 m circle when snap is given, every third round), lifting the
 * oldest restriction or letting one expire, each followed by a query of 30 units checked against
 * Dijkstra on the live weights (and the metric against the weights it holds, with strict). Returns how
 * the queries after a change went.
 */
function streetRounds(g: RoadGraph, rng: Prng, rounds: number, snap?: SnapIndex, strict = false) {
  const w = new EdgeWeights(g);
  const seen = tally();
  const open: string[] = [];
  let now = 0;
  const nameOf = () => g.names[1 + rng.int(0, g.names.length - 2)]!;
  travelTimes(g, w, 0, [0]);
  for (let round = 0; round < rounds; round++) {
    now += 1000;
    if (round % 4 === 3 && open.length) w.reopen(open.shift()!);
    else if (round % 4 === 2) w.close(edgesNamed(g, nameOf()), { untilMs: now + 1500 });
    else if (snap && round % 3 === 0) {
      const v = rng.int(0, g.nodeCount - 1);
      open.push(w.close(edgesInCircle(snap, nodeLat(g, v), nodeLon(g, v), 50)));
    } else open.push(w.close(edgesNamed(g, nameOf())));
    w.expire(now);
    for (let k = 0; k < 2; k++) {
      const target = rng.int(0, g.nodeCount - 1);
      const sources = Array.from({ length: 30 }, () => rng.int(0, g.nodeCount - 1));
      let got: Float64Array = new Float64Array(0);
      booked(w, seen, () => (got = travelTimes(g, w, target, sources)), strict);
      const want = travelTimes(g, w, target, sources, Infinity, { method: 'dijkstra' });
      sources.forEach((s, i) => {
        if (!close(got[i]!, want[i]!, 1e-9)) expect([round, s, got[i]]).toEqual([round, s, want[i]]);
      });
    }
  }
  return seen;
}
