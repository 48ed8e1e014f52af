// The outer framing of an OSM PBF file: a sequence of (4-byte big-endian length, BlobHeader, Blob).
// Blobs are read one at a time with positional reads, so memory holds one block (at most 32 MiB by
// the format's own limit), never the file. Every failure names the byte offset and block index.
import { type FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { inflate as inflateCb } from 'node:zlib';
import { OsmFormatError } from './errors.js';
import { ProtoError, ProtoReader } from './protobuf.js';

const inflate = promisify(inflateCb);

/** Limits from the PBF format description: larger values mean a corrupt length, not a big file. */
const MAX_HEADER_BYTES = 64 * 1024;
const MAX_BLOB_BYTES = 32 * 1024 * 1024;

export interface PbfBlock {
  /** 0-based index of the blob in the file. */
  readonly index: number;
  /** File offset of the blob's 4-byte length prefix. */
  readonly offset: number;
  /** 'OSMHeader' or 'OSMData'. */
  readonly type: string;
  /** The decompressed block. */
  readonly data: Uint8Array;
}

export interface BlobReadOptions {
  /** Blobs for which this returns false are skipped without being read or inflated. */
  readonly wanted?: (index: number) => boolean;
  /** Called after each blob with the file offset reached. */
  readonly onProgress?: (bytesRead: number) => void;
  readonly file?: string;
}

/** Reads exactly `length` bytes at `position`, or fails naming what was expected. */
async function readExactly(
  fh: FileHandle,
  position: number,
  length: number,
  what: string,
  index: number,
  file: string,
): Promise<Uint8Array> {
  const buf = new Uint8Array(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) {
      throw new OsmFormatError(
        position + got,
        index,
        `truncated file: ${what} needs ${length} bytes from offset ${position} but the file ends after ${got}`,
        file,
      );
    }
    got += bytesRead;
  }
  return buf;
}

interface BlobHeader {
  type: string;
  dataSize: number;
}

function parseBlobHeader(bytes: Uint8Array): BlobHeader {
  const r = new ProtoReader(bytes);
  let type = '';
  let dataSize = -1;
  while (r.next()) {
    if (r.field === 1 && r.wire === 2) type = new TextDecoder('utf-8', { fatal: true }).decode(r.bytes());
    else if (r.field === 3 && r.wire === 0) dataSize = r.int32();
    else r.skip();
  }
  if (!type) throw new ProtoError(0, 'BlobHeader without a type');
  if (dataSize < 0 || dataSize > MAX_BLOB_BYTES) throw new ProtoError(0, `BlobHeader datasize ${dataSize} out of range`);
  return { type, dataSize };
}

/** Decompresses a Blob message. Only raw and zlib are supported: they are what every common writer emits. */
async function decodeBlob(bytes: Uint8Array): Promise<Uint8Array> {
  const r = new ProtoReader(bytes);
  let rawSize = -1;
  let raw: Uint8Array | null = null;
  let zlib: Uint8Array | null = null;
  let zlibAt = 0;
  while (r.next()) {
    if (r.field === 1 && r.wire === 2) raw = r.bytes();
    else if (r.field === 2 && r.wire === 0) rawSize = r.int32();
    else if (r.field === 3 && r.wire === 2) {
      zlib = r.bytes();
      zlibAt = r.pos - zlib.length;
    }
    else if (r.field >= 4 && r.field <= 7) {
      const names: Record<number, string> = { 4: 'lzma', 5: 'bzip2', 6: 'lz4', 7: 'zstd' };
      throw new ProtoError(r.pos, `unsupported blob compression ${names[r.field]}; re-encode the file with zlib (e.g. osmium cat)`);
    } else r.skip();
  }
  if (raw) return raw;
  if (!zlib) throw new ProtoError(0, 'Blob holds no data');
  if (rawSize < 0 || rawSize > MAX_BLOB_BYTES) throw new ProtoError(0, `Blob raw_size ${rawSize} out of range`);
  let out: Buffer;
  try {
    // maxOutputLength guards against a corrupt raw_size or a decompression bomb.
    out = await inflate(zlib, { maxOutputLength: Math.max(rawSize, 1) });
  } catch (err) {
    throw new ProtoError(zlibAt, `zlib data does not inflate (${(err as Error).message})`);
  }
  if (out.length !== rawSize) throw new ProtoError(zlibAt, `inflated to ${out.length} bytes, raw_size says ${rawSize}`);
  return out;
}

/** Yields the decompressed blocks of a PBF file in order. */
export async function* readPbfBlocks(fh: FileHandle, size: number, options: BlobReadOptions = {}): AsyncGenerator<PbfBlock> {
  const file = options.file ?? '';
  let offset = 0;
  for (let index = 0; offset < size; index++) {
    const blockOffset = offset;
    const lenBytes = await readExactly(fh, offset, 4, 'blob header length', index, file);
    const headerLen = new DataView(lenBytes.buffer).getUint32(0, false);
    if (headerLen === 0 || headerLen > MAX_HEADER_BYTES) {
      throw new OsmFormatError(offset, index, `BlobHeader length ${headerLen} is out of range (corrupt file?)`, file);
    }
    offset += 4;
    const headerBytes = await readExactly(fh, offset, headerLen, 'BlobHeader', index, file);
    let header: BlobHeader;
    try {
      header = parseBlobHeader(headerBytes);
    } catch (err) {
      throw wrap(err, offset, index, file, 'BlobHeader', true);
    }
    offset += headerLen;
    const blobOffset = offset;
    offset += header.dataSize;
    if (offset > size) {
      throw new OsmFormatError(
        blobOffset,
        index,
        `truncated file: blob needs ${header.dataSize} bytes from offset ${blobOffset} but the file ends at ${size}`,
        file,
      );
    }
    if (options.wanted && !options.wanted(index)) {
      options.onProgress?.(offset);
      continue;
    }
    const blobBytes = await readExactly(fh, blobOffset, header.dataSize, 'Blob', index, file);
    let data: Uint8Array;
    try {
      data = await decodeBlob(blobBytes);
    } catch (err) {
      throw wrap(err, blobOffset, index, file, 'Blob', true);
    }
    options.onProgress?.(offset);
    yield { index, offset: blockOffset, type: header.type, data };
  }
}

/**
 * Turns a ProtoError inside a message that starts at file offset `base` into an OsmFormatError. When the
 * message is stored uncompressed (`inFile`), the error's position maps to an exact file offset; inside an
 * inflated block it does not, so the block's offset is named and the reason carries the inner position.
 */
export function wrap(err: unknown, base: number, index: number, file: string, what: string, inFile = false): Error {
  if (err instanceof ProtoError) {
    if (inFile) return new OsmFormatError(base + err.pos, index, `${what}: ${err.reason}`, file);
    return new OsmFormatError(base, index, `${what}: ${err.reason} at offset ${err.pos} of the decompressed block`, file);
  }
  return err as Error;
}
