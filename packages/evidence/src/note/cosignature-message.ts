// The message a tlog-cosignature v1 (Ed25519, type 0x04) witness signs, and its timestamped_signature
// encoding (c2sp.org/tlog-cosignature): u64 big-endian POSIX seconds, then the 64-byte signature.

/** "cosignature/v1\ntime <t>\n" followed by the checkpoint text; t is a safe non-negative integer. */
export function cosignatureMessage(checkpointText: string, timestamp: number): string {
  return `cosignature/v1\ntime ${timestamp}\n${checkpointText}`;
}

/** timestamp || signature as 72 bytes; timestamp is a safe non-negative integer. */
export function encodeTimestampedSignature(timestamp: number, signature: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + signature.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(timestamp));
  out.set(signature, 8);
  return out;
}

/** Splits a 72-byte timestamped Ed25519 signature; undefined if the size or timestamp is out of range. */
export function decodeTimestampedSignature(bytes: Uint8Array): { timestamp: number; signature: Uint8Array } | undefined {
  if (bytes.length !== 72) return undefined;
  const t = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0);
  // The spec caps timestamps at 2^63-1; a JS number is exact only to 2^53-1, far beyond any real clock.
  if (t > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return { timestamp: Number(t), signature: bytes.slice(8) };
}
