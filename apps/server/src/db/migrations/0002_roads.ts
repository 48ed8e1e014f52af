import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connect.js';

/** Road closures and slowdowns reported from the field, replayed onto the road graph at every start. */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('closures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('factor', 'double precision')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('until', 'text')
    .addColumn('profile', 'text')
    .addColumn('graph_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('lifted_at', 'text')
    .addColumn('lifted_by', 'text')
    .execute();
  // Start-up replays, and the expiry sweep reads, only the active ones.
  await db.schema.createIndex('closures_active').on('closures').column('until').where(sql.ref('lifted_at'), 'is', null).execute();
}
