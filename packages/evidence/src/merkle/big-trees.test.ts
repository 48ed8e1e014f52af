// Trees far larger than memory, up to 2^53-1 leaves. If every leaf hash is the same H, every full node at a
// level has the same hash, so a node reader can answer any node of any size; proofs and verification then
// run on real arithmetic past 2^32, where 32-bit bit operations would silently wrap.
import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes.js';
import { ProofShapeError } from '../errors.js';
import { leafHash, nodeHash } from './hashing.js';
import { consistencyProofNodes, inclusionProofNodes, rangeNodes } from './nodes.js';
import { consistencyProof, inclusionProof, rootAt } from './proofs.js';
import { verifyConsistency, verifyInclusion } from './verify.js';

const H = leafHash(new Uint8Array([42]));
const perfect: Uint8Array[] = [H];
for (let l = 1; l <= 53; l++) perfect.push(nodeHash(perfect[l - 1]!, perfect[l - 1]!));
const uniform = { getNodes: async (ids: readonly { level: number }[]) => ids.map((id) => perfect[id.level]!) };

const MAX = Number.MAX_SAFE_INTEGER;
const sizes = [2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 3 * 2 ** 40 + 12345, 2 ** 52 + 1, MAX - 1, MAX];

describe('trees up to 2^53-1 leaves', () => {
  it('inclusion proofs verify at the edges of 32-bit and 53-bit ranges', async () => {
    for (const size of sizes) {
      for (const index of [0, 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, size - 2, size - 1].filter((i) => i >= 0 && i < size)) {
        const root = await rootAt(size, uniform);
        const proof = await inclusionProof(index, size, uniform);
        expect(proof.length).toBeLessThanOrEqual(53);
        verifyInclusion(index, size, H, proof, root);
      }
    }
  });

  it('consistency proofs verify between huge sizes', async () => {
    const pairs: [number, number][] = [
      [2 ** 32 - 1, 2 ** 32 + 1],
      [2 ** 32, MAX],
      [12345, 2 ** 45 + 7],
      [MAX - 1, MAX],
      [2 ** 52, 2 ** 52 + 2 ** 33 + 5],
    ];
    for (const [a, b] of pairs) {
      const proof = await consistencyProof(a, b, uniform);
      verifyConsistency(a, b, proof, await rootAt(a, uniform), await rootAt(b, uniform));
    }
  });

  it('plans are O(log n): at most 2 * 53 nodes', () => {
    expect(rangeNodes(0, MAX)).toHaveLength(53);
    expect(inclusionProofNodes(MAX - 1, MAX).nodes.length).toBeLessThanOrEqual(106);
    expect(consistencyProofNodes(2 ** 40 + 3, MAX).nodes.length).toBeLessThanOrEqual(106);
    expect(() => inclusionProofNodes(0, MAX + 1)).toThrow(ProofShapeError);
  });

  it('a root of 2^40 leaves is the level-40 node', async () => {
    expect(toHex(await rootAt(2 ** 40, uniform))).toBe(toHex(perfect[40]!));
  });
});
