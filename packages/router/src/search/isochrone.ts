// Coverage: every node reachable from a start within a time budget, with its time. One forward Dijkstra
// that stops at the budget; the settled nodes come out in order of time.
import type { RoadGraph } from '../graph/graph.js';
import type { SnappedPoint } from '../snap/snap-index.js';
import type { EdgeWeights } from '../weights/edge-weights.js';
import { accessCost, atNode, departures, type Access } from './endpoints.js';
import { stateFor } from './state.js';

export interface Isochrone {
  /** Nodes reached within the budget, nearest first. */
  readonly nodes: Uint32Array;
  /** Seconds to each of them. */
  readonly timesS: Float64Array;
}

/** Nodes reachable from a node within `seconds`. Precondition: node id < nodeCount; seconds >= 0. */
export function isochrone(graph: RoadGraph, weights: EdgeWeights, from: number, seconds: number): Isochrone {
  if (!Number.isInteger(from) || from < 0 || from >= graph.nodeCount) throw new RangeError(`node ${from} out of range (graph has ${graph.nodeCount} nodes)`);
  return isochroneFrom(graph, weights, atNode(from), seconds);
}

/** Nodes reachable from a snapped point within `seconds`. Precondition: point snapped on this graph; seconds >= 0. */
export function isochroneBetween(graph: RoadGraph, weights: EdgeWeights, from: SnappedPoint, seconds: number): Isochrone {
  return isochroneFrom(graph, weights, departures(graph, from), seconds);
}

function isochroneFrom(graph: RoadGraph, weights: EdgeWeights, starts: readonly Access[], seconds: number): Isochrone {
  const cur = weights.current;
  const { offsets, targets } = graph;
  const s = stateFor(graph);
  const reached = s.begin();
  const settled = reached + 1;
  const { stamp, dist, heap } = s;
  for (const a of starts) {
    const c = accessCost(a, cur);
    if (c <= seconds) s.offer(a.node, c, c, -1);
  }
  // Settled nodes are collected in a reused scratch array: no allocation until the final copy.
  const order = s.order;
  let count = 0;
  while (heap.size > 0 && heap.topKey() <= seconds) {
    const du = heap.topKey();
    const u = heap.pop();
    if (stamp[u] === settled) continue;
    stamp[u] = settled;
    order[count++] = u;
    for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
      const w = cur[e]!;
      if (w === Infinity) continue;
      const v = targets[e]!;
      const nd = du + w;
      const st = stamp[v]!;
      if (nd <= seconds && (st < reached || (st === reached && nd < dist[v]!))) {
        stamp[v] = reached;
        dist[v] = nd;
        heap.push(v, nd);
      }
    }
  }
  const nodes = order.slice(0, count);
  const timesS = new Float64Array(count);
  for (let i = 0; i < count; i++) timesS[i] = dist[nodes[i]!]!;
  return { nodes, timesS };
}
