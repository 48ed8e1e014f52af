// A small field world for tests of worksites, victims, supplies, vehicles and people, made through the API.
import { newUlid } from '@civdef/core';
import type { TestApp } from './harness.js';
import { bearer } from './harness.js';

type Body = Record<string, unknown>;

export interface FieldWorld {
  otherCentreId: string;
  hospitalId: string;
  worksiteId: string;
  /** Alive, extricated, not yet handed over. */
  victimId: string;
  /** A missing-person case not yet matched, and one matched to victimId. */
  caseId: string;
  matchedCaseId: string;
  /** A shift in progress (of a volunteer of its own). */
  shiftId: string;
  /** An open supply request from the unit, for two body bags. */
  supplyRequestId: string;
}

/** POSTs (or PUTs) as admin and throws unless the answer is `status`. Precondition: t is running. */
export async function send(t: TestApp, method: 'POST' | 'PUT' | 'PATCH', url: string, payload: Body, status = 201): Promise<Body> {
  const res = await t.app.inject({ method, url, headers: bearer(await t.tokenFor('admin')), payload });
  if (res.statusCode !== status) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as Body;
}

/** A valid worksite body with a fresh id. */
export function worksiteBody(overrides: Body = {}): Body {
  return { id: newUlid(), code: 'A-1', address: 'Al-Shaar, bakery street 4', building_use: 'residential', construction: 'reinforced-concrete', floors: 4, collapse_type: 'pancake', hazards: ['gas'], ...overrides };
}

/** Hospital, worksite, victim, missing-person cases, a shift, stock, a supply request and a vehicle's tank around the given centre, team, unit and incident. */
export async function seedFieldWorld(t: TestApp, base: { centreId: string; teamId: string; unitId: string; incidentId: string }): Promise<FieldWorld> {
  const tag = newUlid().slice(-8);
  const otherCentreId = newUlid();
  await send(t, 'POST', '/api/v1/centres', { id: otherCentreId, name: `Other centre ${tag}`, lat: 36.21, lon: 37.16 });
  const hospitalId = newUlid();
  await send(t, 'POST', '/api/v1/hospitals', { id: hospitalId, name: `Hospital ${tag}`, kind: 'hospital', lat: 36.205, lon: 37.145, capacity: 40 });
  const worksiteId = newUlid();
  await send(t, 'POST', `/api/v1/incidents/${base.incidentId}/worksites`, worksiteBody({ id: worksiteId, team_id: base.teamId }));
  const victimId = newUlid();
  const found = new Date(Date.now() - 3_600_000).toISOString();
  await send(t, 'POST', `/api/v1/worksites/${worksiteId}/victims`, { id: victimId, condition: 'alive', start_colour: 'red', found_at: found, extricated_at: found, age: 30, sex: 'male', name: 'Ahmad Hasan' });
  const caseId = newUlid();
  const matchedCaseId = newUlid();
  for (const id of [caseId, matchedCaseId]) {
    await send(t, 'POST', '/api/v1/missing-persons', { id, name: 'Ahmad Hasan', age: 31, asked_by: { name: 'Fatima Hasan', relation: 'sister', phone: '+963911111111' } });
  }
  await send(t, 'POST', `/api/v1/missing-persons/${matchedCaseId}/match`, { victim_id: victimId }, 200);
  const volunteerId = newUlid();
  await send(t, 'POST', '/api/v1/volunteers', { id: volunteerId, name: `Shift ${tag}`, function: 'rescuer', centre_id: base.centreId });
  const shiftId = newUlid();
  await send(t, 'POST', '/api/v1/shifts', { id: shiftId, volunteer_id: volunteerId });
  await send(t, 'POST', '/api/v1/supplies/receipts', { id: newUlid(), centre_id: base.centreId, item: 'body-bag', quantity: 50 });
  await send(t, 'POST', '/api/v1/supplies/receipts', { id: newUlid(), centre_id: base.centreId, item: 'fuel', quantity: 500 });
  await send(t, 'PUT', `/api/v1/vehicles/${base.unitId}`, { tank_l: 80, fuel_l: 40, maintenance: 'ok' }, 200);
  const supplyRequestId = newUlid();
  await send(t, 'POST', '/api/v1/supply-requests', { id: supplyRequestId, note: 'body bags', unit_id: base.unitId, items: [{ item: 'body-bag', quantity: 2 }] });
  return { otherCentreId, hospitalId, worksiteId, victimId, caseId, matchedCaseId, shiftId, supplyRequestId };
}

type Ids = { centreId: string; teamId: string; unitId: string; incidentId: string; volunteerId: string } & FieldWorld;

