import { newUlid, type Role } from '@civdef/core';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';

// Accounts through the API: login, session expiry and revocation, and that secrets and personal data
// stay where they belong.

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  admin = bearer(await t.tokenFor('admin'));
});
afterAll(() => t.close());

/** Every response body this file saw, to search for secrets at the end. */
const bodies: string[] = [];
const call = async (opts: InjectOptions): Promise<LightMyRequestResponse> => {
  const res = await t.app.inject(opts);
  bodies.push(res.body);
  return res;
};

const PASSWORD = 'correct horse battery staple';

async function newUser(role: Role = 'dispatcher', password = PASSWORD): Promise<{ id: string; name: string }> {
  const name = `u-${newUlid().slice(-10).toLowerCase()}`;
  const res = await call({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { name, role, password } });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().user.id, name };
}

const login = (name: string, password: string) => call({ method: 'POST', url: '/api/v1/auth/login', payload: { name, password } });
const me = (token: string) => call({ url: '/api/v1/auth/me', headers: bearer(token) });
const tokenOf = async (name: string) => {
  const res = await login(name, PASSWORD);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().token as string;
};

describe('login', () => {
  it('opens a session that names the user', async () => {
    const u = await newUser('team-leader');
    const res = await login(u.name, PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ token_type: 'Bearer', user: { id: u.id, name: u.name, role: 'team-leader' } });
    expect((await me(res.json().token)).json()).toEqual({ id: u.id, name: u.name, role: 'team-leader' });
  });

  it('says the same thing for a wrong password and an unknown user', async () => {
    // Different answers would tell an attacker which names exist.
    const u = await newUser();
    const wrong = await login(u.name, 'not the password');
    const unknown = await login(`nobody-${newUlid()}`, PASSWORD);
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
    }
    const strip = (r: LightMyRequestResponse) => ({ ...r.json(), instance: undefined });
    expect(strip(wrong)).toEqual(strip(unknown));
    expect(wrong.json().detail).toBe('Wrong user name or password');
  });
});

describe('sessions', () => {
  it('expire after the configured time', async () => {
    const u = await newUser();
    const res = await login(u.name, PASSWORD);
    const { token, expires_at } = res.json() as { token: string; expires_at: string };
    const real = t.runtime.ctx.now;
    try {
      t.runtime.ctx.now = () => new Date(Date.parse(expires_at) - 1000);
      expect((await me(token)).statusCode).toBe(200);
      t.runtime.ctx.now = () => new Date(Date.parse(expires_at));
      const expired = await me(token);
      expect(expired.statusCode).toBe(401);
      expect(expired.json().detail).toMatch(/expired/);
    } finally {
      t.runtime.ctx.now = real;
    }
  });

  it('last as long as sessionTtlSeconds says', async () => {
    // Its own server, so the setting goes the whole way: config, runtime, login route, session row.
    const short = await startTestApp({ sessionTtlSeconds: 1 });
    try {
      const token = await short.tokenFor('viewer');
      const ok = await short.app.inject({ url: '/api/v1/auth/me', headers: bearer(token) });
      expect(ok.statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 1100));
      const expired = await short.app.inject({ url: '/api/v1/auth/me', headers: bearer(token) });
      expect(expired.statusCode).toBe(401);
      expect(expired.json().detail).toMatch(/expired/);
    } finally {
      await short.close();
    }
  });

  it('logout revokes the token used, and only that one', async () => {
    const u = await newUser();
    const phone = await tokenOf(u.name);
    const laptop = await tokenOf(u.name);
    const out = await call({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(phone) });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toEqual({ revoked: true });
    const after = await me(phone);
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toMatch(/revoked/);
    expect((await me(laptop)).statusCode).toBe(200);
    // The revoked token cannot be used to do anything, including logging out again.
    expect((await call({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(phone) })).statusCode).toBe(401);
  });

  it('an admin revokes every session of a user (a lost phone)', async () => {
    const u = await newUser();
    const other = await newUser();
    const tokens = [await tokenOf(u.name), await tokenOf(u.name)];
    const bystander = await tokenOf(other.name);
    const res = await call({ method: 'POST', url: `/api/v1/users/${u.id}/revoke-sessions`, headers: admin });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ revoked: 2 });
    for (const tok of tokens) {
      const r = await me(tok);
      expect(r.statusCode).toBe(401);
      expect(r.json().detail).toMatch(/revoked/);
    }
    expect((await me(bystander)).statusCode).toBe(200);
    expect((await me(admin.authorization!.slice('Bearer '.length))).statusCode).toBe(200);
    // A new login after the revocation works: the account itself is not locked.
    expect((await me(await tokenOf(u.name))).statusCode).toBe(200);
  });

  it('only an admin may revoke sessions, and only of a user that exists', async () => {
    const u = await newUser();
    const asDispatcher = await call({ method: 'POST', url: `/api/v1/users/${u.id}/revoke-sessions`, headers: bearer(await t.tokenFor('dispatcher')) });
    expect(asDispatcher.statusCode).toBe(403);
    const missing = await call({ method: 'POST', url: `/api/v1/users/${newUlid()}/revoke-sessions`, headers: admin });
    expect(missing.statusCode).toBe(404);
  });
});

