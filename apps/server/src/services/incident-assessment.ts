// What a dispatcher learns of an incident after the first call: how severe it is, how many are trapped, how
// many casualties to expect. These drive what it needs (dispatch/needs.ts) and its place on the board.
import { ConflictError, NotFoundError, type Incident } from '@civdef/core';
import type { Actor, AppContext } from './context.js';
import { inTransaction } from './transaction.js';

export interface Assessment {
  severity?: number | undefined;
  people_trapped?: number | undefined;
  casualties?: number | undefined;
}

/** Updates the given fields of an open incident; the same values again write nothing. Throws NotFoundError, ConflictError when closed. */
export async function assessIncident(ctx: AppContext, actor: Actor, id: string, input: Assessment): Promise<Incident> {
  return inTransaction(ctx, actor, async (tx) => {
    const row = await tx.db
      .selectFrom('incidents')
      .selectAll()
      .where('id', '=', id)
      .$if(ctx.storage.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    if (!row) throw new NotFoundError('incident', id);
    if (row.status === 'closed') throw new ConflictError(`Incident ${id} is closed; reopen it to change its assessment`, { incident_id: id });
    const changes: Record<string, { from: number | null; to: number }> = {};
    for (const k of ['severity', 'people_trapped', 'casualties'] as const) {
      const to = input[k];
      if (to !== undefined && to !== row[k]) changes[k] = { from: row[k], to };
    }
    if (Object.keys(changes).length === 0) return row as Incident;
    const set = Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, c.to]));
    await tx.db.updateTable('incidents').set({ ...set, updated_at: tx.at }).where('id', '=', id).execute();
    await tx.emit({ type: 'incident.assessed', subjectType: 'incident', subjectId: id, data: { changes } });
    return { ...row, ...set, updated_at: tx.at } as Incident;
  });
}
