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
const found = () => new Date(Date.now() - 600_000).toISOString();
const alive = (o: object = {}) => ({ id: newUlid(), condition: 'alive', start_colour: 'yellow', found_at: found(), description: 'boy, grey jumper', ...o });

async function site(overrides: object = {}) {
  const { teamId } = await seedUnit(t);
  const incidentId = await seedIncident(t);
  const res = await post(`/api/v1/incidents/${incidentId}/worksites`, worksiteBody({ team_id: teamId, ...overrides }));
  expect(res.statusCode, res.body).toBe(201);
  return { incidentId, teamId, worksite: res.json() as { id: string; code: string; marking: { text: string } } };
}

describe('worksites', () => {
  it('opens A-1 with its marking, and answers a retry with the stored record', async () => {
    const { incidentId, teamId } = await site();
    const body = worksiteBody({ code: 'C-6', team_id: teamId, triage_category: 'A', hazards: ['unexploded-ordnance'] });
    const first = await post(`/api/v1/incidents/${incidentId}/worksites`, body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ code: 'C-6', status: 'open', asr_level: null, victims: { alive: 0, dead: 0 }, marking: { inside: ['C-6'], above: 'UNEXPLODED-ORDNANCE', below: 'A' } });
    const again = await post(`/api/v1/incidents/${incidentId}/worksites`, body);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(body.id);
  });

  it('refuses a second A-1 on the same incident (409), not on another', async () => {
    const { incidentId } = await site();
    const dup = await post(`/api/v1/incidents/${incidentId}/worksites`, worksiteBody());
    expect(dup.statusCode).toBe(409);
    expect(dup.json().detail).toContain('A-1 already exists');
    const other = await seedIncident(t);
    expect((await post(`/api/v1/incidents/${other}/worksites`, worksiteBody())).statusCode).toBe(201);
  });

  it('needs the parent before a sub-site (409) and refuses an id that is not INSARAG (422)', async () => {
    const { incidentId } = await site();
    const orphan = await post(`/api/v1/incidents/${incidentId}/worksites`, worksiteBody({ code: 'B-3a' }));
    expect(orphan.statusCode).toBe(409);
    expect(orphan.json().detail).toContain('needs worksite B-3');
    const sub = await post(`/api/v1/incidents/${incidentId}/worksites`, worksiteBody({ code: 'A-1a' }));
    expect(sub.statusCode).toBe(201);
    expect(sub.json().parent_id).not.toBeNull();
    const bad = await post(`/api/v1/incidents/${incidentId}/worksites`, worksiteBody({ code: 'a1' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('code');
  });

  it('records ASR levels only upwards and paints each on the marking', async () => {
    const { worksite, teamId } = await site();
    const asr = (level: number) => post(`/api/v1/worksites/${worksite.id}/asr`, { level, team_id: teamId, completed_at: '2026-01-03T09:00:00Z' });
    expect((await asr(2)).statusCode).toBe(201);
    const three = await asr(3);
    expect(three.statusCode).toBe(201);
    expect(three.json().asr_level).toBe(3);
    expect(three.json().marking.inside).toHaveLength(3);
    expect(three.json().marking.inside[2]).toMatch(/ - ASR3 - 03 JAN$/);
    expect((await asr(3)).statusCode).toBe(200); // the same again: a replay
    const down = await asr(1);
    expect(down.statusCode).toBe(409);
    expect(down.json().detail).toContain('only go up');
  });

  it('refuses a victim on a closed worksite (409) and writes nothing', async () => {
    const { worksite } = await site();
    expect((await post(`/api/v1/worksites/${worksite.id}/close`, { note: 'done' })).json()).toMatchObject({ status: 'closed', marking: { complete: true } });
    const before = await t.app.inject({ url: `/api/v1/victims?worksite_id=${worksite.id}`, headers: lead });
    const res = await post(`/api/v1/worksites/${worksite.id}/victims`, alive());
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('is closed');
    const after = await t.app.inject({ url: `/api/v1/victims?worksite_id=${worksite.id}`, headers: lead });
    expect(after.json().items).toEqual(before.json().items);
    // and no change once closed
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/worksites/${worksite.id}`, headers: lead, payload: { floors: 2 } })).statusCode).toBe(409);
  });

  it('will not close while someone found alive is still under the rubble, or a sub-site is open', async () => {
    const { incidentId, worksite } = await site();
    const victim = alive();
    expect((await post(`/api/v1/worksites/${worksite.id}/victims`, victim)).statusCode).toBe(201);
    const refused = await post(`/api/v1/worksites/${worksite.id}/close`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().victim_ids).toEqual([victim.id]);
    await t.app.inject({ method: 'PATCH', url: `/api/v1/victims/${victim.id}`, headers: lead, payload: { extricated_at: new Date().toISOString() } });
    expect((await post(`/api/v1/incidents/${incidentId}/worksites`, worksiteBody({ code: 'A-1b' }))).statusCode).toBe(201);
    const sub = await post(`/api/v1/worksites/${worksite.id}/close`, {});
    expect(sub.statusCode).toBe(409);
    expect(sub.json().open_sub_sites).toEqual(['A-1b']);
  });

  it('counts the living and the dead on the marking', async () => {
    const { worksite, teamId } = await site();
    const centre = (await t.app.inject({ url: '/api/v1/teams', headers: lead })).json().items.find((x: { id: string }) => x.id === teamId).centre_id;
    await send(t, 'POST', '/api/v1/supplies/receipts', { id: newUlid(), centre_id: centre, item: 'body-bag', quantity: 5 });
    await post(`/api/v1/worksites/${worksite.id}/victims`, alive({ extricated_at: new Date().toISOString() }));
    await post(`/api/v1/worksites/${worksite.id}/victims`, alive({ condition: 'dead', start_colour: 'black' }));
    await post(`/api/v1/worksites/${worksite.id}/victims`, alive({ condition: 'dead', start_colour: 'black' }));
    const got = (await t.app.inject({ url: `/api/v1/worksites/${worksite.id}`, headers: lead })).json();
    expect(got.victims).toEqual({ alive: 1, dead: 2 });
    expect([got.marking.left, got.marking.right]).toEqual(['L-1', 'D-2']);
  });

  it('records every change as an event on the worksite', async () => {
    const { worksite, teamId } = await site();
    await t.app.inject({ method: 'PATCH', url: `/api/v1/worksites/${worksite.id}`, headers: lead, payload: { triage_category: 'C' } });
    await post(`/api/v1/worksites/${worksite.id}/asr`, { level: 2, team_id: teamId });
    await post(`/api/v1/worksites/${worksite.id}/close`, {});
    const events = (await t.app.inject({ url: `/api/v1/events?subject_id=${worksite.id}`, headers: bearer(await t.tokenFor('admin')) })).json().items as { type: string }[];
    expect(events.map((e) => e.type)).toEqual(['worksite.created', 'worksite.updated', 'worksite.asr-completed', 'worksite.closed']);
  });
});
