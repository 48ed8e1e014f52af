// The live aircraft tracks and their forecast cones as GeoJSON (RFC 7946) for the operations room's map:
// where each aircraft is, which way it flies, where it has flown, and the area it can reach within the
// forecast's horizon. Pure.
import { AIRCRAFT, type LocalProjection, type Track, type TrackForecast } from '@civdef/warning';

/** The forecast's look-ahead (the engine's default horizon), minutes. */
export const HORIZON_MIN = 12;
/** How far a pilot strays from the straight line to a target, degrees, one s.d. (the engine's default). */
const PATH_SD_DEG = 12;
/** Points on a cone's arc or a circle. */
const ARC_POINTS = 24;
/** How far back a trail goes by default, and at most, minutes (the tracker keeps TRAIL_POINTS points in any case). */
export const TRAIL_MINUTES = 30;
export const TRAIL_MINUTES_MAX = 120;

type Position = [number, number];

export interface LiveTrackFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: Position } | { type: 'LineString'; coordinates: Position[] } | { type: 'Polygon'; coordinates: Position[][] };
  properties: Record<string, string | number | null>;
}

export interface LiveTracks {
  type: 'FeatureCollection';
  /** ISO time the forecasts are for. */
  at: string;
  features: LiveTrackFeature[];
}

/**
 * Per live track a Point (kind "track": aircraft, heading, speed, last seen), a Polygon (kind "cone": a sector
 * two standard deviations of heading and path either side of the heading, out to the reach; a circle around it
 * when the heading is unknown or the aircraft circles) and, when it was seen within trailMinutes, a LineString (kind "trail": where the tracker put it after each sighting in those minutes, oldest first, then
 * where it is now). Precondition: forecasts were made with `projection` at `nowMs`.
 */
export function liveTracksGeoJson(
  items: readonly { track: Track; forecast: TrackForecast }[],
  projection: LocalProjection,
  nowMs: number,
  trailMinutes = TRAIL_MINUTES,
): LiveTracks {
  const features: LiveTrackFeature[] = [];
  for (const { track, forecast: f } of items) {
    const at = (x: number, y: number): Position => {
      const p = projection.toLatLon({ x, y });
      return [round(p.lon), round(p.lat)];
    };
    const { x, y } = f.position;
    const reach = f.speed * HORIZON_MIN * 60 + 2 * f.positionSd;
    features.push({
      type: 'Feature',
      id: track.id,
      geometry: { type: 'Point', coordinates: at(x, y) },
      properties: {
        kind: 'track',
        track_id: track.id,
        aircraft: track.type,
        mode: f.mode,
        heading_deg: f.heading === undefined ? null : Math.round(f.heading),
        speed_mps: Math.round(f.speed),
        position_sd_m: Math.round(f.positionSd),
        sightings: track.sightings,
        last_seen: new Date(track.lastSeen).toISOString(),
      },
    });
    let ring: Position[];
    if (f.mode === 'cone' && f.heading !== undefined) {
      const half = Math.min(90, 2 * Math.hypot(f.headingSd ?? 0, PATH_SD_DEG));
      ring = [at(x, y)];
      for (let i = 0; i <= ARC_POINTS; i++) {
        const b = ((f.heading - half + (2 * half * i) / ARC_POINTS) * Math.PI) / 180;
        ring.push(at(x + reach * Math.sin(b), y + reach * Math.cos(b)));
      }
      ring.push(ring[0]!);
      ring.reverse(); // counterclockwise, as RFC 7946 asks of an outer ring
    } else {
      // Circling: it strikes under its circle; no heading: anywhere it can reach.
      const r = f.mode === 'circling' ? AIRCRAFT[track.type].circleRadius + 2 * f.positionSd : reach;
      ring = [];
      for (let i = 0; i < ARC_POINTS; i++) {
        const b = (2 * Math.PI * i) / ARC_POINTS;
        ring.push(at(x + r * Math.sin(b), y + r * Math.cos(b)));
      }
      ring.push(ring[0]!);
      ring.reverse();
    }
    const recent = track.trail.filter((p) => p.time >= nowMs - trailMinutes * 60_000);
    if (recent.length) {
      features.push({
        type: 'Feature',
        id: `${track.id}:trail`,
        geometry: { type: 'LineString', coordinates: [...recent.map((p) => at(p.x, p.y)), at(x, y)] },
        properties: { kind: 'trail', track_id: track.id, aircraft: track.type, since: new Date(recent[0]!.time).toISOString(), points: recent.length },
      });
    }
    features.push({
      type: 'Feature',
      id: `${track.id}:cone`,
      geometry: { type: 'Polygon', coordinates: [ring] },
      properties: { kind: 'cone', track_id: track.id, aircraft: track.type, mode: f.mode, horizon_min: HORIZON_MIN },
    });
  }
  return { type: 'FeatureCollection', at: new Date(nowMs).toISOString(), features };
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;
