// Where a unit is by now when no fix has come since it set off: along its route, as far as the route's own
// travel times take it. Each whole street segment takes its live weight (slowdowns included); the two part
// segments at the ends share what is left of the route's duration by their length.
import { haversineMeters } from '@civdef/core';
import type { EdgeWeights, PointRoute } from '@civdef/router';

type Position = readonly [number, number]; // [lon, lat]

/** Seconds to drive each segment of route.geometry (one fewer than its positions). Precondition: route found on these weights. */
export function segmentSeconds(route: PointRoute, weights: EdgeWeights): number[] {
  const g = route.geometry;
  const n = g.length - 1;
  if (n <= 0) return [];
  if (route.nodes.length === 0) return [route.durationS];
  // geometry = start point, the nodes passed, end point: segment k (1..n-2) is edges[k-1].
  const out = new Array<number>(n).fill(0);
  let whole = 0;
  for (let k = 1; k < n - 1; k++) {
    out[k] = weights.current[route.edges[k - 1]!]!;
    whole += out[k]!;
  }
  const rest = Math.max(0, route.durationS - whole);
  const first = haversineMeters(g[0]![1], g[0]![0], g[1]![1], g[1]![0]);
  const last = haversineMeters(g[n - 1]![1], g[n - 1]![0], g[n]![1], g[n]![0]);
  const share = first + last > 0 ? first / (first + last) : 0.5;
  out[0] = rest * share;
  out[n - 1] = out[n - 1]! + rest * (1 - share);
  return out;
}

/**
 * The position after driving `elapsedS` along the geometry, each segment taking its seconds; the end once
 * the time is up. Precondition: seconds.length = geometry.length - 1 (or geometry of one position), all >= 0.
 */
export function positionAlong(geometry: readonly Position[], seconds: readonly number[], elapsedS: number): Position {
  if (geometry.length === 0) throw new RangeError('positionAlong needs at least one position');
  let left = Math.max(0, elapsedS);
  for (let k = 0; k < seconds.length; k++) {
    const s = seconds[k]!;
    if (left < s) {
      const f = s > 0 ? left / s : 1;
      const a = geometry[k]!;
      const b = geometry[k + 1]!;
      return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
    }
    left -= s;
  }
  return geometry[geometry.length - 1]!;
}
