import { newUlid } from '@civdef/core';
import type { TestApp } from './harness.js';
import { bearer } from './harness.js';

/** Creates a centre, a team and one unit of `kind` through the API; returns their ids. */
export async function seedUnit(t: TestApp, kind = 'ambulance'): Promise<{ centreId: string; teamId: string; unitId: string }> {
  const admin = bearer(await t.tokenFor('admin'));
  const centreId = newUlid();
  const teamId = newUlid();
  const unitId = newUlid();
  const tag = unitId.slice(-6);
  const post = async (url: string, payload: object) => {
    const res = await t.app.inject({ method: 'POST', url, headers: admin, payload });
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  };
  await post('/api/v1/centres', { id: centreId, name: `Centre ${tag}`, lat: 36.2, lon: 37.15 });
  await post('/api/v1/teams', { id: teamId, name: `Team ${tag}`, centre_id: centreId });
  await post('/api/v1/units', { id: unitId, name: `Unit ${tag}`, kind, centre_id: centreId, team_id: teamId, lat: 36.2, lon: 37.15 });
  return { centreId, teamId, unitId };
}

/** A valid incident body with a fresh id. */
export function incidentBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: newUlid(),
    kind: 'airstrike',
    lat: 36.2021,
    lon: 37.1343,
    occurred_at: new Date().toISOString(),
    severity: 4,
    source: 'spotter',
    ...overrides,
  };
}

/** Reports an incident through the API as a dispatcher; returns its id. */
export async function seedIncident(t: TestApp, overrides: Record<string, unknown> = {}): Promise<string> {
  const body = incidentBody(overrides);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/incidents', headers: bearer(await t.tokenFor('dispatcher')), payload: body });
  if (res.statusCode !== 201) throw new Error(`incident: ${res.statusCode} ${res.body}`);
  return body.id as string;
}
