import { describe, expect, it } from 'vitest';
import { applyFrame, clearedBetween, keepPicked, screenAfter, warnedZones, withoutAlerts, type AlertFrame, type StreamZone, type Warnings } from './alert-state.js';

const zone = (id: string, earliest = '2026-03-01T10:05:00Z'): StreamZone => ({ id, name_en: id, name_ar: id, earliest, latest: '2026-03-01T10:09:00Z' });
const frame = (alert_id: string, action: AlertFrame['action'], zones: StreamZone[], previous_zones?: StreamZone[]): AlertFrame => ({ alert_id, action, zones, previous_zones });
const picked = new Set(['a', 'b']);

describe('applyFrame', () => {
  it('warns only the picked zones an alert names', () => {
    const { warnings, change } = applyFrame(new Map(), frame('A1', 'issue', [zone('a'), zone('z')]), picked);
    expect(change.warned.map((z) => z.id)).toEqual(['a']);
    expect(change.cleared).toEqual([]);
    expect(warnings.get('A1')!.map((z) => z.id)).toEqual(['a']);
  });

  it('does not warn again for the same zone and window, but does when the window moves', () => {
    const first = applyFrame(new Map(), frame('A1', 'issue', [zone('a')]), picked).warnings;
    expect(applyFrame(first, frame('A1', 'update', [zone('a')]), picked).change.warned).toEqual([]);
    expect(applyFrame(first, frame('A1', 'update', [zone('a', '2026-03-01T10:06:00Z')]), picked).change.warned).toHaveLength(1);
  });

  it('clears a zone when its alert moves on or is cancelled, unless another alert still warns it', () => {
    let w = applyFrame(new Map(), frame('A1', 'issue', [zone('a'), zone('b')]), picked).warnings;
    const moved = applyFrame(w, frame('A1', 'update', [zone('b')]), picked);
    expect(moved.change.cleared.map((z) => z.id)).toEqual(['a']);
    w = applyFrame(moved.warnings, frame('A2', 'issue', [zone('b')]), picked).warnings;
    const cancelled = applyFrame(w, frame('A1', 'cancel', [], [zone('b')]), picked);
    expect(cancelled.change.cleared).toEqual([]); // A2 still warns b
    const last = applyFrame(cancelled.warnings, frame('A2', 'cancel', [], [zone('b')]), picked);
    expect(last.change.cleared.map((z) => z.id)).toEqual(['b']);
    expect(last.warnings.size).toBe(0);
  });

  it('ignores an alert that never named a picked zone', () => {
    const r = applyFrame(new Map(), frame('A9', 'cancel', [], [zone('q')]), picked);
    expect(r.change).toEqual({ warned: [], cleared: [] });
  });

  it('ends the warning for a zone when an update no longer names any picked zone', () => {
    const issued = applyFrame(new Map(), frame('A1', 'issue', [zone('a')]), picked);
    const moved = applyFrame(issued.warnings, frame('A1', 'update', [zone('z')]), picked);
    expect(moved.change.cleared.map((z) => z.id)).toEqual(['a']);
    expect(screenAfter(moved.warnings, moved.change)).toEqual({ kind: 'clear', zones: [zone('a')] });
  });

  it('takes a zone off the warning screen (and says so) when its alert moves on while another alert still warns', () => {
    let w: Warnings = applyFrame(new Map(), frame('A1', 'issue', [zone('a')]), picked).warnings;
    w = applyFrame(w, frame('A2', 'issue', [zone('b')]), picked).warnings;
    const moved = applyFrame(w, frame('A1', 'update', [zone('z')]), picked);
    expect(screenAfter(moved.warnings, moved.change)).toEqual({ kind: 'warning', zones: [zone('b')], ended: [zone('a')], sound: false });
    const cancelled = applyFrame(w, frame('A2', 'cancel', [], [zone('b')]), picked);
    expect(screenAfter(cancelled.warnings, cancelled.change)).toEqual({ kind: 'warning', zones: [zone('a')], ended: [zone('b')], sound: false });
  });

  it('sounds for a new warning and leaves the screen alone when nothing changed for the person', () => {
    const issued = applyFrame(new Map(), frame('A1', 'issue', [zone('a'), zone('z')]), picked);
    expect(screenAfter(issued.warnings, issued.change)).toMatchObject({ kind: 'warning', sound: true });
    const same = applyFrame(issued.warnings, frame('A1', 'update', [zone('a'), zone('y')]), picked);
    expect(screenAfter(same.warnings, same.change)).toBeNull();
  });

  it('lists a zone two alerts warn once, over both windows', () => {
    let w: Warnings = applyFrame(new Map(), frame('A1', 'issue', [zone('a')]), picked).warnings;
    w = applyFrame(w, frame('A2', 'issue', [zone('a', '2026-03-01T10:01:00Z')]), picked).warnings;
    expect(warnedZones(w)).toEqual([{ ...zone('a'), earliest: '2026-03-01T10:01:00Z' }]);
  });

  it('forgets the warnings of zones no longer picked', () => {
    const w = applyFrame(new Map(), frame('A1', 'issue', [zone('a'), zone('b')]), picked).warnings;
    expect([...keepPicked(w, new Set(['b'])).values()]).toEqual([[zone('b')]]);
    expect(keepPicked(w, new Set(['q'])).size).toBe(0);
  });

  it('clears, after a reset, the zones of alerts the server did not repeat', () => {
    let w: Warnings = applyFrame(new Map(), frame('A1', 'issue', [zone('a')]), picked).warnings;
    w = applyFrame(w, frame('A2', 'issue', [zone('b')]), picked).warnings;
    const after = withoutAlerts(w, new Set(['A1']));
    expect(clearedBetween(w, after)).toEqual([zone('a')]);
  });
});
