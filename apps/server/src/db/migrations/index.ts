import type { Kysely } from 'kysely';
import type { Dialect } from '../connect.js';
import * as foundation from './0001_foundation.js';
import * as roads from './0002_roads.js';

export interface MigrationStep {
  name: string;
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
}

/** The one migration list for both dialects, in order. Append; never edit a step that has shipped. */
export const MIGRATIONS: readonly MigrationStep[] = [
  { name: '0001_foundation', up: foundation.up },
  { name: '0002_roads', up: roads.up },
];
