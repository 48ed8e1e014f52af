import type { AttemptOutcome } from './webhook-outbox.js';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signBody } from './webhook-signature.js';

/** One delivery attempt as sent: the body wraps the queued payload with the attempt's own fields. */
export interface Attempt {
  deliveryId: string;
  /** 1 for the first attempt. */
  attempt: number;
  url: string;
  secret: string;
  payload: string;
  sentAt: Date;
}

/** The exact body of an attempt: the delivery's id, attempt number and send time, then the alert. */
export function attemptBody(a: Attempt): string {
  const delivery = { id: a.deliveryId, attempt: a.attempt, sent_at: a.sentAt.toISOString() };
  return JSON.stringify({ delivery, ...(JSON.parse(a.payload) as Record<string, unknown>) });
}

/**
 * POSTs one attempt, signed. Any 2xx is delivered; a redirect, another status, a network error or no answer
 * within `timeoutMs` is a failure to retry. Never throws.
 */
export async function sendAttempt(a: Attempt, timeoutMs: number): Promise<AttemptOutcome> {
  const body = attemptBody(a);
  try {
    const res = await fetch(a.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'civdef-webhooks',
        [SIGNATURE_HEADER]: signBody(a.secret, body),
        [TIMESTAMP_HEADER]: String(Math.floor(a.sentAt.getTime() / 1000)),
        [DELIVERY_HEADER]: a.deliveryId,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel();
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status, error: null };
    return { ok: false, status: res.status, error: `HTTP ${res.status}` };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { ok: false, status: null, error: why.slice(0, 500) };
  }
}
