// What the CLI's actions use beyond commander and @civdef/core, in one module so that serverModules() loads it
// lazily. Grouped by the command file that uses it.

// commands.ts: serve, init, migrate, user
export { initialise } from '../bootstrap.js';
export { migrateToLatest } from '../db/migrate.js';
export { openStorage } from '../db/connect.js';
export { openRuntime, listen } from '../runtime.js';
export { createUser, listUsers } from '../services/accounts.js';
export { SYSTEM_ACTOR } from '../services/context.js';

// road-commands.ts: import-osm, route, export-graph, demo-city
export { GraphFileError, importOsm, readGraphFile, routeBetween, writeGraphFile } from '@civdef/router';
export { createLogger } from '../log.js';
export { routeAnswer, snapPoint } from '../roads/answers.js';
export { isDemoGraph, writeDemoCity } from '../roads/demo-files.js';
export { EDGE_TABLE_HEADER, edgeTableRows } from '../roads/edge-table.js';
export { loadRoadNetwork } from '../roads/load.js';
export { routeBatch } from './route-batch.js';

// report-commands.ts: report daily
export { toCsv } from '../reports/csv.js';
export { dailyReport } from '../reports/daily-data.js';
export { dailyReportHtml } from '../reports/daily-html.js';
export { reportTable } from '../reports/daily-tables.js';

// replay-commands.ts: replay, demo-strikes
export { parseStrikeCsv } from '@civdef/warning';
export { demoStrikes, strikesCsv } from '../replay/demo-strikes.js';
export { callsOf } from '../replay/scenario.js';
export { runReplay } from '../replay/simulation.js';
export { openReplayWorld } from '../replay/world.js';

// evidence-commands.ts: evidence export, evidence verify
export { FormatError, LOG_KEY_PATH, fromUtf8, parseVerifierKey, verifyBundle } from '@civdef/evidence';
export { assertWritableTarget, readBundle, writeBundle } from '../evidence/bundle-files.js';
export { exportIncident } from '../evidence/export.js';
export { nodeSha256 } from '../evidence/node-sha256.js';

// zone-commands.ts: import-zones, import-incidents
export { ImportFileError } from '../warning/errors.js';
export { importHistory, importZones } from '../warning/imports.js';
