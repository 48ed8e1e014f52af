import type { AppContext } from '../services/context.js';
import { AlertFeed, DEFAULT_ALERT_FEED, type AlertFeedOptions } from './alert-feed.js';
import { AlertStream } from './alert-stream.js';
import type { DeliverySettings } from './settings.js';
import { DEFAULT_SIREN_BACKOFF, SirenPublisher } from './sirens.js';
import { DEFAULT_SSE_HUB, SseHub, type SseHubOptions } from './sse-hub.js';
import { DEFAULT_WEBHOOK_WORKER, WebhookWorker, type WebhookWorkerOptions } from './webhook-worker.js';

export interface DeliveryOptions extends DeliverySettings {
  /** The base URL used when publicUrl is unset: the address the server listens on. */
  listenUrl: string;
  feed?: Partial<AlertFeedOptions>;
  hub?: Partial<SseHubOptions>;
  webhooks?: Partial<Omit<WebhookWorkerOptions, 'publicUrl'>>;
}

/**
 * Every way an alert leaves the server, fed by one follower of the event log: the public SSE stream (always),
 * sirens over MQTT (when a broker is set) and relays' webhooks (background work of a serving process).
 */
export class AlertDelivery {
  readonly feed: AlertFeed;
  readonly stream: AlertStream;
  readonly webhooks: WebhookWorker;
  private sirens: SirenPublisher | undefined;
  private background = false;

  private constructor(
    private readonly ctx: AppContext,
    private readonly options: DeliveryOptions,
  ) {
    this.feed = new AlertFeed(ctx, { ...DEFAULT_ALERT_FEED, ...options.feed });
    this.stream = new AlertStream(this.feed, new SseHub({ ...DEFAULT_SSE_HUB, ...options.hub }), ctx.now);
    this.webhooks = new WebhookWorker(ctx, { ...DEFAULT_WEBHOOK_WORKER, ...options.webhooks, publicUrl: options.publicUrl ?? options.listenUrl });
  }

  /** Rebuilds what is in force from the log and starts following it (the public stream is live from here). */
  static async open(ctx: AppContext, options: DeliveryOptions): Promise<AlertDelivery> {
    const d = new AlertDelivery(ctx, options);
    await d.feed.start();
    return d;
  }

  /** Starts sirens (when a broker is set) and webhook delivery. A second call does nothing. */
  startBackground(): void {
    if (this.background) return;
    this.background = true;
    const { mqttUrl, sirenTopicPrefix } = this.options;
    if (mqttUrl) {
      const sirens = new SirenPublisher(this.feed.state, this.ctx.now, this.ctx.log, {
        url: mqttUrl,
        topicPrefix: sirenTopicPrefix,
        backoff: DEFAULT_SIREN_BACKOFF,
        connectTimeoutMs: 5000,
      });
      this.sirens = sirens;
      this.feed.listen((_e, touched) => sirens.update(touched));
      sirens.start();
    }
    this.feed.listen(() => this.webhooks.wake());
    this.webhooks.start();
  }

  /** Closes every public stream (the clients reconnect elsewhere or later). */
  disconnectSubscribers(): void {
    this.stream.hub.disconnectAll();
  }

  async close(): Promise<void> {
    this.feed.stop();
    this.stream.hub.close();
    await this.sirens?.stop();
    await this.webhooks.stop();
  }
}
