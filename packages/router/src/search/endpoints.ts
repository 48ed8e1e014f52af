// Where a search starts and ends when the endpoints are snapped points in the middle of edges rather than
// nodes. A point at fraction f of edge u->v can leave forwards to v (paying the rest of the edge) or, if the
// road is two-way, backwards to u along the twin; it is reached from u (paying f of the edge) or from v
// along the twin. Two points on the same edge, in driving order, are also joined directly.
import type { RoadGraph } from '../graph/graph.js';
import type { SnappedPoint } from '../snap/snap-index.js';
import { twinsOf } from '../snap/twins.js';

/** One way onto or off the road network: a node, and the edge part between it and the point. */
export interface Access {
  readonly node: number;
  /** The edge partly driven, -1 when the point is the node itself. */
  readonly edge: number;
  /** Share of that edge driven (0 .. 1). */
  readonly share: number;
}

/** Placements of a point: (edge, fraction) on each direction that covers it. */
function placements(graph: RoadGraph, p: SnappedPoint): [number, number][] {
  const out: [number, number][] = [[p.edge, p.fraction]];
  const t = twinsOf(graph)[p.edge]!;
  if (t >= 0) out.push([t, 1 - p.fraction]);
  return out;
}

/** Ways to leave a snapped point: drive to the end of each edge through it. Precondition: p from this graph's index. */
export function departures(graph: RoadGraph, p: SnappedPoint): Access[] {
  return placements(graph, p).map(([e, f]) => ({ node: graph.targets[e]!, edge: e, share: 1 - f }));
}

/** Ways to arrive at a snapped point: from the start of each edge through it. Precondition: p from this graph's index. */
export function arrivals(graph: RoadGraph, p: SnappedPoint, sourceOf: (edge: number) => number): Access[] {
  return placements(graph, p).map(([e, f]) => ({ node: sourceOf(e), edge: e, share: f }));
}

/** The node itself as its only access. Precondition: 0 <= node < nodeCount. */
export function atNode(node: number): Access[] {
  return [{ node, edge: -1, share: 0 }];
}

/** Travel time of an access on the current weights; Infinity if its edge is closed. Precondition: none. */
export function accessCost(a: Access, current: Float32Array): number {
  // A point exactly at the node does not drive any of the edge, closed or not.
  if (a.edge < 0 || a.share === 0) return 0;
  const w = current[a.edge]!;
  return w === Infinity ? Infinity : a.share * w;
}

/**
 * Cost of driving straight from point a to point b along one edge (both on it, b ahead of a), else
 * Infinity, with the edge used. Precondition: both points from this graph's index.
 */
export function directCost(graph: RoadGraph, a: SnappedPoint, b: SnappedPoint, current: Float32Array): { cost: number; edge: number } {
  let best = { cost: Infinity, edge: -1 };
  for (const [ea, fa] of placements(graph, a)) {
    for (const [eb, fb] of placements(graph, b)) {
      if (ea !== eb || fb < fa) continue;
      const w = current[ea]!;
      const cost = fb === fa ? 0 : w === Infinity ? Infinity : (fb - fa) * w;
      if (cost < best.cost) best = { cost, edge: ea };
    }
  }
  return best;
}
