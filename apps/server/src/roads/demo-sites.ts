// Where the demo organisation's three centres stand: the demo city's chosen sites (on main roads, one
// across the river), or on an imported map three road points spread across it, so that demo units
// always start on a road the router can snap to.
import { nodeLat, nodeLon } from '@civdef/router';
import { demoInfoOf } from './demo-files.js';
import type { RoadNetwork } from './network.js';

export interface Site {
  name: string;
  lat: number;
  lon: number;
}

/** Three centre sites on the loaded map. Precondition: the network holds at least one graph with nodes. */
export function centreSites(net: RoadNetwork): Site[] {
  const g = net.primary();
  const demo = demoInfoOf(g.info);
  if (demo) return demo.centres.slice(0, 3).map((c) => ({ name: c.name, lat: c.lat, lon: c.lon }));
  let [minLat, maxLat, minLon, maxLon] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let v = 0; v < g.graph.nodeCount; v++) {
    minLat = Math.min(minLat, nodeLat(g.graph, v));
    maxLat = Math.max(maxLat, nodeLat(g.graph, v));
    minLon = Math.min(minLon, nodeLon(g.graph, v));
    maxLon = Math.max(maxLon, nodeLon(g.graph, v));
  }
  const midLat = (minLat + maxLat) / 2;
  const at = (name: string, share: number): Site => {
    const p = g.snap.nearest(midLat, minLon + share * (maxLon - minLon), { maxDistanceM: Infinity })!;
    return { name, lat: p.lat, lon: p.lon };
  };
  return [at('West Centre', 0.25), at('Central Centre', 0.5), at('East Centre', 0.75)];
}
