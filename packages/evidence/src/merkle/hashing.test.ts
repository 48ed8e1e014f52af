import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../bytes.js';
import { CT_CONSISTENCY_3_TO_8, CT_LEAVES, CT_PATH_5_OF_8, CT_ROOTS } from '../test-support/ct-vectors.js';
import { refConsistency, refPath, refRoot } from '../test-support/reference.js';
import { EMPTY_ROOT, leafHash, nodeHash } from './hashing.js';

describe('RFC 6962 hashing', () => {
  it('the empty root is SHA-256 of nothing', () => {
    expect(toHex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('leaf and node hashes are domain separated by 0x00 / 0x01', () => {
    expect(toHex(leafHash(new Uint8Array(0)))).toBe(CT_ROOTS[1]);
    const a = leafHash(utf8('a'));
    const b = leafHash(utf8('b'));
    expect(toHex(nodeHash(a, b))).not.toBe(toHex(nodeHash(b, a)));
    // A node's preimage is never a leaf's: the prefix byte differs.
    const asLeaf = new Uint8Array(64);
    asLeaf.set(a);
    asLeaf.set(b, 32);
    expect(toHex(leafHash(asLeaf))).not.toBe(toHex(nodeHash(a, b)));
  });

  it('the naive reference reproduces the published CT vectors', () => {
    for (let n = 0; n <= 8; n++) expect(toHex(refRoot(CT_LEAVES.slice(0, n)))).toBe(CT_ROOTS[n]);
    expect(refPath(5, CT_LEAVES).map(toHex)).toEqual(CT_PATH_5_OF_8);
    expect(refConsistency(3, CT_LEAVES).map(toHex)).toEqual(CT_CONSISTENCY_3_TO_8);
  });
});
