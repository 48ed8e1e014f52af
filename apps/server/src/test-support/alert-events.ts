import { newUlid } from '@civdef/core';
import type { AlertEventType, AlertZone } from '../delivery/alert-event.js';
import { SYSTEM_ACTOR, type AppContext } from '../services/context.js';
import { inTransaction } from '../services/transaction.js';

// Alert events as the warning service writes them (the contract in delivery/alert-event.ts), for tests and
// benchmarks of the delivery side that must not depend on a forecast producing a given alert.

/** A zone of an alert whose window is [now, now + minutes]. */
export function alertZone(id: string, now: Date, minutes = 10, probability = 0.5): AlertZone {
  return {
    id,
    name_en: `Zone ${id}`,
    name_ar: `منطقة ${id}`,
    probability,
    earliest: now.toISOString(),
    latest: new Date(now.getTime() + minutes * 60_000).toISOString(),
  };
}

export interface AlertEventSpec {
  type: AlertEventType;
  alertId: string;
  zones: AlertZone[];
  /** On a cancel: the zones it lifts. */
  previousZones?: AlertZone[];
  trackId?: string;
}

/** Writes one alert event through inTransaction, as the warning service does; returns its seq. */
export async function emitAlert(ctx: AppContext, spec: AlertEventSpec): Promise<number> {
  const action = spec.type === 'alert.issued' ? 'issue' : spec.type === 'alert.updated' ? 'update' : 'cancel';
  const event = await inTransaction(ctx, SYSTEM_ACTOR, (tx) =>
    tx.emit({
      type: spec.type,
      subjectType: 'alert',
      subjectId: spec.alertId,
      data: {
        alert_id: spec.alertId,
        action,
        aircraft: 'jet',
        track_id: spec.trackId ?? newUlid(),
        issued_at: tx.at,
        ...(action === 'cancel' ? { reason: 'track ended' } : {}),
        zones: spec.zones,
        ...(spec.previousZones ? { previous_zones: spec.previousZones } : {}),
      },
    }),
  );
  return event.seq;
}
