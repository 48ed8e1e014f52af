// The zones an aircraft will fly over next: points along its heading over the next minutes, each blurred by
// the position's uncertainty and by the heading's times the distance flown, averaged over the stretch.
import type { SampleGrid } from './sample-grid.js';

export interface PathAhead {
  x: number;
  y: number;
  /** Compass heading in degrees, or undefined when unknown (then only the present position counts). */
  heading?: number;
  /** Combined heading and path uncertainty, radians. */
  angleSd: number;
  positionSd: number;
  /** Metres of path to consider. */
  length: number;
}

const STEPS = 6;

/**
 * Per zone, the chance that a strike on the path ahead falls in it: the path's share over the zone, weighted by
 * the prior's density there (targets are where strikes fall). Shares sum to 1. Precondition: density per zone.
 */
export function pathShares(g: SampleGrid, density: ArrayLike<number>, p: PathAhead): Float64Array {
  const zones = density.length;
  const share = new Float64Array(zones);
  const steps = p.heading === undefined ? 0 : STEPS;
  const [ux, uy] = p.heading === undefined ? [0, 0] : [Math.sin((p.heading * Math.PI) / 180), Math.cos((p.heading * Math.PI) / 180)];
  const here = new Float64Array(zones);
  for (let j = 0; j <= steps; j++) {
    const s = steps ? (p.length * j) / steps : 0;
    const [cx, cy] = [p.x + ux * s, p.y + uy * s];
    const variance = p.positionSd ** 2 + (s * p.angleSd) ** 2;
    const cut = 9 * variance; // beyond 3 s.d. a point adds nothing worth its cost
    here.fill(0);
    for (let k = 0; k < g.x.length; k++) {
      const d2 = (g.x[k]! - cx) ** 2 + (g.y[k]! - cy) ** 2;
      if (d2 > cut) continue;
      here[g.zone[k]!]! += Math.exp(-d2 / (2 * variance));
    }
    let total = 0;
    for (let z = 0; z < zones; z++) total += here[z]!;
    // Each step of the path counts alike; within a step, zones count by the path's weight times the prior.
    if (total > 0) for (let z = 0; z < zones; z++) share[z]! += (here[z]! / total) * density[z]!;
  }
  const sum = share.reduce((a, b) => a + b, 0);
  return sum > 0 ? share.map((v) => v / sum) : share;
}
