// Answers node reads from tlog tiles, so a mirror of static tile files is enough to compute any proof
// or root: node (l, i) lies in tile level floor(l/8); below a tile's own level it is the root of the
// 2^(l mod 8) tile hashes under it.
import { FormatError } from '../errors.js';
import { type NodeId } from '../merkle/nodes.js';
import { type NodeReader } from '../merkle/proofs.js';
import { rootOfLeafHashes } from '../merkle/root.js';
import { type Sha256, sha256 as defaultSha256 } from '../merkle/sha256.js';
import { decodeTile, tileWidth } from './tile-nodes.js';
import { type TileId, TILE_HEIGHT, TILE_WIDTH } from './tile-path.js';

/** Fetches a tile's body (e.g. GET <prefix>/tile/...); the width says whether to ask for a partial tile. */
export type TileFetcher = (tile: TileId) => Promise<Uint8Array>;

/** A NodeReader over the tiles of a tree of `size` leaves (a checkpoint's size); fetches each tile once. */
export function tileNodeReader(size: number, fetchTile: TileFetcher, sha256: Sha256 = defaultSha256): NodeReader {
  const cache = new Map<string, Promise<Uint8Array[]>>();
  const tileHashes = (tile: TileId): Promise<Uint8Array[]> => {
    const key = `${tile.level}/${tile.index}/${tile.width}`;
    let hashes = cache.get(key);
    if (!hashes) {
      hashes = fetchTile(tile).then((body) => decodeTile(body, tile.width));
      cache.set(key, hashes);
    }
    return hashes;
  };
  const node = async ({ level, index }: NodeId): Promise<Uint8Array> => {
    const tileLevel = Math.floor(level / TILE_HEIGHT);
    const span = 2 ** (level % TILE_HEIGHT); // tile hashes under this node
    const first = index * span; // position among the hashes at tree level 8 * tileLevel
    const tileIndex = Math.floor(first / TILE_WIDTH);
    const width = tileWidth(tileLevel, tileIndex, size);
    const offset = first - tileIndex * TILE_WIDTH;
    if (offset + span > width) throw new FormatError('tile', `node ${level}/${index} is not a full node of a tree of ${size} leaves`);
    const hashes = await tileHashes({ level: tileLevel, index: tileIndex, width });
    return span === 1 ? hashes[offset]! : rootOfLeafHashes(hashes.slice(offset, offset + span), sha256);
  };
  return { getNodes: (ids) => Promise.all(ids.map(node)) };
}
