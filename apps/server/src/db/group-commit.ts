import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.js';

type Work<T> = (db: Transaction<Database>) => Promise<T>;

interface Job {
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

export interface GroupCommitter {
  /** Runs `work` in a transaction shared with other writers; resolves only once that transaction is durable. */
  run<T>(work: Work<T>): Promise<T>;
}

/**
 * Group commit: writes that arrive while a commit is under way wait and then share the next
 * transaction, so a burst pays one fsync instead of one each. Each write runs in its own savepoint: one that
 * fails is rolled back alone and rejected; the others commit. Nobody is answered before the commit.
 * A batch starts on the next turn of the event loop (setImmediate), which lets every request already read
 * from the sockets join it first; with better-sqlite3, which is synchronous, nothing else would.
 * Precondition: all writes to this database go through one committer.
 */
export function createGroupCommitter(
  db: Kysely<Database>,
  opts: { maxBatch?: number; onCommit?: (batchSize: number) => void } = {},
): GroupCommitter {
  const maxBatch = opts.maxBatch ?? 256;
  let queue: Job[] = [];
  let active = false; // a drain is scheduled or running

  async function drain(): Promise<void> {
    while (queue.length) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      const outcomes: ({ ok: true; value: unknown } | { ok: false; err: unknown })[] = [];
      try {
        await db.transaction().execute(async (trx) => {
          for (const job of batch) {
            await sql`savepoint w`.execute(trx);
            try {
              const value = await job.work(trx);
              await sql`release savepoint w`.execute(trx);
              outcomes.push({ ok: true, value });
            } catch (err) {
              await sql`rollback to savepoint w`.execute(trx);
              await sql`release savepoint w`.execute(trx);
              outcomes.push({ ok: false, err });
            }
          }
        });
      } catch (commitError) {
        // The commit itself failed: nothing in the batch is durable.
        for (const job of batch) job.reject(commitError);
        continue;
      }
      opts.onCommit?.(batch.length);
      batch.forEach((job, i) => {
        const o = outcomes[i]!;
        if (o.ok) job.resolve(o.value);
        else job.reject(o.err);
      });
    }
    active = false;
  }

  return {
    run<T>(work: Work<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
        if (!active) {
          active = true;
          setImmediate(() => void drain());
        }
      });
    },
  };
}
