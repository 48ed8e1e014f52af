// The contraction hierarchy behind travelTimes: structure per road graph (built once, metric-free),
// metric per EdgeWeights (customised once, then repaired edge by edge as closures come and go).
import type { RoadGraph } from '../../graph/graph.js';
import type { EdgeWeights } from '../../weights/edge-weights.js';
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

const structures = new WeakMap<RoadGraph, Prepared>();
const metrics = new WeakMap<EdgeWeights, { metric: CchMetric; sync: WeightSync }>();

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
  const graph = weights.graph;
  let entry = metrics.get(weights);
  if (!entry) {
    const sync = new WeightSync(weights);
    entry = { metric: new CchMetric(preparedFor(graph).structure, graph, weights.current), sync };
    metrics.set(weights, entry);
    return entry.metric;
  }
  const changed = entry.sync.changedEdges();
  if (changed) {
    // Past a few percent of the roads, one sweep over all triangles beats repairing arc by arc.
    if (changed.length > Math.max(64, graph.edgeCount / 50)) entry.metric.customizeAll(weights.current);
    else entry.metric.update(changed, weights.current);
  }
  return entry.metric;
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
  if (m) bytes += m.metric.bytes;
  return bytes;
}
