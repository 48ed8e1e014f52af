import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantile } from './stats.js';

describe('quantile', () => {
  it('gives the usual median and interpolates the 90th percentile', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([5], 0.9)).toBe(5);
    // Rank (7 - 1) * 0.9 = 5.4: 600 + 0.4 * (900 - 600).
    expect(quantile([60, 120, 180, 240, 300, 600, 900], 0.9)).toBeCloseTo(720, 9);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('lies between the smallest and largest value and grows with p', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1 }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, p) => {
        const s = [...xs].sort((a, b) => a - b);
        const q = quantile(s, p)!;
        expect(q).toBeGreaterThanOrEqual(s[0]!);
        expect(q).toBeLessThanOrEqual(s[s.length - 1]!);
        expect(quantile(s, Math.min(1, p + 0.1))!).toBeGreaterThanOrEqual(q - 1e-9);
      }),
    );
  });
});
