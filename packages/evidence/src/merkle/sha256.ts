// The hash function is injectable so the server can hand in node:crypto's (several times faster on big
// inputs) while the browser uses noble's pure-JS one; both are SHA-256, so roots agree.
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

/** SHA-256 of the whole input, returning 32 fresh bytes. */
export type Sha256 = (data: Uint8Array) => Uint8Array;

/** Pure-JS SHA-256 (noble), safe in the browser. */
export const sha256: Sha256 = (data) => nobleSha256(data);

/** Width of every hash in the log. */
export const HASH_SIZE = 32;
