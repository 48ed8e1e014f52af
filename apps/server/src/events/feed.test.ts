import type { DomainEvent } from '@civdef/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.js';
import { createLogger } from '../log.js';
import { SYSTEM_ACTOR, type AppContext } from '../services/context.js';
import { inTransaction } from '../services/transaction.js';
import { openTestStorage } from '../test-support/harness.js';
import { createLocalBus } from './bus.js';
import { followEvents, type Feed } from './feed.js';

// followEvents on its own, with real storage. Writes go through `quiet`, whose bus nobody follows, so each
// test decides itself what the followed bus announces and in which order, as a busy server might.

let ctx: AppContext;
let quiet: AppContext;
let cleanup: () => Promise<void>;
const feeds: Feed[] = [];

beforeAll(async () => {
  const opened = await openTestStorage();
  cleanup = opened.cleanup;
  await migrateToLatest(opened.storage);
  // No road service: nothing here routes.
  ctx = { storage: opened.storage, bus: createLocalBus(), now: () => new Date(), log: createLogger('silent') } as AppContext;
  quiet = { ...ctx, bus: createLocalBus() };
});
afterAll(async () => {
  for (const f of feeds) f.stop();
  await cleanup();
});

/** Appends `n` events in one transaction through `on`'s context; returns them as stored. */
async function write(n: number, on: AppContext = quiet): Promise<DomainEvent[]> {
  return inTransaction(on, SYSTEM_ACTOR, async (tx) => {
    const out: DomainEvent[] = [];
    for (let i = 0; i < n; i++) out.push(await tx.emit({ type: 'test.tick', subjectType: 'test', subjectId: 'feed', data: { i } }));
    return out;
  });
}

async function lastSeq(): Promise<number> {
  const row = await ctx.storage.db.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** Starts a follower that records what it delivers; fails the test on a read error. */
function follow(after: number): { seen: number[]; feed: Feed; errors: unknown[] } {
  const seen: number[] = [];
  const errors: unknown[] = [];
  const feed = followEvents(ctx, after, (e) => seen.push(e.seq), (err) => errors.push(err));
  feeds.push(feed);
  return { seen, feed, errors };
}

async function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

// Long enough for a stray delivery (a duplicate) to show up if there were one.
const settle = () => new Promise((r) => setTimeout(r, 100));

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('followEvents', () => {
  it('delivers 1, 2, 3 once each when the bus announces 3 before 2', async () => {
    const base = await lastSeq();
    const f = follow(base);
    const [e1] = await write(1);
    ctx.bus.publish([e1!]);
    await until(() => f.seen.length === 1, 'the first event');
    // Both are committed; the bus just tells of them out of order (two writers finishing at once).
    const [e2] = await write(1);
    const [e3] = await write(1);
    ctx.bus.publish([e3!]);
    ctx.bus.publish([e2!]);
    ctx.bus.publish([e3!]);
    await until(() => f.seen.length >= 3, 'events 2 and 3');
    await settle();
    expect(f.seen).toEqual([e1!.seq, e2!.seq, e3!.seq]);
    expect(f.errors).toEqual([]);
  });

  it('reads a gap back from storage when only a later event is announced', async () => {
    const base = await lastSeq();
    const f = follow(base);
    await settle(); // the first read of history is over, so the next wake-up comes from the bus alone
    const written = await write(4);
    // Only the last is announced: the three before it must still come, from the database.
    ctx.bus.publish([written[3]!]);
    await until(() => f.seen.length >= 4, 'the gap');
    await settle();
    expect(f.seen).toEqual(written.map((e) => e.seq));
  });

  it('starts with the stored events after the cursor, then goes on with live ones', async () => {
    const before = await write(3);
    const f = follow(before[0]!.seq);
    await until(() => f.seen.length === 2, 'the stored events');
    const live = await write(2, ctx);
    await until(() => f.seen.length >= 4, 'the live events');
    await settle();
    expect(f.seen).toEqual([before[1]!.seq, before[2]!.seq, ...live.map((e) => e.seq)]);
  });

  it('pages through more than one read of history while live events keep arriving', async () => {
    // More than the 500 events one read returns, and writers announcing new ones during the catch-up:
    // every event must arrive exactly once and in order across the hand-over from history to live.
    const base = await lastSeq();
    await write(1200);
    const f = follow(base);
    const writers = Array.from({ length: 10 }, () => write(3, ctx));
    await Promise.all(writers);
    const end = await lastSeq();
    await until(() => f.seen.length >= end - base, `${end - base} events`, 15_000);
    await settle();
    expect(f.seen).toEqual(range(base + 1, end));
    expect(f.errors).toEqual([]);
  });

  it('delivers nothing after stop', async () => {
    const base = await lastSeq();
    const f = follow(base);
    const [e1] = await write(1, ctx);
    await until(() => f.seen.length === 1, 'the first event');
    f.feed.stop();
    await write(2, ctx);
    await settle();
    expect(f.seen).toEqual([e1!.seq]);
  });
});
