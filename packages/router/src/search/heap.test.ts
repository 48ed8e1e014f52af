import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHeap } from './heap.js';

describe('MinHeap', () => {
  it('pops entries in key order, duplicates included, growing past its first capacity', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(50), fc.double({ min: 0, max: 1e6, noNaN: true })), { maxLength: 200 }), (entries) => {
        const heap = new MinHeap(4);
        for (const [id, key] of entries) heap.push(id, key);
        const popped: number[] = [];
        while (heap.size > 0) {
          popped.push(heap.topKey());
          heap.pop();
        }
        expect(popped).toEqual(entries.map(([, k]) => k).sort((a, b) => a - b));
      }),
    );
  });

  it('clear() empties it for reuse', () => {
    const heap = new MinHeap(2);
    heap.push(1, 5);
    heap.push(2, 3);
    heap.clear();
    heap.push(7, 9);
    expect(heap.pop()).toBe(7);
    expect(heap.size).toBe(0);
  });
});
