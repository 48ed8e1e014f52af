import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { newUlid } from '@civdef/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { alertZone, emitAlert } from '../test-support/alert-events.js';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';
import { verifySignature } from './webhook-signature.js';
import { WebhookWorker } from './webhook-worker.js';

// Relays' webhooks end to end: configured over the API, fed from the durable outbox, sent to a real local
// HTTP server that fails on purpose.

let t: TestApp;
let admin: Record<string, string>;
const servers: Server[] = [];
const workers: WebhookWorker[] = [];

beforeAll(async () => {
  t = await startTestApp();
  admin = bearer(await t.tokenFor('admin'));
});
// A test that fails midway must not leave its worker delivering into the next test's relay.
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop();
});
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
  await t.close();
});

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A relay that answers `statuses[i]` to its i-th request (the last one from then on). */
async function relay(statuses: number[]): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(statuses[Math.min(received.length, statuses.length) - 1]!).end('ok');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?token=abc`, received };
}

function worker(maxAttempts = 4): WebhookWorker {
  const w = new WebhookWorker(t.runtime.ctx, {
    publicUrl: 'https://civdef.example.org/', // only written into bodies, never contacted
    pollMs: 20,
    timeoutMs: 2000,
    maxAttempts,
    backoff: { baseMs: 30, maxMs: 200 },
    concurrency: 4,
  });
  workers.push(w);
  return w;
}

async function create(url: string, id = newUlid()) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: admin, payload: { id, name: `Relay ${id.slice(-4)}`, url } });
  return res;
}

async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const listed = async () => (await t.app.inject({ url: '/api/v1/webhooks', headers: admin })).json() as { items: Array<{ id: string; deliveries: Record<string, unknown> }> };

describe('POST/GET/DELETE /api/v1/webhooks', () => {
  it('shows the secret once, replays a retry without it, and refuses the id reused for another relay', async () => {
    const id = newUlid();
    const first = await create('http://127.0.0.1:9/civdef', id);
    expect(first.statusCode, first.body).toBe(201);
    const made = first.json() as { secret: string; url: string };
    expect(made.secret).toMatch(/^[\w-]{43}$/);
    expect(made.url).toBe('http://127.0.0.1:9/civdef');
    const again = await create('http://127.0.0.1:9/civdef', id);
    expect(again.statusCode).toBe(200);
    expect((again.json() as { secret: unknown }).secret).toBeNull();
    expect((await create('http://127.0.0.1:9/other', id)).statusCode).toBe(409);
    const row = (await listed()).items.find((w) => w.id === id)!;
    expect(row).not.toHaveProperty('secret');
    expect(JSON.stringify(await listed())).not.toContain(made.secret);
    // The audit trail names the relay, but not a token its URL might carry.
    const events = await t.runtime.ctx.storage.db.selectFrom('events').selectAll().where('subject_id', '=', id).execute();
    expect(events.map((e) => e.type)).toEqual(['webhook.created']);
    expect(events[0]!.data).not.toContain(made.secret);
    // Nothing is ever sent to it: the workers below deliver to every live webhook.
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${id}`, headers: admin })).statusCode).toBe(200);
  });

  it.each([
    ['ftp://127.0.0.1/'],
    ['https://user:pw@127.0.0.1/'],
    ['not a url'],
  ])('refuses %s with a 422', async (url) => {
    expect((await create(url)).statusCode).toBe(422);
  });

  it('is for admins only', async () => {
    const res = await t.app.inject({ url: '/api/v1/webhooks', headers: bearer(await t.tokenFor('dispatcher')) });
    expect(res.statusCode).toBe(403);
  });

  it('delivering: each alert event POSTed signed, retried with backoff after failures, the same delivery each time', async () => {
    const r = await relay([503, 500, 200]);
    const made = (await create(r.url)).json() as { id: string; secret: string };
    const w = worker();
    w.start();
    const alertId = newUlid();
    const seq = await emitAlert(t.runtime.ctx, { type: 'alert.issued', alertId, zones: [alertZone('w1', new Date())] });
    await until('three attempts', () => r.received.length >= 3);
    await until('delivered', async () => (await listed()).items.find((x) => x.id === made.id)!.deliveries.delivered === 1);
    const bodies = r.received.map((x) => JSON.parse(x.body) as { delivery: { id: string; attempt: number; sent_at: string }; alert_id: string; seq: number; cap_url: string; zones: Array<{ id: string }> });
    expect(bodies.map((b) => b.delivery.attempt)).toEqual([1, 2, 3]);
    expect(new Set(bodies.map((b) => b.delivery.id)).size).toBe(1);
    for (const [i, got] of r.received.entries()) {
      expect(verifySignature(made.secret, got.body, got.headers['x-civdef-signature'] as string), 'signature').toBe(true);
      expect(verifySignature(made.secret, `${got.body} `, got.headers['x-civdef-signature'] as string)).toBe(false);
      expect(got.headers['content-type']).toBe('application/json');
      expect(Number(got.headers['x-civdef-timestamp'])).toBe(Math.floor(Date.parse(bodies[i]!.delivery.sent_at) / 1000));
      expect(got.headers['x-civdef-delivery']).toBe(bodies[i]!.delivery.id);
    }
    expect(bodies[2]).toMatchObject({ alert_id: alertId, seq, type: 'alert.issued', cap_url: `https://civdef.example.org/api/v1/alerts/${alertId}.cap`, zones: [{ id: 'w1' }] });
    // Backed off: the second retry waited longer than the first.
    const times = bodies.map((b) => Date.parse(b.delivery.sent_at));
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(20);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(40);
    await w.stop();
  });

  it('gives up after the last attempt and records it, as an event and in the counts', async () => {
    const r = await relay([500]);
    const made = (await create(r.url)).json() as { id: string };
    const w = worker(3);
    w.start();
    await emitAlert(t.runtime.ctx, { type: 'alert.issued', alertId: newUlid(), zones: [alertZone('w2', new Date())] });
    await until('given up', async () => (await listed()).items.find((x) => x.id === made.id)!.deliveries.failed === 1);
    await w.stop();
    expect(r.received).toHaveLength(3);
    expect((await listed()).items.find((x) => x.id === made.id)!.deliveries).toEqual({ pending: 0, delivered: 0, failed: 1, last_failure: 'HTTP 500' });
    const failed = await t.runtime.ctx.storage.db.selectFrom('events').selectAll().where('type', '=', 'webhook.delivery-failed').where('subject_id', '=', made.id).execute();
    expect(failed).toHaveLength(1);
    expect(JSON.parse(failed[0]!.data)).toMatchObject({ attempts: 3, last_status: 500, last_error: 'HTTP 500' });
  });

  it('sends what was issued while no worker ran (the outbox is the event log), only alerts from its creation on, and nothing once deleted', async () => {
    const old = newUlid();
    await emitAlert(t.runtime.ctx, { type: 'alert.issued', alertId: old, zones: [alertZone('w3', new Date())] });
    const r = await relay([200]);
    const made = (await create(r.url)).json() as { id: string };
    const whileDown = newUlid();
    await emitAlert(t.runtime.ctx, { type: 'alert.issued', alertId: whileDown, zones: [alertZone('w3', new Date())] });
    await emitAlert(t.runtime.ctx, { type: 'alert.cancelled', alertId: whileDown, zones: [], previousZones: [alertZone('w3', new Date())] });
    const w = worker();
    w.start();
    await until('two deliveries', () => r.received.length >= 2);
    await w.stop();
    // Deliveries run side by side, so they may arrive in either order; relays order them by seq.
    const bodies = r.received.map((x) => JSON.parse(x.body) as { alert_id: string; type: string; seq: number }).sort((x, y) => x.seq - y.seq);
    expect(bodies.map((b) => [b.alert_id, b.type])).toEqual([
      [whileDown, 'alert.issued'],
      [whileDown, 'alert.cancelled'],
    ]);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${made.id}`, headers: admin });
    expect(del.statusCode, del.body).toBe(200);
    expect((del.json() as { deleted_at: string | null }).deleted_at).not.toBeNull();
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${made.id}`, headers: admin })).json()).toEqual(del.json());
    expect((await listed()).items.some((x) => x.id === made.id)).toBe(false);
    await emitAlert(t.runtime.ctx, { type: 'alert.issued', alertId: newUlid(), zones: [alertZone('w3', new Date())] });
    const again = worker();
    await again.pass();
    expect(r.received).toHaveLength(2);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${newUlid()}`, headers: admin })).statusCode).toBe(404);
  });
});
