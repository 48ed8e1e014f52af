// C2SP tlog-tiles paths (c2sp.org/tlog-tiles): tile/<L>/<N>[.p/<W>] and tile/entries/<N>[.p/<W>], where N
// is written in 3-digit groups, every group but the last prefixed with "x" (1234067 -> x001/x234/067).
import { FormatError } from '../errors.js';

/** Hashes in a full tile: tiles are subtrees of height 8. */
export const TILE_WIDTH = 256;
/** Tree levels spanned by one tile level. */
export const TILE_HEIGHT = 8;

/** A tile of node hashes: tile level L holds tree level 8L. Width 256 is a full tile, 1..255 a partial one. */
export interface TileId {
  readonly level: number;
  readonly index: number;
  readonly width: number;
}

/** A parsed tile path: a hash tile, or an entry bundle (which has no level). */
export type TilePath = ({ readonly kind: 'tile' } & TileId) | { readonly kind: 'entries'; readonly index: number; readonly width: number };

/** N in x-prefixed 3-digit groups; n is a safe non-negative integer. */
export function encodeTileIndex(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new FormatError('tile path', `tile index ${n} is not a count`);
  let digits = String(n);
  digits = digits.padStart(Math.ceil(digits.length / 3) * 3, '0');
  const groups: string[] = [];
  for (let i = 0; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3));
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

function suffix(width: number): string {
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) throw new FormatError('tile path', `tile width ${width} is not 1..256`);
  return width === TILE_WIDTH ? '' : `.p/${width}`;
}

/** "tile/<L>/<N>[.p/<W>]"; level 0..63, width 1..256 (256 = full, no suffix). */
export function tilePath(tile: TileId): string {
  if (!Number.isInteger(tile.level) || tile.level < 0 || tile.level > 63) throw new FormatError('tile path', `tile level ${tile.level} is not 0..63`);
  return `tile/${tile.level}/${encodeTileIndex(tile.index)}${suffix(tile.width)}`;
}

/** "tile/entries/<N>[.p/<W>]"; width 1..256 (256 = full). */
export function entriesPath(bundle: { index: number; width: number }): string {
  return `tile/entries/${encodeTileIndex(bundle.index)}${suffix(bundle.width)}`;
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** Parses a tile or entry-bundle path (an optional leading "/" is allowed); throws FormatError on any other spelling. */
export function parseTilePath(path: string): TilePath {
  const fail = (reason: string): never => {
    throw new FormatError('tile path', `${JSON.stringify(path)}: ${reason}`);
  };
  const parts = (path.startsWith('/') ? path.slice(1) : path).split('/');
  if (parts[0] !== 'tile' || parts.length < 3) fail('expected tile/<L>/<N> or tile/entries/<N>');
  const head = parts[1]!;
  let rest = parts.slice(2);
  let width = TILE_WIDTH;
  const last = rest[rest.length - 1]!;
  if (rest.length >= 2 && rest[rest.length - 2]!.endsWith('.p')) {
    if (!DECIMAL.test(last)) fail('partial width is not a decimal without leading zeros');
    width = Number(last);
    if (width < 1 || width > 255) fail('partial width must be 1..255');
    rest = rest.slice(0, -1);
    rest[rest.length - 1] = rest[rest.length - 1]!.slice(0, -2);
  }
  let digits = '';
  rest.forEach((group, i) => {
    const final = i === rest.length - 1;
    if (final ? !/^[0-9]{3}$/.test(group) : !/^x[0-9]{3}$/.test(group)) fail(`index element ${JSON.stringify(group)} is not ${final ? 'NNN' : 'xNNN'}`);
    digits += final ? group : group.slice(1);
  });
  // The canonical spelling has no all-zero leading group: x000/001 is another name for 001.
  if (rest.length > 1 && rest[0] === 'x000') fail('index has a leading zero group');
  const index = Number(digits);
  if (!Number.isSafeInteger(index)) fail('index is beyond 2^53-1');
  if (head === 'entries') return { kind: 'entries', index, width };
  if (!DECIMAL.test(head) || Number(head) > 63) fail('level must be 0..63 without leading zeros');
  return { kind: 'tile', level: Number(head), index, width };
}
