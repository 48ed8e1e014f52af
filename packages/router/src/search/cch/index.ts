// The contraction hierarchy behind travelTimes: structure per road graph (built once, metric-free),
// metric per EdgeWeights (customised once, then repaired edge by edge as closures come and go: in
// batches, since queries answer around the changes not yet repaired in, timesTo).
import type { RoadGraph } from '../../graph/graph.js';
import type { EdgeWeights } from '../../weights/edge-weights.js';
import { CheckScratch } from './checked-query.js';
import { FELL, HeldWeights, NONE, ROSE } from './held.js';
import { CchMetric } from './metric.js';
import { contractionOrder } from './order.js';
import { CchQuery } from './query.js';
import { buildStructure, type CchStructure } from './structure.js';
import { undirectedOf } from './undirected.js';
import { WeightSync } from './weight-sync.js';

export interface Prepared {
  readonly structure: CchStructure;
  readonly query: CchQuery;
}

/**
 * With more risen roads than this not repaired into the metric, each query first repairs the oldest
 * REPAIR_CHUNK of them: the check grows with them (on the 50k-node demo city ~0.16 ms on top of a query
 * for one street's ~40 directed edges, ~0.24 ms for ~130, ~0.47 ms for ~280, ~0.63 ms for ~410; p50 on a
 * busy machine), and a burst of closures is repaired a street or so per query (~4 ms) rather than at once
 * (six streets together ~21 ms at p50, up to ~80 ms). High enough that the longest street (208 directed
 * edges on that city) is answered around whole: a part repaired in must be repaired out when it reopens.
 */
export const UNREPAIRED_SOFT = 256;
export const REPAIR_CHUNK = 64;
/** With more than this many still unrepaired after that, the query repairs them all. */
export const UNREPAIRED_MAX = 512;
/** A query's searches for units whose path may use them settle at most this many nodes, else it repairs. */
export const MAX_DETOUR_SETTLED = 20_000;
/** Once searches since the last repair have settled this many nodes, the next query repairs instead. */
export const REPAIR_AFTER_SETTLED = 100_000;

interface MetricEntry {
  readonly metric: CchMetric;
  readonly sync: WeightSync;
  readonly held: HeldWeights;
  readonly check: CheckScratch;
  /** check.detourSettled at the last repair. */
  settledAtRepair: number;
}

const structures = new WeakMap<RoadGraph, Prepared>();
const metrics = new WeakMap<EdgeWeights, MetricEntry>();

/** The graph's contraction structure and query scratch, built on first use. Precondition: graph not mutated. */
export function preparedFor(graph: RoadGraph): Prepared {
  let p = structures.get(graph);
  if (!p) {
    const u = undirectedOf(graph);
    const structure = buildStructure(graph, u, contractionOrder(graph, u));
    p = { structure, query: new CchQuery(structure) };
    structures.set(graph, p);
  }
  return p;
}

/** The metric of these weights, brought up to date with every closure and slowdown since last asked. */
export function metricFor(weights: EdgeWeights): CchMetric {
  const entry = entryFor(weights);
  if (entry.held.drift(weights.current) !== NONE) repair(entry, weights, false, Infinity);
  return entry.metric;
}

/**
 * out[i] = seconds from node sources[i] to the nearest end (ends[j] reached at extra cost endCosts[j])
 * on the live weights, Infinity when unreachable. Closures and slowdowns since the last repair are
 * answered around (checked-query.ts), and repaired into the metric only when that grows costly (many of
 * them, or long searches for units whose path they cut); a reopening is free when what it reopens was
 * never repaired in. maxSettled bounds one query's searches. Precondition: weights of this graph;
 * valid node ids; out.length >= sources.length.
 */
