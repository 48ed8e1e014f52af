import { ConflictError, NotFoundError, type Centre, type Team, type Volunteer, type VolunteerStatus } from '@civdef/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Actor, AppContext } from './context.js';
import { isReplay, retryOnUniqueViolation } from './replay.js';
import { inTransaction } from './transaction.js';

export interface Created<T> {
  record: T;
  /** False when the request was a replay of one already done. */
  created: boolean;
}

const ENTITY = { centres: 'centre', teams: 'team', volunteers: 'volunteer', units: 'unit', incidents: 'incident' } as const;

/** Throws NotFoundError unless a row with `id` exists in `table`. */
export async function mustExist(db: Kysely<Database>, table: keyof typeof ENTITY, id: string): Promise<void> {
  const row = await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(ENTITY[table], id);
}

export async function createCentre(ctx: AppContext, actor: Actor, input: { id: string; name: string; lat: number; lon: number }): Promise<Created<Centre>> {
  return retryOnUniqueViolation(() => inTransaction(ctx, actor, async (tx) => {
    const prior = await tx.db.selectFrom('centres').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (isReplay('centre', input.id, prior, input)) return { record: prior!, created: false };
    const clash = await tx.db.selectFrom('centres').select('id').where('name', '=', input.name).executeTakeFirst();
    if (clash) throw new ConflictError(`A centre named ${input.name} already exists`, { name: input.name, id: clash.id });
    const record = { ...input, created_at: tx.at };
    await tx.db.insertInto('centres').values(record).execute();
    await tx.emit({ type: 'centre.created', subjectType: 'centre', subjectId: input.id, data: input });
    return { record, created: true };
  }));
}

export async function listCentres(ctx: AppContext): Promise<Centre[]> {
  return ctx.storage.db.selectFrom('centres').selectAll().orderBy('name').execute();
}

export async function createTeam(ctx: AppContext, actor: Actor, input: { id: string; name: string; centre_id: string }): Promise<Created<Team>> {
  return retryOnUniqueViolation(() => inTransaction(ctx, actor, async (tx) => {
    const prior = await tx.db.selectFrom('teams').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (isReplay('team', input.id, prior, input)) return { record: prior!, created: false };
    await mustExist(tx.db, 'centres', input.centre_id);
    const clash = await tx.db.selectFrom('teams').select('id').where('name', '=', input.name).executeTakeFirst();
    if (clash) throw new ConflictError(`A team named ${input.name} already exists`, { name: input.name, id: clash.id });
    const record = { ...input, created_at: tx.at };
    await tx.db.insertInto('teams').values(record).execute();
    await tx.emit({ type: 'team.created', subjectType: 'team', subjectId: input.id, data: input });
    return { record, created: true };
  }));
}

export async function listTeams(ctx: AppContext, filter: { centre_id?: string | undefined }): Promise<Team[]> {
  let q = ctx.storage.db.selectFrom('teams').selectAll();
  if (filter.centre_id) q = q.where('centre_id', '=', filter.centre_id);
  return q.orderBy('name').execute();
}

export interface VolunteerInput {
  id: string;
  name: string;
  function: Volunteer['function'];
  phone?: string | undefined;
  centre_id: string;
  team_id?: string | undefined;
  status: VolunteerStatus;
}

export async function createVolunteer(ctx: AppContext, actor: Actor, input: VolunteerInput): Promise<Created<Volunteer>> {
  return retryOnUniqueViolation(() => inTransaction(ctx, actor, async (tx) => {
    const expected = { ...input, phone: input.phone ?? null, team_id: input.team_id ?? null };
    const prior = await tx.db.selectFrom('volunteers').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (isReplay('volunteer', input.id, prior, { ...expected, status: prior?.status })) return { record: prior as Volunteer, created: false };
    await mustExist(tx.db, 'centres', input.centre_id);
    if (input.team_id) await mustExist(tx.db, 'teams', input.team_id);
    const record: Volunteer = { ...expected, created_at: tx.at, updated_at: tx.at };
    await tx.db.insertInto('volunteers').values(record).execute();
    // The phone number stays out of the event log: the log is kept for ever and exported to investigators.
    const { phone: _phone, ...publicData } = expected;
    await tx.emit({ type: 'volunteer.created', subjectType: 'volunteer', subjectId: input.id, data: publicData });
    return { record, created: true };
  }));
}

export async function listVolunteers(
  ctx: AppContext,
  filter: { centre_id?: string | undefined; team_id?: string | undefined; status?: VolunteerStatus | undefined },
): Promise<Volunteer[]> {
  let q = ctx.storage.db.selectFrom('volunteers').selectAll();
  if (filter.centre_id) q = q.where('centre_id', '=', filter.centre_id);
  if (filter.team_id) q = q.where('team_id', '=', filter.team_id);
  if (filter.status) q = q.where('status', '=', filter.status);
  return (await q.orderBy('name').execute()) as Volunteer[];
}

/** Sets a volunteer's status (on duty, off duty, injured, killed). Setting the current status again is a no-op. */
export async function setVolunteerStatus(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { status: VolunteerStatus; note?: string | undefined },
): Promise<Volunteer> {
  return inTransaction(ctx, actor, async (tx) => {
    const row = await tx.db.selectFrom('volunteers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('volunteer', id);
    if (row.status === input.status) return row as Volunteer;
    if (row.status === 'killed') throw new ConflictError(`Volunteer ${id} is recorded as killed; that record is not changed by a status update`, { id });
    await tx.db.updateTable('volunteers').set({ status: input.status, updated_at: tx.at }).where('id', '=', id).execute();
    await tx.emit({
      type: 'volunteer.status-changed',
      subjectType: 'volunteer',
      subjectId: id,
      data: { from: row.status, to: input.status, note: input.note ?? null },
    });
    return { ...(row as Volunteer), status: input.status, updated_at: tx.at };
  });
}
