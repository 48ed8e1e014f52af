// The real civdef command, run as a child process from the repo root: the built one a user runs (vitest's
// global setup brings the build up to date first).
// Every test gets its own storage: a temp data folder, and with DATABASE_URL set its own fresh
// PostgreSQL database, created here and dropped afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newUlid } from '@civdef/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CIVDEF_MAIN } from '../test-support/cli-run.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const PG_URL = process.env.DATABASE_URL || undefined;
const DIALECT = PG_URL ? 'postgres' : 'sqlite';

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment a child gets: ours without any civdef settings, plus `extra`. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('CIVDEF_') && k !== 'DATABASE_URL') env[k] = v;
  return { ...env, ...extra };
}

const running = new Set<ChildProcess>();

function start(args: string[], env: NodeJS.ProcessEnv, input = ''): { child: ChildProcess; out: { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, [CIVDEF_MAIN, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const out = { stdout: '', stderr: '' };
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (out.stdout += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (out.stderr += s));
  child.stdin!.on('error', () => {}); // a child that exits before reading stdin
  child.stdin!.end(input);
  return { child, out };
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
}

/** Runs civdef to completion; kills it (and fails) if it runs longer than timeoutMs, e.g. a serve that should have refused. */
async function run(args: string[], env: NodeJS.ProcessEnv, opts: { input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  const { child, out } = start(args, env, opts.input);
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
  const { code, signal } = await exited(child);
  clearTimeout(timer);
  if (signal === 'SIGKILL') throw new Error(`civdef ${args.join(' ')} did not finish in time:\n${out.stdout}\n${out.stderr}`);
  return { code, signal, ...out };
}

interface Store {
  dataDir: string;
  /** The environment that points civdef at this store. */
  env: NodeJS.ProcessEnv;
  /** No data folder and (PostgreSQL) no tables: nothing was created. */
  isEmpty(): Promise<boolean>;
  cleanup(): Promise<void>;
}

const stores: Store[] = [];

async function pgAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A data folder that does not exist yet, and with DATABASE_URL a fresh, empty database (its URL carrying `password` if given). */
async function freshStore(opts: { password?: string } = {}): Promise<Store> {
  const parent = mkdtempSync(join(tmpdir(), 'civdef-cli-'));
  const dataDir = join(parent, 'data');
  let store: Store;
  if (!PG_URL) {
    store = {
      dataDir,
      env: childEnv({ CIVDEF_DATA_DIR: dataDir }),
      isEmpty: async () => !existsSync(dataDir),
      cleanup: async () => rmSync(parent, { recursive: true, force: true }),
    };
  } else {
    const name = `civdef_cli_${newUlid().toLowerCase()}`;
    await pgAdmin(PG_URL, (c) => c.query(`create database ${name}`));
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    if (opts.password) url.password = opts.password;
    store = {
      dataDir,
      env: childEnv({ CIVDEF_DATA_DIR: dataDir, DATABASE_URL: url.toString() }),
      isEmpty: async () => {
        const { rows } = await pgAdmin(url.toString(), (c) =>
          c.query<{ n: number }>(`select count(*)::int as n from information_schema.tables where table_schema = 'public'`),
        );
        return !existsSync(dataDir) && rows[0]!.n === 0;
      },
      cleanup: async () => {
        await pgAdmin(PG_URL, (c) => c.query(`drop database if exists ${name} with (force)`));
        rmSync(parent, { recursive: true, force: true });
      },
    };
  }
  stores.push(store);
  return store;
}

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await Promise.all([...running].map(exited));
  for (const s of stores.splice(0)) await s.cleanup();
});

const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '');

/** Exactly one generated password line; returns the password. */
function onePassword(stdout: string, pattern: RegExp): string {
  const found = lines(stdout).filter((l) => /password/i.test(l) && pattern.test(l));
  expect(found, stdout).toHaveLength(1);
  const password = pattern.exec(found[0]!)![1]!;
  expect(password.length).toBeGreaterThanOrEqual(12);
  return password;
}

