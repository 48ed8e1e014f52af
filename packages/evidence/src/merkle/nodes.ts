// Proof planning over stored full nodes. The store holds every *full* subtree: node (level, index) is the
// root of leaves [index*2^level, (index+1)*2^level). A proof hash covering a subtree that ends at the ragged
// right edge is not stored; it is the fold of the full nodes tiling that range. Planning is pure and O(log n);
// the caller reads the planned nodes in one batch and assembles.
import { ProofShapeError } from '../errors.js';
import { EMPTY_ROOT, nodeHash } from './hashing.js';
import { HASH_SIZE, type Sha256, sha256 as defaultSha256 } from './sha256.js';
import { assertCount, splitPoint } from './sizes.js';

/** A stored full node: the root of leaves [index*2^level, (index+1)*2^level). */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/** Full nodes to read, in order, and how many consecutive ones fold into each output hash. */
export interface NodePlan {
  readonly nodes: readonly NodeId[];
  readonly groups: readonly number[];
}

/** A half-open leaf range [start, end). */
type Range = readonly [number, number];

/** The full nodes tiling [start, end), left to right; 0 <= start <= end. */
export function rangeNodes(start: number, end: number): NodeId[] {
  const out: NodeId[] = [];
  while (start < end) {
    let width = 1;
    let level = 0;
    while (start % (width * 2) === 0 && start + width * 2 <= end) {
      width *= 2;
      level++;
    }
    out.push({ level, index: start / width });
    start += width;
  }
  return out;
}

/** Subtrees whose roots form PATH(index, D[0:size]) (RFC 6962 2.1.1), leaf to root; 0 <= index < size. */
export function inclusionRanges(index: number, size: number): Range[] {
  const out: Range[] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      out.push([lo + k, hi]);
      hi = lo + k;
    } else {
      out.push([lo, lo + k]);
      lo += k;
    }
  }
  return out.reverse();
}

/** Subtrees whose roots form PROOF(size1, D[0:size2]) (RFC 6962 2.1.2); 0 < size1 < size2. */
export function consistencyRanges(size1: number, size2: number): Range[] {
  const out: Range[] = [];
  let lo = 0;
  let hi = size2;
  let m = size1;
  let complete = true;
  for (;;) {
    const n = hi - lo;
    if (m === n) {
      if (!complete) out.push([lo, hi]);
      break;
    }
    const k = splitPoint(n);
    if (m <= k) {
      out.push([lo + k, hi]);
      hi = lo + k;
    } else {
      out.push([lo, lo + k]);
      lo += k;
      m -= k;
      complete = false;
    }
  }
  return out.reverse();
}

function planOf(ranges: readonly Range[]): NodePlan {
  const nodes: NodeId[] = [];
  const groups: number[] = [];
  for (const [start, end] of ranges) {
    const tiles = rangeNodes(start, end);
    nodes.push(...tiles);
    groups.push(tiles.length);
  }
  return { nodes, groups };
}

/** Nodes to read for the inclusion proof of leaf `index` in a tree of `size` leaves; index < size. */
export function inclusionProofNodes(index: number, size: number): NodePlan {
  assertCount('size', size, 1);
  assertCount('index', index);
  if (index >= size) throw new ProofShapeError(`index ${index} is outside a tree of ${size} leaves`, { index, size });
  return planOf(inclusionRanges(index, size));
}

/** Nodes to read for the consistency proof from size1 to size2; 0 <= size1 <= size2 (empty proof at the ends). */
export function consistencyProofNodes(size1: number, size2: number): NodePlan {
  assertCount('size1', size1);
  assertCount('size2', size2);
  if (size1 > size2) throw new ProofShapeError(`size1 ${size1} is larger than size2 ${size2}`, { size1, size2 });
  if (size1 === 0 || size1 === size2) return { nodes: [], groups: [] };
  return planOf(consistencyRanges(size1, size2));
}

/** Nodes whose fold is the root of a tree of `size` leaves (also the compact range [0, size)). */
export function rootNodes(size: number): NodePlan {
  assertCount('size', size);
  const nodes = rangeNodes(0, size);
  return { nodes, groups: size === 0 ? [] : [nodes.length] };
}

/** Hash of a range from its tiling nodes, largest first: MTH splits at the largest power of two below n. */
export function foldRight(hashes: readonly Uint8Array[], from: number, count: number, sha256: Sha256): Uint8Array {
  let acc = hashes[from + count - 1]!;
  for (let i = from + count - 2; i >= from; i--) acc = nodeHash(hashes[i]!, acc, sha256);
  return acc;
}

/** Turns the hashes read for plan.nodes (same order) into one hash per group: the proof, or [root]. */
export function assemblePlan(plan: NodePlan, hashes: readonly Uint8Array[], sha256: Sha256 = defaultSha256): Uint8Array[] {
  if (hashes.length !== plan.nodes.length) {
    throw new ProofShapeError(`expected ${plan.nodes.length} node hashes, got ${hashes.length}`, {
      expected: plan.nodes.length,
      got: hashes.length,
    });
  }
  hashes.forEach((h, i) => {
    if (h.length !== HASH_SIZE) throw new ProofShapeError(`node hash ${i} has ${h.length} bytes, not 32`, { position: i });
  });
  const out: Uint8Array[] = [];
  let at = 0;
  for (const count of plan.groups) {
    out.push(foldRight(hashes, at, count, sha256));
    at += count;
  }
  return out;
}

/** The tree root from the hashes read for rootNodes(size); EMPTY_ROOT for size 0. */
export function assembleRoot(size: number, hashes: readonly Uint8Array[], sha256: Sha256 = defaultSha256): Uint8Array {
  const [root] = assemblePlan(rootNodes(size), hashes, sha256);
  return root ?? EMPTY_ROOT.slice();
}
