import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from './connect.js';
import { createGroupCommitter } from './group-commit.js';
import { migrateToLatest } from './migrate.js';

// Group commit is a SQLite mechanism, so this file tests it on SQLite whatever DATABASE_URL says.
let storage: Storage;
let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'civdef-gc-'));
  storage = openStorage({ dataDir: dir });
  await migrateToLatest(storage);
});
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

const centre = (id: string) => ({ id, name: `c${id}`, lat: 1, lon: 2, created_at: 'now' });
const count = async () => (await storage.db.selectFrom('centres').select('id').execute()).length;

describe('group commit', () => {
  it('commits writers that arrive together in fewer transactions than writers', async () => {
    const batches: number[] = [];
    const gc = createGroupCommitter(storage.db, { onCommit: (n) => batches.push(n) });
    await Promise.all(Array.from({ length: 20 }, (_, i) => gc.run((trx) => trx.insertInto('centres').values(centre(String(i))).execute())));
    expect(await count()).toBe(20);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(20);
    // All 20 were queued in the same turn of the event loop: one transaction, one fsync.
    expect(batches).toEqual([20]);
  });

  it('keeps a batch to its maximum size', async () => {
    const batches: number[] = [];
    const gc = createGroupCommitter(storage.db, { maxBatch: 4, onCommit: (n) => batches.push(n) });
    await Promise.all(Array.from({ length: 9 }, (_, i) => gc.run((trx) => trx.insertInto('centres').values(centre(String(i))).execute())));
    expect(batches).toEqual([4, 4, 1]);
  });

  it('rolls back only the writer that failed', async () => {
    const gc = createGroupCommitter(storage.db);
    const results = await Promise.allSettled([
      gc.run((trx) => trx.insertInto('centres').values(centre('a')).execute()),
      gc.run(async (trx) => {
        await trx.insertInto('centres').values(centre('b')).execute();
        throw new Error('refused after writing');
      }),
      gc.run((trx) => trx.insertInto('centres').values(centre('c')).execute()),
      gc.run((trx) => trx.insertInto('centres').values(centre('a')).execute()), // duplicate id
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    const ids = (await storage.db.selectFrom('centres').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(ids).toEqual(['a', 'c']);
  });

  it('answers nobody before the commit is on disk', async () => {
    const gc = createGroupCommitter(storage.db);
    const seenByOtherConnection: number[] = [];
    // A second connection sees only committed rows: when each writer is answered, its row must be visible there.
    const other = openStorage({ dataDir: dir });
    try {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          gc.run((trx) => trx.insertInto('centres').values(centre(`x${i}`)).execute()).then(async () => {
            const row = await other.db.selectFrom('centres').select('id').where('id', '=', `x${i}`).executeTakeFirst();
            seenByOtherConnection.push(row ? 1 : 0);
          }),
        ),
      );
    } finally {
      await other.close();
    }
    expect(seenByOtherConnection).toEqual(Array(10).fill(1));
  });
});
