import {
  ConflictError,
  NotFoundError,
  assertUnitTransition,
  endsAssignment,

  type Unit,
  type UnitStatus,
  type UnitStatusChange,
} from '@civdef/core';
import type { Kysely, Selectable } from 'kysely';
import type { Database, UnitsTable } from '../db/schema.js';
import type { Actor, AppContext } from './context.js';
import { mustExist, type Created } from './organisation.js';
import { isReplay, retryOnUniqueViolation } from './replay.js';
import { inTransaction, type Tx } from './transaction.js';
import { recordArrivalTrip } from './vehicles.js';

export interface UnitInput {
  id: string;
  name: string;
  kind: Unit['kind'];
  centre_id: string;
  team_id?: string | undefined;
  crew: string[];
  capabilities: Unit['capabilities'];
  lat: number;
  lon: number;
}

function unitFromRow(row: Selectable<UnitsTable>, incidentId: string | null): Unit {
  return {
    ...row,
    kind: row.kind as Unit['kind'],
    status: row.status as UnitStatus,
    crew: JSON.parse(row.crew) as string[],
    capabilities: JSON.parse(row.capabilities) as Unit['capabilities'],
    incident_id: incidentId,
  };
}

/** The active assignment of a unit, if any. */
export async function activeAssignment(db: Kysely<Database>, unitId: string) {
  return db.selectFrom('assignments').selectAll().where('unit_id', '=', unitId).where('released_at', 'is', null).executeTakeFirst();
}

/** Reads a unit, locking its row on PostgreSQL so concurrent status changes serialise. */
export async function lockUnit(tx: Tx, dialect: AppContext['storage']['dialect'], id: string): Promise<Selectable<UnitsTable>> {
  const row = await tx.db
    .selectFrom('units')
    .selectAll()
    .where('id', '=', id)
    .$if(dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row) throw new NotFoundError('unit', id);
  return row;
}

export async function createUnit(ctx: AppContext, actor: Actor, input: UnitInput): Promise<Created<Unit>> {
  return retryOnUniqueViolation(() => inTransaction(ctx, actor, async (tx) => {
    const stored = {
      ...input,
      team_id: input.team_id ?? null,
      crew: JSON.stringify(input.crew),
      capabilities: JSON.stringify(input.capabilities),
    };
    const prior = await tx.db.selectFrom('units').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (isReplay('unit', input.id, prior, stored)) return { record: unitFromRow(prior!, (await activeAssignment(tx.db, input.id))?.incident_id ?? null), created: false };
    await mustExist(tx.db, 'centres', input.centre_id);
    if (input.team_id) await mustExist(tx.db, 'teams', input.team_id);
    for (const v of input.crew) await mustExist(tx.db, 'volunteers', v);
    const clash = await tx.db.selectFrom('units').select('id').where('name', '=', input.name).executeTakeFirst();
    if (clash) throw new ConflictError(`A unit named ${input.name} already exists`, { name: input.name, id: clash.id });
    const row = { ...stored, status: 'available', status_reason: null, position_at: null, created_at: tx.at, updated_at: tx.at };
    await tx.db.insertInto('units').values(row).execute();
    await tx.emit({ type: 'unit.created', subjectType: 'unit', subjectId: input.id, data: { ...input, team_id: input.team_id ?? null } });
    return { record: unitFromRow(row, null), created: true };
  }));
}

export interface UnitFilter {
  status?: UnitStatus | undefined;
  centre_id?: string | undefined;
  kind?: Unit['kind'] | undefined;
}

export async function listUnits(ctx: AppContext, filter: UnitFilter): Promise<Unit[]> {
  let q = ctx.storage.db
    .selectFrom('units')
    .leftJoin('assignments', (j) => j.onRef('assignments.unit_id', '=', 'units.id').on('assignments.released_at', 'is', null))
    .selectAll('units')
    .select('assignments.incident_id');
  if (filter.status) q = q.where('units.status', '=', filter.status);
  if (filter.centre_id) q = q.where('units.centre_id', '=', filter.centre_id);
  if (filter.kind) q = q.where('units.kind', '=', filter.kind);
  const rows = await q.orderBy('units.name').execute();
  return rows.map(({ incident_id, ...row }) => unitFromRow(row, incident_id));
}

export async function getUnit(ctx: AppContext, id: string): Promise<Unit> {
  const row = await ctx.storage.db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('unit', id);
  return unitFromRow(row, (await activeAssignment(ctx.storage.db, id))?.incident_id ?? null);
}

export interface StatusChangeInput {
  id: string;
  status: UnitStatus;
  reason?: string | undefined;
  note?: string | undefined;
  at?: string | undefined;
  lat?: number | undefined;
  lon?: number | undefined;
}

/**
 * Records a unit status change inside `tx` and updates the unit; leaving the incident ends its assignment.
 * Precondition: `unit` was read with lockUnit in this transaction.
 */
