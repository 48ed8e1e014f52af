import { afterEach, describe, expect, it } from 'vitest';
import { openTestStorage } from '../test-support/harness.js';
import { migrateToLatest } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('migrateToLatest', () => {
  it('applies every step once, then nothing', async () => {
    const { storage, cleanup } = await openTestStorage();
    cleanups.push(cleanup);
    expect(await migrateToLatest(storage)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await migrateToLatest(storage)).toEqual([]);
  });

  // On PostgreSQL, two deployments (or test files) in one database must not see each other's bookkeeping.
  it('migrates two stores side by side, the second after the first is done', async () => {
    const a = await openTestStorage();
    cleanups.push(a.cleanup);
    expect(await migrateToLatest(a.storage)).toHaveLength(MIGRATIONS.length);
    const b = await openTestStorage();
    cleanups.push(b.cleanup);
    expect(await migrateToLatest(b.storage)).toHaveLength(MIGRATIONS.length);
    await b.storage.db.selectFrom('events').select('seq').execute();
  });
});
