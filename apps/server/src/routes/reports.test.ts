import { newUlid } from '@civdef/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, worksiteBody } from '../test-support/field-fixtures.js';
import { incidentBody, seedUnit } from '../test-support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';

// One day at a centre, played on the app's own clock: 2026-03-01 in UTC+03:00.
const T0 = Date.parse('2026-03-01T05:00:00Z'); // 08:00 local
let t: TestApp;
let clock = T0;
let admin: Record<string, string>;
let ids: { i1: string; i2: string; i3: string; u1: string; u2: string };

const at = (min: number) => {
  clock = T0 + min * 60_000;
};
const post = async (url: string, payload: Record<string, unknown>, status = 201) => send(t, 'POST', url, payload, status);
const unitStatus = (unitId: string, status: string, extra: Record<string, unknown> = {}) => post(`/api/v1/units/${unitId}/status`, { id: newUlid(), status, ...extra });

beforeAll(async () => {
  t = await startTestApp();
  admin = bearer(await t.tokenFor('admin'));
  for (const role of ['viewer', 'spotter'] as const) await t.tokenFor(role);
  t.runtime.ctx.now = () => new Date(clock);
  at(-24 * 60);
  const { centreId, teamId, unitId: u1 } = await seedUnit(t);
  const { unitId: u2 } = await seedUnit(t, 'rescue-truck');
  await post('/api/v1/supplies/receipts', { id: newUlid(), centre_id: centreId, item: 'body-bag', quantity: 10 });
  const volunteer = newUlid();
  await post('/api/v1/volunteers', { id: volunteer, name: 'Samer Haddad', function: 'rescuer', centre_id: centreId, team_id: teamId });

  // 08:00 an airstrike, called in a minute later; the ambulance is on scene 6 minutes after the call.
  at(1);
  const i1 = (await post('/api/v1/incidents', incidentBody({ kind: 'airstrike', occurred_at: new Date(T0).toISOString() }))).id as string;
  await post(`/api/v1/incidents/${i1}/assignments`, { id: newUlid(), unit_id: u1 });
  at(2);
  await unitStatus(u1, 'en-route');
  at(7);
  await unitStatus(u1, 'on-scene');
  await post(`/api/v1/vehicles/${u1}/trips`, { id: newUlid(), distance_m: 4_000, incident_id: i1 });
  const site = await post(`/api/v1/incidents/${i1}/worksites`, worksiteBody({ team_id: teamId }));
  at(30);
  await post(`/api/v1/worksites/${site.id}/victims`, { id: newUlid(), condition: 'alive', start_colour: 'red', found_at: new Date(clock).toISOString(), extricated_at: new Date(clock).toISOString(), description: 'man, 40s' });
  await post(`/api/v1/worksites/${site.id}/victims`, { id: newUlid(), condition: 'dead', start_colour: 'black', found_at: new Date(clock).toISOString(), description: 'woman, 60s' });
  await post(`/api/v1/incidents/${i1}/volunteer-casualties`, { id: newUlid(), volunteer_id: volunteer, kind: 'injured' });

  // 09:00 shelling, called at once; the rescue truck arrives 13 minutes later.
  at(60);
  const i2 = (await post('/api/v1/incidents', incidentBody({ kind: 'shelling', occurred_at: new Date(clock).toISOString() }))).id as string;
  await post(`/api/v1/incidents/${i2}/assignments`, { id: newUlid(), unit_id: u2 });
  at(73);
  await unitStatus(u2, 'en-route');
  await unitStatus(u2, 'on-scene');
  // 11:00 it overheats on the way back and stays out.
  at(180);
  await unitStatus(u2, 'out-of-service', { reason: 'overheated' });

  // 12:00 a barrel bomb nobody has reached yet.
  at(240);
  const i3 = (await post('/api/v1/incidents', incidentBody({ kind: 'barrel-bomb', occurred_at: new Date(clock).toISOString() }))).id as string;
  at(300);
  ids = { i1, i2, i3, u1, u2 };
});
afterAll(() => t.close());

const report = async (query = 'date=2026-03-01&utc_offset=%2B03:00', headers = admin) => t.app.inject({ url: `/api/v1/reports/daily?${query}`, headers });

