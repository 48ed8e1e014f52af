import { newUlid } from '@civdef/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../test-support/field-fixtures.js';
import { seedIncident, seedUnit } from '../test-support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';
import { SYSTEM_ACTOR } from './context.js';
import { inTransaction } from './transaction.js';
import { recordTrip, roadDistanceM } from './vehicles.js';

let t: TestApp;
let lead: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  lead = bearer(await t.tokenFor('team-leader'));
});
afterAll(() => t.close());

const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: lead, payload });
const put = (url: string, payload: object) => t.app.inject({ method: 'PUT', url, headers: lead, payload });
const vehicle = async (id: string) => (await t.app.inject({ url: `/api/v1/vehicles/${id}`, headers: lead })).json();
const fuelAt = async (centreId: string) => ((await t.app.inject({ url: `/api/v1/supplies?centre_id=${centreId}`, headers: lead })).json().items as { item: string; quantity: number }[]).find((i) => i.item === 'fuel')?.quantity ?? 0;

describe('vehicle state', () => {
  it('keeps tank, fuel, range and maintenance; a foot team has none (409); fuel over the tank is a 422', async () => {
    const { unitId } = await seedUnit(t, 'fire-truck');
    const set = await put(`/api/v1/vehicles/${unitId}`, { tank_l: 200, fuel_l: 40, maintenance: 'service-due' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ tank_l: 200, fuel_l: 40, litres_per_100km: 40, range_km: 100, low_fuel: true, maintenance: 'service-due' });
    const { unitId: foot } = await seedUnit(t, 'foot-team');
    expect((await put(`/api/v1/vehicles/${foot}`, { tank_l: 1, fuel_l: 0, maintenance: 'ok' })).statusCode).toBe(409);
    expect((await put(`/api/v1/vehicles/${unitId}`, { tank_l: 50, fuel_l: 60, maintenance: 'ok' })).statusCode).toBe(422);
    const events = async () => (await t.app.inject({ url: `/api/v1/events?subject_id=${unitId}`, headers: bearer(await t.tokenFor('admin')) })).json().items.length;
    const n = await events();
    await put(`/api/v1/vehicles/${unitId}`, { tank_l: 200, fuel_l: 40, maintenance: 'service-due' });
    expect(await events()).toBe(n); // the same again changes nothing
  });
});

describe('refuelling', () => {
  it('draws the centre stock into the tank, never more than either holds', async () => {
    const { centreId, unitId } = await seedUnit(t);
    expect((await post(`/api/v1/vehicles/${unitId}/refuels`, { id: newUlid(), litres: 10 })).statusCode).toBe(409); // no tank known yet
    await put(`/api/v1/vehicles/${unitId}`, { tank_l: 80, fuel_l: 20, maintenance: 'ok' });
    await send(t, 'POST', '/api/v1/supplies/receipts', { id: newUlid(), centre_id: centreId, item: 'fuel', quantity: 50 });
    const tooMuchForTank = await post(`/api/v1/vehicles/${unitId}/refuels`, { id: newUlid(), litres: 61 });
    expect(tooMuchForTank.statusCode).toBe(409);
    expect(tooMuchForTank.json()).toMatchObject({ room_l: 60 });
    const tooMuchForStock = await post(`/api/v1/vehicles/${unitId}/refuels`, { id: newUlid(), litres: 55 });
    expect(tooMuchForStock.statusCode).toBe(409);
    expect(tooMuchForStock.json()).toMatchObject({ available: 50 });
    expect([await fuelAt(centreId), (await vehicle(unitId)).fuel_l]).toEqual([50, 20]);
    const body = { id: newUlid(), litres: 45.5 };
    expect((await post(`/api/v1/vehicles/${unitId}/refuels`, body)).statusCode).toBe(201);
    expect((await post(`/api/v1/vehicles/${unitId}/refuels`, body)).statusCode).toBe(200);
    expect([await fuelAt(centreId), (await vehicle(unitId)).fuel_l]).toEqual([4.5, 65.5]);
  });
});