/** A valid body for each field route, keyed "METHOD /url" as the fuzz test names routes. */
export function fieldBodies(w: Ids): Record<string, () => Body> {
  const at = new Date().toISOString();
  const tag = newUlid().slice(-10);
  return {
    'POST /api/v1/incidents/:id/worksites': () => worksiteBody({ code: `B-${1 + Math.floor(Math.random() * 999)}`, landmark: 'opposite the mosque', lat: 36.2, lon: 37.15, triage_category: 'A', team_id: w.teamId, note: 'voices heard' }),
    'PATCH /api/v1/worksites/:id': () => ({ triage_category: 'B', hazards: ['gas', 'unexploded-ordnance'], floors: 5, note: 'second void found' }),
    'POST /api/v1/worksites/:id/asr': () => ({ level: 2, team_id: w.teamId, completed_at: at }),
    'POST /api/v1/worksites/:id/close': () => ({ note: 'searched to ASR 4' }),
    'POST /api/v1/worksites/:id/victims': () => ({
      id: newUlid(),
      condition: 'dead',
      start_colour: 'black',
      found_at: at,
      extricated_at: at,
      age: 40,
      sex: 'female',
      name: 'Layla Darwish',
      description: 'green coat',
      family_contact: { name: 'Omar Darwish', relation: 'son', phone: '+963922222222' },
      body_bag_centre_id: w.centreId,
    }),
    'PATCH /api/v1/victims/:id': () => ({ start_colour: 'yellow', age: 31, description: 'blue jacket' }),
    'POST /api/v1/victims/:id/handover': () => ({ hospital_id: w.hospitalId, at, note: 'stable' }),
    'POST /api/v1/hospitals': () => ({ id: newUlid(), name: `Hospital ${tag}`, kind: 'field-hospital', lat: 36.2, lon: 37.15, capacity: 12, status: 'accepting' }),
    'POST /api/v1/hospitals/:id/status': () => ({ status: 'full', capacity: 10, note: 'no beds' }),
    'POST /api/v1/missing-persons': () => ({
      id: newUlid(),
      name: 'Yusuf Khalil',
      age: 9,
      sex: 'male',
      description: 'red shirt',
      last_seen_place: 'school gate',
      last_seen_lat: 36.2,
      last_seen_lon: 37.15,
      last_seen_at: at,
      asked_by: { name: 'Mariam Khalil', relation: 'mother', phone: '+963933333333', contact: 'the pharmacy on the corner' },
    }),
    'POST /api/v1/missing-persons/:id/match': () => ({ victim_id: w.victimId, note: 'recognised by the sister' }),
    'POST /api/v1/missing-persons/:id/family-told': () => ({ at, note: 'told in person' }),
    'POST /api/v1/supplies/counts': () => ({ id: newUlid(), centre_id: w.centreId, item: 'fuel', quantity: 120.5, note: 'dip-stick' }),
    'POST /api/v1/supplies/receipts': () => ({ id: newUlid(), centre_id: w.centreId, item: 'body-bag', quantity: 10, source: 'relief convoy', note: 'box 3' }),
    'POST /api/v1/supplies/transfers': () => ({ id: newUlid(), from_centre_id: w.centreId, to_centre_id: w.otherCentreId, item: 'body-bag', quantity: 2, note: 'night run' }),
    'POST /api/v1/supplies/consumptions': () => ({ id: newUlid(), centre_id: w.centreId, item: 'body-bag', quantity: 1, incident_id: w.incidentId, note: 'market' }),
    'POST /api/v1/supply-requests': () => ({ id: newUlid(), note: 'stretchers', requested_at: at, unit_id: w.unitId, incident_id: w.incidentId, lat: 36.2, lon: 37.15, items: [{ item: 'stretcher', quantity: 2 }] }),
    'POST /api/v1/supply-requests/:id/fulfil': () => ({ centre_id: w.centreId, items: [{ item: 'body-bag', quantity: 1 }], note: 'truck 2' }),
    'POST /api/v1/supply-requests/:id/refuse': () => ({ reason: 'the road is cut' }),
    'PUT /api/v1/vehicles/:id': () => ({ tank_l: 80, fuel_l: 55.5, litres_per_100km: 15, maintenance: 'service-due', note: 'brakes' }),
    'POST /api/v1/vehicles/:id/refuels': () => ({ id: newUlid(), litres: 10, centre_id: w.centreId }),
    'POST /api/v1/vehicles/:id/trips': () => ({ id: newUlid(), distance_m: 5_400, incident_id: w.incidentId, at, note: 'odometer' }),
    'POST /api/v1/shifts': () => ({ id: newUlid(), volunteer_id: w.volunteerId, started_at: at }),
    'POST /api/v1/shifts/:id/end': () => ({ ended_at: at, note: 'relieved' }),
    'POST /api/v1/incidents/:id/volunteer-casualties': () => ({ id: newUlid(), volunteer_id: w.volunteerId, kind: 'injured', at, note: 'shrapnel' }),
    'POST /api/v1/teams/:id/members': () => ({ add: [w.volunteerId], remove: [], note: 'replacing the injured' }),
  };
}

/** The ids the field routes' path parameters name, by the collection before them. */
export function fieldIds(w: FieldWorld & { teamId: string; unitId: string }): Record<string, string> {
  return { worksites: w.worksiteId, victims: w.victimId, hospitals: w.hospitalId, 'missing-persons': w.caseId, shifts: w.shiftId, vehicles: w.unitId, teams: w.teamId, 'supply-requests': w.supplyRequestId };
}

/** Routes whose valid call needs another record than the collection's usual one. */
export function fieldUrls(w: FieldWorld): Record<string, string> {
  return { 'POST /api/v1/missing-persons/:id/family-told': `/api/v1/missing-persons/${w.matchedCaseId}/family-told` };
}
