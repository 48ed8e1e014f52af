import { newUlid } from '@civdef/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';
import { incidentBody, seedIncident, seedUnit } from '../test-support/fixtures.js';

// A phone that lost its connection sends the same request again: these tests pin down that the retry
// gets the original answer and that nothing is written twice, counted in the events table itself.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const db = () => t.runtime.ctx.storage.db;

async function eventCount(type: string, subjectId?: string): Promise<number> {
  let q = db().selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).where('type', '=', type);
  if (subjectId) q = q.where('subject_id', '=', subjectId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

const post = async (url: string, payload: object, headers: Record<string, string> = {}, role: 'admin' | 'dispatcher' = 'dispatcher') =>
  t.app.inject({ method: 'POST', url, headers: { ...bearer(await t.tokenFor(role)), ...headers }, payload });

describe('create with a client-made ULID', () => {
  it('answers a repeat with 200 and the same body, and reports the incident once', async () => {
    // An offset time checks that the replay compares the stored (UTC) form, not the text sent.
    const body = incidentBody({ occurred_at: '2026-03-01T12:30:00+02:00', reporter: 'Spotter 7' });
    const first = await post('/api/v1/incidents', body);
    expect(first.statusCode).toBe(201);
    const second = await post('/api/v1/incidents', body);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual(first.json());
    expect(await eventCount('incident.reported', body.id as string)).toBe(1);
    expect(await db().selectFrom('incidents').select('id').where('id', '=', body.id as string).execute()).toHaveLength(1);
  });

  it('refuses the same id with different content with a 409 naming the differing fields', async () => {
    const body = incidentBody();
    expect((await post('/api/v1/incidents', body)).statusCode).toBe(201);
    const clash = await post('/api/v1/incidents', { ...body, severity: 1, kind: 'fire' });
    expect(clash.statusCode).toBe(409);
    expect(clash.headers['content-type']).toContain('application/problem+json');
    const problem = clash.json();
    expect([...problem.fields].sort()).toEqual(['kind', 'severity']);
    expect(problem.detail).toMatch(/kind/);
    expect(problem.detail).toMatch(/severity/);
    // The stored incident is the first one, untouched.
    const stored = (await t.app.inject({ url: `/api/v1/incidents/${body.id as string}`, headers: bearer(await t.tokenFor('dispatcher')) })).json();
    expect(stored).toMatchObject({ kind: body.kind, severity: body.severity });
    expect(await eventCount('incident.reported', body.id as string)).toBe(1);
  });
});

describe('Idempotency-Key header', () => {
  it('answers a repeated position report with the original answer and moves the unit once', async () => {
    const { unitId } = await seedUnit(t);
    const key = `move-${newUlid()}`;
    const put = async () =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/units/${unitId}/position`,
        headers: { ...bearer(await t.tokenFor('dispatcher')), 'idempotency-key': key },
        payload: { lat: 36.21, lon: 37.16 },
      });
    const first = await put();
    expect(first.statusCode).toBe(200);
    const second = await put();
    expect(second.json()).toEqual(first.json());
    expect(await eventCount('unit.moved', unitId)).toBe(1);
  });

  it('runs the work once when copies with one key arrive together', async () => {
    const { unitId } = await seedUnit(t);
    const key = `burst-${newUlid()}`;
    const headers = { ...bearer(await t.tokenFor('dispatcher')), 'idempotency-key': key };
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => t.app.inject({ method: 'PUT', url: `/api/v1/units/${unitId}/position`, headers, payload: { lat: 36.22, lon: 37.17 } })),
    );
    // The copy that reserved the key does the work; the others get its answer or are told it is in progress.
    expect(replies.every((r) => r.statusCode === 200 || r.statusCode === 409)).toBe(true);
    expect(replies.some((r) => r.statusCode === 200)).toBe(true);
    expect(await eventCount('unit.moved', unitId)).toBe(1);
  });

  it('refuses a key on a create whose answer holds a one-time password, and creates nothing', async () => {
    const payload = { name: `medic-${newUlid().slice(-6).toLowerCase()}`, role: 'viewer' };
    const res = await post('/api/v1/users', payload, { 'idempotency-key': newUlid() }, 'admin');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);
    expect(await db().selectFrom('users').select('id').where('name', '=', payload.name).execute()).toHaveLength(0);
    const stored = await db().selectFrom('idempotency_keys').select('body').execute();
    expect(stored.some((r) => r.body.includes('password'))).toBe(false);
  });

  it('frees the key when the request fails, so the same request may be retried', async () => {
    const key = newUlid();
    const missing = newUlid();
    const first = await post(`/api/v1/incidents/${missing}/status`, { status: 'closed' }, { 'idempotency-key': key });
    expect(first.statusCode).toBe(404);
    expect(await db().selectFrom('idempotency_keys').select('key').where('key', '=', key).execute()).toHaveLength(0);
  });

  it('answers a repeated close with the original answer even after the incident changed again', async () => {
    const id = await seedIncident(t);
    const key = newUlid();
    const url = `/api/v1/incidents/${id}/status`;
    const first = await post(url, { status: 'closed', note: 'all rescued' }, { 'idempotency-key': key });
    expect(first.statusCode).toBe(200);
    expect(first.json().status).toBe('closed');
    // Someone reopens it; a late retry of the close must not close it again.
    expect((await post(url, { status: 'open', note: 'more casualties found' })).statusCode).toBe(200);
    const retry = await post(url, { status: 'closed', note: 'all rescued' }, { 'idempotency-key': key });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    const changes = await db().selectFrom('events').select('data').where('type', '=', 'incident.status-changed').where('subject_id', '=', id).execute();
    expect(changes.map((c) => (JSON.parse(c.data) as { to: string }).to)).toEqual(['closed', 'open']);
    const now = (await t.app.inject({ url: `/api/v1/incidents/${id}`, headers: bearer(await t.tokenFor('dispatcher')) })).json();
    expect(now.status).toBe('open');
  });

  it('refuses the same key with a different body with a 409 and writes nothing', async () => {
    const key = newUlid();
    const a = await seedIncident(t);
    expect((await post(`/api/v1/incidents/${a}/status`, { status: 'closed' }, { 'idempotency-key': key })).statusCode).toBe(200);
    const before = await eventCount('incident.status-changed');
    const other = await post(`/api/v1/incidents/${a}/status`, { status: 'closed', note: 'different' }, { 'idempotency-key': key });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ idempotency_key: key });
    expect(other.json().detail).toContain('Idempotency-Key');
    // The same key on another path is a different request too.
    const b = await seedIncident(t);
    const elsewhere = await post(`/api/v1/incidents/${b}/status`, { status: 'closed' }, { 'idempotency-key': key });
    expect(elsewhere.statusCode).toBe(409);
    expect(await eventCount('incident.status-changed')).toBe(before);
    expect((await t.app.inject({ url: `/api/v1/incidents/${b}`, headers: bearer(await t.tokenFor('dispatcher')) })).json().status).toBe('open');
  });

  it('keeps keys apart per user', async () => {
    // Two people may happen to pick the same key; neither must get the other's answer.
    const key = newUlid();
    const asAdmin = await post('/api/v1/incidents', incidentBody(), { 'idempotency-key': key }, 'admin');
    const asDispatcher = await post('/api/v1/incidents', incidentBody(), { 'idempotency-key': key }, 'dispatcher');
    expect([asAdmin.statusCode, asDispatcher.statusCode]).toEqual([201, 201]);
    expect(asDispatcher.json().id).not.toBe(asAdmin.json().id);
  });

  it.each([
    ['300 characters', 'k'.repeat(300)],
    ['a space', 'has space'],
    ['non-ASCII', 'schlüssel'],
  ])('refuses a key with %s with a 422 naming the header, and writes nothing', async (_what, key) => {
    const body = incidentBody();
    const res = await post('/api/v1/incidents', body, { 'idempotency-key': key });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);
    expect(await eventCount('incident.reported', body.id as string)).toBe(0);
  });
});

describe('unit status change retried with the same change id', () => {
  it('answers 200 with the original change and keeps it once in the timeline', async () => {
    const { unitId } = await seedUnit(t);
    const incidentId = await seedIncident(t);
    expect((await post(`/api/v1/incidents/${incidentId}/assignments`, { id: newUlid(), unit_id: unitId })).statusCode).toBe(201);
    const change = { id: newUlid(), status: 'en-route', note: 'via the ring road' };
    const first = await post(`/api/v1/units/${unitId}/status`, change);
    expect(first.statusCode).toBe(201);
    expect((await post(`/api/v1/units/${unitId}/status`, { id: newUlid(), status: 'on-scene' })).statusCode).toBe(201);
    // The retry arrives after the unit moved on: it must not drag the unit back to en route.
    const retry = await post(`/api/v1/units/${unitId}/status`, change);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    const timeline = (await t.app.inject({ url: `/api/v1/units/${unitId}/timeline`, headers: bearer(await t.tokenFor('dispatcher')) })).json().items as {
      id: string;
      to_status: string;
    }[];
    expect(timeline.map((c) => c.to_status)).toEqual(['dispatched', 'en-route', 'on-scene']);
    expect(timeline.filter((c) => c.id === change.id)).toHaveLength(1);
    expect((await t.app.inject({ url: `/api/v1/units/${unitId}`, headers: bearer(await t.tokenFor('dispatcher')) })).json().status).toBe('on-scene');
    expect(await eventCount('unit.status-changed', unitId)).toBe(3);
  });

  it('refuses the same change id for a different status with a 409', async () => {
    const { unitId } = await seedUnit(t);
    const id = newUlid();
    expect((await post(`/api/v1/units/${unitId}/status`, { id, status: 'out-of-service', reason: 'no-fuel' })).statusCode).toBe(201);
    const clash = await post(`/api/v1/units/${unitId}/status`, { id, status: 'available' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().fields).toContain('to_status');
  });
});
