/** Exponential backoff with jitter. */
export interface Backoff {
  /** The first retry's delay, ms. */
  baseMs: number;
  /** No delay is longer, ms. */
  maxMs: number;
}

/**
 * The delay before retry number `attempt` (1 = the first retry): base * 2^(attempt-1), capped, then spread
 * by +-20% so relays that failed together do not all come back at once. Preconditions: attempt >= 1,
 * 0 <= random() < 1.
 */
export function backoffMs(attempt: number, b: Backoff, random: () => number = Math.random): number {
  const exact = Math.min(b.maxMs, b.baseMs * 2 ** Math.min(attempt - 1, 40));
  return Math.round(exact * (0.8 + 0.4 * random()));
}
