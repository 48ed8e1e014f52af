import type { RateLimiter } from '../auth/rate-limit.js';
import type { AlertDelivery } from '../delivery/delivery.js';
import type { AppContext } from '../services/context.js';

export interface ServerConfig {
  host: string;
  port: number;
  /** Lifetime of a login session. */
  sessionTtlSeconds: number;
  /** Login attempts allowed per name and address per minute. */
  loginAttemptsPerMinute: number;
  logLevel: string;
}

/** Everything a route handler may use. */
export interface ServerDeps {
  ctx: AppContext;
  config: ServerConfig;
  loginLimiter: RateLimiter;
  /** Alerts to the public stream, sirens and relays. */
  delivery: AlertDelivery;
  /** Sightings per spotter account. */
  sightingLimiter: RateLimiter;
}
