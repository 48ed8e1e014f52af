import { describe, expect, it } from 'vitest';
import { city, sightingAt, T0 } from '../test-support/scenario.js';
import { observe } from '../tracks/observation.js';
import { Tracker } from '../tracks/tracker.js';
import { doubleTapAdvisory } from './double-tap.js';

describe('doubleTapAdvisory', () => {
  const { set } = city();
  const tracker = new Tracker({ cityRadius: set.radius });
  tracker.observe(observe(sightingAt(set, 0, { x: 0, y: 0 }, { circling: true }), set.projection));
  const near = set.projection.toLatLon({ x: 1500, y: 0 });
  const far = set.projection.toLatLon({ x: 30_000, y: 0 });

  it('raises an advisory round a strike while an aircraft is near enough to return', () => {
    const a = doubleTapAdvisory({ id: 'I1', ...near, time: T0 + 60_000 }, tracker.live(), set.projection);
    expect(a).toEqual({ time: T0 + 60_000, incidentId: 'I1', ...near, radiusM: 1000, until: T0 + 21 * 60_000, trackIds: [tracker.live()[0]!.id] });
  });

  it('raises none when every aircraft is far away', () => {
    expect(doubleTapAdvisory({ ...far, time: T0 + 60_000 }, tracker.live(), set.projection)).toBeUndefined();
    expect(doubleTapAdvisory({ ...near, time: T0 }, [], set.projection)).toBeUndefined();
  });
});
