import { ConflictError, NotFoundError, parentWorksiteCode, worksiteMarking, type Worksite } from '@civdef/core';
import type { Kysely, Selectable } from 'kysely';
import type { Database, WorksitesTable } from '../db/schema.js';
import { reportedTime } from '../fieldwork/times.js';
import type { Actor, AppContext } from './context.js';
import { mustExist, type Created } from './organisation.js';
import { isReplay, retryOnUniqueViolation } from './replay.js';
import { inTransaction, type Tx } from './transaction.js';

export interface WorksiteInput {
  id: string;
  code: string;
  lat?: number | undefined;
  lon?: number | undefined;
  address: string;
  landmark?: string | undefined;
  building_use: string;
  construction: string;
  floors: number;
  collapse_type: string;
  hazards: string[];
  triage_category?: string | undefined;
  team_id?: string | undefined;
  note?: string | undefined;
}

export type WorksitePatch = Partial<{
  address: string;
  landmark: string | null;
  building_use: string;
  construction: string;
  floors: number;
  collapse_type: string;
  hazards: string[];
  triage_category: string | null;
  team_id: string | null;
  note: string | null;
}>;

type Db = Kysely<Database>;

/** Reads a worksite, locking its row on PostgreSQL so a victim cannot be added while it is being closed. */
export async function lockWorksite(tx: Tx, dialect: AppContext['storage']['dialect'], id: string): Promise<Selectable<WorksitesTable>> {
  const row = await tx.db
    .selectFrom('worksites')
    .selectAll()
    .where('id', '=', id)
    .$if(dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row) throw new NotFoundError('worksite', id);
  return row;
}

/** The worksite as the API shows it: ASR history, victim counts and the marking to paint. Precondition: row exists. */
async function worksiteView(db: Db, row: Selectable<WorksitesTable>): Promise<Worksite> {
  const asr = await db
    .selectFrom('worksite_asr')
    .innerJoin('teams', 'teams.id', 'worksite_asr.team_id')
    .select(['worksite_asr.level', 'worksite_asr.team_id', 'teams.name as team_name', 'worksite_asr.completed_at'])
    .where('worksite_asr.worksite_id', '=', row.id)
    .orderBy('worksite_asr.level')
    .execute();
  const counts = await db
    .selectFrom('victims')
    .select(['condition', db.fn.countAll<number>().as('n')])
    .where('worksite_id', '=', row.id)
    .groupBy('condition')
    .execute();
  const count = (c: string) => Number(counts.find((r) => r.condition === c)?.n ?? 0);
  const victims = { alive: count('alive'), dead: count('dead') };
  const hazards = JSON.parse(row.hazards) as Worksite['hazards'];
  const marking = worksiteMarking({
    code: row.code,
    triageCategory: row.triage_category,
    hazards,
    asr: asr.map((a) => ({ level: a.level, team: a.team_name, at: a.completed_at })),
    liveRemoved: victims.alive,
    deadRemoved: victims.dead,
    closed: row.status === 'closed',
  });
  return {
    ...row,
    building_use: row.building_use as Worksite['building_use'],
    construction: row.construction as Worksite['construction'],
    collapse_type: row.collapse_type as Worksite['collapse_type'],
    triage_category: row.triage_category as Worksite['triage_category'],
    status: row.status as Worksite['status'],
    hazards,
    asr_level: asr.length ? Math.max(...asr.map((a) => a.level)) : null,
    asr,
    victims,
    marking,
  };
}

