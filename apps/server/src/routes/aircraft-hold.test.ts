// Double tap from the warning engine: a helicopter is tracked over the test demo city, an airstrike is reported
// under its path, and the engine's advisory (1,000 m, 20 minutes) holds units sent there, beyond the strike
// window's own 500 m and 10 minutes, until the advisory ends.
import { newUlid } from '@civdef/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';
import { northbound, setClock, T0 } from '../test-support/sightings.js';

let t: TestApp;
let admin: Record<string, string>;
let dispatcher: Record<string, string>;
let centreId: string;

const NORTH_EAST = { lat: 36.2050624, lon: 37.1556407 }; // a centre site ~1.9 km east of the strike
const STRIKE = { lat: 36.2021, lon: 37.1343 };
const STRUCK_AT = T0 + 3.5 * 60_000;

interface Advisory {
  hazard: { source: string; incident_id: string; radius_m: number; until: string };
  staging: { lat: number; lon: number; distance_m: number } | null;
}

async function ok(method: 'GET' | 'POST', url: string, payload?: object, who = dispatcher): Promise<Record<string, unknown>> {
  const res = await t.app.inject({ method, url, headers: who, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as Record<string, unknown>;
}

async function unit(): Promise<string> {
  const id = newUlid();
  await ok('POST', '/api/v1/units', { id, name: `Truck ${id.slice(-6)}`, kind: 'rescue-truck', centre_id: centreId, capabilities: ['heavy-rescue'], ...NORTH_EAST }, admin);
  return id;
}

const assign = async (incidentId: string, unitId: string) =>
  (await ok('POST', `/api/v1/incidents/${incidentId}/assignments`, { id: newUlid(), unit_id: unitId })).advisory as Advisory | null;

let strike: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = bearer(await t.tokenFor('admin'));
  dispatcher = bearer(await t.tokenFor('dispatcher'));
  centreId = newUlid();
  await ok('POST', '/api/v1/centres', { id: centreId, name: 'Aircraft Hold Centre', ...NORTH_EAST }, admin);
  // A helicopter flying north towards the city, reported once a minute.
  for (let m = 0; m <= 3; m++) {
    setClock(t, T0 + m * 60_000 + 5_000);
    await ok('POST', '/api/v1/sightings', northbound(m), bearer(await t.tokenFor('spotter')));
  }
  setClock(t, STRUCK_AT);
  strike = newUlid();
  await ok('POST', '/api/v1/incidents', { id: strike, kind: 'airstrike', severity: 3, casualties: 0, source: 'spotter', occurred_at: new Date(STRUCK_AT).toISOString(), ...STRIKE });
  await t.runtime.ctx.warning.idle(); // the engine takes the strike just after it commits
});
afterAll(() => t.close());

describe('a strike with an aircraft near', () => {
  it('holds a unit sent there at a staging point outside the advisory, naming the aircraft advisory', async () => {
    const [raised] = (await ok('GET', `/api/v1/events?type=advisory.double-tap&subject_id=${strike}`)).items as { data: { radius_m: number; until: string } }[];
    expect(raised!.data).toMatchObject({ radius_m: 1000, until: new Date(STRUCK_AT + 20 * 60_000).toISOString() });
    const u = await unit();
    setClock(t, STRUCK_AT + 60_000);
    const recs = (await ok('GET', `/api/v1/incidents/${strike}/recommendations`)) as { hazards: { source: string }[] };
    expect(recs.hazards.map((h) => h.source)).toEqual(['aircraft-advisory', 'strike-window']);
    const advisory = await assign(strike, u);
    expect(advisory!.hazard).toMatchObject({ source: 'aircraft-advisory', incident_id: strike, radius_m: 1000, until: raised!.data.until });
    expect(advisory!.staging!.distance_m).toBeGreaterThan(999);
    expect(advisory!.staging!.distance_m).toBeLessThan(1001);
    const [recorded] = (await ok('GET', `/api/v1/events?type=dispatch.hold-advisory&subject_id=${strike}`)).items as { data: Record<string, unknown> }[];
    expect(recorded!.data).toMatchObject({ unit_id: u, hold: true, hazard: { source: 'aircraft-advisory' } });
  });

  it('still holds once the strike window is over, and no longer once the advisory ends', async () => {
    setClock(t, STRUCK_AT + 15 * 60_000);
    const later = await assign(strike, await unit());
    expect(later!.hazard.source).toBe('aircraft-advisory');
    setClock(t, STRUCK_AT + 20 * 60_000);
    expect(await assign(strike, await unit())).toBeNull();
    const recs = (await ok('GET', `/api/v1/incidents/${strike}/recommendations`)) as { hazards: unknown[] };
    expect(recs.hazards).toEqual([]);
  });
});
