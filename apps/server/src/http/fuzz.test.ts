import { newUlid } from '@civdef/core';
import { cosignNote, generateSigningKey, parseNote, parseSignerKey, SIG_COSIGNATURE_V1 } from '@civdef/evidence';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../routes/index.js';
import { fieldBodies, fieldIds, fieldUrls, seedFieldWorld, type FieldWorld } from '../test-support/field-fixtures.js';
import { incidentBody, seedIncident, seedUnit } from '../test-support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';
import type { AnyRoute } from './route.js';

type Body = Record<string, unknown>;
type Counts = Record<string, number>;

// Events are the contract ("every change is an event in the same transaction"), but a write that forgot
// its event would slip past a count of events alone, so every table is counted.
const TABLES = ['users', 'sessions', 'centres', 'teams', 'volunteers', 'units', 'incidents', 'unit_status_changes', 'assignments', 'events', 'idempotency_keys', 'closures', 'evidence_leaves', 'evidence_cosignatures', 'media', 'media_uploads', 'incident_reports', 'dispatch_policies', 'warning_imports', 'zones', 'strike_history', 'sightings', 'alerts', 'alert_messages', 'webhooks', 'webhook_deliveries', 'worksites', 'worksite_asr', 'hospitals', 'victims', 'missing_persons', 'supply_stock', 'supply_movements', 'supply_requests', 'vehicle_state', 'vehicle_trips', 'shifts', 'volunteer_casualties'];
const PASSWORD = 'correct horse battery staple';
const label = (r: AnyRoute) => `${r.method} ${r.url}`;
// Logout is left out: it would revoke the very token the fuzzer uses.
const WRITE_ROUTES = ROUTES.filter((r) => r.method !== 'GET' && r.url !== '/api/v1/auth/logout');
const LIST_ROUTES = ROUTES.filter((r) => r.method === 'GET');

let t: TestApp;
let admin: Record<string, string>;
type World = { centreId: string; teamId: string; unitId: string; incidentId: string; volunteerId: string; closureId: string; uploadId: string; alertId: string; userId: string; userName: string } & FieldWorld;
let seed: World;
// A witness the fuzzed app trusts, and the checkpoint it cosigns (each valid body a newer cosignature).
const WITNESS = parseSignerKey(generateSigningKey('witness.example/fuzz', { type: SIG_COSIGNATURE_V1 }).signingKey);
let cosigned: { size: number; text: string };
let cosignedAt = 1_700_000_000;

async function counts(app: TestApp): Promise<Counts> {
  // The warning engine writes after an incident is reported, off the request: let it finish first.
  await app.runtime.ctx.warning.idle();
  // Dispatch follows some changes up off the request (alerts, auto-dispatch): let it finish too.
  await app.runtime.ctx.dispatch.watcher.idle();
  const columns = TABLES.map((name) => sql`(select count(*) from ${sql.table(name)}) as ${sql.id(name)}`);
  const { rows } = await sql<Counts>`select ${sql.join(columns)}`.execute(app.runtime.ctx.storage.db);
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
}

/** A centre, team, unit, incident, volunteer and road closure of its own; the account is shared, as creating one costs a scrypt hash. */
async function newWorld(user: Pick<World, 'userId' | 'userName'>): Promise<World> {
  const { centreId, teamId, unitId } = await seedUnit(t);
  const incidentId = await seedIncident(t);
  const volunteerId = newUlid();
  await post('/api/v1/volunteers', { id: volunteerId, name: `Volunteer ${volunteerId.slice(-8)}`, function: 'medic', centre_id: centreId });
  const closureId = newUlid();
  await post('/api/v1/closures', { ...closureBody(), id: closureId });
  // An upload with all its bytes, waiting to be completed.
  const uploadId = newUlid();
  await post('/api/v1/media/uploads', { id: uploadId, content_type: 'image/jpeg', bytes: 10 });
  const sent = await t.app.inject({ method: 'PATCH', url: `/api/v1/media/uploads/${uploadId}`, headers: { ...admin, 'content-type': 'application/octet-stream', 'upload-offset': '0' }, payload: Buffer.from('0123456789') });
  if (sent.statusCode !== 200) throw new Error(`upload: ${sent.statusCode} ${sent.body}`);
  alertId ??= await seedAlert();
  webhookId ??= ((await post('/api/v1/webhooks', { id: newUlid(), name: 'Fuzzed relay', url: 'http://127.0.0.1:9/hook' })) as { id: string }).id;
  const field = await seedFieldWorld(t, { centreId, teamId, unitId, incidentId });
  return { centreId, teamId, unitId, incidentId, volunteerId, closureId, uploadId, alertId, userId: user.userId, userName: user.userName, ...field };
}

