import { RateLimitedError } from '@civdef/core';

export interface RateLimiter {
  /** Records one attempt for `key`; throws RateLimitedError when the key is over its limit. */
  hit(key: string, nowMs: number): void;
  /** Forgets `key` (after a successful login). */
  reset(key: string): void;
}

/** Fixed-window limiter in memory: at most `limit` attempts per `windowMs` per key. */
export function createRateLimiter(limit: number, windowMs: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key, nowMs) {
      let w = windows.get(key);
      if (!w || nowMs - w.start >= windowMs) {
        w = { start: nowMs, count: 0 };
        windows.set(key, w);
        if (windows.size > 10_000) pruneExpired(windows, nowMs, windowMs);
      }
      w.count++;
      if (w.count > limit) throw new RateLimitedError(Math.ceil((w.start + windowMs - nowMs) / 1000));
    },
    reset(key) {
      windows.delete(key);
    },
  };
}

function pruneExpired(windows: Map<string, { start: number }>, nowMs: number, windowMs: number): void {
  for (const [k, w] of windows) if (nowMs - w.start >= windowMs) windows.delete(k);
}
