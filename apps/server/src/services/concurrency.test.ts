import { newUlid } from '@civdef/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';
import { incidentBody, seedIncident, seedUnit } from '../test-support/fixtures.js';

// Requests fired at once with Promise.all. On PostgreSQL they run on separate pool connections at the same
// time, which exercises the row locks and the partial unique index; on SQLite they queue on one connection,
// which must give the same answers.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const db = () => t.runtime.ctx.storage.db;
const N = 10;

async function dispatcher() {
  return bearer(await t.tokenFor('dispatcher'));
}

const countBy = (codes: number[]) => codes.reduce<Record<number, number>>((acc, c) => ({ ...acc, [c]: (acc[c] ?? 0) + 1 }), {});

describe('one unit, ten dispatchers', () => {
  it('assigns the unit to exactly one of ten incidents', async () => {
    const { unitId } = await seedUnit(t);
    const incidents: string[] = [];
    for (let i = 0; i < N; i++) incidents.push(await seedIncident(t));
    const headers = await dispatcher();
    const replies = await Promise.all(
      incidents.map((incidentId) =>
        t.app.inject({ method: 'POST', url: `/api/v1/incidents/${incidentId}/assignments`, headers, payload: { id: newUlid(), unit_id: unitId } }),
      ),
    );
    expect(countBy(replies.map((r) => r.statusCode))).toEqual({ 201: 1, 409: N - 1 });
    for (const r of replies.filter((x) => x.statusCode === 409)) {
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().detail).toMatch(/assigned/);
    }
    const winner = replies.find((r) => r.statusCode === 201)!.json() as { id: string; incident_id: string };

    const active = await db().selectFrom('assignments').selectAll().where('unit_id', '=', unitId).where('released_at', 'is', null).execute();
    expect(active).toHaveLength(1);
    expect(active[0]!.id).toBe(winner.id);
    // Nothing of the losers was left behind: one dispatch in the timeline, one incident responding.
    const all = await db().selectFrom('assignments').select('id').where('unit_id', '=', unitId).execute();
    expect(all).toHaveLength(1);
    const timeline = await db().selectFrom('unit_status_changes').select('to_status').where('unit_id', '=', unitId).execute();
    expect(timeline.map((c) => c.to_status)).toEqual(['dispatched']);
    const statuses = await db().selectFrom('incidents').select(['id', 'status']).where('id', 'in', incidents).execute();
    expect(statuses.filter((s) => s.status === 'responding').map((s) => s.id)).toEqual([winner.incident_id]);
    const events = await db().selectFrom('events').select('type').where('type', '=', 'assignment.created').where('subject_id', 'in', incidents).execute();
    expect(events).toHaveLength(1);
  });

  it('gives ten units to ten incidents in parallel without refusing any', async () => {
    // The locks must serialise only what clashes: independent dispatches all succeed.
    const pairs: { unitId: string; incidentId: string }[] = [];
    for (let i = 0; i < N; i++) pairs.push({ unitId: (await seedUnit(t)).unitId, incidentId: await seedIncident(t) });
    const headers = await dispatcher();
    const replies = await Promise.all(
      pairs.map((p) =>
        t.app.inject({ method: 'POST', url: `/api/v1/incidents/${p.incidentId}/assignments`, headers, payload: { id: newUlid(), unit_id: p.unitId } }),
      ),
    );
    expect(replies.map((r) => r.statusCode)).toEqual(Array(N).fill(201));
  });
});

describe('a retry that arrives while the original is still running', () => {
  // A phone gives up waiting and sends again; both copies are in flight at once. Every copy must get the
  // original answer: 201 for the one that did the work, 200 for the rest, never a 409 or a 500.

  it('reports the incident once', async () => {
    const body = incidentBody();
    const headers = await dispatcher();
    const replies = await Promise.all(Array.from({ length: N }, () => t.app.inject({ method: 'POST', url: '/api/v1/incidents', headers, payload: body })));
    expect(countBy(replies.map((r) => r.statusCode))).toEqual({ 201: 1, 200: N - 1 });
    const first = replies.find((r) => r.statusCode === 201)!.json();
    for (const r of replies) expect(r.json()).toEqual(first);
    const events = await db().selectFrom('events').select('seq').where('type', '=', 'incident.reported').where('subject_id', '=', body.id as string).execute();
    expect(events).toHaveLength(1);
  });

  it('dispatches the unit once', async () => {
    const { unitId } = await seedUnit(t);
    const incidentId = await seedIncident(t);
    const headers = await dispatcher();
    const payload = { id: newUlid(), unit_id: unitId };
    const replies = await Promise.all(
      Array.from({ length: N }, () => t.app.inject({ method: 'POST', url: `/api/v1/incidents/${incidentId}/assignments`, headers, payload })),
    );
    expect(countBy(replies.map((r) => r.statusCode))).toEqual({ 201: 1, 200: N - 1 });
    const timeline = await db().selectFrom('unit_status_changes').select('to_status').where('unit_id', '=', unitId).execute();
    expect(timeline).toHaveLength(1);
  });

  it('records the status change once', async () => {
    const { unitId } = await seedUnit(t);
    const headers = await dispatcher();
    const payload = { id: newUlid(), status: 'out-of-service', reason: 'damaged' };
    const replies = await Promise.all(
      Array.from({ length: N }, () => t.app.inject({ method: 'POST', url: `/api/v1/units/${unitId}/status`, headers, payload })),
    );
    expect(countBy(replies.map((r) => r.statusCode))).toEqual({ 201: 1, 200: N - 1 });
    const timeline = await db().selectFrom('unit_status_changes').select('id').where('unit_id', '=', unitId).execute();
    expect(timeline.map((c) => c.id)).toEqual([payload.id]);
  });

  it('creates the centre once, and a racing different centre under the same name gets a 409', async () => {
    const headers = bearer(await t.tokenFor('admin'));
    const name = `Centre ${newUlid()}`;
    const same = { id: newUlid(), name, lat: 36.2, lon: 37.1 };
    const rival = { id: newUlid(), name, lat: 36.3, lon: 37.2 };
    const replies = await Promise.all([
      ...Array.from({ length: N - 1 }, () => t.app.inject({ method: 'POST', url: '/api/v1/centres', headers, payload: same })),
      t.app.inject({ method: 'POST', url: '/api/v1/centres', headers, payload: rival }),
    ]);
    const codes = replies.map((r) => r.statusCode);
    // Which copy wins is up to the scheduler; what matters is that nothing fails and one centre exists.
    expect(codes.every((c) => [200, 201, 409].includes(c))).toBe(true);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(await db().selectFrom('centres').select('id').where('name', '=', name).execute()).toHaveLength(1);
  });
});
