// What one failed attempt means for an outbox item: try again later, or stop and tell the person.
import { ApiError, NetworkError, describeProblem } from '../api/problem.js';

export type Verdict = { kind: 'retry' } | { kind: 'signed-out' } | { kind: 'refused'; problem: string };

/**
 * Retry what may succeed unchanged later (no network, server busy or failing, rate-limited); stop the whole
 * queue on 401 (the person must sign in again, then everything goes); any other 4xx is the server refusing
 * this action for good, shown to the person. Precondition: err thrown by api().
 */
export function verdictOf(err: unknown): Verdict {
  if (err instanceof NetworkError) return { kind: 'retry' };
  if (err instanceof ApiError) {
    if (err.status === 401) return { kind: 'signed-out' };
    if (err.status === 408 || err.status === 425 || err.status === 429 || err.status >= 500) return { kind: 'retry' };
    return { kind: 'refused', problem: describeProblem(err.problem) };
  }
  return { kind: 'retry' };
}

/** Wait before the next try after `failures` failures in a row: 1 s doubling to a minute. Precondition: failures >= 1. */
export function backoffMs(failures: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.min(failures - 1, 6));
}
