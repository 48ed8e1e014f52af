import { describe, expect, it } from 'vitest';
import { applyFrame, clearedBetween, expire, keepPicked, nextExpiry, screenAfter, warnedZones, withoutAlerts, type AlertFrame, type StreamZone, type Warnings } from './alert-state.js';

const zone = (id: string, earliest = '2026-03-01T10:05:00Z', latest = '2026-03-01T10:09:00Z'): StreamZone => ({ id, name_en: id, name_ar: id, earliest, latest });
const NOW = Date.parse('2026-03-01T10:00:00Z'); // the clock, injected: before every window here unless a test moves it
const at = (iso: string) => Date.parse(iso);
const frame = (alert_id: string, action: AlertFrame['action'], zones: StreamZone[], previous_zones?: StreamZone[]): AlertFrame => ({ alert_id, action, zones, previous_zones });
const picked = new Set(['a', 'b']);

describe('applyFrame', () => {
  it('warns only the picked zones an alert names', () => {
    const { warnings, change } = applyFrame(new Map(), frame('A1', 'issue', [zone('a'), zone('z')]), picked, NOW);
    expect(change.warned.map((z) => z.id)).toEqual(['a']);
    expect(change.cleared).toEqual([]);
    expect(warnings.get('A1')!.map((z) => z.id)).toEqual(['a']);
  });

  it('does not warn again for the same zone and window, but does when the window moves', () => {
    const first = applyFrame(new Map(), frame('A1', 'issue', [zone('a')]), picked, NOW).warnings;
    expect(applyFrame(first, frame('A1', 'update', [zone('a')]), picked, NOW).change.warned).toEqual([]);
    expect(applyFrame(first, frame('A1', 'update', [zone('a', '2026-03-01T10:06:00Z')]), picked, NOW).change.warned).toHaveLength(1);
  });

  it('clears a zone when its alert moves on or is cancelled, unless another alert still warns it', () => {
    let w = applyFrame(new Map(), frame('A1', 'issue', [zone('a'), zone('b')]), picked, NOW).warnings;
    const moved = applyFrame(w, frame('A1', 'update', [zone('b')]), picked, NOW);
    expect(moved.change.cleared.map((z) => z.id)).toEqual(['a']);
    w = applyFrame(moved.warnings, frame('A2', 'issue', [zone('b')]), picked, NOW).warnings;
    const cancelled = applyFrame(w, frame('A1', 'cancel', [], [zone('b')]), picked, NOW);
    expect(cancelled.change.cleared).toEqual([]); // A2 still warns b
    const last = applyFrame(cancelled.warnings, frame('A2', 'cancel', [], [zone('b')]), picked, NOW);
    expect(last.change.cleared.map((z) => z.id)).toEqual(['b']);
    expect(last.warnings.size).toBe(0);
  });

  it('ignores an alert that never named a picked zone', () => {
    const r = applyFrame(new Map(), frame('A9', 'cancel', [], [zone('q')]), picked, NOW);
    expect(r.change).toEqual({ warned: [], cleared: [] });
  });

  it('ends the warning for a zone when an update no longer names any picked zone', () => {
    const issued = applyFrame(new Map(), frame('A1', 'issue', [zone('a')]), picked, NOW);
    const moved = applyFrame(issued.warnings, frame('A1', 'update', [zone('z')]), picked, NOW);
    expect(moved.change.cleared.map((z) => z.id)).toEqual(['a']);
    expect(screenAfter(moved.warnings, moved.change)).toEqual({ kind: 'clear', zones: [zone('a')] });
  });

  it('takes a zone off the warning screen (and says so) when its alert moves on while another alert still warns', () => {
    let w: Warnings = applyFrame(new Map(), frame('A1', 'issue', [zone('a')]), picked, NOW).warnings;
    w = applyFrame(w, frame('A2', 'issue', [zone('b')]), picked, NOW).warnings;
    const moved = applyFrame(w, frame('A1', 'update', [zone('z')]), picked, NOW);
    expect(screenAfter(moved.warnings, moved.change)).toEqual({ kind: 'warning', zones: [zone('b')], ended: [zone('a')], sound: false });
    const cancelled = applyFrame(w, frame('A2', 'cancel', [], [zone('b')]), picked, NOW);
    expect(screenAfter(cancelled.warnings, cancelled.change)).toEqual({ kind: 'warning', zones: [zone('a')], ended: [zone('b')], sound: false });
  });

  it('sounds for a new warning and leaves the screen alone when nothing changed for the person', () => {
    const issued = applyFrame(new Map(), frame('A1', 'issue', [zone('a'), zone('z')]), picked, NOW);
    expect(screenAfter(issued.warnings, issued.change)).toMatchObject({ kind: 'warning', sound: true });
    const same = applyFrame(issued.warnings, frame('A1', 'update', [zone('a'), zone('y')]), picked, NOW);
    expect(screenAfter(same.warnings, same.change)).toBeNull();
  });

  it('lists a zone two alerts warn once, over both windows', () => {
    let w: Warnings = applyFrame(new Map(), frame('A1', 'issue', [zone('a')]), picked, NOW).warnings;
    w = applyFrame(w, frame('A2', 'issue', [zone('a', '2026-03-01T10:01:00Z')]), picked, NOW).warnings;
    expect(warnedZones(w)).toEqual([{ ...zone('a'), earliest: '2026-03-01T10:01:00Z' }]);
  });

  it('forgets the warnings of zones no longer picked', () => {
    const w = applyFrame(new Map(), frame('A1', 'issue', [zone('a'), zone('b')]), picked, NOW).warnings;
    expect([...keepPicked(w, new Set(['b'])).values()]).toEqual([[zone('b')]]);
    expect(keepPicked(w, new Set(['q'])).size).toBe(0);
  });

  it('clears, after a reset, the zones of alerts the server did not repeat', () => {
    let w: Warnings = applyFrame(new Map(), frame('A1', 'issue', [zone('a')]), picked, NOW).warnings;
    w = applyFrame(w, frame('A2', 'issue', [zone('b')]), picked, NOW).warnings;
    const after = withoutAlerts(w, new Set(['A1']));
    expect(clearedBetween(w, after)).toEqual([zone('a')]);
  });
});

