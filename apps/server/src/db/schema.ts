// One schema for both dialects: times are ISO 8601 UTC text, JSON is text, coordinates are doubles. Each area
// keeps its tables in db/schema/; Database is their union, the one type Kysely is given.
import type { OperationsTables } from './schema/operations.js';
import type { RoadsTables } from './schema/roads.js';
import type { EvidenceTables } from './schema/evidence.js';
import type { WarningTables } from './schema/warning.js';
import type { DispatchTables } from './schema/dispatch.js';
import type { FieldworkTables } from './schema/fieldwork.js';
import type { DeliveryTables } from './schema/delivery.js';

export type * from './schema/operations.js';
export type * from './schema/roads.js';
export type * from './schema/evidence.js';
export type * from './schema/warning.js';
export type * from './schema/dispatch.js';
export type * from './schema/fieldwork.js';
export type * from './schema/delivery.js';

export interface Database
  extends OperationsTables,
    RoadsTables,
    EvidenceTables,
    WarningTables,
    DispatchTables,
    FieldworkTables,
    DeliveryTables {}
