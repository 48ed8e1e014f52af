// What the public page shows, from the alert events of the public stream (GET /api/v1/alerts/stream):
// a warning for each picked zone an alert names, and the all-clear when an alert stops naming it. Pure.

export interface StreamZone {
  id: string;
  name_en: string;
  name_ar: string;
  earliest: string;
  latest: string;
}

/** The data of one alert.issued / alert.updated / alert.cancelled frame (the server's AlertEventData plus seq). */
export interface AlertFrame {
  alert_id: string;
  action: 'issue' | 'update' | 'cancel';
  zones: StreamZone[];
  previous_zones?: StreamZone[];
}

/** What changed for the person: zones newly or still warned, zones cleared. */
export interface Change {
  warned: StreamZone[];
  cleared: StreamZone[];
}

/** Picked zones each alert in force warns, by alert id. */
export type Warnings = ReadonlyMap<string, readonly StreamZone[]>;

/**
 * Applies one frame: returns the new warnings and what to tell the person. A zone is "warned" when this
 * frame names it and it was not warned by this alert before (or its window moved); "cleared" when the alert
 * no longer names it and no other alert warns it. Precondition: picked holds zone ids.
 */
export function applyFrame(before: Warnings, frame: AlertFrame, picked: ReadonlySet<string>): { warnings: Warnings; change: Change } {
  const now = frame.action === 'cancel' ? [] : frame.zones.filter((z) => picked.has(z.id));
  const was = before.get(frame.alert_id) ?? [];
  const warnings = new Map(before);
  if (now.length > 0) warnings.set(frame.alert_id, now);
  else warnings.delete(frame.alert_id);
  const stillWarned = new Set([...warnings.values()].flat().map((z) => z.id));
  const key = (z: StreamZone) => `${z.id} ${z.earliest} ${z.latest}`;
  const wasKeys = new Set(was.map(key));
  return {
    warnings,
    change: {
      warned: now.filter((z) => !wasKeys.has(key(z))),
      cleared: was.filter((z) => !stillWarned.has(z.id)),
    },
  };
}
