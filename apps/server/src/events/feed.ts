import type { DomainEvent } from '@civdef/core';
import type { AppContext } from '../services/context.js';
import { eventFromRow } from './event-row.js';

const PAGE = 500;

export interface Feed {
  stop(): void;
}

/**
 * Delivers every event with seq > `after`, in seq order, exactly once: first the stored ones, then live ones.
 * Live events that arrive out of order or after a gap are read back from the database, so a reader never
 * skips an event that committed late. Precondition: `deliver` does not throw.
 */
export function followEvents(ctx: AppContext, after: number, deliver: (e: DomainEvent) => void, onError: (err: unknown) => void): Feed {
  let last = after;
  let stopped = false;
  let reading = false;
  let readAgain = false;

  const send = (e: DomainEvent) => {
    if (e.seq <= last) return;
    last = e.seq;
    deliver(e);
  };

  // Reads everything past `last` from storage; coalesces wake-ups that arrive while a read runs.
  const catchUp = async (): Promise<void> => {
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    try {
      do {
        readAgain = false;
        for (;;) {
          const rows = await ctx.storage.db.selectFrom('events').selectAll().where('seq', '>', last).orderBy('seq').limit(PAGE).execute();
          if (stopped) return;
          for (const row of rows) send(eventFromRow(row));
          if (rows.length < PAGE) break;
        }
      } while (readAgain && !stopped);
    } catch (err) {
      onError(err);
    } finally {
      reading = false;
    }
  };

  const unsubscribe = ctx.bus.subscribe((e) => {
    if (stopped) return;
    if (!reading && e.seq === last + 1) send(e);
    else if (e.seq > last) void catchUp();
  });
  void catchUp();

  return {
    stop() {
      stopped = true;
      unsubscribe();
    },
  };
}
