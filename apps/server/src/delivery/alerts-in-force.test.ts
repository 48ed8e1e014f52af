import { describe, expect, it } from 'vitest';
import { alertZone } from '../test-support/alert-events.js';
import type { AlertEvent, AlertEventType, AlertZone } from './alert-event.js';
import { AlertsInForce } from './alerts-in-force.js';

const T0 = new Date('2026-01-01T10:00:00Z');
const ms = (min: number) => T0.getTime() + min * 60_000;
let seq = 0;

function event(type: AlertEventType, alertId: string, zones: AlertZone[], previous?: AlertZone[]): AlertEvent {
  const action = type === 'alert.issued' ? 'issue' : type === 'alert.updated' ? 'update' : 'cancel';
  return {
    seq: ++seq,
    id: `E${seq}`,
    type,
    at: T0.toISOString(),
    data: { alert_id: alertId, action, aircraft: 'jet', track_id: 't', issued_at: T0.toISOString(), zones, ...(previous ? { previous_zones: previous } : {}) },
  };
}
const zone = (id: string, minutes = 10) => alertZone(id, T0, minutes);

describe('AlertsInForce', () => {
  it('holds an issued alert for its zones until cancelled', () => {
    const s = new AlertsInForce();
    const issued = event('alert.issued', 'A', [zone('z1'), zone('z2')]);
    expect(s.apply(issued).sort()).toEqual(['z1', 'z2']);
    expect(s.inForce(['z2', 'z9'], ms(1))).toEqual([issued]);
    expect(s.inForce(['z9'], ms(1))).toEqual([]);
    const cancel = event('alert.cancelled', 'A', [], [zone('z1'), zone('z2')]);
    expect(s.apply(cancel).sort()).toEqual(['z1', 'z2']);
    expect(s.inForce(['z1', 'z2'], ms(1))).toEqual([]);
  });

  it('an update touches the zones it drops as well as those it adds', () => {
    const s = new AlertsInForce();
    s.apply(event('alert.issued', 'A', [zone('z1'), zone('z2')]));
    const update = event('alert.updated', 'A', [zone('z2'), zone('z3')]);
    expect(s.apply(update).sort()).toEqual(['z1', 'z2', 'z3']);
    expect(s.inForce(['z1'], ms(1))).toEqual([]);
    expect(s.inForce(['z3'], ms(1))).toEqual([update]);
  });

  it('a cancel without previous_zones still touches the zones the alert had', () => {
    const s = new AlertsInForce();
    s.apply(event('alert.issued', 'A', [zone('z1')]));
    expect(s.apply(event('alert.cancelled', 'A', []))).toEqual(['z1']);
  });

  it('lists each alert once, in seq order, however many asked zones it names', () => {
    const s = new AlertsInForce();
    const a = event('alert.issued', 'A', [zone('z1'), zone('z2')]);
    const b = event('alert.issued', 'B', [zone('z2')]);
    s.apply(a);
    s.apply(b);
    expect(s.inForce(['z2', 'z1'], ms(1)).map((e) => e.data.alert_id)).toEqual(['A', 'B']);
  });

  it('an alert whose windows have all closed is no longer in force, and pruning forgets it', () => {
    const s = new AlertsInForce();
    s.apply(event('alert.issued', 'A', [zone('z1', 5), zone('z2', 10)]));
    expect(s.inForce(['z1'], ms(9))).toHaveLength(1); // z2's window keeps the whole alert in force
    expect(s.nextExpiry(ms(1))).toBe(ms(10));
    expect(s.inForce(['z1'], ms(11))).toEqual([]);
    expect(s.prune(ms(11)).sort()).toEqual(['z1', 'z2']);
    expect(s.nextExpiry(ms(1))).toBeNull();
  });

  it('tells each zone to sound until the latest window of the alerts on it, and to stop after', () => {
    const s = new AlertsInForce();
    s.apply(event('alert.issued', 'A', [zone('z1', 5)]));
    s.apply(event('alert.issued', 'B', [zone('z1', 20), zone('z2', 20)]));
    expect(s.zoneState('z1', ms(1))).toEqual({ zone: 'z1', sounding: true, alert: 'B', until: new Date(ms(20)).toISOString() });
    s.apply(event('alert.cancelled', 'B', [], [zone('z1'), zone('z2')]));
    expect(s.zoneState('z1', ms(1))).toEqual({ zone: 'z1', sounding: true, alert: 'A', until: new Date(ms(5)).toISOString() });
    expect(s.zoneState('z2', ms(1))).toEqual({ zone: 'z2', sounding: false, alert: 'B', until: null });
    expect(s.zoneState('z1', ms(6))).toMatchObject({ sounding: false });
    expect(s.zoneState('never-named', ms(1))).toBeNull();
    expect(s.knownZones().sort()).toEqual(['z1', 'z2']);
  });
});
