import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { makeDataDir } from '../fs/data-dir.js';
import { startCheckpointer } from './checkpointer.js';
import { createGroupCommitter } from './group-commit.js';
import type { Database } from './schema.js';
import { withStatementCache } from './statement-cache.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Storage {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, for messages: a file path or the PostgreSQL URL without its password. */
  location: string;
  /** Runs `work` in a write transaction; resolves once it is durable. Concurrent writers share commits. */
  write<T>(work: (db: Transaction<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface StorageOptions {
  /** PostgreSQL connection string; when absent, SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PostgreSQL schema to use (tests give each file its own). */
  pgSchema?: string | undefined;
  /** Told of background connection errors (PostgreSQL drops an idle client). */
  onBackgroundError?: ((err: Error) => void) | undefined;
}

// int8 (bigserial event seq, count(*)) comes back as a string by default; our values fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

/** Opens storage. Precondition: dataDir is writable when databaseUrl is absent. */
export function openStorage(opts: StorageOptions): Storage {
  const onError = opts.onBackgroundError ?? (() => {});
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.pgSchema, onError);
  return openSqlite(opts.dataDir, onError);
}

function openSqlite(dataDir: string, onBackgroundError: (err: Error) => void): Storage {
  makeDataDir(dataDir);
  const file = join(dataDir, 'civdef.sqlite');
  const sqlite = new SQLite(file);
  // WAL with synchronous=FULL: an acknowledged write is on disk before we answer.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('wal_autocheckpoint = 0'); // the checkpointer thread does it, off the request path
  const checkpointer = startCheckpointer(file, (m) => onBackgroundError(new Error(`WAL checkpoint: ${m}`)));
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const committer = createGroupCommitter(db);
  return {
    db,
    dialect: 'sqlite',
    location: file,
    write: (work) => committer.run(work),
    close: async () => {
      await checkpointer.stop();
      await db.destroy();
    },
  };
}

function openPostgres(url: string, schema: string | undefined, onBackgroundError: (err: Error) => void): Storage {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client dropped by the server (a restart, pg_terminate_backend) must not crash the process;
  // the pool replaces it and the next query reports any real outage.
  pool.on('error', onBackgroundError);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // Group commit here too: event appends hold a lock until commit (it keeps seq order = commit order), so
  // one transaction per burst takes that lock once instead of once per writer.
  const committer = createGroupCommitter(db);
  return { db, dialect: 'postgres', location: redactUrl(url), write: (work) => committer.run(work), close: () => db.destroy() };
}

/** The URL with any password replaced, safe to print or log. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