// Points in the test apps' demo city (seed 1, 2,000 nodes, around 36.20 N 37.15 E): near its centre sites.
const WEST = { lat: 36.2021, lon: 37.1399 };
const EAST = { lat: 36.1956, lon: 37.155 };
const closureBody = (): Body => ({ id: newUlid(), kind: 'slowdown', factor: 2.5, target: { circle: { lat: 36.2, lon: 37.15, radius_m: 80 } }, reason: 'rubble', note: 'debris', until: new Date(Date.now() + 3_600_000).toISOString(), profile: 'vehicle' });

async function post(url: string, payload: Body): Promise<Body> {
  const res = await t.app.inject({ method: 'POST', url, headers: admin, payload });
  if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json() as Body;
}

/** A helicopter reported a minute ago, 6.7 km south of the demo city and flying at it: it warns zones. */
const sightingBody = (): Body => ({ id: newUlid(), time: new Date(Date.now() - 60_000).toISOString(), spotter: { lat: 36.14, lon: 37.15 }, aircraft: 'helicopter', count: 1, heading_deg: 0, overhead: true, note: 'low, from the south' });

/** One alert, shared by every world: the engine keeps one per aircraft. */
let alertId: string | undefined;
let webhookId: string | undefined;
async function seedAlert(): Promise<string> {
  await post('/api/v1/sightings', sightingBody());
  const { items } = (await t.app.inject({ url: '/api/v1/alerts' })).json() as { items: { id: string }[] };
  if (!items[0]) throw new Error('the seeded sighting issued no alert');
  return items[0].id;
}

/** A fresh body each route accepts; the fuzzer mutates it, so mutations probe one rule at a time. */
function validBody(r: AnyRoute, w: World = seed): Body | undefined {
  const tag = newUlid().slice(-10);
  const at = new Date().toISOString();
  const bodies: Record<string, () => Body> = {
    'POST /api/v1/auth/login': () => ({ name: w.userName, password: PASSWORD }),
    'POST /api/v1/users': () => ({ name: `u-${tag.toLowerCase()}`, role: 'documenter', password: PASSWORD }),
    'POST /api/v1/centres': () => ({ id: newUlid(), name: `Centre ${tag}`, lat: 36.2, lon: 37.15 }),
    'POST /api/v1/teams': () => ({ id: newUlid(), name: `Team ${tag}`, centre_id: w.centreId }),
    'POST /api/v1/volunteers': () => ({ id: newUlid(), name: `V ${tag}`, function: 'driver', phone: '+963912345678', centre_id: w.centreId, team_id: w.teamId, status: 'on-duty' }),
    'POST /api/v1/volunteers/:id/status': () => ({ status: 'injured', note: 'shrapnel' }),
    'POST /api/v1/units': () => ({ id: newUlid(), name: `Unit ${tag}`, kind: 'fire-truck', centre_id: w.centreId, team_id: w.teamId, crew: [w.volunteerId], capabilities: ['firefighting'], lat: 36.2, lon: 37.1 }),
    'POST /api/v1/units/:id/status': () => ({ id: newUlid(), status: 'out-of-service', reason: 'maintenance', note: 'tyre', at, lat: 36.2, lon: 37.1 }),
    'PUT /api/v1/units/:id/position': () => ({ lat: 36.21, lon: 37.16, at }),
    'POST /api/v1/incidents': () => incidentBody({ reporter: 'spotter-7', description: 'two floors down', people_trapped: 2, casualties: 3 }),
    'POST /api/v1/incidents/:id/status': () => ({ status: 'closed', note: 'cleared' }),
    'POST /api/v1/incidents/:id/assignments': () => ({ id: newUlid(), unit_id: w.unitId, note: 'go' }),
    'POST /api/v1/incidents/:id/assessment': () => ({ severity: 5, people_trapped: 3, casualties: 6 }),
    'PUT /api/v1/centres/:id/dispatch-policy': () => ({ auto_dispatch: false, max_units: 2 }),
    'POST /api/v1/routes': () => ({ from: WEST, to: EAST, profile: 'vehicle' }),
    'POST /api/v1/travel-times': () => ({ to: EAST, from: [{ id: 'unit-1', ...WEST }, { lat: 36.203, lon: 37.151 }], limit_s: 3600, profile: 'foot' }),
    'POST /api/v1/closures': closureBody,
    'POST /api/v1/media/uploads': () => ({ id: newUlid(), content_type: 'image/jpeg', filename: `p-${tag}.jpg`, bytes: 10, incident_id: w.incidentId, lat: 36.2, lon: 37.15, captured_at: at }),
    'POST /api/v1/media/uploads/:id/complete': () => ({ sha256: '84d89877f0d4041efb6bf91a16f0248f2fd573e6af05c19f96bedb9f882f7882' }),
    'POST /api/v1/sightings': sightingBody,
    // A relay on a closed loopback port: nothing here sends to it, and nothing could leave the machine.
    'POST /api/v1/webhooks': () => ({ id: newUlid(), name: `Relay ${tag}`, url: 'http://127.0.0.1:9/hook' }),
    'POST /api/v1/evidence/cosignatures': () => ({ size: cosigned.size, cosignature: cosignNote(cosigned.text, WITNESS, cosignedAt++) }),
    ...fieldBodies(w),
  };
  if (!r.body) return undefined;
  const make = bodies[label(r)];
  if (!make) throw new Error(`fuzz.test.ts has no valid body for ${label(r)}: add one`);
  return make();
}

