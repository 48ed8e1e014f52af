// The twin of a directed edge u->v is the edge v->u of the same road (same way id), if the road can be
// driven both ways. Snapping indexes one edge per road segment and searches from a snapped point start
// on both twins; closing "a street" closes both directions.
import type { RoadGraph } from '../graph/graph.js';

const cache = new WeakMap<RoadGraph, Int32Array>();

/** Twin edge id of every edge, -1 for a oneway edge; built once per graph in O(E x degree). Precondition: none. */
export function twinsOf(graph: RoadGraph): Int32Array {
  let twins = cache.get(graph);
  if (!twins) {
    twins = buildTwins(graph);
    cache.set(graph, twins);
  }
  return twins;
}

function buildTwins(graph: RoadGraph): Int32Array {
  const { offsets, targets, edgeWay, wayIds, lengthM } = graph;
  const twins = new Int32Array(graph.edgeCount).fill(-1);
  for (let u = 0; u < graph.nodeCount; u++) {
    for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
      if (twins[e] !== -1) continue;
      const v = targets[e]!;
      if (v === u) continue;
      // Among v's edges back to u of the same way, prefer the one of equal length (parallel ways
      // between the same two nodes are rare but exist: a dual carriageway merging back).
      let best = -1;
      for (let f = offsets[v]!; f < offsets[v + 1]!; f++) {
        if (targets[f] !== u || wayIds[edgeWay[f]!] !== wayIds[edgeWay[e]!] || twins[f] !== -1) continue;
        if (best === -1 || Math.abs(lengthM[f]! - lengthM[e]!) < Math.abs(lengthM[best]! - lengthM[e]!)) best = f;
      }
      if (best !== -1) {
        twins[e] = best;
        twins[best] = e;
      }
    }
  }
  return twins;
}

/** Source node of an edge by binary search over offsets, O(log n). Precondition: 0 <= edge < edgeCount. */
export function edgeSource(graph: RoadGraph, edge: number): number {
  const { offsets } = graph;
  let lo = 0;
  let hi = graph.nodeCount - 1;
  // Largest node u with offsets[u] <= edge; nodes without edges share offsets, so take the last one.
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (offsets[mid]! <= edge) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
