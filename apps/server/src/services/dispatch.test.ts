import { newUlid } from '@civdef/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';
import { seedIncident, seedUnit } from '../test-support/fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const status = async (unitId: string, body: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/v1/units/${unitId}/status`, headers: bearer(await t.tokenFor('dispatcher')), payload: { id: newUlid(), ...body } });

describe('dispatch life cycle', () => {
  it('runs a unit through a whole call and keeps its timeline', async () => {
    const { unitId } = await seedUnit(t);
    const incidentId = await seedIncident(t);
    const dispatcher = bearer(await t.tokenFor('dispatcher'));
    const assign = await t.app.inject({ method: 'POST', url: `/api/v1/incidents/${incidentId}/assignments`, headers: dispatcher, payload: { id: newUlid(), unit_id: unitId } });
    expect(assign.statusCode).toBe(201);
    expect((await t.app.inject({ url: `/api/v1/incidents/${incidentId}`, headers: dispatcher })).json().status).toBe('responding');
    for (const s of ['en-route', 'on-scene', 'returning', 'available']) expect((await status(unitId, { status: s })).statusCode).toBe(201);
    const timeline = (await t.app.inject({ url: `/api/v1/units/${unitId}/timeline`, headers: dispatcher })).json().items as { to_status: string }[];
    expect(timeline.map((c) => c.to_status)).toEqual(['dispatched', 'en-route', 'on-scene', 'returning', 'available']);
    const assignments = (await t.app.inject({ url: `/api/v1/incidents/${incidentId}/assignments`, headers: dispatcher })).json().items;
    expect(assignments[0].release_reason).toBe('returning');
  });

  it('never assigns one unit to two incidents', async () => {
    const { unitId } = await seedUnit(t);
    const a = await seedIncident(t);
    const b = await seedIncident(t);
    const dispatcher = bearer(await t.tokenFor('dispatcher'));
    const first = await t.app.inject({ method: 'POST', url: `/api/v1/incidents/${a}/assignments`, headers: dispatcher, payload: { id: newUlid(), unit_id: unitId } });
    expect(first.statusCode).toBe(201);
    const second = await t.app.inject({ method: 'POST', url: `/api/v1/incidents/${b}/assignments`, headers: dispatcher, payload: { id: newUlid(), unit_id: unitId } });
    expect(second.statusCode).toBe(409);
    expect(second.headers['content-type']).toContain('application/problem+json');
    expect(second.json().detail).toContain('already assigned');
  });

  it('refuses an illegal jump with a 409 that names the allowed moves', async () => {
    const { unitId } = await seedUnit(t);
    const res = await status(unitId, { status: 'on-scene' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ from: 'available', to: 'on-scene', allowed: ['dispatched', 'out-of-service'] });
  });

  it('frees the assignment when a unit breaks down on the way', async () => {
    const { unitId } = await seedUnit(t);
    const incidentId = await seedIncident(t);
    const dispatcher = bearer(await t.tokenFor('dispatcher'));
    await t.app.inject({ method: 'POST', url: `/api/v1/incidents/${incidentId}/assignments`, headers: dispatcher, payload: { id: newUlid(), unit_id: unitId } });
    expect((await status(unitId, { status: 'en-route' })).statusCode).toBe(201);
    expect((await status(unitId, { status: 'out-of-service' })).statusCode).toBe(422); // a reason is required
    expect((await status(unitId, { status: 'out-of-service', reason: 'overheated' })).statusCode).toBe(201);
    const unit = (await t.app.inject({ url: `/api/v1/units/${unitId}`, headers: dispatcher })).json();
    expect(unit).toMatchObject({ status: 'out-of-service', status_reason: 'overheated', incident_id: null });
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/incidents/${incidentId}/assignments`, headers: dispatcher, payload: { id: newUlid(), unit_id: unitId } });
    expect(again.statusCode).toBe(409);
  });
});
