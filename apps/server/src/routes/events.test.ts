import type { DomainEvent } from '@civdef/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../test-support/harness.js';
import { incidentBody, seedIncident } from '../test-support/fixtures.js';

// The audit trail over HTTP: the filtered list, and the SSE stream on a real socket, since app.inject
// cannot follow a response that never ends.

let t: TestApp;
let base: string;
let auth: Record<string, string>;
const streams: Stream[] = [];

beforeAll(async () => {
  t = await startTestApp();
  auth = bearer(await t.tokenFor('dispatcher'));
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  // Open streams would keep app.close() waiting.
  for (const s of streams) s.close();
  await t.close();
});

const list = async (query: string, headers = auth) => t.app.inject({ url: `/api/v1/events?${query}`, headers });
const items = async (query: string) => {
  const res = await list(query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: DomainEvent[]; next_after: number | null };
};

/** Runs `work` with the server's clock set to `at`, so the events it writes carry that time. */
async function at<T>(iso: string, work: () => Promise<T>): Promise<T> {
  const real = t.runtime.ctx.now;
  t.runtime.ctx.now = () => new Date(iso);
  try {
    return await work();
  } finally {
    t.runtime.ctx.now = real;
  }
}

describe('GET /api/v1/events', () => {
  // Times in the past, so sessions opened at the real time are still valid while the clock is moved.
  const T1 = '2021-05-01T10:00:00.000Z';
  const T2 = '2021-05-01T11:00:00.000Z';
  const T3 = '2021-05-01T12:00:00.000Z';
  let a: string;
  let b: string;
  beforeAll(async () => {
    a = await at(T1, () => seedIncident(t));
    b = await at(T2, () => seedIncident(t));
    await at(T3, () => t.app.inject({ method: 'POST', url: `/api/v1/incidents/${a}/status`, headers: { ...auth, 'x-device-id': 'tablet-3' }, payload: { status: 'closed' } }));
  });

  it('filters by subject and records who, when and from which device', async () => {
    const { items: got } = await items(`subject_id=${a}`);
    expect(got.map((e) => [e.type, e.at])).toEqual([
      ['incident.reported', T1],
      ['incident.status-changed', T3],
    ]);
    const me = (await t.app.inject({ url: '/api/v1/auth/me', headers: auth })).json() as { id: string };
    expect(got[1]).toMatchObject({ subject_type: 'incident', subject_id: a, actor_id: me.id, device_id: 'tablet-3', data: { from: 'open', to: 'closed' } });
  });

  it('filters by type', async () => {
    const { items: got } = await items('type=incident.status-changed');
    expect(got.map((e) => e.subject_id)).toEqual([a]);
  });

  it('filters by time: since inclusive, until exclusive, any zone offset', async () => {
    expect((await items(`since=${T1}&until=${T3}`)).items.map((e) => e.subject_id)).toEqual([a, b]);
    expect((await items(`since=${T2}&until=${T3}`)).items.map((e) => e.subject_id)).toEqual([b]);
    // 13:00 at +02:00 is T2; '+' must be escaped in a query string.
    expect((await items(`since=${encodeURIComponent('2021-05-01T13:00:00+02:00')}&until=${T3}`)).items.map((e) => e.subject_id)).toEqual([b]);
    const late = (await items(`since=${T3}&subject_id=${a}`)).items;
    expect(late.map((e) => e.type)).toEqual(['incident.status-changed']);
    expect((await items(`until=${T1}`)).items).toEqual([]);
  });

  it('pages with after and limit; next_after is null on the last page', async () => {
    const when = '2021-06-01T00:00:00.000Z';
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await at(when, () => seedIncident(t)));
    const seen: DomainEvent[] = [];
    const cursors: (number | null)[] = [];
    let after: number | null = 0;
    while (after !== null) {
      const page = await items(`type=incident.reported&since=${when}&limit=2&after=${after}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursors.push(page.next_after);
      after = page.next_after;
    }
    expect(seen.map((e) => e.subject_id)).toEqual(ids);
    expect(cursors).toEqual([seen[1]!.seq, seen[3]!.seq, null]);
    const seqs = seen.map((e) => e.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
  });

  it.each([
    ['an unknown parameter', 'colour=red', 'colour'],
    ['a time without a zone', 'since=2021-05-01T10:00:00', 'since'],
    ['a negative cursor', 'after=-1', 'after'],
    ['a zero limit', 'limit=0', 'limit'],
    ['a limit over 1000', 'limit=1001', 'limit'],
  ])('refuses %s with a 422 naming it', async (_what, query, field) => {
    const res = await list(query);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it('is closed to spotters and to callers without a token', async () => {
    expect((await list('', bearer(await t.tokenFor('spotter')))).statusCode).toBe(403);
    expect((await list('', {})).statusCode).toBe(401);
  });
});

interface SseMessage {
  id: number;
  event: string;
  data: DomainEvent;
}

interface Stream {
  status: number;
  messages: SseMessage[];
  /** Resolves once `n` messages have arrived. */
  waitFor(n: number, ms?: number): Promise<void>;
  close(): void;
}

/** Opens the SSE feed and parses it as it arrives. Resolves once the server's first comment is in. */
async function openStream(headers: Record<string, string> = {}, query = ''): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/v1/stream${query}`, { headers: { ...auth, ...headers }, signal: abort.signal });
  const messages: SseMessage[] = [];
  const stream: Stream = {
    status: res.status,
    messages,
    async waitFor(n, ms = 5000) {
      const end = Date.now() + ms;
      while (messages.length < n) {
        if (Date.now() > end) throw new Error(`stream: ${messages.length} of ${n} messages after ${ms} ms`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    close: () => abort.abort(),
  };
  streams.push(stream);
  if (res.status !== 200 || !res.body) return stream;
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let started!: () => void;
  const ready = new Promise<void>((r) => (started = r));
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(frame.split('\n').filter((l) => !l.startsWith(':') && l.includes(': ')).map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
          if (fields.data !== undefined) messages.push({ id: Number(fields.id), event: fields.event!, data: JSON.parse(fields.data) as DomainEvent });
          started();
        }
      }
    } catch {
      // Aborted by close(): the end of this reader.
    }
  })();
  await ready;
  return stream;
}

async function storedAfter(seq: number): Promise<number[]> {
  const rows = await t.runtime.ctx.storage.db.selectFrom('events').select('seq').where('seq', '>', seq).orderBy('seq').execute();
  return rows.map((r) => Number(r.seq));
}

const report = () => t.app.inject({ method: 'POST', url: '/api/v1/incidents', headers: auth, payload: incidentBody() });

describe('GET /api/v1/stream', () => {
  it('sends new events live with id = seq and event = type', async () => {
    const s = await openStream();
    const start = Math.max(0, ...(await storedAfter(0)));
    for (let i = 0; i < 3; i++) expect((await report()).statusCode).toBe(201);
    await s.waitFor(3);
    expect(s.messages.map((m) => m.id)).toEqual(await storedAfter(start));
    for (const m of s.messages) {
      expect(m.data.seq).toBe(m.id);
      expect(m.event).toBe(m.data.type);
    }
    s.close();
  });

  it('resumes with Last-Event-ID: every missed event once, in order, then live ones', async () => {
    const first = await openStream();
    await report();
    await report();
    await first.waitFor(2);
    const lastSeen = first.messages[1]!.id;
    first.close();

    // Changes made while the client is away.
    const away = await seedIncident(t);
    await t.app.inject({ method: 'POST', url: `/api/v1/incidents/${away}/status`, headers: auth, payload: { status: 'closed' } });
    for (let i = 0; i < 3; i++) await report();
    const missed = await storedAfter(lastSeen);
    expect(missed.length).toBeGreaterThanOrEqual(5);

    // A quiet reconnect: nothing new is written, so the missed events can only come from the stored log.
    const second = await openStream({ 'last-event-id': String(lastSeen) });
    await second.waitFor(missed.length);
    expect(second.messages.map((m) => m.id)).toEqual(missed);

    // A busy reconnect: live events race the read of the missed ones.
    const [third] = await Promise.all([openStream({ 'last-event-id': String(lastSeen) }), ...Array.from({ length: 10 }, report)]);
    const expected = await storedAfter(lastSeen);
    await third!.waitFor(expected.length);
    await report();
    await third!.waitFor(expected.length + 1);
    await second.waitFor(expected.length + 1);
    await new Promise((r) => setTimeout(r, 100)); // room for a duplicate to show up
    const all = await storedAfter(lastSeen);
    expect(third!.messages.map((m) => m.id)).toEqual(all);
    expect(second.messages.map((m) => m.id)).toEqual(all);
    second.close();
    third!.close();
  });

  it('resumes from ?after= the same way, and Last-Event-ID wins over it', async () => {
    await report();
    await report();
    const [x, y] = (await storedAfter(0)).slice(-2);
    const byQuery = await openStream({}, `?after=${x! - 1}`);
    await byQuery.waitFor(2);
    expect(byQuery.messages.map((m) => m.id)).toEqual([x, y]);
    const both = await openStream({ 'last-event-id': String(x) }, `?after=0`);
    await both.waitFor(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(both.messages.map((m) => m.id)).toEqual([y]);
    byQuery.close();
    both.close();
  });

  it.each(['abc', '-1', '1.5', '12abc'])('refuses Last-Event-ID %j with a 422 problem', async (value) => {
    const res = await fetch(`${base}/api/v1/stream`, { headers: { ...auth, 'last-event-id': value } });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors[0]!.path).toBe('Last-Event-ID');
  });

  it('is closed to spotters', async () => {
    const res = await fetch(`${base}/api/v1/stream`, { headers: bearer(await t.tokenFor('spotter')) });
    expect(res.status).toBe(403);
    await res.body?.cancel();
  });
});
