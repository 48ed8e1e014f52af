import type { LatencySummary } from './stats.js';

/**
 * closed: autocannon, `connections` connections each sending the next request as soon as the last is answered.
 * paced: open loop, one request every 1000/rate ms on a keep-alive pool; latency counted from the scheduled send
 *   time, so a slow answer also delays (and is charged to) the requests queued behind it.
 * autocannon-rate: autocannon with overallRate (each connection sends its per-second quota back to back, then waits).
 */
/** paced: how long after the last scheduled send the worker waits for answers before counting the rest as unanswered. */
export const GRACE_S = 2;

export type LoadKind = 'closed' | 'paced' | 'autocannon-rate';

export interface LoadJob {
  kind: LoadKind;
  /** http://127.0.0.1:port */
  origin: string;
  token: string;
  durationS: number;
  connections: number;
  /** Requests per second, for paced and autocannon-rate. */
  rate: number;
}

export interface LoadResult {
  kind: LoadKind;
  elapsedS: number;
  /** Responses by HTTP status. */
  statuses: Record<string, number>;
  /** Socket errors and timeouts. */
  errors: number;
  /** paced only: requests still unanswered GRACE_S seconds after the last was due (the server fell behind). */
  unanswered: number;
  latency: LatencySummary;
  /** Every answered request's latency in ms, for combining slices. */
  samples: number[];
  /** Ids the server answered 201 for. */
  ackedIds: string[];
}
