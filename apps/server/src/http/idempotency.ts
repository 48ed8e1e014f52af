import { createHash } from 'node:crypto';
import { ConflictError, ValidationError } from '@civdef/core';
import type { AppContext } from '../services/context.js';
import { isUniqueViolation } from '../services/replay.js';

export interface StoredReply {
  status: number;
  body: unknown;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Status of a reserved key whose request is still running. */
const PENDING = 0;

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
 * nothing; the same key with a different request is a conflict. The key is reserved before the work runs,
 * so two copies in flight at once cannot both do it. Only successful answers are kept: a failed request
 * wrote nothing, so its key is freed and it may be retried as it is.
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
  const byKey = db.selectFrom('idempotency_keys').selectAll().where('user_id', '=', userId).where('key', '=', key);
  const prior = await byKey.executeTakeFirst();
  if (!prior) {
    try {
      await ctx.storage.write((tx) =>
        tx
          .insertInto('idempotency_keys')
          .values({ user_id: userId, key, method: req.method, path: req.path, request_hash: hash, status: PENDING, body: '', created_at: ctx.now().toISOString() })
          .execute(),
      );
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return answerFromPrior(key, hash, await byKey.executeTakeFirstOrThrow());
    }
    return runReserved(ctx, userId, key, work);
  }
  return answerFromPrior(key, hash, prior);
}

function answerFromPrior(key: string, hash: string, prior: { request_hash: string; status: number; body: string }): StoredReply {
  if (prior.request_hash !== hash) {
    throw new ConflictError(`Idempotency-Key ${key} was already used for a different request`, { idempotency_key: key });
  }
  if (prior.status === PENDING) {
    throw new ConflictError(`A request with Idempotency-Key ${key} is still being processed; retry in a moment`, { idempotency_key: key });
  }
  return { status: prior.status, body: JSON.parse(prior.body) };
}

async function runReserved(ctx: AppContext, userId: string, key: string, work: () => Promise<StoredReply>): Promise<StoredReply> {
  const mine = (tx: Parameters<Parameters<AppContext['storage']['write']>[0]>[0]) =>
    tx.updateTable('idempotency_keys').where('user_id', '=', userId).where('key', '=', key);
  let reply: StoredReply;
  try {
    reply = await work();
  } catch (err) {
    await ctx.storage.write((tx) => tx.deleteFrom('idempotency_keys').where('user_id', '=', userId).where('key', '=', key).execute());
    throw err;
  }
  if (reply.status < 300) {
    await ctx.storage.write((tx) => mine(tx).set({ status: reply.status, body: JSON.stringify(reply.body) }).execute());
  } else {
    await ctx.storage.write((tx) => tx.deleteFrom('idempotency_keys').where('user_id', '=', userId).where('key', '=', key).execute());
  }
  return reply;
}
