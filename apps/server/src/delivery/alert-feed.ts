import type { DomainEvent } from '@civdef/core';
import { eventFromRow } from '../events/event-row.js';
import { followEvents, type Feed } from '../events/feed.js';
import type { AppContext } from '../services/context.js';
import { ALERT_EVENT_TYPES, readAlertEvent, type AlertEvent } from './alert-event.js';
import { AlertsInForce } from './alerts-in-force.js';
import { RecentAlerts } from './recent-alerts.js';
import { alertFrame } from './sse-frame.js';

/** Told of each alert event once it is applied: the zones it touched and its SSE frame. */
export type AlertListener = (e: AlertEvent, touched: readonly string[], frame: Buffer) => void;

export interface AlertFeedOptions {
  /** How far back the start reads alert events to rebuild what is in force. */
  historyMs: number;
  /** Alert frames kept for subscribers that resume. */
  recentCapacity: number;
}

export const DEFAULT_ALERT_FEED: AlertFeedOptions = { historyMs: 24 * 3600_000, recentCapacity: 1024 };
const RESTART_MS = 1000;
// Alert events read at start, at most: far more than a day of raids makes.
const MAX_HISTORY = 100_000;

/**
 * The alert.* events of the log, in seq order, exactly once, from start to stop: rebuilt at start from
 * the events table, then live from the bus. Keeps what is in force and the recent frames; tells listeners.
 */
export class AlertFeed {
  readonly state = new AlertsInForce();
  recent = new RecentAlerts(1, 0);
  /** The seq of the last event seen (of any type): what a subscriber has been brought up to. */
  lastSeq = 0;
  private readonly listeners = new Set<AlertListener>();
  private readonly frames = new WeakMap<AlertEvent, Buffer>();
  private follow: Feed | undefined;
  private restart: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly options: AlertFeedOptions = DEFAULT_ALERT_FEED,
  ) {}

  /** Reads the recent alert events and starts following the log. Precondition: called once. */
  async start(): Promise<void> {
    const db = this.ctx.storage.db;
    const top = await db.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
    const max = Number(top?.seq ?? 0);
    const since = new Date(this.ctx.now().getTime() - this.options.historyMs).toISOString();
    const rows = await db
      .selectFrom('events')
      .selectAll()
      .where('type', 'in', ALERT_EVENT_TYPES)
      .where('seq', '<=', max)
      .where('at', '>=', since)
      .orderBy('seq', 'desc')
      .limit(MAX_HISTORY)
      .execute();
    rows.reverse();
    const first = rows[0];
    this.recent = new RecentAlerts(this.options.recentCapacity, first ? Number(first.seq) - 1 : max);
    for (const row of rows) this.take(eventFromRow(row));
    this.lastSeq = max;
    this.followFrom(max);
  }

  /** Adds a listener; returns the function that removes it. */
  listen(listener: AlertListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The SSE frame of an event this feed took (made once, shared by every subscriber). */
  frameOf(e: AlertEvent): Buffer {
    return this.frames.get(e) ?? alertFrame(e);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.restart);
    this.follow?.stop();
  }

  private followFrom(after: number): void {
    this.follow = followEvents(
      this.ctx,
      after,
      (e) => {
        this.lastSeq = e.seq;
        this.take(e);
      },
      (err) => {
        // The database went away mid catch-up: try again from the last event taken, so none is skipped.
        this.ctx.log.error({ err }, 'alert delivery: reading events failed; retrying');
        this.follow?.stop();
        if (!this.stopped) this.restart = setTimeout(() => this.followFrom(this.lastSeq), RESTART_MS);
      },
    );
  }

  private take(e: DomainEvent): void {
    let alert: AlertEvent | null;
    try {
      alert = readAlertEvent(e);
    } catch (err) {
      this.ctx.log.error({ err }, 'alert delivery: skipped an alert event that breaks the contract');
      return;
    }
    if (!alert) return;
    this.state.prune(this.ctx.now().getTime());
    const touched = this.state.apply(alert);
    const frame = alertFrame(alert);
    this.frames.set(alert, frame);
    this.recent.push(alert, touched, frame);
    for (const l of this.listeners) {
      try {
        l(alert, touched, frame);
      } catch (err) {
        this.ctx.log.error({ err }, 'alert delivery: a listener failed');
      }
    }
  }
}
