import type { AppContext } from '../services/context.js';
import { backoffMs, type Backoff } from './backoff.js';
import { dueDeliveries, giveUp, queueDeliveries, recordAttempt, type DueDelivery } from './webhook-outbox.js';
import { sendAttempt } from './webhook-sender.js';

export interface WebhookWorkerOptions {
  /** The server's public base URL, for the CAP link in each delivery. */
  publicUrl: string;
  /** Looks for due retries this often, ms (new alerts wake it at once). */
  pollMs: number;
  /** A relay that has not answered by then has failed this attempt, ms. */
  timeoutMs: number;
  /** Attempts in all before a delivery is given up. */
  maxAttempts: number;
  backoff: Backoff;
  /** Deliveries in flight at once. */
  concurrency: number;
}

// 12 attempts over about 2 h 25 min (retries 5 s apart, doubling up to 1 h) before giving up.
export const DEFAULT_WEBHOOK_WORKER: Omit<WebhookWorkerOptions, 'publicUrl'> = {
  pollMs: 1000,
  timeoutMs: 10_000,
  maxAttempts: 12,
  backoff: { baseMs: 5000, maxMs: 3600_000 },
  concurrency: 8,
};

/** Sends the outbox: queues new alert events for each webhook, then sends what is due, one pass at a time. */
export class WebhookWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly options: WebhookWorkerOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.timer.unref();
    this.wake();
  }

  /** Runs a pass soon; a pass already running is followed by one more. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
  }

  /** Stops polling and waits for the pass in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass now (tests and the loop): returns how many attempts were made. */
  async pass(): Promise<number> {
    await queueDeliveries(this.ctx, this.options.publicUrl);
    let attempts = 0;
    for (;;) {
      const due = await dueDeliveries(this.ctx, this.ctx.now(), this.options.concurrency);
      if (!due.length || this.stopped) return attempts;
      await Promise.all(due.map((d) => this.attempt(d)));
      attempts += due.length;
    }
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.pass();
      } catch (err) {
        this.ctx.log.error({ err }, 'webhooks: a delivery pass failed; the next poll tries again');
      }
    } while (this.again && !this.stopped);
  }

  private async attempt(d: DueDelivery): Promise<void> {
    const number = d.attempts + 1;
    const outcome = await sendAttempt({ deliveryId: d.id, attempt: number, url: d.url, secret: d.secret, payload: d.payload, sentAt: this.ctx.now() }, this.options.timeoutMs);
    if (!outcome.ok && number >= this.options.maxAttempts) {
      await giveUp(this.ctx, d, outcome);
      this.ctx.log.warn({ webhook: d.webhook_id, delivery: d.id, attempts: number, error: outcome.error }, 'webhooks: gave up a delivery');
      return;
    }
    const retryAt = outcome.ok ? null : new Date(this.ctx.now().getTime() + backoffMs(number, this.options.backoff));
    await recordAttempt(this.ctx, d, outcome, retryAt);
  }
}
