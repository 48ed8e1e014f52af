import type { Kysely } from 'kysely';

/**
 * Incidents by kind and latitude: merging a new report looks for open incidents of its kind within a few hundred
 * metres, and on a heavy day the time index alone would hand it every incident of the hour to filter.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('incidents_kind_lat').on('incidents').columns(['kind', 'lat']).execute();
}
