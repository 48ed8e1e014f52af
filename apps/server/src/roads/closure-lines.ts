// The road segments a closure covers, as lines for a map: a street or a way has no shape of its own in the
// closure's record, so the operations room asks for the roads it closed. Pure over the graph.
import type { ClosureTarget } from '@civdef/core';
import { edgeSource, nodeLat, nodeLon } from '@civdef/router';
import { edgesOfTarget } from './closure-target.js';
import type { ProfileGraph } from './network.js';
import { LINE_SCALE } from './road-lines.js';

/** Flat [lon1, lat1, lon2, lat2, ...] times LINE_SCALE, each road once (one of its two directions). Precondition: a parsed target. */
export function closureLines(g: ProfileGraph, target: ClosureTarget): number[] {
  const out: number[] = [];
  const seen = new Set<string>();
  for (const e of edgesOfTarget(g, target)) {
    const u = edgeSource(g.graph, e), v = g.graph.targets[e]!;
    const key = u < v ? `${u} ${v}` : `${v} ${u}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(
      Math.round(nodeLon(g.graph, u) * LINE_SCALE), Math.round(nodeLat(g.graph, u) * LINE_SCALE),
      Math.round(nodeLon(g.graph, v) * LINE_SCALE), Math.round(nodeLat(g.graph, v) * LINE_SCALE),
    );
  }
  return out;
}
