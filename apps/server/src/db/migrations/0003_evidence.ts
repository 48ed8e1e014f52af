import type { Kysely } from 'kysely';
import type { Dialect } from '../connect.js';

/**
 * The evidence log: one leaf per event or media file, the full subtree hashes of its Merkle tree,
 * signed checkpoints, witness cosignatures, and the media files themselves (bytes on disk by SHA-256).
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const bytes = dialect === 'postgres' ? 'bytea' : 'blob';
  const bigint = dialect === 'postgres' ? 'bigint' : 'integer';

  await db.schema
    .createTable('evidence_leaves')
    .addColumn('idx', bigint, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull()) // event | media
    .addColumn('ref', 'text', (c) => c.notNull()) // the event id, or the media record id
    .addColumn('data', 'text', (c) => c.notNull()) // RFC 8785 canonical JSON: the exact bytes hashed
    .addColumn('hash', bytes, (c) => c.notNull()) // RFC 6962 leaf hash
    .execute();
  await db.schema.createIndex('evidence_leaves_ref').on('evidence_leaves').column('ref').execute();

  // Every full subtree: (level, idx) covers leaves [idx * 2^level, (idx + 1) * 2^level).
  await db.schema
    .createTable('evidence_nodes')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', bigint, (c) => c.notNull())
    .addColumn('hash', bytes, (c) => c.notNull())
    .addPrimaryKeyConstraint('evidence_nodes_pk', ['level', 'idx'])
    .execute();

  // One row: how many leaves have been hashed into evidence_nodes.
  await db.schema
    .createTable('evidence_tree')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('size', bigint, (c) => c.notNull())
    .execute();
  await db.insertInto('evidence_tree' as never).values({ id: 1, size: 0 } as never).execute();

  await db.schema
    .createTable('evidence_checkpoints')
    .addColumn('size', bigint, (c) => c.primaryKey())
    .addColumn('root', bytes, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('evidence_cosignatures')
    .addColumn('checkpoint_size', bigint, (c) => c.notNull())
    .addColumn('witness', 'text', (c) => c.notNull())
    .addColumn('line', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evidence_cosignatures_pk', ['checkpoint_size', 'witness'])
    .execute();

  await db.schema
    .createTable('media')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bytes', bigint, (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('filename', 'text')
    .addColumn('incident_id', 'text')
    .addColumn('captured_at', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('media_incident').on('media').column('incident_id').execute();

  // An upload: its bytes so far live in a part file named by its id (the file's size is the offset to resume at).
  await db.schema
    .createTable('media_uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meta', 'text', (c) => c.notNull()) // JSON: the capture metadata given at creation
    .addColumn('declared_bytes', bigint)
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('completed_media_id', 'text')
    .execute();
}
