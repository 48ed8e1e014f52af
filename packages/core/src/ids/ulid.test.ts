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
