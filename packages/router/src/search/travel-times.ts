// The dispatch question: how long from each of these units to this incident?
//
// Units are spread over the whole city, so a search from the incident must cover nearly all of it before
// the last unit is settled: on the 50k-node demo city one Dijkstra backwards from the incident, stopped
// once every unit is settled, settles 99% of the nodes (p50 ~9 ms on a busy 2-core machine), and no goal
// direction helps with 50 goals in all directions; chain contraction would remove only the 3% of the
// city's nodes that have two neighbours. So graphs up to HIERARCHY_MAX_NODES nodes use a customizable
// contraction hierarchy (cch/): a weight-independent structure built once per graph (~3 s for 50k nodes),
// weights customised once per EdgeWeights and repaired arc by arc after each closure or slowdown, and a
// query that climbs from the incident and sweeps down over the units' ancestors, reading only the arcs
// no detour matches (cch/query.ts): p50 ~1.1 ms on the same city, the same answers as Dijkstra to the bit.
// The price would be the repair of the metric after a closure or reopening (~0.3 ms for a road segment,
// ~4 ms for a whole street, tens of ms for a long arterial), so it is put off: a query first checks
// whether any unit's fastest path on the metric's weights may use a road that got slower since its last
// repair, answers the others from the metric, and those units by a search on the live weights guided by
// the metric (cch/checked-query.ts, detour-search.ts; exact, a fraction of a millisecond for a street);
// a reopening of a closure never repaired in costs nothing, and the metric is repaired once unrepaired
// changes pile up (cch/index.ts). npm run bench:router measures it. Larger graphs, whose hierarchy would
// cost more memory than the graph itself, keep the Dijkstra below, on the live weights: stopped when
// every unit is settled or the time limit passed.
import type { RoadGraph } from '../graph/graph.js';
import type { SnappedPoint } from '../snap/snap-index.js';
import { edgeSource } from '../snap/twins.js';
import type { EdgeWeights } from '../weights/edge-weights.js';
import { metricFor, timesTo } from './cch/index.js';
import { accessCost, arrivals, atNode, departures, directCost, type Access } from './endpoints.js';
import { reverseOf } from './reverse.js';
import { stateFor, type SearchState } from './state.js';

/** Graphs up to this many nodes get a contraction hierarchy (about 1.2 KB per node on a city grid). */
export const HIERARCHY_MAX_NODES = 150_000;

export interface TravelTimesOptions {
  /** 'auto' (default): the hierarchy up to HIERARCHY_MAX_NODES nodes, else Dijkstra. */
  method?: 'auto' | 'hierarchy' | 'dijkstra';
}

function useHierarchy(graph: RoadGraph, options: TravelTimesOptions): boolean {
  const method = options.method ?? 'auto';
  return method === 'hierarchy' || (method === 'auto' && graph.nodeCount <= HIERARCHY_MAX_NODES);
}

/**
 * Builds what travelTimes needs for this graph and weights ahead of the first query (the hierarchy takes
 * ~1.5 s for the 30k-node demo city), so a server can pay it at start; later calls repair the closures and
 * slowdowns queries have so far answered around, so it can also be paid when idle. Precondition: weights of this graph.
 */
export function prepareTravelTimes(graph: RoadGraph, weights: EdgeWeights, options: TravelTimesOptions = {}): void {
  if (useHierarchy(graph, options)) metricFor(weights);
  else reverseOf(graph);
}

/**
 * Seconds from each source node to the target node (Infinity when unreachable or beyond limitS).
 * Precondition: node ids < nodeCount; weights of this graph; limitS >= 0.
 */
export function travelTimes(
  graph: RoadGraph,
  weights: EdgeWeights,
  target: number,
  sources: ArrayLike<number>,
  limitS = Infinity,
  options: TravelTimesOptions = {},
): Float64Array {
  checkNode(graph, target);
  for (let i = 0; i < sources.length; i++) checkNode(graph, sources[i]!);
  const out = new Float64Array(sources.length);
  if (useHierarchy(graph, options)) {
    timesTo(weights, [target], [0], sources, out);
    for (let i = 0; i < out.length; i++) if (out[i]! > limitS) out[i] = Infinity;
    return out;
  }
  const s = searchBackwards(graph, weights, atNode(target), sources, limitS);
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
  options: TravelTimesOptions = {},
): Float64Array {
  const cur = weights.current;
  const leave = sources.map((p) => departures(graph, p));
  const nodes: number[] = [];
  for (const list of leave) for (const a of list) nodes.push(a.node);
  const ends = arrivals(graph, target, (e) => edgeSource(graph, e));
  // Seconds from each departure node to the target point (Infinity beyond limitS).
  const fromNode = new Float64Array(nodes.length);
  if (useHierarchy(graph, options)) {
    const endNodes: number[] = [];
    const endCosts: number[] = [];
    for (const a of ends) {
      const c = accessCost(a, cur);
      if (c === Infinity) continue;
      endNodes.push(a.node);
      endCosts.push(c);
    }
    timesTo(weights, endNodes, endCosts, nodes, fromNode);
  } else {
    const s = searchBackwards(graph, weights, ends, nodes, limitS);
    for (let i = 0; i < nodes.length; i++) fromNode[i] = settledWithin(s, nodes[i]!, limitS);
  }
  const out = new Float64Array(sources.length);
  let k = 0;
  for (let i = 0; i < sources.length; i++) {
    let best = directCost(graph, sources[i]!, target, cur).cost;
    for (const a of leave[i]!) best = Math.min(best, accessCost(a, cur) + fromNode[k++]!);
    out[i] = best <= limitS ? best : Infinity;
  }
  return out;
}

function checkNode(graph: RoadGraph, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v >= graph.nodeCount) throw new RangeError(`node ${v} out of range (graph has ${graph.nodeCount} nodes)`);
}

function settledWithin(s: SearchState, v: number, limitS: number): number {
  return s.settled(v) && s.dist[v]! <= limitS ? s.dist[v]! : Infinity;
}

/** Backward Dijkstra from the end accesses until all goal nodes are settled or limitS is passed. */
function searchBackwards(graph: RoadGraph, weights: EdgeWeights, ends: readonly Access[], goals: ArrayLike<number>, limitS: number): SearchState {
  const cur = weights.current;
  const { rOffsets, rSources, rEdges } = reverseOf(graph);
  const s = stateFor(graph, true);
  const reached = s.begin();
  const settled = reached + 1;
  const { stamp, dist, goal, heap } = s;
  for (let i = 0; i < goals.length; i++) goal.add(goals[i]!);
  let remaining = goal.size;
  for (const a of ends) {
    const c = accessCost(a, cur);
    if (c !== Infinity) s.offer(a.node, c, c, -1);
  }
  while (remaining > 0 && heap.size > 0 && heap.topKey() <= limitS) {
    const du = heap.topKey();
    const u = heap.pop();
    if (stamp[u] === settled) continue;
    stamp[u] = settled;
    if (goal.has(u)) remaining--;
    for (let i = rOffsets[u]!, end = rOffsets[u + 1]!; i < end; i++) {
      const w = cur[rEdges[i]!]!;
      if (w === Infinity) continue;
      const v = rSources[i]!;
      const nd = du + w;
      const st = stamp[v]!;
      if (st < reached || (st === reached && nd < dist[v]!)) {
        stamp[v] = reached;
        dist[v] = nd;
        heap.push(v, nd);
      }
    }
  }
  return s;
}
