// The map, drawn on a canvas from our own road lines: no tiles, no outside server. Drag pans, the wheel
// zooms about the pointer, a click reports the point under it.
import { ageAlpha, KIND_COLOURS, STATUS_COLOURS } from './colours.js';
import { drawAircraft, drawClosureLines, drawCones, drawField, drawTrails, drawWindows, drawWorksites } from './layers.js';
import type { Store } from './store.js';
import { api } from '../api/client.js';
import { RoadTiles, type RoadsAnswer } from './road-tiles.js';
import { fit, pan, toScreen, toWorld, viewBounds, webZoom, zoomAt, type View } from './view.js';

export interface Overlay {
  /** Route lines, [lon, lat] positions. */
  routes: { coords: [number, number][]; primary: boolean }[];
  /** The polygon being drawn. */
  drawing: [number, number][];
  /** Points picked for a route. */
  marks: [number, number][];
  selected: string | null;
  /** The selected closure, outlined. */
  closure: string | null;
}

const ROAD_STYLE = [
  { colour: '#3a4350', width: 1, minZoom: 13 },
  { colour: '#5b6675', width: 1.6, minZoom: 11 },
  { colour: '#8a96a6', width: 2.6, minZoom: 0 },
];

export class MapCanvas {
  readonly canvas = document.createElement('canvas');
  private view: View | null = null;
  private pending = false;
  private drag: { x: number; y: number; moved: boolean } | null = null;
  private readonly tiles = new RoadTiles((bbox, zoom) => api<RoadsAnswer>(`/api/v1/map/roads?bbox=${bbox.join(',')}&zoom=${zoom}`), () => this.redraw());

  constructor(
    private readonly store: Store,
    private readonly overlay: () => Overlay,
    private readonly onPick: (lon: number, lat: number, x: number, y: number) => void,
  ) {
    this.canvas.setAttribute('data-testid', 'map');
    this.canvas.tabIndex = 0;
    this.canvas.addEventListener('pointerdown', (e) => {
      this.drag = { x: e.offsetX, y: e.offsetY, moved: false };
      this.canvas.setPointerCapture(e.pointerId);
    });
    this.canvas.addEventListener('pointermove', (e) => {
      if (!this.drag || !this.view) return;
      const dx = e.offsetX - this.drag.x, dy = e.offsetY - this.drag.y;
      if (!this.drag.moved && Math.hypot(dx, dy) < 4) return;
      this.drag = { x: e.offsetX, y: e.offsetY, moved: true };
      this.view = pan(this.view, dx, dy);
      this.redraw();
    });
    this.canvas.addEventListener('pointerup', (e) => {
      const wasDrag = this.drag?.moved;
      this.drag = null;
      if (!wasDrag && this.view) {
        const [lon, lat] = toWorld(this.view, e.offsetX, e.offsetY);
        this.onPick(lon, lat, e.offsetX, e.offsetY);
      }
    });
    this.canvas.addEventListener('wheel', (e) => {
      e.preventDefault();
      if (!this.view) return;
      this.view = zoomAt(this.view, Math.exp(-e.deltaY / 500), e.offsetX, e.offsetY);
      this.redraw();
    }, { passive: false });
    new ResizeObserver(() => this.resize()).observe(this.canvas);
  }

  /** Screen position of a point (for tests and tooltips). Precondition: the map has been drawn once. */
  screenOf(lon: number, lat: number): [number, number] {
    return this.view ? toScreen(this.view, lon, lat) : [0, 0];
  }

  private resize(): void {
    const w = this.canvas.clientWidth, h = this.canvas.clientHeight;
    if (w === 0 || h === 0) return;
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
    if (!this.view && this.store.roads) this.view = fit(this.store.roads.bounds, w, h);
    else if (this.view) this.view = { ...this.view, width: w, height: h };
    this.redraw();
  }

