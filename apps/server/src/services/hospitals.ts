import { ConflictError, NotFoundError, type Hospital, type HospitalKind } from '@civdef/core';
import { routeBetween, NoRoadNearbyError } from '@civdef/router';
import type { Kysely, Selectable } from 'kysely';
import type { Database, HospitalsTable } from '../db/schema.js';
import { snapPoint, tenth } from '../roads/answers.js';
import type { Actor, AppContext } from './context.js';
import type { Created } from './organisation.js';
import { isReplay, retryOnUniqueViolation } from './replay.js';
import { inTransaction } from './transaction.js';

export interface HospitalInput {
  id: string;
  name: string;
  kind: HospitalKind;
  lat: number;
  lon: number;
  capacity: number;
  status: Hospital['status'];
}

const DAY_MS = 86_400_000;

async function hospitalView(db: Kysely<Database>, row: Selectable<HospitalsTable>, now: Date): Promise<Hospital> {
  const since = new Date(now.getTime() - DAY_MS).toISOString();
  const received = await db.selectFrom('victims').select(db.fn.countAll<number>().as('n')).where('hospital_id', '=', row.id).where('handed_over_at', '>=', since).executeTakeFirst();
  return { ...row, kind: row.kind as HospitalKind, status: row.status as Hospital['status'], received_24h: Number(received?.n ?? 0) };
}

/** Adds a hospital, field hospital or morgue. A retry with the same id returns the stored one. */
export async function createHospital(ctx: AppContext, actor: Actor, input: HospitalInput): Promise<Created<Hospital>> {
  return retryOnUniqueViolation(() =>
    inTransaction(ctx, actor, async (tx) => {
      const prior = await tx.db.selectFrom('hospitals').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (isReplay('hospital', input.id, prior, { ...input, status: prior?.status })) return { record: await hospitalView(tx.db, prior!, ctx.now()), created: false };
      const clash = await tx.db.selectFrom('hospitals').select('id').where('name', '=', input.name).executeTakeFirst();
      if (clash) throw new ConflictError(`A hospital named ${input.name} already exists`, { name: input.name, id: clash.id });
      const row = { ...input, note: null, created_at: tx.at, updated_at: tx.at };
      await tx.db.insertInto('hospitals').values(row).execute();
      await tx.emit({ type: 'hospital.created', subjectType: 'hospital', subjectId: input.id, data: { ...input } });
      return { record: { ...row, received_24h: 0 }, created: true };
    }),
  );
}

/** Hospitals by name, with what each received in the last day. Precondition: none. */
export async function listHospitals(ctx: AppContext): Promise<Hospital[]> {
  const rows = await ctx.storage.db.selectFrom('hospitals').selectAll().orderBy('name').execute();
  return Promise.all(rows.map((r) => hospitalView(ctx.storage.db, r, ctx.now())));
}

/** Sets a hospital's status (and capacity), as the ops room hears it. The same status and capacity again is a no-op. */
export async function setHospitalStatus(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { status: Hospital['status']; capacity?: number | undefined; note?: string | undefined },
): Promise<Hospital> {
  return inTransaction(ctx, actor, async (tx) => {
    const row = await tx.db.selectFrom('hospitals').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('hospital', id);
    const capacity = input.capacity ?? row.capacity;
    const note = input.note ?? row.note;
    if (row.status === input.status && row.capacity === capacity && row.note === note) return hospitalView(tx.db, row, ctx.now());
    await tx.db.updateTable('hospitals').set({ status: input.status, capacity, note, updated_at: tx.at }).where('id', '=', id).execute();
    await tx.emit({
      type: 'hospital.status-changed',
      subjectType: 'hospital',
      subjectId: id,
      data: { from: row.status, to: input.status, capacity, note: input.note ?? null },
    });
    return hospitalView(tx.db, { ...row, status: input.status, capacity, note, updated_at: tx.at }, ctx.now());
  });
}

export interface Destination {
  hospital: Hospital;
  reachable: boolean;
  duration_s: number | null;
  distance_m: number | null;
}

/**
 * Accepting destinations of the given kinds, nearest by road first (the vehicle graph, closures applied);
 * those no open road reaches are listed last, not dropped. Precondition: valid degrees.
 */
export async function destinationsByRoad(ctx: AppContext, from: { lat: number; lon: number }, kinds: readonly HospitalKind[]): Promise<Destination[]> {
  const rows = await ctx.storage.db.selectFrom('hospitals').selectAll().where('status', '=', 'accepting').where('kind', 'in', [...kinds]).execute();
  if (!rows.length) return [];
  const g = (await ctx.roads.ready()).use('vehicle', ctx.now().getTime());
  const start = snapPoint(g, from.lat, from.lon);
  const out: Destination[] = [];
  for (const row of rows) {
    const hospital = await hospitalView(ctx.storage.db, row, ctx.now());
    let r = null;
    try {
      r = routeBetween(g.graph, g.weights, start, snapPoint(g, row.lat, row.lon));
    } catch (err) {
      if (!(err instanceof NoRoadNearbyError)) throw err;
    }
    out.push(r ? { hospital, reachable: true, duration_s: tenth(r.durationS), distance_m: tenth(r.distanceM) } : { hospital, reachable: false, duration_s: null, distance_m: null });
  }
  return out.sort((a, b) => (a.duration_s ?? Infinity) - (b.duration_s ?? Infinity) || a.hospital.name.localeCompare(b.hospital.name));
}
