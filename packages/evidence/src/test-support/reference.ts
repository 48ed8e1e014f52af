// The naive Merkle tree of RFC 6962 section 2.1, written as literally as the RFC states it, used only by
// tests to produce expected roots and proofs. Recursive and slow on purpose: obviously right beats fast.
import { sha256 } from '@noble/hashes/sha2.js';

function hash(...parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return sha256(all);
}

/** k: the largest power of two smaller than n; n > 1. */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) over the raw entries (not their hashes). */
export function refRoot(entries: readonly Uint8Array[]): Uint8Array {
  const n = entries.length;
  if (n === 0) return sha256(new Uint8Array(0));
  if (n === 1) return hash(Uint8Array.of(0), entries[0]!);
  const k = split(n);
  return hash(Uint8Array.of(1), refRoot(entries.slice(0, k)), refRoot(entries.slice(k)));
}

/** PATH(m, D[n]): the audit path of entry m. */
export function refPath(m: number, entries: readonly Uint8Array[]): Uint8Array[] {
  const n = entries.length;
  if (n <= 1) return [];
  const k = split(n);
  if (m < k) return [...refPath(m, entries.slice(0, k)), refRoot(entries.slice(k))];
  return [...refPath(m - k, entries.slice(k)), refRoot(entries.slice(0, k))];
}

function subproof(m: number, entries: readonly Uint8Array[], b: boolean): Uint8Array[] {
  const n = entries.length;
  if (m === n) return b ? [] : [refRoot(entries)];
  const k = split(n);
  if (m <= k) return [...subproof(m, entries.slice(0, k), b), refRoot(entries.slice(k))];
  return [...subproof(m - k, entries.slice(k), false), refRoot(entries.slice(0, k))];
}

/** PROOF(m, D[n]): the consistency proof from the first m entries to all n. */
export function refConsistency(m: number, entries: readonly Uint8Array[]): Uint8Array[] {
  if (m === 0 || m === entries.length) return [];
  return subproof(m, entries, true);
}

/** Deterministic distinct entries 0..n-1 (as 'entry <i>' bytes). */
export function makeEntries(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => new TextEncoder().encode(`entry ${i}`));
}
