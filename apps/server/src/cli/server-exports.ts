// What the CLI's actions use from the server, in one module so that serverModules() loads it lazily.
export { initialise } from '../bootstrap.js';
export { migrateToLatest } from '../db/migrate.js';
export { openStorage } from '../db/connect.js';
export { openRuntime, listen } from '../runtime.js';
export { createUser, listUsers } from '../services/accounts.js';
export { SYSTEM_ACTOR } from '../services/context.js';
