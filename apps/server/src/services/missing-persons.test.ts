import { newUlid } from '@civdef/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, worksiteBody } from '../test-support/field-fixtures.js';
import { seedIncident, seedUnit } from '../test-support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';

let t: TestApp;
let ops: Record<string, string>;
let worksiteId: string;
beforeAll(async () => {
  t = await startTestApp();
  ops = bearer(await t.tokenFor('dispatcher'));
  const { teamId } = await seedUnit(t);
  const incidentId = await seedIncident(t, { lat: 36.2021, lon: 37.1343 });
  worksiteId = (await send(t, 'POST', `/api/v1/incidents/${incidentId}/worksites`, worksiteBody({ team_id: teamId, lat: 36.2021, lon: 37.1343 }))).id as string;
});
afterAll(() => t.close());

const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: ops, payload });
const ago = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

async function victim(o: object) {
  const id = newUlid();
  await send(t, 'POST', `/api/v1/worksites/${worksiteId}/victims`, { id, condition: 'alive', start_colour: 'yellow', found_at: ago(1), ...o });
  return id;
}

async function missing(o: object = {}) {
  const res = await post('/api/v1/missing-persons', { id: newUlid(), name: 'Nour Al-Ahmad', age: 7, sex: 'female', last_seen_lat: 36.2025, last_seen_lon: 37.1345, last_seen_at: ago(5), asked_by: { name: 'Hassan Al-Ahmad', relation: 'father', phone: '+963955555555' }, ...o });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('missing persons', () => {
  it('needs a way to reach who asked (422)', async () => {
    const res = await post('/api/v1/missing-persons', { id: newUlid(), name: 'X Y', asked_by: { name: 'Z' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('asked_by.contact');
  });

  it('proposes the victims who may be the person, best first, leaving out the impossible', async () => {
    const right = await victim({ name: 'نور الأحمد', age: 8, sex: 'female' });
    const unnamed = await victim({ description: 'small girl, pink shoes', age: 6, sex: 'female' });
    const boy = await victim({ name: 'Nour Ahmad', age: 7, sex: 'male' });
    const before = await victim({ name: 'Nour Al-Ahmad', age: 7, sex: 'female', found_at: ago(30) });
    const id = await missing({ name: 'نور احمد' });
    const items = (await t.app.inject({ url: `/api/v1/missing-persons/${id}/matches`, headers: ops })).json().items as { victim_id: string; score: number; parts: { name: number | null } }[];
    const order = items.map((i) => i.victim_id);
    expect(order[0]).toBe(right);
    expect(order).toContain(unnamed);
    expect(order.indexOf(unnamed)).toBeGreaterThan(0);
    expect(order).not.toContain(boy); // another sex
    expect(order).not.toContain(before); // found before last seen
    expect(items[0]!.parts.name).toBeGreaterThan(0.9);
  });

  it('records a confirmed match, then the family told; in that order only', async () => {
    const v = await victim({ name: 'Omar Sleiman', age: 50, sex: 'male' });
    const id = await missing({ name: 'Omar Sleiman', age: 50, sex: 'male' });
    const early = await post(`/api/v1/missing-persons/${id}/family-told`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('Confirm which victim');
    expect((await post(`/api/v1/missing-persons/${id}/match`, { victim_id: v })).json()).toMatchObject({ status: 'matched', victim_id: v });
    expect((await post(`/api/v1/missing-persons/${id}/match`, { victim_id: v })).statusCode).toBe(200);
    expect((await post(`/api/v1/missing-persons/${id}/match`, { victim_id: await victim({ name: 'Other' }) })).statusCode).toBe(409);
    expect((await post(`/api/v1/missing-persons/${id}/match`, { victim_id: newUlid() })).statusCode).toBe(409);
    const told = await post(`/api/v1/missing-persons/${id}/family-told`, { note: 'told at the hospital' });
    expect(told.json()).toMatchObject({ status: 'family-told', family_told_note: 'told at the hospital' });
    const events = (await t.app.inject({ url: `/api/v1/events?subject_id=${id}`, headers: bearer(await t.tokenFor('admin')) })).json().items as { type: string }[];
    expect(events.map((e) => e.type)).toEqual(['missing-person.registered', 'missing-person.matched', 'missing-person.family-told']);
    expect(JSON.stringify(events)).not.toMatch(/Omar|Sleiman|Hassan|955555555/);
  });

  it('is for those who hand over victims and tell families only', async () => {
    for (const role of ['viewer', 'documenter', 'spotter'] as const) {
      expect((await t.app.inject({ url: '/api/v1/missing-persons', headers: bearer(await t.tokenFor(role)) })).statusCode).toBe(403);
    }
  });
});
