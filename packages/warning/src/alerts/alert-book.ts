// The alerts in force, one per live track, as a state machine over time: issue when a track first puts
// zones at risk, update when its zones change, cancel (all clear) when it ends or no zone is at risk.
import type { AircraftType } from '@civdef/core';
import type { TrackForecast } from '../forecast/forecast.js';
import type { Track } from '../tracks/track.js';
import { DEFAULT_POLICY, selectZones, zoneCap, type AlertPolicy, type Spent } from './policy.js';

export type AlertAction = 'issue' | 'update' | 'cancel';

export interface AlertZone {
  /** Index into the zone set. */
  zone: number;
  probability: number;
  earliest: number;
  latest: number;
}

/** One decision: a value with everything a channel needs to publish it. */
export interface AlertDecision {
  time: number;
  alertId: string;
  trackId: string;
  aircraft: AircraftType;
  action: AlertAction;
  /** The zones warned from now on (empty on cancel). */
  zones: AlertZone[];
  /** Why a cancel happened. */
  reason?: 'track-ended' | 'left' | 'silent' | 'merged' | 'no-zone-at-risk';
}

interface Open {
  alertId: string;
  zones: AlertZone[];
  /** When the forecast first put no zone at risk (the all clear waits a grace period). */
  quietSince?: number;
  /** Its messages so far and the zones they named: its budget of meanZones a message. */
  spent: Spent;
}

/** One open alert per track, decided forecast by forecast. Precondition: calls come in time order. */
export class AlertBook {
  private readonly open = new Map<string, Open>();
  private count = 0;
  private readonly policy: AlertPolicy;

  constructor(policy: Partial<AlertPolicy> = {}) {
    this.policy = { ...DEFAULT_POLICY, ...policy };
  }

  /** The alerts in force: alert id -> zones. */
  inForce(): { alertId: string; trackId: string; zones: AlertZone[] }[] {
    return [...this.open].map(([trackId, a]) => ({ alertId: a.alertId, trackId, zones: a.zones }));
  }

  /** Decisions for one live track's new forecast. Precondition: forecast.time is not before earlier calls'. */
  onForecast(track: Track, f: TrackForecast): AlertDecision[] {
    const current = this.open.get(track.id);
    const warned = new Set(current?.zones.map((z) => z.zone));
    const spent = current?.spent ?? { messages: 0, zones: 0 };
    const zones = selectZones(f, warned, { ...this.policy, maxZones: zoneCap(spent, this.policy) }).map(({ zone, probability, earliest, latest }) => ({ zone, probability, earliest, latest }));
    const base = { time: f.time, trackId: track.id, aircraft: track.type };
    if (!current) {
      if (!zones.length) return [];
      const alertId = `${track.id}-${++this.count}`;
      this.open.set(track.id, { alertId, zones, spent: { messages: 1, zones: zones.length } });
      return [{ ...base, alertId, action: 'issue', zones }];
    }
    if (!zones.length) {
      // One quiet forecast is not an all clear: a track that wavers would cancel and re-issue, and people
      // would leave their shelter between the two.
      current.quietSince ??= f.time;
      if (f.time - current.quietSince < this.policy.allClearAfterMs) return [];
      this.open.delete(track.id);
      return [{ ...base, alertId: current.alertId, action: 'cancel', zones: [], reason: 'no-zone-at-risk' }];
    }
    delete current.quietSince;
    const same = zones.length === current.zones.length && zones.every((z) => warned.has(z.zone));
    current.zones = zones;
    if (!same) current.spent = { messages: spent.messages + 1, zones: spent.zones + zones.length };
    return same ? [] : [{ ...base, alertId: current.alertId, action: 'update', zones }];
  }

  /** Cancels the alert of a track that ended. */
  onEnded(track: Track, time: number): AlertDecision[] {
    const current = this.open.get(track.id);
    if (!current) return [];
    this.open.delete(track.id);
    return [{ time, alertId: current.alertId, trackId: track.id, aircraft: track.type, action: 'cancel', zones: [], reason: track.ended?.reason ?? 'track-ended' }];
  }
}