/** Opens a worksite on an incident. A retry with the same id returns the stored one. */
export async function createWorksite(ctx: AppContext, actor: Actor, incidentId: string, input: WorksiteInput): Promise<Created<Worksite>> {
  return retryOnUniqueViolation(() =>
    inTransaction(ctx, actor, async (tx) => {
      const stored = {
        incident_id: incidentId,
        code: input.code,
        address: input.address,
        landmark: input.landmark ?? null,
        lat: input.lat ?? null,
        lon: input.lon ?? null,
        building_use: input.building_use,
        construction: input.construction,
        floors: input.floors,
        collapse_type: input.collapse_type,
        hazards: JSON.stringify(input.hazards),
        triage_category: input.triage_category ?? null,
        team_id: input.team_id ?? null,
        note: input.note ?? null,
      };
      const prior = await tx.db.selectFrom('worksites').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (isReplay('worksite', input.id, prior, stored)) return { record: await worksiteView(tx.db, prior!), created: false };
      const incident = await tx.db.selectFrom('incidents').select(['id', 'status']).where('id', '=', incidentId).executeTakeFirst();
      if (!incident) throw new NotFoundError('incident', incidentId);
      if (incident.status === 'closed') throw new ConflictError(`Incident ${incidentId} is closed; reopen it before opening worksites`, { incident_id: incidentId });
      if (input.team_id) await mustExist(tx.db, 'teams', input.team_id);
      const clash = await tx.db.selectFrom('worksites').select('id').where('incident_id', '=', incidentId).where('code', '=', input.code).executeTakeFirst();
      if (clash) throw new ConflictError(`Worksite ${input.code} already exists on this incident`, { code: input.code, worksite_id: clash.id });
      let parentId: string | null = null;
      const parentCode = parentWorksiteCode(input.code);
      if (parentCode) {
        const parent = await tx.db.selectFrom('worksites').select(['id', 'status']).where('incident_id', '=', incidentId).where('code', '=', parentCode).executeTakeFirst();
        if (!parent) throw new ConflictError(`Sub-site ${input.code} needs worksite ${parentCode} on this incident first`, { code: input.code, parent_code: parentCode });
        if (parent.status === 'closed') throw new ConflictError(`Worksite ${parentCode} is closed; no sub-site can be opened under it`, { parent_id: parent.id });
        parentId = parent.id;
      }
      const row = { id: input.id, ...stored, parent_id: parentId, status: 'open', closed_at: null, created_by: actor.userId, created_at: tx.at, updated_at: tx.at };
      await tx.db.insertInto('worksites').values(row).execute();
      await tx.emit({ type: 'worksite.created', subjectType: 'worksite', subjectId: input.id, data: { ...stored, hazards: input.hazards, parent_id: parentId } });
      return { record: await worksiteView(tx.db, row), created: true };
    }),
  );
}

/** One worksite with its marking. Precondition: none (404 when absent). */
export async function getWorksite(ctx: AppContext, id: string): Promise<Worksite> {
  const row = await ctx.storage.db.selectFrom('worksites').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('worksite', id);
  return worksiteView(ctx.storage.db, row);
}

/** An incident's worksites in id order (A-1, A-1a, A-2...). Precondition: none (404 for an unknown incident). */
export async function listWorksites(ctx: AppContext, incidentId: string): Promise<Worksite[]> {
  await mustExist(ctx.storage.db, 'incidents', incidentId);
  const rows = await ctx.storage.db.selectFrom('worksites').selectAll().where('incident_id', '=', incidentId).orderBy('code').execute();
  return Promise.all(rows.map((r) => worksiteView(ctx.storage.db, r)));
}

function mustBeOpen(row: Selectable<WorksitesTable>, doing: string): void {
  if (row.status === 'closed') throw new ConflictError(`Worksite ${row.code} is closed; ${doing} is refused`, { worksite_id: row.id, code: row.code });
}

/** Changes what is known of a worksite (triage, hazards, team...). Refused on a closed site. */
export async function updateWorksite(ctx: AppContext, actor: Actor, id: string, patch: WorksitePatch): Promise<Worksite> {
  return inTransaction(ctx, actor, async (tx) => {
    const row = await lockWorksite(tx, ctx.storage.dialect, id);
    mustBeOpen(row, 'changing it');
    if (patch.team_id) await mustExist(tx.db, 'teams', patch.team_id);
    const { hazards, ...rest } = patch;
    const set = { ...rest, ...(hazards ? { hazards: JSON.stringify(hazards) } : {}) };
    const changed = Object.keys(set).filter((k) => JSON.stringify(set[k as keyof typeof set]) !== JSON.stringify(row[k as keyof typeof row]));
    if (!changed.length) return worksiteView(tx.db, row);
    await tx.db.updateTable('worksites').set({ ...set, updated_at: tx.at }).where('id', '=', id).execute();
    await tx.emit({ type: 'worksite.updated', subjectType: 'worksite', subjectId: id, data: { changes: Object.fromEntries(changed.map((k) => [k, patch[k as keyof WorksitePatch]])) } });
    return worksiteView(tx.db, { ...row, ...set, updated_at: tx.at });
  });
}

