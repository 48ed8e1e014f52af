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
  let result: MigrationResultSet = await migrator.migrateToLatest();
  // Before it starts, Kysely's migrator lists the tables of every schema in the database; a schema someone else
  // drops at that moment (another deployment sharing the database, a parallel test file) fails the listing with
  // "schema ... does not exist" before any step runs. Nothing was applied, so listing again is safe.
  for (let attempt = 1; attempt < 10 && result.error && !result.results?.length && otherSchemaGone(result.error, schema); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    result = await migrator.migrateToLatest();
  }
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new MigrationError(failed?.migrationName, result.error);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** PostgreSQL's invalid_schema_name (3F000) naming a schema that is not ours. */
function otherSchemaGone(err: unknown, ours: string | undefined): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return e.code === '3F000' && typeof e.message === 'string' && (ours === undefined || !e.message.includes(`"${ours}"`));
}
