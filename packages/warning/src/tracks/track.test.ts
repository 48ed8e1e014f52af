import { describe, expect, it } from 'vitest';
import { circleCentre, type Track } from './track.js';
import { initialState } from './kalman.js';

const T0 = Date.UTC(2026, 2, 1, 10);

/** A circling jet's track holding the given fixes (angle on a 3 km circle round the origin, the fix's s.d.). */
function circling(fixes: [number, number][]): Track {
  const R = 3000;
  return {
    id: 'j',
    type: 'jet',
    votes: { jet: fixes.length },
    started: T0,
    lastSeen: T0,
    state: initialState({ x: 0, y: 0 }, [1e6, 0, 1e6], { x: 0, y: 0 }, [1e4, 0, 1e4]),
    at: T0,
    sightings: fixes.length,
    circlingReports: [T0, T0],
    circleFixes: fixes.map(([deg, sd]) => ({ time: T0, x: R * Math.cos((deg * Math.PI) / 180), y: R * Math.sin((deg * Math.PI) / 180), variance: sd * sd })),
    strikeSites: [],
    trail: [],
  };
}

describe('circleCentre', () => {
  it('is not pulled to the near side by the sharp fixes of a spotter close to one part of the circle', () => {
    // Three fixes 300 m sure on the south side (a spotter there), seven 2 km sure elsewhere round the circle.
    const near: [number, number][] = [-60, -90, -120].map((a) => [a, 300]);
    const far: [number, number][] = [0, 30, 60, 90, 120, 150, 180].map((a) => [a, 2000]);
    const c = circleCentre(circling([...near, ...far]), T0)!;
    // Weighing by the fixes' own errors alone put it 2.5 km south, claimed to within 170 m.
    expect(Math.hypot(c.x, c.y)).toBeLessThan(600);
    // Its s.d. owns up to the circle: ten fixes each the radius from the centre.
    expect(c.sd).toBeGreaterThan(600);
    expect(c.sd).toBeLessThan(1200);
  });

  it('has no centre without recent fixes', () => {
    expect(circleCentre(circling([[0, 500]]), T0 + 6 * 60_000)).toBeUndefined();
  });
});
