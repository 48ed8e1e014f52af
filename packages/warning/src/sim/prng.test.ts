import { describe, expect, it } from 'vitest';
import { Prng } from './prng.js';

describe('Prng', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = Array.from({ length: 5 }, ((r) => () => r.next())(new Prng(7)));
    const b = Array.from({ length: 5 }, ((r) => () => r.next())(new Prng(7)));
    const c = Array.from({ length: 5 }, ((r) => () => r.next())(new Prng(8)));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('draws with the right moments and weights', () => {
    const r = new Prng(1);
    const n = 20_000;
    const u = Array.from({ length: n }, () => r.next());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(u.reduce((s, v) => s + v, 0) / n).toBeCloseTo(0.5, 1);
    const z = Array.from({ length: n }, () => r.normal(3, 2));
    const mean = z.reduce((s, v) => s + v, 0) / n;
    expect(mean).toBeCloseTo(3, 1);
    expect(Math.sqrt(z.reduce((s, v) => s + (v - mean) ** 2, 0) / n)).toBeCloseTo(2, 1);
    const counts = [0, 0, 0];
    for (let i = 0; i < n; i++) counts[r.weighted([1, 0, 3])]!++;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeCloseTo(3, 0);
  });
});
