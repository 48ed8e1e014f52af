// Where the shared test and benchmark data lives (OSM extracts, never copied into the repository):
// $CIVDEF_SHARED_DATA, or ../shared/data beside the checkout. Used by tests and benchmarks.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This file sits at packages/router/{src,dist}/osm/, four levels below the repository root. */
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export function sharedDataDir(): string {
  return process.env.CIVDEF_SHARED_DATA || resolve(REPO_ROOT, '../shared/data');
}

/** Absolute path of a shared data file, or null when it is absent. */
export function sharedDataFile(relative: string): string | null {
  const path = resolve(sharedDataDir(), relative);
  return existsSync(path) ? path : null;
}
