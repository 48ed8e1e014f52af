// The right edge of the tree: one hash per set bit of the size (the full nodes tiling [0, size)), enough
// to append and to compute the root. Appending reports every full node it completes, which is exactly what
// a node store must write to answer any later proof with O(log n) reads.
import { ProofShapeError } from '../errors.js';
import { EMPTY_ROOT, nodeHash } from './hashing.js';
import { foldRight, rootNodes } from './nodes.js';
import { HASH_SIZE, type Sha256, sha256 as defaultSha256 } from './sha256.js';
import { assertCount, half, isOdd } from './sizes.js';

/** Called for each full node an append completes, leaves (level 0) included, bottom up. */
export type FullNodeSink = (level: number, index: number, hash: Uint8Array) => void;

export class CompactRange {
  /** Hashes of rootNodes(size), left (largest) to right. */
  private readonly edge: Uint8Array[];
  private count: number;

  private constructor(
    size: number,
    edge: Uint8Array[],
    private readonly sha256: Sha256,
  ) {
    this.count = size;
    this.edge = edge;
  }

  /** An empty tree. */
  static empty(sha256: Sha256 = defaultSha256): CompactRange {
    return new CompactRange(0, [], sha256);
  }

  /** Restores a tree of `size` leaves from the hashes of rootNodes(size).nodes, in that order. */
  static fromNodes(size: number, hashes: readonly Uint8Array[], sha256: Sha256 = defaultSha256): CompactRange {
    assertCount('size', size);
    const expected = rootNodes(size).nodes.length;
    if (hashes.length !== expected) {
      throw new ProofShapeError(`a tree of ${size} leaves needs ${expected} edge hashes, got ${hashes.length}`, { expected, got: hashes.length });
    }
    hashes.forEach((h, i) => {
      if (h.length !== HASH_SIZE) throw new ProofShapeError(`edge hash ${i} has ${h.length} bytes, not 32`, { position: i });
    });
    return new CompactRange(size, hashes.map((h) => h.slice()), sha256);
  }

  /** Number of leaves appended so far. */
  get size(): number {
    return this.count;
  }

  /** Appends one leaf hash (32 bytes) and reports the full nodes it completes. */
  append(leafHash: Uint8Array, onFullNode?: FullNodeSink): void {
    if (leafHash.length !== HASH_SIZE) throw new ProofShapeError(`leaf hash has ${leafHash.length} bytes, not 32`, {});
    if (this.count >= Number.MAX_SAFE_INTEGER) throw new ProofShapeError('the tree is full (2^53-1 leaves)', {});
    let hash = leafHash;
    let level = 0;
    let index = this.count;
    onFullNode?.(level, index, hash);
    // Each trailing 1 bit of the old size is a full sibling on the edge that now pairs up.
    let bits = this.count;
    while (isOdd(bits)) {
      hash = nodeHash(this.edge.pop()!, hash, this.sha256);
      level++;
      index = half(index);
      bits = half(bits);
      onFullNode?.(level, index, hash);
    }
    this.edge.push(hash);
    this.count++;
  }

  /** Appends many leaf hashes in order. */
  appendAll(leafHashes: Iterable<Uint8Array>, onFullNode?: FullNodeSink): void {
    for (const h of leafHashes) this.append(h, onFullNode);
  }

  /** Root of the tree so far (EMPTY_ROOT when empty). */
  root(): Uint8Array {
    return this.edge.length === 0 ? EMPTY_ROOT.slice() : foldRight(this.edge, 0, this.edge.length, this.sha256);
  }

  /** Copies of the edge hashes, matching rootNodes(size).nodes: what fromNodes restores from. */
  edgeHashes(): Uint8Array[] {
    return this.edge.map((h) => h.slice());
  }
}
