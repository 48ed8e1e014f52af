// The edges a closure report names, in one road graph. Both directions of a road close together: rubble
// across a street blocks it both ways.
import type { ClosureTarget } from '@civdef/core';
import { bothDirections, edgesInCircle, edgesInPolygon, edgesNamed, edgesOfWay } from '@civdef/router';
import type { ProfileGraph } from './network.js';

/** Directed edges the target covers in this graph, ascending (empty when it names nothing here). Precondition: a parsed ClosureTarget. */
export function edgesOfTarget(g: ProfileGraph, target: ClosureTarget): Uint32Array {
  if ('edge' in target) return target.edge < g.graph.edgeCount ? bothDirections(g.graph, [target.edge]) : new Uint32Array(0);
  if ('way_id' in target) return bothDirections(g.graph, edgesOfWay(g.graph, target.way_id));
  if ('street' in target) return edgesNamed(g.graph, target.street);
  if ('circle' in target) return edgesInCircle(g.snap, target.circle.lat, target.circle.lon, target.circle.radius_m);
  return edgesInPolygon(g.snap, target.polygon);
}

/** The target in words, for messages. Precondition: a parsed ClosureTarget. */
export function describeTarget(target: ClosureTarget): string {
  if ('edge' in target) return `road segment ${target.edge}`;
  if ('way_id' in target) return `way ${target.way_id}`;
  if ('street' in target) return `the street "${target.street}"`;
  if ('circle' in target) return `the ${target.circle.radius_m} m circle around ${target.circle.lat},${target.circle.lon}`;
  return `the polygon of ${target.polygon.length} positions`;
}