describe('trips', () => {
  it('burn fuel by distance at the vehicle rate, never below empty, once per id', async () => {
    const { unitId } = await seedUnit(t, 'rescue-truck');
    const incidentId = await seedIncident(t);
    await put(`/api/v1/vehicles/${unitId}`, { tank_l: 150, fuel_l: 10, maintenance: 'ok' });
    const trip = { id: newUlid(), distance_m: 12_000, incident_id: incidentId };
    const first = await post(`/api/v1/vehicles/${unitId}/trips`, trip);
    expect(first.json()).toMatchObject({ litres: 3.6, fuel_after: 6.4 }); // 30 l/100 km
    expect((await post(`/api/v1/vehicles/${unitId}/trips`, trip)).statusCode).toBe(200);
    expect((await vehicle(unitId)).fuel_l).toBe(6.4);
    const long = await post(`/api/v1/vehicles/${unitId}/trips`, { id: newUlid(), distance_m: 50_000 });
    expect(long.json()).toMatchObject({ litres: 15, fuel_after: 0 });
  });

  it('can be recorded inside another service\'s transaction (dispatch on arrival), with the road distance', async () => {
    const { unitId } = await seedUnit(t);
    const incidentId = await seedIncident(t);
    const from = { lat: 36.2021, lon: 37.1399 };
    const to = { lat: 36.1956, lon: 37.155 };
    const metres = await roadDistanceM(t.runtime.ctx, from, to);
    expect(metres).toBeGreaterThan(1_400); // the straight line is about 1.5 km; roads are longer
    const arrival = newUlid();
    const result = await inTransaction(t.runtime.ctx, SYSTEM_ACTOR, (tx) => recordTrip(tx, t.runtime.ctx.storage.dialect, SYSTEM_ACTOR, { id: arrival, unit_id: unitId, distance_m: metres!, incident_id: incidentId }));
    expect(result.created).toBe(true);
    expect(result.record.litres).toBeCloseTo((metres! / 100_000) * 14, 3);
    const again = await inTransaction(t.runtime.ctx, SYSTEM_ACTOR, (tx) => recordTrip(tx, t.runtime.ctx.storage.dialect, SYSTEM_ACTOR, { id: arrival, unit_id: unitId, distance_m: metres!, incident_id: incidentId }));
    expect(again).toEqual({ record: result.record, created: false });
  });
});

describe('arrival', () => {
  it('records the leg driven to the incident by road and its fuel, once', async () => {
    const { unitId } = await seedUnit(t); // at 36.2, 37.15
    const incidentId = await seedIncident(t); // at 36.2021, 37.1343
    await put(`/api/v1/vehicles/${unitId}`, { tank_l: 80, fuel_l: 40, maintenance: 'ok' });
    await send(t, 'POST', `/api/v1/incidents/${incidentId}/assignments`, { id: newUlid(), unit_id: unitId });
    await post(`/api/v1/units/${unitId}/status`, { id: newUlid(), status: 'en-route' });
    const arrival = { id: newUlid(), status: 'on-scene' };
    expect((await post(`/api/v1/units/${unitId}/status`, arrival)).statusCode).toBe(201);
    expect((await post(`/api/v1/units/${unitId}/status`, arrival)).statusCode).toBe(200);
    const metres = (await roadDistanceM(t.runtime.ctx, { lat: 36.2, lon: 37.15 }, { lat: 36.2021, lon: 37.1343 }))!;
    const trips = await t.runtime.ctx.storage.db.selectFrom('vehicle_trips').selectAll().where('unit_id', '=', unitId).execute();
    expect(trips).toHaveLength(1);
    expect(trips[0]).toMatchObject({ id: arrival.id, incident_id: incidentId });
    expect(Number(trips[0]!.distance_m)).toBeCloseTo(metres, 3);
    expect((await vehicle(unitId)).fuel_l).toBeCloseTo(40 - (metres / 100_000) * 14, 3);
  });
});

describe('breakdown history', () => {
  it('is read from the unit\'s status timeline', async () => {
    const { unitId } = await seedUnit(t);
    const status = (s: object) => post(`/api/v1/units/${unitId}/status`, { id: newUlid(), ...s });
    expect((await status({ status: 'out-of-service', reason: 'overheated', at: new Date(Date.now() - 7_200_000).toISOString() })).statusCode).toBe(201);
    await status({ status: 'available', at: new Date(Date.now() - 3_600_000).toISOString() });
    await status({ status: 'out-of-service', reason: 'no-fuel' });
    const v = await vehicle(unitId);
    expect(v.breakdowns).toHaveLength(2);
    expect(v.breakdowns[0]).toMatchObject({ reason: 'overheated', hours: 1 });
    expect(v.breakdowns[1]).toMatchObject({ reason: 'no-fuel', back_at: null });
    const listed = (await t.app.inject({ url: '/api/v1/vehicles', headers: lead })).json().items.find((x: { unit_id: string }) => x.unit_id === unitId);
    expect(listed.breakdowns).toHaveLength(2);
  });
});
