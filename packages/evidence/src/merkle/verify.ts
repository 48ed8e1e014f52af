// Proof verification as RFC 9162 sections 2.1.3.2 and 2.1.4.2 give it. Lengths are checked against the
// planned proof shape first, so a short or long proof is named as such rather than as a wrong root.
import { bytesEqual } from '../bytes.js';
import { ProofShapeError, RootMismatchError } from '../errors.js';
import { EMPTY_ROOT, nodeHash } from './hashing.js';
import { consistencyRanges, inclusionRanges } from './nodes.js';
import { HASH_SIZE, type Sha256, sha256 as defaultSha256 } from './sha256.js';
import { assertCount, half, isOdd, isPowerOfTwo } from './sizes.js';

function assertHash(name: string, hash: Uint8Array): void {
  if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) {
    throw new ProofShapeError(`${name} must be 32 bytes, got ${hash instanceof Uint8Array ? hash.length : typeof hash}`, { name });
  }
}

function assertProof(proof: readonly Uint8Array[], expected: number): void {
  if (proof.length !== expected) {
    throw new ProofShapeError(`proof has ${proof.length} hashes; this tree needs ${expected} (${proof.length < expected ? 'too short' : 'too long'})`, {
      expected,
      got: proof.length,
    });
  }
  proof.forEach((h, i) => assertHash(`proof[${i}]`, h));
}

/** Root reached from a leaf hash and its audit path; throws ProofShapeError on bad arguments or length. */
export function rootFromInclusionProof(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  sha256: Sha256 = defaultSha256,
): Uint8Array {
  assertCount('leafIndex', leafIndex);
  assertCount('treeSize', treeSize);
  if (treeSize === 0) throw new ProofShapeError('the tree is empty: no leaf can be included in it', { treeSize });
  if (leafIndex >= treeSize) {
    throw new ProofShapeError(`leafIndex ${leafIndex} is outside a tree of ${treeSize} leaves`, { leafIndex, treeSize });
  }
  assertHash('leafHash', leafHash);
  assertProof(proof, inclusionRanges(leafIndex, treeSize).length);
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r, sha256);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p, sha256);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return r;
}

/** Returns if `proof` shows leafHash at leafIndex in the tree of treeSize with `root`; throws otherwise. */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
  sha256: Sha256 = defaultSha256,
): void {
  assertHash('root', root);
  const computed = rootFromInclusionProof(leafIndex, treeSize, leafHash, proof, sha256);
  if (!bytesEqual(computed, root)) throw new RootMismatchError('root', root, computed);
}

/** Returns if `proof` shows the tree (size1, root1) is a prefix of (size2, root2); throws otherwise. */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
  sha256: Sha256 = defaultSha256,
): void {
  assertCount('size1', size1);
  assertCount('size2', size2);
  if (size1 > size2) throw new ProofShapeError(`size1 ${size1} is larger than size2 ${size2}`, { size1, size2 });
  assertHash('root1', root1);
  assertHash('root2', root2);
  if (size1 === size2) {
    assertProof(proof, 0);
    if (!bytesEqual(root1, root2)) throw new RootMismatchError('second', root2, root1);
    return;
  }
  if (size1 === 0) {
    // Every tree extends the empty one; the only claim to check is that root1 is the empty root.
    assertProof(proof, 0);
    if (!bytesEqual(root1, EMPTY_ROOT)) throw new RootMismatchError('first', root1, EMPTY_ROOT);
    return;
  }
  assertProof(proof, consistencyRanges(size1, size2).length);
  // RFC 9162 2.1.4.2: when size1 is a power of two its root is itself the first node of the path.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) throw new ProofShapeError('proof is too long for these sizes', { size1, size2 });
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr, sha256);
      sr = nodeHash(c, sr, sha256);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c, sha256);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (!bytesEqual(fr, root1)) throw new RootMismatchError('first', root1, fr);
  if (!bytesEqual(sr, root2)) throw new RootMismatchError('second', root2, sr);
}