const ADMIN_PASSWORD = /Name: admin\s+Password: (\S+)/;
const USER_PASSWORD = /^Password \(shown once\): (\S+)$/;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s: Server = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe(`civdef command (${DIALECT})`, { timeout: 60_000 }, () => {
  describe.concurrent('help', () => {
    test('--help lists every command and exits 0', async ({ expect }) => {
      const r = await run(['--help'], childEnv());
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      for (const cmd of ['serve', 'init', 'migrate', 'user']) expect(r.stdout).toMatch(new RegExp(`^\\s+${cmd}\\b`, 'm'));
    });

    test.for([
      [['serve'], ['--port', '--host', '--no-demo', '--data-dir', 'DATABASE_URL']],
      [['init'], ['--no-demo', '--data-dir', 'DATABASE_URL']],
      [['migrate'], ['--data-dir', 'DATABASE_URL']],
      [['user'], ['add', 'list']],
      [['user', 'add'], ['<name>', '--role', 'dispatcher', 'team-leader', '--password-stdin', '--data-dir']],
      [['user', 'list'], ['--data-dir', 'DATABASE_URL']],
    ] as Array<[string[], string[]]>)('%j --help explains its options and exits 0', async ([cmd, mentions], { expect }) => {
      const r = await run([...cmd, '--help'], childEnv());
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain(`Usage: civdef ${cmd.join(' ')}`);
      for (const m of mentions) expect(r.stdout).toContain(m);
    });
  });

  describe('bad usage: one line on stderr, exit code 2, nothing created', () => {
    let store: Store;
    beforeAll(async () => {
      store = await freshStore();
    });

    test.concurrent.for([
      [['bogus'], {}, /unknown command 'bogus'/],
      [['serv'], {}, /unknown command 'serv'.*Did you mean serve\?/],
      [['serve', '--bogus'], {}, /unknown option '--bogus'/],
      [['user', 'add', 'alice'], {}, /required option '-r, --role <role>' not specified/],
      [['user', 'add', '--role', 'king', 'alice'], {}, /argument 'king' is invalid.*dispatcher/],
      [['user', 'add', '--role', 'viewer'], {}, /missing required argument 'name'/],
      [['user', 'add', '--role', 'viewer', 'a b'], {}, /name: must be 2-60 letters/],
      [['user', 'add', '--role', 'viewer', 'x'], {}, /name: must be 2-60 letters/],
      [['user', 'add', '--role', 'viewer', 'alice', 'bob'], {}, /too many arguments/],
      [['serve', '--port', '99999'], {}, /--port.*must be a port number/],
      [['serve', '--port', 'abc'], {}, /--port.*must be a port number/],
      [['serve', '--host', 'not a host!'], {}, /--host: must be a host name/],
      [['init', 'extra'], {}, /too many arguments/],
      [['serve'], { CIVDEF_PORT: 'abc' }, /CIVDEF_PORT/],
      [['migrate'], { DATABASE_URL: 'mysql://root@127.0.0.1/x' }, /DATABASE_URL: must be a postgres/],
    ] as Array<[string[], Record<string, string>, RegExp]>)('%j %j', async ([args, env, message], { expect }) => {
      const r = await run(args, { ...store.env, ...env });
      expect(r.code, r.stderr).toBe(2);
      expect(lines(r.stderr), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(/^civdef: /);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    });

    test('a subcommand group without its subcommand shows its help and exits 2', async () => {
      const r = await run(['user'], store.env);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Usage: civdef user');
    });

    test('nothing was created', async () => {
      expect(await store.isEmpty()).toBe(true);
    });
  });

  test('migrate on a fresh store applies 0001_foundation, then says it is up to date', async () => {
    const store = await freshStore();
    const first = await run(['migrate'], store.env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Applied: 0001_foundation\b/m);
    const again = await run(['migrate'], store.env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe('Schema is up to date.');
    expect(again.stderr).toBe('');
  });

  test('init creates the admin (password printed once) and the demo; a second init prints no password', async () => {
    const store = await freshStore();
    const first = await run(['init'], store.env);
    expect(first.code, first.stderr).toBe(0);
    const password = onePassword(first.stdout, ADMIN_PASSWORD);
    expect(first.stdout.split(password)).toHaveLength(2);
    expect(first.stderr).not.toContain(password);
    expect(first.stdout).toMatch(/Demo organisation seeded: 3 centres, 6 teams, 10 units, \d+ volunteers\./);

    const again = await run(['init'], store.env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toMatch(/password/i);
    expect(again.stdout.trim()).toBe('Already initialised; nothing to do.');

    const list = await run(['user', 'list'], store.env);
    expect(list.code, list.stderr).toBe(0);
    expect(lines(list.stdout)).toEqual([expect.stringMatching(/^admin\tadmin\t[0-9A-Z]{26}$/)]);
  });

  test.concurrent.for([
    ['/proc/civdef-x', /cannot use \/proc\/civdef-x as the data folder: cannot create \/proc\/civdef-x/],
    ['/etc/passwd/x', /cannot use \/etc\/passwd\/x as the data folder: \/etc\/passwd exists and is not a folder/],
  ] as Array<[string, RegExp]>)('init -d %s: one line and exit 1 at once, not a hang', async ([dir, message], { expect }) => {
    const r = await run(['init', '-d', dir], childEnv(), { timeoutMs: 15_000 });
    expect(r.code, r.stderr).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  test('init --no-demo creates the admin only', async () => {
    const store = await freshStore();
    const r = await run(['init', '--no-demo'], store.env);
    expect(r.code, r.stderr).toBe(0);
    onePassword(r.stdout, ADMIN_PASSWORD);
    expect(r.stdout).not.toContain('Demo organisation');
  });

  test('--data-dir overrides CIVDEF_DATA_DIR', async () => {
    if (PG_URL) return; // the data folder holds the database only on SQLite
    const store = await freshStore();
    const other = join(store.dataDir, '..', 'other');
    const r = await run(['migrate', '--data-dir', other], store.env);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(other, 'civdef.sqlite'))).toBe(true);
    expect(existsSync(store.dataDir)).toBe(false);
  });

  test('user add prints a password once; a duplicate name is refused with exit 1; --password-stdin checks length', async () => {
    const store = await freshStore();
    const add = await run(['user', 'add', '--role', 'dispatcher', 'bob'], store.env);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/^Created dispatcher bob \([0-9A-Z]{26}\)\.$/m);
    const password = onePassword(add.stdout, USER_PASSWORD);
    expect(add.stdout.split(password)).toHaveLength(2);

    const dup = await run(['user', 'add', '--role', 'viewer', 'bob'], store.env);
    expect(dup.code).toBe(1);
    expect(lines(dup.stderr), dup.stderr).toHaveLength(1);
    expect(dup.stderr).toMatch(/^civdef: .*bob.*already exists/);
    expect(dup.stdout).toBe('');

    const short = await run(['user', 'add', '--role', 'viewer', 'carol', '--password-stdin'], store.env, { input: 'too-short\n' });
    expect(short.code).toBe(2);
    expect(lines(short.stderr), short.stderr).toHaveLength(1);
    expect(short.stderr).toMatch(/^civdef: .*password: must be at least 12 characters/);
    expect(short.stderr).not.toContain('too-short');

    const good = await run(['user', 'add', '-r', 'viewer', 'carol.v', '--password-stdin'], store.env, { input: 'correct horse battery\n' });
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/^Created viewer carol\.v /m);
    expect(good.stdout).not.toMatch(/password/i);

    const list = await run(['user', 'list'], store.env);
    expect(list.code, list.stderr).toBe(0);
    expect(lines(list.stdout).map((l) => l.split('\t').slice(0, 2).join(' '))).toEqual(['bob dispatcher', 'carol.v viewer']);
  });

  test('a DATABASE_URL password is never printed, not even when the database cannot be reached', async () => {
    const secret = `s3cret-${newUlid()}`;
    const env = childEnv({ CIVDEF_DATA_DIR: join(tmpdir(), 'civdef-cli-never-created'), DATABASE_URL: `postgres://civdef:${secret}@127.0.0.1:1/civdef` });
    const r = await run(['migrate'], env);
    expect(r.code).toBe(1);
    expect(lines(r.stderr), r.stderr).toHaveLength(1);
    expect(r.stderr).toMatch(/^civdef: cannot reach the database/);
    expect(r.stdout + r.stderr).not.toContain(secret);
  });

  test(
    'serve: admin password printed once and never logged; login works; the demo units are served; SIGTERM stops it',
    async () => {
      const secret = `pw-${newUlid()}`;
      const store = await freshStore({ password: secret }); // trust auth ignores it, but it is in the URL
      const port = await freePort();
      // The most verbose log level, so anything logged at all is checked.
      const env = { ...store.env, CIVDEF_LOG_LEVEL: 'trace', CIVDEF_LOGIN_ATTEMPTS_PER_MINUTE: '100' };
      const { child, out } = start(['serve', '--port', String(port)], env);
      const url = await new Promise<string>((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`serve did not start:\n${out.stdout}\n${out.stderr}`)), 75_000);
        const check = () => {
          const m = /civdef is serving on (http:\/\/\S+)/.exec(out.stdout);
          if (m) {
            clearTimeout(deadline);
            resolve(m[1]!);
          }
        };
        child.stdout!.on('data', check);
        child.once('exit', (code) => {
          clearTimeout(deadline);
          reject(new Error(`serve exited with ${code}:\n${out.stdout}\n${out.stderr}`));
        });
        check();
      });
      expect(url).toBe(`http://127.0.0.1:${port}`);
      const password = onePassword(out.stdout, ADMIN_PASSWORD);

      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ database: { dialect: DIALECT, ok: true } });

      const post = (body: unknown) =>
        fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await post({ name: 'nobody', password })).status).toBe(401);
      expect((await post({ name: 'admin', password: 'not-the-password' })).status).toBe(401);
      const login = await post({ name: 'admin', password });
      expect(login.status).toBe(200);
      const { token } = (await login.json()) as { token: string };
      const units = await fetch(`${url}/api/v1/units`, { headers: { authorization: `Bearer ${token}` } });
      expect(units.status).toBe(200);
      expect(((await units.json()) as { items: unknown[] }).items).toHaveLength(10);

      child.kill('SIGTERM');
      expect(await exited(child)).toEqual({ code: 0, signal: null });

      const all = `${out.stdout}\n${out.stderr}`;
      const withPassword = lines(all).filter((l) => l.includes(password));
      expect(withPassword).toHaveLength(1);
      expect(withPassword[0]).toMatch(/Admin account created\. Name: admin\s+Password: /);
      expect(all).not.toContain(token);
      expect(all).not.toContain(secret);
      expect(all).toMatch(PG_URL ? /storage: postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/civdef_cli_/ : /storage: \S+civdef\.sqlite\)/);

      // A second start finds the admin and prints no password.
      const again = start(['serve', '--port', '0'], store.env);
      await new Promise<void>((resolve, reject) => {
        again.child.stdout!.on('data', () => /civdef is serving on/.test(again.out.stdout) && resolve());
        again.child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${again.out.stderr}`)));
      });
      again.child.kill('SIGTERM');
      expect(await exited(again.child), again.out.stderr).toEqual({ code: 0, signal: null });
      expect(again.out.stdout).not.toMatch(/password/i);
      expect(again.out.stdout).not.toContain('Demo organisation seeded');
    },
    180_000,
  );

  test('serve on a port in use fails with one line and exit 1', async () => {
    const store = await freshStore();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = blocker.address() as { port: number };
      const r = await run(['serve', '--port', String(port), '--no-demo'], store.env, { timeoutMs: 75_000 });
      expect(r.code).toBe(1);
      expect(lines(r.stderr), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(/^civdef: the port is already in use/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, 90_000);
});
