// Full recomputation of a root from every leaf hash, level by level in one flat buffer. Pairing neighbours
// and carrying a lone last node up unchanged builds the same tree as RFC 6962's split at the largest power
// of two, because that split always leaves the left part complete.
import { ProofShapeError } from '../errors.js';
import { EMPTY_ROOT } from './hashing.js';
import { HASH_SIZE, type Sha256, sha256 as defaultSha256 } from './sha256.js';

/** Root over leaf hashes, given as 32-byte arrays or one flat buffer of n*32 bytes. */
export function rootOfLeafHashes(hashes: readonly Uint8Array[] | Uint8Array, sha256: Sha256 = defaultSha256): Uint8Array {
  let level: Uint8Array;
  let n: number;
  if (hashes instanceof Uint8Array) {
    if (hashes.length % HASH_SIZE !== 0) throw new ProofShapeError(`flat leaf hashes must be a multiple of 32 bytes, got ${hashes.length}`, {});
    n = hashes.length / HASH_SIZE;
    level = hashes.slice();
  } else {
    n = hashes.length;
    level = new Uint8Array(n * HASH_SIZE);
    hashes.forEach((h, i) => {
      if (h.length !== HASH_SIZE) throw new ProofShapeError(`leaf hash ${i} has ${h.length} bytes, not 32`, { position: i });
      level.set(h, i * HASH_SIZE);
    });
  }
  if (n === 0) return EMPTY_ROOT.slice();
  const input = new Uint8Array(1 + 2 * HASH_SIZE);
  input[0] = 1;
  while (n > 1) {
    const pairs = Math.floor(n / 2);
    for (let i = 0; i < pairs; i++) {
      input.set(level.subarray(2 * i * HASH_SIZE, (2 * i + 2) * HASH_SIZE), 1);
      level.set(sha256(input), i * HASH_SIZE);
    }
    if (n % 2 === 1) level.copyWithin(pairs * HASH_SIZE, (n - 1) * HASH_SIZE, n * HASH_SIZE);
    n = pairs + (n % 2);
  }
  return level.slice(0, HASH_SIZE);
}
