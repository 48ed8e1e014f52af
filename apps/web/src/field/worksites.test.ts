import { newUlid } from '@civdef/core';
import { describe, expect, it } from 'vitest';
import type { OutboxItem } from './outbox.js';
import { openWorksite } from './victim.js';
import { nextSiteCode, openedHere, siteChoices, type SiteSummary } from './worksites.js';

const now = new Date('2026-11-23T10:00:00.000Z');
const site = (code: string, status: SiteSummary['status'] = 'open'): SiteSummary => ({ id: newUlid(), code, status, address: `${code} street` });
const queued = (incidentId: string, code: string, state: OutboxItem['state']): OutboxItem => ({
  ...openWorksite(newUlid(), now, { incidentId, code, address: '', teamId: null }, null),
  state,
  attempts: 0,
});

describe('worksite choices', () => {
  it('offers the open sites, by code in numeric order, and not the closed ones', () => {
    const list = [site('A-10'), site('A-2'), site('A-1', 'closed'), site('A-2a')];
    expect(siteChoices(list, []).map((s) => s.code)).toEqual(['A-2', 'A-2a', 'A-10']);
  });

  it('adds the sites this phone opened on the incident, pending or accepted, once the server lists them only once', () => {
    const incident = newUlid();
    const outbox = [queued(incident, 'A-3', 'pending'), queued(incident, 'A-4', 'accepted'), queued(incident, 'A-5', 'refused'), queued(newUlid(), 'B-1', 'pending')];
    const opened = openedHere(outbox, incident);
    expect(opened.map((s) => s.code)).toEqual(['A-3', 'A-4']);
    const listed = { ...opened[1]!, address: 'as the server has it' };
    expect(siteChoices([site('A-1'), listed], opened).map((s) => s.code)).toEqual(['A-1', 'A-3', 'A-4']);
  });
});

describe('next worksite id', () => {
  it('starts at A-1 and follows the highest number, counting closed sites and sub-sites', () => {
    expect(nextSiteCode([])).toBe('A-1');
    expect(nextSiteCode(['A-1', 'A-3a', 'A-2'])).toBe('A-4');
    expect(nextSiteCode(['C-6', 'C-2', 'A-9'])).toBe('C-7');
    expect(nextSiteCode(['not a code'])).toBe('A-1');
  });
});
