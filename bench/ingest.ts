// npm run bench:ingest -- --help
//
// Incident ingest: POST /api/v1/incidents over loopback against a real server on SQLite and on PostgreSQL,
// beside the ceiling measured in the same run (bare better-sqlite3, same rows, same durability).
// Budget (docs: DESIGN.md "Budgets"): >= 2,000 incidents/s sustained and p99 <= 20 ms at 500/s, on SQLite.
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import { redactUrl } from '../apps/server/src/db/connect.js';
import { measureCeiling, type CeilingResult } from './lib/ceiling.js';
import { GRACE_S, type LoadJob, type LoadKind, type LoadResult } from './lib/load-types.js';
import { summarize, type LatencySummary } from './lib/stats.js';
import { createPgDatabase, pgDurability, startBenchServer, type BenchServer, type PgTarget } from './lib/server.js';

const USAGE = `Usage: npm run bench:ingest -- [options]

Starts a civdef server in this process (127.0.0.1, free port, fresh SQLite in a temp folder; the test
configuration, in which merging a report into a nearby open incident is off, so every POST makes an incident:
with merging on, each report also runs one indexed search for incidents of its kind nearby, about 50 us more
CPU), logs in as a dispatcher and drives POST /api/v1/incidents with distinct valid incidents from a worker thread:
  max        autocannon, closed loop, <connections> connections, <duration> s: sustained 201s per second.
             On SQLite it runs in <rounds> slices, each right after a slice of the ceiling (below).
  paced      open loop, one request every 1000/<rate> ms for <duration> s; latency from the scheduled send
             time (no coordinated omission); requests unanswered ${GRACE_S} s after the last was due are counted.
  ac-rate    autocannon overallRate=<rate> for <duration>/2 s, for comparison (it sends each connection's
             per-second quota back to back, so its latencies are those of bursts of <connections>).
After each phase it checks durability: rows in incidents = 201s the server sent, every id the client got a
201 for is stored, no non-2xx, no socket errors. The same phases run on PostgreSQL (a fresh database
civdef_bench_<pid>, dropped afterwards) unless it is unreachable. The ceiling (peer) is bare better-sqlite3
writing the same incident + event rows into the server's schema, one transaction each, WAL + synchronous=FULL.

Options (or environment variables):
  --duration <s>        seconds per phase                          BENCH_DURATION     default 10
  --connections <n>     connections                                BENCH_CONNECTIONS  default 32
  --rate <n>            fixed request rate per second              BENCH_RATE         default 500
  --ceiling <s>         seconds of ceiling loop in all             BENCH_CEILING      default 5
  --rounds <n>          slices of the SQLite max phase and ceiling BENCH_ROUNDS       default 5
  --no-pg               skip PostgreSQL
  --help                this text
  DATABASE_URL          PostgreSQL admin URL (default postgres://postgres@127.0.0.1:5432/postgres)

Takes about 60-85 s with the defaults. Exits 1 when a durability check fails; budget misses are reported in
the table, not in the exit code.`;

interface Settings {
  durationS: number;
  connections: number;
  rate: number;
  ceilingS: number;
  rounds: number;
  pg: boolean;
  pgUrl: string;
}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Settings {
  const flags = new Map<string, string>();
  let pg = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (a === '--no-pg') pg = false;
    else if (/^--[a-z-]+=/.test(a)) flags.set(a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
    else if (/^--[a-z-]+$/.test(a) && i + 1 < argv.length) flags.set(a.slice(2), argv[++i]!);
    else throw new Error(`unknown argument ${a}\n\n${USAGE}`);
  }
  const known = new Set(['duration', 'connections', 'rate', 'ceiling', 'rounds']);
  for (const k of flags.keys()) if (!known.has(k)) throw new Error(`unknown option --${k}\n\n${USAGE}`);
  const num = (flag: string, envName: string, dflt: number, min: number, max: number): number => {
    const raw = flags.get(flag) ?? env[envName];
    if (raw === undefined || raw === '') return dflt;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${flag} (${envName}) must be a number in [${min}, ${max}], got ${raw}`);
    return n;
  };
  return {
    durationS: num('duration', 'BENCH_DURATION', 10, 1, 120),
    connections: Math.round(num('connections', 'BENCH_CONNECTIONS', 32, 1, 1024)),
    rate: Math.round(num('rate', 'BENCH_RATE', 500, 1, 100_000)),
    ceilingS: num('ceiling', 'BENCH_CEILING', 5, 1, 60),
    rounds: Math.round(num('rounds', 'BENCH_ROUNDS', 5, 1, 20)),
    pg,
    pgUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  };
}

// A worker does not inherit tsx's loader on Node 20, so its entry registers tsx and then imports the TypeScript.
const WORKER_BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then(({ register }) => { register(); return import(${JSON.stringify(new URL('./lib/load-worker.ts', import.meta.url).href)}); })`;

/** Runs one load phase in a worker thread. */
function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_BOOT, { eval: true, workerData: job });
    let settled = false;
    worker.once('message', (msg: { ok: true; result: LoadResult } | { ok: false; error: string }) => {
      settled = true;
      if (msg.ok) resolve(msg.result);
      else reject(new Error(`load worker failed: ${msg.error}`));
      void worker.terminate();
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`load worker exited with code ${code} before reporting`));
    });
  });
}

