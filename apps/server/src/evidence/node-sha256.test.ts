import { leafHash, sha256, toHex } from '@civdef/evidence';
import { describe, expect, it } from 'vitest';
import { nodeLeafHash, nodeSha256 } from './node-sha256.js';

describe('node:crypto SHA-256', () => {
  it('agrees with the package (pure-JS) SHA-256 and RFC 6962 leaf hash at every size around block boundaries', () => {
    for (const n of [0, 1, 31, 55, 56, 63, 64, 65, 119, 128, 300, 4096, 100_003]) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) % 256);
      expect(toHex(nodeSha256(data)), `${n} bytes`).toBe(toHex(sha256(data)));
      expect(toHex(nodeLeafHash(data)), `leaf of ${n} bytes`).toBe(toHex(leafHash(data)));
    }
    // The empty string's digest, from FIPS 180-4's definition (as every SHA-256 implementation gives it).
    expect(toHex(nodeSha256(new Uint8Array()))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
