import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { Storage } from './connect.js';
import { MigrationError } from './migration-error.js';
import { MIGRATIONS } from './migrations/index.js';

/** Brings the schema up to date; returns the names applied now. Safe to call on every start. */
export async function migrateToLatest(storage: Storage): Promise<string[]> {
  const migrations: Record<string, Migration> = {};
  for (const step of MIGRATIONS) {
    migrations[step.name] = { up: (db: Kysely<unknown>) => step.up(db, storage.dialect) };
  }
  // On PostgreSQL, Kysely looks for its own bookkeeping tables in every schema unless told which one; another
  // schema's tables (a second deployment, a parallel test) would then hide ours. Name the schema in use.
  const schema =
    storage.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(storage.db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db: storage.db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new MigrationError(failed?.migrationName, result.error);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
