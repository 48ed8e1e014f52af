import { describe, expect, it } from 'vitest';
import { capSegments, clip, minClassAt } from './road-lines.js';

const segs = (n: number, start = 0) => Array.from({ length: n * 4 }, (_, i) => start + i);

describe('road lines for a map', () => {
  it('leaves out minor roads when zoomed out', () => {
    expect([undefined, 16, 13, 12.9, 11, 10.9, 0].map(minClassAt)).toEqual([0, 0, 0, 1, 1, 2, 2]);
  });

  it('keeps every segment under the cap as it is', () => {
    const classes = [segs(3), segs(2, 100), segs(1, 200)];
    expect(capSegments(classes, 6)).toEqual({ classes, truncated: false });
  });

  it('over the cap, drops the minor classes whole before cutting the arterials', () => {
    const classes = [segs(3), segs(2, 100), segs(1, 200)];
    expect(capSegments(classes, 5)).toEqual({ classes: [[], segs(2, 100), segs(1, 200)], truncated: true });
    expect(capSegments(classes, 3)).toEqual({ classes: [[], segs(2, 100), segs(1, 200)], truncated: true });
    expect(capSegments(classes, 2)).toEqual({ classes: [[], [], segs(1, 200)], truncated: true });
    expect(capSegments([[], [], segs(5)], 2)).toEqual({ classes: [[], [], segs(2)], truncated: true });
  });

  it('keeps a segment that crosses the box though neither end is in it', () => {
    const line = Int32Array.from([0, 50, 100, 50, 0, 0, 10, 10]).map((x) => x * 1e5);
    // A box in the middle of the first segment, away from the second.
    expect(clip(Int32Array.from(line), [40, 40, 60, 60])).toEqual([0, 50, 100, 50].map((x) => x * 1e5));
    expect(clip(Int32Array.from(line), [200, 200, 300, 300])).toEqual([]);
  });
});
