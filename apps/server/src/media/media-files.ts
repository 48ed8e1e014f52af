import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Media bytes on disk: uploads in progress as part files, finished files content-addressed by SHA-256
 * (`media/ab/abcdef...`), written once and never modified.
 */
export class MediaFiles {
  constructor(private readonly root: string) {}

  partPath(uploadId: string): string {
    return join(this.root, 'uploads', `${uploadId}.part`);
  }

  /** Where the file with this SHA-256 (hex) lives. */
  contentPath(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  /** Bytes received so far for an upload (0 before the first chunk). */
  async received(uploadId: string): Promise<number> {
    try {
      return (await stat(this.partPath(uploadId))).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
  }

  /**
   * Appends a chunk at the end of the part file, streaming, and makes it durable before returning.
   * Bytes past `maxBytes` are read and dropped (so the request can still be answered). Returns the part
   * file's size afterwards. Precondition: one writer per upload at a time.
   */
  async append(uploadId: string, chunk: Readable, maxBytes: number): Promise<{ size: number; overflow: boolean }> {
    await mkdir(join(this.root, 'uploads'), { recursive: true });
    let written = 0;
    let overflow = false;
    await pipeline(
      chunk,
      async function* limit(source: AsyncIterable<Buffer>) {
        for await (const buf of source) {
          const room = maxBytes - written;
          if (buf.length > room) overflow = true;
          if (room > 0) yield buf.length > room ? buf.subarray(0, room) : buf;
          written += Math.min(buf.length, Math.max(room, 0));
        }
      },
      createWriteStream(this.partPath(uploadId), { flags: 'a' }),
    );
    // An offset we report must survive a crash: the client resumes from it. (fsync is per file, not per descriptor.)
    const file = await open(this.partPath(uploadId), 'r');
    try {
      await file.sync();
    } finally {
      await file.close();
    }
    return { size: await this.received(uploadId), overflow };
  }

  /** SHA-256 (hex) of an upload's bytes, read as a stream. */
  async hashPart(uploadId: string): Promise<string> {
    const hash = createHash('sha256');
    await pipeline(createReadStream(this.partPath(uploadId)), hash);
    return hash.digest('hex');
  }

  /** Moves a finished upload to its content address; an identical file already there is kept and the part dropped. */
  async promote(uploadId: string, sha256: string): Promise<string> {
    const target = this.contentPath(sha256);
    await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
    try {
      await stat(target);
      await rm(this.partPath(uploadId));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await rename(this.partPath(uploadId), target);
    }
    return target;
  }

  /** Drops an upload's bytes so far (they were damaged in transit): the upload starts again at offset 0. */
  async discard(uploadId: string): Promise<void> {
    await rm(this.partPath(uploadId), { force: true });
  }

  /** The bytes of a stored file, as a stream. */
  open(sha256: string): Readable {
    return createReadStream(this.contentPath(sha256));
  }
}
