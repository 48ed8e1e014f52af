// The roads of a graph as line segments for a map: each road once (a two-way street is two directed edges),
// classed by its speed, in integer coordinates. Made once per graph (a WeakMap), then cut to a box per request.
import { nodeLat, nodeLon, type RoadGraph } from '@civdef/router';

/** Coordinates to 1e-5 degree (about a metre): finer is invisible on a map and costs bytes. */
export const LINE_SCALE = 1e5;

export interface RoadLines {
  /** Per class 0..2: flat [lon1, lat1, lon2, lat2, ...] times LINE_SCALE. */
  readonly classes: readonly Int32Array[];
  readonly bounds: [number, number, number, number];
}

const cache = new WeakMap<RoadGraph, RoadLines>();

/** Road class of a speed in km/h: 2 arterials (>= 55), 1 main streets (>= 35), 0 the rest. Precondition: none. */
export function classOfSpeed(kmh: number): 0 | 1 | 2 {
  return kmh >= 55 ? 2 : kmh >= 35 ? 1 : 0;
}

function hasReverse(g: RoadGraph, u: number, v: number): boolean {
  for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) if (g.targets[e] === u) return true;
  return false;
}

/** Every road of g once, by class. Precondition: none (cached per graph object). */
export function roadLines(g: RoadGraph): RoadLines {
  const hit = cache.get(g);
  if (hit) return hit;
  const parts: number[][] = [[], [], []];
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (let u = 0; u < g.nodeCount; u++) {
    const lon = nodeLon(g, u), lat = nodeLat(g, u);
    if (lon < w) w = lon;
    if (lon > e) e = lon;
    if (lat < s) s = lat;
    if (lat > n) n = lat;
    for (let k = g.offsets[u]!; k < g.offsets[u + 1]!; k++) {
      const v = g.targets[k]!;
      // A two-way road is drawn from its lower node; a one-way road from wherever it starts.
      if (v < u && hasReverse(g, u, v)) continue;
      const kmh = (g.lengthM[k]! / Math.max(g.durationS[k]!, 1e-6)) * 3.6;
      parts[classOfSpeed(kmh)]!.push(
        Math.round(lon * LINE_SCALE), Math.round(lat * LINE_SCALE),
        Math.round(nodeLon(g, v) * LINE_SCALE), Math.round(nodeLat(g, v) * LINE_SCALE),
      );
    }
  }
  const lines: RoadLines = { classes: parts.map((p) => Int32Array.from(p)), bounds: g.nodeCount ? [w, s, e, n] : [0, 0, 0, 0] };
  cache.set(g, lines);
  return lines;
}

/** The lowest class drawn at a web-map zoom: arterials only below 11, main streets too below 13. Precondition: none. */
export function minClassAt(zoom: number | undefined): number {
  if (zoom === undefined) return 0;
  return zoom < 11 ? 2 : zoom < 13 ? 1 : 0;
}

/**
 * Segment lists per class (flat, 4 numbers a segment) cut to at most `max` segments: the minor classes go
 * first, whole, so what is left is a coarser map rather than a map with holes; only when the arterials alone
 * are too many are they cut. Precondition: classes indexed 0 (minor) .. n (major); max >= 0.
 */
export function capSegments(classes: readonly number[][], max: number): { classes: number[][]; truncated: boolean } {
  const out = classes.map((c) => c);
  let total = out.reduce((n, c) => n + c.length / 4, 0);
  let truncated = false;
  for (let c = 0; c < out.length - 1 && total > max; c++) {
    total -= out[c]!.length / 4;
    out[c] = [];
    truncated = true;
  }
  const top = out.length - 1;
  if (top >= 0 && total > max) {
    out[top] = out[top]!.slice(0, max * 4);
    truncated = true;
  }
  return { classes: out, truncated };
}

/** The segments of one class that touch a box (either end inside, or crossing it). Precondition: bbox west<east, south<north. */
export function clip(segments: Int32Array, bbox: [number, number, number, number] | undefined): number[] {
  if (!bbox) return Array.from(segments);
  const [w, s, e, n] = bbox.map((x) => Math.round(x * LINE_SCALE)) as [number, number, number, number];
  const out: number[] = [];
  for (let i = 0; i < segments.length; i += 4) {
    const x1 = segments[i]!, y1 = segments[i + 1]!, x2 = segments[i + 2]!, y2 = segments[i + 3]!;
    // The segment's own box overlapping the query box: cheap, and never drops a road that shows.
    if (Math.max(x1, x2) < w || Math.min(x1, x2) > e || Math.max(y1, y2) < s || Math.min(y1, y2) > n) continue;
    out.push(x1, y1, x2, y2);
  }
  return out;
}
