import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes.js';
import { CompactRange } from '../merkle/compact-range.js';
import { leafHash } from '../merkle/hashing.js';
import { consistencyProof, inclusionProof, rootAt } from '../merkle/proofs.js';
import { MemoryNodeStore } from '../test-support/memory-store.js';
import { makeEntries } from '../test-support/reference.js';
import { encodeTile, tileNodes } from './tile-nodes.js';
import { type TileId } from './tile-path.js';
import { tileNodeReader } from './tile-reader.js';

describe('proofs from tiles alone', () => {
  it('roots and proofs from tiles equal those from the node store (sizes around tile edges)', async () => {
    const entries = makeEntries(70_000);
    const store = new MemoryNodeStore();
    const tree = CompactRange.empty();
    tree.appendAll(entries.map((e) => leafHash(e)), store.put);
    let fetched: string[] = [];
    const fetchTile = async (tile: TileId): Promise<Uint8Array> => {
      fetched.push(`${tile.level}/${tile.index}/${tile.width}`);
      return encodeTile(await store.getNodes(tileNodes(tile)));
    };
    for (const size of [1, 255, 256, 257, 65_535, 65_536, 65_537, 70_000]) {
      fetched = [];
      const tiles = tileNodeReader(size, fetchTile);
      expect(toHex(await rootAt(size, tiles)), `root ${size}`).toBe(toHex(await rootAt(size, store)));
      for (const index of [0, 1, 255, 256, 40_000, size - 1].filter((i) => i < size)) {
        expect((await inclusionProof(index, size, tiles)).map(toHex)).toEqual((await inclusionProof(index, size, store)).map(toHex));
      }
      for (const from of [1, 256, 3_000, 65_536].filter((m) => m <= size)) {
        expect((await consistencyProof(from, size, tiles)).map(toHex)).toEqual((await consistencyProof(from, size, store)).map(toHex));
      }
      // Each tile is fetched once per reader, however many proofs use it.
      expect(fetched.length).toBeGreaterThan(0);
      expect(new Set(fetched).size).toBe(fetched.length);
    }
  }, 60_000);

  it('refuses a node the tree of that size does not have', async () => {
    const reader = tileNodeReader(300, async () => new Uint8Array(0));
    await expect(reader.getNodes([{ level: 0, index: 300 }])).rejects.toThrow(/not a full node/);
  });
});