/** The real id a route's :id names, so the handler itself runs and not only the 404 path. */
function urlOf(r: AnyRoute, w: World = seed): string {
  const special = fieldUrls(w)[label(r)];
  if (special) return special;
  const ids: Record<string, string> = { ...fieldIds(w), centres: w.centreId, volunteers: w.volunteerId, units: w.unitId, incidents: w.incidentId, users: w.userId, closures: w.closureId, uploads: w.uploadId, alerts: w.alertId, webhooks: webhookId ?? newUlid(), leaves: '0' };
  return r.url.replace(/\/([\w-]+)\/:\w+/g, (_m, coll: string) => `/${coll}/${ids[coll] ?? newUlid()}`);
}

const nanish = fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e309', '-0', '0x1F', 'null', 'undefined', '', ' ', '91', '36.2');
const junk = fc.oneof(
  fc.anything(),
  nanish,
  fc.constant('x'.repeat(200_000)),
  fc.constantFrom(91, -91, 181, -181, 90.000001, 1e308, -1e308, 0.1, -1, 0, 6, 2 ** 53),
  fc.double(),
  fc.array(fc.anything(), { maxLength: 5 }),
  fc.object({ maxDepth: 4 }),
);
/** What to do to the valid body; applied in the property so each run gets fresh ids. */
const mutation = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('none' as const), key: fc.nat(), value: fc.constant(null) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('drop' as const), key: fc.nat(), value: fc.constant(null) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('set' as const), key: fc.nat(), value: junk }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('geo' as const), key: fc.nat(), value: fc.constantFrom(91, -90.5, 181, -180.01, 'NaN', '36.2', null) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('extra' as const), key: fc.nat(), value: fc.tuple(fc.string({ minLength: 1 }), fc.anything()) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('nest' as const), key: fc.nat(), value: fc.object({ maxDepth: 3 }) }), weight: 1 },
);
type Mutation = { kind: 'none' | 'drop' | 'set' | 'geo' | 'extra' | 'nest'; key: number; value: unknown };

function mutate(valid: Body, m: Mutation): Body {
  const keys = Object.keys(valid);
  const key = keys[m.key % keys.length]!;
  const out = { ...valid };
  switch (m.kind) {
    case 'none':
      return out;
    case 'drop':
      delete out[key];
      return out;
    case 'set':
      return { ...out, [key]: m.value };
    case 'geo':
      return { ...out, [m.key % 2 ? 'lat' : 'lon']: m.value };
    case 'extra': {
      const [name, value] = m.value as [string, unknown];
      return name in valid ? out : { ...out, [name]: value };
    }
    case 'nest':
      return { ...out, [key]: { junk: m.value, again: [valid] } };
  }
}

