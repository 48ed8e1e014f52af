// Each centre decides whether dispatch may send its units without a dispatcher's click: off by default.
import type { DispatchPolicy } from '@civdef/core';
import type { Actor, AppContext } from './context.js';
import { prepared } from '../db/prepared.js';
import { mustExist } from './organisation.js';
import { inTransaction } from './transaction.js';

const OFF = { auto_dispatch: false, max_units: 3, updated_at: null, updated_by: null };

/** A centre's policy (off unless set). Throws NotFoundError for an unknown centre. Precondition: none. */
export async function getDispatchPolicy(ctx: AppContext, centreId: string): Promise<DispatchPolicy> {
  await mustExist(ctx.storage.db, 'centres', centreId);
  const row = await ctx.storage.db.selectFrom('dispatch_policies').selectAll().where('centre_id', '=', centreId).executeTakeFirst();
  return row ? { ...row, auto_dispatch: row.auto_dispatch === 1 } : { centre_id: centreId, ...OFF };
}

/** Sets a centre's policy; setting what is already set writes nothing. Precondition: input validated. */
export async function setDispatchPolicy(ctx: AppContext, actor: Actor, centreId: string, input: { auto_dispatch: boolean; max_units: number }): Promise<DispatchPolicy> {
  return inTransaction(ctx, actor, async (tx) => {
    await mustExist(tx.db, 'centres', centreId);
    const prior = await tx.db.selectFrom('dispatch_policies').selectAll().where('centre_id', '=', centreId).executeTakeFirst();
    if (prior && prior.auto_dispatch === Number(input.auto_dispatch) && prior.max_units === input.max_units) {
      return { ...prior, auto_dispatch: prior.auto_dispatch === 1 };
    }
    const row = { centre_id: centreId, auto_dispatch: Number(input.auto_dispatch), max_units: input.max_units, updated_at: tx.at, updated_by: actor.userId };
    if (prior) await tx.db.updateTable('dispatch_policies').set(row).where('centre_id', '=', centreId).execute();
    else await tx.db.insertInto('dispatch_policies').values(row).execute();
    await tx.emit({ type: 'dispatch.policy-set', subjectType: 'centre', subjectId: centreId, data: { auto_dispatch: input.auto_dispatch, max_units: input.max_units } });
    return { ...row, auto_dispatch: input.auto_dispatch };
  });
}

// Asked after every new incident: prepared once.
const autoDispatchOn = prepared((db, a: { on: number }) => db.selectFrom('dispatch_policies').select(['centre_id', 'max_units']).where('auto_dispatch', '=', a.on));

/** Centres with auto-dispatch on, with their limit per incident. Precondition: none. */
export async function autoDispatchCentres(ctx: AppContext): Promise<Map<string, number>> {
  const rows = await autoDispatchOn(ctx.storage.db, { on: 1 });
  return new Map(rows.map((r) => [r.centre_id, r.max_units]));
}
