import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isUlid, newUlid, ulidTime } from './ulid.js';

describe('ulid', () => {
  it('round-trips its time and is canonical', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), (t) => {
        const id = newUlid(t);
        expect(isUlid(id)).toBe(true);
        expect(ulidTime(id)).toBe(t);
      }),
    );
  });

  it('sorts by time', () => {
    expect(newUlid(1000) < newUlid(2000)).toBe(true);
  });

  it('never repeats its random part, across many refills of the random pool', () => {
    // 4096-byte pool, 16 bytes an id: 100,000 ids draw the pool about 400 times.
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(newUlid(0).slice(10));
    expect(seen.size).toBe(100_000);
    // Each of the 16 positions uses the whole alphabet: no position is stuck on a stale byte.
    const ids = [...seen].slice(0, 5000);
    for (let pos = 0; pos < 16; pos++) expect(new Set(ids.map((id) => id[pos])).size).toBe(32);
  });

  it('refuses times it cannot encode', () => {
    expect(() => newUlid(-1)).toThrow(RangeError);
    expect(() => newUlid(2 ** 48)).toThrow(RangeError);
  });

  it('rejects look-alikes', () => {
    expect(isUlid('01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBe(true);
    expect(isUlid('01arz3ndektsv4rrffq69g5fav')).toBe(false);
    expect(isUlid('81ARZ3NDEKTSV4RRFFQ69G5FAV')).toBe(false); // time overflow
    expect(isUlid('01ARZ3NDEKTSV4RRFFQ69G5FAU')).toBe(false); // U is not Crockford
    expect(isUlid('01ARZ3NDEKTSV4RRFFQ69G5FA')).toBe(false);
  });
});
