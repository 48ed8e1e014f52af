import type { Logger } from 'pino';
import type { EventBus } from '../events/bus.js';
import type { EvidenceLog } from './evidence-log.js';

// Events arrive in bursts; one integration shortly after a burst serves them all.
const AFTER_EVENTS_MS = 50;

export interface EvidencePublisher {
  stop(): Promise<void>;
}

/**
 * Keeps the log integrated and checkpointed while the server runs: soon after new events, and on a
 * timer so a quiet log still gets its periodic checkpoint. Precondition: storage stays open until stop().
 */
export function startEvidencePublisher(log: EvidenceLog, bus: EventBus, everySeconds: number, logger: Logger): EvidencePublisher {
  let pending: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let stopped = false;
  const run = () => {
    pending = undefined;
    if (stopped) return;
    inFlight = inFlight
      .then(() => log.sync())
      .then(
        () => undefined,
        (err: unknown) => logger.error({ err }, 'evidence log integration failed; will retry'),
      );
  };
  const unsubscribe = bus.subscribe(() => {
    pending ??= setTimeout(run, AFTER_EVENTS_MS);
  });
  const timer = setInterval(run, Math.max(1, everySeconds) * 1000);
  timer.unref();
  run();
  return {
    async stop() {
      stopped = true;
      unsubscribe();
      clearInterval(timer);
      if (pending) clearTimeout(pending);
      await inFlight;
    },
  };
}
