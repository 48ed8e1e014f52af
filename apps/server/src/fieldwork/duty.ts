// Hours on duty. Rescuers who dig for a day without sleep make mistakes that cost lives, theirs included:
// past a limit in any 24 hours the duty board flags them to be sent to rest.

/** More hours on duty than this in the last 24 is flagged. */
export const DUTY_LIMIT_HOURS = 12;
const HOUR_MS = 3_600_000;

export interface ShiftSpan {
  started_at: string;
  ended_at: string | null;
}

/** Hours of the shifts that fall inside [fromMs, toMs); an open shift runs to toMs. Precondition: ISO times. */
export function hoursWithin(shifts: readonly ShiftSpan[], fromMs: number, toMs: number): number {
  let ms = 0;
  for (const s of shifts) {
    const start = Math.max(fromMs, Date.parse(s.started_at));
    const end = Math.min(toMs, s.ended_at ? Date.parse(s.ended_at) : toMs);
    if (end > start) ms += end - start;
  }
  return Math.round((ms / HOUR_MS) * 10) / 10;
}

/** Hours on duty in the 24 hours up to nowMs, and whether that is past the limit. Precondition: ISO times. */
export function dutyLoad(shifts: readonly ShiftSpan[], nowMs: number, limitHours = DUTY_LIMIT_HOURS): { hours_last_24h: number; over_limit: boolean } {
  const hours = hoursWithin(shifts, nowMs - 24 * HOUR_MS, nowMs);
  return { hours_last_24h: hours, over_limit: hours > limitHours };
}
