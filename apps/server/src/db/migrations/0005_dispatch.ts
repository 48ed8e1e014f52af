import type { Kysely } from 'kysely';
import type { Dialect } from '../connect.js';

/**
 * Dispatch: what an incident needs (people trapped, casualties), when a unit's position was last reported
 * (to estimate it along its route after), further reports merged into an open incident, and each centre's
 * auto-dispatch policy.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('incidents').addColumn('people_trapped', 'integer').execute();
  await db.schema.alterTable('incidents').addColumn('casualties', 'integer').execute();
  // Merging looks for open incidents of one kind near a time; strike hazards for strikes since a time.
  await db.schema.createIndex('incidents_kind_time').on('incidents').columns(['kind', 'occurred_at']).execute();

  await db.schema.alterTable('units').addColumn('position_at', 'text').execute();

  await db.schema
    .createTable('incident_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('severity', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reporter', 'text')
    .addColumn('description', 'text')
    .addColumn('people_trapped', 'integer')
    .addColumn('casualties', 'integer')
    .addColumn('distance_m', 'double precision', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('split_at', 'text')
    .addColumn('split_by', 'text')
    .execute();
  await db.schema.createIndex('incident_reports_incident').on('incident_reports').column('incident_id').execute();

  await db.schema
    .createTable('dispatch_policies')
    .addColumn('centre_id', 'text', (c) => c.primaryKey().references('centres.id'))
    .addColumn('auto_dispatch', 'integer', (c) => c.notNull()) // 0 or 1 on both dialects
    .addColumn('max_units', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
}
