import type { AlertEvent } from './alert-event.js';

/** A recent alert event with the zones it touched and its frame, kept for subscribers that resume. */
export interface RecentAlert {
  seq: number;
  zones: readonly string[];
  frame: Buffer;
}

/**
 * The last `capacity` alert frames. `floor` is the highest seq not guaranteed to be here: every alert event
 * after it is, so a client whose last event id is >= floor can be sent exactly what it missed.
 */
export class RecentAlerts {
  private readonly items: RecentAlert[] = [];
  private head = 0;

  /** Precondition: capacity >= 1; `floor` is the seq before the first event that will be pushed. */
  constructor(
    private readonly capacity: number,
    public floor: number,
  ) {}

  /** Keeps the frame of `e`. Precondition: events arrive in seq order. */
  push(e: AlertEvent, zones: readonly string[], frame: Buffer): void {
    const item = { seq: e.seq, zones, frame };
    if (this.items.length < this.capacity) {
      this.items.push(item);
      return;
    }
    this.floor = this.items[this.head]!.seq;
    this.items[this.head] = item;
    this.head = (this.head + 1) % this.capacity;
  }

  /** The frames after `seq` that touch any of `zones`, in order; null when some after `seq` may be gone. */
  since(seq: number, zones: ReadonlySet<string>): Buffer[] | null {
    if (seq < this.floor) return null;
    const out: Buffer[] = [];
    for (let i = 0; i < this.items.length; i++) {
      const item = this.items[(this.head + i) % this.items.length]!;
      if (item.seq > seq && item.zones.some((z) => zones.has(z))) out.push(item.frame);
    }
    return out;
  }
}
