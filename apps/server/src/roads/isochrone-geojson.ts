// Coverage as GeoJSON. Truthful and simple: the road nodes reached, one MultiPoint per time band (each
// node in the first band that reaches it). A hull drawn around them would claim the far bank of a river
// or the inside of a closed block; the points claim only what the search found.
import { isochroneBetween, nodeLat, nodeLon, type SnappedPoint } from '@civdef/router';
import { snapped } from './answers.js';
import type { ProfileGraph } from './network.js';

type Position = [number, number];

export interface IsochroneCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; properties: Record<string, unknown>; geometry: { type: 'Point' | 'MultiPoint'; coordinates: Position | Position[] } }[];
}

/** The origin and one band per limit. Precondition: minutes ascending, each > 0; from snapped on g. */
export function isochroneGeoJson(g: ProfileGraph, from: SnappedPoint, minutes: readonly number[]): IsochroneCollection {
  const limits = minutes.map((m) => m * 60);
  const iso = isochroneBetween(g.graph, g.weights, from, limits[limits.length - 1]!);
  const bands: Position[][] = limits.map(() => []);
  let band = 0;
  // Nodes come nearest first, so the band index only moves forward.
  for (let i = 0; i < iso.nodes.length; i++) {
    while (iso.timesS[i]! > limits[band]!) band++;
    const v = iso.nodes[i]!;
    bands[band]!.push([Math.round(nodeLon(g.graph, v) * 1e6) / 1e6, Math.round(nodeLat(g.graph, v) * 1e6) / 1e6]);
  }
  const origin = snapped(from);
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { kind: 'origin', profile: g.profile, snap_distance_m: origin.distance_m }, geometry: { type: 'Point', coordinates: [origin.lon, origin.lat] } },
      ...bands.map((coordinates, i) => ({
        type: 'Feature' as const,
        properties: { kind: 'band', minutes: minutes[i], from_s: i === 0 ? 0 : limits[i - 1], to_s: limits[i], nodes: coordinates.length },
        geometry: { type: 'MultiPoint' as const, coordinates },
      })),
    ],
  };
}
