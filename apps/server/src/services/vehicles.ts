import { ConflictError, NotFoundError, type Trip, type UnitKind, type Vehicle } from '@civdef/core';
import { NoRoadNearbyError, routeBetween } from '@civdef/router';
import type { Kysely, Selectable } from 'kysely';
import type { Database, UnitsTable, VehicleStateTable } from '../db/schema.js';
import { breakdownsOf } from '../fieldwork/breakdowns.js';
import { isLowFuel, rangeKm, tripLitres, VEHICLE_DEFAULTS } from '../fieldwork/fuel.js';
import { round3 } from '../fieldwork/quantity.js';
import { reportedTime } from '../fieldwork/times.js';
import { snapPoint } from '../roads/answers.js';
import type { Actor, AppContext } from './context.js';
import { mustExist, type Created } from './organisation.js';
import { isReplay, retryOnUniqueViolation } from './replay.js';
import { applyMovement } from './supply-ledger.js';
import { inTransaction, type Tx } from './transaction.js';

type Dialect = AppContext['storage']['dialect'];

export interface VehicleStateInput {
  tank_l: number;
  fuel_l: number;
  litres_per_100km?: number | undefined;
  maintenance: Vehicle['maintenance'];
  note?: string | undefined;
}

export interface TripInput {
  id: string;
  unit_id: string;
  distance_m: number;
  incident_id?: string | null | undefined;
  at?: string | undefined;
  note?: string | undefined;
}

async function unitRow(db: Kysely<Database>, unitId: string): Promise<Selectable<UnitsTable>> {
  const unit = await db.selectFrom('units').selectAll().where('id', '=', unitId).executeTakeFirst();
  if (!unit) throw new NotFoundError('unit', unitId);
  return unit;
}

/** The unit's kind defaults, or a 409 for a foot team: it has no vehicle. */
function defaultsOf(unit: Selectable<UnitsTable>) {
  const d = VEHICLE_DEFAULTS[unit.kind as UnitKind];
  if (!d) throw new ConflictError(`${unit.name} is a ${unit.kind}: it has no vehicle, tank or fuel`, { unit_id: unit.id, kind: unit.kind });
  return d;
}

