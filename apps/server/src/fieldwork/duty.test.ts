import { describe, expect, it } from 'vitest';
import { dutyLoad, hoursWithin } from './duty.js';

const now = Date.parse('2026-03-02T12:00:00Z');

describe('duty hours', () => {
  it('counts only the part of each shift inside the window, an open shift up to now', () => {
    const shifts = [
      { started_at: '2026-03-01T06:00:00Z', ended_at: '2026-03-01T16:00:00Z' }, // 4 h inside the last 24
      { started_at: '2026-03-02T04:30:00Z', ended_at: null }, // 7.5 h so far
    ];
    expect(hoursWithin(shifts, now - 24 * 3_600_000, now)).toBe(11.5);
    expect(dutyLoad(shifts, now)).toEqual({ hours_last_24h: 11.5, over_limit: false });
  });

  it('flags more than twelve hours in a day', () => {
    expect(dutyLoad([{ started_at: '2026-03-01T23:00:00Z', ended_at: null }], now)).toEqual({ hours_last_24h: 13, over_limit: true });
  });

  it('ignores shifts wholly outside the window', () => {
    expect(hoursWithin([{ started_at: '2026-02-20T00:00:00Z', ended_at: '2026-02-20T10:00:00Z' }], now - 24 * 3_600_000, now)).toBe(0);
  });
});
