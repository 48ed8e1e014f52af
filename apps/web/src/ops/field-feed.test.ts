import { describe, expect, it } from 'vitest';
import { FieldFeed, fulfilBody, startCounts, victimOrder, victimStage, type VictimRow } from './field-feed.js';

const victim = (id: string, over: Partial<VictimRow> = {}): VictimRow => ({
  id, incident_id: 'I', worksite_id: 'W', worksite_code: 'A-1', condition: 'alive', start_colour: 'green',
  found_at: '2026-01-01T10:00:00.000Z', extricated_at: null, hospital_id: null, handed_over_at: null, ...over,
});

describe('field feed', () => {
  it('tells where a victim is on their way out', () => {
    expect(victimStage(victim('a'))).toBe('found');
    expect(victimStage(victim('a', { extricated_at: '2026-01-01T10:05:00.000Z' }))).toBe('extricated');
    expect(victimStage(victim('a', { extricated_at: '2026-01-01T10:05:00.000Z', handed_over_at: '2026-01-01T10:30:00.000Z' }))).toBe('handed-over');
  });

  it('lists the victims to act on first: red before yellow, the longest waiting first, handed over last', () => {
    const list = [
      victim('green'),
      victim('gone', { start_colour: 'red', handed_over_at: '2026-01-01T10:30:00.000Z' }),
      victim('red-late', { start_colour: 'red', found_at: '2026-01-01T10:20:00.000Z' }),
      victim('red-early', { start_colour: 'red', found_at: '2026-01-01T10:10:00.000Z' }),
      victim('dead', { condition: 'dead', start_colour: 'black' }),
      victim('yellow', { start_colour: 'yellow' }),
    ];
    expect(victimOrder(list).map((v) => v.id)).toEqual(['red-early', 'red-late', 'yellow', 'green', 'dead', 'gone']);
    expect(startCounts(list)).toEqual([{ colour: 'red', n: 3 }, { colour: 'yellow', n: 1 }, { colour: 'green', n: 1 }, { colour: 'black', n: 1 }]);
    expect(startCounts([victim('g')])).toEqual([{ colour: 'green', n: 1 }]);
  });

  it('fulfils from the unit\'s centre only when the request counts what it needs', () => {
    expect(fulfilBody({ centre_id: 'C', items: [{ item: 'water', quantity: 5 }] })).toEqual({ centre_id: 'C' });
    expect(fulfilBody({ centre_id: 'C', items: [] })).toEqual({});
    expect(fulfilBody({ centre_id: null, items: [{ item: 'water', quantity: 5 }] })).toEqual({});
  });

  it('reads again only what an event changed, and keeps the last incident asked for', async () => {
    const asked: string[] = [];
    let slow: (() => void) | null = null;
    const feed = new FieldFeed(async <T,>(path: string) => {
      asked.push(path);
      if (path.includes('incident_id=SLOW')) await new Promise<void>((r) => (slow = r));
      if (path.startsWith('/api/v1/victims')) return { items: [victim(path)] } as T;
      return { items: [] } as T;
    });
    await feed.showIncident('I');
    expect(feed.victims.map((v) => v.id)).toEqual(['/api/v1/victims?incident_id=I&limit=500']);
    asked.length = 0;
    await feed.apply({ type: 'victim.recorded', subject_type: 'victim', subject_id: 'v', data: { incident_id: 'OTHER' } });
    await feed.apply({ type: 'unit.moved', subject_type: 'unit', subject_id: 'u', data: {} });
    expect(asked).toEqual([]);
    await feed.apply({ type: 'victim.updated', subject_type: 'victim', subject_id: 'someone else', data: { changes: {} } });
    expect(asked).toEqual([]);
    await feed.apply({ type: 'victim.recorded', subject_type: 'victim', subject_id: 'v', data: { incident_id: 'I' } });
    await feed.apply({ type: 'victim.updated', subject_type: 'victim', subject_id: '/api/v1/victims?incident_id=I&limit=500', data: { changes: {} } });
    await feed.apply({ type: 'supply.requested', subject_type: 'supply-request', subject_id: 'r', data: {} });
    expect(asked).toEqual(['/api/v1/victims?incident_id=I&limit=500', '/api/v1/victims?incident_id=I&limit=500', '/api/v1/supply-requests?status=open&limit=200']);
    // A slow answer for an incident no longer selected does not overwrite the one selected since.
    const late = feed.showIncident('SLOW');
    await feed.showIncident('J');
    slow!();
    await late;
    expect(feed.incident).toBe('J');
    expect(feed.victims[0]!.id).toContain('incident_id=J');
    await feed.showIncident(null);
    expect(feed.victims).toEqual([]);
  });

  it('holds no requests for a role that may not read them', async () => {
    const feed = new FieldFeed(async () => null);
    await feed.loadRequests();
    expect(feed.requests).toBeNull();
  });
});
