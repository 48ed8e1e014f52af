import type { AlertFeed } from './alert-feed.js';
import { cursorFrame, openingFrame, resetFrame } from './sse-frame.js';
import type { SseHub, SseSink, Subscriber } from './sse-hub.js';

const RETRY_MS = 3000;

/** The public alert stream: new subscribers get what is in force (or what they missed), then every alert for their zones. */
export class AlertStream {
  constructor(
    readonly feed: AlertFeed,
    readonly hub: SseHub,
    private readonly now: () => Date,
  ) {
    feed.listen((_e, touched, frame) => hub.broadcast(touched, frame));
  }

  /** True when no more subscribers are taken. */
  full(): boolean {
    return this.hub.counts().subscribers >= this.maxSubscribers();
  }

  /**
   * Registers `sink` for `zones` and writes its opening: the alert events it missed after `lastEventId` when
   * they are all still held, else (a reset first, if it was resuming) the latest event of each alert in force;
   * then a cursor at the current seq. Runs in one turn, so no live event can slip in between.
   * Preconditions: zones are distinct; !full().
   */
  subscribe(sink: SseSink, zones: readonly string[], lastEventId?: number): Subscriber {
    const sub = this.hub.add(sink, zones);
    this.hub.send(sub, openingFrame(RETRY_MS));
    const seq = this.feed.lastSeq;
    const missed = lastEventId !== undefined && lastEventId <= seq ? this.feed.recent.since(lastEventId, new Set(zones)) : null;
    if (missed) {
      for (const frame of missed) this.hub.send(sub, frame);
    } else {
      if (lastEventId !== undefined) this.hub.send(sub, resetFrame(seq));
      for (const e of this.feed.state.inForce(zones, this.now().getTime())) this.hub.send(sub, this.feed.frameOf(e));
    }
    this.hub.send(sub, cursorFrame(seq));
    return sub;
  }

  private maxSubscribers(): number {
    return this.hub.options.maxSubscribers;
  }
}
