// Big evidence trees for the proof benchmark, built fast instead of appended one leaf at a time: every full
// subtree hash computed level by level in memory (node:crypto) and inserted straight into evidence_nodes
// with prepared multi-row statements in big transactions (SQLite), or computed by PostgreSQL itself with its
// sha256() from the same leaf bytes (the roots must agree, which the bench checks).
import * as crypto from 'node:crypto';
import { rootAt, type NodeReader } from '@civdef/evidence';
import SQLite from 'better-sqlite3';
import pg from 'pg';

const HASH = 32;
type OneShot = (algorithm: string, data: Uint8Array, outputEncoding: 'buffer') => Buffer;
const hash = (crypto as unknown as { hash: OneShot }).hash;

/** The bytes of leaf i: short and distinct, the same text PostgreSQL builds in pgBuildTree. */
export const leafText = (i: number) => `civdef bench leaf ${i}`;

/** Full-subtree hashes of the tree of n leaves: levels[k] holds floor(n / 2^k) hashes of 32 bytes. */
export function buildLevels(n: number): Buffer[] {
  const leaves = Buffer.allocUnsafe(n * HASH);
  const scratch = Buffer.allocUnsafe(64);
  scratch[0] = 0;
  for (let i = 0; i < n; i++) {
    const len = scratch.write(leafText(i), 1, 'latin1');
    hash('sha256', scratch.subarray(0, 1 + len), 'buffer').copy(leaves, i * HASH);
  }
  const levels = [leaves];
  const pair = Buffer.allocUnsafe(1 + 2 * HASH);
  pair[0] = 1;
  for (let below = leaves; below.length >= 2 * HASH; ) {
    const count = Math.floor(below.length / (2 * HASH));
    const level = Buffer.allocUnsafe(count * HASH);
    for (let j = 0; j < count; j++) {
      below.copy(pair, 1, j * 2 * HASH, (j + 1) * 2 * HASH);
      hash('sha256', pair, 'buffer').copy(level, j * HASH);
    }
    levels.push(level);
    below = level;
  }
  return levels;
}

/** A node reader over buildLevels' output. */
export function memoryReader(levels: readonly Buffer[]): NodeReader {
  return {
    getNodes: async (ids) => ids.map(({ level, index }) => levels[level]!.subarray(index * HASH, (index + 1) * HASH)),
  };
}

/** The root of buildLevels' tree. */
export function levelsRoot(levels: readonly Buffer[], n: number): Promise<Uint8Array> {
  return rootAt(n, memoryReader(levels), (d) => hash('sha256', d, 'buffer'));
}

const ROWS_PER_STATEMENT = 100;
const ROWS_PER_TRANSACTION = 500_000;

/**
 * Inserts every level into a migrated SQLite file's evidence_nodes and marks n leaves integrated.
 * synchronous=OFF while building (a scratch file: durability of the build is not what is measured).
 */
export function sqliteInsertTree(file: string, levels: readonly Buffer[], n: number): void {
  const db = new SQLite(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    const values = Array.from({ length: ROWS_PER_STATEMENT }, () => '(?, ?, ?)').join(', ');
    const many = db.prepare(`insert into evidence_nodes (level, idx, hash) values ${values}`);
    const one = db.prepare('insert into evidence_nodes (level, idx, hash) values (?, ?, ?)');
    const insertRange = db.transaction((level: number, nodes: Buffer, from: number, to: number) => {
      let i = from;
      const params: (number | Buffer)[] = new Array(ROWS_PER_STATEMENT * 3);
      for (; i + ROWS_PER_STATEMENT <= to; i += ROWS_PER_STATEMENT) {
        for (let r = 0; r < ROWS_PER_STATEMENT; r++) {
          params[3 * r] = level;
          params[3 * r + 1] = i + r;
          params[3 * r + 2] = nodes.subarray((i + r) * HASH, (i + r + 1) * HASH);
        }
        many.run(params);
      }
      for (; i < to; i++) one.run(level, i, nodes.subarray(i * HASH, (i + 1) * HASH));
    });
    levels.forEach((nodes, level) => {
      const count = nodes.length / HASH;
      for (let from = 0; from < count; from += ROWS_PER_TRANSACTION) insertRange(level, nodes, from, Math.min(count, from + ROWS_PER_TRANSACTION));
    });
    db.prepare('update evidence_tree set size = ? where id = 1').run(n);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/**
 * Builds the tree of n leaves inside a migrated PostgreSQL database with sha256(): leaves from the same
 * text as leafText, then each level from the one below, pairing neighbours in index order.
 * synchronous_commit=off for the build session (a scratch database).
 */
export async function pgBuildTree(url: string, n: number): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('set synchronous_commit = off');
    const chunk = 1_000_000;
    for (let from = 0; from < n; from += chunk) {
      await c.query(
        `insert into evidence_nodes (level, idx, hash)
         select 0, g, sha256('\\x00'::bytea || convert_to('civdef bench leaf ' || g, 'UTF8')) from generate_series($1::bigint, $2::bigint) g`,
        [from, Math.min(n, from + chunk) - 1],
      );
    }
    for (let level = 1; n >> level > 0; level++) {
      await c.query(
        `insert into evidence_nodes (level, idx, hash)
         select $1::int, idx / 2, sha256('\\x01'::bytea || hash || next)
         from (select idx, hash, lead(hash) over (order by idx) as next from evidence_nodes where level = $2::int) s
         where idx % 2 = 0 and next is not null`,
        [level, level - 1],
      );
    }
    await c.query('update evidence_tree set size = $1 where id = 1', [n]);
    await c.query('analyze evidence_nodes');
  } finally {
    await c.end();
  }
}
