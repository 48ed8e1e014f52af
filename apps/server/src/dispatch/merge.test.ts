import { describe, expect, it } from 'vitest';
import { mergeSearchWindow, mergeTarget, type MergeCandidate } from './merge.js';

const t = (min: number) => new Date(Date.UTC(2026, 0, 1, 12, min)).toISOString();
const open = (id: string, o: Partial<MergeCandidate> = {}): MergeCandidate => ({ id, kind: 'airstrike', lat: 36.2, lon: 37.15, occurred_at: t(0), status: 'open', ...o });
const w = { radiusM: 150, minutes: 30 };
const report = { kind: 'airstrike' as const, lat: 36.2009, lon: 37.15, occurred_at: t(10) }; // ~100 m north

describe('mergeTarget', () => {
  it('attaches a report to an open incident of its kind nearby in place and time', () => {
    const m = mergeTarget(report, [open('A')], w);
    expect(m?.incident.id).toBe('A');
    expect(m!.distanceM).toBeGreaterThan(95);
    expect(m!.distanceM).toBeLessThan(105);
  });

  it('does not attach to another kind, a closed incident, one too far, or one too long before or after', () => {
    expect(mergeTarget(report, [open('A', { kind: 'fire' })], w)).toBeNull();
    expect(mergeTarget(report, [open('A', { status: 'closed' })], w)).toBeNull();
    expect(mergeTarget(report, [open('A', { lat: 36.1995 })], w)).toBeNull(); // ~155 m south of the report
    expect(mergeTarget(report, [open('A', { occurred_at: t(-21) })], w)).toBeNull();
    expect(mergeTarget(report, [open('A', { occurred_at: t(41) })], w)).toBeNull();
    expect(mergeTarget(report, [open('A', { occurred_at: t(40), status: 'responding' })], w)?.incident.id).toBe('A');
  });

  it('picks the nearest of several, then the closest in time', () => {
    expect(mergeTarget(report, [open('A'), open('B', { lat: 36.2008 })], w)?.incident.id).toBe('B');
    expect(mergeTarget(report, [open('A'), open('C', { occurred_at: t(9) })], w)?.incident.id).toBe('C');
  });

  it('is off with a zero radius or time', () => {
    expect(mergeTarget(report, [open('A')], { radiusM: 0, minutes: 30 })).toBeNull();
    expect(mergeSearchWindow(report, { radiusM: 150, minutes: 0 })).toBeNull();
    expect(mergeSearchWindow(report, w)).toEqual({ from: t(-20), to: t(40) });
  });
});