export function timesTo(
  weights: EdgeWeights,
  ends: ArrayLike<number>,
  endCosts: ArrayLike<number>,
  sources: ArrayLike<number>,
  out: Float64Array,
  maxSettled = MAX_DETOUR_SETTLED,
): void {
  const entry = entryFor(weights);
  const { query } = preparedFor(weights.graph);
  const { held, check, metric } = entry;
  const current = weights.current;
  let drift = held.drift(current);
  // Roads now faster than held: the metric's times are no lower bounds until they are repaired in.
  if (drift === FELL) drift = repair(entry, weights, true, Infinity);
  if (held.count > UNREPAIRED_SOFT) drift = repair(entry, weights, false, REPAIR_CHUNK);
  if (held.count > UNREPAIRED_MAX || check.detourSettled - entry.settledAtRepair >= REPAIR_AFTER_SETTLED) drift = repair(entry, weights, false, Infinity);
  if (drift === ROSE && check.run(query, metric, current, ends, endCosts, sources, out, held, maxSettled)) return;
  if (drift !== NONE) repair(entry, weights, false, Infinity);
  query.run(metric, ends, endCosts, sources, out);
}

/**
 * How many roads' live weights differ from those the metric holds (0 after a repair, or before these
 * weights were first queried): closures and slowdowns queries have so far answered around. Precondition: none.
 */
export function unrepairedEdges(weights: EdgeWeights): number {
  if (!metrics.has(weights)) return 0;
  const { held } = entryFor(weights);
  held.drift(weights.current);
  return held.count;
}

/** The metric of these weights as it is, and the road weights it holds (not copies), if built: for tests. Precondition: none. */
export function heldMetric(weights: EdgeWeights): { metric: CchMetric; held: Float32Array } | undefined {
  const entry = metrics.get(weights);
  return entry && { metric: entry.metric, held: entry.held.held };
}

/** Bytes of typed arrays held for this graph's hierarchy and these weights' metric (0 where not built). */
export function hierarchyBytes(graph: RoadGraph, weights?: EdgeWeights): number {
  const p = structures.get(graph);
  const m = weights && metrics.get(weights);
  let bytes = 0;
  if (p) {
    const s = p.structure;
    for (const a of [s.rank, s.node, s.upOff, s.upHead, s.parent, s.downOff, s.downTail, s.downArc, s.edgeArc]) bytes += a.byteLength;
    bytes += p.query.bytes;
  }
  if (m) bytes += m.metric.bytes + m.held.bytes + m.check.bytes;
  return bytes;
}

/** Nodes settled so far by the searches for units whose path may use a change not repaired in. Precondition: none. */
export function detourSettled(weights: EdgeWeights): number {
  return metrics.get(weights)?.check.detourSettled ?? 0;
}

/** The entry of these weights (customised on first use), with the roads changed since last asked noted. */
function entryFor(weights: EdgeWeights): MetricEntry {
  const graph = weights.graph;
  let entry = metrics.get(weights);
  if (!entry) {
    const structure = preparedFor(graph).structure;
    entry = {
      metric: new CchMetric(structure, graph, weights.current),
      sync: new WeightSync(weights),
      held: new HeldWeights(graph, weights.current),
      check: new CheckScratch(graph, structure.n),
      settledAtRepair: 0,
    };
    metrics.set(weights, entry);
    return entry;
  }
  const changed = entry.sync.changedEdges();
  if (changed) entry.held.note(changed);
  return entry;
}

/**
 * Repairs the metric for pending roads (with onlyFalls those now faster than held, else the oldest max)
 * and returns the drift of those left. Precondition: held.drift called since the last change.
 */
function repair(entry: MetricEntry, weights: EdgeWeights, onlyFalls: boolean, max: number): number {
  const { held, metric } = entry;
  const edges = held.take(weights.current, onlyFalls, max);
  if (held.count === 0) entry.settledAtRepair = entry.check.detourSettled;
  // The metric is repaired for the held weights, which now include the roads taken: the ones left pending
  // keep their old weights in it. Past a few percent of the roads, one sweep over all triangles beats
  // repairing arc by arc.
  if (edges.length > Math.max(64, weights.graph.edgeCount / 50)) metric.customizeAll(held.held);
  else metric.update(edges, held.held);
  return held.count === 0 ? NONE : ROSE;
}
