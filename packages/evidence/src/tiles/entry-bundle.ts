// Entry bundles (c2sp.org/tlog-tiles): the entries of a level-0 tile, each prefixed by its length as a
// big-endian uint16.
import { FormatError } from '../errors.js';
import { TILE_WIDTH } from './tile-path.js';

/** Largest entry a bundle can carry. */
export const MAX_ENTRY_BYTES = 0xffff;

/** Encodes 1..256 entries of at most 65,535 bytes each. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (entries.length < 1 || entries.length > TILE_WIDTH) throw new FormatError('entry bundle', `a bundle holds 1..256 entries, not ${entries.length}`);
  let length = 0;
  entries.forEach((e, i) => {
    if (e.length > MAX_ENTRY_BYTES) throw new FormatError('entry bundle', `entry ${i} has ${e.length} bytes; at most 65535 fit`);
    length += 2 + e.length;
  });
  const out = new Uint8Array(length);
  let at = 0;
  for (const e of entries) {
    out[at] = e.length >> 8;
    out[at + 1] = e.length & 0xff;
    out.set(e, at + 2);
    at += 2 + e.length;
  }
  return out;
}

/** Decodes a bundle; with `width`, it must hold exactly that many entries. Throws FormatError if truncated. */
export function parseEntryBundle(body: Uint8Array, width?: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  while (at < body.length) {
    if (at + 2 > body.length) throw new FormatError('entry bundle', `truncated length prefix at byte ${at}`);
    const length = (body[at]! << 8) | body[at + 1]!;
    if (at + 2 + length > body.length) throw new FormatError('entry bundle', `entry ${out.length} at byte ${at} runs past the end`);
    out.push(body.slice(at + 2, at + 2 + length));
    at += 2 + length;
  }
  if (width !== undefined && out.length !== width) throw new FormatError('entry bundle', `expected ${width} entries, found ${out.length}`);
  if (out.length > TILE_WIDTH) throw new FormatError('entry bundle', `more than 256 entries`);
  return out;
}
