// The reverse graph in CSR: for each node, its incoming edges as (source node, forward edge id). A
// one-to-many dispatch query ("how long from each unit to this incident") is one search backwards from
// the incident; the forward edge id lets it read the live weights without a second weight array.
import type { RoadGraph } from '../graph/graph.js';

export interface ReverseGraph {
  /** Incoming edges of v are rOffsets[v] .. rOffsets[v+1]-1. */
  readonly rOffsets: Uint32Array;
  /** Source node of each incoming edge. */
  readonly rSources: Uint32Array;
  /** Forward edge id of each incoming edge. */
  readonly rEdges: Uint32Array;
}

const cache = new WeakMap<RoadGraph, ReverseGraph>();

/** The reverse graph, built once per graph on first use in O(n + E). Precondition: the graph is not mutated. */
export function reverseOf(graph: RoadGraph): ReverseGraph {
  let r = cache.get(graph);
  if (!r) {
    r = buildReverse(graph);
    cache.set(graph, r);
  }
  return r;
}

function buildReverse(graph: RoadGraph): ReverseGraph {
  const { nodeCount: n, edgeCount: m, offsets, targets } = graph;
  const rOffsets = new Uint32Array(n + 1);
  for (let e = 0; e < m; e++) rOffsets[targets[e]! + 1]!++;
  for (let v = 0; v < n; v++) rOffsets[v + 1]! += rOffsets[v]!;
  const fill = rOffsets.slice(0, n);
  const rSources = new Uint32Array(m);
  const rEdges = new Uint32Array(m);
  for (let u = 0; u < n; u++) {
    for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
      const at = fill[targets[e]!]!++;
      rSources[at] = u;
      rEdges[at] = e;
    }
  }
  return { rOffsets, rSources, rEdges };
}
