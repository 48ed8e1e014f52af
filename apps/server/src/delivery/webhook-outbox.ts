import { newUlid } from '@civdef/core';
import type { Insertable } from 'kysely';
import type { WebhookDeliveriesTable } from '../db/schema.js';
import { eventFromRow } from '../events/event-row.js';
import { SYSTEM_ACTOR, type AppContext } from '../services/context.js';
import { inTransaction, type Tx } from '../services/transaction.js';
import { ALERT_EVENT_TYPES, AlertEventError, publicAlert, readAlertEvent, type AlertEvent } from './alert-event.js';

// The durable outbox of webhook deliveries. Alert events are already durable in the events table; each
// webhook keeps a cursor into it, and queueing turns the events past the cursor into delivery rows and
// moves the cursor in one transaction, so a crash between the two neither loses nor doubles a delivery.

/** A delivery due now, with what it takes to send it. */
export interface DueDelivery {
  id: string;
  webhook_id: string;
  event_seq: number;
  payload: string;
  attempts: number;
  url: string;
  secret: string;
}

/** What one attempt came to. */
export interface AttemptOutcome {
  ok: boolean;
  /** The relay's HTTP status, or null when there was no answer. */
  status: number | null;
  error: string | null;
}

/** The JSON a relay receives for one alert event (before the delivery's own fields are added). */
export function webhookPayload(e: AlertEvent, publicUrl: string): Record<string, unknown> {
  const cap = `${publicUrl.replace(/\/+$/, '')}/api/v1/alerts/${encodeURIComponent(e.data.alert_id)}.cap`;
  return { event_id: e.id, ...publicAlert(e), cap_url: cap };
}

/** Queues the alert events past each live webhook's cursor, `batch` per webhook at most; returns how many were queued. */
export async function queueDeliveries(ctx: AppContext, publicUrl: string, batch = 500): Promise<number> {
  const db = ctx.storage.db;
  const hooks = await db.selectFrom('webhooks').select(['id', 'after_seq']).where('deleted_at', 'is', null).execute();
  let queued = 0;
  for (const hook of hooks) {
    const rows = await db
      .selectFrom('events')
      .selectAll()
      .where('type', 'in', ALERT_EVENT_TYPES)
      .where('seq', '>', Number(hook.after_seq))
      .orderBy('seq')
      .limit(batch)
      .execute();
    if (!rows.length) continue;
    const at = ctx.now().toISOString();
    const values: Insertable<WebhookDeliveriesTable>[] = [];
    for (const row of rows) {
      try {
        const e = readAlertEvent(eventFromRow(row))!;
        values.push({
          id: newUlid(),
          webhook_id: hook.id,
          event_seq: e.seq,
          event_id: e.id,
          payload: JSON.stringify(webhookPayload(e, publicUrl)),
          status: 'pending',
          attempts: 0,
          next_attempt_at: at,
          last_status: null,
          last_error: null,
          created_at: at,
          finished_at: null,
        });
      } catch (err) {
        if (!(err instanceof AlertEventError)) throw err;
        ctx.log.error({ err }, 'webhooks: skipped an alert event that breaks the contract');
      }
    }
    const last = Number(rows[rows.length - 1]!.seq);
    await ctx.storage.write(async (tx) => {
      if (values.length) {
        await tx
          .insertInto('webhook_deliveries')
          .values(values)
          .onConflict((oc) => oc.columns(['webhook_id', 'event_seq']).doNothing())
          .execute();
      }
      await tx.updateTable('webhooks').set({ after_seq: last }).where('id', '=', hook.id).where('after_seq', '<', last).execute();
    });
    queued += values.length;
  }
  return queued;
}

/** Pending deliveries due at `now` to live webhooks, the most overdue first. */
export async function dueDeliveries(ctx: AppContext, now: Date, limit: number): Promise<DueDelivery[]> {
  const rows = await ctx.storage.db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
    .select(['d.id', 'd.webhook_id', 'd.event_seq', 'd.payload', 'd.attempts', 'w.url', 'w.secret'])
    .where('d.status', '=', 'pending')
    .where('d.next_attempt_at', '<=', now.toISOString())
    .where('w.deleted_at', 'is', null)
    .orderBy('d.next_attempt_at')
    .orderBy('d.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, event_seq: Number(r.event_seq) }));
}

/** Records a delivered attempt, or a failed one to try again at `retryAt`. */
export async function recordAttempt(ctx: AppContext, d: DueDelivery, outcome: AttemptOutcome, retryAt: Date | null): Promise<void> {
  const at = ctx.now().toISOString();
  await ctx.storage.write((tx) =>
    tx
      .updateTable('webhook_deliveries')
      .set({
        attempts: d.attempts + 1,
        last_status: outcome.status,
        last_error: outcome.error,
        ...(outcome.ok ? { status: 'delivered' as const, finished_at: at } : { next_attempt_at: (retryAt ?? ctx.now()).toISOString() }),
      })
      .where('id', '=', d.id)
      .where('status', '=', 'pending')
      .execute(),
  );
}

/** Gives a delivery up after its last failed attempt, as an event: a relay that never got an alert is part of the record. */
export async function giveUp(ctx: AppContext, d: DueDelivery, outcome: AttemptOutcome): Promise<void> {
  await inTransaction(ctx, SYSTEM_ACTOR, async (tx: Tx) => {
    const done = await tx.db
      .updateTable('webhook_deliveries')
      .set({ status: 'failed', attempts: d.attempts + 1, last_status: outcome.status, last_error: outcome.error, finished_at: tx.at })
      .where('id', '=', d.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) return; // deleted meanwhile: nothing to give up
    await tx.emit({
      type: 'webhook.delivery-failed',
      subjectType: 'webhook',
      subjectId: d.webhook_id,
      data: { delivery_id: d.id, event_seq: d.event_seq, attempts: d.attempts + 1, last_status: outcome.status, last_error: outcome.error },
    });
  });
}
