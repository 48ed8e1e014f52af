// A small POSIX ustar writer and a strict reader, so a bundle can travel as one .tar and be checked in a
// browser. The reader refuses anything it cannot account for: a bad header checksum, non-zero padding,
// junk after the end-of-archive blocks, links, devices, unsafe or duplicate paths. So an altered byte
// anywhere in the archive either fails here or changes a file's content, which the bundle check catches.
import { fromUtf8, utf8 } from '../bytes.js';
import { FormatError } from '../errors.js';

const BLOCK = 512;
const MAX_SIZE = 0o77777777777; // 11 octal digits: 8 GiB - 1

/** Throws FormatError unless `path` is a safe relative file path (no "..", no absolute, no empty part). */
export function assertSafePath(path: string): void {
  const parts = path.split('/');
  if (path.length === 0 || path.startsWith('/') || path.includes('\\') || path.includes('\0') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new FormatError('tar', `unsafe path ${JSON.stringify(path)}`);
  }
}

function writeString(header: Uint8Array, at: number, width: number, value: string, what: string): void {
  const bytes = utf8(value);
  if (bytes.length > width) throw new FormatError('tar', `${what} ${JSON.stringify(value)} does not fit in ${width} bytes`);
  header.set(bytes, at);
}

function writeOctal(header: Uint8Array, at: number, width: number, value: number): void {
  writeString(header, at, width, value.toString(8).padStart(width - 1, '0'), 'number');
}

/** Splits a path into ustar prefix (<= 155 bytes) and name (<= 100 bytes) at a '/'. */
function splitPath(path: string): [string, string] {
  if (utf8(path).length <= 100) return ['', path];
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (utf8(prefix).length <= 155 && utf8(name).length <= 100) return [prefix, name];
  }
  throw new FormatError('tar', `path ${JSON.stringify(path)} is too long for ustar`);
}

function header(path: string, size: number, mtime: number): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const [prefix, name] = splitPath(path);
  writeString(h, 0, 100, name, 'name');
  writeOctal(h, 100, 8, 0o644);
  writeOctal(h, 108, 8, 0);
  writeOctal(h, 116, 8, 0);
  writeOctal(h, 124, 12, size);
  writeOctal(h, 136, 12, mtime);
  h.fill(0x20, 148, 156);
  h[156] = 0x30; // '0': regular file
  writeString(h, 257, 6, 'ustar\0', 'magic');
  writeString(h, 263, 2, '00', 'version');
  writeString(h, 345, 155, prefix, 'prefix');
  let sum = 0;
  for (const b of h) sum += b;
  writeString(h, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `, 'checksum');
  return h;
}

/** A ustar archive of regular files in the given order; paths are safe and unique. mtime in POSIX seconds. */
export function packTar(files: ReadonlyMap<string, Uint8Array>, options: { mtime?: number } = {}): Uint8Array {
  const mtime = options.mtime ?? 0;
  if (!Number.isSafeInteger(mtime) || mtime < 0 || mtime > MAX_SIZE) throw new FormatError('tar', `mtime ${mtime} out of range`);
  let total = 2 * BLOCK;
  for (const [path, data] of files) {
    assertSafePath(path);
    if (data.length > MAX_SIZE) throw new FormatError('tar', `${path} is larger than ustar's 8 GiB`);
    total += BLOCK + Math.ceil(data.length / BLOCK) * BLOCK;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const [path, data] of files) {
    out.set(header(path, data.length, mtime), at);
    out.set(data, at + BLOCK);
    at += BLOCK + Math.ceil(data.length / BLOCK) * BLOCK;
  }
  return out;
}

function readString(h: Uint8Array, at: number, width: number): string {
  const field = h.subarray(at, at + width);
  const end = field.indexOf(0);
  try {
    return fromUtf8(end < 0 ? field : field.subarray(0, end));
  } catch {
    throw new FormatError('tar', `a header field at byte ${at} is not UTF-8`);
  }
}