interface Row {
  dialect: string;
  phase: string;
  rps: number;
  p50: number;
  p99: number;
  budget: string;
  result: string;
}

const GRACE_NOTE = `${GRACE_S} s after the last was due (the server fell behind the rate; p50/p99 are over answered requests only)`;
const PHASE_NAMES: Record<LoadKind, string> = { closed: 'max', paced: 'paced', 'autocannon-rate': 'ac-rate' };
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '-');
const sumStatuses = (s: Record<string, number>, pred: (code: number) => boolean) =>
  Object.entries(s).reduce((acc, [code, n]) => (pred(Number(code)) ? acc + n : acc), 0);

interface Durability {
  ok: boolean;
  line: string;
}

/** After a phase: is every acknowledged write stored, and nothing else answered? */
async function checkDurability(server: BenchServer, phase: LoadResult, rowsBefore: number): Promise<Durability & { rows: number }> {
  const drained = await server.drain();
  const rows = await server.countIncidents();
  const served201 = server.served[201] ?? 0;
  const servedOther = sumStatuses(server.served, (c) => c !== 201);
  const clientNon201 = sumStatuses(phase.statuses, (c) => c !== 201);
  const present = await server.countPresent(phase.ackedIds);
  const problems: string[] = [];
  if (!drained) problems.push('server did not drain within 5 s');
  if (rows !== served201) problems.push(`rows ${rows} != 201s sent by the server ${served201}`);
  if (present !== phase.ackedIds.length) problems.push(`${phase.ackedIds.length - present} of ${phase.ackedIds.length} ids acknowledged to the client are missing`);
  if (servedOther) problems.push(`server sent ${servedOther} non-201 answers: ${JSON.stringify(server.served)}`);
  if (clientNon201) problems.push(`client saw ${clientNon201} non-201 answers: ${JSON.stringify(phase.statuses)}`);
  if (phase.errors) problems.push(`${phase.errors} socket errors/timeouts`);
  const added = rows - rowsBefore;
  const line =
    `+${added} rows (total ${rows} = ${served201} 201s sent by the server); ${phase.ackedIds.length} 201s received, all stored: ` +
    `${present === phase.ackedIds.length ? 'yes' : 'NO'}; ${added - phase.ackedIds.length} committed but not received ` +
    `(in flight when the load tool stopped${phase.unanswered ? `, or among ${phase.unanswered} unanswered` : ''})` +
    (problems.length ? `  FAIL: ${problems.join('; ')}` : '  ok');
  return { ok: problems.length === 0, line, rows };
}

interface Phase {
  kind: LoadKind;
  durationS: number;
  title: string;
}

/** One load phase, then its durability check; prints both. */
async function runPhase(label: string, server: BenchServer, s: Settings, p: Phase, rowsBefore: number): Promise<{ r: LoadResult; d: Durability & { rows: number } }> {
  const r = await runLoad({ kind: p.kind, origin: server.origin, token: server.token, durationS: p.durationS, connections: s.connections, rate: s.rate });
  const d = await checkDurability(server, r, rowsBefore);
  console.log(
    `[${label}] ${p.title}: ${fmt(r.ackedIds.length / r.elapsedS)} 201/s, p50 ${fmt(r.latency.p50, 2)} ms, p90 ${fmt(r.latency.p90, 2)} ms, ` +
      `p99 ${fmt(r.latency.p99, 2)} ms, max ${fmt(r.latency.max, 2)} ms over ${r.latency.count} answers in ${fmt(r.elapsedS, 2)} s` +
      (r.unanswered ? `; ${r.unanswered} still unanswered ${GRACE_NOTE}` : ''),
  );
  console.log(`[${label}]   durability: ${d.line}`);
  return { r, d };
}

