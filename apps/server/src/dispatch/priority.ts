// The order in which a dispatcher works through open incidents: the most severe first; among equals the one
// with more people trapped (every minute under rubble counts); among those the oldest, which has waited
// longest. Ties end on the id so the board never reshuffles between two looks.
import type { Incident } from '@civdef/core';

export type Ranked = Pick<Incident, 'id' | 'severity' | 'people_trapped' | 'occurred_at'>;

/** Negative when a comes before b on the board. Precondition: occurred_at are ISO UTC strings. */
export function compareIncidents(a: Ranked, b: Ranked): number {
  return (
    b.severity - a.severity ||
    (b.people_trapped ?? 0) - (a.people_trapped ?? 0) ||
    Date.parse(a.occurred_at) - Date.parse(b.occurred_at) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Incidents in board order (a new array). Precondition: as compareIncidents. */
export function byPriority<T extends Ranked>(incidents: readonly T[]): T[] {
  return [...incidents].sort(compareIncidents);
}
