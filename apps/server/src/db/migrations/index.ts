import type { Kysely } from 'kysely';
import type { Dialect } from '../connect.js';
import * as foundation from './0001_foundation.js';
import * as roads from './0002_roads.js';
import * as evidence from './0003_evidence.js';
import * as dispatch from './0005_dispatch.js';
import * as warning from './0004_warning.js';
import * as fieldwork from './0006_fieldwork.js';
import * as delivery from './0007_delivery.js';
import * as supplyRequests from './0008_supply_requests.js';
import * as incidentsPlace from './0009_incidents_place.js';

export interface MigrationStep {
  name: string;
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
}

/** The one migration list for both dialects, in order. Append; never edit a step that has shipped. */
export const MIGRATIONS: readonly MigrationStep[] = [
  { name: '0001_foundation', up: foundation.up },
  { name: '0002_roads', up: roads.up },
  { name: '0003_evidence', up: evidence.up },
  { name: '0004_warning', up: warning.up },
  { name: '0005_dispatch', up: dispatch.up },
  { name: '0006_fieldwork', up: fieldwork.up },
  { name: '0007_delivery', up: delivery.up },
  { name: '0008_supply_requests', up: supplyRequests.up },
  { name: '0009_incidents_place', up: incidentsPlace.up },
];
