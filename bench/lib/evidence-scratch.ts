// Scratch stores for bench/evidence.ts: SQLite in temp folders, PostgreSQL databases of their own; each
// registered for removal at the end of the run, on an error, or on Ctrl-C.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openStorage, type Storage } from '../../apps/server/src/db/connect.js';
import { migrateToLatest } from '../../apps/server/src/db/migrate.js';
import { databaseUrl, dropScratchDatabase } from './scratch-db.js';

// Scratch stores, removed in the end or on Ctrl-C.
const cleanups = new Set<() => Promise<void>>();
process.once('SIGINT', () => {
  console.log('\ninterrupted: removing scratch data');
  void removeAllScratch().then(() => process.exit(130));
});

/** Removes every scratch store not removed yet. */
export async function removeAllScratch(): Promise<void> {
  await Promise.allSettled([...cleanups].map((c) => c()));
}

export interface Scratch {
  storage: Storage;
  /** The SQLite file, for direct inserts. */
  file: string;
  url?: string;
  remove(): Promise<void>;
}

/** A migrated SQLite store in a temp folder; `build` may write the closed file directly before it is opened for use. */
export async function scratchSqlite(build?: (file: string) => void): Promise<Scratch> {
  const dir = mkdtempSync(join(tmpdir(), 'civdef-bench-evidence-'));
  let storage: Storage | undefined;
  let removed = false;
  const remove = async () => {
    if (removed) return;
    removed = true;
    cleanups.delete(remove);
    await storage?.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  cleanups.add(remove);
  storage = openStorage({ dataDir: dir });
  await migrateToLatest(storage);
  const file = storage.location;
  if (build) {
    await storage.close();
    storage = undefined;
    build(file);
    storage = openStorage({ dataDir: dir });
  }
  return { storage, file, remove };
}

/** A fresh, migrated database civdef_bench_evidence_<pid>_<tag> beside adminUrl's. Throws when PostgreSQL is unreachable. */
export async function scratchPg(adminUrl: string, tag: string): Promise<Scratch> {
  const name = `civdef_bench_evidence_${process.pid}_${tag}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 15_000 });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(adminUrl, name);
  const dir = mkdtempSync(join(tmpdir(), 'civdef-bench-evidence-pg-'));
  const storage = openStorage({ databaseUrl: url, dataDir: dir });
  let removed = false;
  const remove = async () => {
    if (removed) return;
    removed = true;
    cleanups.delete(remove);
    await storage.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    // A loaded machine can be slow to accept the connection: try again before leaving the database behind.
    for (let attempt = 1; ; attempt++) {
      try {
        await dropScratchDatabase(adminUrl, name);
        return;
      } catch (err) {
        if (attempt >= 3) throw err;
      }
    }
  };
  cleanups.add(remove);
  await migrateToLatest(storage);
  return { storage, file: '', url, remove };
}

/** Undefined when PostgreSQL answers at url, else why not. */
export async function pgUsable(url: string): Promise<string | undefined> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 15_000 });
  try {
    await c.connect();
    await c.end();
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** PostgreSQL's durability settings, for the output. */
export async function pgDurability(storage: Storage): Promise<string> {
  const get = async (name: string) => (await sql<{ setting: string }>`select setting from pg_settings where name = ${name}`.execute(storage.db)).rows[0]?.setting ?? '?';
  return `fsync=${await get('fsync')}, synchronous_commit=${await get('synchronous_commit')}`;
}
