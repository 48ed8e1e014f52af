import { RateLimitedError } from '@civdef/core';
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.js';

describe('rate limiter', () => {
  it('allows the limit, refuses the next, and recovers after the window', () => {
    const rl = createRateLimiter(3, 60_000);
    for (let i = 0; i < 3; i++) rl.hit('a', 0);
    expect(() => rl.hit('a', 1000)).toThrow(RateLimitedError);
    try {
      rl.hit('a', 30_000);
    } catch (e) {
      expect((e as RateLimitedError).retryAfterSeconds).toBe(30);
    }
    expect(() => rl.hit('a', 60_000)).not.toThrow();
    expect(() => rl.hit('b', 1000)).not.toThrow();
  });

  it('forgets a key on reset', () => {
    const rl = createRateLimiter(1, 60_000);
    rl.hit('a', 0);
    rl.reset('a');
    expect(() => rl.hit('a', 1)).not.toThrow();
  });
});