describe('daily report', () => {
  it('gives the day\'s figures from the record', async () => {
    const res = await report();
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.strikes.total).toBe(3);
    expect(r.strikes.by_kind).toMatchObject({ airstrike: 1, shelling: 1, 'barrel-bomb': 1 });
    expect(r.strikes.by_hour[8].total).toBe(1);
    expect(r.strikes.by_hour[9].total).toBe(1);
    expect(r.strikes.by_hour[12].total).toBe(1);
    expect(r.responses).toMatchObject({ incidents: 3, reached: 2, median_s: 570, p90_s: 738 }); // 360 s and 780 s
    expect(r.responses.items.find((i: { incident_id: string }) => i.incident_id === ids.i1)).toMatchObject({ unit_id: ids.u1, seconds: 360 });
    expect(r.victims).toMatchObject({ alive: 1, dead: 1, by_colour: { red: 1, black: 1 } });
    expect(r.volunteer_losses).toMatchObject({ injured: 1, killed: 0, items: [{ name: 'Samer Haddad', incident_id: ids.i1 }] });
    expect(r.supplies).toEqual([expect.objectContaining({ item: 'body-bag', used: 1, received: 0, left: 9 })]);
    // Both arrivals (by road from the centre) and the 4 km read off the ambulance's odometer.
    expect(r.fuel_on_trips.trips).toBe(3);
    expect(r.fuel_on_trips.distance_km).toBeGreaterThan(4);
    expect(r.fuel_on_trips.litres).toBeGreaterThan(0.56); // 4 km at an ambulance's 14 l/100 km, and more
    expect(r.vehicles_out).toEqual([expect.objectContaining({ unit_id: ids.u2, reason: 'overheated', back_at: null })]);
  });

  it('reads another day as empty, and a day in UTC differently from one at +03:00', async () => {
    const before = (await report('date=2026-02-28&utc_offset=%2B03:00')).json();
    expect(before.strikes.total).toBe(0);
    expect(before.supplies).toEqual([expect.objectContaining({ item: 'body-bag', used: 0, received: 10, left: 10 })]);
    const utc = (await report('date=2026-03-01')).json();
    expect(utc.strikes.by_hour[5].total).toBe(1); // 05:00 UTC
  });

  it('serves one HTML page with SVG charts, no script, and a CSV download per table', async () => {
    const res = await t.app.inject({ url: '/api/v1/reports/daily.html?date=2026-03-01&utc_offset=%2B03:00', headers: bearer(await t.tokenFor('viewer')) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const html = res.body;
    expect(html.match(/<svg /g)!.length).toBeGreaterThanOrEqual(3);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="https?:/);
    const links = [...html.matchAll(/<a download="([^"]+)" href="data:text\/csv;charset=utf-8,([^"]+)"/g)];
    expect(links.map((l) => l[1])).toEqual(['strikes', 'responses', 'victims', 'volunteer-losses', 'supplies', 'vehicles-out'].map((n) => `${n}-2026-03-01.csv`));
    const responses = decodeURIComponent(links[1]![2]!);
    expect(responses.split('\r\n')[0]).toBe('incident_id,kind,called_at,arrived_at,unit_id,seconds');
    expect(responses).toContain(`${ids.i1},airstrike,`);
    expect(html).toContain('9.5 min'); // the median
  });

  it('serves each table as CSV', async () => {
    const res = await t.app.inject({ url: '/api/v1/reports/daily.csv?date=2026-03-01&utc_offset=%2B03:00&table=vehicles-out', headers: admin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe('attachment; filename="vehicles-out-2026-03-01.csv"');
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${ids.u2},`);
    expect(lines[1]).toContain(',overheated,');
  });

  it('refuses a bad date or table (422) and spotters (403)', async () => {
    expect((await report('date=2026-02-30')).statusCode).toBe(422);
    expect((await report('date=yesterday')).statusCode).toBe(422);
    expect((await report('date=2026-03-01&utc_offset=3')).statusCode).toBe(422);
    expect((await t.app.inject({ url: '/api/v1/reports/daily.csv?date=2026-03-01&table=secrets', headers: admin })).statusCode).toBe(422);
    expect((await report('date=2026-03-01', bearer(await t.tokenFor('spotter')))).statusCode).toBe(403);
  });
});