describe('volunteers (phone numbers are personal data)', () => {
  let phone: string;
  beforeAll(async () => {
    const centreId = newUlid();
    expect((await call({ method: 'POST', url: '/api/v1/centres', headers: admin, payload: { id: centreId, name: `C ${centreId}`, lat: 36.2, lon: 37.1 } })).statusCode).toBe(201);
    phone = '+963944' + String(Date.now()).slice(-6);
    const v = { id: newUlid(), name: 'Rescuer One', function: 'rescuer', phone, centre_id: centreId, status: 'on-duty' };
    expect((await call({ method: 'POST', url: '/api/v1/volunteers', headers: admin, payload: v })).statusCode).toBe(201);
  });

  it.each(['admin', 'dispatcher', 'team-leader'] as const)('shows %s the whole record, phone included', async (role) => {
    const res = await call({ url: '/api/v1/volunteers', headers: bearer(await t.tokenFor(role)) });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({ name: 'Rescuer One', phone, status: 'on-duty' })]);
  });

  it.each(['viewer', 'spotter', 'documenter'] as const)('refuses %s with a 403', async (role) => {
    const res = await call({ url: '/api/v1/volunteers', headers: bearer(await t.tokenFor(role)) });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain(phone);
  });

  it('keeps the phone number out of the event log', async () => {
    const events = await t.runtime.ctx.storage.db.selectFrom('events').select('data').where('type', '=', 'volunteer.created').execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.data).not.toContain(phone.slice(1));
  });
});

describe('secrets', () => {
  it('never shows a password hash or a password in an API answer or in event data', async () => {
    // Runs last: it searches everything this file received, plus the full event log and user list.
    const users = await call({ url: '/api/v1/users', headers: admin });
    expect(users.statusCode).toBe(200);
    let after: number | null = 0;
    while (after !== null) {
      const page = await call({ url: `/api/v1/events?limit=1000&after=${after}`, headers: admin });
      expect(page.statusCode).toBe(200);
      after = page.json().next_after;
    }
    const hashes = await t.runtime.ctx.storage.db.selectFrom('users').select('password_hash').execute();
    expect(hashes.length).toBeGreaterThan(5);
    const keys = (await t.runtime.ctx.storage.db.selectFrom('sessions').select('token_hash').execute()).map((s) => s.token_hash);
    const events = (await t.runtime.ctx.storage.db.selectFrom('events').select('data').execute()).map((e) => e.data);
    const haystack = [...bodies, ...events];
    for (const text of haystack) {
      expect(text).not.toMatch(/password_hash|token_hash|scrypt\$/);
      expect(text).not.toContain(PASSWORD);
      for (const { password_hash } of hashes) expect(text).not.toContain(password_hash.split('$').at(-1)!);
      for (const k of keys) expect(text).not.toContain(k);
    }
    // The one place a password may appear: the answer to a create without one, shown once.
    const generated = await call({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { name: `gen-${newUlid().slice(-8).toLowerCase()}`, role: 'viewer' } });
    const password = generated.json().password as string;
    expect(password).toMatch(/^\S{20}$/);
    const log = (await t.runtime.ctx.storage.db.selectFrom('events').select('data').execute()).map((e) => e.data).join('\n');
    expect(log).not.toContain(password);
  });
});
