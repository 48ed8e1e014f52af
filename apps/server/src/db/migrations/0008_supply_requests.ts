import type { Kysely } from 'kysely';

/** Supply requests from the field: what a team asked for, and how the ops room answered (fulfilled or refused). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('supply_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull()) // JSON [{item, quantity}]
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('centre_id', 'text', (c) => c.references('centres.id'))
    .addColumn('incident_id', 'text', (c) => c.references('incidents.id'))
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('fulfilled_from_centre_id', 'text', (c) => c.references('centres.id'))
    .addColumn('sent', 'text', (c) => c.notNull()) // JSON [{item, quantity}] taken from the centre's stock
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supply_requests_status').on('supply_requests').columns(['status', 'created_at']).execute();
}