/** Sends `payload` (already JSON text, or undefined for none) and checks the answer and the database. */
async function sendAndCheck(r: AnyRoute, url: string, payload: string | undefined, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const before = await counts(t);
  const res = await t.app.inject({
    method: r.method,
    url,
    headers: { ...admin, ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(payload === undefined ? {} : { payload }),
  });
  const what = `${label(r)} ${(payload ?? '<none>').slice(0, 300)} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, what).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expectProblem(res, what);
    expect(await counts(t), `partial write: ${what}`).toEqual(before);
  }
  return res;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function expectProblem(res: LightMyRequestResponse, what = res.body) {
  expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
  const p = res.json() as { status: unknown; title: unknown; detail: unknown };
  expect(p.status, what).toBe(res.statusCode);
  expect(p.title, what).toEqual(expect.any(String));
  expect(typeof p.detail === 'string' && p.detail.length > 0, what).toBe(true);
}

// Apps with other settings (further down) start only once this one has closed: on PostgreSQL a migration that
// runs while another migrated schema exists fails (Kysely's Migrator looks for its tables in every schema).
describe('one app', () => {
  beforeAll(async () => {
    t = await startTestApp({ witnessKeys: [WITNESS.verifierKey] });
    admin = bearer(await t.tokenFor('admin'));
    const cp = await t.runtime.ctx.evidence.sync(true);
    cosigned = { size: cp.size, text: parseNote(cp.note).text };
    const userName = `target-${newUlid().slice(-8).toLowerCase()}`;
    const { user } = (await post('/api/v1/users', { name: userName, role: 'viewer', password: PASSWORD })) as { user: { id: string } };
    seed = await newWorld({ userId: user.id, userName });
  });
  afterAll(() => t.close());

  describe('random bodies at every write route', () => {
    it.each(WRITE_ROUTES.map((r) => [label(r), r] as const))('%s: no 5xx, problem+json, no partial writes', async (_name, r) => {
      const body = fc.oneof(
        { arbitrary: fc.anything().map((v) => ({ v })), weight: 1 },
        { arbitrary: fc.object().map((v) => ({ v })), weight: 1 },
        { arbitrary: mutation.map((m) => ({ m })), weight: r.body ? 6 : 0 },
      );
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          const valid = validBody(r);
          const value = 'm' in b ? mutate(valid!, b.m) : b.v;
          await sendAndCheck(r, urlOf(r), JSON.stringify(value));
        }),
        { numRuns: 50 },
      );
    });

    // Else a typo in a valid body would turn every mutation into the same 422 and the fuzzer into a no-op...
    it.each(WRITE_ROUTES.filter((r) => r.body).map((r) => [label(r), r] as const))('%s: takes its unmutated valid body', async (_name, r) => {
      const world = await newWorld(seed);
      const before = await counts(t);
      const res = await t.app.inject({ method: r.method, url: urlOf(r, world), headers: admin, payload: validBody(r, world) });
      expect(res.statusCode, res.body).toBe(r.status ?? 200);
      // ...and the row counts the partial-write check relies on do see a write (a question answered writes nothing).
      if (r.readOnly) expect(await counts(t)).toEqual(before);
      else expect((await counts(t)).events).toBeGreaterThan(before.events!);
    });

    it('answers 400 to malformed JSON and never a 5xx to any raw string', async () => {
      const text = fc.oneof(
        fc.string(),
        fc.json().map((s) => s.slice(0, -1)),
        fc.constantFrom('{', '{"a":', "{'a':1}", 'NaN', '[1,]', '{"lat": 91,}', '\u0000', '{"__proto__":{"x":1}}', '   ', '{"a":1}{"b":2}'),
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...WRITE_ROUTES), text, async (r, raw) => {
          const res = await sendAndCheck(r, urlOf(r), raw);
          if (!parses(raw)) expect(res.statusCode, `${label(r)} ${JSON.stringify(raw)}`).toBe(400);
        }),
        { numRuns: 150 },
      );
    });

    it.each(WRITE_ROUTES.map((r) => [label(r), r] as const))('%s: 413 for a body over 1 MiB', async (_name, r) => {
      const huge = JSON.stringify({ ...validBody(r), description: 'x'.repeat(1024 * 1024 + 1) });
      const res = await sendAndCheck(r, urlOf(r), huge);
      expect(res.statusCode).toBe(413);
    });

    it.each(WRITE_ROUTES.map((r) => [label(r), r] as const))('%s: 415 for a body that is not JSON', async (_name, r) => {
      for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        const before = await counts(t);
        const payload = JSON.stringify(validBody(r) ?? { a: 1 });
        const res = await t.app.inject({ method: r.method, url: urlOf(r), headers: { ...admin, 'content-type': type }, payload });
        expect(res.statusCode, `${type}: ${res.body}`).toBe(415);
        expectProblem(res);
        expect(await counts(t)).toEqual(before);
      }
    });
  });

  describe('query parameters', () => {
    it.each(LIST_ROUTES.map((r) => [label(r), r] as const))('%s: 422 naming an unknown parameter', async (_name, r) => {
      const res = await t.app.inject({ url: `${urlOf(r)}?bogus_param=1`, headers: admin });
      expect(res.statusCode, res.body).toBe(422);
      expectProblem(res);
      expect((res.json() as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain('bogus_param');
      expect((res.json() as { detail: string }).detail).toContain('bogus_param');
    });
  });

  describe('tokens', () => {
    const malformed = ['Bearer not-a-real-token', 'Bearer ', 'Bearer', 'Basic dXNlcjpwYXNzd29yZA==', 'Token abc', `Bearer ${'a'.repeat(201)}`, 'Bearer a b', 'Bearer a\tb'];

    it.each(malformed)('401 for Authorization: %j, on a read and on a write', async (authorization) => {
      const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization } });
      expectProblem(me);
      expect(me.statusCode).toBe(401);
      expect(me.headers['www-authenticate']).toBe('Bearer');
      const incidents = ROUTES.find((r) => label(r) === 'POST /api/v1/incidents')!;
      const write = await sendAndCheck(incidents, '/api/v1/incidents', JSON.stringify(incidentBody()), { authorization });
      expect(write.statusCode).toBe(401);
    });

    it('takes the scheme in any case, the token only as issued', async () => {
      const token = await t.tokenFor('viewer');
      expect((await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `bearer ${token}` } })).statusCode).toBe(200);
      expect((await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `BEARER ${token}` } })).statusCode).toBe(200);
      const flipped = token.replace(/[a-z]/, (c) => c.toUpperCase());
      expect(flipped).not.toBe(token);
      expect((await t.app.inject({ url: '/api/v1/auth/me', headers: bearer(flipped) })).statusCode).toBe(401);
    });

    it('401 for a token after logout', async () => {
      const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name: seed.userName, password: PASSWORD } });
      const token = (login.json() as { token: string }).token;
      expect((await t.app.inject({ url: '/api/v1/auth/me', headers: bearer(token) })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(token) })).statusCode).toBe(200);
      const after = await t.app.inject({ url: '/api/v1/auth/me', headers: bearer(token) });
      expectProblem(after);
      expect(after.statusCode).toBe(401);
      expect((after.json() as { detail: string }).detail).toContain('revoked');
    });
  });
});

describe('expired sessions', () => {
  let short: TestApp;
  beforeAll(async () => {
    short = await startTestApp({ sessionTtlSeconds: 1 });
  });
  afterAll(() => short.close());

  it('401 once the session has expired', async () => {
    const token = await short.tokenFor('dispatcher');
    expect((await short.app.inject({ url: '/api/v1/auth/me', headers: bearer(token) })).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const res = await short.app.inject({ url: '/api/v1/auth/me', headers: bearer(token) });
    expectProblem(res);
    expect(res.statusCode).toBe(401);
    expect((res.json() as { detail: string }).detail).toContain('expired');
  });
});

describe('login rate limit', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ loginAttemptsPerMinute: 3 });
  });
  afterAll(() => limited.close());

  const login = (name: string, password: string) => limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name, password } });

  it('refuses the 4th attempt in a minute with 429 and retry-after, even with the right password', async () => {
    const adminToken = bearer(await limited.tokenFor('admin'));
    const name = `guessed-${newUlid().slice(-8).toLowerCase()}`;
    const created = await limited.app.inject({ method: 'POST', url: '/api/v1/users', headers: adminToken, payload: { name, role: 'viewer', password: PASSWORD } });
    expect(created.statusCode).toBe(201);
    for (let i = 0; i < 3; i++) expect((await login(name, `wrong-${i}`)).statusCode).toBe(401);
    const before = await counts(limited);
    const res = await login(name, PASSWORD);
    expectProblem(res);
    expect(res.statusCode).toBe(429);
    const retryAfter = Number(res.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `retry-after ${res.headers['retry-after']}`).toBe(true);
    expect(await counts(limited)).toEqual(before);
  });

  it('limits per name: another account from the same address still logs in', async () => {
    await expect(limited.tokenFor('viewer')).resolves.toEqual(expect.any(String));
  });
});
