// npm run bench:warning -- --help
//
// Alert delivery: a sighting POSTed to a real server until it issues an alert, and the time until every open
// public subscription of the warned zones has the alert, beside a bare Node http SSE broadcaster, sent the same
// frame by a POST from the same client, writing it to the same number of sockets in the same run.
// Budget (DESIGN.md "Budgets"): p99 <= 300 ms, within 1.5x of the bare broadcaster.
import { fork, type ChildProcess } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { newUlid } from '@civdef/core';
import { readAlertEvent, zonesNamed } from '../apps/server/src/delivery/alert-event.js';
import { alertSse } from '../apps/server/src/delivery/sse-frame.js';
import { eventFromRow } from '../apps/server/src/events/event-row.js';
import { alertZone, emitAlert } from '../apps/server/src/test-support/alert-events.js';
import { startBareBroadcaster } from './lib/bare-sse.js';
import type { ClientCommand, ClientReply } from './lib/sse-clients.js';
import { startBenchServer, type BenchServer } from './lib/server.js';
import { summarize, type LatencySummary } from './lib/stats.js';

const USAGE = `Usage: npm run bench:warning -- [options]

Starts a civdef server in this process (127.0.0.1, free port, fresh SQLite in a temp folder, the small demo city
and its neighbourhoods as zones). A child process opens <subscriptions> public alert streams
(GET /api/v1/alerts/stream?zones=<one zone>) spread evenly over <zones> zones. Each round a dispatcher POSTs
sightings of a new helicopter crossing the city until one of them issues or updates an alert (the warning
service decides in the sighting's own transaction); the time runs from the moment that POST is written to its
socket to the arrival of the alert frame at each subscriber of a zone the event names. Then the same number of
streams is opened to a bare Node http SSE broadcaster, and the child POSTs it the same frame, which it writes to
as many sockets as civdef had to reach: the same clock, from the request written to the frame received. Both
requests come from the child process on a fresh loopback connection. "Fan-out only" times each side from the
moment its broadcast began (civdef: the committed alert event reaching the bus).
Memory per subscription: the server process's heap and RSS growth over the open streams, after a full GC.

Options (or environment variables):
  --subscriptions <n>   open streams                BENCH_SUBSCRIPTIONS  default 10000
  --zones <n>           zones they are spread over  BENCH_ZONES          default 50
  --rounds <n>          alerts measured per side    BENCH_ROUNDS         default 3
  --help                this text

Takes about 1-2 minutes. Exits 1 when a subscriber of a warned zone never receives its alert.`;

