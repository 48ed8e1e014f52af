// One blast, many calls: a spotter, a team passing by and three neighbours all report the same strike. A
// report of the same kind within a configured distance and time of an open incident is attached to it as a
// further report (CIVDEF_MERGE_RADIUS_M, CIVDEF_MERGE_MINUTES; a radius of 0 turns merging off). A dispatcher
// who sees that two strikes were merged splits the report back into an incident of its own.
import { haversineMeters, type Incident } from '@civdef/core';

export interface MergeWindow {
  radiusM: number;
  minutes: number;
}

export type MergeCandidate = Pick<Incident, 'id' | 'kind' | 'lat' | 'lon' | 'occurred_at' | 'status'>;
export type MergeReport = Pick<Incident, 'kind' | 'lat' | 'lon' | 'occurred_at'>;

export interface MergeSearchBox {
  from: string;
  to: string;
  minLat: number;
  maxLat: number;
  /** Absent where the box would cross a pole or the antimeridian: then longitude does not narrow the search. */
  lon?: { min: number; max: number };
}

// Metres per degree of latitude, rounded down so the box is never smaller than the radius.
const METRES_PER_DEGREE = 111_000;

/**
 * Merging on, and the bounds that hold every possible merge target: the time window and a box around the
 * report a little larger than the radius, so the database returns the few incidents nearby and not every open
 * incident of the hour. Null when merging is off. Precondition: report.occurred_at ISO; valid degrees.
 */
export function mergeSearchWindow(report: MergeReport, w: MergeWindow): MergeSearchBox | null {
  if (w.radiusM <= 0 || w.minutes <= 0) return null;
  const t = Date.parse(report.occurred_at);
  const dLat = w.radiusM / METRES_PER_DEGREE;
  const cosLat = Math.cos(((Math.abs(report.lat) + dLat) * Math.PI) / 180);
  const dLon = cosLat > 0.01 ? dLat / cosLat : Infinity;
  const box: MergeSearchBox = {
    from: new Date(t - w.minutes * 60_000).toISOString(),
    to: new Date(t + w.minutes * 60_000).toISOString(),
    minLat: report.lat - dLat,
    maxLat: report.lat + dLat,
  };
  if (report.lon - dLon >= -180 && report.lon + dLon <= 180) box.lon = { min: report.lon - dLon, max: report.lon + dLon };
  return box;
}

/**
 * The open incident a report belongs to: same kind, not closed, within the window; the nearest, then the
 * closest in time. Null when none. Precondition: ISO times; valid degrees.
 */
export function mergeTarget<C extends MergeCandidate>(report: MergeReport, candidates: readonly C[], w: MergeWindow): { incident: C; distanceM: number } | null {
  if (w.radiusM <= 0 || w.minutes <= 0) return null;
  const t = Date.parse(report.occurred_at);
  let best: { incident: C; distanceM: number; dt: number } | null = null;
  for (const c of candidates) {
    if (c.kind !== report.kind || c.status === 'closed') continue;
    const dt = Math.abs(Date.parse(c.occurred_at) - t);
    if (dt > w.minutes * 60_000) continue;
    const d = haversineMeters(report.lat, report.lon, c.lat, c.lon);
    if (d > w.radiusM) continue;
    if (!best || d < best.distanceM || (d === best.distanceM && dt < best.dt)) best = { incident: c, distanceM: d, dt };
  }
  return best && { incident: best.incident, distanceM: best.distanceM };
}
