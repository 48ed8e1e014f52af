import { describe, expect, it } from 'vitest';
import { positionAlong } from './along-route.js';

const path: [number, number][] = [[0, 0], [0, 1], [2, 1]];

describe('positionAlong', () => {
  it('moves through each segment at its own pace', () => {
    const seconds = [10, 40];
    expect(positionAlong(path, seconds, 0)).toEqual([0, 0]);
    expect(positionAlong(path, seconds, 5)).toEqual([0, 0.5]);
    expect(positionAlong(path, seconds, 10)).toEqual([0, 1]);
    expect(positionAlong(path, seconds, 30)).toEqual([1, 1]);
  });

  it('stays at the end once the time is up, and at the start before it begins', () => {
    expect(positionAlong(path, [10, 40], 1e6)).toEqual([2, 1]);
    expect(positionAlong(path, [10, 40], -5)).toEqual([0, 0]);
    expect(positionAlong([[3, 4]], [], 10)).toEqual([3, 4]);
  });

  it('passes over segments that take no time', () => {
    expect(positionAlong(path, [0, 40], 20)).toEqual([1, 1]);
  });
});
