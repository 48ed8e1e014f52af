import { canonicalJson } from '@civdef/evidence';
import { sql, type Transaction } from 'kysely';
import type { Dialect } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { nodeLeafHash } from './node-sha256.js';

// Any constant works; it names the lock that orders event and leaf appends on PostgreSQL.
const LOG_LOCK = 0x63697664;

// Five parameters a row: 2,500 per statement, far below SQLite's (32,766) and PostgreSQL's (65,535) limits.
const LEAVES_PER_INSERT = 500;

/**
 * Takes the append lock on PostgreSQL (held to commit), so sequence numbers and leaf indexes commit in
 * the order they were handed out. SQLite has one writer at a time already.
 * Precondition: called inside a write transaction; cheap to call again.
 */
export async function lockLogForAppend(db: Transaction<Database>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${LOG_LOCK})`.execute(db);
}

export interface LeafInput {
  kind: 'event' | 'media';
  /** The event id or media id this leaf records. */
  ref: string;
  /** The record; its RFC 8785 canonical JSON is the leaf's data. */
  record: unknown;
}

/** A leaf's stored data (its record's RFC 8785 canonical JSON) and its RFC 6962 leaf hash. */
function leafContent(leaf: LeafInput): { data: string; hash: Uint8Array } {
  const data = canonicalJson(leaf.record);
  return { data, hash: nodeLeafHash(Buffer.from(data, 'utf8')) };
}

/**
 * Appends one leaf to the evidence log in the caller's transaction and returns its index.
 * Precondition: the caller holds the append lock (lockLogForAppend) in this transaction.
 */
export async function appendLeaf(db: Transaction<Database>, leaf: LeafInput): Promise<number> {
  const { data, hash } = leafContent(leaf);
  // One statement: the index is read and used in the same insert (every event pays this, so it is the hot path).
  // In VALUES, PostgreSQL types each parameter by its column, so the same text serves both dialects.
  const { rows } = await sql<{ idx: number | string }>`insert into evidence_leaves (idx, kind, ref, data, hash)
    values ((select coalesce(max(idx), -1) + 1 from evidence_leaves), ${leaf.kind}, ${leaf.ref}, ${data}, ${hash})
    returning idx`.execute(db);
  return Number(rows[0]!.idx);
}

/**
 * Appends leaves, in order, in the caller's transaction with one index read and multi-row inserts;
 * returns the index of the first (the rest follow it without gaps).
 * Precondition: the caller holds the append lock (lockLogForAppend) in this transaction; leaves is not empty.
 */
export async function appendLeaves(db: Transaction<Database>, leaves: readonly LeafInput[]): Promise<number> {
  // Serialised and hashed before the index is read: the work that needs no number is done first.
  const rows = leaves.map((leaf) => ({ idx: 0, kind: leaf.kind, ref: leaf.ref, ...leafContent(leaf) }));
  // max(idx)+1 under the append lock: the index is gapless, and a rolled-back append frees its numbers.
  const last = await db.selectFrom('evidence_leaves').select((eb) => eb.fn.max('idx').as('idx')).executeTakeFirst();
  const first = last?.idx === undefined || last.idx === null ? 0 : Number(last.idx) + 1;
  rows.forEach((row, i) => (row.idx = first + i));
  for (let i = 0; i < rows.length; i += LEAVES_PER_INSERT) {
    await db.insertInto('evidence_leaves').values(rows.slice(i, i + LEAVES_PER_INSERT)).execute();
  }
  return first;
}
