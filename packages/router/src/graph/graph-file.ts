// Reading and writing graph files on disk. Writes are atomic (temp file, fsync, rename): a crash or a
// failed import leaves the previous graph in place, never half a file.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { decodeGraphFile, GraphFileError, graphFileChunks, type GraphFileInfo, type LoadedGraph } from './file-format.js';
import { type Profile, type RoadGraph } from './graph.js';

export async function writeGraphFile(path: string, graph: RoadGraph, profile: Profile, info: GraphFileInfo = {}): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fh = await open(tmp, 'wx');
    try {
      for (const chunk of graphFileChunks(graph, profile, { createdAt: new Date().toISOString(), ...info })) {
        await fh.write(chunk);
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  // Make the rename itself durable; some platforms cannot open a directory, which is harmless.
  try {
    const dir = await open(dirname(path), 'r');
    await dir.sync().finally(() => dir.close());
  } catch {
    /* best effort */
  }
}

/** Loads a graph file as views over one buffer. Throws GraphFileError for a missing, damaged or foreign file. */
export async function readGraphFile(path: string): Promise<LoadedGraph> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new GraphFileError(path, `cannot read it (${e.code ?? e.message})`);
  }
  return decodeGraphFile(bytes, path);
}
