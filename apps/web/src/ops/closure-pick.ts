// Which closure a click on the map means, and stepping through closures from the keyboard. Pure: the map
// passes its own projection, so hits are measured in screen pixels whatever the zoom.
import type { Closure } from './store.js';

type Project = (lon: number, lat: number) => [number, number];

/** Distance in pixels from p to the segment a-b. Precondition: none. */
export function segmentDistance(p: [number, number], a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const k = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + k * dx), p[1] - (a[1] + k * dy));
}

/** Whether p is inside the ring (even-odd rule; the ring may or may not repeat its first point). Precondition: none. */
export function insideRing(p: [number, number], ring: readonly [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!, [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * The closure under a click: inside its polygon or circle, or within tolPx of a road it cuts. The first of
 * the list wins (the server lists the newest first: the one drawn on top). Precondition: lines are flat
 * [lon1, lat1, lon2, lat2, ...] in degrees, keyed by closure id.
 */
export function closureAt(
  closures: readonly Closure[],
  lines: ReadonlyMap<string, readonly number[]>,
  click: [number, number],
  project: Project,
  tolPx = 8,
): string | null {
  for (const c of closures) {
    if (c.target.polygon && insideRing(click, c.target.polygon.map(([lon, lat]) => project(lon, lat)))) return c.id;
    if (c.target.circle) {
      const { lon, lat, radius_m } = c.target.circle;
      const centre = project(lon, lat);
      // Pixels per metre from the projection itself: one metre north is 1/111320 of a degree.
      const ppm = Math.abs(project(lon, lat + 1 / 111_320)[1] - centre[1]);
      if (Math.hypot(click[0] - centre[0], click[1] - centre[1]) <= Math.max(radius_m * ppm, 4) + tolPx) return c.id;
    }
    const s = lines.get(c.id) ?? [];
    for (let i = 0; i + 3 < s.length; i += 4) {
      if (segmentDistance(click, project(s[i]!, s[i + 1]!), project(s[i + 2]!, s[i + 3]!)) <= tolPx) return c.id;
    }
  }
  return null;
}

/** The closure `by` steps from the selected one (wrapping), or the first when none is selected. Precondition: none. */
export function stepClosure(closures: readonly { id: string }[], selected: string | null, by: number): string | null {
  if (!closures.length) return null;
  const at = closures.findIndex((c) => c.id === selected);
  if (at < 0) return closures[by >= 0 ? 0 : closures.length - 1]!.id;
  return closures[(at + by + closures.length * Math.abs(by)) % closures.length]!.id;
}
