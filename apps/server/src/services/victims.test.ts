import { newUlid } from '@civdef/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, worksiteBody } from '../test-support/field-fixtures.js';
import { seedIncident, seedUnit } from '../test-support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';

let t: TestApp;
let lead: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  lead = bearer(await t.tokenFor('team-leader'));
});
afterAll(() => t.close());

const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: lead, payload });
const patch = (url: string, payload: object) => t.app.inject({ method: 'PATCH', url, headers: lead, payload });
const ago = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
const victim = (o: object = {}) => ({ id: newUlid(), condition: 'alive', start_colour: 'red', found_at: ago(30), name: 'Khaled Omar', age: 12, sex: 'male', ...o });

/** A worksite whose team belongs to a centre holding `bags` body bags. */
async function site(bags = 0) {
  const { centreId, teamId } = await seedUnit(t);
  const incidentId = await seedIncident(t);
  if (bags) await send(t, 'POST', '/api/v1/supplies/receipts', { id: newUlid(), centre_id: centreId, item: 'body-bag', quantity: bags });
  const w = await send(t, 'POST', `/api/v1/incidents/${incidentId}/worksites`, worksiteBody({ team_id: teamId, lat: 36.2021, lon: 37.1343 }));
  return { centreId, incidentId, worksiteId: w.id as string };
}

async function bags(centreId: string): Promise<number> {
  const items = (await t.app.inject({ url: `/api/v1/supplies?centre_id=${centreId}`, headers: lead })).json().items as { item: string; quantity: number }[];
  return items.find((i) => i.item === 'body-bag')?.quantity ?? 0;
}

async function events(subjectId: string) {
  return (await t.app.inject({ url: `/api/v1/events?subject_id=${subjectId}`, headers: bearer(await t.tokenFor('admin')) })).json().items as { type: string; data: Record<string, unknown> }[];
}

async function hospital(o: object = {}) {
  return (await send(t, 'POST', '/api/v1/hospitals', { id: newUlid(), name: `H ${newUlid().slice(-8)}`, kind: 'hospital', lat: 36.2021, lon: 37.1399, capacity: 20, ...o })).id as string;
}

describe('victims: what is refused at the door (422)', () => {
  it.each([
    ['no name and no description', { name: undefined }, 'description'],
    ['a dead victim not START black', { condition: 'dead', start_colour: 'red' }, 'start_colour'],
    ['extricated before found', { extricated_at: ago(60) }, 'extricated_at'],
    ['found in the future', { found_at: new Date(Date.now() + 3_600_000).toISOString() }, 'found_at'],
  ])('%s', async (_name, o, path) => {
    const { worksiteId } = await site(1);
    const res = await post(`/api/v1/worksites/${worksiteId}/victims`, victim(o));
    expect(res.statusCode, res.body).toBe(422);
    expect((res.json().errors as { path: string }[]).map((e) => e.path)).toContain(path);
  });

  it('a photo that was never uploaded: 404', async () => {
    const { worksiteId } = await site();
    const res = await post(`/api/v1/worksites/${worksiteId}/victims`, victim({ photo_media_id: newUlid() }));
    expect(res.statusCode).toBe(404);
  });
});

describe('body bags', () => {
  it('a dead victim uses one from the worksite team\'s centre, linked to the victim', async () => {
    const { centreId, worksiteId } = await site(2);
    const dead = victim({ condition: 'dead', start_colour: 'black' });
    expect((await post(`/api/v1/worksites/${worksiteId}/victims`, dead)).statusCode).toBe(201);
    expect(await bags(centreId)).toBe(1);
    const used = (await events(centreId)).find((e) => e.type === 'supply.consumed')!;
    expect(used.data).toMatchObject({ item: 'body-bag', delta: -1, ref_type: 'victim', ref_id: dead.id });
    // A retry records nothing twice.
    expect((await post(`/api/v1/worksites/${worksiteId}/victims`, dead)).statusCode).toBe(200);
    expect(await bags(centreId)).toBe(1);
  });

  it('with none left the body is still recorded, the shortage is an event, and the stock stays at zero', async () => {
    const { centreId, worksiteId } = await site(0);
    const dead = victim({ condition: 'dead', start_colour: 'black' });
    expect((await post(`/api/v1/worksites/${worksiteId}/victims`, dead)).statusCode).toBe(201);
    expect(await bags(centreId)).toBe(0);
    expect((await events(centreId)).map((e) => e.type)).toEqual(['centre.created', 'supply.shortage']);
  });

  it('a victim who dies later becomes black and uses one; a death is not undone', async () => {
    const { centreId, worksiteId } = await site(3);
    const v = victim();
    await post(`/api/v1/worksites/${worksiteId}/victims`, v);
    const died = await patch(`/api/v1/victims/${v.id}`, { condition: 'dead' });
    expect(died.json()).toMatchObject({ condition: 'dead', start_colour: 'black' });
    expect(await bags(centreId)).toBe(2);
    const back = await patch(`/api/v1/victims/${v.id}`, { condition: 'alive', start_colour: 'red' });
    expect(back.statusCode).toBe(409);
    expect(back.json().detail).toContain('not undone');
  });
});

