// Which stored nodes a tile holds, and which tiles a tree of a given size has. Tile (L, N) holds the full
// nodes at tree level 8L with indexes N*256 .. N*256+W-1 (c2sp.org/tlog-tiles: MTH of 256^L leaves each).
import { FormatError } from '../errors.js';
import { type NodeId } from '../merkle/nodes.js';
import { HASH_SIZE } from '../merkle/sha256.js';
import { type TileId, TILE_HEIGHT, TILE_WIDTH } from './tile-path.js';

/** The node ids a tile holds, left to right. */
export function tileNodes(tile: TileId): NodeId[] {
  const level = tile.level * TILE_HEIGHT;
  return Array.from({ length: tile.width }, (_, i) => ({ level, index: tile.index * TILE_WIDTH + i }));
}

/**
 * Width of tile (level, index) in a tree of `size` leaves: 256 when full, 1..255 when it is the partial
 * tile at the right edge, 0 when the tree has no such tile.
 */
export function tileWidth(level: number, index: number, size: number): number {
  const nodes = Math.floor(size / TILE_WIDTH ** level); // full nodes at tree level 8*level
  const start = index * TILE_WIDTH;
  if (nodes >= start + TILE_WIDTH) return TILE_WIDTH;
  return Math.max(0, nodes - start);
}

/** Every tile (full and partial) of a tree of `size` leaves, level by level. */
export function treeTiles(size: number): TileId[] {
  const out: TileId[] = [];
  for (let level = 0; Math.floor(size / TILE_WIDTH ** level) > 0; level++) {
    const nodes = Math.floor(size / TILE_WIDTH ** level);
    for (let index = 0; index * TILE_WIDTH < nodes; index++) out.push({ level, index, width: tileWidth(level, index, size) });
  }
  return out;
}

/** A tile's body: its hashes concatenated. */
export function encodeTile(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length < 1 || hashes.length > TILE_WIDTH) throw new FormatError('tile', `a tile holds 1..256 hashes, not ${hashes.length}`);
  const out = new Uint8Array(hashes.length * HASH_SIZE);
  hashes.forEach((h, i) => {
    if (h.length !== HASH_SIZE) throw new FormatError('tile', `hash ${i} is not 32 bytes`);
    out.set(h, i * HASH_SIZE);
  });
  return out;
}

/** Splits a tile body of `width` hashes; throws FormatError if its length is not width * 32. */
export function decodeTile(body: Uint8Array, width: number): Uint8Array[] {
  if (body.length !== width * HASH_SIZE) throw new FormatError('tile', `expected ${width * HASH_SIZE} bytes for ${width} hashes, got ${body.length}`);
  return Array.from({ length: width }, (_, i) => body.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE));
}
