// RFC 6962 section 2.1 / RFC 9162 section 2.1.1: domain-separated leaf and interior hashes, so a leaf can
// never be passed off as an interior node (second-preimage resistance).
import { type Sha256, sha256 as defaultSha256 } from './sha256.js';

/** Root of the empty tree: SHA-256 of the empty string (RFC 6962 section 2.1). */
export const EMPTY_ROOT: Uint8Array = defaultSha256(new Uint8Array(0));

/** SHA-256(0x00 || data): the hash of one log entry. */
export function leafHash(data: Uint8Array, sha256: Sha256 = defaultSha256): Uint8Array {
  const buf = new Uint8Array(data.length + 1);
  buf.set(data, 1);
  return sha256(buf);
}

/** SHA-256(0x01 || left || right): an interior node; both inputs are 32-byte hashes. */
export function nodeHash(left: Uint8Array, right: Uint8Array, sha256: Sha256 = defaultSha256): Uint8Array {
  const buf = new Uint8Array(1 + left.length + right.length);
  buf[0] = 1;
  buf.set(left, 1);
  buf.set(right, 1 + left.length);
  return sha256(buf);
}
