import { describe, expect, it } from 'vitest';
import { buildPrior } from '../prior/prior.js';
import { city, sightingAt, T0, zoneNear } from '../test-support/scenario.js';
import { observe } from '../tracks/observation.js';
import { Tracker } from '../tracks/tracker.js';
import { forecastTrack } from './forecast.js';

const { set, prior } = city();

/** A helicopter seen each minute flying north along x = 0 from y = yKm0, with headings reported. */
function northbound(yKm0: number, minutes: number) {
  const tracker = new Tracker({ cityRadius: set.radius });
  for (let m = 0; m < minutes; m++) tracker.observe(observe(sightingAt(set, m, { x: 0, y: (yKm0 + 3.33 * m) * 1000 }, { heading_deg: 0 }), set.projection));
  return tracker.live()[0]!;
}

describe('forecastTrack', () => {
  it('ranks the zones ahead of a helicopter above those behind and beside it, with arrival windows', () => {
    const track = northbound(-9, 3);
    const now = T0 + 2 * 60_000;
    const f = forecastTrack(track, now, set, prior);
    expect(f.mode).toBe('cone');
    expect(Math.abs(f.heading! - 0) < 10 || Math.abs(f.heading! - 360) < 10).toBe(true);
    const ahead = zoneNear(set, { x: 0, y: 1000 });
    const behind = zoneNear(set, { x: 0, y: -5500 });
    const beside = zoneNear(set, { x: -5000, y: -2500 });
    const p = (z: number) => f.zones.find((x) => x.zone === z)?.probability ?? 0;
    expect(p(ahead)).toBeGreaterThan(5 * p(behind));
    expect(p(ahead)).toBeGreaterThan(5 * p(beside));
    expect(f.zones.reduce((s, z) => s + z.probability, 0)).toBeLessThanOrEqual(1 + 1e-9);
    // The zone 3.7 km ahead is about 67 s away at 200 km/h.
    const w = f.zones.find((x) => x.zone === ahead)!;
    expect(w.earliest).toBeLessThanOrEqual(now + 67_000);
    expect(w.latest).toBeGreaterThanOrEqual(now + 67_000);
    expect(w.latest).toBeLessThan(now + 10 * 60_000);
  });

  it('weighs the city near and far along the heading by the prior alone, not by how wide the cone is there', () => {
    // Heading north from 16 km south over a uniform prior: the row of zones 3 km south of the centre and the
    // row 3 km north of it lie across the same line, so either is as likely to hold the target. A cone weighed
    // per square metre (no 1/d for the width of its arc) put 1.8 times as much on the far row.
    const track = northbound(-16, 3);
    const f = forecastTrack(track, T0 + 2 * 60_000, set, prior);
    const row = (y: number) => f.zones.filter((z) => Math.abs(set.zones[z.zone]!.centre.y - y) < 800).reduce((s, z) => s + z.probability, 0);
    const ratio = row(3000) / row(-3000);
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(1.3);
  });

  it('puts most of the forecast on the city for an aircraft inbound from far out, by the prior, and little for one passing by', () => {
    // A jet 37 km south, flying north: its cone reaches far past the city, but the city is where strikes fall.
    const jet = new Tracker({ cityRadius: set.radius });
    for (let m = 0; m < 3; m++) jet.observe(observe(sightingAt(set, m, { x: 0, y: (-60 + 11.67 * m) * 1000 }, { heading_deg: 0, aircraft: 'jet' }), set.projection));
    const now = T0 + 2 * 60_000;
    const inbound = forecastTrack(jet.live()[0]!, now, set, prior);
    expect(inbound.zones.reduce((s, z) => s + z.probability, 0)).toBeGreaterThan(0.6);
    const tracker = new Tracker({ cityRadius: set.radius });
    // 25 km south, flying east across: its cone misses the city.
    for (let m = 0; m < 3; m++) tracker.observe(observe(sightingAt(set, m, { x: (-5 + 3.33 * m) * 1000, y: -25_000 }, { heading_deg: 90 }), set.projection));
    const passing = forecastTrack(tracker.live()[0]!, now, set, prior);
    expect(passing.zones.reduce((s, z) => s + z.probability, 0)).toBeLessThan(0.1);
  });

  it('weighs zones by the prior: of two zones on the path, the one where strikes fell before wins', () => {
    const track = northbound(-9, 3);
    const now = T0 + 2 * 60_000;
    const near = zoneNear(set, { x: 0, y: 0 });
    const far = zoneNear(set, { x: 0, y: 4500 });
    const base = forecastTrack(track, now, set, prior);
    const p = (f: typeof base, z: number) => f.zones.find((x) => x.zone === z)?.probability ?? 0;
    const farCentre = set.projection.toLatLon(set.zones[far]!.centre);
    const hot = buildPrior(set, Array.from({ length: 50 }, () => ({ ...farCentre, time: T0 - 86_400_000 })), { now: T0 });
    const weighted = forecastTrack(track, now, set, hot);
    expect(p(weighted, far)).toBeGreaterThan(p(base, far) * 3);
    expect(p(weighted, far)).toBeGreaterThan(p(weighted, near));
  });

  it('warns the zones under a circling aircraft, from now', () => {
    const tracker = new Tracker({ cityRadius: set.radius });
    const centre = { x: 2000, y: 2000 };
    for (let k = 0; k < 6; k++) {
      const a = (k / 6) * 2 * Math.PI;
      const at = { x: centre.x + 1000 * Math.cos(a), y: centre.y + 1000 * Math.sin(a) };
      tracker.observe(observe(sightingAt(set, k * 0.3, at, { circling: true }), set.projection));
    }
    const now = T0 + 1.6 * 60_000;
    const f = forecastTrack(tracker.live()[0]!, now, set, prior);
    expect(f.mode).toBe('circling');
    expect(f.zones[0]!.zone).toBe(zoneNear(set, centre));
    expect(f.zones[0]!.earliest).toBe(now);
    expect(f.zones.slice(0, 3).every((z) => Math.hypot(set.zones[z.zone]!.centre.x - centre.x, set.zones[z.zone]!.centre.y - centre.y) < 2500)).toBe(true);
  });

  it('weighs the site of a strike it just made while it circles: aircraft come back (double tap)', () => {
    const tracker = new Tracker({ cityRadius: set.radius });
    for (let k = 0; k < 6; k++) {
      const a = (k / 6) * 2 * Math.PI;
      tracker.observe(observe(sightingAt(set, k * 0.3, { x: 1000 * Math.cos(a), y: 1000 * Math.sin(a) }, { circling: true }), set.projection));
    }
    const track = tracker.live()[0]!;
    const site = { x: -3000, y: 2500 };
    const now = T0 + 1.6 * 60_000;
    const before = forecastTrack(track, now, set, prior).zones.find((z) => z.zone === zoneNear(set, site))?.probability ?? 0;
    track.strikeSites.push({ ...site, time: now - 60_000 });
    const after = forecastTrack(track, now, set, prior).zones.find((z) => z.zone === zoneNear(set, site))!.probability;
    expect(after).toBeGreaterThan(before + 0.15);
  });

  it('without a heading, looks all round within reach, by the prior', () => {
    const tracker = new Tracker({ cityRadius: set.radius });
    tracker.observe(observe(sightingAt(set, 0, { x: 0, y: 0 }, { bearing_deg: 0 }), set.projection));
    const f = forecastTrack(tracker.live()[0]!, T0, set, prior);
    expect(f.mode).toBe('any-direction');
    expect(f.heading).toBeUndefined();
    // Uniform prior, everything within reach: probability follows area, so every whole hexagon alike.
    const inner = f.zones.filter((z) => Math.hypot(set.zones[z.zone]!.centre.x, set.zones[z.zone]!.centre.y) < 4000).map((z) => z.probability);
    expect(Math.max(...inner) / Math.min(...inner)).toBeLessThan(1.3);
  });
});
