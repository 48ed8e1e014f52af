import { Writable } from 'node:stream';
import { newUlid } from '@civdef/core';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertDelivery } from '../delivery/delivery.js';
import { DEFAULT_DELIVERY } from '../delivery/settings.js';
import { buildApp } from '../http/app.js';
import { openRuntime } from '../runtime.js';
import { SYSTEM_ACTOR } from '../services/context.js';
import { inTransaction } from '../services/transaction.js';
import { alertZone, emitAlert } from '../test-support/alert-events.js';
import { openTestStorage, startTestApp, testConfig, type TestApp } from '../test-support/harness.js';
import { openSse, type SseFrame, type SseReader } from '../test-support/sse-reader.js';

// The public alert stream on real sockets (app.inject cannot follow a response that never ends).

let t: TestApp;
let base: string;
const open: SseReader[] = [];

beforeAll(async () => {
  t = await startTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  for (const s of open) s.close();
  await t.close();
});

async function subscribe(zones: string, headers: Record<string, string> = {}): Promise<SseReader> {
  const s = await openSse(`${base}/api/v1/alerts/stream?zones=${zones}`, headers);
  open.push(s);
  return s;
}

const alertsIn = (frames: SseFrame[]) =>
  frames.filter((f) => f.event?.startsWith('alert.')).map((f) => ({ ...(JSON.parse(f.data!) as { alert_id: string; seq: number; type: string }), id: Number(f.id) }));
const cursorOf = (frames: SseFrame[]) => frames.filter((f) => f.id !== undefined && f.data === undefined).map((f) => Number(f.id));
const opened = (s: SseReader) => s.waitFor('cursor', (f) => cursorOf(f).length > 0);
const now = () => new Date();

