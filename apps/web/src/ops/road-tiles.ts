// The roads the map draws, fetched by box as the view moves (GET /api/v1/map/roads?bbox=&zoom=) instead of
// the whole city at start. The world is cut into square tiles of a fixed grid per level, a tile about 512 px
// across on screen, so a view needs a handful of them and panning back finds them in the cache.

export type Bbox = [number, number, number, number];

/** One tile's roads by class, flat [lon1, lat1, lon2, lat2, ...] in degrees. */
export interface TileRoads {
  classes: Float64Array[];
}

/** The server's answer for a box (the fields the map uses). */
export interface RoadsAnswer {
  graph_id: string;
  scale: number;
  classes: { class: number; segments: number[] }[];
}

/** The tile level for a web-map zoom: a tile about 512 px across. Precondition: none. */
export function tileLevel(zoom: number): number {
  return Math.max(0, Math.min(20, Math.floor(zoom) - 1));
}

/** The zoom sent with a level's tiles: the server leaves out the classes too minor to draw at it. Precondition: none. */
export const zoomOfLevel = (level: number): number => Math.min(22, level + 1);

/** The tiles of a level covering a box, each with its key and its own box (clamped to the globe). Precondition: w < e, s < n. */
export function tilesCovering(bbox: Bbox, level: number): { key: string; bbox: Bbox }[] {
  const size = 360 / 2 ** level;
  const [w, s, e, n] = bbox;
  const x0 = Math.floor((Math.max(w, -180) + 180) / size), x1 = Math.ceil((Math.min(e, 180) + 180) / size);
  const y0 = Math.floor((Math.max(s, -90) + 90) / size), y1 = Math.ceil((Math.min(n, 90) + 90) / size);
  const out: { key: string; bbox: Bbox }[] = [];
  for (let y = y0; y < Math.max(y1, y0 + 1); y++) {
    for (let x = x0; x < Math.max(x1, x0 + 1); x++) {
      const tw = -180 + x * size, ts = -90 + y * size;
      out.push({ key: `${level}/${x}/${y}`, bbox: [tw, ts, Math.min(tw + size, 180), Math.min(ts + size, 90)] });
    }
  }
  return out;
}

/** Degrees from the server's integer segments. Precondition: segments are coordinates times scale. */
export function toDegrees(answer: RoadsAnswer): TileRoads {
  const classes: Float64Array[] = [];
  for (const c of answer.classes) classes[c.class] = Float64Array.from(c.segments, (x) => x / answer.scale);
  for (let i = 0; i < classes.length; i++) classes[i] ??= new Float64Array(0);
  return { classes };
}

const RETRY_MS = 5_000;

export interface TileOptions {
  /** How long the view must rest before missing tiles are asked for, ms (a wheel zoom passes many levels). */
  settleMs?: number;
  /** Tiles kept; the least recently drawn go first. */
  maxTiles?: number;
}

/** A cache of road tiles. Precondition: load answers GET /api/v1/map/roads for a box and zoom. */
export class RoadTiles {
  private readonly tiles = new Map<string, TileRoads>();
  private readonly loading = new Set<string>();
  /** When a tile's request last failed: it is not asked again for RETRY_MS (a refusal would repeat at once). */
  private readonly failed = new Map<string, number>();
  private wanted: { key: string; bbox: Bbox; zoom: number }[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private graph: string | null = null;
  /** Requests made, for tests and the README's figures. */
  requests = 0;

  constructor(
    private readonly load: (bbox: Bbox, zoom: number) => Promise<RoadsAnswer>,
    private readonly onLoaded: () => void,
    private readonly o: TileOptions = {},
  ) {}

  /**
   * The cached tiles covering the view at its zoom, and whether any are still missing (they are asked for
   * once the view rests). Precondition: view is [west, south, east, north].
   */
  visible(view: Bbox, zoom: number): { tiles: TileRoads[]; complete: boolean } {
    const level = tileLevel(zoom);
    const out: TileRoads[] = [];
    const missing: { key: string; bbox: Bbox; zoom: number }[] = [];
    const cover = tilesCovering(view, level);
    for (const t of cover) {
      const hit = this.tiles.get(t.key);
      if (hit) {
        // Drawn now: last to be evicted.
        this.tiles.delete(t.key);
        this.tiles.set(t.key, hit);
        out.push(hit);
      } else if (!this.loading.has(t.key) && !(Date.now() - (this.failed.get(t.key) ?? -Infinity) < RETRY_MS)) {
        missing.push({ ...t, zoom: zoomOfLevel(level) });
      }
    }
    // The same tiles wanted again (a redraw for a live event, not a move): the rest already counting goes on.
    const same = missing.length === this.wanted.length && missing.every((m, i) => m.key === this.wanted[i]!.key);
    if (!same || this.timer === undefined) {
      this.wanted = missing;
      clearTimeout(this.timer);
      this.timer = missing.length ? setTimeout(() => this.fetchWanted(), this.o.settleMs ?? 120) : undefined;
    }
    return { tiles: out, complete: out.length === cover.length };
  }

  private fetchWanted(): void {
    this.timer = undefined;
    for (const t of this.wanted.splice(0)) {
      if (this.loading.has(t.key) || this.tiles.has(t.key)) continue;
      this.loading.add(t.key);
      this.requests++;
      this.load(t.bbox, t.zoom)
        .then((answer) => {
          // A new map was imported: every tile held is of the old one.
          if (this.graph !== null && answer.graph_id !== this.graph) this.tiles.clear();
          this.graph = answer.graph_id;
          this.tiles.set(t.key, toDegrees(answer));
          const max = this.o.maxTiles ?? 256;
          for (const k of this.tiles.keys()) {
            if (this.tiles.size <= max) break;
            this.tiles.delete(k);
          }
        })
        .catch(() => this.failed.set(t.key, Date.now()))
        .finally(() => {
          this.loading.delete(t.key);
          this.onLoaded();
        });
    }
  }
}
