// Aircraft return to strike the rescuers and the crowd ("double tap"). A strike while an aircraft is still
// near raises an advisory around the site for the units heading there.
import type { LocalProjection } from '../geo/projection.js';
import { AIRCRAFT } from '../tracks/aircraft.js';
import { stateAt, type Track } from '../tracks/track.js';

export interface StrikeReport {
  id?: string;
  lat: number;
  lon: number;
  /** Epoch ms. */
  time: number;
}

export interface DoubleTapAdvisory {
  time: number;
  incidentId?: string;
  lat: number;
  lon: number;
  radiusM: number;
  /** Epoch ms: hold until then unless the aircraft is gone. */
  until: number;
  /** The tracks near enough to return, nearest first. */
  trackIds: string[];
}

export interface DoubleTapOptions {
  /** An aircraft within this many minutes' flight of the site can return; default 3. */
  reachMin?: number;
  /** Radius of the advisory around the site; default 1000 m. */
  radiusM?: number;
  /** How long the advisory holds; default 20 min. */
  holdMin?: number;
}

/** The advisory for a strike, if a live track could return to it; else undefined. Precondition: tracks are live at strike.time. */
export function doubleTapAdvisory(strike: StrikeReport, tracks: Track[], projection: LocalProjection, o: DoubleTapOptions = {}): DoubleTapAdvisory | undefined {
  const site = projection.toXY(strike.lat, strike.lon);
  const near = tracks
    .map((t) => {
      const [x, y] = stateAt(t, strike.time).x as [number, number];
      return { t, d: Math.hypot(x - site.x, y - site.y), reach: Math.max(3000, AIRCRAFT[t.type].speed * (o.reachMin ?? 3) * 60) };
    })
    .filter((n) => n.d <= n.reach)
    .sort((a, b) => a.d - b.d);
  if (!near.length) return undefined;
  return {
    time: strike.time,
    ...(strike.id ? { incidentId: strike.id } : {}),
    lat: strike.lat,
    lon: strike.lon,
    radiusM: o.radiusM ?? 1000,
    until: strike.time + (o.holdMin ?? 20) * 60_000,
    trackIds: near.map((n) => n.t.id),
  };
}