/**
 * Records an ASR level completed by a team. Levels only go up; the same level and team again is a replay.
 * Precondition: level is 1-5.
 */
export async function completeAsr(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { level: number; team_id: string; completed_at?: string | undefined },
): Promise<Created<Worksite>> {
  return retryOnUniqueViolation(() =>
    inTransaction(ctx, actor, async (tx) => {
      const row = await lockWorksite(tx, ctx.storage.dialect, id);
      const prior = await tx.db.selectFrom('worksite_asr').selectAll().where('worksite_id', '=', id).where('level', '=', input.level).executeTakeFirst();
      if (prior?.team_id === input.team_id) return { record: await worksiteView(tx.db, row), created: false };
      if (prior) throw new ConflictError(`ASR${input.level} on ${row.code} was already completed by another team`, { worksite_id: id, level: input.level, team_id: prior.team_id });
      mustBeOpen(row, 'recording an ASR level');
      await mustExist(tx.db, 'teams', input.team_id);
      const top = await tx.db.selectFrom('worksite_asr').select((eb) => eb.fn.max('level').as('level')).where('worksite_id', '=', id).executeTakeFirst();
      if (top?.level !== undefined && top.level !== null && input.level < Number(top.level)) {
        throw new ConflictError(`${row.code} has already reached ASR${top.level}; ASR levels only go up`, { worksite_id: id, asr_level: Number(top.level), level: input.level });
      }
      const completedAt = reportedTime(input.completed_at, tx.at, 'completed_at');
      await tx.db.insertInto('worksite_asr').values({ worksite_id: id, level: input.level, team_id: input.team_id, completed_at: completedAt, created_by: actor.userId }).execute();
      await tx.db.updateTable('worksites').set({ updated_at: tx.at }).where('id', '=', id).execute();
      await tx.emit({ type: 'worksite.asr-completed', subjectType: 'worksite', subjectId: id, data: { level: input.level, team_id: input.team_id, completed_at: completedAt } });
      return { record: await worksiteView(tx.db, { ...row, updated_at: tx.at }), created: true };
    }),
  );
}

/**
 * Closes a worksite: no victims are added after this. Refused while a sub-site is open or someone found alive
 * there is not yet out of the rubble. Closing a closed site is a no-op.
 */
export async function closeWorksite(ctx: AppContext, actor: Actor, id: string, input: { note?: string | undefined }): Promise<Worksite> {
  return inTransaction(ctx, actor, async (tx) => {
    const row = await lockWorksite(tx, ctx.storage.dialect, id);
    if (row.status === 'closed') return worksiteView(tx.db, row);
    const openSubs = await tx.db.selectFrom('worksites').select('code').where('parent_id', '=', id).where('status', '=', 'open').execute();
    if (openSubs.length) {
      throw new ConflictError(`Close the sub-sites of ${row.code} first: ${openSubs.map((s) => s.code).join(', ')}`, { worksite_id: id, open_sub_sites: openSubs.map((s) => s.code) });
    }
    const trapped = await tx.db.selectFrom('victims').select('id').where('worksite_id', '=', id).where('condition', '=', 'alive').where('extricated_at', 'is', null).execute();
    if (trapped.length) {
      throw new ConflictError(`${trapped.length} person(s) found alive at ${row.code} are not yet extricated; record their extrication first`, { worksite_id: id, victim_ids: trapped.map((v) => v.id) });
    }
    await tx.db.updateTable('worksites').set({ status: 'closed', closed_at: tx.at, updated_at: tx.at }).where('id', '=', id).execute();
    await tx.emit({ type: 'worksite.closed', subjectType: 'worksite', subjectId: id, data: { code: row.code, incident_id: row.incident_id, note: input.note ?? null } });
    return worksiteView(tx.db, { ...row, status: 'closed', closed_at: tx.at, updated_at: tx.at });
  });
}
