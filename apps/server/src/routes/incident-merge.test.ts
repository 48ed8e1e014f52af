// Merging reports of one blast into one incident, and splitting one back, with merging on (150 m, 30 min).
import { newUlid } from '@civdef/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DISPATCH_SETTINGS } from '../dispatch/settings.js';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';

let t: TestApp;
let dispatcher: Record<string, string>;
const T0 = Date.now() - 60 * 60_000;
const at = (min: number) => new Date(T0 + min * 60_000).toISOString();
// ~100 m is 0.0009 degrees of latitude.
const report = (o: Record<string, unknown>) => ({ id: newUlid(), kind: 'airstrike', lat: 36.2, lon: 37.15, occurred_at: at(0), severity: 3, source: 'civilian', ...o });

beforeAll(async () => {
  t = await startTestApp({ dispatch: { ...DEFAULT_DISPATCH_SETTINGS, merge: { radiusM: 150, minutes: 30 } } });
  dispatcher = bearer(await t.tokenFor('dispatcher'));
});
afterAll(() => t.close());

const post = (url: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: dispatcher, ...(payload ? { payload } : {}) });
const get = (url: string) => t.app.inject({ url, headers: dispatcher });
const events = async (type: string, subject: string) => (await get(`/api/v1/events?type=${type}&subject_id=${subject}`)).json().items as { data: Record<string, unknown> }[];

describe('merging', () => {
  it('attaches a report of the same kind nearby in place and time to the open incident, and a retry answers the same', async () => {
    const first = report({ lat: 36.1, lon: 37.1 });
    expect((await post('/api/v1/incidents', first)).json()).toMatchObject({ id: first.id, merged: null });
    const second = report({ lat: 36.1009, lon: 37.1, occurred_at: at(5), severity: 4, reporter: 'neighbour', source: 'team' });
    const res = await post('/api/v1/incidents', second);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ id: first.id, status: 'open', severity: 3 });
    expect(body.merged.report_id).toBe(second.id);
    expect(body.merged.distance_m).toBeGreaterThan(95);
    expect(body.merged.distance_m).toBeLessThan(105);
    expect((await get(`/api/v1/incidents/${second.id}`)).statusCode).toBe(404);
    const reports = (await get(`/api/v1/incidents/${first.id}/reports`)).json().items;
    expect(reports).toEqual([expect.objectContaining({ id: second.id, incident_id: first.id, severity: 4, reporter: 'neighbour', source: 'team', split_at: null })]);
    expect(await events('incident.report-merged', first.id)).toEqual([expect.objectContaining({ data: expect.objectContaining({ report_id: second.id }) })]);
    const again = await post('/api/v1/incidents', second);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...body });
    expect((await post('/api/v1/incidents', { ...second, severity: 5 })).statusCode).toBe(409);
  });

  it('makes a new incident for another kind, too far, too late, or when the near one is closed', async () => {
    const base = report({ lat: 36.2, lon: 37.2 });
    await post('/api/v1/incidents', base);
    const news = [
      report({ lat: 36.2, lon: 37.2, kind: 'fire' }),
      report({ lat: 36.2018, lon: 37.2 }), // ~200 m
      report({ lat: 36.2, lon: 37.2, occurred_at: at(31) }),
    ];
    for (const r of news) expect((await post('/api/v1/incidents', r)).json()).toMatchObject({ id: r.id, merged: null });
    for (const r of [base, ...news.slice(1)]) expect((await post(`/api/v1/incidents/${r.id}/status`, { status: 'closed' })).statusCode).toBe(200);
    const after = report({ lat: 36.2, lon: 37.2, occurred_at: at(1) });
    expect((await post('/api/v1/incidents', after)).json()).toMatchObject({ id: after.id, merged: null });
  });
});

describe('splitting', () => {
  it('makes a merged report an incident of its own under its id; a retry answers it', async () => {
    const first = report({ lat: 36.3, lon: 37.3 });
    await post('/api/v1/incidents', first);
    const second = report({ lat: 36.3005, lon: 37.3, occurred_at: at(2), description: 'the school, not the market' });
    expect((await post('/api/v1/incidents', second)).json().id).toBe(first.id);
    const split = await post(`/api/v1/incidents/${first.id}/reports/${second.id}/split`);
    expect(split.statusCode).toBe(201);
    expect(split.json()).toMatchObject({ id: second.id, status: 'open', lat: 36.3005, description: 'the school, not the market', occurred_at: at(2) });
    expect((await post(`/api/v1/incidents/${first.id}/reports/${second.id}/split`)).statusCode).toBe(200);
    expect((await get(`/api/v1/incidents/${second.id}`)).json().id).toBe(second.id);
    expect((await get(`/api/v1/incidents/${first.id}/reports`)).json().items[0].split_at).toEqual(expect.any(String));
    expect(await events('incident.report-split', first.id)).toHaveLength(1);
    expect((await events('incident.reported', second.id))[0]!.data).toMatchObject({ split_from: first.id });
    // The reporter's phone retrying its report now finds the incident with its own id.
    const retry = await post('/api/v1/incidents', second);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ id: second.id, merged: null });
  });

  it('answers 404 for a report the incident does not hold, and refuses a body', async () => {
    const first = report({ lat: 36.4, lon: 37.4 });
    await post('/api/v1/incidents', first);
    expect((await post(`/api/v1/incidents/${first.id}/reports/${newUlid()}/split`)).statusCode).toBe(404);
    expect((await post(`/api/v1/incidents/${newUlid()}/reports/${first.id}/split`)).statusCode).toBe(404);
    expect((await get(`/api/v1/incidents/${newUlid()}/reports`)).statusCode).toBe(404);
    expect((await post(`/api/v1/incidents/${first.id}/reports/${newUlid()}/split`, { x: 1 })).statusCode).toBe(422);
  });
});
