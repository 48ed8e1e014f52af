import { SUPPLY_UNITS, type SupplyItem, type SupplyMovement, type SupplyStock } from '@civdef/core';
import { RATE_WINDOW_DAYS, stockOutlook } from '../fieldwork/stock-outlook.js';
import type { Actor, AppContext } from './context.js';
import { mustExist, type Created } from './organisation.js';
import { isReplay, retryOnUniqueViolation } from './replay.js';
import { applyMovement, lockStock } from './supply-ledger.js';
import { inTransaction, type Tx } from './transaction.js';

interface Base {
  id: string;
  centre_id: string;
  item: SupplyItem;
  note?: string | undefined;
}

/** The stored movement with this id, if the request is a replay of one already applied; 409 for another use of the id. */
async function replayOf(tx: Tx, id: string, expected: Record<string, unknown>): Promise<SupplyMovement | undefined> {
  const prior = await tx.db.selectFrom('supply_movements').selectAll().where('id', '=', id).executeTakeFirst();
  return isReplay('supply movement', id, prior, expected) ? (prior as SupplyMovement) : undefined;
}

/** Runs a stock change as one idempotent transaction with its event. */
function movementTx(
  ctx: AppContext,
  actor: Actor,
  input: Base,
  expected: Record<string, unknown>,
  work: (tx: Tx) => Promise<{ movement: SupplyMovement; event: string; data?: Record<string, unknown> }>,
): Promise<Created<SupplyMovement>> {
  return retryOnUniqueViolation(() =>
    inTransaction(ctx, actor, async (tx) => {
      const prior = await replayOf(tx, input.id, { centre_id: input.centre_id, item: input.item, ...expected });
      if (prior) return { record: prior, created: false };
      await mustExist(tx.db, 'centres', input.centre_id);
      const { movement, event, data } = await work(tx);
      await tx.emit({ type: event, subjectType: 'centre', subjectId: movement.centre_id, data: { ...movement, ...data } });
      return { record: movement, created: true };
    }),
  );
}

/** Records a count: the stock becomes what was counted on the shelf. */
export function countStock(ctx: AppContext, actor: Actor, input: Base & { quantity: number }): Promise<Created<SupplyMovement>> {
  return movementTx(ctx, actor, input, { kind: 'count', quantity_after: input.quantity }, async (tx) => {
    const { quantity } = await lockStock(tx, ctx.storage.dialect, input.centre_id, input.item);
    const movement = await applyMovement(tx, ctx.storage.dialect, actor, { ...input, kind: 'count', delta: input.quantity - quantity });
    return { movement, event: 'supply.counted' };
  });
}

/** Records a delivery received at a centre. */
export function receiveStock(ctx: AppContext, actor: Actor, input: Base & { quantity: number; source?: string | undefined }): Promise<Created<SupplyMovement>> {
  const note = [input.source && `from ${input.source}`, input.note].filter(Boolean).join('; ') || null;
  return movementTx(ctx, actor, input, { kind: 'receipt', delta: input.quantity }, async (tx) => ({
    movement: await applyMovement(tx, ctx.storage.dialect, actor, { ...input, kind: 'receipt', delta: input.quantity, note }),
    event: 'supply.received',
  }));
}

/** Moves stock from one centre to another: never more than the sending centre holds (409). */
export function transferStock(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; from_centre_id: string; to_centre_id: string; item: SupplyItem; quantity: number; note?: string | undefined },
): Promise<Created<SupplyMovement>> {
  const base = { id: input.id, centre_id: input.from_centre_id, item: input.item, note: input.note };
  return movementTx(ctx, actor, base, { kind: 'transfer-out', delta: -input.quantity, other_centre_id: input.to_centre_id }, async (tx) => {
    await mustExist(tx.db, 'centres', input.to_centre_id);
    const out = await applyMovement(tx, ctx.storage.dialect, actor, { ...base, kind: 'transfer-out', delta: -input.quantity, other_centre_id: input.to_centre_id });
    const into = await applyMovement(tx, ctx.storage.dialect, actor, {
      centre_id: input.to_centre_id,
      item: input.item,
      kind: 'transfer-in',
      delta: input.quantity,
      other_centre_id: input.from_centre_id,
      ref_type: 'transfer',
      ref_id: input.id,
      note: input.note ?? null,
    });
    return { movement: out, event: 'supply.transferred', data: { to_movement_id: into.id, to_quantity_after: into.quantity_after } };
  });
}

