// The air picture the operations room draws: live aircraft with their forecast cones (GET
// /api/v1/warning/tracks) and the warned zones with the window each is warned for (GET /api/v1/alerts). Pure.

export interface AlertZoneWindow {
  id: string;
  name_en: string;
  name_ar: string;
  probability: number;
  earliest: string;
  latest: string;
}

/** An alert in force as GET /api/v1/alerts gives it (the fields the room uses). */
export interface AlertInForce {
  id: string;
  aircraft: string;
  track_id: string;
  zones: AlertZoneWindow[];
}

/** One live aircraft: where it is, where it heads, and the area it may strike (a closed ring of [lon, lat]). */
export interface LiveTrack {
  id: string;
  aircraft: string;
  mode: string;
  heading: number | null;
  lon: number;
  lat: number;
  lastSeen: string;
  cone: [number, number][] | null;
  /** Where it has flown, oldest first, ending where it is now; empty when the server sent none. */
  trail: [number, number][];
}

interface TrackFeature {
  id: string;
  geometry:
    | { type: 'Point'; coordinates: [number, number] }
    | { type: 'LineString'; coordinates: [number, number][] }
    | { type: 'Polygon'; coordinates: [number, number][][] };
  properties: Record<string, string | number | null>;
}

/** The tracks of the server's FeatureCollection, each with its cone and trail. Precondition: the route's shape. */
export function tracksOf(fc: { features: TrackFeature[] }): LiveTrack[] {
  const cones = new Map<string, [number, number][]>();
  const trails = new Map<string, [number, number][]>();
  for (const f of fc.features) {
    if (f.properties.kind === 'cone' && f.geometry.type === 'Polygon') cones.set(String(f.properties.track_id), f.geometry.coordinates[0]!);
    if (f.properties.kind === 'trail' && f.geometry.type === 'LineString') trails.set(String(f.properties.track_id), f.geometry.coordinates);
  }
  const out: LiveTrack[] = [];
  for (const f of fc.features) {
    if (f.properties.kind !== 'track' || f.geometry.type !== 'Point') continue;
    const p = f.properties;
    const [lon, lat] = f.geometry.coordinates;
    out.push({
      id: String(p.track_id),
      aircraft: String(p.aircraft),
      mode: String(p.mode),
      heading: typeof p.heading_deg === 'number' ? p.heading_deg : null,
      lon,
      lat,
      lastSeen: String(p.last_seen),
      cone: cones.get(String(p.track_id)) ?? null,
      trail: trails.get(String(p.track_id)) ?? [],
    });
  }
  return out;
}

/** Each warned zone once, with the widest window the alerts in force give it. Precondition: ISO times. */
export function zoneWindows(alerts: readonly AlertInForce[]): Map<string, { earliest: string; latest: string }> {
  const out = new Map<string, { earliest: string; latest: string }>();
  for (const a of alerts) {
    for (const z of a.zones) {
      const had = out.get(z.id);
      out.set(z.id, had
        ? { earliest: Date.parse(z.earliest) < Date.parse(had.earliest) ? z.earliest : had.earliest, latest: Date.parse(z.latest) > Date.parse(had.latest) ? z.latest : had.latest }
        : { earliest: z.earliest, latest: z.latest });
    }
  }
  return out;
}

/** Where to label a zone: the mean of its outer ring's corners (the closing point counted once). Precondition: a ring of 2+ points. */
export function labelPoint(ring: readonly [number, number][]): [number, number] {
  const pts = ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1] ? ring.slice(0, -1) : ring;
  const lon = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const lat = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  return [lon, lat];
}

/** INSARAG triage categories A (most to gain: live victims) to F (nothing left to do): a warm-to-cold scale. */
export const TRIAGE_COLOURS: Record<string, string> = {
  A: '#e12d39',
  B: '#ff6b00',
  C: '#f0b429',
  D: '#4dabf7',
  E: '#9775fa',
  F: '#868e96',
};

/**
 * Where to draw a worksite: its own position, else beside its incident, fanned out by its index so several
 * without a position do not hide each other (about 40 m apart). Precondition: none.
 */
export function worksiteSpot(ws: { lat: number | null; lon: number | null }, incident: { lat: number; lon: number }, index: number): [number, number] {
  if (ws.lat !== null && ws.lon !== null) return [ws.lon, ws.lat];
  const angle = (index * 2 * Math.PI) / 6;
  const d = 0.0004 * (1 + Math.floor(index / 6));
  return [incident.lon + (d * Math.cos(angle)) / Math.cos((incident.lat * Math.PI) / 180), incident.lat + d * Math.sin(angle)];
}

/** The k-th of n marks in a ring of radius r pixels around a point, starting north, clockwise. Precondition: 0 <= k < n. */
export function ringOffset(k: number, n: number, r: number): [number, number] {
  const a = (2 * Math.PI * k) / Math.max(1, n);
  return [r * Math.sin(a), -r * Math.cos(a)];
}
