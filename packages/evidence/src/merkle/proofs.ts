// Proofs and roots from a node store: plan, one batched read, assemble.
import { type NodeId, assemblePlan, assembleRoot, consistencyProofNodes, inclusionProofNodes, rootNodes } from './nodes.js';
import { type Sha256, sha256 as defaultSha256 } from './sha256.js';

/** Where stored full nodes come from (a database, tiles, memory). */
export interface NodeReader {
  /** Hashes of the given full nodes, in the same order; rejects if any is missing. */
  getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]>;
}

/** Inclusion proof of leaf `index` in the tree of `size` leaves; index < size <= stored size. */
export async function inclusionProof(index: number, size: number, reader: NodeReader, sha256: Sha256 = defaultSha256): Promise<Uint8Array[]> {
  const plan = inclusionProofNodes(index, size);
  return assemblePlan(plan, await reader.getNodes(plan.nodes), sha256);
}

/** Consistency proof from size1 to size2; size1 <= size2 <= stored size. */
export async function consistencyProof(size1: number, size2: number, reader: NodeReader, sha256: Sha256 = defaultSha256): Promise<Uint8Array[]> {
  const plan = consistencyProofNodes(size1, size2);
  return assemblePlan(plan, await reader.getNodes(plan.nodes), sha256);
}

/** Root of the tree of the first `size` leaves; size <= stored size. */
export async function rootAt(size: number, reader: NodeReader, sha256: Sha256 = defaultSha256): Promise<Uint8Array> {
  return assembleRoot(size, await reader.getNodes(rootNodes(size).nodes), sha256);
}
