// The road graph as pgRouting's edge table, so anyone can check our answers with another engine:
// one row per road segment (a two-way road's two directed edges share a row), costs in seconds, -1 for a
// direction that cannot be driven, x = longitude and y = latitude of the segment's ends. The row id is the
// directed edge id of the source -> target direction: the `{edge: id}` a closure report names.
// Costs are the graph's base costs, before closures: closures change by the minute (GET /api/v1/closures).
import { edgeSource, nodeLat, nodeLon, twinsOf, type RoadGraph } from '@civdef/router';

export const EDGE_TABLE_HEADER = 'id,source,target,cost_s,reverse_cost_s,length_m,x1,y1,x2,y2';

const cost = (s: number): string => String(Math.round(s * 1000) / 1000);
const deg = (d: number): string => String(Math.round(d * 1e7) / 1e7);

/** The rows, without the header, one string each. Precondition: none. */
export function* edgeTableRows(graph: RoadGraph): Generator<string> {
  const twins = twinsOf(graph);
  const { targets, durationS, lengthM } = graph;
  for (let e = 0; e < graph.edgeCount; e++) {
    const t = twins[e]!;
    if (t >= 0 && t < e) continue; // its pair was written with the twin's row
    const u = edgeSource(graph, e);
    const v = targets[e]!;
    yield `${e},${u},${v},${cost(durationS[e]!)},${t >= 0 ? cost(durationS[t]!) : '-1'},${Math.round(lengthM[e]! * 100) / 100},${deg(nodeLon(graph, u))},${deg(nodeLat(graph, u))},${deg(nodeLon(graph, v))},${deg(nodeLat(graph, v))}`;
  }
}