describe('a window that passes', () => {
  // Two alerts: A1 warns a until 10:07 and b until 10:09, A2 warns b until 10:12.
  const a = zone('a', '2026-03-01T10:03:00Z', '2026-03-01T10:07:00Z');
  const b = zone('b');
  const b2 = zone('b', '2026-03-01T10:06:00Z', '2026-03-01T10:12:00Z');
  let w: Warnings = applyFrame(new Map(), frame('A1', 'issue', [a, b]), picked, NOW).warnings;
  w = applyFrame(w, frame('A2', 'issue', [b2]), picked, NOW).warnings;

  it('changes nothing before the first window closes, nor at its last minute', () => {
    const r = expire(w, at('2026-03-01T10:07:00Z'));
    expect(r.change).toEqual({ warned: [], cleared: [] });
    expect(screenAfter(r.warnings, r.change)).toBeNull();
  });

  it('ends one zone by itself and keeps warning the others', () => {
    const r = expire(w, at('2026-03-01T10:07:01Z'));
    expect(r.change.cleared).toEqual([a]);
    expect([...r.warnings.keys()]).toEqual(['A1', 'A2']);
    expect(screenAfter(r.warnings, r.change)).toEqual({ kind: 'warning', zones: [{ ...b, latest: b2.latest }], ended: [a], sound: false });
  });

  it('does not clear a zone whose window passed in one alert while another alert still warns it', () => {
    const r = expire(w, at('2026-03-01T10:10:00Z'));
    expect(r.change.cleared).toEqual([a]);
    expect([...r.warnings.keys()]).toEqual(['A2']);
  });

  it('gives the all-clear once every window has passed, with no word from the server', () => {
    const mid = expire(w, at('2026-03-01T10:10:00Z'));
    const end = expire(mid.warnings, at('2026-03-01T10:12:00.001Z'));
    expect(end.warnings.size).toBe(0);
    expect(screenAfter(end.warnings, end.change)).toEqual({ kind: 'clear', zones: [b2] });
  });

  it('says when to look again: the next window to close', () => {
    expect(nextExpiry(w)).toBe(at(a.latest));
    expect(nextExpiry(expire(w, at('2026-03-01T10:08:00Z')).warnings)).toBe(at(b.latest));
    expect(nextExpiry(new Map())).toBeNull();
  });

  it('does not warn for a zone whose window has already passed when the frame arrives', () => {
    const late = applyFrame(new Map(), frame('A3', 'issue', [a, b]), picked, at('2026-03-01T10:08:00Z'));
    expect(late.change.warned).toEqual([b]);
    const over = applyFrame(new Map(), frame('A3', 'issue', [a, b]), picked, at('2026-03-01T10:20:00Z'));
    expect(over.change).toEqual({ warned: [], cleared: [] });
    expect(over.warnings.size).toBe(0);
  });
});
