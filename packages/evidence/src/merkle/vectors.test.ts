// Every tree size 1..64, every leaf and every earlier size: proofs from the node store agree with the naive
// RFC 6962 reference and verify; each failure mode is refused with its named error.
import { beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../bytes.js';
import { ProofShapeError, RootMismatchError } from '../errors.js';
import { MemoryNodeStore } from '../test-support/memory-store.js';
import { makeEntries, refConsistency, refPath, refRoot } from '../test-support/reference.js';
import { CompactRange } from './compact-range.js';
import { EMPTY_ROOT, leafHash } from './hashing.js';
import { consistencyProof, inclusionProof, rootAt } from './proofs.js';
import { rootFromInclusionProof, verifyConsistency, verifyInclusion } from './verify.js';

const MAX = 64;
const entries = makeEntries(MAX);
const leaves = entries.map((e) => leafHash(e));
const store = new MemoryNodeStore();
const roots: Uint8Array[] = [];

beforeAll(() => {
  const tree = CompactRange.empty();
  roots.push(tree.root());
  for (const leaf of leaves) {
    tree.append(leaf, store.put);
    roots.push(tree.root());
  }
});

const hexes = (hs: readonly Uint8Array[]): string[] => hs.map(toHex);
const flipped = (h: Uint8Array): Uint8Array => {
  const c = h.slice();
  c[7]! ^= 0x40;
  return c;
};

describe('proof vectors against the reference, sizes 1..64', () => {
  it('roots: compact range, stored nodes and the reference agree for every size', async () => {
    for (let n = 0; n <= MAX; n++) {
      const expected = toHex(refRoot(entries.slice(0, n)));
      expect(toHex(roots[n]!)).toBe(expected);
      expect(toHex(await rootAt(n, store))).toBe(expected);
    }
  });

  it('inclusion: every index of every size matches PATH(m, D[n]) and verifies', async () => {
    for (let n = 1; n <= MAX; n++) {
      const slice = entries.slice(0, n);
      for (let m = 0; m < n; m++) {
        const proof = await inclusionProof(m, n, store);
        expect(hexes(proof), `PATH(${m}, D[${n}])`).toEqual(hexes(refPath(m, slice)));
        verifyInclusion(m, n, leaves[m]!, proof, roots[n]!);
        expect(toHex(rootFromInclusionProof(m, n, leaves[m]!, proof))).toBe(toHex(roots[n]!));
      }
    }
  });

  it('consistency: every pair 0 <= m <= n <= 64 matches PROOF(m, D[n]) and verifies', async () => {
    for (let n = 0; n <= MAX; n++) {
      const slice = entries.slice(0, n);
      for (let m = 0; m <= n; m++) {
        const proof = await consistencyProof(m, n, store);
        expect(hexes(proof), `PROOF(${m}, D[${n}])`).toEqual(hexes(refConsistency(m, slice)));
        verifyConsistency(m, n, proof, roots[m]!, roots[n]!);
      }
    }
  });

  it('each proof is one batched read', async () => {
    const before = store.reads;
    await inclusionProof(37, 61, store);
    await consistencyProof(13, 61, store);
    expect(store.reads - before).toBe(2);
  });
});

describe('failure modes, by name', () => {
  it('wrong root: RootMismatchError carrying both roots', async () => {
    const proof = await inclusionProof(3, 10, store);
    const err = catchError(() => verifyInclusion(3, 10, leaves[3]!, proof, roots[11]!));
    expect(err).toBeInstanceOf(RootMismatchError);
    const mismatch = err as RootMismatchError;
    expect(toHex(mismatch.expected)).toBe(toHex(roots[11]!));
    expect(toHex(mismatch.computed)).toBe(toHex(roots[10]!));
    expect(mismatch.which).toBe('root');
  });

  it('wrong leaf: RootMismatchError', async () => {
    const proof = await inclusionProof(3, 10, store);
    expect(() => verifyInclusion(3, 10, leaves[4]!, proof, roots[10]!)).toThrow(RootMismatchError);
    // The right leaf claimed at the wrong position fails too.
    expect(() => verifyInclusion(2, 10, leaves[3]!, proof, roots[10]!)).toThrow(RootMismatchError);
  });

  it('any altered proof hash, for every size and index: RootMismatchError', async () => {
    for (let n = 2; n <= MAX; n++) {
      for (let m = 0; m < n; m++) {
        const proof = await inclusionProof(m, n, store);
        for (let k = 0; k < proof.length; k++) {
          const bad = proof.map((h, i) => (i === k ? flipped(h) : h));
          expect(() => verifyInclusion(m, n, leaves[m]!, bad, roots[n]!)).toThrow(RootMismatchError);
        }
      }
    }
  });

  it('proof too short / too long: ProofShapeError, for every size and index', async () => {
    for (let n = 1; n <= MAX; n++) {
      for (let m = 0; m < n; m++) {
        const proof = await inclusionProof(m, n, store);
        if (proof.length > 0) {
          expect(() => verifyInclusion(m, n, leaves[m]!, proof.slice(0, -1), roots[n]!)).toThrow(/too short/);
          expect(() => verifyInclusion(m, n, leaves[m]!, proof.slice(0, -1), roots[n]!)).toThrow(ProofShapeError);
        }
        expect(() => verifyInclusion(m, n, leaves[m]!, [...proof, roots[1]!], roots[n]!)).toThrow(/too long/);
      }
    }
    const c = await consistencyProof(5, 12, store);
    expect(() => verifyConsistency(5, 12, c.slice(1), roots[5]!, roots[12]!)).toThrow(ProofShapeError);
    expect(() => verifyConsistency(5, 12, [...c, roots[1]!], roots[5]!, roots[12]!)).toThrow(ProofShapeError);
    expect(() => verifyConsistency(7, 7, [roots[1]!], roots[7]!, roots[7]!)).toThrow(ProofShapeError);
  });

  it('index out of range: ProofShapeError', () => {
    expect(() => verifyInclusion(10, 10, leaves[0]!, [], roots[10]!)).toThrow(ProofShapeError);
    expect(() => verifyInclusion(-1, 10, leaves[0]!, [], roots[10]!)).toThrow(ProofShapeError);
    expect(() => verifyInclusion(1.5, 10, leaves[0]!, [], roots[10]!)).toThrow(ProofShapeError);
    expect(() => verifyInclusion(0, 2 ** 53, leaves[0]!, [], roots[10]!)).toThrow(ProofShapeError);
    expect(() => verifyInclusion(0, Number.NaN, leaves[0]!, [], roots[10]!)).toThrow(ProofShapeError);
  });

  it('size1 > size2: ProofShapeError', () => {
    const err = catchError(() => verifyConsistency(8, 5, [], roots[8]!, roots[5]!));
    expect(err).toBeInstanceOf(ProofShapeError);
    expect((err as ProofShapeError).details).toMatchObject({ size1: 8, size2: 5 });
  });

  it('empty tree: no inclusion in it (ProofShapeError); consistency from it only with the empty root', () => {
    expect(() => verifyInclusion(0, 0, leaves[0]!, [], EMPTY_ROOT)).toThrow(ProofShapeError);
    expect(() => rootFromInclusionProof(0, 0, leaves[0]!, [])).toThrow(/empty/);
    verifyConsistency(0, 9, [], EMPTY_ROOT, roots[9]!);
    expect(() => verifyConsistency(0, 9, [], roots[1]!, roots[9]!)).toThrow(RootMismatchError);
    expect(() => verifyConsistency(0, 9, [roots[1]!], EMPTY_ROOT, roots[9]!)).toThrow(ProofShapeError);
  });

  it('consistency with a wrong first or second root names which one', async () => {
    const proof = await consistencyProof(6, 13, store);
    const first = catchError(() => verifyConsistency(6, 13, proof, roots[5]!, roots[13]!));
    expect(first).toBeInstanceOf(RootMismatchError);
    expect((first as RootMismatchError).which).toBe('first');
    const second = catchError(() => verifyConsistency(6, 13, proof, roots[6]!, roots[12]!));
    expect((second as RootMismatchError).which).toBe('second');
    expect(() => verifyConsistency(4, 4, [], roots[4]!, roots[5]!)).toThrow(RootMismatchError);
  });

  it('any altered consistency proof hash fails, for every pair', async () => {
    for (let n = 2; n <= 40; n++) {
      for (let m = 1; m < n; m++) {
        const proof = await consistencyProof(m, n, store);
        for (let k = 0; k < proof.length; k++) {
          const bad = proof.map((h, i) => (i === k ? flipped(h) : h));
          expect(() => verifyConsistency(m, n, bad, roots[m]!, roots[n]!), `${m}->${n} [${k}]`).toThrow(RootMismatchError);
        }
      }
    }
  });

  it('hashes that are not 32 bytes: ProofShapeError', async () => {
    const proof = await inclusionProof(1, 4, store);
    expect(() => verifyInclusion(1, 4, leaves[1]!.slice(1), proof, roots[4]!)).toThrow(ProofShapeError);
    expect(() => verifyInclusion(1, 4, leaves[1]!, [proof[0]!, new Uint8Array(33)], roots[4]!)).toThrow(ProofShapeError);
    expect(() => verifyInclusion(1, 4, leaves[1]!, proof, new Uint8Array(31))).toThrow(ProofShapeError);
    expect(() => verifyConsistency(1, 4, [], new Uint8Array(0), roots[4]!)).toThrow(ProofShapeError);
  });
});

function catchError(fn: () => void): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}