interface Ratio {
  http: number;
  ceiling: number;
  rounds: Array<{ http: number; ceiling: number }>;
  ceilingLatency: LatencySummary;
}

/**
 * The three phases on one server. With `ceilingSlice`, the max phase runs in `s.rounds` slices, each right
 * after a slice of the ceiling, so both see the same machine (the disk and the neighbours change speed by the second).
 */
async function benchDialect(
  label: string,
  server: BenchServer,
  s: Settings,
  budgets: boolean,
  ceilingSlice?: (seconds: number) => Promise<CeilingResult>,
): Promise<{ ok: boolean; rows: Row[]; ratio?: Ratio }> {
  let ok = true;
  const rows: Row[] = [];
  let rowsBefore = await server.countIncidents();
  const step = async (p: Phase) => {
    const out = await runPhase(label, server, s, p, rowsBefore);
    rowsBefore = out.d.rows;
    ok &&= out.d.ok;
    return out;
  };
  const record = (kind: LoadKind, rps: number, latency: LatencySummary, unanswered: number, durable: boolean) => {
    const throughputPhase = kind === 'closed';
    const pass = throughputPhase ? rps >= 2000 : latency.p99 <= 20 && unanswered === 0;
    rows.push({
      dialect: label,
      phase: `${PHASE_NAMES[kind]}${throughputPhase ? ` c=${s.connections}` : ` ${s.rate}/s`}`,
      rps,
      p50: latency.p50,
      p99: latency.p99,
      budget: throughputPhase ? '>= 2,000/s' : 'p99 <= 20 ms',
      result: (pass ? 'pass' : 'FAIL') + (budgets ? '' : ' (info)') + (unanswered ? `, ${unanswered} unanswered` : '') + (durable ? '' : ', DURABILITY FAIL'),
    });
  };

  await step({ kind: 'closed', durationS: 1, title: 'warm-up 1 s (not reported)' });

  // max: closed loop, in rounds beside the ceiling when there is one.
  const rounds = ceilingSlice ? s.rounds : 1;
  const slice = s.durationS / rounds;
  let acked = 0;
  let elapsed = 0;
  let durable = true;
  const samples: number[] = [];
  const ceilings: CeilingResult[] = [];
  const perRound: Array<{ http: number; ceiling: number }> = [];
  for (let i = 0; i < rounds; i++) {
    let c: CeilingResult | undefined;
    if (ceilingSlice) {
      c = await ceilingSlice(s.ceilingS / rounds);
      ceilings.push(c);
      console.log(
        `[ceiling] round ${i + 1}/${rounds}: bare better-sqlite3 (incident + event per transaction, WAL, synchronous=FULL): ` +
          `${c.rows} rows in ${fmt(c.elapsedS, 2)} s = ${fmt(c.rowsPerS)} rows/s; per transaction p50 ${fmt(c.latency.p50, 3)} ms, p99 ${fmt(c.latency.p99, 3)} ms`,
      );
    }
    const title = rounds > 1 ? `max round ${i + 1}/${rounds}: closed loop, ${s.connections} connections, ${fmt(slice, 1)} s` : `max: closed loop, ${s.connections} connections, ${fmt(slice, 1)} s`;
    const { r, d } = await step({ kind: 'closed', durationS: slice, title });
    acked += r.ackedIds.length;
    elapsed += r.elapsedS;
    durable &&= d.ok;
    for (const v of r.samples) samples.push(v);
    if (c) perRound.push({ http: r.ackedIds.length / r.elapsedS, ceiling: c.rowsPerS });
  }
  const maxRps = acked / elapsed;
  record('closed', maxRps, summarize(samples), 0, durable);

  const paced = await step({ kind: 'paced', durationS: s.durationS, title: `paced: open loop at ${s.rate}/s, ${s.durationS} s` });
  record('paced', paced.r.ackedIds.length / paced.r.elapsedS, paced.r.latency, paced.r.unanswered, paced.d.ok);

  const acS = Math.max(1, Math.round(s.durationS / 2));
  const ac = await step({ kind: 'autocannon-rate', durationS: acS, title: `ac-rate: autocannon overallRate=${s.rate}, ${s.connections} connections, ${acS} s` });
  record('autocannon-rate', ac.r.ackedIds.length / ac.r.elapsedS, ac.r.latency, 0, ac.d.ok);

  if (!ceilings.length) return { ok, rows };
  const ceilingRate = ceilings.reduce((a, c) => a + c.rows, 0) / ceilings.reduce((a, c) => a + c.elapsedS, 0);
  return { ok, rows, ratio: { http: maxRps, ceiling: ceilingRate, rounds: perRound, ceilingLatency: summarize(ceilings.flatMap((c) => c.samples)) } };
}

