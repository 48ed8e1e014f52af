// The exact time of a unit whose fastest path may use a road that got slower since the metric's last
// repair, without repairing it: an A* search on the live weights towards the query's ends, guided by the
// metric's own times to them. Those are exact for the held weights, which are nowhere above the live ones,
// so they never overestimate and never drop by more than an edge's live weight from one end of it to the
// other (a consistent potential): the search is exact, and it settles only the nodes within the detour's
// extra time of the old fastest path (on the 50k-node demo city, a few hundred per unit for most
// closed streets, a few thousand when the detour is minutes long). Times are read from the metric one
// node at a time (CchQuery.timeOf), each sweeping only the node's ancestors not yet swept.
import type { RoadGraph } from '../../graph/graph.js';
import { LIVE_EXACT_S } from '../../weights/edge-weights.js';
import { MinHeap } from '../heap.js';
import type { CchMetric } from './metric.js';
import type { CchQuery } from './query.js';

export class DetourSearch {
  private readonly dist: Float64Array;
  private readonly stamp: Uint32Array;
  /** Extra cost at each end node (valid where endStamp === gen). */
  private readonly endCost: Float64Array;
  private readonly endStamp: Uint32Array;
  private readonly heap = new MinHeap(256);
  private gen = 0;
  /** Nodes settled by the searches since the last call of budget(). */
  settled = 0;

  /** Scratch for searches on this graph. Precondition: none. */
  constructor(private readonly graph: RoadGraph) {
    const n = graph.nodeCount;
    this.dist = new Float64Array(n);
    this.stamp = new Uint32Array(n);
    this.endCost = new Float64Array(n);
    this.endStamp = new Uint32Array(n);
  }

  /** Bytes of typed arrays held. Precondition: none. */
  get bytes(): number {
    return this.dist.byteLength + this.stamp.byteLength + this.endCost.byteLength + this.endStamp.byteLength + this.heap.bytes;
  }

  /**
   * Seconds from node `source` to the nearest end (ends[j] at extra cost endCosts[j]) on the live weights
   * `current`, or null when more than `maxSettled` nodes would be settled or a time leaves the range where
   * sums are exact. Precondition: q.begin(m, ends, endCosts) was the last begin; m holds weights nowhere
   * above `current`.
   */
  run(q: CchQuery, m: CchMetric, current: Float32Array, ends: ArrayLike<number>, endCosts: ArrayLike<number>, source: number, maxSettled: number): number | null {
    if (this.gen >= 0x7ffffffe) {
      this.stamp.fill(0);
      this.endStamp.fill(0);
      this.gen = 0;
    }
    this.gen += 2;
    const reached = this.gen;
    const settled = reached + 1;
    const { stamp, dist, endCost, endStamp, heap } = this;
    const { offsets, targets } = this.graph;
    for (let j = 0; j < ends.length; j++) {
      const v = ends[j]!;
      if (endStamp[v] !== reached || endCosts[j]! < endCost[v]!) endCost[v] = endCosts[j]!;
      endStamp[v] = reached;
    }
    heap.clear();
    let best = Infinity;
    const h0 = q.timeOf(m, source);
    if (h0 === Infinity) return Infinity;
    stamp[source] = reached;
    dist[source] = 0;
    heap.push(source, h0);
    let count = 0;
    while (heap.size > 0 && heap.topKey() < best) {
      const u = heap.pop();
      if (stamp[u] === settled) continue;
      stamp[u] = settled;
      if (++count > maxSettled) return null;
      const du = dist[u]!;
      if (endStamp[u] === reached && du + endCost[u]! < best) best = du + endCost[u]!;
      for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
        const nd = du + current[e]!;
        if (nd === Infinity) continue;
        const v = targets[e]!;
        const st = stamp[v]!;
        if (st === settled || (st === reached && !(nd < dist[v]!))) continue;
        const hv = q.timeOf(m, v);
        if (hv === Infinity) continue;
        if (nd + hv >= LIVE_EXACT_S) return null;
        stamp[v] = reached;
        dist[v] = nd;
        heap.push(v, nd + hv);
      }
    }
    this.settled += count;
    return best;
  }
}
