// The map's layers for the air picture, worksites and closed roads: drawn on the canvas's context in the
// map's view, from what the store holds. Split from map-canvas.ts to keep each file to one concern.
import { formatTime } from '../i18n/i18n.js';
import { labelPoint, ringOffset, TRIAGE_COLOURS, worksiteSpot } from './air.js';
import { START_COLOURS } from './field-feed.js';
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

/** Strokes flat [lon1, lat1, lon2, lat2, ...] segments in degrees with the current style. Precondition: none. */
export function strokeSegments(g: CanvasRenderingContext2D, v: View, s: readonly number[]): void {
  g.beginPath();
  for (let i = 0; i + 3 < s.length; i += 4) {
    const [x1, y1] = toScreen(v, s[i]!, s[i + 1]!);
    const [x2, y2] = toScreen(v, s[i + 2]!, s[i + 3]!);
    g.moveTo(x1, y1);
    g.lineTo(x2, y2);
  }
  g.stroke();
}

/**
 * The roads each closure cuts (a street closed by name has no other shape), thick, under its area if it has
 * one; the selected closure's with a white casing. Precondition: none.
 */
export function drawClosureLines(g: CanvasRenderingContext2D, v: View, store: Store, selected: string | null): void {
  for (const c of store.closures) {
    const s = store.closureLines.get(c.id);
    if (!s?.length) continue;
    if (c.id === selected) {
      g.strokeStyle = '#fff';
      g.lineWidth = 8;
      strokeSegments(g, v, s);
    }
    g.strokeStyle = c.kind === 'closure' ? '#ff5000' : '#f0b429';
    g.lineWidth = 4;
    strokeSegments(g, v, s);
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

/** Where each aircraft has flown: a thin yellow line through its estimates, a dot at each, older ones fainter. Precondition: none. */
export function drawTrails(g: CanvasRenderingContext2D, v: View, store: Store): void {
  for (const tr of store.tracks) {
    if (tr.trail.length < 2) continue;
    const pts = tr.trail.map(([lon, lat]) => toScreen(v, lon, lat));
    g.strokeStyle = 'rgba(255,212,59,0.7)';
    g.lineWidth = 2;
    g.setLineDash([2, 3]);
    g.beginPath();
    pts.forEach(([x, y], i) => (i ? g.lineTo(x, y) : g.moveTo(x, y)));
    g.stroke();
    g.setLineDash([]);
    // The last point is where it is now, under its mark: the dots are the past sightings.
    pts.slice(0, -1).forEach(([x, y], i) => {
      g.globalAlpha = 0.55 + (0.45 * (i + 1)) / (pts.length - 1);
      g.fillStyle = '#ffd43b';
      g.beginPath();
      g.arc(x, y, 2.5, 0, 2 * Math.PI);
      g.fill();
    });
    g.globalAlpha = 1;
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

/**
 * Supply requests where they were made (a cyan box), and the selected incident's victims as small dots in
 * their START colour in a ring around their worksite (a victim has no position of its own). Precondition: none.
 */
export function drawField(g: CanvasRenderingContext2D, v: View, store: Store): void {
  for (const r of store.field.requests ?? []) {
    if (r.lat === null || r.lon === null) continue;
    const [x, y] = toScreen(v, r.lon, r.lat);
    g.fillStyle = '#22b8cf';
    g.fillRect(x - 6, y - 6, 12, 12);
    g.strokeStyle = '#000';
    g.lineWidth = 1.5;
    g.strokeRect(x - 6, y - 6, 12, 12);
    g.beginPath();
    g.moveTo(x - 6, y);
    g.lineTo(x + 6, y);
    g.stroke();
  }
  const incident = store.field.incident ? store.incidents.get(store.field.incident) : undefined;
  if (!incident) return;
  const sites = store.worksites.get(incident.id) ?? [];
  const byWorksite = new Map<string, typeof store.field.victims>();
  for (const victim of store.field.victims) byWorksite.set(victim.worksite_id, [...(byWorksite.get(victim.worksite_id) ?? []), victim]);
  sites.forEach((ws, i) => {
    const victims = byWorksite.get(ws.id);
    if (!victims) return;
    const [cx, cy] = toScreen(v, ...worksiteSpot(ws, incident, i));
    victims.forEach((victim, k) => {
      const [dx, dy] = ringOffset(k, victims.length, 13);
      g.beginPath();
      g.arc(cx + dx, cy + dy, 3.5, 0, 2 * Math.PI);
      g.fillStyle = START_COLOURS[victim.start_colour];
      g.fill();
      g.strokeStyle = '#000';
      g.lineWidth = 1;
      g.stroke();
    });
  });
}