function readOctal(h: Uint8Array, at: number, width: number, what: string, offset: number): number {
  const text = readString(h, at, width).trim();
  if (!/^[0-7]+$/.test(text)) throw new FormatError('tar', `bad ${what} in the header at byte ${offset}`);
  return parseInt(text, 8);
}

/** Parses pax extended header records ("<len> key=value\n") and returns the path, if given. */
function paxPath(data: Uint8Array, offset: number): string | undefined {
  let path: string | undefined;
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const length = space < 0 ? NaN : Number(fromUtf8(data.subarray(at, space)));
    if (!Number.isSafeInteger(length) || length <= 0 || at + length > data.length || data[at + length - 1] !== 0x0a) {
      throw new FormatError('tar', `malformed pax header at byte ${offset}`);
    }
    const record = fromUtf8(data.subarray(space + 1, at + length - 1));
    const eq = record.indexOf('=');
    if (record.slice(0, eq) === 'path') path = record.slice(eq + 1);
    at += length;
  }
  return path;
}

/** Reads a ustar (or pax/GNU-magic) archive of regular files and directories into path -> bytes, strictly. */
export function unpackTar(bytes: Uint8Array): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let at = 0;
  let nextPath: string | undefined;
  for (;;) {
    if (at + BLOCK > bytes.length) throw new FormatError('tar', `truncated: no end-of-archive blocks after byte ${at}`);
    const h = bytes.subarray(at, at + BLOCK);
    if (h.every((b) => b === 0)) {
      // End of archive: at least one more zero block, and nothing but zeros after it.
      if (at + 2 * BLOCK > bytes.length) throw new FormatError('tar', 'truncated: only one end-of-archive block');
      const tail = bytes.subarray(at);
      const junk = tail.findIndex((b) => b !== 0);
      if (junk >= 0) throw new FormatError('tar', `data after the end of the archive at byte ${at + junk}`);
      if (tail.length % BLOCK !== 0) throw new FormatError('tar', 'the archive is not a whole number of 512-byte blocks');
      if (nextPath !== undefined) throw new FormatError('tar', 'a pax header is not followed by a file');
      return files;
    }
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
    // The checksum field is outside its own sum, so its exact spelling is checked too.
    const field = String.fromCharCode(...h.subarray(148, 156));
    if (!/^ *[0-7]{1,7}(\0 ?| )$/.test(field) || field.length !== 8) throw new FormatError('tar', `malformed header checksum at byte ${at}`);
    if (parseInt(field, 8) !== sum) throw new FormatError('tar', `header checksum mismatch at byte ${at}`);
    const magic = readString(h, 257, 6);
    if (magic !== 'ustar' && magic !== 'ustar ') throw new FormatError('tar', `not a ustar header at byte ${at}`);
    const size = readOctal(h, 124, 12, 'size', at);
    const type = String.fromCharCode(h[156]!);
    const dataStart = at + BLOCK;
    const dataEnd = dataStart + size;
    const next = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (next > bytes.length) throw new FormatError('tar', `truncated: the file at byte ${at} runs past the end`);
    if (bytes.subarray(dataEnd, next).some((b) => b !== 0)) throw new FormatError('tar', `non-zero padding after the file at byte ${at}`);
    const data = bytes.slice(dataStart, dataEnd);
    const prefix = readString(h, 345, 155);
    const name = readString(h, 0, 100);
    let path = nextPath ?? (prefix ? `${prefix}/${name}` : name);
    nextPath = undefined;
    if (path.startsWith('./')) path = path.slice(2);
    if (type === 'x') {
      nextPath = paxPath(data, at);
    } else if (type === 'g') {
      // Global pax header: carries nothing a file's content depends on.
    } else if (type === '5') {
      if (size !== 0) throw new FormatError('tar', `directory with data at byte ${at}`);
    } else if (type === '0' || type === '\0') {
      assertSafePath(path);
      if (files.has(path)) throw new FormatError('tar', `${path} appears twice`);
      files.set(path, data);
    } else {
      throw new FormatError('tar', `entry type ${JSON.stringify(type)} at byte ${at} (${path}) is not a regular file or directory`);
    }
    at = next;
  }
}
