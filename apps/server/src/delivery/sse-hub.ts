import { HEARTBEAT_FRAME } from './sse-frame.js';

// Public alert subscribers, indexed by zone. A message is serialised once by the caller and the same
// buffer is written to every socket; a socket that cannot keep up is closed, never waited for (its
// client reconnects with Last-Event-ID and is sent what it missed).

/** Where a subscriber's bytes go: an http.ServerResponse fits. */
export interface SseSink {
  write(chunk: Buffer): unknown;
  /** Bytes accepted but not yet handed to the kernel. */
  readonly writableLength: number;
  destroy(): unknown;
}

export interface SseHubOptions {
  /** Bytes a subscriber may have waiting before it is dropped: its memory bound. */
  maxBufferedBytes: number;
  /** Subscribers at most; more are refused. */
  maxSubscribers: number;
  /** A comment line this often keeps idle streams open through proxies. */
  heartbeatMs: number;
}

export const DEFAULT_SSE_HUB: SseHubOptions = { maxBufferedBytes: 64 * 1024, maxSubscribers: 50_000, heartbeatMs: 15_000 };

export interface Subscriber {
  readonly zones: readonly string[];
  readonly sink: SseSink;
  /** The broadcast this subscriber was last sent, so one touching several of its zones is sent once. */
  stamp: number;
  open: boolean;
}

export interface HubCounts {
  subscribers: number;
  /** Subscribers closed because their buffer was full, since start. */
  dropped: number;
}

export class SubscriberLimitError extends Error {
  constructor(readonly limit: number) {
    super(`The alert stream serves at most ${limit} subscribers`);
  }
}

export class SseHub {
  private readonly byZone = new Map<string, Set<Subscriber>>();
  private count = 0;
  private dropped = 0;
  private stamp = 0;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(readonly options: SseHubOptions = DEFAULT_SSE_HUB) {
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Registers a subscriber to `zones`. Throws SubscriberLimitError when full. Precondition: zones are distinct. */
  add(sink: SseSink, zones: readonly string[]): Subscriber {
    if (this.count >= this.options.maxSubscribers) throw new SubscriberLimitError(this.options.maxSubscribers);
    const sub: Subscriber = { zones, sink, stamp: 0, open: true };
    for (const z of zones) {
      let set = this.byZone.get(z);
      if (!set) this.byZone.set(z, (set = new Set()));
      set.add(sub);
    }
    this.count++;
    return sub;
  }

  /** Unregisters a subscriber (its socket closed); a second call does nothing. */
  remove(sub: Subscriber): void {
    if (!sub.open) return;
    sub.open = false;
    for (const z of sub.zones) {
      const set = this.byZone.get(z);
      set?.delete(sub);
      if (set?.size === 0) this.byZone.delete(z);
    }
    this.count--;
  }

  /** Writes `frame` to `sub`, or closes it when its buffer is full. Returns whether it was written. */
  send(sub: Subscriber, frame: Buffer): boolean {
    if (!sub.open) return false;
    if (sub.sink.writableLength + frame.length > this.options.maxBufferedBytes) {
      this.dropped++;
      this.remove(sub);
      sub.sink.destroy();
      return false;
    }
    sub.sink.write(frame);
    return true;
  }

  /** Sends `frame` once to every subscriber of any of `zones`; returns how many were sent it. */
  broadcast(zones: readonly string[], frame: Buffer): number {
    const stamp = ++this.stamp;
    let sent = 0;
    for (const z of zones) {
      const set = this.byZone.get(z);
      if (!set) continue;
      for (const sub of set) {
        if (sub.stamp === stamp) continue;
        sub.stamp = stamp;
        if (this.send(sub, frame)) sent++;
      }
    }
    return sent;
  }

  counts(): HubCounts {
    return { subscribers: this.count, dropped: this.dropped };
  }

  /** Stops the heartbeat and closes every stream. */
  close(): void {
    clearInterval(this.heartbeat);
    this.disconnectAll();
  }

  /** Closes every stream; new subscribers are still taken. */
  disconnectAll(): void {
    for (const set of [...this.byZone.values()]) {
      for (const sub of [...set]) {
        this.remove(sub);
        sub.sink.destroy();
      }
    }
  }

  private beat(): void {
    const stamp = ++this.stamp;
    for (const set of [...this.byZone.values()]) {
      for (const sub of [...set]) {
        if (sub.stamp === stamp) continue;
        sub.stamp = stamp;
        this.send(sub, HEARTBEAT_FRAME);
      }
    }
  }
}
