// Prints the order of magnitude of the dispatch queries on the demo city; the budgets are measured
// against a peer in bench/, not asserted here (2-core machines shared with other work are noisy).
import { describe, expect, it } from 'vitest';
import { generateDemoCity } from '../demo/demo-city.js';
import { Prng } from '../demo/prng.js';
import { projectionOf } from '../snap/projection.js';
import { EdgeWeights } from '../weights/edge-weights.js';
import { edgesNamed } from '../weights/select.js';
import { atNode } from './endpoints.js';
import { searchRoute } from './route.js';
import { travelTimes } from './travel-times.js';

const p50 = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const p99 = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor((xs.length - 1) * 0.99)]!;

describe('dispatch timing on the 30k-node demo city, 5% of edges closed (printed, not a budget)', () => {
  it('travelTimes to 50 units, routes, and closure visibility', () => {
    const { graph: g } = generateDemoCity({ seed: 1 });
    const w = new EdgeWeights(g);
    const rng = new Prng(42);
    const closed: number[] = [];
    for (let e = 0; e < g.edgeCount; e++) if (rng.chance(0.05)) closed.push(e);
    w.close(closed);
    const pick = () => rng.int(0, g.nodeCount - 1);

    const tt: number[] = [];
    for (let i = 0; i < 60; i++) {
      const target = pick();
      const units = Array.from({ length: 50 }, pick);
      const t0 = performance.now();
      const times = travelTimes(g, w, target, units);
      if (i >= 10) tt.push(performance.now() - t0);
      expect(times).toHaveLength(50);
    }

    const p = projectionOf(g);
    const routeMs = { astar: [] as number[], dijkstra: [] as number[] };
    for (let i = 0; i < 200; i++) {
      const [a, b] = [pick(), pick()];
      for (const bound of [true, false]) {
        const t0 = performance.now();
        searchRoute(g, w, atNode(a), atNode(b), p.x(b), p.y(b), { bound });
        (bound ? routeMs.astar : routeMs.dijkstra).push(performance.now() - t0);
      }
    }

    // A closure by street name, visible to the next query, then lifted. The first lookup builds the
    // name index (once per graph); it is timed apart.
    let t1 = performance.now();
    edgesNamed(g, g.names[1]!);
    const indexMs = performance.now() - t1;
    const names = g.names.slice(2, 42);
    const closeMs: number[] = [];
    for (const name of names) {
      t1 = performance.now();
      const id = w.close(edgesNamed(g, name));
      closeMs.push(performance.now() - t1);
      w.reopen(id);
    }

    const f = (x: number) => x.toFixed(2);
    // eslint-disable-next-line no-console
    console.info(
      `demo city ${g.nodeCount} nodes, ${g.edgeCount} edges, 5% closed:\n` +
        `  travelTimes, 50 sources: p50 ${f(p50(tt))} ms, p99 ${f(p99(tt))} ms\n` +
        `  route A*: p50 ${f(p50(routeMs.astar))} ms; Dijkstra: p50 ${f(p50(routeMs.dijkstra))} ms\n` +
        `  close a street by name: p50 ${f(p50(closeMs))} ms, max ${f(Math.max(...closeMs))} ms (name index built once: ${f(indexMs)} ms)`,
    );
  });
});