interface Settings {
  subscriptions: number;
  zones: number;
  rounds: number;
}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Settings {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (/^--[a-z]+=/.test(a)) flags.set(a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
    else if (/^--[a-z]+$/.test(a) && i + 1 < argv.length) flags.set(a.slice(2), argv[++i]!);
    else throw new Error(`unknown argument ${a}\n\n${USAGE}`);
  }
  for (const k of flags.keys()) if (!['subscriptions', 'zones', 'rounds'].includes(k)) throw new Error(`unknown option --${k}\n\n${USAGE}`);
  const num = (flag: string, envName: string, dflt: number, min: number, max: number): number => {
    const raw = flags.get(flag) ?? env[envName];
    if (raw === undefined || raw === '') return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${flag} (${envName}) must be an integer in [${min}, ${max}], got ${raw}`);
    return n;
  };
  return {
    subscriptions: num('subscriptions', 'BENCH_SUBSCRIPTIONS', 10_000, 1, 15_000),
    zones: num('zones', 'BENCH_ZONES', 50, 1, 500),
    rounds: num('rounds', 'BENCH_ROUNDS', 3, 1, 20),
  };
}

/** The clients' child process, driven by request/reply messages. */
class Clients {
  private readonly child: ChildProcess;
  private waiting: ((r: ClientReply) => void) | undefined;

  constructor() {
    this.child = fork(new URL('./lib/sse-clients.ts', import.meta.url), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    this.child.on('message', (r: ClientReply) => this.waiting?.(r));
  }

  ask<T extends ClientReply>(c: ClientCommand): Promise<T> {
    return new Promise((resolve, reject) => {
      this.waiting = (r) => (r.ok === 'error' ? reject(new Error(`clients: ${r.error}`)) : resolve(r as T));
      this.child.send(c);
    });
  }

  kill(): void {
    this.child.kill();
  }
}

let gc: (() => void) | undefined;
function fullGc(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  gc();
}

function memory(): { heap: number; rss: number } {
  fullGc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss };
}

interface Round {
  latency: LatencySummary;
  fanOut: LatencySummary;
  expected: number;
  received: number;
  how: string;
}

const ms = (ns: bigint) => Number(ns) / 1e6;
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '-');

/** A helicopter crossing the city northwards, reported overhead every 3 s (round `round` flies its own line). */
function crossing(round: number, m: number, start: number): Record<string, unknown> {
  const at = start + m * 3000;
  return {
    id: newUlid(at),
    time: new Date(at).toISOString(),
    spotter: { lat: 36.2 - 0.06 + m * 0.015, lon: 37.15 + ((round % 5) - 2) * 0.006 },
    aircraft: 'helicopter',
    overhead: true,
    heading_deg: 0,
  };
}

/** Who must receive an alert event: the subscribers of every zone it names, now or before it. */
async function touchedZones(server: BenchServer, seq: number): Promise<{ zones: Set<string>; frame: Buffer }> {
  const db = server.runtime.ctx.storage.db;
  const row = await db.selectFrom('events').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
  const e = readAlertEvent(eventFromRow(row))!;
  const zones = new Set(zonesNamed(e));
  const prior = await db.selectFrom('events').selectAll().where('subject_id', '=', row.subject_id).where('seq', '<', seq).orderBy('seq', 'desc').executeTakeFirst();
  if (prior) for (const z of zonesNamed(readAlertEvent(eventFromRow(prior))!)) zones.add(z);
  // The peer frames it itself (res.write): the SSE text alone.
  return { zones, frame: Buffer.from(alertSse(e)) };
}

async function lastSeq(server: BenchServer): Promise<number> {
  const r = await server.runtime.ctx.storage.db.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  return Number(r?.seq ?? 0);
}

async function firstAlertAfter(server: BenchServer, seq: number): Promise<number | null> {
  const r = await server.runtime.ctx.storage.db
    .selectFrom('events')
    .select('seq')
    .where('seq', '>', seq)
    .where('type', 'in', ['alert.issued', 'alert.updated'])
    .orderBy('seq')
    .executeTakeFirst();
  return r ? Number(r.seq) : null;
}

/**
 * Triggers one alert: sightings through POST /api/v1/sightings until one makes an alert event. Returns the send
 * time of that POST and the event, or null when the sightings warned no zone.
 */
async function triggerBySightings(server: BenchServer, clients: Clients, round: number): Promise<{ t0: bigint; seq: number } | null> {
  const start = Date.now() - 30_000;
  const port = Number(new URL(server.origin).port);
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${server.token}` };
  for (let m = 0; m <= 8; m++) {
    const before = await lastSeq(server);
    const body = JSON.stringify(crossing(round, m, start));
    const res = await clients.ask<Extract<ClientReply, { ok: 'posted' }>>({ cmd: 'post', port, path: '/api/v1/sightings', headers, body });
    if (res.status !== 201) throw new Error(`sighting: ${res.status}`);
    const seq = await firstAlertAfter(server, before);
    if (seq !== null) return { t0: BigInt(res.sentNs), seq };
  }
  return null;
}

/** The fallback when no sighting warns: an alert event written through the service layer, as the warning service writes it. */
async function triggerByService(server: BenchServer, zones: string[]): Promise<{ t0: bigint; seq: number }> {
  const t0 = process.hrtime.bigint();
  const now = new Date();
  const seq = await emitAlert(server.runtime.ctx, { type: 'alert.issued', alertId: newUlid(), zones: zones.slice(0, 3).map((z) => alertZone(z, now)) });
  return { t0, seq };
}

/** Arrival times from `t0` (the trigger sent, end to end) and from `fanOut` (the broadcast's start: civdef's event on the bus, the bare peer's write loop). */
async function measure(clients: Clients, expected: number, t0: bigint, fanOut: bigint): Promise<{ latency: LatencySummary; fanOut: LatencySummary; received: number }> {
  const got = await clients.ask<Extract<ClientReply, { ok: 'collected' }>>({ cmd: 'collect', expected, timeoutMs: 10_000 });
  const at = got.arrivals.map((a) => BigInt(a.ns));
  return { latency: summarize(at.map((ns) => ms(ns - t0))), fanOut: summarize(at.map((ns) => ms(ns - fanOut))), received: got.arrivals.length };
}

