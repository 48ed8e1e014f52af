// The memory budget: a 1M-node demo city with its live weights and the state its searches allocate.
import { generateDemoCity } from '../../packages/router/src/demo/demo-city.js';
import { Prng } from '../../packages/router/src/demo/prng.js';
import { hierarchyBytes } from '../../packages/router/src/search/cch/index.js';
import { reverseOf } from '../../packages/router/src/search/reverse.js';
import { route } from '../../packages/router/src/search/route.js';
import { stateFor } from '../../packages/router/src/search/state.js';
import { HIERARCHY_MAX_NODES, travelTimes } from '../../packages/router/src/search/travel-times.js';
import { projectionOf } from '../../packages/router/src/snap/projection.js';
import { EdgeWeights } from '../../packages/router/src/weights/edge-weights.js';
import { typedArrayBytes } from './router-data.js';

/** Builds the city, closes share of its edges, runs one travelTimes query and one route, and counts bytes. */
export function measureMemory(targetNodes: number, share: number) {
  console.log(`[router] memory: generating a ${targetNodes}-node demo city ...`);
  const g = generateDemoCity({ seed: 1, targetNodes }).graph;
  const w = new EdgeWeights(g);
  const rng = new Prng(42);
  const closed: number[] = [];
  for (let e = 0; e < g.edgeCount; e++) if (rng.chance(share)) closed.push(e);
  w.close(closed);
  const sources = Array.from({ length: 50 }, () => rng.int(0, g.nodeCount - 1));
  travelTimes(g, w, rng.int(0, g.nodeCount - 1), sources);
  route(g, w, rng.int(0, g.nodeCount - 1), rng.int(0, g.nodeCount - 1));
  const seen = new Set<ArrayBufferLike>();
  const graph = typedArrayBytes([g], seen);
  const weights = typedArrayBytes([w], seen);
  const search = typedArrayBytes([reverseOf(g), stateFor(g), stateFor(g, true), projectionOf(g)], seen) + hierarchyBytes(g, w);
  const MB = 1024 * 1024;
  return {
    nodes: g.nodeCount,
    graphMB: graph / MB,
    weightsMB: weights / MB,
    searchMB: search / MB,
    totalMB: (graph + weights + search) / MB,
    method: g.nodeCount > HIERARCHY_MAX_NODES ? `travelTimes by Dijkstra above ${HIERARCHY_MAX_NODES} nodes` : 'travelTimes by the hierarchy',
  };
}
