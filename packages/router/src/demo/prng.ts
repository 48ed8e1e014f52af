// A small seeded PRNG (mulberry32: 32-bit state, one multiply-xorshift round per draw). The demo city
// must be identical for a seed on every machine and Node version, which Math.random cannot promise.

export class Prng {
  private state: number;

  /** A generator for a seed. Precondition: any number (it is reduced to 32 bits). */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). Precondition: none. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [lo, hi). Precondition: lo <= hi. */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [lo, hi]. Precondition: integers lo <= hi. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. Precondition: 0 <= p <= 1. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A uniformly chosen element. Precondition: items is not empty. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}
