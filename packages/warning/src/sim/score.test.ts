import { describe, expect, it } from 'vitest';
import type { AlertDecision } from '../alerts/alert-book.js';
import { leadTime, median, warningIntervals } from './score.js';

const MIN = 60_000;
const d = (min: number, alertId: string, action: AlertDecision['action'], zones: number[]): AlertDecision => ({
  time: min * MIN,
  alertId,
  trackId: alertId,
  aircraft: 'jet',
  action,
  zones: zones.map((zone) => ({ zone, probability: 0.5, earliest: 0, latest: 0 })),
});
const strike = (min: number, zone: number) => ({ sortie: 0, time: min * MIN, at: { x: 0, y: 0 }, zone, doubleTap: false });

describe('scoring', () => {
  const decisions = [d(0, 'A', 'issue', [1, 2]), d(3, 'A', 'update', [2, 3]), d(4, 'B', 'issue', [1]), d(6, 'A', 'cancel', []), d(9, 'B', 'cancel', [])];
  const intervals = warningIntervals(decisions, 20 * MIN);

  it('turns decisions into per-zone warning intervals', () => {
    const show = intervals.map((i) => `${i.alertId}:${i.zone} ${i.from / MIN}-${i.to / MIN}`).sort();
    expect(show).toEqual(['A:1 0-3', 'A:2 0-6', 'A:3 3-6', 'B:1 4-9']);
  });

  it('counts a strike as a hit only while its zone is warned, with lead from the start of the unbroken warning', () => {
    expect(leadTime(strike(5, 2), intervals)).toBe(5 * MIN);
    expect(leadTime(strike(5, 3), intervals)).toBe(2 * MIN);
    // Zone 1: warned 0-3 by A, then 4-9 by B: a strike at 5 is warned since 4.
    expect(leadTime(strike(5, 1), intervals)).toBe(1 * MIN);
    expect(leadTime(strike(3.5, 1), intervals)).toBeUndefined();
    expect(leadTime(strike(7, 2), intervals)).toBeUndefined();
    expect(leadTime(strike(5, 9), intervals)).toBeUndefined();
    // Warned at the very moment of impact is not warned before it.
    expect(leadTime(strike(4, 1), intervals)).toBeUndefined();
  });

  it('takes medians', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
