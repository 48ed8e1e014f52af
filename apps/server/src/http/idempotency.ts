import { createHash } from 'node:crypto';
import { ConflictError, ValidationError } from '@civdef/core';
import type { AppContext } from '../services/context.js';

export interface StoredReply {
  status: number;
  body: unknown;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** Validates an Idempotency-Key header value. */
export function checkIdempotencyKey(key: string): string {
  if (!KEY_PATTERN.test(key)) {
    throw new ValidationError([{ path: 'Idempotency-Key', message: 'must be 1-255 visible ASCII characters' }], 'headers');
  }
  return key;
}

function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${JSON.stringify(body ?? null)}`).digest('hex');
}

/**
 * Runs `work` once per (user, key): a retry with the same request gets the first answer back and writes
 * nothing; the same key with a different request is a conflict. Only successful answers are kept, since
 * a failed request wrote nothing and may be retried as it is.
 */
export async function withIdempotencyKey(
  ctx: AppContext,
  userId: string,
  key: string,
  req: { method: string; path: string; body: unknown },
  work: () => Promise<StoredReply>,
): Promise<StoredReply> {
  const hash = requestHash(req.method, req.path, req.body);
  const db = ctx.storage.db;
  const prior = await db.selectFrom('idempotency_keys').selectAll().where('user_id', '=', userId).where('key', '=', key).executeTakeFirst();
  if (prior) {
    if (prior.request_hash !== hash) {
      throw new ConflictError(`Idempotency-Key ${key} was already used for a different request`, { idempotency_key: key });
    }
    return { status: prior.status, body: JSON.parse(prior.body) };
  }
  const reply = await work();
  if (reply.status < 300) {
    await db
      .insertInto('idempotency_keys')
      .values({
        user_id: userId,
        key,
        method: req.method,
        path: req.path,
        request_hash: hash,
        status: reply.status,
        body: JSON.stringify(reply.body),
        created_at: ctx.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
      .execute();
  }
  return reply;
}
