import { describe, expect, it } from 'vitest';
import { covAlong, covOf, initialState, mahalanobis2, predict, update } from './kalman.js';

describe('Kalman filter', () => {
  const start = initialState({ x: 0, y: 0 }, [100, 0, 100], { x: 10, y: 0 }, [1, 0, 1]);

  it('moves the state by its velocity and grows the uncertainty', () => {
    const s = predict(start, 10, 0);
    expect(s.x).toEqual([100, 0, 10, 0]);
    // Var(x) = 100 + 10^2 * 1.
    expect(covOf(s, 0)[0]).toBeCloseTo(200, 9);
    expect(covOf(predict(start, 10, 3), 0)[0]).toBeCloseTo(200 + (3 * 1000) / 3, 9);
  });

  it('pulls toward an observation by the ratio of variances', () => {
    const s = update(start, 0, { x: 10, y: 0 }, [100, 0, 100]);
    expect(s.x[0]).toBeCloseTo(5, 9);
    expect(covOf(s, 0)[0]).toBeCloseTo(50, 9);
  });

  it('learns velocity from successive positions', () => {
    let s = initialState({ x: 0, y: 0 }, [25, 0, 25], { x: 0, y: 0 }, [2500, 0, 2500]);
    for (let t = 1; t <= 10; t++) s = update(predict(s, 1, 0.01), 0, { x: 0, y: 20 * t }, [25, 0, 25]);
    expect(s.x[3]).toBeGreaterThan(18);
    expect(Math.abs(s.x[2]!)).toBeLessThan(1);
  });

  it('measures surprise in standard deviations squared', () => {
    expect(mahalanobis2(start, 0, { x: 20, y: 0 }, [300, 0, 300])).toBeCloseTo(1, 9);
    expect(mahalanobis2(start, 2, { x: 10, y: 0 }, [1, 0, 1])).toBe(0);
  });

  it('orients a covariance along a bearing', () => {
    const [xx, xy, yy] = covAlong(90, 10, 1);
    expect([xx, yy]).toEqual([100, expect.closeTo(1, 9)]);
    expect(xy).toBeCloseTo(0, 9);
    const diag = covAlong(45, 10, 1);
    expect(diag[1]).toBeCloseTo(49.5, 9);
  });
});
