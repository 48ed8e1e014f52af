import * as crypto from 'node:crypto';

type OneShot = (algorithm: string, data: Uint8Array, outputEncoding: 'buffer') => Buffer;
// crypto.hash (Node 20.12+) skips the Hash object: for the log's small inputs (65-byte interior nodes, a
// few hundred bytes of leaf JSON) it is markedly faster than createHash (see npm run bench:evidence).
const oneShot = (crypto as unknown as { hash?: OneShot }).hash;

/** SHA-256 by node:crypto (OpenSSL), several times faster than a pure-JS one for the server's bulk hashing. */
export const nodeSha256: (data: Uint8Array) => Uint8Array = oneShot
  ? (data) => oneShot('sha256', data, 'buffer')
  : (data) => crypto.createHash('sha256').update(data).digest();

const LEAF_PREFIX = Buffer.from([0]);

/** RFC 6962 leaf hash, SHA-256(0x00 || data). */
export function nodeLeafHash(data: Uint8Array): Uint8Array {
  return oneShot ? oneShot('sha256', Buffer.concat([LEAF_PREFIX, data]), 'buffer') : crypto.createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}
