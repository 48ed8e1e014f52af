import { newUlid, ROLES, type Role } from '@civdef/core';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../routes/index.js';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';
import { openApiPath } from './openapi.js';
import type { AnyRoute } from './route.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // One event (the admin's account) in the evidence tree, so the tile routes have a tile to serve.
  await t.tokenFor('admin');
  await t.runtime.ctx.evidence.sync(true);
});
afterAll(() => t.close());

const label = (r: AnyRoute) => `${r.method} ${r.url}`;
// A wildcard (the evidence tiles) gets the smallest tile path the log has: one hash or entry.
const urlFor = (r: AnyRoute) =>
  r.url.replace(/:\w+/g, () => newUlid()).replace(/\*$/, () => (r.url.endsWith('/entries/*') ? '000.p/1' : '0/000.p/1'));
const protectedRoutes = ROUTES.filter((r) => r.roles !== 'public');
const rolesOf = (r: AnyRoute): readonly Role[] => (r.roles === 'public' ? [] : r.roles);

// Logout revokes the token it is called with, so it gets a session of its own that nothing else shares.
async function freshToken(role: Role): Promise<string> {
  const name = `fresh-${role}-${newUlid().slice(-8).toLowerCase()}`;
  const password = 'correct horse battery staple';
  const admin = bearer(await t.tokenFor('admin'));
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { name, role, password } });
  expect(created.statusCode).toBe(201);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name, password } });
  expect(res.statusCode).toBe(200);
  return (res.json() as { token: string }).token;
}

async function call(r: AnyRoute, token: string | null): Promise<LightMyRequestResponse> {
  const headers = token ? bearer(token) : {};
  // An empty (invalid) body on writes: the role check must come before validation, so it cannot mask a 403.
  const payload = r.method === 'GET' || r.method === 'DELETE' ? undefined : {};
  return t.app.inject({ method: r.method, url: urlFor(r), headers, ...(payload ? { payload } : {}) });
}

function expectProblem(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json() as { status: number; title: string; detail: string };
  expect(body.status).toBe(status);
  expect(body.title).toEqual(expect.any(String));
  expect(body.detail).toEqual(expect.any(String));
  return body;
}

describe('route declarations', () => {
  it('every route declares who may call it', () => {
    for (const r of ROUTES) {
      if (r.roles === 'public') continue;
      expect(Array.isArray(r.roles), label(r)).toBe(true);
      expect(r.roles.length, label(r)).toBeGreaterThan(0);
      for (const role of r.roles) expect(ROLES, `${label(r)} names ${role}`).toContain(role);
    }
  });

  it('only the health check, login, the evidence log\'s hashes and proofs, and the public warnings are public', () => {
    const pub = ROUTES.filter((r) => r.roles === 'public').map(label).sort();
    // The evidence routes serve hashes, signatures and proofs only (no record data), so anyone can verify.
    expect(pub).toEqual([
      'GET /api/v1/alerts',
      'GET /api/v1/alerts/:id',
      'GET /api/v1/alerts/:id.cap',
      'GET /api/v1/alerts/stream',
      'GET /api/v1/evidence/checkpoint',
      'GET /api/v1/evidence/proofs/consistency',
      'GET /api/v1/evidence/proofs/inclusion',
      'GET /api/v1/evidence/tile/*',
      'GET /api/v1/evidence/verifier-key',
      'GET /api/v1/zones',
      'GET /healthz',
      'POST /api/v1/auth/login',
      'POST /api/v1/evidence/cosignatures',
    ]);
  });

  it('declares each method and path once', () => {
    const labels = ROUTES.map(label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('/openapi.json lists every route with its roles in x-roles', async () => {
    const res = await t.app.inject({ url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = (res.json() as { paths: Record<string, Record<string, { 'x-roles'?: unknown }>> }).paths;
    for (const r of ROUTES) {
      const op = paths[openApiPath(r.url)]?.[r.method.toLowerCase()];
      expect(op, label(r)).toBeDefined();
      expect(op!['x-roles'], label(r)).toEqual(r.roles === 'public' ? ['public'] : [...r.roles]);
    }
    const operations = Object.values(paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(operations).toBe(ROUTES.length);
  });
});

describe('public routes need no token', () => {
  it.each(ROUTES.filter((r) => r.roles === 'public').map((r) => [label(r), r] as const))('%s', async (_name, r) => {
    const res = await call(r, null);
    expect(res.statusCode, res.body).not.toBe(401);
    expect(res.statusCode, res.body).not.toBe(403);
    expect(res.statusCode, res.body).toBeLessThan(500);
  });
});

describe.each(protectedRoutes.map((r) => [label(r), r] as const))('%s', (_name, r) => {
  it('without a token: 401 with a Bearer challenge', async () => {
    const res = await call(r, null);
    expectProblem(res, 401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  const forbidden = ROLES.filter((role) => !rolesOf(r).includes(role));
  if (forbidden.length) {
    it.each(forbidden)('as %s: 403 naming the allowed roles', async (role) => {
      const res = await call(r, await t.tokenFor(role));
      const body = expectProblem(res, 403) as { allowed_roles?: unknown };
      expect(body.allowed_roles).toEqual([...rolesOf(r)]);
    });
  }

  it.each([...rolesOf(r)])('as %s: let through', async (role) => {
    const token = r.url === '/api/v1/auth/logout' ? await freshToken(role) : await t.tokenFor(role);
    const res = r.raw ? await callStream(r, token) : await call(r, token);
    expect(res.statusCode, res.body).not.toBe(401);
    expect(res.statusCode, res.body).not.toBe(403);
    expect(res.statusCode, res.body).toBeLessThan(500);
    // A raw route answers its own content type when it finds what it serves (made-up ids find nothing).
    if (r.raw && res.statusCode === 200) expect(res.body).toContain(r.raw.contentType);
  });
});

// A stream never ends, so inject would wait forever: talk to a real socket and hang up once the head is in.
let baseUrl: string | undefined;
async function callStream(r: AnyRoute, token: string): Promise<{ statusCode: number; body: string }> {
  baseUrl ??= await t.app.listen({ host: '127.0.0.1', port: 0 });
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 5_000);
  try {
    const res = await fetch(`${baseUrl}${urlFor(r)}`, { headers: bearer(token), signal: abort.signal });
    return { statusCode: res.status, body: `content-type ${res.headers.get('content-type')}` };
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}
