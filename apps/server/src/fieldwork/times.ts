import { ValidationError } from '@civdef/core';

/** How far ahead of the server's clock a phone may stamp an event: phones' clocks drift. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * A reported time as stored (ISO UTC), or `now` when none was given. Refuses a time in the future beyond the
 * clock skew (422 naming the field). Precondition: `iso`, when given, passed IsoTime; `now` is an ISO time.
 */
export function reportedTime(iso: string | undefined, now: string, field: string): string {
  if (iso === undefined) return now;
  const ms = Date.parse(iso);
  if (ms > Date.parse(now) + CLOCK_SKEW_MS) {
    throw new ValidationError([{ path: field, message: `is in the future (the server's clock says ${now})` }], 'body');
  }
  return new Date(ms).toISOString();
}

/** Throws a 422 on `field` unless `later` is at or after `earlier`. Precondition: both are ISO times. */
export function notBefore(later: string, earlier: string, field: string, earlierName: string): void {
  if (Date.parse(later) < Date.parse(earlier)) {
    throw new ValidationError([{ path: field, message: `cannot be before ${earlierName} (${earlier})` }], 'body');
  }
}