describe('personal data', () => {
  it('is shown to operations roles only and never enters the event log', async () => {
    const { worksiteId } = await site();
    const v = victim({ name: 'Rania Saeed', description: 'scar on left hand', family_contact: { name: 'Hiba Saeed', relation: 'mother', phone: '+963944444444' } });
    await post(`/api/v1/worksites/${worksiteId}/victims`, v);
    await patch(`/api/v1/victims/${v.id}`, { name: 'Rania Said' });
    const asLead = (await t.app.inject({ url: `/api/v1/victims/${v.id}`, headers: lead })).json();
    expect(asLead).toMatchObject({ personal_withheld: false, name: 'Rania Said', family_contact: { phone: '+963944444444' } });
    for (const role of ['viewer', 'documenter'] as const) {
      const other = (await t.app.inject({ url: `/api/v1/victims?worksite_id=${worksiteId}`, headers: bearer(await t.tokenFor(role)) })).json().items[0];
      expect(other).toMatchObject({ personal_withheld: true, name: null, description: null, family_contact: null, age: 12, condition: 'alive' });
    }
    expect((await t.app.inject({ url: `/api/v1/victims/${v.id}`, headers: bearer(await t.tokenFor('spotter')) })).statusCode).toBe(403);
    const log = JSON.stringify(await events(v.id));
    for (const secret of ['Rania', 'Said', 'scar', 'Hiba', '944444444']) expect(log).not.toContain(secret);
    expect(log).toContain('"personal_fields_changed":["name"]');
  });
});

describe('hand-over', () => {
  it('takes the living to an accepting hospital only; the same again is a no-op, another is a 409', async () => {
    const { worksiteId } = await site();
    const v = victim();
    await post(`/api/v1/worksites/${worksiteId}/victims`, v);
    const morgue = await hospital({ kind: 'morgue' });
    const full = await hospital({ status: 'full' });
    const open = await hospital();
    const toMorgue = await post(`/api/v1/victims/${v.id}/handover`, { hospital_id: morgue });
    expect(toMorgue.statusCode).toBe(409);
    expect(toMorgue.json().detail).toContain('living victim is not handed to a morgue');
    const toFull = await post(`/api/v1/victims/${v.id}/handover`, { hospital_id: full });
    expect(toFull.statusCode).toBe(409);
    expect(toFull.json()).toMatchObject({ hospital_status: 'full' });
    const ok = await post(`/api/v1/victims/${v.id}/handover`, { hospital_id: open });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().hospital_id).toBe(open);
    expect(ok.json().extricated_at).toBe(ok.json().handed_over_at); // taken out to be handed over
    expect((await post(`/api/v1/victims/${v.id}/handover`, { hospital_id: open })).statusCode).toBe(200);
    expect((await post(`/api/v1/victims/${v.id}/handover`, { hospital_id: await hospital() })).statusCode).toBe(409);
    expect((await events(v.id)).filter((e) => e.type === 'victim.handed-over')).toHaveLength(1);
  });

  it('suggests accepting places nearest by road, for the victim\'s condition', async () => {
    const { worksiteId } = await site(1);
    const v = victim();
    const d = victim({ condition: 'dead', start_colour: 'black' });
    await post(`/api/v1/worksites/${worksiteId}/victims`, v);
    await post(`/api/v1/worksites/${worksiteId}/victims`, d);
    const near = await hospital({ lat: 36.2025, lon: 37.136 });
    const far = await hospital({ lat: 36.1956, lon: 37.155, kind: 'field-hospital' });
    const ruined = await hospital({ lat: 36.2022, lon: 37.1345, status: 'destroyed' });
    const morgue = await hospital({ kind: 'morgue', lat: 36.2, lon: 37.15 });
    const items = (await t.app.inject({ url: `/api/v1/victims/${v.id}/destinations`, headers: lead })).json().items as { hospital: { id: string }; reachable: boolean; duration_s: number }[];
    const ids = items.map((i) => i.hospital.id);
    expect(ids.indexOf(near)).toBeLessThan(ids.indexOf(far));
    expect(ids).not.toContain(ruined);
    expect(ids).not.toContain(morgue);
    expect(items.every((i, k) => k === 0 || !i.reachable || items[k - 1]!.duration_s <= i.duration_s)).toBe(true);
    const forDead = (await t.app.inject({ url: `/api/v1/victims/${d.id}/destinations`, headers: lead })).json().items.map((i: { hospital: { id: string } }) => i.hospital.id);
    expect(forDead).toContain(morgue);
    expect(forDead).not.toContain(far);
  });
});
