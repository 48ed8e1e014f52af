import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NodeSet, SearchState } from './state.js';

describe('SearchState', () => {
  it('forgets every node of the previous search, also when the stamps wrap around', () => {
    const s = new SearchState(4);
    for (const start of [0, 0xfffffffc - 2]) {
      s.reached = start;
      let r = s.begin();
      s.offer(1, 5, 5, -1);
      s.stamp[1] = r + 1;
      expect(s.settled(1)).toBe(true);
      r = s.begin();
      expect(s.settled(1)).toBe(false);
      expect(s.stamp[1]! < r).toBe(true);
      s.offer(1, 7, 7, -1);
      expect(s.dist[1]).toBe(7);
      s.offer(1, 9, 9, -1); // not better: ignored
      expect(s.dist[1]).toBe(7);
    }
  });
});

describe('NodeSet', () => {
  it('holds exactly what was added since the last clear', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat(99), { maxLength: 40 }), { maxLength: 5 }), (rounds) => {
        const set = new NodeSet(100);
        for (const added of rounds) {
          set.clear();
          const want = new Set<number>();
          for (const v of added) expect(set.add(v)).toBe(!want.has(v) && (want.add(v), true));
          expect(set.size).toBe(want.size);
          for (let v = 0; v < 100; v++) expect(set.has(v)).toBe(want.has(v));
        }
      }),
    );
  });
});
