// Turning the router's answers into what the API and the CLI print: rounded numbers, GeoJSON
// positions, and the streets a route follows.
import type { RouteAnswer } from '@civdef/core';
import { edgeName, type PointRoute, type RoadGraph, type SnappedPoint } from '@civdef/router';
import type { ProfileGraph } from './network.js';

/** Tenths: metres and seconds beyond that are noise in a city drive. Precondition: finite x. */
export const tenth = (x: number): number => Math.round(x * 10) / 10;
/** 7 decimals of a degree is about 1 cm. Precondition: finite x. */
const degrees = (x: number): number => Math.round(x * 1e7) / 1e7;

/**
 * The nearest open road to a point, else the nearest road of any state (a point among closed roads is
 * then simply unreachable). Throws NoRoadNearbyError beyond the snap limit. Precondition: valid degrees.
 */
export function snapPoint(g: ProfileGraph, lat: number, lon: number): SnappedPoint {
  const current = g.weights.current;
  return g.snap.nearest(lat, lon, { accept: (e) => current[e]! < Infinity }) ?? g.snap.snap(lat, lon);
}

/** Where the point met the road, as the API reports it. Precondition: none. */
export const snapped = (p: SnappedPoint) => ({ lat: degrees(p.lat), lon: degrees(p.lon), distance_m: tenth(p.distanceM) });

/** Street names along the route with the distance on each, consecutive repeats merged. Precondition: r found between from and to on graph. */
export function streetsOf(graph: RoadGraph, r: PointRoute, from: SnappedPoint, to: SnappedPoint): { name: string; distance_m: number }[] {
  const parts: [number, number][] = [];
  if (r.nodes.length === 0) parts.push([r.startEdge, r.distanceM]);
  else {
    if (r.startEdge >= 0) parts.push([r.startEdge, graph.lengthM[r.startEdge]! * (r.startEdge === from.edge ? 1 - from.fraction : from.fraction)]);
    for (const e of r.edges) parts.push([e, graph.lengthM[e]!]);
    if (r.endEdge >= 0) parts.push([r.endEdge, graph.lengthM[r.endEdge]! * (r.endEdge === to.edge ? to.fraction : 1 - to.fraction)]);
  }
  const out: { name: string; distance_m: number }[] = [];
  for (const [e, m] of parts) {
    if (e < 0 || m <= 0) continue;
    const name = edgeName(graph, e);
    const last = out[out.length - 1];
    if (last && last.name === name) last.distance_m += m;
    else out.push({ name, distance_m: m });
  }
  return out.map((s) => ({ name: s.name, distance_m: tenth(s.distance_m) }));
}

/** The API's answer for a route search. Precondition: r is routeBetween(g, from, to) or null. */
export function routeAnswer(g: ProfileGraph, from: SnappedPoint, to: SnappedPoint, r: PointRoute | null): RouteAnswer {
  const ends = { from: snapped(from), to: snapped(to) };
  if (!r) {
    return {
      reachable: false,
      profile: g.profile,
      detail: 'No open road leads from the start to the destination: closures, one-way streets or the map cut it off.',
      ...ends,
    };
  }
  return {
    reachable: true,
    profile: g.profile,
    duration_s: tenth(r.durationS),
    distance_m: tenth(r.distanceM),
    geometry: { type: 'LineString', coordinates: r.geometry.map(([lon, lat]) => [degrees(lon), degrees(lat)] as [number, number]) },
    streets: streetsOf(g.graph, r, from, to),
    ...ends,
  };
}
