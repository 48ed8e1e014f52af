// Engine decisions in the shapes the outside world reads: the alert.* event data (the delivery channels'
// contract), and stored alert rows as the public API's alerts. Pure.
import type { AircraftType, Alert, AlertAction, AlertEventData, AlertZone } from '@civdef/core';
import type { AlertDecision, ZoneSet } from '@civdef/warning';
import type { Selectable } from 'kysely';
import type { AlertsTable } from '../db/schema.js';

/** A decision to record: the engine's, or one made when the stored alerts are reconciled with a rebuilt engine. */
export interface Decision {
  time: number;
  trackId: string;
  aircraft: AircraftType;
  action: AlertAction;
  /** Indexes into the engine's zone set; empty on cancel. */
  zones: AlertDecision['zones'];
  reason?: string;
}

/** Why an alert in force was cancelled when its track could not be rebuilt from the stored sightings. */
export const TRACK_LOST = 'track-lost';

const EVENT_TYPES = { issue: 'alert.issued', update: 'alert.updated', cancel: 'alert.cancelled' } as const;

/** The event type of an action. Precondition: none. */
export const alertEventType = (action: AlertAction): (typeof EVENT_TYPES)[AlertAction] => EVENT_TYPES[action];

const iso = (ms: number) => new Date(ms).toISOString();

/** The zones of a decision with ids, both names and ISO times. Precondition: the decision's zones index `set`. */
export function alertZones(d: Pick<Decision, 'zones'>, set: ZoneSet): AlertZone[] {
  return d.zones.map((z) => {
    const zone = set.zones[z.zone]!;
    return {
      id: zone.id,
      // A zone without a name in a language is called by its plain name: never an empty label on a siren panel.
      name_en: zone.nameEn ?? zone.name,
      name_ar: zone.nameAr ?? zone.name,
      probability: Math.round(z.probability * 10_000) / 10_000,
      earliest: iso(z.earliest),
      latest: iso(z.latest),
    };
  });
}

/**
 * The data of the decision's alert.* event. Precondition: `zones` are the decision's zones as alertZones gives
 * them, and `previous` the zones an alert being cancelled last warned.
 */
export function alertEventData(alertId: string, d: Decision, zones: AlertZone[], previous: AlertZone[]): AlertEventData {
  return {
    alert_id: alertId,
    action: d.action,
    aircraft: d.aircraft,
    track_id: d.trackId,
    issued_at: iso(d.time),
    ...(d.reason ? { reason: d.reason } : {}),
    zones: d.action === 'cancel' ? [] : zones,
    ...(d.action === 'cancel' ? { previous_zones: previous } : {}),
  };
}

/** A stored alert row as the API answers it. Precondition: the row's JSON columns hold AlertZone lists. */
export function alertOf(row: Selectable<AlertsTable>): Alert {
  return {
    id: row.id,
    state: row.state,
    aircraft: row.aircraft as AircraftType,
    track_id: row.track_id,
    zones: JSON.parse(row.zones) as AlertZone[],
    previous_zones: row.previous_zones === null ? null : (JSON.parse(row.previous_zones) as AlertZone[]),
    reason: row.reason,
    issued_at: row.issued_at,
    updated_at: row.updated_at,
    cancelled_at: row.cancelled_at,
    messages: row.messages,
    cap_url: `/api/v1/alerts/${row.id}.cap`,
  };
}
