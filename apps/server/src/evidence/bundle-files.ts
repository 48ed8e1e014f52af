// A bundle on disk: a directory of its files, or one .tar. Writing goes to a temporary name beside the
// target and is renamed into place once complete and synced, so a failed export leaves nothing half-written.
import { CivdefError } from '@civdef/core';
import { packTar, unpackTar } from '@civdef/evidence';
import { lstat, mkdir, open, readdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

/** The bundle cannot be written or read where asked (exit 1). */
export class BundleFileError extends CivdefError {
  readonly code = 'bundle-file';
}

const isTar = (path: string) => path.toLowerCase().endsWith('.tar');
const errno = (err: unknown) => (err as NodeJS.ErrnoException).code;

/** Throws BundleFileError unless `out` is absent, an empty directory, or (for a .tar) an empty file. */
export async function assertWritableTarget(out: string): Promise<void> {
  let st;
  try {
    st = await lstat(out);
  } catch (err) {
    if (errno(err) === 'ENOENT') return;
    throw new BundleFileError(`cannot use ${out}: ${errno(err) ?? String(err)}`);
  }
  if (st.isDirectory() && !isTar(out)) {
    if ((await readdir(out)).length > 0) throw new BundleFileError(`${out} exists and is not empty; choose a new name`);
  } else if (!st.isFile() || st.size > 0 || !isTar(out)) {
    throw new BundleFileError(`${out} exists${st.isFile() && st.size === 0 ? '' : ' and is not empty'}; choose a new name`);
  }
}

async function writeSynced(path: string, data: Uint8Array): Promise<void> {
  const file = await open(path, 'wx');
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
}

/**
 * Writes the bundle to `out`: one ustar file when it ends in .tar, otherwise a directory.
 * Precondition: paths are safe relative paths (buildBundle checks them); assertWritableTarget(out) passes.
 */
export async function writeBundle(files: ReadonlyMap<string, Uint8Array>, out: string, mtime: Date): Promise<void> {
  await assertWritableTarget(out);
  const full = resolve(out);
  const temp = join(dirname(full), `.${basename(full)}.partial-${process.pid}`);
  try {
    if (isTar(out)) {
      await writeSynced(temp, packTar(files, { mtime: Math.floor(mtime.getTime() / 1000) }));
      await rm(out, { force: true }); // an empty file, by the check above
    } else {
      for (const [path, data] of files) {
        const target = join(temp, ...path.split('/'));
        await mkdir(dirname(target), { recursive: true });
        await writeSynced(target, data);
      }
      await rmdir(out).catch((err: unknown) => {
        if (errno(err) !== 'ENOENT') throw err;
      });
    }
    await rename(temp, full);
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    if (err instanceof CivdefError) throw err;
    throw new BundleFileError(`cannot write ${out}: ${(err as Error).message}`);
  }
}

async function readTree(root: string, dir: string, files: Map<string, Uint8Array>): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    const rel = relative(root, full).split(sep).join('/');
    if (entry.isDirectory()) await readTree(root, full, files);
    else if (entry.isFile()) files.set(rel, await readFile(full));
    // A link could point anywhere: the bundle is its own files only.
    else throw new BundleFileError(`${rel} in the bundle is not a regular file or folder`);
  }
}

/**
 * Reads a bundle: a directory's files (paths relative to it, '/'-separated) or a tar archive's.
 * Throws BundleFileError when it cannot be read, FormatError (from unpackTar) for a damaged archive.
 */
export async function readBundle(path: string): Promise<Map<string, Uint8Array>> {
  let st;
  try {
    st = await lstat(path);
  } catch (err) {
    throw new BundleFileError(`cannot read ${path}: ${errno(err) === 'ENOENT' ? 'no such file or folder' : (errno(err) ?? String(err))}`);
  }
  if (st.isDirectory()) {
    const files = new Map<string, Uint8Array>();
    await readTree(path, path, files);
    return files;
  }
  if (!st.isFile()) throw new BundleFileError(`${path} is neither a folder nor a file`);
  return unpackTar(await readFile(path));
}
