import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes.js';
import { ProofShapeError } from '../errors.js';
import { MemoryNodeStore } from '../test-support/memory-store.js';
import { makeEntries, refRoot } from '../test-support/reference.js';
import { CompactRange } from './compact-range.js';
import { leafHash } from './hashing.js';
import { rootNodes } from './nodes.js';
import { rootAt } from './proofs.js';

describe('CompactRange', () => {
  it('matches the reference root after every append, sizes 0..64', () => {
    const entries = makeEntries(64);
    const tree = CompactRange.empty();
    expect(toHex(tree.root())).toBe(toHex(refRoot([])));
    entries.forEach((e, i) => {
      tree.append(leafHash(e));
      expect(tree.size).toBe(i + 1);
      expect(toHex(tree.root())).toBe(toHex(refRoot(entries.slice(0, i + 1))));
    });
  });

  it('reports each full node exactly once, and they are the subtree roots of the reference', () => {
    const entries = makeEntries(40);
    const seen = new Map<string, string>();
    const tree = CompactRange.empty();
    tree.appendAll(
      entries.map((e) => leafHash(e)),
      (level, index, hash) => {
        const key = `${level}/${index}`;
        expect(seen.has(key)).toBe(false);
        seen.set(key, toHex(hash));
      },
    );
    // 40 leaves hold 40 + 20 + 10 + 5 + 2 + 1 full nodes.
    expect(seen.size).toBe(78);
    for (const [key, hash] of seen) {
      const [level, index] = key.split('/').map(Number) as [number, number];
      const width = 2 ** level;
      expect(hash, key).toBe(toHex(refRoot(entries.slice(index * width, (index + 1) * width))));
    }
  });

  it('property: random sizes, restored from rootNodes, keeps agreeing with the reference', async () => {
    const entries = makeEntries(700);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 200 }), async (cut, more) => {
        const store = new MemoryNodeStore();
        const first = CompactRange.empty();
        first.appendAll(entries.slice(0, cut).map((e) => leafHash(e)), store.put);
        const edge = await store.getNodes(rootNodes(cut).nodes);
        expect(edge.map(toHex)).toEqual(first.edgeHashes().map(toHex));
        const restored = CompactRange.fromNodes(cut, edge);
        restored.appendAll(entries.slice(cut, cut + more).map((e) => leafHash(e)), store.put);
        const n = cut + more;
        const expected = toHex(refRoot(entries.slice(0, n)));
        expect(toHex(restored.root())).toBe(expected);
        expect(toHex(await rootAt(n, store))).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a wrong number of edge hashes or a bad leaf hash', () => {
    expect(() => CompactRange.fromNodes(5, [new Uint8Array(32)])).toThrow(ProofShapeError);
    expect(() => CompactRange.empty().append(new Uint8Array(31))).toThrow(ProofShapeError);
  });

  it('uses the injected hash function', () => {
    let calls = 0;
    const tree = CompactRange.empty((data) => {
      calls++;
      return leafHash(data).slice(0, 32);
    });
    for (let i = 0; i < 8; i++) tree.append(new Uint8Array(32).fill(i));
    expect(calls).toBe(7);
  });
});