function printTable(rows: Row[]): void {
  const head = ['dialect', 'phase', 'req/s', 'p50 ms', 'p99 ms', 'budget', 'result'];
  const body = rows.map((r) => [r.dialect, r.phase, fmt(r.rps, 0), fmt(r.p50, 2), fmt(r.p99, 2), r.budget, r.result]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const right = new Set([2, 3, 4]);
  const line = (cells: string[]) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

async function main(): Promise<void> {
  const s = parseArgs(process.argv.slice(2), process.env);
  const t0 = Date.now();
  console.log(`civdef ingest bench: node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'})`);
  console.log(`phases: ${s.durationS} s each, ${s.connections} connections, fixed rate ${s.rate}/s; SQLite max phase and ${s.ceilingS} s of ceiling interleaved in ${s.rounds} rounds\n`);

  const rows: Row[] = [];
  let durable = true;

  const sqlite = await startBenchServer(undefined);
  let ratio: Ratio | undefined;
  try {
    console.log(`[sqlite] server ${sqlite.origin}, data ${sqlite.location} (WAL, synchronous=FULL)`);
    const out = await benchDialect('sqlite', sqlite, s, true, measureCeiling);
    rows.push(...out.rows);
    durable &&= out.ok;
    ratio = out.ratio;
  } finally {
    await sqlite.close();
  }

  let pgNote = '';
  if (s.pg) {
    let target: PgTarget | undefined;
    try {
      target = await createPgDatabase(s.pgUrl);
    } catch (err) {
      pgNote = `PostgreSQL skipped: ${redactUrl(s.pgUrl)} unreachable (${err instanceof Error ? err.message : String(err)})`;
      console.log(`\n[postgres] ${pgNote}`);
    }
    if (target) {
      try {
        const server = await startBenchServer(target.url);
        try {
          console.log(`\n[postgres] server ${server.origin}, database ${server.location} (${await pgDurability(server)})`);
          const out = await benchDialect('postgres', server, s, false);
          rows.push(...out.rows);
          durable &&= out.ok;
        } finally {
          await server.close();
        }
      } finally {
        await target.drop();
      }
    }
  } else pgNote = 'PostgreSQL skipped (--no-pg)';

  if (ratio) {
    rows.push({
      dialect: 'ceiling',
      phase: `bare better-sqlite3 ${fmt(s.ceilingS, 0)} s`,
      rps: ratio.ceiling,
      p50: ratio.ceilingLatency.p50,
      p99: ratio.ceilingLatency.p99,
      budget: '(peer)',
      result: 'rows/s, 1 transaction each',
    });
  }

  console.log(`\n=== incident ingest (${((Date.now() - t0) / 1000).toFixed(0)} s run) ===`);
  printTable(rows);
  if (ratio) {
    const each = ratio.rounds.map((r) => r.http / r.ceiling).sort((a, b) => a - b);
    console.log(
      `\nSQLite HTTP max / ceiling: ${fmt(ratio.http, 0)} / ${fmt(ratio.ceiling, 0)} = ${(ratio.http / ratio.ceiling).toFixed(2)}; ` +
        `per round ${ratio.rounds.map((r) => `${fmt(r.http, 0)}/${fmt(r.ceiling, 0)}`).join(', ')} -> median ${each[each.length >> 1]!.toFixed(2)} (${each[0]!.toFixed(2)}-${each[each.length - 1]!.toFixed(2)})`,
    );
  }
  console.log('Budget is for SQLite; PostgreSQL rows are informational. "paced" is the open-loop reading of p99 at the fixed rate;');
  console.log('"ac-rate" is autocannon overallRate, whose connections send each second\'s quota back to back.');
  if (pgNote) console.log(pgNote);
  console.log(durable ? 'Durability: every phase ok.' : 'Durability: FAILED (see lines above).');
  if (!durable) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
