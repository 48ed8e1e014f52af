import { CivdefError } from '@civdef/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

export interface NodeId {
  level: number;
  index: number;
}

/** A subtree node missing from the store: the tree is damaged or the size is past what was integrated. */
export class MissingTreeNodeError extends CivdefError {
  readonly code = 'missing-tree-node';
  constructor(readonly level: number, readonly index: number) {
    super(`evidence tree node (level ${level}, index ${index}) is missing`);
  }
}

// Each id is two parameters; stay far below SQLite's and PostgreSQL's parameter limits.
const IDS_PER_QUERY = 400;

/**
 * Reads full-subtree hashes, in the order asked, in one query per few hundred ids.
 * Precondition: every id names a node of the integrated tree.
 */
export async function readNodes(db: Kysely<Database> | Transaction<Database>, ids: readonly NodeId[]): Promise<Uint8Array[]> {
  const found = new Map<string, Uint8Array>();
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const chunk = ids.slice(i, i + IDS_PER_QUERY);
    // A row-value IN over VALUES plans and runs faster than an OR of pairs on both databases (a proof is
    // ~20-50 ids; npm run bench:evidence). The casts type the parameters for PostgreSQL.
    const pairs = sql.join(chunk.map((n) => sql`(cast(${n.level} as integer), cast(${n.index} as bigint))`));
    const { rows } = await sql<{ level: number; idx: number; hash: Uint8Array }>`select level, idx, hash from evidence_nodes where (level, idx) in (values ${pairs})`.execute(db);
    for (const r of rows) found.set(`${r.level}/${Number(r.idx)}`, new Uint8Array(r.hash));
  }
  return ids.map((n) => {
    const hash = found.get(`${n.level}/${n.index}`);
    if (!hash) throw new MissingTreeNodeError(n.level, n.index);
    return hash;
  });
}

// Three parameters a row.
const NODES_PER_INSERT = 300;

/** Stores full-subtree hashes. Precondition: none of them is stored yet. */
export async function writeNodes(db: Transaction<Database>, nodes: readonly (NodeId & { hash: Uint8Array })[]): Promise<void> {
  for (let i = 0; i < nodes.length; i += NODES_PER_INSERT) {
    const rows = nodes.slice(i, i + NODES_PER_INSERT).map((n) => ({ level: n.level, idx: n.index, hash: n.hash }));
    await db.insertInto('evidence_nodes').values(rows).execute();
  }
}
