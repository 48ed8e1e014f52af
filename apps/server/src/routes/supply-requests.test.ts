// Supply requests through the API: the field app's "need supplies" accepted once (a resend is a no-op), listed
// for the ops room, fulfilled from a centre's stock through the ledger (never below zero) or refused.
import { newUlid } from '@civdef/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUnit } from '../test-support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';

let t: TestApp;
let leader: Record<string, string>;
let dispatcher: Record<string, string>;
let unit: { centreId: string; unitId: string };

beforeAll(async () => {
  t = await startTestApp();
  leader = bearer(await t.tokenFor('team-leader'));
  dispatcher = bearer(await t.tokenFor('dispatcher'));
  unit = await seedUnit(t);
});
afterAll(() => t.close());

const post = (url: string, payload: object, headers = leader) => t.app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers = dispatcher) => t.app.inject({ url, headers });

/** The body the field app sends (apps/web/src/field/actions.ts, needSupplies), with counted items when given. */
const fieldBody = (over: Record<string, unknown> = {}) => ({
  id: newUlid(),
  note: '2 stretchers and body bags',
  requested_at: new Date().toISOString(),
  unit_id: unit.unitId,
  lat: 36.2012346,
  lon: 37.1598765,
  ...over,
});

async function count(table: 'supply_requests' | 'supply_movements' | 'events'): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(t.runtime.ctx.storage.db);
  return Number(rows[0]!.n);
}

const eventTypes = async (subject: string) => ((await get(`/api/v1/events?subject_id=${subject}`)).json() as { items: { type: string }[] }).items.map((e) => e.type);

async function stock(item: string): Promise<number> {
  const items = ((await get(`/api/v1/supplies?centre_id=${unit.centreId}`)).json() as { items: { item: string; quantity: number }[] }).items;
  return items.find((s) => s.item === item)?.quantity ?? 0;
}

describe('a request from the field', () => {
  it('is accepted with its unit\'s centre, once: the same body again is 200, another body under the id a 409', async () => {
    const body = fieldBody();
    const res = await post('/api/v1/supply-requests', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ id: body.id, note: body.note, unit_id: unit.unitId, centre_id: unit.centreId, status: 'open', items: [], sent: [], requested_at: body.requested_at });
    const again = await post('/api/v1/supply-requests', body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(res.json());
    const changed = await post('/api/v1/supply-requests', { ...body, note: 'water' });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().detail).toMatch(/differs in note/);
    expect(await eventTypes(body.id)).toEqual(['supply.requested']);
  });

  it('refuses, writing nothing: a spotter, a time in the future, an unknown unit, lat without lon, half a stretcher', async () => {
    const spotter = bearer(await t.tokenFor('spotter'));
    const before = [await count('supply_requests'), await count('events')];
    expect((await post('/api/v1/supply-requests', fieldBody(), spotter)).statusCode).toBe(403);
    const future = await post('/api/v1/supply-requests', fieldBody({ requested_at: new Date(Date.now() + 3_600_000).toISOString() }));
    expect(future.statusCode).toBe(422);
    expect(future.json().errors[0]).toMatchObject({ path: 'requested_at' });
    expect((await post('/api/v1/supply-requests', fieldBody({ unit_id: newUlid() }))).statusCode).toBe(404);
    expect((await post('/api/v1/supply-requests', fieldBody({ lon: undefined }))).statusCode).toBe(422);
    const half = await post('/api/v1/supply-requests', fieldBody({ items: [{ item: 'stretcher', quantity: 0.5 }] }));
    expect(half.statusCode).toBe(422);
    expect(half.json().errors[0]).toMatchObject({ path: 'items.0.quantity' });
    expect([await count('supply_requests'), await count('events')]).toEqual(before);
  });
});

