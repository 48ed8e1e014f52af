// Runs the real civdef command as a child process, the built one a user runs (vitest's global setup brings
// the build up to date first: vitest.global-setup.ts), against a store of its own: a temp data folder and, with DATABASE_URL set, a fresh
// PostgreSQL database created here and dropped by cleanup().
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newUlid } from '@civdef/core';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** The built civdef command: `node CIVDEF_MAIN args...`. */
export const CIVDEF_MAIN = join(ROOT, 'apps/server/dist/cli/main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliStore {
  dataDir: string;
  /** The environment pointing civdef at this store. */
  env: NodeJS.ProcessEnv;
  /** DATABASE_URL of the store's own database, when on PostgreSQL. */
  databaseUrl: string | undefined;
  cleanup(): Promise<void>;
}

async function onPostgres(url: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** A fresh data folder (not created yet) and database. Precondition: DATABASE_URL, if set, may create databases. */
export async function freshCliStore(): Promise<CliStore> {
  const parent = mkdtempSync(join(tmpdir(), 'civdef-cli-'));
  const dataDir = join(parent, 'data');
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('CIVDEF_') && k !== 'DATABASE_URL') env[k] = v;
  env.CIVDEF_DATA_DIR = dataDir;
  // Tests need no 30k-node city; the smallest keeps each run quick.
  env.CIVDEF_DEMO_CITY_NODES = '2000';
  // The shared OSM data, wherever this test process found it.
  if (process.env.CIVDEF_SHARED_DATA) env.CIVDEF_SHARED_DATA = process.env.CIVDEF_SHARED_DATA;
  const base = process.env.DATABASE_URL || undefined;
  if (!base) return { dataDir, env, databaseUrl: undefined, cleanup: async () => rmSync(parent, { recursive: true, force: true }) };
  const name = `civdef_roads_${newUlid().toLowerCase()}`;
  await onPostgres(base, `create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  return {
    dataDir,
    env,
    databaseUrl: url.toString(),
    cleanup: async () => {
      await onPostgres(base, `drop database if exists ${name} with (force)`);
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

/** Runs civdef to completion (killed after timeoutMs). Precondition: env from freshCliStore. */
export function runCivdef(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CIVDEF_MAIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = { stdout: '', stderr: '' };
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out.stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (out.stderr += s));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') reject(new Error(`civdef ${args.join(' ')} did not finish in time:\n${out.stdout}\n${out.stderr}`));
      else resolve({ code, ...out });
    });
  });
}