describe('GET /api/v1/alerts/stream', () => {
  it.each([
    ['no zones', ''],
    ['an empty zone id', '?zones=a,,b'],
    ['a zone id with a space', '?zones=a%20b'],
    ['a zone id with <', '?zones=%3Cscript%3E'],
    ['33 zones', `?zones=${Array.from({ length: 33 }, (_, i) => `z${i}`).join(',')}`],
    ['an unknown parameter', '?zones=a&after=3'],
  ])('refuses %s with a 422 problem', async (_what, query) => {
    const res = await t.app.inject({ url: `/api/v1/alerts/stream${query}` });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses a Last-Event-ID that is not a seq', async () => {
    const s = await subscribe('a', { 'last-event-id': '1e3' });
    expect(s.status).toBe(422);
  });

  it('needs no account, and opens with the alerts in force for the zones asked, then a cursor at the current seq', async () => {
    const a = newUlid();
    const b = newUlid();
    const c = newUlid();
    await emitAlert(t.runtime.ctx, { type: 'alert.issued', alertId: a, zones: [alertZone('s1', now()), alertZone('s2', now())] });
    await emitAlert(t.runtime.ctx, { type: 'alert.issued', alertId: b, zones: [alertZone('s3', now())] });
    await emitAlert(t.runtime.ctx, { type: 'alert.issued', alertId: c, zones: [alertZone('s2', now())] });
    const last = await emitAlert(t.runtime.ctx, { type: 'alert.cancelled', alertId: c, zones: [], previousZones: [alertZone('s2', now())] });
    const s = await subscribe('s2,s9');
    expect(s.status).toBe(200);
    expect(s.headers.get('content-type')).toContain('text/event-stream');
    await opened(s);
    expect(alertsIn(s.frames).map((x) => x.alert_id)).toEqual([a]);
    expect(cursorOf(s.frames)).toEqual([last]);
    expect(s.frames[0]!.retry).toBe('3000');
  });

  it('sends each alert event live to the subscribers of the zones it names, before or after the change, once', async () => {
    const id = newUlid();
    const inL1 = await subscribe('l1');
    const inL1L2 = await subscribe('l1,l2');
    const inL3 = await subscribe('l3');
    const elsewhere = await subscribe('l9');
    await Promise.all([inL1, inL1L2, inL3, elsewhere].map(opened));
    const issued = await emitAlert(t.runtime.ctx, { type: 'alert.issued', alertId: id, zones: [alertZone('l1', now()), alertZone('l2', now())] });
    const moved = await emitAlert(t.runtime.ctx, { type: 'alert.updated', alertId: id, zones: [alertZone('l3', now())] });
    const cancelled = await emitAlert(t.runtime.ctx, { type: 'alert.cancelled', alertId: id, zones: [], previousZones: [alertZone('l3', now())] });
    await inL3.waitFor('the cancel', (f) => alertsIn(f).some((x) => x.id === cancelled));
    await inL1L2.waitFor('the update', (f) => alertsIn(f).some((x) => x.id === moved));
    // l1's subscribers learn the alert left their zone; l3's hear of it when it arrives and when it ends.
    expect(alertsIn(inL1.frames).map((x) => [x.id, x.type])).toEqual([[issued, 'alert.issued'], [moved, 'alert.updated']]);
    expect(alertsIn(inL1L2.frames).map((x) => x.id)).toEqual([issued, moved]);
    expect(alertsIn(inL3.frames).map((x) => x.id)).toEqual([moved, cancelled]);
    expect(alertsIn(elsewhere.frames)).toEqual([]);
    const update = alertsIn(inL1.frames)[1] as unknown as { zones: Array<{ id: string; name_ar: string }>; seq: number; at: string; aircraft: string };
    expect(update).toMatchObject({ seq: moved, aircraft: 'jet', zones: [{ id: 'l3', name_ar: 'منطقة l3' }] });
  });

  it('publishes only the contract fields of an alert event, never what else a writer put in it', async () => {
    const s = await subscribe('p1');
    await opened(s);
    const zone = alertZone('p1', now());
    await inTransaction(t.runtime.ctx, SYSTEM_ACTOR, (tx) =>
      tx.emit({
        type: 'alert.issued',
        subjectType: 'alert',
        subjectId: 'X',
        data: { alert_id: 'X', action: 'issue', aircraft: 'drone', track_id: 'T', issued_at: tx.at, zones: [zone], spotter: { name: 'Abu Ahmad', lat: 36.2 } },
      }),
    );
    await s.waitFor('the alert', (f) => alertsIn(f).length === 1);
    const data = s.messages().at(-1)!.data!;
    expect(data).not.toContain('Abu Ahmad');
    expect(Object.keys(JSON.parse(data) as object).sort()).toEqual(['action', 'aircraft', 'alert_id', 'at', 'issued_at', 'seq', 'track_id', 'type', 'zones']);
  });

  it('a reconnect with Last-Event-ID is sent exactly the events it missed for its zones, without the snapshot', async () => {
    const id = newUlid();
    const first = await subscribe('r1');
    await opened(first);
    const resumeFrom = cursorOf(first.frames)[0]!;
    first.close();
    const missed1 = await emitAlert(t.runtime.ctx, { type: 'alert.issued', alertId: id, zones: [alertZone('r1', now())] });
    await emitAlert(t.runtime.ctx, { type: 'alert.issued', alertId: newUlid(), zones: [alertZone('r2', now())] });
    const missed2 = await emitAlert(t.runtime.ctx, { type: 'alert.updated', alertId: id, zones: [alertZone('r1', now(), 20)] });
    const again = await subscribe('r1', { 'last-event-id': String(resumeFrom) });
    await opened(again);
    expect(alertsIn(again.frames).map((x) => x.id)).toEqual([missed1, missed2]);
    expect(again.frames.some((f) => f.event === 'reset')).toBe(false);
    // And once up to date, a reconnect is sent nothing but the cursor.
    const upToDate = await subscribe('r1', { 'last-event-id': String(cursorOf(again.frames)[0]) });
    await opened(upToDate);
    expect(alertsIn(upToDate.frames)).toEqual([]);
  });

  it('after a restart, rebuilds what is in force from the events table; a resume from before what it holds gets a reset and the snapshot', async () => {
    const kept = newUlid();
    const z = alertZone('q1', now());
    const before = await emitAlert(t.runtime.ctx, { type: 'alert.issued', alertId: kept, zones: [z] });
    for (let i = 0; i < 3; i++) await emitAlert(t.runtime.ctx, { type: 'alert.issued', alertId: newUlid(), zones: [alertZone('q2', now())] });
    const ended = newUlid();
    await emitAlert(t.runtime.ctx, { type: 'alert.issued', alertId: ended, zones: [z] });
    const last = await emitAlert(t.runtime.ctx, { type: 'alert.cancelled', alertId: ended, zones: [], previousZones: [z] });
    // A new delivery on the same database, holding only the last 2 alert frames.
    const original = t.runtime.deps.delivery;
    const restarted = await AlertDelivery.open(t.runtime.ctx, { ...DEFAULT_DELIVERY, listenUrl: base, feed: { recentCapacity: 2 } });
    t.runtime.deps.delivery = restarted;
    try {
      const fresh = await subscribe('q1');
      await opened(fresh);
      expect(alertsIn(fresh.frames).map((x) => x.alert_id)).toEqual([kept]);
      expect(cursorOf(fresh.frames)).toEqual([last]);
      const resumed = await subscribe('q1', { 'last-event-id': String(before) });
      await opened(resumed);
      expect(resumed.frames.map((f) => f.event ?? (f.id ? 'cursor' : 'other'))).toEqual(['other', 'reset', 'alert.issued', 'cursor']);
      expect(alertsIn(resumed.frames).map((x) => x.alert_id)).toEqual([kept]);
      // A Last-Event-ID from the future (another server's log) is no resume either.
      const future = await subscribe('q1', { 'last-event-id': String(last + 1000) });
      await opened(future);
      expect(future.frames.some((f) => f.event === 'reset')).toBe(true);
    } finally {
      t.runtime.deps.delivery = original;
      await restarted.close();
    }
  });

  it('answers 429 with retry-after when it holds as many subscribers as it may', async () => {
    const original = t.runtime.deps.delivery;
    const small = await AlertDelivery.open(t.runtime.ctx, { ...DEFAULT_DELIVERY, listenUrl: base, hub: { maxSubscribers: 1 } });
    t.runtime.deps.delivery = small;
    try {
      const one = await subscribe('m1');
      await opened(one);
      const res = await fetch(`${base}/api/v1/alerts/stream?zones=m1`);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('30');
    } finally {
      t.runtime.deps.delivery = original;
      await small.close();
    }
  });
});

describe('privacy of public subscribers', () => {
  it('logs nothing of a stream request, while other requests are logged', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const { storage, dataDir, cleanup } = await openTestStorage();
    const runtime = await openRuntime(testConfig(dataDir), storage);
    runtime.deps.ctx.log = pino({ level: 'info' }, sink);
    const app = await buildApp(runtime.deps);
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const s = await openSse(`${url}/api/v1/alerts/stream?zones=x1`, { 'user-agent': 'subscriber-agent' });
      await s.waitFor('cursor', (f) => cursorOf(f).length > 0);
      s.close();
      const bad = await fetch(`${url}/api/v1/alerts/stream?zones=a%20b`, { headers: { 'user-agent': 'subscriber-agent' } });
      expect(bad.status).toBe(422);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 50));
      expect(lines.join('')).toContain('/healthz'); // the capture works
      expect(lines.join('')).not.toContain('alerts/stream');
      expect(lines.join('')).not.toContain('subscriber-agent');
    } finally {
      // As the harness does: storage is closed once, by cleanup().
      await app.close();
      await runtime.deps.delivery.close();
      runtime.ctx.roads.close();
      await cleanup();
    }
  });
});
