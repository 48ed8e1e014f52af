import { describe, expect, it } from 'vitest';
import { backoffMs } from './backoff.js';
import { signBody, verifySignature } from './webhook-signature.js';

describe('webhook signatures', () => {
  it('are HMAC-SHA256 as RFC 4231 test case 2 gives it', () => {
    expect(signBody('Jefe', 'what do ya want for nothing?')).toBe('sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('verify only the exact body under the exact secret', () => {
    const sig = signBody('s3cret', '{"a":1}');
    expect(verifySignature('s3cret', '{"a":1}', sig)).toBe(true);
    expect(verifySignature('s3cret', '{"a":2}', sig)).toBe(false);
    expect(verifySignature('other', '{"a":1}', sig)).toBe(false);
    expect(verifySignature('s3cret', '{"a":1}', sig.slice(0, -1))).toBe(false);
    expect(verifySignature('s3cret', '{"a":1}', undefined)).toBe(false);
  });
});

describe('backoffMs', () => {
  const b = { baseMs: 1000, maxMs: 60_000 };
  it('doubles from the base up to the cap', () => {
    expect([1, 2, 3, 4, 7, 8, 50].map((n) => backoffMs(n, b, () => 0.5))).toEqual([1000, 2000, 4000, 8000, 60_000, 60_000, 60_000]);
  });
  it('spreads each delay by at most 20% either way', () => {
    expect(backoffMs(3, b, () => 0)).toBe(3200);
    expect(backoffMs(3, b, () => 0.999999)).toBe(4800);
  });
});
