import { describe, expect, it } from 'vitest';
import { concatBytes, toHex } from '../bytes.js';
import { ProofShapeError } from '../errors.js';
import { makeEntries, refRoot } from '../test-support/reference.js';
import { leafHash } from './hashing.js';
import { rootOfLeafHashes } from './root.js';
import { sha256 } from './sha256.js';

describe('rootOfLeafHashes', () => {
  it('equals the reference root for 0..130 leaves, from arrays and from one flat buffer', () => {
    const entries = makeEntries(130);
    const leaves = entries.map((e) => leafHash(e));
    for (let n = 0; n <= 130; n++) {
      const expected = toHex(refRoot(entries.slice(0, n)));
      expect(toHex(rootOfLeafHashes(leaves.slice(0, n))), `n=${n}`).toBe(expected);
      expect(toHex(rootOfLeafHashes(concatBytes(...leaves.slice(0, n))))).toBe(expected);
    }
  });

  it('does not modify its input and uses the injected hash', () => {
    const leaves = makeEntries(5).map((e) => leafHash(e));
    const flat = concatBytes(...leaves);
    const copy = flat.slice();
    let calls = 0;
    rootOfLeafHashes(flat, (d) => {
      calls++;
      return sha256(d);
    });
    expect(calls).toBe(4);
    expect(toHex(flat)).toBe(toHex(copy));
  });

  it('refuses hashes that are not 32 bytes', () => {
    expect(() => rootOfLeafHashes(new Uint8Array(33))).toThrow(ProofShapeError);
    expect(() => rootOfLeafHashes([new Uint8Array(32), new Uint8Array(3)])).toThrow(ProofShapeError);
  });
});