async function main(): Promise<void> {
  const s = parseArgs(process.argv.slice(2), process.env);
  const server = await startBenchServer();
  const clients = new Clients();
  let bare: Awaited<ReturnType<typeof startBareBroadcaster>> | undefined;
  let ok = true;
  try {
    const zoneRes = await fetch(`${server.origin}/api/v1/zones`);
    const allZones = ((await zoneRes.json()) as { features: Array<{ properties: { id: string } }> }).features.map((f) => f.properties.id);
    const zones = allZones.slice(0, s.zones);
    const zoneOf = (i: number) => zones[i % zones.length]!;
    const paths = Array.from({ length: s.subscriptions }, (_, i) => `/api/v1/alerts/stream?zones=${encodeURIComponent(zoneOf(i))}`);
    const port = Number(new URL(server.origin).port);
    console.log(`[setup] ${server.dialect} at ${server.location}; ${allZones.length} zones in the city, ${zones.length} used; ${s.subscriptions} subscriptions`);

    // When a committed alert event reaches the bus: the fan-out's start, the point the bare peer starts from.
    const bus = server.runtime.ctx.bus;
    const publish = bus.publish.bind(bus);
    let published = 0n;
    bus.publish = (events) => {
      if (events.some((e) => e.type.startsWith('alert.'))) published = process.hrtime.bigint();
      publish(events);
    };
    const hub = server.runtime.deps.delivery.stream.hub;
    const broadcast = hub.broadcast.bind(hub);
    let hubAt = 0n;
    let hubDone = 0n;
    hub.broadcast = (z, f) => {
      hubAt = process.hrtime.bigint();
      const n = broadcast(z, f);
      hubDone = process.hrtime.bigint();
      return n;
    };
    const before = memory();
    const opened = await clients.ask<Extract<ClientReply, { ok: 'opened' }>>({ cmd: 'open', port, paths, concurrency: 64 });
    if (opened.failed) throw new Error(`${opened.failed} of ${s.subscriptions} civdef streams failed to open`);
    const after = memory();
    const perSub = { heap: (after.heap - before.heap) / s.subscriptions, rss: (after.rss - before.rss) / s.subscriptions };
    console.log(`[civdef] ${opened.open} streams open in ${fmt(opened.ms / 1000, 1)} s; server memory per subscription: heap ${fmt(perSub.heap / 1024, 2)} KiB, RSS ${fmt(perSub.rss / 1024, 2)} KiB (hub: ${JSON.stringify(server.runtime.deps.delivery.stream.hub.counts())})`);

    let civdef: Round[] = [];
    const frames: Buffer[] = [];
    let serviceLayer = false;
    for (let r = 0; r < s.rounds; r++) {
      await clients.ask({ cmd: 'arm' });
      let trigger = serviceLayer ? null : await triggerBySightings(server, clients, r);
      if (!trigger) {
        if (!serviceLayer) console.log('[civdef] NOTE: the sightings warned no zone; alerts are written through the service layer (inTransaction + tx.emit) instead of POST /api/v1/sightings');
        serviceLayer = true;
        trigger = await triggerByService(server, zones);
      }
      const { zones: touched, frame } = await touchedZones(server, trigger.seq);
      frames.push(frame);
      const expected = paths.filter((_, i) => touched.has(zoneOf(i))).length;
      const m = await measure(clients, expected, trigger.t0, published);
      civdef.push({ ...m, expected, how: serviceLayer ? 'service layer' : 'sighting POST' });
      console.log(`[civdef]   bus publish -> hub broadcast ${fmt(ms(hubAt - published), 2)} ms; broadcast loop ${fmt(ms(hubDone - hubAt), 2)} ms; POST -> bus ${fmt(ms(published - trigger.t0), 2)} ms`);
      if (m.received < expected) ok = false;
      console.log(`[civdef] round ${r + 1} (${serviceLayer ? 'service layer' : 'sighting POST'}, ${touched.size} zones, ${frame.length} B frame): ${m.received}/${expected} subscribers, from the POST: p50 ${fmt(m.latency.p50, 2)} ms, p99 ${fmt(m.latency.p99, 2)} ms, max ${fmt(m.latency.max, 2)} ms; from the commit: p99 ${fmt(m.fanOut.p99, 2)} ms`);
      await new Promise((res) => setTimeout(res, 200));
    }
    await clients.ask({ cmd: 'close' });
    const drainEnd = Date.now() + 10_000;
    while (server.runtime.deps.delivery.stream.hub.counts().subscribers > 0 && Date.now() < drainEnd) await new Promise((res) => setTimeout(res, 50));

    bare = await startBareBroadcaster();
    const bareOpened = await clients.ask<Extract<ClientReply, { ok: 'opened' }>>({ cmd: 'open', port: bare.port, paths, concurrency: 64 });
    if (bareOpened.failed) throw new Error(`${bareOpened.failed} bare streams failed to open`);
    console.log(`[bare]   ${bareOpened.open} streams open in ${fmt(bareOpened.ms / 1000, 1)} s`);
    let peer: Round[] = [];
    for (let r = 0; r < s.rounds; r++) {
      await clients.ask({ cmd: 'arm' });
      const expected = civdef[r]!.expected;
      const res = await clients.ask<Extract<ClientReply, { ok: 'posted' }>>({ cmd: 'post', port: bare.port, path: `/broadcast?n=${expected}`, headers: { 'content-type': 'text/event-stream' }, body: frames[r]!.toString() });
      if (res.status !== 204) throw new Error(`bare broadcast: ${res.status}`);
      const m = await measure(clients, expected, BigInt(res.sentNs), bare.lastBroadcastNs());
      peer.push({ ...m, expected, how: 'bare' });
      console.log(`[bare]   round ${r + 1}: ${m.received}/${expected} sockets, p50 ${fmt(m.latency.p50, 2)} ms, p99 ${fmt(m.latency.p99, 2)} ms, max ${fmt(m.latency.max, 2)} ms`);
      await new Promise((res) => setTimeout(res, 200));
    }
    await clients.ask({ cmd: 'close' });

    // The budget is for a sighting's path: rounds that fell back to the service layer skip the POST, so they
    // are left out of the table (with their bare rounds) whenever any round went through a sighting.
    const bySighting = civdef.map((x, i) => i).filter((i) => civdef[i]!.how === 'sighting POST');
    const kept = bySighting.length ? bySighting : civdef.map((x, i) => i);
    const skipped = civdef.length - kept.length;
    civdef = kept.map((i) => civdef[i]!);
    peer = kept.map((i) => peer[i]!);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const med = (rs: Round[], f: (r: Round) => number) => median(rs.map(f));
    const p99 = med(civdef, (x) => x.latency.p99);
    const fanP99 = med(civdef, (x) => x.fanOut.p99);
    const bareP99 = med(peer, (x) => x.latency.p99);
    const ratio = p99 / bareP99;
    console.log('');
    if (skipped) console.log(`(${skipped} service-layer round(s) left out: the table is over the ${kept.length} sighting rounds)`);
    console.log(`| what (median of ${kept.length} rounds, ${s.subscriptions} streams open) | civdef | bare Node SSE | ratio | budget |`);
    console.log('| --- | --- | --- | --- | --- |');
    console.log(`| sighting POST sent -> alert at every subscriber of the warned zones, p50 | ${fmt(med(civdef, (x) => x.latency.p50))} ms | ${fmt(med(peer, (x) => x.latency.p50))} ms | ${fmt(med(civdef, (x) => x.latency.p50) / med(peer, (x) => x.latency.p50), 2)} | |`);
    console.log(`| the same, p99 | ${fmt(p99)} ms | ${fmt(bareP99)} ms | ${fmt(ratio, 2)} | <= 300 ms: ${p99 <= 300 ? 'met' : 'MISSED'}; <= 1.5x: ${ratio <= 1.5 ? 'met' : 'MISSED'} |`);
    console.log(`| the same, max | ${fmt(med(civdef, (x) => x.latency.max))} ms | ${fmt(med(peer, (x) => x.latency.max))} ms | | |`);
    const bareFanP99 = med(peer, (x) => x.fanOut.p99);
    console.log(`| fan-out only (civdef: event committed; bare: broadcast begun -> every subscriber), p99 | ${fmt(fanP99)} ms | ${fmt(bareFanP99)} ms | ${fmt(fanP99 / bareFanP99, 2)} | |`);
    console.log(`| subscribers reached per alert | ${med(civdef, (x) => x.received)} | same count | | |`);
    console.log(`| server memory per open subscription | heap ${fmt(perSub.heap / 1024, 2)} KiB, RSS ${fmt(perSub.rss / 1024, 2)} KiB | | | |`);
    console.log(`trigger: ${civdef.some((x) => x.how === 'service layer') ? 'alert events written through the service layer (the sightings warned no zone)' : 'POST /api/v1/sightings (the alert is decided in the sighting\'s transaction)'}; civdef time includes the POST's validation, engine and commit; both sides are timed from their trigger POST written by the same client`);
    if (!ok) console.log('FAIL: some subscribers of a warned zone never received the alert');
  } finally {
    clients.kill();
    await bare?.close();
    await server.close();
  }
  process.exit(ok ? 0 : 1);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
