// Reading alerts for the public: those in force (or all), one by id, and its latest CAP message.
import { NotFoundError, type Alert } from '@civdef/core';
import type { AppContext } from '../services/context.js';
import { alertOf } from './alert-data.js';

/** Alerts, newest first: those in force, or every one. Precondition: storage is migrated. */
export async function listAlerts(ctx: AppContext, o: { all: boolean; limit: number }): Promise<Alert[]> {
  let q = ctx.storage.db.selectFrom('alerts').selectAll();
  if (!o.all) q = q.where('state', '=', 'in-force');
  const rows = await q.orderBy('issued_at', 'desc').orderBy('id', 'desc').limit(o.limit).execute();
  return rows.map(alertOf);
}

/** One alert. Throws NotFoundError. Precondition: storage is migrated. */
export async function getAlert(ctx: AppContext, id: string): Promise<Alert> {
  const row = await ctx.storage.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('alert', id);
  return alertOf(row);
}

/** The alert's latest CAP 1.2 message, exactly as published. Throws NotFoundError. Precondition: storage is migrated. */
export async function latestCap(ctx: AppContext, id: string): Promise<string> {
  const row = await ctx.storage.db.selectFrom('alert_messages').select('cap').where('alert_id', '=', id).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (!row) throw new NotFoundError('alert', id);
  return row.cap;
}
