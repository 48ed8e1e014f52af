import { CivdefError } from '@civdef/core';
import { CompactRange, rootNodes } from '@civdef/evidence';
import { sql } from 'kysely';
import type { Storage } from '../db/connect.js';
import { nodeSha256 } from './node-sha256.js';
import { readNodes, writeNodes, type NodeId } from './node-store.js';

// Any constant works; it names the lock that keeps two server nodes from integrating the same leaves.
const INTEGRATE_LOCK = 0x63697665;
const MAX_BATCH = 20_000;

/** The stored leaves skip an index: the log is damaged and must not be extended past the hole. */
export class LeafGapError extends CivdefError {
  readonly code = 'evidence-leaf-gap';
  constructor(readonly expected: number, readonly found: number) {
    super(`evidence leaf ${expected} is missing (the next stored leaf is ${found})`);
  }
}

export interface TreeHead {
  size: number;
  root: Uint8Array;
}

/**
 * Hashes appended leaves into the stored tree, in batches, after they commit: appends in request
 * transactions cost one SHA-256 each, and a burst of reports shares the work of the tree above them.
 */
export class Integrator {
  // The right edge of the integrated tree, kept between batches so a batch reads nothing but its leaves.
  private edge: CompactRange | undefined;
  // One batch at a time in this process: two would hash the same leaves.
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly storage: Storage) {}

  /** Integrates up to one batch of pending leaves; returns the tree head after it. */
  integrateBatch(): Promise<TreeHead & { added: number }> {
    const next = this.running.then(() => this.runBatch());
    this.running = next.catch(() => undefined);
    return next;
  }

  private async runBatch(): Promise<TreeHead & { added: number }> {
    try {
      return await this.storage.write(async (db) => {
        if (this.storage.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${INTEGRATE_LOCK})`.execute(db);
        const { size } = await db.selectFrom('evidence_tree').select('size').where('id', '=', 1).executeTakeFirstOrThrow();
        const from = Number(size);
        const leaves = await db
          .selectFrom('evidence_leaves')
          .select(['idx', 'hash'])
          .where('idx', '>=', from)
          .orderBy('idx')
          .limit(MAX_BATCH)
          .execute();
        let edge = this.edge;
        if (!edge || edge.size !== from) {
          edge = CompactRange.fromNodes(from, await readNodes(db, rootNodes(from).nodes), nodeSha256);
        }
        this.edge = undefined; // until this batch commits
        if (leaves.length === 0) {
          this.edge = edge;
          return { size: from, root: edge.root(), added: 0 };
        }
        const nodes: (NodeId & { hash: Uint8Array })[] = [];
        for (const leaf of leaves) {
          if (Number(leaf.idx) !== edge.size) throw new LeafGapError(edge.size, Number(leaf.idx));
          edge.append(new Uint8Array(leaf.hash), (level, index, hash) => nodes.push({ level, index, hash }));
        }
        await writeNodes(db, nodes);
        await db.updateTable('evidence_tree').set({ size: edge.size }).where('id', '=', 1).execute();
        const head = { size: edge.size, root: edge.root(), added: leaves.length };
        this.edge = edge;
        return head;
      });
    } catch (err) {
      this.edge = undefined;
      throw err;
    }
  }

  /** Integrates every leaf committed so far; returns the tree head. */
  async integrateAll(): Promise<TreeHead> {
    for (;;) {
      const head = await this.integrateBatch();
      if (head.added < MAX_BATCH) return { size: head.size, root: head.root };
    }
  }
}