export async function applyUnitStatus(
  tx: Tx,
  unit: Selectable<UnitsTable>,
  input: StatusChangeInput,
  incidentId: string | null,
  actor: Actor,
): Promise<UnitStatusChange> {
  const from = unit.status as UnitStatus;
  assertUnitTransition(unit.id, from, input.status);
  const at = input.at ? new Date(input.at).toISOString() : tx.at;
  const active = await activeAssignment(tx.db, unit.id);
  if (active && endsAssignment(input.status)) {
    const reason = input.status === 'out-of-service' ? `out-of-service: ${input.reason}` : input.status;
    await tx.db.updateTable('assignments').set({ released_at: tx.at, release_reason: reason }).where('id', '=', active.id).execute();
    await tx.emit({
      type: 'assignment.released',
      subjectType: 'incident',
      subjectId: active.incident_id,
      data: { assignment_id: active.id, unit_id: unit.id, reason },
    });
  }
  const change: UnitStatusChange = {
    id: input.id,
    unit_id: unit.id,
    from_status: from,
    to_status: input.status,
    reason: input.reason ?? null,
    note: input.note ?? null,
    incident_id: incidentId ?? active?.incident_id ?? null,
    at,
    actor_id: actor.userId,
  };
  await tx.db.insertInto('unit_status_changes').values(change).execute();
  await tx.db
    .updateTable('units')
    .set({
      status: input.status,
      status_reason: input.status === 'out-of-service' ? (input.reason ?? null) : null,
      updated_at: tx.at,
      ...(input.lat !== undefined && input.lon !== undefined ? { lat: input.lat, lon: input.lon, position_at: at } : {}),
    })
    .where('id', '=', unit.id)
    .execute();
  await tx.emit({ type: 'unit.status-changed', subjectType: 'unit', subjectId: unit.id, data: { ...change } });
  return change;
}

/** Changes a unit's status on a client's request; a retry with the same change id is answered with the original. */
export async function changeUnitStatus(ctx: AppContext, actor: Actor, unitId: string, input: StatusChangeInput): Promise<Created<UnitStatusChange>> {
  return inTransaction(ctx, actor, async (tx) => {
    const unit = await lockUnit(tx, ctx.storage.dialect, unitId);
    // Looked up under the unit's lock: a retry that waited for the original to commit must find it, or it
    // would be refused as an illegal transition (en-route to en-route).
    const prior = await tx.db.selectFrom('unit_status_changes').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (isReplay('status change', input.id, prior, { unit_id: unitId, to_status: input.status })) {
      return { record: prior as UnitStatusChange, created: false };
    }
    if (input.status === 'dispatched') {
      throw new ConflictError('A unit is dispatched by assigning it to an incident (POST /api/v1/incidents/{id}/assignments), not by a status change', {
        unit_id: unitId,
      });
    }
    const change = await applyUnitStatus(tx, unit, input, null, actor);
    // Fuel by distance: the leg just driven, from where the unit last was to the incident.
    if (change.to_status === 'on-scene' && change.incident_id) await recordArrivalTrip(ctx, tx, actor, unit, { ...change, incident_id: change.incident_id });
    return { record: change, created: true };
  });
}

/** Every status change of a unit, oldest first. */
export async function unitTimeline(ctx: AppContext, unitId: string): Promise<UnitStatusChange[]> {
  await mustExist(ctx.storage.db, 'units', unitId);
  const rows = await ctx.storage.db.selectFrom('unit_status_changes').selectAll().where('unit_id', '=', unitId).orderBy('at').orderBy('id').execute();
  return rows as UnitStatusChange[];
}

/**
 * Moves a unit (a GPS fix from its phone, taken at `at`, default now). A fix older than the one held (a phone
 * sending its backlog) is recorded as an event but does not move the unit back.
 */
export async function moveUnit(ctx: AppContext, actor: Actor, unitId: string, pos: { lat: number; lon: number; at?: string | undefined }): Promise<Unit> {
  await inTransaction(ctx, actor, async (tx) => {
    const unit = await lockUnit(tx, ctx.storage.dialect, unitId);
    // A phone's clock ahead of ours does not put the fix in the future.
    const at = pos.at && Date.parse(pos.at) < Date.parse(tx.at) ? new Date(pos.at).toISOString() : tx.at;
    if (!unit.position_at || at >= unit.position_at) {
      await tx.db.updateTable('units').set({ lat: pos.lat, lon: pos.lon, position_at: at, updated_at: tx.at }).where('id', '=', unitId).execute();
    }
    await tx.emit({ type: 'unit.moved', subjectType: 'unit', subjectId: unitId, data: { lat: pos.lat, lon: pos.lon, at } });
  });
  return getUnit(ctx, unitId);
}

