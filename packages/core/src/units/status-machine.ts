import { IllegalTransitionError } from '../errors/errors.js';
import type { UnitStatus } from '../schemas/units.js';
import type { IncidentStatus } from '../schemas/incidents.js';

// The unit life cycle: available -> dispatched -> en-route -> on-scene -> returning -> available,
// and out of service from anywhere (a breakdown on the way), back to available when repaired.
const UNIT_NEXT: Record<UnitStatus, readonly UnitStatus[]> = {
  available: ['dispatched', 'out-of-service'],
  dispatched: ['en-route', 'available', 'out-of-service'],
  'en-route': ['on-scene', 'available', 'out-of-service'],
  'on-scene': ['returning', 'out-of-service'],
  returning: ['available', 'out-of-service'],
  'out-of-service': ['available'],
};

/** Statuses in which a unit holds an assignment. */
export const ASSIGNED_STATUSES: readonly UnitStatus[] = ['dispatched', 'en-route', 'on-scene'];

/** Throws IllegalTransitionError unless `from -> to` is a legal unit status change. */
export function assertUnitTransition(unitId: string, from: UnitStatus, to: UnitStatus): void {
  const allowed = UNIT_NEXT[from];
  if (!allowed.includes(to)) {
    throw new IllegalTransitionError('unit', unitId, from, to, allowed);
  }
}

/** True when entering `to` ends the unit's current assignment. */
export function endsAssignment(to: UnitStatus): boolean {
  return !ASSIGNED_STATUSES.includes(to);
}

const INCIDENT_NEXT: Record<IncidentStatus, readonly IncidentStatus[]> = {
  open: ['responding', 'closed'],
  responding: ['closed'],
  closed: ['open'],
};

/** Throws IllegalTransitionError unless `from -> to` is a legal incident status change. */
export function assertIncidentTransition(incidentId: string, from: IncidentStatus, to: IncidentStatus): void {
  const allowed = INCIDENT_NEXT[from];
  if (!allowed.includes(to)) throw new IllegalTransitionError('incident', incidentId, from, to, allowed);
}
