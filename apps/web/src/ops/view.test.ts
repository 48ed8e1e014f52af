import { describe, expect, it } from 'vitest';
import { fit, pan, toScreen, toWorld, viewBounds, webZoom, zoomAt } from './view.js';

const bounds = [37.1, 36.17, 37.2, 36.23] as const;

describe('map view', () => {
  it('fits the bounds inside the screen', () => {
    const v = fit(bounds, 800, 600);
    for (const [lon, lat] of [[37.1, 36.17], [37.2, 36.23]] as const) {
      const [x, y] = toScreen(v, lon, lat);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(800);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(600);
    }
    const [cx, cy] = toScreen(v, 37.15, 36.2);
    expect(cx).toBeCloseTo(400);
    expect(cy).toBeCloseTo(300);
  });

  it('round-trips screen and world', () => {
    const v = fit(bounds, 800, 600);
    const [lon, lat] = toWorld(v, 123, 456);
    const [x, y] = toScreen(v, lon, lat);
    expect(x).toBeCloseTo(123, 6);
    expect(y).toBeCloseTo(456, 6);
  });

  it('zooms about the pointer and pans with the drag', () => {
    const v = fit(bounds, 800, 600);
    const before = toWorld(v, 200, 100);
    const z = zoomAt(v, 2, 200, 100);
    const after = toWorld(z, 200, 100);
    expect(after[0]).toBeCloseTo(before[0], 9);
    expect(after[1]).toBeCloseTo(before[1], 9);
    expect(webZoom(z) - webZoom(v)).toBeCloseTo(1, 6);
    const p = pan(v, 50, -20);
    const [x, y] = toScreen(p, v.lon, v.lat);
    expect(x).toBeCloseTo(450);
    expect(y).toBeCloseTo(280);
  });

  it('gives the box it shows, wider than the bounds it was fitted to by the margin', () => {
    const v = fit(bounds, 800, 600);
    const [w, s, e, n] = viewBounds(v);
    expect(w).toBeLessThan(37.1);
    expect(e).toBeGreaterThan(37.2);
    expect(s).toBeLessThanOrEqual(36.17);
    expect(n).toBeGreaterThanOrEqual(36.23);
    expect(toScreen(v, w, n)[0]).toBeCloseTo(0);
    expect(toScreen(v, e, s)[1]).toBeCloseTo(600);
  });
});
