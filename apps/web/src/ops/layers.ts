// The map's layers for the air picture, worksites and closed roads: drawn on the canvas's context in the
// map's view, from what the store holds. Split from map-canvas.ts to keep each file to one concern.
import { formatTime } from '../i18n/i18n.js';
import { labelPoint, TRIAGE_COLOURS, worksiteSpot } from './air.js';
import type { Store } from './store.js';
import { toScreen, webZoom, type View } from './view.js';

function path(g: CanvasRenderingContext2D, v: View, ring: readonly [number, number][]): void {
  g.beginPath();
  ring.forEach(([lon, lat], i) => {
    const [x, y] = toScreen(v, lon, lat);
    if (i === 0) g.moveTo(x, y);
    else g.lineTo(x, y);
  });
  g.closePath();
}

/** The roads each closure cuts (a street closed by name has no other shape), thick, under its area if it has one. Precondition: none. */
export function drawClosureLines(g: CanvasRenderingContext2D, v: View, store: Store): void {
  for (const c of store.closures) {
    const s = store.closureLines.get(c.id);
    if (!s?.length) continue;
    g.strokeStyle = c.kind === 'closure' ? '#ff5000' : '#f0b429';
    g.lineWidth = 4;
    g.beginPath();
    for (let i = 0; i < s.length; i += 4) {
      const [x1, y1] = toScreen(v, s[i]!, s[i + 1]!);
      const [x2, y2] = toScreen(v, s[i + 2]!, s[i + 3]!);
      g.moveTo(x1, y1);
      g.lineTo(x2, y2);
    }
    g.stroke();
  }
}

/** Each warned zone's window ("10:05–10:09") at its middle, when zoomed in enough to read. Precondition: none. */
export function drawWindows(g: CanvasRenderingContext2D, v: View, store: Store): void {
  if (webZoom(v) < 12) return;
  g.font = '600 12px system-ui, sans-serif';
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  for (const z of store.zones) {
    const w = store.windows.get(z.id);
    if (!w || !z.rings[0]) continue;
    const [x, y] = toScreen(v, ...labelPoint(z.rings[0]));
    const text = `${formatTime(new Date(w.earliest))}–${formatTime(new Date(w.latest))}`;
    g.lineWidth = 3;
    g.strokeStyle = '#000';
    g.strokeText(text, x, y);
    g.fillStyle = '#ffc9c9';
    g.fillText(text, x, y);
  }
}

/** Forecast cones: amber, dashed, under the places and marks. Precondition: none. */
export function drawCones(g: CanvasRenderingContext2D, v: View, store: Store): void {
  for (const tr of store.tracks) {
    if (!tr.cone) continue;
    path(g, v, tr.cone);
    g.fillStyle = 'rgba(240,180,41,0.14)';
    g.fill();
    g.strokeStyle = '#f0b429';
    g.lineWidth = 1.5;
    g.setLineDash([6, 4]);
    g.stroke();
    g.setLineDash([]);
  }
}

/** The aircraft: a triangle pointing along the heading (grey when the heading is unknown). Precondition: none. */
export function drawAircraft(g: CanvasRenderingContext2D, v: View, store: Store): void {
  for (const tr of store.tracks) {
    const [x, y] = toScreen(v, tr.lon, tr.lat);
    g.save();
    g.translate(x, y);
    g.rotate(((tr.heading ?? 0) * Math.PI) / 180); // compass degrees: clockwise from north, as the canvas turns
    g.beginPath();
    g.moveTo(0, -11);
    g.lineTo(7, 8);
    g.lineTo(0, 4);
    g.lineTo(-7, 8);
    g.closePath();
    g.fillStyle = tr.heading === null ? '#adb5bd' : '#ffd43b';
    g.fill();
    g.strokeStyle = '#000';
    g.lineWidth = 1;
    g.stroke();
    g.restore();
  }
}

/** Worksites as small squares in their triage category's colour, with the letter, beside their incident. Precondition: none. */
export function drawWorksites(g: CanvasRenderingContext2D, v: View, store: Store): void {
  g.font = '700 10px system-ui, sans-serif';
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  for (const [incidentId, sites] of store.worksites) {
    const incident = store.incidents.get(incidentId);
    if (!incident) continue;
    sites.forEach((ws, i) => {
      const [x, y] = toScreen(v, ...worksiteSpot(ws, incident, i));
      g.globalAlpha = ws.status === 'closed' ? 0.4 : 1;
      g.fillStyle = ws.triage_category ? TRIAGE_COLOURS[ws.triage_category] ?? '#adb5bd' : '#495057';
      g.fillRect(x - 7, y - 7, 14, 14);
      g.strokeStyle = '#fff';
      g.lineWidth = 1;
      g.strokeRect(x - 7, y - 7, 14, 14);
      g.fillStyle = '#fff';
      g.fillText(ws.triage_category ?? '?', x, y + 0.5);
      g.globalAlpha = 1;
    });
  }
}
