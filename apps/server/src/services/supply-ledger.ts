// The one place a stock changes: every movement is a row in supply_movements with the quantity after it, in the
// same transaction as the stock row it changes, and no movement may take a stock below zero.
import { ConflictError, newUlid, SUPPLY_UNITS, type SupplyItem, type SupplyMovement } from '@civdef/core';
import { round3 } from '../fieldwork/quantity.js';
import { stockAfter } from '../fieldwork/stock-outlook.js';
import type { Actor, AppContext } from './context.js';
import type { Tx } from './transaction.js';

export interface MovementInput {
  id?: string | undefined;
  centre_id: string;
  item: SupplyItem;
  kind: SupplyMovement['kind'];
  /** The change; for a count, the counted quantity minus the stock before. */
  delta: number;
  other_centre_id?: string | null;
  incident_id?: string | null;
  ref_type?: string | null;
  ref_id?: string | null;
  note?: string | null;
  at?: string;
}

/** What is in stock now (0 when the item was never recorded), locking the row on PostgreSQL. Precondition: inside tx. */
export async function lockStock(tx: Tx, dialect: AppContext['storage']['dialect'], centreId: string, item: SupplyItem): Promise<{ quantity: number; exists: boolean }> {
  const row = await tx.db
    .selectFrom('supply_stock')
    .select('quantity')
    .where('centre_id', '=', centreId)
    .where('item', '=', item)
    .$if(dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
  return { quantity: row ? Number(row.quantity) : 0, exists: row !== undefined };
}

const amount = (item: SupplyItem, q: number) => `${q} ${SUPPLY_UNITS[item] === 'litre' ? 'l' : ''}`.trim();

/**
 * Applies one movement to a stock, or throws a 409 naming what is there when it would go below zero.
 * A missing stock row is inserted, not upserted: two first movements racing on PostgreSQL collide on the key
 * and the loser runs again (retryOnUniqueViolation) instead of overwriting. Precondition: inside tx; centre exists.
 */
export async function applyMovement(tx: Tx, dialect: AppContext['storage']['dialect'], actor: Actor, m: MovementInput): Promise<SupplyMovement> {
  const stock = await lockStock(tx, dialect, m.centre_id, m.item);
  const after = stockAfter(stock.quantity, m.delta);
  if (after === null) {
    throw new ConflictError(`Only ${amount(m.item, stock.quantity)} of ${m.item} in stock at centre ${m.centre_id}; ${amount(m.item, -m.delta)} cannot be taken`, {
      centre_id: m.centre_id,
      item: m.item,
      available: stock.quantity,
      requested: -m.delta,
    });
  }
  if (stock.exists) {
    await tx.db.updateTable('supply_stock').set({ quantity: after, updated_at: tx.at }).where('centre_id', '=', m.centre_id).where('item', '=', m.item).execute();
  } else {
    await tx.db.insertInto('supply_stock').values({ centre_id: m.centre_id, item: m.item, quantity: after, updated_at: tx.at }).execute();
  }
  const movement: SupplyMovement = {
    id: m.id ?? newUlid(),
    centre_id: m.centre_id,
    item: m.item,
    kind: m.kind,
    delta: round3(after - stock.quantity),
    quantity_after: after,
    other_centre_id: m.other_centre_id ?? null,
    incident_id: m.incident_id ?? null,
    ref_type: m.ref_type ?? null,
    ref_id: m.ref_id ?? null,
    note: m.note ?? null,
    at: m.at ?? tx.at,
    actor_id: actor.userId,
  };
  await tx.db.insertInto('supply_movements').values(movement).execute();
  return movement;
}

/**
 * Uses one body bag for a dead victim. A body is never refused for want of a bag: with none in stock the
 * shortage is recorded as its own event instead, and the stock stays at zero.
 * Precondition: inside tx; the centre exists.
 */
export async function useBodyBag(
  tx: Tx,
  dialect: AppContext['storage']['dialect'],
  actor: Actor,
  input: { centre_id: string; victim_id: string; incident_id: string },
): Promise<{ consumed: boolean }> {
  const stock = await lockStock(tx, dialect, input.centre_id, 'body-bag');
  const ref = { incident_id: input.incident_id, ref_type: 'victim', ref_id: input.victim_id };
  if (stock.quantity < 1) {
    await tx.emit({
      type: 'supply.shortage',
      subjectType: 'centre',
      subjectId: input.centre_id,
      data: { centre_id: input.centre_id, item: 'body-bag', needed: 1, available: stock.quantity, ...ref },
    });
    return { consumed: false };
  }
  const movement = await applyMovement(tx, dialect, actor, { centre_id: input.centre_id, item: 'body-bag', kind: 'consumption', delta: -1, ...ref });
  await tx.emit({ type: 'supply.consumed', subjectType: 'centre', subjectId: input.centre_id, data: { ...movement } });
  return { consumed: true };
}