async function lockState(tx: Tx, dialect: Dialect, unitId: string): Promise<Selectable<VehicleStateTable> | undefined> {
  return tx.db.selectFrom('vehicle_state').selectAll().where('unit_id', '=', unitId).$if(dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
}

function vehicleView(unit: Selectable<UnitsTable>, state: Selectable<VehicleStateTable> | undefined, breakdowns: Vehicle['breakdowns']): Vehicle {
  const rate = state ? Number(state.litres_per_100km) : (VEHICLE_DEFAULTS[unit.kind as UnitKind]?.litres_per_100km ?? 0);
  const fuel = state ? Number(state.fuel_l) : null;
  const tank = state ? Number(state.tank_l) : null;
  return {
    unit_id: unit.id,
    name: unit.name,
    kind: unit.kind,
    centre_id: unit.centre_id,
    status: unit.status,
    status_reason: unit.status_reason,
    tank_l: tank,
    fuel_l: fuel,
    litres_per_100km: rate,
    range_km: fuel !== null && rate > 0 ? rangeKm(fuel, rate) : null,
    low_fuel: fuel !== null && tank !== null && isLowFuel(fuel, tank),
    maintenance: (state?.maintenance ?? 'ok') as Vehicle['maintenance'],
    note: state?.note ?? null,
    breakdowns,
  };
}

/** Sets what a centre knows of a vehicle: tank, fuel now, consumption, maintenance. The same values again are a no-op. */
export async function setVehicleState(ctx: AppContext, actor: Actor, unitId: string, input: VehicleStateInput): Promise<Vehicle> {
  return retryOnUniqueViolation(() =>
    inTransaction(ctx, actor, async (tx) => {
      const unit = await unitRow(tx.db, unitId);
      const d = defaultsOf(unit);
      const prior = await lockState(tx, ctx.storage.dialect, unitId);
      const next = { unit_id: unitId, tank_l: input.tank_l, fuel_l: input.fuel_l, litres_per_100km: input.litres_per_100km ?? prior?.litres_per_100km ?? d.litres_per_100km, maintenance: input.maintenance, note: input.note ?? null };
      const same = prior && (Object.keys(next) as (keyof typeof next)[]).every((k) => next[k] === prior[k]);
      if (!same) {
        if (prior) await tx.db.updateTable('vehicle_state').set({ ...next, updated_at: tx.at }).where('unit_id', '=', unitId).execute();
        else await tx.db.insertInto('vehicle_state').values({ ...next, updated_at: tx.at }).execute();
        await tx.emit({ type: 'vehicle.state-set', subjectType: 'unit', subjectId: unitId, data: { ...next, previous_maintenance: prior?.maintenance ?? null } });
      }
      return vehicleView(unit, { ...next, updated_at: tx.at }, []);
    }),
  );
}

/** Fills a vehicle from its centre's fuel stock: never more than the centre holds or the tank takes (409). */
export async function refuelVehicle(ctx: AppContext, actor: Actor, unitId: string, input: { id: string; litres: number; centre_id?: string | undefined }): Promise<Created<Vehicle>> {
  return retryOnUniqueViolation(() =>
    inTransaction(ctx, actor, async (tx) => {
      const unit = await unitRow(tx.db, unitId);
      const centreId = input.centre_id ?? unit.centre_id;
      const prior = await tx.db.selectFrom('supply_movements').selectAll().where('id', '=', input.id).executeTakeFirst();
      const expected = { kind: 'refuel', ref_id: unitId, centre_id: centreId, delta: -input.litres };
      if (isReplay('refuel', input.id, prior, expected)) return { record: vehicleView(unit, await lockState(tx, ctx.storage.dialect, unitId), []), created: false };
      defaultsOf(unit);
      if (input.centre_id) await mustExist(tx.db, 'centres', input.centre_id);
      const state = await lockState(tx, ctx.storage.dialect, unitId);
      if (!state) throw new ConflictError(`Set ${unit.name}'s tank size and fuel first (PUT /api/v1/vehicles/${unitId})`, { unit_id: unitId });
      const room = round3(Number(state.tank_l) - Number(state.fuel_l));
      if (input.litres > room) throw new ConflictError(`${unit.name}'s tank takes only ${room} l more`, { unit_id: unitId, room_l: room, litres: input.litres });
      const movement = await applyMovement(tx, ctx.storage.dialect, actor, { id: input.id, centre_id: centreId, item: 'fuel', kind: 'refuel', delta: -input.litres, ref_type: 'unit', ref_id: unitId });
      const fuel = round3(Number(state.fuel_l) + input.litres);
      await tx.db.updateTable('vehicle_state').set({ fuel_l: fuel, updated_at: tx.at }).where('unit_id', '=', unitId).execute();
      await tx.emit({ type: 'vehicle.refuelled', subjectType: 'unit', subjectId: unitId, data: { movement_id: movement.id, centre_id: centreId, litres: input.litres, fuel_l: fuel, centre_fuel_after: movement.quantity_after } });
      return { record: vehicleView(unit, { ...state, fuel_l: fuel }, []), created: true };
    }),
  );
}

/**
 * Records a trip and the fuel it burnt, inside the caller's transaction: dispatch calls this on arrival (with
 * the arrival's status-change id as the trip id, so a retry records nothing twice). The tank is drawn down by
 * the distance at the vehicle's rate and never below empty; a foot team's trip burns nothing.
 * Precondition: inside tx; distance_m > 0.
 */
export async function recordTrip(tx: Tx, dialect: Dialect, actor: Actor, input: TripInput): Promise<Created<Trip>> {
  const prior = await tx.db.selectFrom('vehicle_trips').selectAll().where('id', '=', input.id).executeTakeFirst();
  const stored = { unit_id: input.unit_id, distance_m: input.distance_m, incident_id: input.incident_id ?? null };
  if (isReplay('trip', input.id, prior, stored)) {
    const { note: _n, actor_id: _a, ...trip } = prior!;
    return { record: trip, created: false };
  }
  const unit = await unitRow(tx.db, input.unit_id);
  if (input.incident_id) await mustExist(tx.db, 'incidents', input.incident_id);
  const state = await lockState(tx, dialect, unit.id);
  const rate = state ? Number(state.litres_per_100km) : (VEHICLE_DEFAULTS[unit.kind as UnitKind]?.litres_per_100km ?? 0);
  const litres = tripLitres(input.distance_m, rate);
  const fuelAfter = state ? Math.max(0, round3(Number(state.fuel_l) - litres)) : null;
  if (state) await tx.db.updateTable('vehicle_state').set({ fuel_l: fuelAfter!, updated_at: tx.at }).where('unit_id', '=', unit.id).execute();
  const trip = { id: input.id, ...stored, litres, fuel_after: fuelAfter, at: reportedTime(input.at, tx.at, 'at') };
  await tx.db.insertInto('vehicle_trips').values({ ...trip, note: input.note ?? null, actor_id: actor.userId }).execute();
  await tx.emit({
    type: 'vehicle.trip-recorded',
    subjectType: 'unit',
    subjectId: unit.id,
    data: { ...trip, low_fuel: state ? isLowFuel(fuelAfter!, Number(state.tank_l)) : null },
  });
  return { record: trip, created: true };
}

/** Records a trip reported from the field (an odometer reading), in its own transaction. */
export async function recordTripFor(ctx: AppContext, actor: Actor, unitId: string, input: Omit<TripInput, 'unit_id'>): Promise<Created<Trip>> {
  return retryOnUniqueViolation(() => inTransaction(ctx, actor, (tx) => recordTrip(tx, ctx.storage.dialect, actor, { ...input, unit_id: unitId })));
}

/**
 * The road distance in metres of the fastest vehicle route between two points, or null when no open road
 * joins them: what dispatch passes to recordTrip for a unit that did not report its own. Precondition: valid degrees.
 */
export async function roadDistanceM(ctx: AppContext, from: { lat: number; lon: number }, to: { lat: number; lon: number }): Promise<number | null> {
  const g = (await ctx.roads.ready()).use('vehicle', ctx.now().getTime());
  try {
    const r = routeBetween(g.graph, g.weights, snapPoint(g, from.lat, from.lon), snapPoint(g, to.lat, to.lon));
    return r ? r.distanceM : null;
  } catch (err) {
    if (err instanceof NoRoadNearbyError) return null;
    throw err;
  }
}

/**
 * On a unit's arrival at an incident, records the leg just driven: by road from where the unit last was to the
 * incident, with the status change's id as the trip's (a retried arrival records nothing twice). No road, or
 * no road graph, records no trip rather than refusing the arrival. Precondition: inside tx; `from` is the
 * unit's position before the arrival; the change names an incident.
 */
export async function recordArrivalTrip(
  ctx: AppContext,
  tx: Tx,
  actor: Actor,
  from: { lat: number; lon: number },
  change: { id: string; unit_id: string; incident_id: string; at: string },
): Promise<void> {
  const incident = await tx.db.selectFrom('incidents').select(['lat', 'lon']).where('id', '=', change.incident_id).executeTakeFirst();
  if (!incident) return;
  let metres: number | null;
  try {
    metres = await roadDistanceM(ctx, from, incident);
  } catch (err) {
    ctx.log.warn({ err, unit_id: change.unit_id }, 'no road distance for the trip to the incident; no fuel recorded for it');
    return;
  }
  if (!metres) return;
  const at = Date.parse(change.at) <= Date.parse(tx.at) ? change.at : undefined;
  await recordTrip(tx, ctx.storage.dialect, actor, { id: change.id, unit_id: change.unit_id, distance_m: metres, incident_id: change.incident_id, at });
}

/** One vehicle with its whole breakdown history. Precondition: none (404 for an unknown unit). */
export async function getVehicle(ctx: AppContext, unitId: string): Promise<Vehicle> {
  const unit = await unitRow(ctx.storage.db, unitId);
  const state = await ctx.storage.db.selectFrom('vehicle_state').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
  const changes = await ctx.storage.db.selectFrom('unit_status_changes').selectAll().where('unit_id', '=', unitId).orderBy('at').orderBy('id').execute();
  return vehicleView(unit, state, breakdownsOf(changes, ctx.now()));
}

/** Every vehicle (foot teams left out), with breakdowns of the last 30 days. Precondition: none. */
export async function listVehicles(ctx: AppContext, filter: { centre_id?: string | undefined }): Promise<Vehicle[]> {
  const db = ctx.storage.db;
  let q = db.selectFrom('units').selectAll().where('kind', '!=', 'foot-team');
  if (filter.centre_id) q = q.where('centre_id', '=', filter.centre_id);
  const units = await q.orderBy('name').execute();
  const states = new Map((await db.selectFrom('vehicle_state').selectAll().execute()).map((s) => [s.unit_id, s]));
  const since = new Date(ctx.now().getTime() - 30 * 86_400_000).toISOString();
  const changes = await db.selectFrom('unit_status_changes').selectAll().where('at', '>=', since).orderBy('at').orderBy('id').execute();
  return units.map((u) => vehicleView(u, states.get(u.id), breakdownsOf(changes.filter((c) => c.unit_id === u.id), ctx.now())));
}
