import { newUlid } from '@civdef/core';
import pg from 'pg';
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

  // Kysely lists every schema's tables before migrating; another schema dropped meanwhile must not stop a start.
  it.runIf(Boolean(process.env.DATABASE_URL))('starts while other schemas in the database are being dropped', async () => {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const others = Array.from({ length: 40 }, () => `x_${newUlid().toLowerCase()}`);
      for (const o of others) await admin.query(`create schema ${o}; ${Array.from({ length: 5 }, (_, i) => `create table ${o}.t${i} (id serial primary key, v text)`).join('; ')}`);
      let dropping = true;
      const drops = (async () => {
        for (const o of others) await admin.query(`drop schema ${o} cascade`);
        dropping = false;
      })();
      let started = 0;
      while (dropping) {
        const s = await openTestStorage();
        cleanups.push(s.cleanup);
        await migrateToLatest(s.storage);
        started++;
      }
      await drops;
      expect(started).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
  });
});
