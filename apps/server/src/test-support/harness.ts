import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newUlid, type Role } from '@civdef/core';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { DEFAULT_DISPATCH_SETTINGS } from '../dispatch/settings.js';
import { openStorage, type Storage } from '../db/connect.js';
import { buildApp } from '../http/app.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { createUser } from '../services/accounts.js';
import { SYSTEM_ACTOR } from '../services/context.js';

/** Fresh, empty storage for one test file: SQLite in a temp folder, or its own schema in DATABASE_URL's PostgreSQL. */
export async function openTestStorage(): Promise<{ storage: Storage; dataDir: string; cleanup(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'civdef-test-'));
  const url = process.env.DATABASE_URL;
  if (!url) {
    const storage = openStorage({ dataDir });
    return { storage, dataDir, cleanup: async () => { await storage.close(); rmSync(dataDir, { recursive: true, force: true }); } };
  }
  const schema = `t_${newUlid().toLowerCase()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const storage = openStorage({ databaseUrl: url, dataDir, pgSchema: schema });
  return {
    storage,
    dataDir,
    cleanup: async () => {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(storage.db);
      await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function testConfig(dataDir: string, overrides: Partial<Config> = {}): Config {
  return {
    dataDir,
    databaseUrl: process.env.DATABASE_URL || undefined,
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    sessionTtlSeconds: 3600,
    loginAttemptsPerMinute: 1000,
    seedDemo: false,
    // The smallest demo city the generator makes: every test app that routes builds one.
    demoCityNodes: 2000,
    maxSnapM: 500,
    evidenceOrigin: undefined,
    checkpointSeconds: 10,
    checkpointLeaves: 1000,
    witnessKeys: [],
    // Merging off: tests report many incidents of one kind at one spot and expect each to stand alone.
    dispatch: { ...DEFAULT_DISPATCH_SETTINGS, merge: { radiusM: 0, minutes: 0 } },
    sightingsPerMinute: 20,
    warningReplayMinutes: 60,
    ...overrides,
  };
}

export interface TestApp {
  app: FastifyInstance;
  runtime: Runtime;
  dataDir: string;
  /** A bearer token for a fresh user of `role` (cached per role). */
  tokenFor(role: Role): Promise<string>;
  close(): Promise<void>;
}

/** A migrated, empty server for one test file, driven with app.inject (or app.listen for streams). */
export async function startTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const { storage, dataDir, cleanup } = await openTestStorage();
  let runtime: Runtime;
  let app: FastifyInstance;
  try {
    runtime = await openRuntime(testConfig(dataDir, overrides), storage);
    app = await buildApp(runtime.deps);
  } catch (err) {
    await cleanup(); // leave no schema or temp folder behind
    throw err;
  }
  const tokens = new Map<Role, string>();
  return {
    app,
    runtime,
    dataDir,
    async tokenFor(role) {
      const cached = tokens.get(role);
      if (cached) return cached;
      const name = `${role}-${newUlid().slice(-8).toLowerCase()}`;
      const { password } = await createUser(runtime.ctx, SYSTEM_ACTOR, { name, role });
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name, password } });
      if (res.statusCode !== 200) throw new Error(`test login failed: ${res.body}`);
      const token = (res.json() as { token: string }).token;
      tokens.set(role, token);
      return token;
    },
    async close() {
      await app.close();
      await runtime.ctx.dispatch.watcher.stop();
      runtime.ctx.roads.close();
      await runtime.ctx.warning.stop();
      await cleanup();
    },
  };
}

/** Authorization header for a token. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
