import { NotFoundError, ValidationError } from '@civdef/core';
import {
  consistencyProof,
  encodeEntryBundle,
  encodeTile,
  inclusionProof,
  signCheckpoint,
  tileNodes,
  tileWidth,
  TILE_WIDTH,
  type NodeReader,
  type SignerKey,
  type TileId,
} from '@civdef/evidence';
import type { Storage } from '../db/connect.js';
import { Integrator, type TreeHead } from './integrator.js';
import { nodeSha256 } from './node-sha256.js';
import { readNodes } from './node-store.js';

export interface CheckpointPolicy {
  /** Sign a new checkpoint at least this often while leaves arrive. */
  everySeconds: number;
  /** ... or as soon as this many leaves are integrated since the last one. */
  everyLeaves: number;
  /** Verifier keys of the witnesses whose cosignatures are accepted. */
  witnessKeys: readonly string[];
}

export interface StoredCheckpoint {
  size: number;
  root: Uint8Array;
  /** The signed note, witness cosignatures included. */
  note: string;
  created_at: string;
}

export interface Leaf {
  index: number;
  kind: 'event' | 'media';
  ref: string;
  /** The exact bytes hashed: RFC 8785 canonical JSON. */
  data: string;
  hash: Uint8Array;
}

/** The evidence log as the server runs it: integration, checkpoints and proofs over the stored tree. */
export class EvidenceLog {
  private readonly integrator: Integrator;
  private readonly reader: NodeReader;
  // A lower bound of the integrated size, learnt from the database.
  private knownIntegrated = 0;

  constructor(
    private readonly storage: Storage,
    private readonly signer: SignerKey,
    private readonly policy: CheckpointPolicy,
    private readonly now: () => Date,
  ) {
    this.integrator = new Integrator(storage);
    this.reader = { getNodes: (ids) => readNodes(storage.db, ids) };
  }

  /** The log's origin line (its signing key's name). */
  get origin(): string {
    return this.signer.name;
  }

  /** Verifier keys of the witnesses whose cosignatures are accepted. */
  get witnessKeys(): readonly string[] {
    return this.policy.witnessKeys;
  }

  /** The public key that verifies this log's checkpoints. */
  get verifierKey(): string {
    return this.signer.verifierKey;
  }

  /** Hashes pending leaves into the tree and signs a checkpoint when one is due (or `force`). */
  async sync(force = false): Promise<StoredCheckpoint> {
    const head = await this.integrator.integrateAll();
    const latest = await this.latestCheckpoint();
    if (latest && (latest.size === head.size || (!force && !this.isDue(latest, head)))) return latest;
    return this.sign(head);
  }

  private isDue(latest: StoredCheckpoint, head: TreeHead): boolean {
    if (head.size - latest.size >= this.policy.everyLeaves) return true;
    return this.now().getTime() - Date.parse(latest.created_at) >= this.policy.everySeconds * 1000;
  }

  private async sign(head: TreeHead): Promise<StoredCheckpoint> {
    const cp: StoredCheckpoint = {
      size: head.size,
      root: head.root,
      note: signCheckpoint({ origin: this.origin, size: head.size, root: head.root }, this.signer),
      created_at: this.now().toISOString(),
    };
    // Two nodes may sign the same size at once; the first one stored is the checkpoint.
    await this.storage.write((db) => db.insertInto('evidence_checkpoints').values(cp).onConflict((oc) => oc.column('size').doNothing()).execute());
    return (await this.checkpointAt(head.size))!;
  }

