import {
  ConflictError,
  NotFoundError,
  assertIncidentTransition,
  newUlid,
  type Assignment,
  type Incident,
  type IncidentStatus,
} from '@civdef/core';
import type { Selectable } from 'kysely';
import { prepared } from '../db/prepared.js';
import type { IncidentsTable } from '../db/schema.js';
import type { Actor, AppContext } from './context.js';
import type { Created } from './organisation.js';
import { isReplay, isUniqueViolation, retryOnUniqueViolation } from './replay.js';
import { mergedBefore, mergeIfNear } from './merge-reports.js';
import { inTransaction, type Tx } from './transaction.js';
import { activeAssignment, applyUnitStatus, lockUnit } from './units.js';

export interface IncidentInput {
  id: string;
  kind: Incident['kind'];
  lat: number;
  lon: number;
  occurred_at: string;
  severity: number;
  source: Incident['source'];
  reporter?: string | undefined;
  description?: string | undefined;
  people_trapped?: number | undefined;
  casualties?: number | undefined;
}

/** A report's outcome: a new incident, or (merged set) the open incident it was attached to. */
export interface Reported extends Created<Incident> {
  merged: { report_id: string; distance_m: number } | null;
}

const asIncident = (row: Selectable<IncidentsTable>) => row as Incident;

// The two statements of every new incident: prepared once.
const incidentById = prepared((db, a: { id: string }) => db.selectFrom('incidents').selectAll().where('id', '=', a.id));
const insertIncident = prepared((db, r: Incident) => db.insertInto('incidents').values(r));

/**
 * Records a reported incident, or attaches the report to an open incident of the same kind near it in place
 * and time (ctx.dispatch.settings.merge). A retry with the same id returns what the first one did.
 */
export async function createIncident(ctx: AppContext, actor: Actor, input: IncidentInput): Promise<Reported> {
  return retryOnUniqueViolation(() => inTransaction(ctx, actor, async (tx) => {
    // Field by field, not a spread: what is stored and prepared is exactly these columns, whatever the caller passed.
    const stored = {
      id: input.id,
      kind: input.kind,
      lat: input.lat,
      lon: input.lon,
      occurred_at: new Date(input.occurred_at).toISOString(),
      severity: input.severity,
      source: input.source,
      reporter: input.reporter ?? null,
      description: input.description ?? null,
      people_trapped: input.people_trapped ?? null,
      casualties: input.casualties ?? null,
    };
    const [prior] = await incidentById(tx.db, { id: input.id });
    if (isReplay('incident', input.id, prior, stored)) return { record: asIncident(prior!), created: false, merged: null };
    const merged = (await mergedBefore(tx, stored)) ?? (await mergeIfNear(tx, stored, ctx.dispatch.settings.merge, actor.userId));
    if (merged) return merged;
    const record: Incident = { ...stored, status: 'open', created_by: actor.userId, created_at: tx.at, updated_at: tx.at };
    await insertIncident(tx.db, record);
    await tx.emit({ type: 'incident.reported', subjectType: 'incident', subjectId: input.id, data: stored });
    return { record, created: true, merged: null };
  }));
}

export interface IncidentFilter {
  status?: IncidentStatus | undefined;
  since?: string | undefined;
  limit: number;
}

/** Incidents, newest first. */
export async function listIncidents(ctx: AppContext, filter: IncidentFilter): Promise<Incident[]> {
  let q = ctx.storage.db.selectFrom('incidents').selectAll();
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.since) q = q.where('occurred_at', '>=', new Date(filter.since).toISOString());
  return (await q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute()).map(asIncident);
}

export async function getIncident(ctx: AppContext, id: string): Promise<Incident> {
  const row = await ctx.storage.db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('incident', id);
  return asIncident(row);
}

async function lockIncident(tx: Tx, dialect: AppContext['storage']['dialect'], id: string) {
  const row = await tx.db
    .selectFrom('incidents')
    .selectAll()
    .where('id', '=', id)
    .$if(dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row) throw new NotFoundError('incident', id);
  return row;
}

