// The demo city ships one street network; teams on foot walk the same streets, in both directions
// (a one-way sign does not stop a walker), at walking pace. A real map gets its own foot graph from the
// OSM import's walking profile instead (`civdef import-osm FILE --profile foot`).
import { EdgeListBuilder, edgeNameIndex, edgeWayId, twinsOf, type RoadGraph } from '@civdef/router';

/** Walking speed on streets, m/s (5 km/h): a loaded rescue team does not go faster over rubble. */
const WALK_M_PER_S = 5 / 3.6;

/** A walking graph over the same nodes and streets. Precondition: a vehicle graph with positive lengths. */
export function footGraphOf(vehicle: RoadGraph): RoadGraph {
  const twins = twinsOf(vehicle);
  const { offsets, targets, lengthM } = vehicle;
  const edges = new EdgeListBuilder();
  for (let u = 0; u < vehicle.nodeCount; u++) {
    for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
      const v = targets[e]!;
      const m = lengthM[e]!;
      edges.addEdge(u, v, m, m / WALK_M_PER_S, edgeWayId(vehicle, e), edgeNameIndex(vehicle, e));
      // A one-way street's other direction exists only on foot.
      if (twins[e]! < 0) edges.addEdge(v, u, m, m / WALK_M_PER_S, edgeWayId(vehicle, e), edgeNameIndex(vehicle, e));
    }
  }
  return edges.build(vehicle.latE7, vehicle.lonE7, vehicle.names);
}
