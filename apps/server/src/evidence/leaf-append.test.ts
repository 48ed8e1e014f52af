import { canonicalJson, leafHash, rootOfLeafHashes, toHex, utf8 } from '@civdef/evidence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { openTestStorage } from '../test-support/harness.js';
import { Integrator } from './integrator.js';
import { appendLeaf, appendLeaves, lockLogForAppend, type LeafInput } from './leaf-append.js';

let storage: Storage;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ storage, cleanup } = await openTestStorage());
  await migrateToLatest(storage);
});
afterAll(() => cleanup());

const leaves = (from: number, n: number): LeafInput[] =>
  Array.from({ length: n }, (_, i) => ({ kind: 'event', ref: `ev-${from + i}`, record: { n: from + i, b: 'é', a: [1, 2] } }));

describe('appendLeaves', () => {
  it('numbers a batch gaplessly after what is stored, stores canonical JSON and RFC 6962 leaf hashes, and the integrated root matches', async () => {
    const first = await storage.write(async (db) => {
      await lockLogForAppend(db, storage.dialect);
      return appendLeaf(db, leaves(0, 1)[0]!);
    });
    expect(first).toBe(0);
    // 1,234 crosses the per-statement chunk boundary twice.
    const second = await storage.write(async (db) => {
      await lockLogForAppend(db, storage.dialect);
      return appendLeaves(db, leaves(1, 1234));
    });
    expect(second).toBe(1);
    // A rolled-back batch frees its numbers.
    await expect(
      storage.write(async (db) => {
        await lockLogForAppend(db, storage.dialect);
        await appendLeaves(db, leaves(9000, 10));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const third = await storage.write(async (db) => {
      await lockLogForAppend(db, storage.dialect);
      return appendLeaves(db, leaves(1235, 5));
    });
    expect(third).toBe(1235);
    // The single-leaf statement reads the index inside its insert: it follows the batches, and a rolled-back one frees it.
    await expect(
      storage.write(async (db) => {
        await lockLogForAppend(db, storage.dialect);
        await appendLeaf(db, leaves(9100, 1)[0]!);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const fourth = await storage.write(async (db) => {
      await lockLogForAppend(db, storage.dialect);
      return [await appendLeaf(db, leaves(1240, 1)[0]!), await appendLeaf(db, leaves(1241, 1)[0]!)];
    });
    expect(fourth).toEqual([1240, 1241]);

    const rows = await storage.db.selectFrom('evidence_leaves').selectAll().orderBy('idx').execute();
    expect(rows.map((r) => Number(r.idx))).toEqual(Array.from({ length: 1242 }, (_, i) => i));
    expect(rows.map((r) => r.ref)).toEqual(Array.from({ length: 1242 }, (_, i) => `ev-${i}`));
    const expected = leaves(0, 1242).map((l) => utf8(canonicalJson(l.record)));
    rows.forEach((r, i) => {
      expect(r.data).toBe(canonicalJson(leaves(i, 1)[0]!.record));
      expect(toHex(new Uint8Array(r.hash))).toBe(toHex(leafHash(expected[i]!)));
    });
    const head = await new Integrator(storage).integrateAll();
    expect(head.size).toBe(1242);
    expect(toHex(head.root)).toBe(toHex(rootOfLeafHashes(expected.map((d) => leafHash(d)))));
  });
});
