import { describe, expect, it } from 'vitest';
import { breakdownsOf } from './breakdowns.js';
import { isLowFuel, rangeKm, tripLitres } from './fuel.js';

describe('fuel', () => {
  it('burns litres in proportion to distance', () => {
    expect(tripLitres(10_000, 30)).toBe(3);
    expect(tripLitres(2_345, 14)).toBe(0.328);
    expect(tripLitres(0, 40)).toBe(0);
  });

  it('reads range and a low tank', () => {
    expect(rangeKm(30, 30)).toBe(100);
    expect(isLowFuel(19, 80)).toBe(true);
    expect(isLowFuel(20, 80)).toBe(false);
  });
});

describe('breakdownsOf', () => {
  const c = (to_status: string, at: string, reason: string | null = null) => ({ to_status, reason, note: null, incident_id: null, at });

  it('pairs each breakdown with the return to service, and leaves an open one running until now', () => {
    const changes = [
      c('dispatched', '2026-03-01T10:00:00Z'),
      c('out-of-service', '2026-03-01T10:05:00Z', 'overheated'),
      c('out-of-service', '2026-03-01T10:20:00Z', 'damaged'),
      c('available', '2026-03-01T13:05:00Z'),
      c('out-of-service', '2026-03-02T08:00:00Z', 'no-fuel'),
    ];
    expect(breakdownsOf(changes, new Date('2026-03-02T09:30:00Z'))).toEqual([
      { at: '2026-03-01T10:05:00Z', reason: 'overheated', note: null, incident_id: null, back_at: '2026-03-01T13:05:00Z', hours: 3 },
      { at: '2026-03-02T08:00:00Z', reason: 'no-fuel', note: null, incident_id: null, back_at: null, hours: 1.5 },
    ]);
  });
});