  /** The newest signed checkpoint, or undefined before the first. */
  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    const row = await this.storage.db.selectFrom('evidence_checkpoints').selectAll().orderBy('size', 'desc').limit(1).executeTakeFirst();
    return row && checkpointFromRow(row);
  }

  /** The checkpoint signed at exactly `size` leaves, if any. */
  async checkpointAt(size: number): Promise<StoredCheckpoint | undefined> {
    const row = await this.storage.db.selectFrom('evidence_checkpoints').selectAll().where('size', '=', size).executeTakeFirst();
    return row && checkpointFromRow(row);
  }

  /** Number of leaves hashed into the stored tree: proofs may be asked up to this size. */
  async integratedSize(): Promise<number> {
    const row = await this.storage.db.selectFrom('evidence_tree').select('size').where('id', '=', 1).executeTakeFirstOrThrow();
    return Number(row.size);
  }

  /** One leaf by index. Throws NotFoundError past the end of the log. */
  async leaf(index: number): Promise<Leaf> {
    const row = await this.storage.db.selectFrom('evidence_leaves').selectAll().where('idx', '=', index).executeTakeFirst();
    if (!row) throw new NotFoundError('evidence leaf', String(index));
    return { index: Number(row.idx), kind: row.kind, ref: row.ref, data: row.data, hash: new Uint8Array(row.hash) };
  }

  /** The leaves recording these events or media ids, in log order. */
  async leavesFor(refs: readonly string[]): Promise<Leaf[]> {
    if (refs.length === 0) return [];
    const rows = await this.storage.db.selectFrom('evidence_leaves').selectAll().where('ref', 'in', refs).orderBy('idx').execute();
    return rows.map((row) => ({ index: Number(row.idx), kind: row.kind, ref: row.ref, data: row.data, hash: new Uint8Array(row.hash) }));
  }

  /** Inclusion proof of leaf `index` in the tree of `size` leaves. Precondition: integers >= 0. */
  async inclusionProof(index: number, size: number): Promise<Uint8Array[]> {
    await this.assertIntegrated('size', size);
    if (index >= size) throw new ValidationError([{ path: 'index', message: `must be below size (${size})` }], 'query');
    return inclusionProof(index, size, this.reader, nodeSha256);
  }

  /** Consistency proof from the tree of `from` leaves to the tree of `to` leaves. Precondition: integers >= 0. */
  async consistencyProof(from: number, to: number): Promise<Uint8Array[]> {
    await this.assertIntegrated('to', to);
    if (from > to) throw new ValidationError([{ path: 'from', message: `must not exceed to (${to})` }], 'query');
    if (from === 0) throw new ValidationError([{ path: 'from', message: 'must be at least 1: every tree is consistent with the empty one' }], 'query');
    return consistencyProof(from, to, this.reader, nodeSha256);
  }

  /**
   * A C2SP tlog-tiles hash tile: the integrated tree must already hold all `width` of its hashes.
   * Throws NotFoundError for a tile (or a width) the tree does not have yet.
   */
  async tile(tile: TileId): Promise<Uint8Array> {
    if (tile.width > tileWidth(tile.level, tile.index, await this.integratedSize())) throw new NotFoundError('tile', `${tile.level}/${tile.index}/${tile.width}`);
    return encodeTile(await readNodes(this.storage.db, tileNodes(tile)));
  }

  /** A C2SP tlog-tiles entry bundle: the data of leaves index*256 .. index*256+width-1. Throws NotFoundError past the end. */
  async entryBundle(index: number, width: number): Promise<Uint8Array> {
    const first = index * TILE_WIDTH;
    if (first + width > (await this.integratedSize())) throw new NotFoundError('entry bundle', `${index}/${width}`);
    const rows = await this.storage.db
      .selectFrom('evidence_leaves')
      .select('data')
      .where('idx', '>=', first)
      .where('idx', '<', first + width)
      .orderBy('idx')
      .execute();
    return encodeEntryBundle(rows.map((r) => Buffer.from(r.data, 'utf8')));
  }

  private async assertIntegrated(name: string, size: number): Promise<void> {
    // The tree only grows: a size already seen integrated needs no query (one round trip less per proof).
    if (size <= this.knownIntegrated) return;
    const integrated = await this.integratedSize();
    this.knownIntegrated = Math.max(this.knownIntegrated, integrated);
    if (size > integrated) {
      throw new ValidationError([{ path: name, message: `the log holds ${integrated} integrated leaves; ask for a size up to that (see the checkpoint)` }], 'query');
    }
  }
}

function checkpointFromRow(row: { size: number; root: Uint8Array; note: string; created_at: string }): StoredCheckpoint {
  return { size: Number(row.size), root: new Uint8Array(row.root), note: row.note, created_at: row.created_at };
}
