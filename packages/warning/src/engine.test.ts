import { describe, expect, it } from 'vitest';
import { WarningEngine } from './engine.js';
import { city, sightingAt, T0, zoneNear } from './test-support/scenario.js';

describe('WarningEngine', () => {
  it('warns the zones ahead of an incoming helicopter, moves the warning with it, and gives the all clear when it leaves', () => {
    const { set, prior } = city();
    const engine = new WarningEngine(set, prior);
    const decisions = [];
    // North at 200 km/h (3.33 km a minute) from 15 km south, across the city and out beyond it.
    for (let m = 0; m <= 10; m++) decisions.push(...engine.sighting(sightingAt(set, m, { x: 0, y: (-15 + 3.33 * m) * 1000 }, { heading_deg: 0 })).decisions);
    const first = decisions[0]!;
    expect(first.action).toBe('issue');
    expect(first.zones.length).toBeGreaterThan(0);
    expect(first.zones.length).toBeLessThanOrEqual(4);
    // Once a few sightings have fixed its heading, every zone warned lies near the flight line.
    for (const d of decisions.filter((d) => d.time >= T0 + 2 * 60_000)) for (const z of d.zones) expect(Math.abs(set.zones[z.zone]!.centre.x)).toBeLessThan(3500);
    // The zone at the centre was warned before the helicopter got there (minute 4.5).
    const centre = zoneNear(set, { x: 0, y: 0 });
    const warned = decisions.find((d) => d.zones.some((z) => z.zone === centre));
    expect(warned!.time).toBeLessThan(T0 + 4.5 * 60_000);
    const last = decisions[decisions.length - 1]!;
    expect(last).toMatchObject({ action: 'cancel', alertId: first.alertId });
    expect(new Set(decisions.map((d) => d.alertId))).toEqual(new Set([first.alertId]));
  });

  it('ends silent tracks on a tick, and learns strikes into its prior', () => {
    const { set, prior } = city();
    const engine = new WarningEngine(set, prior);
    const issued = engine.sighting(sightingAt(set, 0, { x: 0, y: 0 }, { heading_deg: 90 })).decisions;
    expect(issued.map((d) => d.action)).toEqual(['issue']);
    const strike = engine.strike({ ...set.projection.toLatLon({ x: 500, y: 0 }), time: T0 + 60_000 });
    expect(strike.advisories).toHaveLength(1);
    const z = zoneNear(set, { x: 500, y: 0 });
    expect(engine.currentPrior().probability[z]).toBeGreaterThan(prior.probability[z]!);
    expect(engine.tick(T0 + 20 * 60_000).decisions).toMatchObject([{ action: 'cancel', reason: 'silent' }]);
  });
});