async function setIncidentStatus(tx: Tx, incident: Selectable<IncidentsTable>, to: IncidentStatus, note: string | null): Promise<void> {
  assertIncidentTransition(incident.id, incident.status as IncidentStatus, to);
  await tx.db.updateTable('incidents').set({ status: to, updated_at: tx.at }).where('id', '=', incident.id).execute();
  await tx.emit({ type: 'incident.status-changed', subjectType: 'incident', subjectId: incident.id, data: { from: incident.status, to, note } });
}

/** Closes or reopens an incident. Setting the status it already has is a no-op, so a retry is harmless. */
export async function changeIncidentStatus(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { status: IncidentStatus; note?: string | undefined },
): Promise<Incident> {
  return inTransaction(ctx, actor, async (tx) => {
    const incident = await lockIncident(tx, ctx.storage.dialect, id);
    if (incident.status === input.status) return asIncident(incident);
    if (input.status === 'responding') {
      throw new ConflictError('An incident becomes responding when a unit is assigned to it', { incident_id: id });
    }
    if (input.status === 'closed') {
      const active = await tx.db.selectFrom('assignments').select('unit_id').where('incident_id', '=', id).where('released_at', 'is', null).execute();
      if (active.length) {
        throw new ConflictError(`Incident ${id} still has ${active.length} unit(s) assigned; release them first`, {
          incident_id: id,
          unit_ids: active.map((a) => a.unit_id),
        });
      }
    }
    await setIncidentStatus(tx, incident, input.status, input.note ?? null);
    return { ...asIncident(incident), status: input.status, updated_at: tx.at };
  });
}

/**
 * Assigns a free unit to an incident: the unit becomes dispatched, the incident responding.
 * Refuses a unit that is already assigned elsewhere, out of service, or busy.
 */
export async function assignUnit(
  ctx: AppContext,
  actor: Actor,
  incidentId: string,
  input: { id: string; unit_id: string; note?: string | undefined },
  /** More to record in the same transaction once the assignment is made (not on a replay): a hold advisory. */
  alsoRecord?: (tx: Tx, assignment: Assignment) => Promise<void>,
): Promise<Created<Assignment>> {
  try {
    return await inTransaction(ctx, actor, async (tx) => {
      const incident = await lockIncident(tx, ctx.storage.dialect, incidentId);
      const unit = await lockUnit(tx, ctx.storage.dialect, input.unit_id);
      // Looked up only once both locks are held: a retry that waited for the original to commit must find it
      // and answer as a replay, not as "already assigned".
      const prior = await tx.db.selectFrom('assignments').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (isReplay('assignment', input.id, prior, { incident_id: incidentId, unit_id: input.unit_id })) return { record: prior!, created: false };
      if (incident.status === 'closed') throw new ConflictError(`Incident ${incidentId} is closed; reopen it before assigning units`, { incident_id: incidentId });
      const busy = await activeAssignment(tx.db, unit.id);
      if (busy) {
        throw new ConflictError(`Unit ${unit.name} is already assigned to incident ${busy.incident_id}`, {
          unit_id: unit.id,
          incident_id: busy.incident_id,
        });
      }
      const assignment: Assignment = {
        id: input.id,
        incident_id: incidentId,
        unit_id: unit.id,
        assigned_at: tx.at,
        assigned_by: actor.userId,
        released_at: null,
        release_reason: null,
      };
      await applyUnitStatus(tx, unit, { id: newUlid(), status: 'dispatched', note: input.note }, incidentId, actor);
      await tx.db.insertInto('assignments').values(assignment).execute();
      await tx.emit({ type: 'assignment.created', subjectType: 'incident', subjectId: incidentId, data: { ...assignment } });
      if (incident.status === 'open') await setIncidentStatus(tx, incident, 'responding', null);
      await alsoRecord?.(tx, assignment);
      return { record: assignment, created: true };
    });
  } catch (err) {
    // The partial unique index is the last line: two dispatchers racing for one unit on PostgreSQL.
    if (isUniqueViolation(err)) throw new ConflictError(`Unit ${input.unit_id} was just assigned elsewhere`, { unit_id: input.unit_id });
    throw err;
  }
}

export async function listAssignments(ctx: AppContext, incidentId: string): Promise<Assignment[]> {
  await getIncident(ctx, incidentId);
  return ctx.storage.db.selectFrom('assignments').selectAll().where('incident_id', '=', incidentId).orderBy('assigned_at').orderBy('id').execute();
}
