import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CivdefError } from '@civdef/core';

/** The data folder cannot be created or is not a folder. */
export class DataDirError extends CivdefError {
  readonly code = 'data-dir';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot use ${path} as the data folder: ${reason}`);
  }
}

/**
 * Creates `path` and any missing parents, one level at a time. Node's recursive mkdir never returns on a path
 * under /proc (each level reports "missing", and it retries), so the folders are made here instead.
 * Precondition: none. Throws DataDirError naming the level that failed.
 */
export function makeDataDir(path: string): void {
  const missing: string[] = [];
  let at = resolve(path);
  for (;;) {
    const kind = statKind(at);
    if (kind === 'dir') break;
    if (kind === 'other') throw new DataDirError(path, `${at} exists and is not a folder`);
    missing.unshift(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'EEXIST' && statKind(dir) === 'dir') continue; // made by someone else meanwhile
      throw new DataDirError(path, `cannot create ${dir} (${e.code ?? e.message})`);
    }
  }
}

function statKind(p: string): 'dir' | 'other' | 'none' {
  try {
    return statSync(p).isDirectory() ? 'dir' : 'other';
  } catch {
    return 'none';
  }
}
