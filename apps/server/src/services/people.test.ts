import { newUlid } from '@civdef/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../test-support/field-fixtures.js';
import { seedIncident, seedUnit } from '../test-support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';

let t: TestApp;
let ops: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  ops = bearer(await t.tokenFor('dispatcher'));
});
afterAll(() => t.close());

const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: ops, payload });
const ago = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

/** A team of `n` volunteers at a fresh centre. */
async function team(n: number) {
  const { centreId, teamId } = await seedUnit(t);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = newUlid();
    await send(t, 'POST', '/api/v1/volunteers', { id, name: `Rescuer ${id.slice(-6)}`, function: 'rescuer', centre_id: centreId, team_id: teamId });
    ids.push(id);
  }
  return { centreId, teamId, ids };
}

const status = async (volunteerId: string, centreId: string) =>
  ((await t.app.inject({ url: `/api/v1/volunteers?centre_id=${centreId}`, headers: ops })).json().items as { id: string; status: string; team_id: string | null }[]).find((v) => v.id === volunteerId)!;

describe('shifts and duty hours', () => {
  it('puts a volunteer on duty once, and off duty when the shift ends', async () => {
    const { centreId, ids } = await team(1);
    const shift = { id: newUlid(), volunteer_id: ids[0] };
    expect((await post('/api/v1/shifts', shift)).statusCode).toBe(201);
    expect((await post('/api/v1/shifts', shift)).statusCode).toBe(200);
    expect((await status(ids[0]!, centreId)).status).toBe('on-duty');
    const second = await post('/api/v1/shifts', { id: newUlid(), volunteer_id: ids[0] });
    expect(second.statusCode).toBe(409);
    expect(second.json().shift_id).toBe(shift.id);
    expect((await post(`/api/v1/shifts/${shift.id}/end`, { ended_at: ago(1) })).statusCode).toBe(422); // before it started
    expect((await post(`/api/v1/shifts/${shift.id}/end`, {})).json().ended_at).not.toBeNull();
    expect((await post(`/api/v1/shifts/${shift.id}/end`, {})).statusCode).toBe(200);
    expect((await status(ids[0]!, centreId)).status).toBe('off-duty');
  });

  it('flags those past twelve hours on duty in the last day', async () => {
    const { centreId, ids } = await team(2);
    await post('/api/v1/shifts', { id: newUlid(), volunteer_id: ids[0], started_at: ago(13) });
    await post('/api/v1/shifts', { id: newUlid(), volunteer_id: ids[1], started_at: ago(2) });
    const board = (await t.app.inject({ url: `/api/v1/duty?centre_id=${centreId}`, headers: ops })).json().items as { volunteer_id: string; hours_last_24h: number; over_limit: boolean }[];
    expect(board.map((b) => [b.volunteer_id, b.over_limit])).toEqual([
      [ids[0], true],
      [ids[1], false],
    ]);
    expect(board[0]!.hours_last_24h).toBeCloseTo(13, 0);
  });
});

describe('volunteer casualties and re-forming teams', () => {
  it('records an injury with the incident, ends the shift, and keeps the injured off shift', async () => {
    const { centreId, ids } = await team(1);
    const incidentId = await seedIncident(t);
    const shift = { id: newUlid(), volunteer_id: ids[0] };
    await post('/api/v1/shifts', shift);
    const hurt = await post(`/api/v1/incidents/${incidentId}/volunteer-casualties`, { id: newUlid(), volunteer_id: ids[0], kind: 'injured', note: 'second strike' });
    expect(hurt.statusCode).toBe(201);
    expect((await status(ids[0]!, centreId)).status).toBe('injured');
    const board = (await t.app.inject({ url: `/api/v1/duty?centre_id=${centreId}`, headers: ops })).json().items;
    expect(board).toEqual([]);
    const back = await post('/api/v1/shifts', { id: newUlid(), volunteer_id: ids[0] });
    expect(back.statusCode).toBe(409);
    expect(back.json()).toMatchObject({ volunteer_status: 'injured' });
    const list = (await t.app.inject({ url: `/api/v1/incidents/${incidentId}/volunteer-casualties`, headers: ops })).json().items;
    expect(list).toEqual([expect.objectContaining({ volunteer_id: ids[0], kind: 'injured', note: 'second strike' })]);
  });

  it('a volunteer killed leaves the team, which is flagged below strength and re-formed', async () => {
    const { centreId, teamId, ids } = await team(4);
    const incidentId = await seedIncident(t);
    const killed = await post(`/api/v1/incidents/${incidentId}/volunteer-casualties`, { id: newUlid(), volunteer_id: ids[0], kind: 'killed' });
    expect(killed.json()).toMatchObject({ kind: 'killed', team_id: teamId });
    expect(await status(ids[0]!, centreId)).toMatchObject({ status: 'killed', team_id: null });
    const strength = (await t.app.inject({ url: `/api/v1/teams/${teamId}/strength`, headers: ops })).json();
    expect(strength).toMatchObject({ fit: 3, below_strength: true });
    const event = (await t.app.inject({ url: `/api/v1/events?subject_id=${incidentId}&type=volunteer.casualty-recorded`, headers: bearer(await t.tokenFor('admin')) })).json().items[0];
    expect(event.data).toMatchObject({ team_fit: 3, team_below_strength: true });
    expect((await post(`/api/v1/incidents/${incidentId}/volunteer-casualties`, { id: newUlid(), volunteer_id: ids[0], kind: 'injured' })).statusCode).toBe(409);

    const spare = await team(1);
    const dead = await post(`/api/v1/teams/${teamId}/members`, { add: [ids[0]] });
    expect(dead.statusCode).toBe(409);
    expect((await post(`/api/v1/teams/${teamId}/members`, { remove: [spare.ids[0]] })).statusCode).toBe(409); // not a member
    const reformed = await post(`/api/v1/teams/${teamId}/members`, { add: [spare.ids[0]], note: 'from the other centre' });
    expect(reformed.json()).toMatchObject({ fit: 4, below_strength: false });
    expect(await status(spare.ids[0]!, centreId)).toMatchObject({ team_id: teamId }); // moved to the team's centre
    const reform = (await t.app.inject({ url: `/api/v1/events?subject_id=${teamId}&type=team.reformed`, headers: bearer(await t.tokenFor('admin')) })).json().items[0];
    expect(reform.data).toMatchObject({ added: [{ volunteer_id: spare.ids[0], from_team_id: spare.teamId, from_centre_id: spare.centreId }], removed: [], fit: 4 });
  });
});
