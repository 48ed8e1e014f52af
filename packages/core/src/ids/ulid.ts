// ULID (https://github.com/ulid/spec): 48-bit millisecond time + 80 random bits, Crockford base32.
// Made by whoever creates a record (a phone offline included), so a retried request names the same id.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_LEN = 10;
const RANDOM_LEN = 16;
const MAX_TIME = 2 ** 48 - 1;
// Random bytes are drawn from the CSPRNG a pool at a time: one call per id cost more than the rest of the id.
const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let poolAt = POOL_BYTES;

export const ULID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

/** Makes a new ULID. Precondition: `now` is a millisecond epoch in [0, 2^48). */
export function newUlid(now: number = Date.now()): string {
  if (!Number.isInteger(now) || now < 0 || now > MAX_TIME) throw new RangeError(`ULID time out of range: ${now}`);
  let time = '';
  let t = now;
  for (let i = 0; i < TIME_LEN; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  if (poolAt + RANDOM_LEN > POOL_BYTES) {
    globalThis.crypto.getRandomValues(pool);
    poolAt = 0;
  }
  let random = '';
  for (let i = poolAt; i < poolAt + RANDOM_LEN; i++) random += ALPHABET[pool[i]! & 31];
  poolAt += RANDOM_LEN;
  return time + random;
}

/** True when `value` is a canonical (upper-case) ULID. */
export function isUlid(value: string): boolean {
  return ULID_PATTERN.test(value);
}

/** The millisecond time encoded in a ULID. Precondition: isUlid(id). */
export function ulidTime(id: string): number {
  let t = 0;
  for (let i = 0; i < TIME_LEN; i++) t = t * 32 + ALPHABET.indexOf(id[i]!);
  return t;
}
