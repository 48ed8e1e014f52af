// The dispatch question: how long from each of these units to this incident? One Dijkstra backwards from
// the incident over the reverse graph, stopped as soon as every unit's node is settled or the time limit is
// passed, so ranking 50 units near an incident settles only the part of the city they are spread over.
import type { RoadGraph } from '../graph/graph.js';
import type { SnappedPoint } from '../snap/snap-index.js';
import { edgeSource } from '../snap/twins.js';
import type { EdgeWeights } from '../weights/edge-weights.js';
import { accessCost, arrivals, atNode, departures, directCost, type Access } from './endpoints.js';
import { reverseOf } from './reverse.js';
import { stateFor, type SearchState } from './state.js';

/**
 * Seconds from each source node to the target node (Infinity when unreachable or beyond limitS).
 * Precondition: node ids < nodeCount; weights of this graph; limitS >= 0.
 */
export function travelTimes(graph: RoadGraph, weights: EdgeWeights, target: number, sources: ArrayLike<number>, limitS = Infinity): Float64Array {
  for (const v of [target, ...Array.from(sources)]) {
    if (!Number.isInteger(v) || v < 0 || v >= graph.nodeCount) throw new RangeError(`node ${v} out of range (graph has ${graph.nodeCount} nodes)`);
  }
  const s = searchBackwards(graph, weights, atNode(target), sources, limitS);
  const out = new Float64Array(sources.length);
  for (let i = 0; i < sources.length; i++) out[i] = settledWithin(s, sources[i]!, limitS);
  return out;
}

/**
 * Seconds from each snapped source point to the snapped target point, counting the partial edges at both
 * ends (Infinity when unreachable or beyond limitS). Precondition: points snapped on this graph.
 */
export function travelTimesBetween(
  graph: RoadGraph,
  weights: EdgeWeights,
  target: SnappedPoint,
  sources: readonly SnappedPoint[],
  limitS = Infinity,
): Float64Array {
  const cur = weights.current;
  const leave = sources.map((p) => departures(graph, p));
  const nodes: number[] = [];
  for (const list of leave) for (const a of list) nodes.push(a.node);
  const s = searchBackwards(graph, weights, arrivals(graph, target, (e) => edgeSource(graph, e)), nodes, limitS);
  const out = new Float64Array(sources.length);
  for (let i = 0; i < sources.length; i++) {
    let best = directCost(graph, sources[i]!, target, cur).cost;
    for (const a of leave[i]!) best = Math.min(best, accessCost(a, cur) + settledWithin(s, a.node, limitS));
    out[i] = best <= limitS ? best : Infinity;
  }
  return out;
}

function settledWithin(s: SearchState, v: number, limitS: number): number {
  return s.settled(v) && s.dist[v]! <= limitS ? s.dist[v]! : Infinity;
}

/** Backward Dijkstra from the end accesses until all goal nodes are settled or limitS is passed. */
function searchBackwards(graph: RoadGraph, weights: EdgeWeights, ends: readonly Access[], goals: ArrayLike<number>, limitS: number): SearchState {
  const cur = weights.current;
  const { rOffsets, rSources, rEdges } = reverseOf(graph);
  const s = stateFor(graph, true);
  const gen = s.begin();
  const { dist, mark, done, goal, heap } = s;
  let remaining = 0;
  for (let i = 0; i < goals.length; i++) {
    const g = goals[i]!;
    if (goal[g] !== gen) {
      goal[g] = gen;
      remaining++;
    }
  }
  for (const a of ends) {
    const c = accessCost(a, cur);
    if (c !== Infinity) s.offer(a.node, c, c, -1);
  }
  while (remaining > 0 && heap.size > 0 && heap.topKey() <= limitS) {
    const du = heap.topKey();
    const u = heap.pop();
    if (done[u] === gen) continue;
    done[u] = gen;
    if (goal[u] === gen) remaining--;
    for (let i = rOffsets[u]!, end = rOffsets[u + 1]!; i < end; i++) {
      const w = cur[rEdges[i]!]!;
      if (w === Infinity) continue;
      const v = rSources[i]!;
      const nd = du + w;
      if (mark[v] !== gen || nd < dist[v]!) {
        mark[v] = gen;
        dist[v] = nd;
        heap.push(v, nd);
      }
    }
  }
  return s;
}
