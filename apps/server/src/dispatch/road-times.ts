// The router's answers as dispatch asks them: travel times from many units to one incident (one search per
// road profile: vehicles on the vehicle graph, teams on foot on the foot graph), and one unit's route there.
import type { Unit } from '@civdef/core';
import { NoRoadNearbyError, routeBetween, travelTimesBetween, type PointRoute, type Profile, type SnappedPoint } from '@civdef/router';
import { routeAnswer, snapPoint } from '../roads/answers.js';
import type { ProfileGraph, RoadNetwork } from '../roads/network.js';

export type Unreachable = 'no-path' | 'no-road-nearby' | 'no-graph';
export type TravelTime = { reachable: true; etaS: number } | { reachable: false; reason: Unreachable };

export interface Source {
  id: string;
  lat: number;
  lon: number;
  profile: Profile;
}

/** The road graph a unit travels on. Precondition: none. */
export const profileOf = (kind: Unit['kind']): Profile => (kind === 'foot-team' ? 'foot' : 'vehicle');

function snapOrNull(g: ProfileGraph, lat: number, lon: number): SnappedPoint | null {
  try {
    return snapPoint(g, lat, lon);
  } catch (err) {
    if (err instanceof NoRoadNearbyError) return null;
    throw err;
  }
}

/**
 * Seconds from each source to `to` on the live roads, one search per profile in use. Throws NoRoadNearbyError
 * when `to` is off every road of a profile a source needs. Precondition: nowMs is the clock's now.
 */
export function travelTimesTo(net: RoadNetwork, nowMs: number, to: { lat: number; lon: number }, sources: readonly Source[]): Map<string, TravelTime> {
  const out = new Map<string, TravelTime>();
  for (const profile of new Set(sources.map((s) => s.profile))) {
    const mine = sources.filter((s) => s.profile === profile);
    if (!net.profiles.includes(profile)) {
      for (const s of mine) out.set(s.id, { reachable: false, reason: 'no-graph' });
      continue;
    }
    const g = net.use(profile, nowMs);
    const target = snapPoint(g, to.lat, to.lon);
    const snaps = mine.map((s) => snapOrNull(g, s.lat, s.lon));
    const onRoad = snaps.filter((p): p is SnappedPoint => p !== null);
    const times = travelTimesBetween(g.graph, g.weights, target, onRoad);
    let k = 0;
    mine.forEach((s, i) => {
      if (!snaps[i]) return out.set(s.id, { reachable: false, reason: 'no-road-nearby' });
      const t = times[k++]!;
      out.set(s.id, Number.isFinite(t) ? { reachable: true, etaS: t } : { reachable: false, reason: 'no-path' });
    });
  }
  return out;
}

export interface FoundRoute {
  route: PointRoute;
  graph: ProfileGraph;
  /** As the API shows a route: rounded, GeoJSON positions. */
  answer: Extract<ReturnType<typeof routeAnswer>, { reachable: true }>;
}

/** The fastest route between two points on a profile's live roads, or null (no graph, off the roads, no path). Precondition: nowMs is now. */
export function routeOn(net: RoadNetwork, nowMs: number, profile: Profile, from: { lat: number; lon: number }, to: { lat: number; lon: number }): FoundRoute | null {
  if (!net.profiles.includes(profile)) return null;
  const g = net.use(profile, nowMs);
  const a = snapOrNull(g, from.lat, from.lon);
  const b = snapOrNull(g, to.lat, to.lon);
  if (!a || !b) return null;
  const route = routeBetween(g.graph, g.weights, a, b);
  if (!route) return null;
  const answer = routeAnswer(g, a, b, route);
  return answer.reachable ? { route, graph: g, answer } : null;
}
