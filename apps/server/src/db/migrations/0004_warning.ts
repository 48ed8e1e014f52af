import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connect.js';

/**
 * Early warning: imported zones and strike history (with a record of each import), spotters' sightings,
 * alerts with their current zones, and every CAP message each alert published.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  // One row per import: the newest id tells a running server that its zones or prior are out of date.
  await db.schema
    .createTable('warning_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull()) // zones | history
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('skipped', 'text', (c) => c.notNull()) // JSON: [{line, reason}]
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('warning_imports_sha256').on('warning_imports').columns(['kind', 'sha256']).execute();

  await db.schema
    .createTable('zones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('name_ar', 'text')
    .addColumn('geometry', 'text', (c) => c.notNull()) // GeoJSON MultiPolygon
    .execute();

  await db.schema
    .createTable('strike_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('kind', 'text')
    .addColumn('killed', 'integer')
    .addColumn('injured', 'integer')
    .execute();

  await db.schema
    .createTable('sightings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('aircraft', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull()) // JSON: the sighting as sent (validated)
    .addColumn('reported_by', 'text', (c) => c.notNull())
    .execute();
  // A restart replays the last minutes of sightings in the order they were received.
  await db.schema.createIndex('sightings_received').on('sightings').columns(['received_at', 'id']).execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('track_id', 'text', (c) => c.notNull())
    .addColumn('aircraft', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // in-force | cancelled
    .addColumn('zones', 'text', (c) => c.notNull()) // JSON: the zones warned now ([] once cancelled)
    .addColumn('previous_zones', 'text') // JSON: on cancel, the zones that were warned
    .addColumn('reason', 'text')
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .addColumn('messages', 'integer', (c) => c.notNull())
    .execute();
  // One alert in force per track: the engine's own rule, kept by the database too.
  await db.schema
    .createIndex('alerts_one_in_force_per_track')
    .on('alerts')
    .column('track_id')
    .unique()
    .where(sql.ref('state'), '=', 'in-force')
    .execute();
  await db.schema.createIndex('alerts_state').on('alerts').columns(['state', 'issued_at']).execute();

  await db.schema
    .createTable('alert_messages')
    .addColumn('alert_id', 'text', (c) => c.notNull().references('alerts.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('cap', 'text', (c) => c.notNull()) // the CAP 1.2 XML exactly as published
    .addPrimaryKeyConstraint('alert_messages_pk', ['alert_id', 'seq'])
    .execute();
}
