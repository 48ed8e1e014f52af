import { ConflictError, NotFoundError, type Shift, type VolunteerCasualty } from '@civdef/core';
import type { Kysely, Selectable } from 'kysely';
import type { Database, ShiftsTable, VolunteersTable } from '../db/schema.js';
import { dutyLoad, hoursWithin } from '../fieldwork/duty.js';
import { notBefore, reportedTime } from '../fieldwork/times.js';
import type { Actor, AppContext } from './context.js';
import { mustExist, type Created } from './organisation.js';
import { isReplay, retryOnUniqueViolation } from './replay.js';
import { inTransaction, type Tx } from './transaction.js';

/** Fewer fit members than this and a team cannot dig, carry and treat at once: it is flagged for re-forming. */
export const MIN_TEAM_STRENGTH = 4;

type Dialect = AppContext['storage']['dialect'];

async function lockVolunteer(tx: Tx, dialect: Dialect, id: string): Promise<Selectable<VolunteersTable>> {
  const row = await tx.db.selectFrom('volunteers').selectAll().where('id', '=', id).$if(dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
  if (!row) throw new NotFoundError('volunteer', id);
  return row;
}

/** Sets a volunteer's status with its event, inside tx; the same status is a no-op. Precondition: row locked in tx. */
async function setStatus(tx: Tx, v: Selectable<VolunteersTable>, to: string, note: string | null, extra: Record<string, unknown> = {}): Promise<void> {
  if (v.status === to && !Object.keys(extra).length) return;
  await tx.db.updateTable('volunteers').set({ status: to, updated_at: tx.at, ...extra }).where('id', '=', v.id).execute();
  await tx.emit({ type: 'volunteer.status-changed', subjectType: 'volunteer', subjectId: v.id, data: { from: v.status, to, note, ...extra } });
}

/** Closes a shift at `at`, with its event. Precondition: the shift is open and locked in tx. */
async function closeShift(tx: Tx, shift: Selectable<ShiftsTable>, at: string, note: string | null): Promise<Shift> {
  await tx.db.updateTable('shifts').set({ ended_at: at, note }).where('id', '=', shift.id).execute();
  const ended = { ...shift, ended_at: at, note };
  await tx.emit({ type: 'shift.ended', subjectType: 'volunteer', subjectId: shift.volunteer_id, data: { ...ended, hours: hoursWithin([ended], -Infinity, Infinity) } });
  return ended;
}

/** Puts a volunteer on shift. Refused (409) while already on one, or when injured or killed. */
export async function startShift(ctx: AppContext, actor: Actor, input: { id: string; volunteer_id: string; started_at?: string | undefined }): Promise<Created<Shift>> {
  return retryOnUniqueViolation(() =>
    inTransaction(ctx, actor, async (tx) => {
      const v = await lockVolunteer(tx, ctx.storage.dialect, input.volunteer_id);
      const prior = await tx.db.selectFrom('shifts').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (isReplay('shift', input.id, prior, { volunteer_id: input.volunteer_id })) return { record: prior!, created: false };
      if (v.status === 'injured' || v.status === 'killed') throw new ConflictError(`${v.name} is recorded as ${v.status} and cannot go on shift`, { volunteer_id: v.id, volunteer_status: v.status });
      const open = await tx.db.selectFrom('shifts').select('id').where('volunteer_id', '=', v.id).where('ended_at', 'is', null).executeTakeFirst();
      if (open) throw new ConflictError(`${v.name} is already on shift ${open.id}; end it first`, { volunteer_id: v.id, shift_id: open.id });
      const shift: Shift = { id: input.id, volunteer_id: v.id, centre_id: v.centre_id, started_at: reportedTime(input.started_at, tx.at, 'started_at'), ended_at: null, note: null };
      await tx.db.insertInto('shifts').values(shift).execute();
      await tx.emit({ type: 'shift.started', subjectType: 'volunteer', subjectId: v.id, data: { ...shift } });
      await setStatus(tx, v, 'on-duty', null);
      return { record: shift, created: true };
    }),
  );
}

/** Ends a shift; the volunteer goes off duty. Ending an ended shift is a no-op. */
export async function endShift(ctx: AppContext, actor: Actor, shiftId: string, input: { ended_at?: string | undefined; note?: string | undefined }): Promise<Shift> {
  return inTransaction(ctx, actor, async (tx) => {
    const shift = await tx.db.selectFrom('shifts').selectAll().where('id', '=', shiftId).$if(ctx.storage.dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
    if (!shift) throw new NotFoundError('shift', shiftId);
    if (shift.ended_at) return shift;
    const at = reportedTime(input.ended_at, tx.at, 'ended_at');
    notBefore(at, shift.started_at, 'ended_at', 'started_at');
    const ended = await closeShift(tx, shift, at, input.note ?? null);
    const v = await lockVolunteer(tx, ctx.storage.dialect, shift.volunteer_id);
    if (v.status === 'on-duty') await setStatus(tx, v, 'off-duty', null);
    return ended;
  });
}

/** Who is on shift now, longest first, with hours in the last 24 and a flag past the limit. Precondition: none. */
export async function dutyBoard(ctx: AppContext, filter: { centre_id?: string | undefined }) {
  const db = ctx.storage.db;
  const nowMs = ctx.now().getTime();
  let q = db
    .selectFrom('shifts')
    .innerJoin('volunteers', 'volunteers.id', 'shifts.volunteer_id')
    .select(['shifts.id as shift_id', 'shifts.started_at', 'volunteers.id as volunteer_id', 'volunteers.name', 'volunteers.function', 'volunteers.centre_id', 'volunteers.team_id'])
    .where('shifts.ended_at', 'is', null);
  if (filter.centre_id) q = q.where('volunteers.centre_id', '=', filter.centre_id);
  const open = await q.orderBy('shifts.started_at').execute();
  const since = new Date(nowMs - 24 * 3_600_000).toISOString();
  const recent = await db
    .selectFrom('shifts')
    .select(['volunteer_id', 'started_at', 'ended_at'])
    .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', since)]))
    .execute();
  return open.map((o) => ({
    ...o,
    hours_on_shift: hoursWithin([{ started_at: o.started_at, ended_at: null }], -Infinity, nowMs),
    ...dutyLoad(recent.filter((s) => s.volunteer_id === o.volunteer_id), nowMs),
  }));
}

/** A team's members and how many are fit. Precondition: none (404 for an unknown team). */
export async function teamStrength(db: Kysely<Database>, teamId: string) {
  await mustExist(db, 'teams', teamId);
  const members = await db.selectFrom('volunteers').select(['id as volunteer_id', 'name', 'status']).where('team_id', '=', teamId).orderBy('name').execute();
  const fit = members.filter((m) => m.status !== 'injured' && m.status !== 'killed').length;
  return { team_id: teamId, members, fit, below_strength: fit < MIN_TEAM_STRENGTH };
}

/**
 * Records a volunteer injured or killed at an incident: their status changes, an open shift ends, and one
 * killed leaves their team (the team's strength is in the event, so the ops room sees who must be re-formed).
 * A volunteer already recorded as killed is refused (409).
 */
export async function recordCasualty(
  ctx: AppContext,
  actor: Actor,
  incidentId: string,
  input: { id: string; volunteer_id: string; kind: VolunteerCasualty['kind']; at?: string | undefined; note?: string | undefined },
): Promise<Created<VolunteerCasualty>> {
  return retryOnUniqueViolation(() =>
    inTransaction(ctx, actor, async (tx) => {
      const v = await lockVolunteer(tx, ctx.storage.dialect, input.volunteer_id);
      const prior = await tx.db.selectFrom('volunteer_casualties').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (isReplay('casualty', input.id, prior, { volunteer_id: input.volunteer_id, incident_id: incidentId, kind: input.kind })) {
        return { record: prior as VolunteerCasualty, created: false };
      }
      await mustExist(tx.db, 'incidents', incidentId);
      if (v.status === 'killed') throw new ConflictError(`${v.name} is already recorded as killed`, { volunteer_id: v.id });
      const at = reportedTime(input.at, tx.at, 'at');
      const casualty: VolunteerCasualty = { id: input.id, volunteer_id: v.id, incident_id: incidentId, kind: input.kind, team_id: v.team_id, at, note: input.note ?? null, created_by: actor.userId, created_at: tx.at };
      await tx.db.insertInto('volunteer_casualties').values(casualty).execute();
      const open = await tx.db.selectFrom('shifts').selectAll().where('volunteer_id', '=', v.id).where('ended_at', 'is', null).executeTakeFirst();
      if (open) await closeShift(tx, open, Date.parse(at) < Date.parse(open.started_at) ? open.started_at : at, `ended: ${input.kind}`);
      await setStatus(tx, v, input.kind, input.note ?? null, input.kind === 'killed' && v.team_id ? { team_id: null } : {});
      const strength = v.team_id ? await teamStrength(tx.db, v.team_id) : null;
      await tx.emit({
        type: 'volunteer.casualty-recorded',
        subjectType: 'incident',
        subjectId: incidentId,
        data: { ...casualty, team_fit: strength?.fit ?? null, team_below_strength: strength?.below_strength ?? null },
      });
      return { record: casualty, created: true };
    }),
  );
}

/** Volunteers hurt or killed at an incident, in time order. Precondition: none (404 for an unknown incident). */
export async function listCasualties(ctx: AppContext, incidentId: string): Promise<VolunteerCasualty[]> {
  await mustExist(ctx.storage.db, 'incidents', incidentId);
  const rows = await ctx.storage.db.selectFrom('volunteer_casualties').selectAll().where('incident_id', '=', incidentId).orderBy('at').orderBy('id').execute();
  return rows as VolunteerCasualty[];
}

/**
 * Re-forms a team: adds volunteers (moving them from another team, and centre) and removes members. An injured or killed
 * volunteer is not added, a non-member not removed (409). Adding a member again changes nothing.
 */
export async function changeTeamMembers(ctx: AppContext, actor: Actor, teamId: string, input: { add: string[]; remove: string[]; note?: string | undefined }) {
  return inTransaction(ctx, actor, async (tx) => {
    const team = await tx.db.selectFrom('teams').select('centre_id').where('id', '=', teamId).executeTakeFirst();
    if (!team) throw new NotFoundError('team', teamId);
    const added: { volunteer_id: string; from_team_id: string | null; from_centre_id: string }[] = [];
    for (const id of input.add) {
      const v = await lockVolunteer(tx, ctx.storage.dialect, id);
      if (v.status === 'injured' || v.status === 'killed') throw new ConflictError(`${v.name} is recorded as ${v.status} and cannot join a team`, { volunteer_id: id, volunteer_status: v.status });
      if (v.team_id === teamId) continue;
      added.push({ volunteer_id: id, from_team_id: v.team_id, from_centre_id: v.centre_id });
    }
    for (const id of input.remove) {
      const v = await lockVolunteer(tx, ctx.storage.dialect, id);
      if (v.team_id !== teamId) throw new ConflictError(`${v.name} is not a member of this team`, { volunteer_id: id, team_id: teamId });
    }
    // A volunteer moved into a team of another centre moves to that centre with it.
    if (added.length) await tx.db.updateTable('volunteers').set({ team_id: teamId, centre_id: team.centre_id, updated_at: tx.at }).where('id', 'in', added.map((a) => a.volunteer_id)).execute();
    if (input.remove.length) await tx.db.updateTable('volunteers').set({ team_id: null, updated_at: tx.at }).where('id', 'in', input.remove).execute();
    const strength = await teamStrength(tx.db, teamId);
    if (added.length || input.remove.length) {
      await tx.emit({ type: 'team.reformed', subjectType: 'team', subjectId: teamId, data: { added, removed: input.remove, fit: strength.fit, note: input.note ?? null } });
    }
    return strength;
  });
}
