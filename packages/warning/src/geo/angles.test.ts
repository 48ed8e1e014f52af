import { describe, expect, it } from 'vitest';
import { angleDiffDeg, bearingDeg, destination, dist } from './angles.js';

describe('angles', () => {
  it('gives compass bearings clockwise from north', () => {
    const o = { x: 0, y: 0 };
    expect(bearingDeg(o, { x: 0, y: 5 })).toBe(0);
    expect(bearingDeg(o, { x: 5, y: 0 })).toBe(90);
    expect(bearingDeg(o, { x: 0, y: -5 })).toBe(180);
    expect(bearingDeg(o, { x: -5, y: 0 })).toBe(270);
    expect(bearingDeg(o, { x: -1, y: 1 })).toBeCloseTo(315, 10);
  });

  it('turns the short way round', () => {
    expect(angleDiffDeg(350, 10)).toBe(20);
    expect(angleDiffDeg(10, 350)).toBe(-20);
    expect(angleDiffDeg(0, 180)).toBe(180);
    expect(angleDiffDeg(90, 90)).toBe(0);
  });

  it('walks to a destination and back by the same bearing and distance', () => {
    const a = { x: 120, y: -40 };
    const b = destination(a, 233, 5000);
    expect(dist(a, b)).toBeCloseTo(5000, 6);
    expect(bearingDeg(a, b)).toBeCloseTo(233, 9);
  });
});
