// An OSM file on disk: its format found from magic bytes (never the extension, which lies when a file
// is renamed or downloaded as "data"), and passes over it that stream into a visitor.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { OsmFileError, OsmFormatError } from './errors.js';
import { readPbfBlocks, wrap } from './pbf-blobs.js';
import { checkHeaderBlock, decodeDataBlock } from './pbf-primitives.js';
import { type OsmFormat, type OsmVisitor } from './visitor.js';
import { XmlError } from './xml-tokenizer.js';
import { readOsmXml } from './xml-reader.js';

/** The format of a file from its first bytes, or a reason it is none of ours. */
export function detectOsmFormat(head: Uint8Array): OsmFormat | { unknown: string } {
  if (head.length === 0) return { unknown: 'the file is empty' };
  if (head[0] === 0x1f && head[1] === 0x8b) return 'xml.gz';
  if (head[0] === 0x42 && head[1] === 0x5a && head[2] === 0x68) return { unknown: 'bzip2 is not supported; decompress it first' };
  // PBF: a 4-byte big-endian BlobHeader length, then field 1 (type, a string) = "OSMHeader".
  const type = new TextDecoder('latin1').decode(head.subarray(6, 15));
  if (head.length >= 15 && head[0] === 0 && head[1] === 0 && head[4] === 0x0a && type === 'OSMHeader') return 'pbf';
  // XML: optional BOM and whitespace, then '<'.
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  if (head[i] === 0x3c) return 'xml';
  return { unknown: 'not OSM PBF, XML or gzip-compressed XML (unrecognised first bytes)' };
}

function fileError(path: string, err: unknown): Error {
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return new OsmFileError(path, `${e.code} ${e.message}`);
  return err as Error;
}

export class OsmFile {
  /** PBF blocks that hold nodes, learnt during a ways-only pass so the nodes pass can skip the rest. */
  private nodeBlocks: Set<number> | null = null;

  private constructor(
    readonly path: string,
    readonly format: OsmFormat,
    readonly size: number,
  ) {}

  static async open(path: string): Promise<OsmFile> {
    let size: number;
    const head = new Uint8Array(64);
    let got: number;
    try {
      const st = await stat(path);
      if (!st.isFile()) throw new OsmFileError(path, 'not a regular file');
      size = st.size;
      const fh = await open(path, 'r');
      try {
        got = (await fh.read(head, 0, head.length, 0)).bytesRead;
      } finally {
        await fh.close();
      }
    } catch (err) {
      throw fileError(path, err);
    }
    const format = detectOsmFormat(head.subarray(0, got));
    if (typeof format !== 'string') throw new OsmFormatError(0, null, format.unknown, path);
    return new OsmFile(path, format, size);
  }

  /** One pass over the file. onProgress receives bytes of the file read so far (compressed bytes for gzip). */
  async read(visitor: OsmVisitor, onProgress?: (bytesRead: number) => void): Promise<void> {
    if (this.format === 'pbf') await this.readPbf(visitor, onProgress);
    else await this.readXml(visitor, onProgress);
  }

  private async readPbf(visitor: OsmVisitor, onProgress?: (bytesRead: number) => void): Promise<void> {
    const skipWays = !visitor.way;
    const known = skipWays ? this.nodeBlocks : null;
    const seen = new Set<number>();
    let fh;
    try {
      fh = await open(this.path, 'r');
    } catch (err) {
      throw fileError(this.path, err);
    }
    try {
      const blocks = readPbfBlocks(fh, this.size, {
        file: this.path,
        onProgress,
        // Block 0 is the header; other blocks are read only if they may hold what this pass wants.
        wanted: known ? (i) => i === 0 || known.has(i) : undefined,
      });
      for await (const block of blocks) {
        try {
          if (block.index === 0 && block.type !== 'OSMHeader') {
            throw new OsmFormatError(block.offset, 0, `first block is "${block.type}", expected OSMHeader`, this.path);
          }
          if (block.type === 'OSMHeader') checkHeaderBlock(block.data);
          else if (block.type === 'OSMData' && decodeDataBlock(block.data, visitor)) seen.add(block.index);
          // Unknown block types are skipped, as the format description asks.
        } catch (err) {
          throw wrap(err, block.offset, block.index, this.path, `${block.type} block`);
        }
      }
    } catch (err) {
      throw fileError(this.path, err);
    } finally {
      await fh.close();
    }
    if (!known) this.nodeBlocks = seen;
  }

  private async readXml(visitor: OsmVisitor, onProgress?: (bytesRead: number) => void): Promise<void> {
    const raw = createReadStream(this.path, { highWaterMark: 256 * 1024 });
    let rawBytes = 0;
    raw.on('data', (chunk) => {
      rawBytes += chunk.length;
      onProgress?.(rawBytes);
    });
    let input: AsyncIterable<Buffer> = raw;
    if (this.format === 'xml.gz') {
      const gunzip = createGunzip();
      raw.on('error', (err) => gunzip.destroy(err));
      raw.pipe(gunzip);
      input = gunzip;
    }
    try {
      await readOsmXml(input, visitor);
    } catch (err) {
      const gz = this.format === 'xml.gz';
      if (err instanceof XmlError) {
        throw new OsmFormatError(err.byteOffset, null, `${err.reason}${gz ? ' (offset in the decompressed XML)' : ''}`, this.path);
      }
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (gz && code.startsWith('Z_')) {
        const reason = code === 'Z_BUF_ERROR' ? 'gzip stream is truncated' : `gzip data is corrupt (${(err as Error).message})`;
        throw new OsmFormatError(rawBytes, null, reason, this.path);
      }
      throw fileError(this.path, err);
    } finally {
      raw.destroy();
    }
  }
}