/** Records stock used on an operation: never more than the centre holds (409: count it first if the shelf says otherwise). */
export function consumeStock(
  ctx: AppContext,
  actor: Actor,
  input: Base & { quantity: number; incident_id?: string | undefined },
): Promise<Created<SupplyMovement>> {
  return movementTx(ctx, actor, input, { kind: 'consumption', delta: -input.quantity }, async (tx) => {
    if (input.incident_id) await mustExist(tx.db, 'incidents', input.incident_id);
    return {
      movement: await applyMovement(tx, ctx.storage.dialect, actor, { ...input, kind: 'consumption', delta: -input.quantity, incident_id: input.incident_id ?? null }),
      event: 'supply.consumed',
    };
  });
}

/** Stocks with their outlook at the recent rate; one centre's or all. Precondition: none. */
export async function listStocks(ctx: AppContext, filter: { centre_id?: string | undefined }): Promise<SupplyStock[]> {
  const db = ctx.storage.db;
  const nowMs = ctx.now().getTime();
  const since = new Date(nowMs - RATE_WINDOW_DAYS * 86_400_000).toISOString();
  let stocks = db.selectFrom('supply_stock').selectAll();
  if (filter.centre_id) stocks = stocks.where('centre_id', '=', filter.centre_id);
  const rows = await stocks.orderBy('centre_id').orderBy('item').execute();
  let used = db
    .selectFrom('supply_movements')
    .select(['centre_id', 'item', (eb) => eb.fn.sum<number>('delta').as('delta')])
    .where('kind', 'in', ['consumption', 'refuel'])
    .where('at', '>=', since)
    .groupBy(['centre_id', 'item']);
  let first = db.selectFrom('supply_movements').select(['centre_id', 'item', (eb) => eb.fn.min<string>('at').as('at')]).groupBy(['centre_id', 'item']);
  if (filter.centre_id) {
    used = used.where('centre_id', '=', filter.centre_id);
    first = first.where('centre_id', '=', filter.centre_id);
  }
  const key = (r: { centre_id: string; item: string }) => `${r.centre_id}/${r.item}`;
  const usedBy = new Map((await used.execute()).map((r) => [key(r), -Number(r.delta)]));
  const firstBy = new Map((await first.execute()).map((r) => [key(r), Date.parse(r.at)]));
  return rows.map((r) => {
    const item = r.item as SupplyItem;
    const quantity = Number(r.quantity);
    const used7 = Math.round((usedBy.get(key(r)) ?? 0) * 1000) / 1000;
    return { centre_id: r.centre_id, item, unit: SUPPLY_UNITS[item], quantity, used_7d: used7, ...stockOutlook(quantity, used7, firstBy.get(key(r)) ?? nowMs, nowMs), updated_at: r.updated_at };
  });
}

/** Movements, newest first. Precondition: limit 1-1000. */
export async function listMovements(
  ctx: AppContext,
  filter: { centre_id?: string | undefined; item?: SupplyItem | undefined; since?: string | undefined; limit: number },
): Promise<SupplyMovement[]> {
  if (filter.centre_id) await mustExist(ctx.storage.db, 'centres', filter.centre_id);
  let q = ctx.storage.db.selectFrom('supply_movements').selectAll();
  if (filter.centre_id) q = q.where('centre_id', '=', filter.centre_id);
  if (filter.item) q = q.where('item', '=', filter.item);
  if (filter.since) q = q.where('at', '>=', new Date(filter.since).toISOString());
  const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map((r) => ({ ...r, item: r.item as SupplyItem, kind: r.kind as SupplyMovement['kind'], delta: Number(r.delta), quantity_after: Number(r.quantity_after) }));
}
