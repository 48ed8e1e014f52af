import { createHmac, timingSafeEqual } from 'node:crypto';

// Relays check that an alert came from us: HMAC-SHA256 (RFC 2104) keyed with the webhook's secret, over the
// exact body bytes, sent as `X-Civdef-Signature: sha256=<hex>`. The body carries its own send time, so a
// replayed old delivery is visible to a relay that checks it.

export const SIGNATURE_HEADER = 'x-civdef-signature';
export const TIMESTAMP_HEADER = 'x-civdef-timestamp';
export const DELIVERY_HEADER = 'x-civdef-delivery';

/** The signature header's value for `body`. Precondition: `secret` is the webhook's key. */
export function signBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Whether `header` is the signature of `body` under `secret` (compared in constant time). */
export function verifySignature(secret: string, body: string | Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const got = Buffer.from(header);
  return got.length === expected.length && timingSafeEqual(got, expected);
}
