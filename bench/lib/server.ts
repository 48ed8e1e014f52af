import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../../apps/server/src/http/app.js';
import { openRuntime, type Runtime } from '../../apps/server/src/runtime.js';
import { createUser } from '../../apps/server/src/services/accounts.js';
import { SYSTEM_ACTOR } from '../../apps/server/src/services/context.js';
import { testConfig } from '../../apps/server/src/test-support/harness.js';
import { databaseUrl, dropScratchDatabase } from './scratch-db.js';

export interface BenchServer {
  dialect: 'sqlite' | 'postgres';
  origin: string;
  token: string;
  runtime: Runtime;
  /** Where the data lives, for messages. */
  location: string;
  /** Answers to POST /api/v1/incidents the server has sent (counted in onSend, after the handler's commit), by status. */
  served: Record<string, number>;
  /** Waits (at most `ms`) until every request the server has begun has been answered. Returns whether it drained. */
  drain(ms?: number): Promise<boolean>;
  countIncidents(): Promise<number>;
  /** How many of `ids` are rows of incidents. */
  countPresent(ids: readonly string[]): Promise<number>;
  close(): Promise<void>;
}

export interface PgTarget {
  /** URL of the fresh database the server uses. */
  url: string;
  drop(): Promise<void>;
}

/** Creates database civdef_bench_<pid> next to `adminUrl`'s; throws when PostgreSQL is unreachable. */
export async function createPgDatabase(adminUrl: string): Promise<PgTarget> {
  const name = `civdef_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return { url: databaseUrl(adminUrl, name), drop: () => dropScratchDatabase(adminUrl, name) };
}

/** A real server on 127.0.0.1:<free port>, fresh storage (SQLite in a temp folder, or `databaseUrl`), and a dispatcher's token. */
export async function startBenchServer(databaseUrl?: string): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'civdef-bench-'));
  // The test configuration (silent logs, a small demo city, no login limit in the way), on this database.
  const config = testConfig(dataDir, { databaseUrl });
  const runtime = await openRuntime(config);
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp(runtime.deps);
    const served: Record<string, number> = {};
    let begun = 0;
    let answered = 0;
    app.addHook('onRequest', async () => {
      begun++;
    });
    app.addHook('onSend', async (request, reply) => {
      answered++;
      if (request.method === 'POST' && request.url === '/api/v1/incidents') served[reply.statusCode] = (served[reply.statusCode] ?? 0) + 1;
    });
    const origin = await app.listen({ host: '127.0.0.1', port: 0 });

    const name = `bench-dispatcher-${process.pid}`;
    const { password } = await createUser(runtime.ctx, SYSTEM_ACTOR, { name, role: 'dispatcher' });
    const res = await fetch(`${origin}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password }),
    });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    const { token } = (await res.json()) as { token: string };

    const db = runtime.ctx.storage.db;
    const started = app;
    return {
      dialect: runtime.ctx.storage.dialect,
      origin,
      token,
      runtime,
      location: runtime.ctx.storage.location,
      served,
      async drain(ms = 5000) {
        const until = Date.now() + ms;
        while (answered < begun && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
        return answered >= begun;
      },
      async countIncidents() {
        const { n } = await db.selectFrom('incidents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        return Number(n);
      },
      async countPresent(ids) {
        let present = 0;
        for (let i = 0; i < ids.length; i += 500) {
          const chunk = ids.slice(i, i + 500);
          const { n } = await db
            .selectFrom('incidents')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('id', 'in', chunk)
            .executeTakeFirstOrThrow();
          present += Number(n);
        }
        return present;
      },
      async close() {
        await started.close();
        await runtime.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await app?.close();
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** PostgreSQL's durability settings, for the report. */
export async function pgDurability(server: BenchServer): Promise<string> {
  const db = server.runtime.ctx.storage.db;
  const get = async (name: string) => {
    const r = await sql<{ setting: string }>`select setting from pg_settings where name = ${name}`.execute(db);
    return r.rows[0]?.setting ?? '?';
  };
  return `fsync=${await get('fsync')}, synchronous_commit=${await get('synchronous_commit')}, wal_sync_method=${await get('wal_sync_method')}`;
}
