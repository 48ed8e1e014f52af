// Where to put the demo's centres and hospitals: on fast roads (a rescue truck must get out quickly), in
// different parts of the city, one of each across the river so a closed bridge matters.
import { nodeLat, nodeLon, type RoadGraph } from '../graph/graph.js';
import { METRES_PER_DEGREE } from '../snap/projection.js';
import type { Layout } from './layout.js';
import type { Prng } from './prng.js';

export interface Placement {
  readonly name: string;
  readonly node: number;
  readonly lat: number;
  readonly lon: number;
}

/** Three centres and two hospitals. Precondition: graph generated from layout around (lat0, lon0). */
export function placeAll(graph: RoadGraph, layout: Layout, rng: Prng, lat0: number, lon0: number): { centres: Placement[]; hospitals: Placement[] } {
  const R = layout.radius;
  const west = (y: number) => layout.river.centreX(y) - 0.18 * R;
  const jitter = () => rng.range(-0.03, 0.03) * R;
  const at = (name: string, x: number, y: number): Placement => {
    const node = nearestFastNode(graph, lat0, lon0, x + jitter(), y + jitter());
    return { name, node, lat: nodeLat(graph, node), lon: nodeLon(graph, node) };
  };
  return {
    centres: [at('West Centre', west(0.1 * R), 0.1 * R), at('North-East Centre', 0.28 * R, 0.38 * R), at('South-East Centre', 0.3 * R, -0.35 * R)],
    hospitals: [at('Old Town Hospital', 0.12 * R, -0.1 * R), at('West Hospital', west(-0.3 * R), -0.3 * R)],
  };
}

/**
 * The node nearest to (x, y) metres from the centre among those on a road of 45 km/h or more. Projects
 * on the fly rather than through projectionOf, whose cache would outlive generation with the graph.
 */
function nearestFastNode(graph: RoadGraph, lat0: number, lon0: number, x: number, y: number): number {
  const mPerDegLon = METRES_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180);
  let best = 0;
  let bestD = Infinity;
  for (let v = 0; v < graph.nodeCount; v++) {
    const d = ((nodeLon(graph, v) - lon0) * mPerDegLon - x) ** 2 + ((nodeLat(graph, v) - lat0) * METRES_PER_DEGREE - y) ** 2;
    if (d >= bestD) continue;
    let fast = false;
    for (let e = graph.offsets[v]!; e < graph.offsets[v + 1]! && !fast; e++) fast = graph.lengthM[e]! >= (45 / 3.6) * graph.durationS[e]!;
    if (fast) {
      best = v;
      bestD = d;
    }
  }
  return best;
}
