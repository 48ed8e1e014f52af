import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { AlertsInForce } from './alerts-in-force.js';
import { backoffMs, type Backoff } from './backoff.js';
import { parseSirenMessage, sirenMessage, sirenTopic, zoneOfTopic } from './siren-message.js';

// Sirens over MQTT: each zone's state is a retained QoS 1 message on its own topic. The desired state is
// computed from the alerts in force, so the broker only ever needs the latest one: while disconnected nothing
// is queued, and every (re)connection publishes the state of every zone known, then reads back the retained
// messages and corrects any left sounding by a previous run (a zone no recent event names).

export interface SirenOptions {
  /** mqtt://host:port (or mqtts://, ws://). */
  url: string;
  /** Topics are `<prefix>/<zone id>`. */
  topicPrefix: string;
  /** Reconnection delays. */
  backoff: Backoff;
  connectTimeoutMs: number;
}

export const DEFAULT_SIREN_BACKOFF: Backoff = { baseMs: 1000, maxMs: 30_000 };
/** How long stop() waits for in-flight messages to be acknowledged. */
const CLOSE_WAIT_MS = 2000;
/** The longest the expiry timer sleeps before looking again. */
const MAX_SLEEP_MS = 60_000;

export class SirenPublisher {
  private client: MqttClient | undefined;
  /** The payload last published per zone on this connection. */
  private readonly published = new Map<string, string>();
  private failures = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(
    private readonly state: AlertsInForce,
    private readonly now: () => Date,
    private readonly log: Logger,
    private readonly options: SirenOptions,
  ) {}

  /** Connects in the background; returns at once. Precondition: called once. */
  start(): void {
    const client = mqtt.connect(this.options.url, {
      clientId: `civdef-sirens-${randomBytes(6).toString('hex')}`,
      clean: true,
      // We reconnect ourselves, with backoff; every connection then republishes the whole state.
      reconnectPeriod: 0,
      connectTimeout: this.options.connectTimeoutMs,
      resubscribe: false,
    });
    this.client = client;
    client.on('connect', () => {
      this.failures = 0;
      this.published.clear();
      this.log.info({ broker: this.options.url }, 'sirens: connected');
      this.publishAll();
      client.subscribe(`${this.options.topicPrefix}/+`, { qos: 1 }, (err) => {
        if (err) this.log.warn({ err }, 'sirens: could not read back retained states');
      });
    });
    client.on('message', (topic, payload, packet) => {
      // Only retained messages tell what a siren would read; live ones are our own publishes echoed back.
      if (packet.retain) this.reconcile(topic, payload);
    });
    client.on('error', (err) => this.log.warn({ err: err.message }, 'sirens: broker connection error'));
    client.on('close', () => this.scheduleReconnect());
    this.armExpiry();
  }

  /** Publishes the state of `zones` where it changed. Never blocks: while disconnected the next connection publishes it. */
  update(zones: readonly string[]): void {
    for (const z of zones) this.publishZone(z);
    this.armExpiry();
  }

  /** Disconnects, waiting a moment for messages in flight to be acknowledged. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.expiryTimer);
    const client = this.client;
    if (!client) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => client.end(true, {}, () => resolve()), CLOSE_WAIT_MS);
      client.end(false, {}, () => {
        clearTimeout(force);
        resolve();
      });
    });
  }

  private publishAll(): void {
    for (const z of this.state.knownZones()) this.publishZone(z);
  }

  private publishZone(zone: string, force = false): void {
    const client = this.client;
    if (!client?.connected) return;
    const s = this.state.zoneState(zone, this.now().getTime());
    if (!s) return;
    const payload = JSON.stringify(sirenMessage(s));
    if (!force && this.published.get(zone) === payload) return;
    this.published.set(zone, payload);
    client.publish(sirenTopic(this.options.topicPrefix, zone), payload, { qos: 1, retain: true }, (err) => {
      if (err) {
        // Not acknowledged: forget it, so the next connection (or change) publishes it again.
        this.published.delete(zone);
        this.log.warn({ err: err.message, zone }, 'sirens: publish failed');
      }
    });
  }

  /** A retained message disagrees with what we want: a siren left sounding by an earlier run, or stale. */
  private reconcile(topic: string, payload: Buffer): void {
    const zone = zoneOfTopic(this.options.topicPrefix, topic);
    const client = this.client;
    if (zone === null || !client?.connected) return;
    const retained = parseSirenMessage(payload);
    const want = this.state.zoneState(zone, this.now().getTime());
    if (want) {
      if (payload.toString('utf8') !== JSON.stringify(sirenMessage(want))) this.publishZone(zone, true);
      return;
    }
    if (retained?.action === 'sound') {
      const stop = JSON.stringify({ alert: retained.alert, action: 'stop', until: null });
      this.published.set(zone, stop);
      client.publish(topic, stop, { qos: 1, retain: true }, (err) => {
        if (err) this.log.warn({ err: err.message, zone }, 'sirens: publish failed');
      });
    }
  }

  private scheduleReconnect(): void {
    if (this.stopping || this.reconnectTimer) return;
    this.failures++;
    const delay = backoffMs(this.failures, this.options.backoff);
    if (this.failures === 1 || this.failures % 10 === 0) this.log.warn({ broker: this.options.url, retry_ms: delay, failures: this.failures }, 'sirens: broker unreachable; retrying');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopping) this.client?.reconnect();
    }, delay);
  }

  /** Wakes when the next alert's window closes, to stop its sirens even if no event says so. */
  private armExpiry(): void {
    clearTimeout(this.expiryTimer);
    if (this.stopping) return;
    const now = this.now().getTime();
    const next = this.state.nextExpiry(now);
    if (next === null) return;
    this.expiryTimer = setTimeout(() => {
      this.publishAll();
      this.armExpiry();
    }, Math.min(MAX_SLEEP_MS, Math.max(0, next - now) + 1));
    this.expiryTimer.unref();
  }
}
