// Supply requests: a team in the field asks ("need supplies"), the ops room answers. Fulfilling one from a
// centre's stock takes the items through the supply ledger, so the stock never goes below zero (409 naming
// what is there, and nothing written), in the same transaction as the request's change and their events.
import { ConflictError, NotFoundError, ValidationError, type SupplyLine, type SupplyRequest, type SupplyRequestCreate, type SupplyRequestFulfil } from '@civdef/core';
import type { Selectable } from 'kysely';
import type { SupplyRequestsTable } from '../db/schema.js';
import { reportedTime } from '../fieldwork/times.js';
import type { Actor, AppContext } from './context.js';
import { mustExist, type Created } from './organisation.js';
import { isReplay, retryOnUniqueViolation } from './replay.js';
import { applyMovement } from './supply-ledger.js';
import { inTransaction, type Tx } from './transaction.js';

function view(row: Selectable<SupplyRequestsTable>): SupplyRequest {
  return { ...row, items: JSON.parse(row.items) as SupplyLine[], sent: JSON.parse(row.sent) as SupplyLine[], status: row.status as SupplyRequest['status'] };
}

async function lock(tx: Tx, dialect: AppContext['storage']['dialect'], id: string): Promise<Selectable<SupplyRequestsTable>> {
  const row = await tx.db.selectFrom('supply_requests').selectAll().where('id', '=', id).$if(dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
  if (!row) throw new NotFoundError('supply request', id);
  return row;
}

/** Records a request from the field. A retry with the same id and body returns the stored one; another body is a 409. */
export function createSupplyRequest(ctx: AppContext, actor: Actor, input: SupplyRequestCreate): Promise<Created<SupplyRequest>> {
  return retryOnUniqueViolation(() =>
    inTransaction(ctx, actor, async (tx) => {
      const given = {
        note: input.note,
        items: JSON.stringify(input.items ?? []),
        unit_id: input.unit_id ?? null,
        incident_id: input.incident_id ?? null,
        lat: input.lat ?? null,
        lon: input.lon ?? null,
        // Without a time of its own, a retry cannot differ in it.
        ...(input.requested_at ? { requested_at: reportedTime(input.requested_at, tx.at, 'requested_at') } : {}),
      };
      const prior = await tx.db.selectFrom('supply_requests').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (isReplay('supply request', input.id, prior, given)) return { record: view(prior!), created: false };
      let centreId: string | null = null;
      if (input.unit_id) {
        const unit = await tx.db.selectFrom('units').select('centre_id').where('id', '=', input.unit_id).executeTakeFirst();
        if (!unit) throw new NotFoundError('unit', input.unit_id);
        centreId = unit.centre_id;
      }
      if (input.incident_id) await mustExist(tx.db, 'incidents', input.incident_id);
      const row = {
        id: input.id,
        requested_at: tx.at,
        ...given,
        centre_id: centreId,
        requested_by: actor.userId,
        status: 'open',
        decided_at: null,
        decided_by: null,
        decision_note: null,
        fulfilled_from_centre_id: null,
        sent: '[]',
        created_at: tx.at,
      };
      await tx.db.insertInto('supply_requests').values(row).execute();
      const record = view(row);
      await tx.emit({ type: 'supply.requested', subjectType: 'supply-request', subjectId: input.id, data: { ...record } });
      return { record, created: true };
    }),
  );
}

/** Requests, newest first. Precondition: limit 1-1000. */
export async function listSupplyRequests(
  ctx: AppContext,
  filter: { status?: SupplyRequest['status'] | undefined; centre_id?: string | undefined; limit: number },
): Promise<SupplyRequest[]> {
  let q = ctx.storage.db.selectFrom('supply_requests').selectAll();
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.centre_id) q = q.where('centre_id', '=', filter.centre_id);
  return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute()).map(view);
}

/** One request. Precondition: none (404 when absent). */
export async function getSupplyRequest(ctx: AppContext, id: string): Promise<SupplyRequest> {
  const row = await ctx.storage.db.selectFrom('supply_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('supply request', id);
  return view(row);
}

/** A decided request: the same decision again is a no-op (true); any other is a 409 naming what was decided. */
function alreadyDecided(row: Selectable<SupplyRequestsTable>, decision: Record<string, unknown>): boolean {
  if (row.status === 'open') return false;
  const stored = row as unknown as Record<string, unknown>;
  if (Object.entries(decision).every(([k, v]) => JSON.stringify(stored[k] ?? null) === JSON.stringify(v ?? null))) return true;
  throw new ConflictError(`Supply request ${row.id} was already ${row.status} at ${row.decided_at}`, { id: row.id, status: row.status, decided_at: row.decided_at, decided_by: row.decided_by });
}

/**
 * Marks a request fulfilled; with a centre, its items (or those given) leave that centre's stock as consumptions
 * referring to the request. Precondition: input passed SupplyRequestFulfil.
 */
export function fulfilSupplyRequest(ctx: AppContext, actor: Actor, id: string, input: SupplyRequestFulfil): Promise<SupplyRequest> {
  return inTransaction(ctx, actor, async (tx) => {
    const row = await lock(tx, ctx.storage.dialect, id);
    const sent = input.centre_id ? (input.items ?? (JSON.parse(row.items) as SupplyLine[])) : [];
    const decision = { status: 'fulfilled', fulfilled_from_centre_id: input.centre_id ?? null, sent: JSON.stringify(sent), decision_note: input.note ?? null };
    if (alreadyDecided(row, decision)) return view(row);
    if (input.centre_id) {
      if (!sent.length) throw new ValidationError([{ path: 'items', message: 'the request lists no items: say what was sent' }], 'body');
      await mustExist(tx.db, 'centres', input.centre_id);
      for (const line of sent) {
        const movement = await applyMovement(tx, ctx.storage.dialect, actor, {
          centre_id: input.centre_id,
          item: line.item,
          kind: 'consumption',
          delta: -line.quantity,
          incident_id: row.incident_id,
          ref_type: 'supply-request',
          ref_id: id,
          note: input.note ?? null,
        });
        await tx.emit({ type: 'supply.consumed', subjectType: 'centre', subjectId: input.centre_id, data: { ...movement } });
      }
    }
    const next = { ...row, ...decision, decided_at: tx.at, decided_by: actor.userId };
    await tx.db.updateTable('supply_requests').set({ ...decision, decided_at: tx.at, decided_by: actor.userId }).where('id', '=', id).execute();
    const record = view(next);
    await tx.emit({ type: 'supply.request-fulfilled', subjectType: 'supply-request', subjectId: id, data: { ...record } });
    return record;
  });
}

/** Refuses a request with a reason the requester reads. Precondition: reason non-empty. */
export function refuseSupplyRequest(ctx: AppContext, actor: Actor, id: string, input: { reason: string }): Promise<SupplyRequest> {
  return inTransaction(ctx, actor, async (tx) => {
    const row = await lock(tx, ctx.storage.dialect, id);
    const decision = { status: 'refused', decision_note: input.reason };
    if (alreadyDecided(row, decision)) return view(row);
    const next = { ...row, ...decision, decided_at: tx.at, decided_by: actor.userId };
    await tx.db.updateTable('supply_requests').set({ ...decision, decided_at: tx.at, decided_by: actor.userId }).where('id', '=', id).execute();
    const record = view(next);
    await tx.emit({ type: 'supply.request-refused', subjectType: 'supply-request', subjectId: id, data: { ...record } });
    return record;
  });
}
