import { describe, expect, it } from 'vitest';
import { stockAfter, stockOutlook } from './stock-outlook.js';

const DAY = 86_400_000;
const now = Date.parse('2026-03-10T00:00:00Z');

describe('stockOutlook', () => {
  it('reads days left at the rate of the last week', () => {
    // 14 used in 7 days = 2 a day; 10 left lasts 5 days.
    expect(stockOutlook(10, 14, now - 30 * DAY, now)).toEqual({ days_left: 5, level: 'ok' });
  });

  it('warns below three days', () => {
    expect(stockOutlook(5, 14, now - 30 * DAY, now)).toEqual({ days_left: 2.5, level: 'low' });
  });

  it('reads a young stock over its own age, at least a day', () => {
    // Recorded two days ago, 10 used: 5 a day, 10 left is 2 days.
    expect(stockOutlook(10, 10, now - 2 * DAY, now)).toEqual({ days_left: 2, level: 'low' });
    // Recorded an hour ago: read as a day, not as 24 times the rate.
    expect(stockOutlook(10, 10, now - 3_600_000, now)).toEqual({ days_left: 1, level: 'low' });
  });

  it('is out at zero and has no horizon when nothing was used', () => {
    expect(stockOutlook(0, 5, now - DAY, now)).toEqual({ days_left: 0, level: 'out' });
    expect(stockOutlook(40, 0, now - DAY, now)).toEqual({ days_left: null, level: 'ok' });
  });
});

describe('stockAfter', () => {
  it('adds to the millilitre and refuses to go below zero', () => {
    expect(stockAfter(0.1, 0.2)).toBe(0.3);
    expect(stockAfter(1, -1)).toBe(0);
    expect(stockAfter(1, -1.001)).toBeNull();
  });
});
