import { describe, expect, it } from 'vitest';
import { closureAt, insideRing, segmentDistance, stepClosure } from './closure-pick.js';
import type { Closure } from './store.js';
import { fit, toScreen } from './view.js';

const view = fit([37.1, 36.17, 37.2, 36.23], 800, 600);
const project = (lon: number, lat: number) => toScreen(view, lon, lat);
const closure = (id: string, target: Closure['target']): Closure => ({ id, kind: 'closure', reason: 'rubble', target });

describe('closure picking', () => {
  it('measures a point against a segment and a ring', () => {
    expect(segmentDistance([5, 3], [0, 0], [10, 0])).toBe(3);
    expect(segmentDistance([-4, 3], [0, 0], [10, 0])).toBe(5);
    expect(segmentDistance([1, 1], [0, 0], [0, 0])).toBeCloseTo(Math.SQRT2);
    const square: [number, number][] = [[0, 0], [10, 0], [10, 10], [0, 10]];
    expect(insideRing([5, 5], square)).toBe(true);
    expect(insideRing([15, 5], square)).toBe(false);
    expect(insideRing([5, 5], [...square, [0, 0]])).toBe(true);
  });

  it('finds the polygon, circle or closed street under a click, and nothing elsewhere', () => {
    const poly = closure('p', { polygon: [[37.11, 36.18], [37.12, 36.18], [37.12, 36.19], [37.11, 36.19], [37.11, 36.18]] });
    const circle = closure('c', { circle: { lon: 37.15, lat: 36.2, radius_m: 100 } });
    const street = closure('s', { street: 'Baron Street' });
    const lines = new Map([['s', [37.17, 36.21, 37.18, 36.21]]]);
    const all = [poly, circle, street];
    expect(closureAt(all, lines, project(37.115, 36.185), project)).toBe('p');
    // 100 m is about 0.0009 degrees of latitude: inside at 80 m, outside at 300 m.
    expect(closureAt(all, lines, project(37.15, 36.2 + 80 / 111_320), project)).toBe('c');
    expect(closureAt(all, lines, project(37.15, 36.2 + 300 / 111_320), project)).toBeNull();
    const [x, y] = project(37.175, 36.21);
    expect(closureAt(all, lines, [x, y + 5], project)).toBe('s');
    expect(closureAt(all, lines, [x, y + 20], project)).toBeNull();
    expect(closureAt(all, lines, project(37.19, 36.225), project)).toBeNull();
  });

  it('gives the first listed (newest) closure where two overlap', () => {
    const a = closure('a', { circle: { lon: 37.15, lat: 36.2, radius_m: 200 } });
    const b = closure('b', { circle: { lon: 37.15, lat: 36.2, radius_m: 400 } });
    expect(closureAt([a, b], new Map(), project(37.15, 36.2), project)).toBe('a');
    expect(closureAt([b, a], new Map(), project(37.15, 36.2), project)).toBe('b');
  });

  it('steps through closures, wrapping, from the first when none is selected', () => {
    const list = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(stepClosure(list, null, 1)).toBe('a');
    expect(stepClosure(list, null, -1)).toBe('c');
    expect(stepClosure(list, 'a', 1)).toBe('b');
    expect(stepClosure(list, 'c', 1)).toBe('a');
    expect(stepClosure(list, 'a', -1)).toBe('c');
    expect(stepClosure(list, 'gone', 1)).toBe('a');
    expect(stepClosure([], null, 1)).toBeNull();
  });
});