  /** Draws again on the next frame. Precondition: none. */
  redraw(): void {
    if (!this.view && this.store.roads && this.canvas.clientWidth > 0) this.view = fit(this.store.roads.bounds, this.canvas.clientWidth, this.canvas.clientHeight);
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.draw();
    });
  }

  /**
   * The roads of the tiles covering the view (fetched as it moves, kept in a cache), each class in its style
   * when zoomed in enough; while tiles load, the city's arterials from the first answer stand in.
   */
  private drawRoads(g: CanvasRenderingContext2D, v: View): void {
    const zoom = webZoom(v);
    const { tiles, complete } = this.tiles.visible(viewBounds(v), zoom);
    const overview = this.store.roads;
    for (let c = 0; c < ROAD_STYLE.length; c++) {
      const style = ROAD_STYLE[c]!;
      if (zoom < style.minZoom) continue;
      g.strokeStyle = style.colour;
      g.lineWidth = style.width;
      g.beginPath();
      const add = (s: ArrayLike<number>, k: number) => {
        for (let i = 0; i + 3 < s.length; i += 4) {
          const [x1, y1] = toScreen(v, s[i]! / k, s[i + 1]! / k);
          const [x2, y2] = toScreen(v, s[i + 2]! / k, s[i + 3]! / k);
          g.moveTo(x1, y1);
          g.lineTo(x2, y2);
        }
      };
      for (const t of tiles) add(t.classes[c] ?? [], 1);
      if (!complete && overview) for (const oc of overview.classes) if (oc.class === c) add(oc.segments, overview.scale);
      g.stroke();
    }
  }

  private draw(): void {
    const v = this.view;
    const g = this.canvas.getContext('2d');
    if (!v || !g) return;
    const dpr = this.canvas.width / Math.max(1, v.width);
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = '#0b0e12';
    g.fillRect(0, 0, v.width, v.height);
    const o = this.overlay();
    const line = (coords: [number, number][], close = false) => {
      g.beginPath();
      coords.forEach(([lon, lat], i) => {
        const [x, y] = toScreen(v, lon, lat);
        if (i === 0) g.moveTo(x, y);
        else g.lineTo(x, y);
      });
      if (close) g.closePath();
    };

    // Zones under everything; warned ones filled.
    for (const z of this.store.zones) {
      for (const ring of z.rings) {
        line(ring, true);
        if (this.store.warned.has(z.id)) {
          g.fillStyle = 'rgba(225,45,57,0.22)';
          g.fill();
        }
        g.strokeStyle = '#26313d';
        g.lineWidth = 1;
        g.stroke();
      }
    }

    drawWindows(g, v, this.store);

    this.drawRoads(g, v);

    drawClosureLines(g, v, this.store, o.closure);
    for (const c of this.store.closures) {
      g.fillStyle = c.kind === 'closure' ? 'rgba(255,80,0,0.35)' : 'rgba(240,180,41,0.3)';
      g.strokeStyle = c.kind === 'closure' ? '#ff5000' : '#f0b429';
      g.lineWidth = 2;
      if (c.target.polygon) line(c.target.polygon, true);
      else if (c.target.circle) {
        const { lat, lon, radius_m } = c.target.circle;
        const [x, y] = toScreen(v, lon, lat);
        g.beginPath();
        g.arc(x, y, Math.max(4, (radius_m / 111_320) * v.ppd), 0, 2 * Math.PI);
      } else continue;
      g.fill();
      if (c.id === o.closure) {
        g.strokeStyle = '#fff';
        g.lineWidth = 4;
      }
      g.stroke();
    }

    for (const r of o.routes) {
      line(r.coords);
      g.strokeStyle = r.primary ? '#4dabf7' : 'rgba(77,171,247,0.5)';
      g.lineWidth = r.primary ? 4 : 2;
      g.setLineDash(r.primary ? [] : [6, 4]);
      g.stroke();
      g.setLineDash([]);
    }

    drawCones(g, v, this.store);
    drawTrails(g, v, this.store);

    // Centres as white diamonds, hospitals as crosses (green; grey for a morgue).
    for (const c of this.store.centres) {
      const [x, y] = toScreen(v, c.lon, c.lat);
      g.fillStyle = '#e9ecef';
      g.beginPath();
      g.moveTo(x, y - 8);
      g.lineTo(x + 8, y);
      g.lineTo(x, y + 8);
      g.lineTo(x - 8, y);
      g.closePath();
      g.fill();
    }
    for (const p of this.store.hospitals) {
      const [x, y] = toScreen(v, p.lon, p.lat);
      g.fillStyle = p.kind === 'morgue' ? '#868e96' : '#3ebd93';
      g.fillRect(x - 7, y - 2.5, 14, 5);
      g.fillRect(x - 2.5, y - 7, 5, 14);
    }

    const now = Date.now();
    for (const i of this.store.incidents.values()) {
      const [x, y] = toScreen(v, i.lon, i.lat);
      g.globalAlpha = i.status === 'closed' ? 0.3 : ageAlpha(now - Date.parse(i.occurred_at));
      g.fillStyle = KIND_COLOURS[i.kind] ?? '#adb5bd';
      g.beginPath();
      g.arc(x, y, 5 + i.severity, 0, 2 * Math.PI);
      g.fill();
      g.globalAlpha = 1;
      if (i.id === o.selected) {
        g.strokeStyle = '#fff';
        g.lineWidth = 2;
        g.beginPath();
        g.arc(x, y, 9 + i.severity, 0, 2 * Math.PI);
        g.stroke();
      }
    }

    drawWorksites(g, v, this.store);
    drawField(g, v, this.store);

    for (const u of this.store.units.values()) {
      const [x, y] = toScreen(v, u.lon, u.lat);
      g.fillStyle = STATUS_COLOURS[u.status] ?? '#adb5bd';
      g.fillRect(x - 5, y - 5, 10, 10);
      g.strokeStyle = '#000';
      g.lineWidth = 1;
      g.strokeRect(x - 5, y - 5, 10, 10);
    }

    drawAircraft(g, v, this.store); // on top: the most urgent thing on the map

    g.fillStyle = '#fff';
    for (const [lon, lat] of o.marks) {
      const [x, y] = toScreen(v, lon, lat);
      g.beginPath();
      g.arc(x, y, 5, 0, 2 * Math.PI);
      g.fill();
    }
    if (o.drawing.length) {
      line(o.drawing, o.drawing.length > 2);
      g.strokeStyle = '#ff5000';
      g.lineWidth = 2;
      g.setLineDash([4, 3]);
      g.stroke();
      g.setLineDash([]);
    }
  }
}
