// The map's view: a centre and a scale, and the conversions between screen pixels and degrees. A city is
// small enough for a local equirectangular projection (east-west shrunk by the cosine of the latitude).

export interface View {
  lon: number;
  lat: number;
  /** Screen pixels per degree of latitude. */
  ppd: number;
  width: number;
  height: number;
  /** The latitude whose cosine shrinks east-west: fixed per map, so zooming and panning stay exact. */
  refLat: number;
}

const kx = (v: View) => v.ppd * Math.cos((v.refLat * Math.PI) / 180);

/** Screen position of a point. Precondition: none. */
export function toScreen(v: View, lon: number, lat: number): [number, number] {
  return [(lon - v.lon) * kx(v) + v.width / 2, v.height / 2 - (lat - v.lat) * v.ppd];
}

/** The point under a screen position. Precondition: none. */
export function toWorld(v: View, x: number, y: number): [number, number] {
  return [v.lon + (x - v.width / 2) / kx(v), v.lat - (y - v.height / 2) / v.ppd];
}

/** A view showing bounds [west, south, east, north] whole, with a margin. Precondition: width, height > 0. */
export function fit(bounds: readonly [number, number, number, number], width: number, height: number, margin = 0.05): View {
  const [w, s, e, n] = bounds;
  const lat = (s + n) / 2;
  const cos = Math.cos((lat * Math.PI) / 180);
  const ppd = Math.min(width / Math.max((e - w) * cos, 1e-9), height / Math.max(n - s, 1e-9)) * (1 - 2 * margin);
  return { lon: (w + e) / 2, lat, ppd, width, height, refLat: lat };
}

/** The view zoomed by factor, keeping the point under (x, y) still. Precondition: factor > 0. */
export function zoomAt(v: View, factor: number, x: number, y: number): View {
  const [lon, lat] = toWorld(v, x, y);
  const z = { ...v, ppd: Math.min(Math.max(v.ppd * factor, 100), 1e7) };
  const [lon2, lat2] = toWorld(z, x, y);
  return { ...z, lon: z.lon + lon - lon2, lat: z.lat + lat - lat2 };
}

/** The view moved by a drag of (dx, dy) pixels. Precondition: none. */
export function pan(v: View, dx: number, dy: number): View {
  return { ...v, lon: v.lon - dx / kx(v), lat: v.lat + dy / v.ppd };
}

/** The web-map zoom level that shows about as much (for the server's road classes). Precondition: none. */
export function webZoom(v: View): number {
  const metresPerPixel = 111_320 / v.ppd;
  return Math.log2((156_543 * Math.cos((v.refLat * Math.PI) / 180)) / metresPerPixel);
}

/** The box the view shows: [west, south, east, north] in degrees. Precondition: width, height > 0. */
export function viewBounds(v: View): [number, number, number, number] {
  const [w, n] = toWorld(v, 0, 0);
  const [e, s] = toWorld(v, v.width, v.height);
  return [w, s, e, n];
}
