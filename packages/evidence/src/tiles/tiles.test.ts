import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes.js';
import { FormatError } from '../errors.js';
import { CompactRange } from '../merkle/compact-range.js';
import { leafHash } from '../merkle/hashing.js';
import { MemoryNodeStore } from '../test-support/memory-store.js';
import { makeEntries, refRoot } from '../test-support/reference.js';
import { encodeEntryBundle, parseEntryBundle } from './entry-bundle.js';
import { decodeTile, encodeTile, tileNodes, tileWidth, treeTiles } from './tile-nodes.js';
import { encodeTileIndex, entriesPath, parseTilePath, tilePath } from './tile-path.js';

describe('tile paths', () => {
  it('encodes indexes in x-prefixed 3-digit groups (the spec example 1234067)', () => {
    expect(encodeTileIndex(1234067)).toBe('x001/x234/067');
    expect(encodeTileIndex(0)).toBe('000');
    expect(encodeTileIndex(999)).toBe('999');
    expect(encodeTileIndex(1000)).toBe('x001/000');
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067');
    expect(tilePath({ level: 2, index: 5, width: 17 })).toBe('tile/2/005.p/17');
    expect(entriesPath({ index: 1234067, width: 112 })).toBe('tile/entries/x001/x234/067.p/112');
  });

  it('parses what it writes, for many indexes and widths', () => {
    for (const index of [0, 1, 999, 1000, 123456, 1234067, Number.MAX_SAFE_INTEGER]) {
      for (const width of [1, 128, 255, 256]) {
        const tile = { level: 3, index, width };
        expect(parseTilePath(tilePath(tile))).toEqual({ kind: 'tile', ...tile });
        expect(parseTilePath(`/${entriesPath({ index, width })}`)).toEqual({ kind: 'entries', index, width });
      }
    }
  });

  it('refuses malformed paths with FormatError', () => {
    const bad = [
      'tile/0/1',
      'tile/0/0001',
      'tile/0/x001',
      'tile/0/001/002',
      'tile/0/x000/001',
      'tile/00/001',
      'tile/64/001',
      'tile/-1/001',
      'tile/0/001.p/0',
      'tile/0/001.p/256',
      'tile/0/001.p/010',
      'tile/0/001.p/',
      'tile/0/001.q/5',
      'tiles/0/001',
      'tile/entries',
      'tile/entries/x1/001',
      'tile/0/x009/x007/x199/x254/x740/x991/001',
      'tile/0/../001',
      '',
    ];
    for (const path of bad) expect(() => parseTilePath(path), path).toThrow(FormatError);
  });
});

describe('tiles over the node store', () => {
  it('the spec example: a tree of 70,000 leaves has 273 full + 1 partial (112) level-0 tiles, 1 full + 1 partial (17) level-1, 1 partial (1) level-2', () => {
    const tiles = treeTiles(70_000);
    const at = (l: number): { width: number }[] => tiles.filter((t) => t.level === l);
    expect(at(0).filter((t) => t.width === 256)).toHaveLength(273);
    expect(at(0).filter((t) => t.width < 256).map((t) => t.width)).toEqual([112]);
    expect(at(1).map((t) => t.width)).toEqual([256, 17]);
    expect(at(2).map((t) => t.width)).toEqual([1]);
    expect(tiles).toHaveLength(277);
    // "a tree of size 256 will be represented by a full level 0 tile and a partial level 1 tile of width 1"
    expect(treeTiles(256)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 1, index: 0, width: 1 },
    ]);
    expect(tileWidth(0, 274, 70_000)).toBe(0);
  });

  it('a level-1 tile hash is the root of 256 leaves (MTH of D[i*256 : (i+1)*256])', async () => {
    const entries = makeEntries(600);
    const store = new MemoryNodeStore();
    const tree = CompactRange.empty();
    tree.appendAll(entries.map((e) => leafHash(e)), store.put);
    const level1 = await store.getNodes(tileNodes({ level: 1, index: 0, width: tileWidth(1, 0, 600) }));
    expect(level1).toHaveLength(2);
    expect(toHex(level1[1]!)).toBe(toHex(refRoot(entries.slice(256, 512))));
    const level0 = await store.getNodes(tileNodes({ level: 0, index: 2, width: tileWidth(0, 2, 600) }));
    expect(level0).toHaveLength(88);
    const body = encodeTile(level0);
    expect(body).toHaveLength(88 * 32);
    expect(decodeTile(body, 88).map(toHex)).toEqual(level0.map(toHex));
    expect(() => decodeTile(body, 87)).toThrow(FormatError);
  });
});

describe('entry bundles', () => {
  it('are big-endian uint16 length-prefixed entries and parse back', () => {
    const entries = [new Uint8Array(0), Uint8Array.of(0x61), new Uint8Array(300).fill(7), new Uint8Array(65535)];
    const body = encodeEntryBundle(entries);
    expect(toHex(body.slice(0, 5))).toBe('0000000161');
    expect(toHex(body.slice(5, 7))).toBe('012c');
    expect(parseEntryBundle(body, 4).map(toHex)).toEqual(entries.map(toHex));
  });

  it('refuses truncation, wrong counts and oversize entries', () => {
    const body = encodeEntryBundle([Uint8Array.of(1, 2, 3), Uint8Array.of(4)]);
    for (let cut = 1; cut < body.length; cut++) {
      if (cut === 5) continue; // a whole first entry: a valid one-entry bundle
      expect(() => parseEntryBundle(body.slice(0, cut)), `cut ${cut}`).toThrow(FormatError);
    }
    expect(() => parseEntryBundle(body.slice(0, 5), 2)).toThrow(FormatError);
    expect(() => encodeEntryBundle([new Uint8Array(65536)])).toThrow(FormatError);
    expect(() => encodeEntryBundle([])).toThrow(FormatError);
  });
});
