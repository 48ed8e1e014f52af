// Where strikes have fallen, for the prior: the imported history and our own incidents from the air.
import type { Strike } from '@civdef/warning';
import type { AppContext } from '../services/context.js';

/**
 * Incident kinds dropped or fired from aircraft: what the prior of an aircraft's target learns from.
 * Shelling is artillery and fire or collapse may follow anything, so they are left out.
 */
export const AERIAL_KINDS: readonly string[] = ['airstrike', 'barrel-bomb', 'chemical-attack'];

/** Is an incident of this kind a strike from the air? Precondition: none. */
export const isAerial = (kind: string): boolean => AERIAL_KINDS.includes(kind);

/** Every known strike up to now: history rows and aerial incidents. Precondition: storage is migrated. */
export async function loadStrikes(ctx: AppContext, nowMs: number): Promise<Strike[]> {
  const db = ctx.storage.db;
  const until = new Date(nowMs).toISOString();
  const history = await db.selectFrom('strike_history').select(['lat', 'lon', 'time']).where('time', '<=', until).execute();
  const incidents = await db
    .selectFrom('incidents')
    .select(['lat', 'lon', 'occurred_at'])
    .where('kind', 'in', [...AERIAL_KINDS])
    .where('occurred_at', '<=', until)
    .execute();
  return [
    ...history.map((h) => ({ lat: h.lat, lon: h.lon, time: Date.parse(h.time) })),
    ...incidents.map((i) => ({ lat: i.lat, lon: i.lon, time: Date.parse(i.occurred_at) })),
  ];
}