describe('the ops room', () => {
  it('lists requests by status and fulfils one from the centre\'s stock through the ledger', async () => {
    expect((await post('/api/v1/supplies/receipts', { id: newUlid(), centre_id: unit.centreId, item: 'body-bag', quantity: 5 }, dispatcher)).statusCode).toBe(201);
    const body = fieldBody({ items: [{ item: 'body-bag', quantity: 3 }] });
    expect((await post('/api/v1/supply-requests', body)).statusCode).toBe(201);
    const open = (await get('/api/v1/supply-requests?status=open')).json() as { items: { id: string; status: string }[] };
    expect(open.items[0]).toMatchObject({ id: body.id, status: 'open' });
    expect(open.items.every((r) => r.status === 'open')).toBe(true);
    expect((await get('/api/v1/supply-requests', bearer(await t.tokenFor('viewer')))).statusCode).toBe(403);
    expect((await post(`/api/v1/supply-requests/${body.id}/fulfil`, { centre_id: unit.centreId }, leader)).statusCode).toBe(403);

    const res = await post(`/api/v1/supply-requests/${body.id}/fulfil`, { centre_id: unit.centreId, note: 'sent with truck 2' }, dispatcher);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'fulfilled', fulfilled_from_centre_id: unit.centreId, sent: [{ item: 'body-bag', quantity: 3 }], decision_note: 'sent with truck 2' });
    expect(await stock('body-bag')).toBe(2);
    const moves = (await get(`/api/v1/supplies/movements?centre_id=${unit.centreId}&item=body-bag`)).json() as { items: Record<string, unknown>[] };
    expect(moves.items[0]).toMatchObject({ kind: 'consumption', delta: -3, quantity_after: 2, ref_type: 'supply-request', ref_id: body.id });
    expect(await eventTypes(body.id)).toEqual(['supply.requested', 'supply.request-fulfilled']);

    // The same answer again changes nothing; another answer is a 409.
    const movements = await count('supply_movements');
    expect((await post(`/api/v1/supply-requests/${body.id}/fulfil`, { centre_id: unit.centreId, note: 'sent with truck 2' }, dispatcher)).statusCode).toBe(200);
    expect(await count('supply_movements')).toBe(movements);
    const refuse = await post(`/api/v1/supply-requests/${body.id}/refuse`, { reason: 'none left' }, dispatcher);
    expect(refuse.statusCode).toBe(409);
    expect(refuse.json().detail).toMatch(/already fulfilled/);
    expect((await get(`/api/v1/supply-requests/${body.id}`)).json()).toMatchObject({ status: 'fulfilled' });
  });

  it('never takes more than the centre holds: a 409 naming what is there, and the request stays open', async () => {
    const body = fieldBody({ items: [{ item: 'stretcher', quantity: 1 }, { item: 'body-bag', quantity: 9 }] });
    await post('/api/v1/supply-requests', body);
    expect((await post('/api/v1/supplies/receipts', { id: newUlid(), centre_id: unit.centreId, item: 'stretcher', quantity: 4 }, dispatcher)).statusCode).toBe(201);
    const before = [await count('supply_movements'), await count('events'), await stock('stretcher'), await stock('body-bag')];
    const res = await post(`/api/v1/supply-requests/${body.id}/fulfil`, { centre_id: unit.centreId }, dispatcher);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/Only 2 of body-bag in stock/);
    expect([await count('supply_movements'), await count('events'), await stock('stretcher'), await stock('body-bag')]).toEqual(before);
    expect((await get(`/api/v1/supply-requests/${body.id}`)).json()).toMatchObject({ status: 'open', sent: [] });
    // What the centre can send instead.
    const partial = await post(`/api/v1/supply-requests/${body.id}/fulfil`, { centre_id: unit.centreId, items: [{ item: 'stretcher', quantity: 1 }, { item: 'body-bag', quantity: 2 }] }, dispatcher);
    expect(partial.statusCode, partial.body).toBe(200);
    expect([await stock('stretcher'), await stock('body-bag')]).toEqual([3, 0]);
  });

  it('refuses a request with a reason, and fulfils one without a centre or without saying what was sent only as the rules allow', async () => {
    const refused = fieldBody();
    await post('/api/v1/supply-requests', refused);
    const res = await post(`/api/v1/supply-requests/${refused.id}/refuse`, { reason: 'no vehicle can reach you until the road is cleared' }, dispatcher);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'refused', decision_note: 'no vehicle can reach you until the road is cleared' });
    expect(((await get('/api/v1/supply-requests?status=refused')).json() as { items: { id: string }[] }).items.map((r) => r.id)).toContain(refused.id);
    expect((await post(`/api/v1/supply-requests/${refused.id}/fulfil`, {}, dispatcher)).statusCode).toBe(409);

    const vague = fieldBody();
    await post('/api/v1/supply-requests', vague);
    const noItems = await post(`/api/v1/supply-requests/${vague.id}/fulfil`, { centre_id: unit.centreId }, dispatcher);
    expect(noItems.statusCode).toBe(422);
    expect(noItems.json().errors[0]).toMatchObject({ path: 'items' });
    expect((await post(`/api/v1/supply-requests/${vague.id}/fulfil`, { items: [{ item: 'water', quantity: 20 }] }, dispatcher)).statusCode).toBe(422);
    const elsewhere = await post(`/api/v1/supply-requests/${vague.id}/fulfil`, { note: 'a neighbour brought water' }, dispatcher);
    expect(elsewhere.json()).toMatchObject({ status: 'fulfilled', fulfilled_from_centre_id: null, sent: [] });
    expect((await post(`/api/v1/supply-requests/${newUlid()}/refuse`, { reason: 'x' }, dispatcher)).statusCode).toBe(404);
  });
});
