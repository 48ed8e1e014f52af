import { newUlid, type DomainEvent } from '@civdef/core';
import type { Transaction } from 'kysely';
import { prepared } from '../db/prepared.js';
import type { Database } from '../db/schema.js';
import { appendLeaf, lockLogForAppend } from '../evidence/leaf-append.js';
import type { Actor, AppContext } from './context.js';

type EventRow = Omit<DomainEvent, 'seq' | 'data'> & { data: string };

// Every change writes one: prepared once.
const insertEvent = prepared((db, row: EventRow) => db.insertInto('events').values(row).returning('seq'));

export interface NewEvent {
  type: string;
  subjectType: string;
  subjectId: string;
  data: Record<string, unknown>;
}

export interface Tx {
  db: Transaction<Database>;
  /** Now, as an ISO UTC string; one value for the whole transaction. */
  at: string;
  /** Appends a domain event and its evidence-log leaf in this transaction; published once it commits. */
  emit(event: NewEvent): Promise<DomainEvent>;
}

/**
 * Runs `work` in one transaction with an event writer; publishes the events after commit.
 * Precondition: `work` does all its writes through `tx.db`.
 */
export async function inTransaction<T>(ctx: AppContext, actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  const emitted: DomainEvent[] = [];
  const at = ctx.now().toISOString();
  const result = await ctx.storage.write(async (db) => {
    let locked = false;
    const tx: Tx = {
      db,
      at,
      async emit(e) {
        // On PostgreSQL a sequence hands out numbers before commit, so concurrent writers could commit
        // out of order and a reader resuming after seq N would miss one. The lock makes seq order commit order.
        if (!locked) {
          await lockLogForAppend(db, ctx.storage.dialect);
          locked = true;
        }
        const row: EventRow = {
          id: newUlid(),
          type: e.type,
          subject_type: e.subjectType,
          subject_id: e.subjectId,
          actor_id: actor.userId,
          device_id: actor.deviceId,
          at,
          data: JSON.stringify(e.data),
        };
        const [{ seq }] = (await insertEvent(db, row)) as [{ seq: number | string }];
        const event: DomainEvent = { ...row, seq: Number(seq), data: e.data };
        await appendLeaf(db, { kind: 'event', ref: event.id, record: event });
        emitted.push(event);
        return event;
      },
    };
    return work(tx);
  });
  if (emitted.length) ctx.bus.publish(emitted);
  return result;
}
