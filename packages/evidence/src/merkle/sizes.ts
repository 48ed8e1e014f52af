// Tree arithmetic on plain numbers. Sizes reach 2^53 - 1, past the 32 bits that JS bit operators keep,
// so everything here uses division and remainder, which are exact on safe integers.
import { ProofShapeError } from '../errors.js';

/** Throws ProofShapeError unless value is a safe integer >= min. */
export function assertCount(name: string, value: number, min = 0): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new ProofShapeError(`${name} must be an integer from ${min} to 2^53-1, got ${String(value)}`, {
      [name]: String(value),
    });
  }
}

/** Largest power of two <= x; x is a safe integer >= 1. */
export function largestPowerOfTwoAtMost(x: number): number {
  let p = 2 ** Math.floor(Math.log2(x));
  // log2 rounds near powers of two for large x; correct the estimate either way.
  while (p > x) p /= 2;
  while (p * 2 <= x) p *= 2;
  return p;
}

/** RFC 6962's split k: the largest power of two strictly below n; n >= 2. */
export function splitPoint(n: number): number {
  return largestPowerOfTwoAtMost(n - 1);
}

/** True when x is odd; exact for safe integers. */
export function isOdd(x: number): boolean {
  return x % 2 === 1;
}

/** floor(x / 2) without 32-bit truncation. */
export function half(x: number): number {
  return Math.floor(x / 2);
}

/** True when x (a safe integer >= 1) is a power of two. */
export function isPowerOfTwo(x: number): boolean {
  return largestPowerOfTwoAtMost(x) === x;
}
