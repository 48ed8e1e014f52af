import { randomBytes } from 'node:crypto';
import { NotFoundError, type Webhook, type WebhookCreate, type WebhookCreated } from '@civdef/core';
import type { Selectable } from 'kysely';
import type { WebhooksTable } from '../db/schema.js';
import type { Actor, AppContext } from '../services/context.js';
import type { Created } from '../services/organisation.js';
import { isReplay, retryOnUniqueViolation } from '../services/replay.js';
import { inTransaction } from '../services/transaction.js';

// The relays an admin has configured: each receives every alert event from its creation on.

type Stats = Webhook['deliveries'];
const NO_DELIVERIES: Stats = { pending: 0, delivered: 0, failed: 0, last_failure: null };

/** The URL as the audit trail shows it: a query string or fragment may hold a relay's token, so they are left out. */
export function redactedUrl(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

function asWebhook(row: Selectable<WebhooksTable>, deliveries: Stats): Webhook {
  return { id: row.id, name: row.name, url: row.url, created_by: row.created_by, created_at: row.created_at, deleted_at: row.deleted_at, deliveries };
}

/** Configures a relay and makes its signing secret, returned this once. A retry with the same id returns it without the secret. */
export async function createWebhook(ctx: AppContext, actor: Actor, input: WebhookCreate): Promise<Created<WebhookCreated>> {
  const made = await retryOnUniqueViolation(() =>
    inTransaction(ctx, actor, async (tx) => {
      const prior = await tx.db.selectFrom('webhooks').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (isReplay('webhook', input.id, prior, { name: input.name, url: input.url })) return null;
      await tx.emit({ type: 'webhook.created', subjectType: 'webhook', subjectId: input.id, data: { name: input.name, url: redactedUrl(input.url) } });
      // Alerts from now on: the seq just taken (ours) is the last one this relay is not sent.
      const top = await tx.db.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow();
      const row = {
        id: input.id,
        name: input.name,
        url: input.url,
        secret: randomBytes(32).toString('base64url'),
        after_seq: Number(top.seq),
        created_by: actor.userId,
        created_at: tx.at,
        deleted_at: null,
      };
      await tx.db.insertInto('webhooks').values(row).execute();
      return { record: { ...asWebhook(row, NO_DELIVERIES), secret: row.secret }, created: true };
    }),
  );
  if (made) return made;
  // A replay: read outside the transaction (on SQLite a read through ctx inside it would wait on itself).
  const row = await ctx.storage.db.selectFrom('webhooks').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow();
  return { record: { ...asWebhook(row, await statsOf(ctx, input.id)), secret: null }, created: false };
}

/** Webhooks not deleted, oldest first, with their delivery counts. */
export async function listWebhooks(ctx: AppContext): Promise<Webhook[]> {
  const rows = await ctx.storage.db.selectFrom('webhooks').selectAll().where('deleted_at', 'is', null).orderBy('created_at').orderBy('id').execute();
  return Promise.all(rows.map(async (r) => asWebhook(r, await statsOf(ctx, r.id))));
}

/** Stops a relay's deliveries, pending ones included. Deleting one already deleted returns it unchanged. */
export async function deleteWebhook(ctx: AppContext, actor: Actor, id: string): Promise<Webhook> {
  const row = await inTransaction(ctx, actor, async (tx) => {
    const prior = await tx.db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
    if (!prior) throw new NotFoundError('webhook', id);
    if (prior.deleted_at) return prior;
    await tx.db.updateTable('webhooks').set({ deleted_at: tx.at }).where('id', '=', id).execute();
    const cancelled = await tx.db
      .updateTable('webhook_deliveries')
      .set({ status: 'cancelled', finished_at: tx.at })
      .where('webhook_id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    await tx.emit({ type: 'webhook.deleted', subjectType: 'webhook', subjectId: id, data: { pending_cancelled: Number(cancelled.numUpdatedRows) } });
    return { ...prior, deleted_at: tx.at };
  });
  return asWebhook(row, await statsOf(ctx, id));
}

async function statsOf(ctx: AppContext, webhookId: string): Promise<Stats> {
  const db = ctx.storage.db;
  const counts = await db
    .selectFrom('webhook_deliveries')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('webhook_id', '=', webhookId)
    .groupBy('status')
    .execute();
  const n = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
  const last = await db
    .selectFrom('webhook_deliveries')
    .select('last_error')
    .where('webhook_id', '=', webhookId)
    .where('status', '=', 'failed')
    .orderBy('finished_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { pending: n('pending'), delivered: n('delivered'), failed: n('failed'), last_failure: last?.last_error ?? null };
}
