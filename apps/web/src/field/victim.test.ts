import { newUlid, VictimCreate, WorksiteCreate } from '@civdef/core';
import { describe, expect, it } from 'vitest';
import type { RequestPayload } from './outbox.js';
import { colourFor, openWorksite, victimFound } from './victim.js';

const now = new Date('2026-11-23T10:00:00.000Z');
const at = { lat: 36.2012345678, lon: 37.1598765432, accuracy_m: 9 };
const payloadOf = (i: { payload: unknown }) => i.payload as RequestPayload;
const site = { id: newUlid(), code: 'A-2' };

// The bodies must pass the server's own schemas: a victim refused for its shape would be a person lost to the record.
describe('victim found', () => {
  it('posts a victim the server schema accepts, at the chosen worksite, under the action id', () => {
    const id = newUlid();
    const item = victimFound(id, now, { worksite: site, condition: 'alive', colour: 'red', description: '  red scarf, child ' });
    const p = payloadOf(item);
    expect(p.url).toBe(`/api/v1/worksites/${site.id}/victims`);
    expect(item.id).toBe(id);
    const parsed = VictimCreate.safeParse(p.body);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ id, condition: 'alive', start_colour: 'red', found_at: now.toISOString(), description: 'red scarf, child' });
    expect(item.label).toEqual({ key: 'action.victim', vars: { site: 'A-2', condition: 'alive', colour: 'red' } });
  });

  it('makes the dead START black whatever colour was tapped, as the server requires', () => {
    expect(colourFor('dead', 'green')).toBe('black');
    expect(colourFor('alive', 'yellow')).toBe('yellow');
    const body = payloadOf(victimFound(newUlid(), now, { worksite: site, condition: 'dead', colour: 'red', description: 'grey coat' })).body;
    expect(VictimCreate.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({ condition: 'dead', start_colour: 'black' });
  });

  it('carries no name, photo or family contact: the description is the only identifying field', () => {
    const body = payloadOf(victimFound(newUlid(), now, { worksite: site, condition: 'alive', colour: 'green', description: 'blue jacket' })).body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['condition', 'description', 'found_at', 'id', 'start_colour']);
  });
});

describe('opening a worksite from the field', () => {
  const incidentId = newUlid();

  it('posts a worksite the server schema accepts, on the incident, with the team and the position', () => {
    const id = newUlid();
    const team = newUlid();
    const item = openWorksite(id, now, { incidentId, code: 'A-3', address: ' Baron street ', teamId: team }, at);
    const p = payloadOf(item);
    expect(p.url).toBe(`/api/v1/incidents/${incidentId}/worksites`);
    const parsed = WorksiteCreate.safeParse(p.body);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ id, code: 'A-3', address: 'Baron street', team_id: team, lat: 36.2012346, lon: 37.1598765, construction: 'unknown' });
    expect(item.label).toEqual({ key: 'action.worksite', vars: { code: 'A-3' } });
  });

  it('names the place by its position when no address was typed, and by nothing when there is no fix', () => {
    const here = payloadOf(openWorksite(newUlid(), now, { incidentId, code: 'A-1', address: '', teamId: null }, at)).body;
    expect(WorksiteCreate.safeParse(here).success).toBe(true);
    expect((here as { address: string }).address).toContain('36.2012346, 37.1598765');
    const nowhere = payloadOf(openWorksite(newUlid(), now, { incidentId, code: 'A-1', address: '', teamId: null }, null)).body;
    const parsed = WorksiteCreate.safeParse(nowhere);
    expect(parsed.success).toBe(true);
    expect(parsed.data).not.toHaveProperty('lat');
    expect(parsed.data).not.toHaveProperty('team_id');
  });
});
