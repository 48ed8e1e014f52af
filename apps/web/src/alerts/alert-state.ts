// What the public page shows, from the alert events of the public stream (GET /api/v1/alerts/stream):
// a warning for each picked zone an alert names, and the all-clear when an alert stops naming it or the
// zone's window has passed (the page's clock ends it: a server that lost the track may never say). Pure.

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

/** What the full-screen notice shows: the zones still warned (and those just cleared), or the all-clear. */
export type Screen =
  | { kind: 'warning'; zones: StreamZone[]; ended: StreamZone[]; sound: boolean }
  | { kind: 'clear'; zones: StreamZone[] };

/** Every picked zone some alert warns, once each, with the widest window the alerts give it. Precondition: none. */
export function warnedZones(warnings: Warnings): StreamZone[] {
  const byId = new Map<string, StreamZone>();
  for (const z of [...warnings.values()].flat()) {
    const had = byId.get(z.id);
    byId.set(z.id, had ? { ...had, earliest: min(had.earliest, z.earliest), latest: max(had.latest, z.latest) } : z);
  }
  return [...byId.values()];
}

/** Zones in `before` that `after` no longer warns (all-clear for them). Precondition: none. */
export function clearedBetween(before: Warnings, after: Warnings): StreamZone[] {
  const still = new Set(warnedZones(after).map((z) => z.id));
  return warnedZones(before).filter((z) => !still.has(z.id));
}

/**
 * Applies one frame at `nowMs`: returns the new warnings and what to tell the person. A zone is "warned" when
 * this frame names it, its window has not passed, and it was not warned by this alert before (or its window
 * moved); "cleared" when no alert warns it any more: an update that stops naming it ends this alert's warning
 * for it, as a cancel does. Precondition: picked holds zone ids.
 */
export function applyFrame(before: Warnings, frame: AlertFrame, picked: ReadonlySet<string>, nowMs: number): { warnings: Warnings; change: Change } {
  const now = frame.action === 'cancel' ? [] : frame.zones.filter((z) => picked.has(z.id) && !passed(z, nowMs));
  const was = before.get(frame.alert_id) ?? [];
  const warnings = new Map(before);
  if (now.length > 0) warnings.set(frame.alert_id, now);
  else warnings.delete(frame.alert_id);
  const key = (z: StreamZone) => `${z.id} ${z.earliest} ${z.latest}`;
  const wasKeys = new Set(was.map(key));
  return {
    warnings,
    change: { warned: now.filter((z) => !wasKeys.has(key(z))), cleared: clearedBetween(before, warnings) },
  };
}

/** Keeps only the warnings of zones still picked (after the person changes their choice). Precondition: none. */
export function keepPicked(warnings: Warnings, picked: ReadonlySet<string>): Warnings {
  const out = new Map<string, readonly StreamZone[]>();
  for (const [id, zs] of warnings) {
    const kept = zs.filter((z) => picked.has(z.id));
    if (kept.length) out.set(id, kept);
  }
  return out;
}

/** The warnings without those of the alerts `ids` (alerts known to have ended). Precondition: none. */
export function withoutAlerts(warnings: Warnings, ids: ReadonlySet<string>): Warnings {
  return new Map([...warnings].filter(([id]) => !ids.has(id)));
}

/**
 * Ends by itself the warning of every zone whose window closed before `nowMs`: returns the warnings left and
 * the zones that are now clear (a zone another alert still warns is not). Precondition: none.
 */
export function expire(before: Warnings, nowMs: number): { warnings: Warnings; change: Change } {
  const warnings = new Map<string, readonly StreamZone[]>();
  for (const [id, zs] of before) {
    const left = zs.filter((z) => !passed(z, nowMs));
    if (left.length) warnings.set(id, left);
  }
  return { warnings, change: { warned: [], cleared: clearedBetween(before, warnings) } };
}

/** When the next window among the warnings closes (ms since the epoch), or null when none is warned. Precondition: none. */
export function nextExpiry(warnings: Warnings): number | null {
  const ends = [...warnings.values()].flat().map((z) => Date.parse(z.latest));
  return ends.length ? Math.min(...ends) : null;
}

/**
 * What the screen must show after `change`, or null to leave it as it is. While any zone is still warned the
 * warning stays up, listing only those zones and naming the ones just cleared; the siren sounds only for a
 * new warning. Once nothing is warned, the all-clear. Precondition: warnings is the state after change.
 */
export function screenAfter(warnings: Warnings, change: Change): Screen | null {
  if (change.warned.length === 0 && change.cleared.length === 0) return null;
  const zones = warnedZones(warnings);
  if (zones.length > 0) return { kind: 'warning', zones, ended: change.cleared, sound: change.warned.length > 0 };
  return { kind: 'clear', zones: change.cleared };
}

/** A zone's window has passed once its latest time is behind us. */
const passed = (z: StreamZone, nowMs: number) => Date.parse(z.latest) < nowMs;
const min = (a: string, b: string) => (Date.parse(a) <= Date.parse(b) ? a : b);
const max = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);
